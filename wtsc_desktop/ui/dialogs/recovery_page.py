"""The setup wizard's last page: the recovery key, shown once, to print or save as a PDF.

Finish stays disabled until the person ticks that they have printed or saved it, because
without the key or a second safeguarding lead's account a forgotten password loses every
record.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from wtsc_desktop.ui.dialogs.recovery_sheet import RecoveryKeyKeeper, recovery_sheet_document
from wtsc_desktop.ui.dialogs.setup_pages import text_label
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel


class RecoveryKeyPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Your recovery key")
        self.setSubTitle("The record store is made. This key is shown only once.")
        self.recovery_key = ""
        self.document: QTextDocument | None = None
        self.keeper = RecoveryKeyKeeper(self, lambda: self.document, lambda: self.feedback)
        column = QVBoxLayout(self)
        column.addWidget(
            text_label(
                "If you forget your password and there is no other safeguarding lead to "
                "reset it, this key is the only way back in. <b>Without the recovery key or "
                "a second DSL account, a forgotten password loses every record.</b>",
                self,
            )
        )
        self.key_label = QLabel(self)
        self.key_label.setObjectName("recoveryKey")
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.8)
        font.setBold(True)
        self.key_label.setFont(font)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.key_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.key_label.setAccessibleName("Recovery key")
        self.key_label.setMargin(12)
        self.key_label.setFrameShape(QFrame.Shape.StyledPanel)
        self.key_label.setBackgroundRole(QPalette.ColorRole.Base)
        self.key_label.setAutoFillBackground(True)
        column.addWidget(self.key_label)

        buttons = QHBoxLayout()
        self.print_button = QPushButton("&Print…", self)
        self.print_button.setAccessibleName("Print the recovery key")
        self.pdf_button = QPushButton("&Save as PDF…", self)
        self.pdf_button.setAccessibleName("Save the recovery key as a PDF")
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addWidget(
            text_label(
                "Keep the printed sheet locked away, away from this PC. A PDF is an ordinary "
                "file: save it to a USB stick that you lock away, or print it and delete it. "
                "Do not leave it on this PC.",
                self,
                name="hint",
            )
        )
        column.addWidget(
            text_label(
                "<b>Next, once you have signed in:</b> add a second designated safeguarding "
                "lead account under Users, for example for your deputy. Another DSL can reset "
                "your password if you forget it.",
                self,
            )
        )
        self.feedback = FeedbackLabel(self)
        column.addWidget(self.feedback)
        self.saved = QCheckBox(
            "&I have printed or saved the recovery key and will keep it locked away", self
        )
        self.saved.setAccessibleName(self.saved.text().replace("&", ""))
        column.addSpacing(6)
        column.addWidget(self.saved)
        column.addStretch(1)
        # The "*" makes ticking the box a condition of Finish (QWizard mandatory field).
        self.registerField("recovery_key_saved*", self.saved)
        self.print_button.clicked.connect(self.print_key)
        self.pdf_button.clicked.connect(self.choose_pdf_file)

    def show_key(self, *, organisation: str, recovery_key: str, made_on: dt.date) -> None:
        self.recovery_key = recovery_key
        self.key_label.setText(recovery_key)
        self.key_label.setAccessibleDescription(" ".join(recovery_key))
        self.document = recovery_sheet_document(
            organisation=organisation, recovery_key=recovery_key, made_on=made_on
        )

    def forget_key(self) -> None:
        self.recovery_key = ""
        self.key_label.clear()
        self.key_label.setAccessibleDescription("")
        self.document = None

    def initializePage(self) -> None:
        self.key_label.setFocus()

    def remind(self) -> None:
        self.feedback.show_error(
            "Print the recovery key or save it as a PDF, then tick the box below before you "
            "finish. The key cannot be shown again."
        )
        self.saved.setFocus()

    def validatePage(self) -> bool:
        return self.saved.isChecked()

    # --- print ----------------------------------------------------------------------

    def print_key(self) -> None:
        self.keeper.print_key()

    def choose_pdf_file(self) -> None:
        self.keeper.choose_pdf_file()

    def save_pdf_to(self, path: str | Path) -> None:
        self.keeper.save_pdf_to(path)

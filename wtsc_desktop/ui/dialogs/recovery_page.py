"""The setup wizard's last page: the recovery key, shown once, to print or save as a PDF.

Finish stays disabled until the person ticks that they have printed or saved it, because
without the key or a second safeguarding lead's account a forgotten password loses every
record.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QDir, Qt
from PySide6.QtGui import QFontDatabase, QPalette, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from wtsc_desktop.ui.dialogs.recovery_sheet import recovery_sheet_document, save_pdf
from wtsc_desktop.ui.dialogs.setup_pages import text_label
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel

PDF_NAME = "WTSC Desktop recovery key.pdf"


class RecoveryKeyPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Your recovery key")
        self.setSubTitle("The record store is made. This key is shown only once.")
        self.recovery_key = ""
        self.document: QTextDocument | None = None
        self._printer: QPrinter | None = None
        self._print_dialog: QPrintDialog | None = None
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
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName("WTSC Desktop recovery key")
        self._printer = printer
        dialog = QPrintDialog(printer, self)
        self._print_dialog = dialog
        dialog.setWindowTitle("Print the recovery key")
        dialog.setAccessibleName("Print the recovery key")
        dialog.finished.connect(self._print_finished)
        QDialog.open(dialog)  # PySide6 hides the plain open() behind open(receiver, member)

    def _print_finished(self, result: int) -> None:
        if self._print_dialog is not None:
            self._print_dialog.deleteLater()
            self._print_dialog = None
        if result != QDialog.DialogCode.Accepted or self._printer is None:
            return
        assert self.document is not None
        self.document.print_(self._printer)
        self.feedback.show_ok("The recovery key was sent to the printer. Check it printed.")

    # --- PDF ------------------------------------------------------------------------

    def choose_pdf_file(self) -> None:
        dialog = QFileDialog(self, "Save the recovery key as a PDF")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter("PDF files (*.pdf)")
        dialog.setDefaultSuffix("pdf")
        dialog.setDirectory(QDir.homePath())
        dialog.selectFile(PDF_NAME)
        dialog.setAccessibleName("Save the recovery key as a PDF")
        dialog.fileSelected.connect(self.save_pdf_to)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def save_pdf_to(self, path: str | Path) -> None:
        assert self.document is not None
        target = Path(path)
        if save_pdf(self.document, target):
            self.feedback.show_ok(f"Saved {target.name}. Lock it away, then tick the box.")
        else:
            self.feedback.show_error(
                f"The PDF could not be saved in {target.parent}. Choose another folder or a "
                "USB stick, and try again."
            )

"""Rotating the database key: a new master key and a new recovery key (DSL only).

The new recovery key is shown once, on the same printed sheet as at setup, and the dialog
will not close until the DSL ticks that it has been printed or saved. Everyone else then
needs a new password from the DSL, because their key slots opened the old key.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QTextDocument
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.clock import today_in_london
from wtsc_desktop.errors import ValidationError, WrongCredentials, WtscError
from wtsc_desktop.services import accounts
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.settings import read_settings
from wtsc_desktop.ui.dialogs.form_dialog import FormDialog
from wtsc_desktop.ui.dialogs.recovery_sheet import RecoveryKeyKeeper, recovery_sheet_document
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.form_parts import paragraph, password_box


def _recovery_key_box() -> QLineEdit:
    box = QLineEdit()
    box.setReadOnly(True)
    box.setAccessibleName("New recovery key")
    font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
    font.setPointSizeF(max(font.pointSizeF(), 10.0) * 1.4)
    font.setBold(True)
    box.setFont(font)
    box.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return box


class RotateKeyDialog(FormDialog):
    """Page one: why, and the DSL's password. Page two: the new recovery key."""

    area = "users"

    def __init__(
        self, signed: SignedIn, bus: DataBus | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            signed, bus, title="Rotate the database key", ok_text="Rotate the key", parent=parent
        )
        self.setMinimumWidth(620)
        self.document: QTextDocument | None = None
        self.keeper = RecoveryKeyKeeper(self, lambda: self.document, lambda: self.done_feedback)

        intro = paragraph(
            "This locks the records with a new key and makes a new recovery key; the old "
            "recovery key stops working. Do it when someone who knew a password or the "
            "recovery key has left, or if you think either has been seen.\n\n"
            "Afterwards, nobody else can sign in until you give them a new password (Users, "
            "then Reset password…). Backups made before now still open with the old "
            "passwords and the old recovery key."
        )
        self.password = password_box("Your password")
        self.form.addRow("Your &password", self.password)
        self.fields["password"] = self.password

        self.recovery_key = _recovery_key_box()
        self.print_button = QPushButton("&Print…")
        self.print_button.setAccessibleName("Print the recovery key")
        self.pdf_button = QPushButton("Save as P&DF…")
        self.pdf_button.setAccessibleName("Save the recovery key as a PDF")
        self.saved = QCheckBox("&I have printed or saved the new recovery key")
        self.saved.setAccessibleName("I have printed or saved the new recovery key")
        self.close_button = QPushButton("&Close")
        self.close_button.setAccessibleName("Close")
        self.close_button.setEnabled(False)
        self.done_feedback = FeedbackLabel()

        self.pages = QStackedWidget()
        self.pages.addWidget(self._first_page(intro))
        self.pages.addWidget(self._second_page())
        self.column.addWidget(self.pages)
        self.column.addWidget(self.feedback)
        self.column.addWidget(self.buttons)

        self.print_button.clicked.connect(self.print_key)
        self.pdf_button.clicked.connect(self.choose_pdf_file)
        self.saved.toggled.connect(self._saved_toggled)
        self.close_button.clicked.connect(self.accept)

    def _first_page(self, intro: QWidget) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(intro)
        column.addLayout(self.form)
        column.addStretch()
        return page

    def _second_page(self) -> QWidget:
        page = QWidget()
        column = QVBoxLayout(page)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(
            paragraph(
                "The database key has been changed. This is the new recovery key, shown only "
                "now: print it or save it as a PDF, and keep it locked away, apart from this "
                "computer. The old recovery key no longer works."
            )
        )
        column.addWidget(self.recovery_key)
        keep = QHBoxLayout()
        keep.addWidget(self.print_button)
        keep.addWidget(self.pdf_button)
        keep.addStretch()
        column.addLayout(keep)
        column.addWidget(
            paragraph(
                "Every other user now needs a new password from you before they can sign in: "
                "choose each person in Users, then Reset password…"
            )
        )
        column.addWidget(self.saved)
        column.addWidget(self.done_feedback)
        column.addStretch()
        column.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignRight)
        return page

    # --- rotating -----------------------------------------------------------------

    def save(self) -> None:
        try:
            made = accounts.rotate_key(self.signed, password=self.password.text())
        except WrongCredentials:
            raise ValidationError("password", "That is not your password. Type it again.") from None
        self.password.clear()
        self.recovery_key.setText(made.recovery_key)
        self.recovery_key.setAccessibleDescription(" ".join(made.recovery_key))
        self.document = recovery_sheet_document(
            organisation=str(read_settings(self.signed)["org.name"]),
            recovery_key=made.recovery_key,
            made_on=today_in_london(self.signed.store.clock),
        )
        self.pages.setCurrentIndex(1)
        self.buttons.hide()
        self.recovery_key.setFocus()
        self.recovery_key.deselect()

    def submit(self) -> None:
        # The key changes on the first page; the dialog stays open to show the new one.
        self.feedback.clear_message()
        try:
            self.save()
        except WtscError as error:
            self.show_problem(error)
            return
        if self.bus is not None:
            self.bus.announce(self.area)

    @property
    def rotated(self) -> bool:
        return self.pages.currentIndex() == 1

    def _saved_toggled(self, checked: bool) -> None:
        self.close_button.setEnabled(checked)
        if checked:
            self.done_feedback.clear_message()
            self.close_button.setDefault(True)

    def reject(self) -> None:
        """Escape and the window's close button: refused until the key is kept."""
        if not self.rotated:
            super().reject()
        elif self.saved.isChecked():
            self.accept()
        else:
            self.done_feedback.show_error(
                "Print the new recovery key or save it as a PDF, then tick the box to say so. "
                "It cannot be shown again."
            )
            self.saved.setFocus()

    # --- keeping the key ----------------------------------------------------------

    def print_key(self) -> None:
        self.keeper.print_key()

    def choose_pdf_file(self) -> None:
        self.keeper.choose_pdf_file()

    def save_pdf_to(self, path: str | Path) -> None:
        self.keeper.save_pdf_to(path)

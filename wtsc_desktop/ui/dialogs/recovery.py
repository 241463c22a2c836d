"""Getting back in: a new password with the printed recovery key, or restoring a backup.

Both work before anyone is signed in, from the sign-in screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.clock import Clock
from wtsc_desktop.errors import ValidationError, WtscError
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.accounts import reset_with_recovery_key
from wtsc_desktop.services.backups import restore
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel


def _line(name: str, *, secret: bool = False) -> QLineEdit:
    edit = QLineEdit()
    edit.setAccessibleName(name)
    if secret:
        edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setAccessibleName(ok_text)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setAccessibleName("Cancel")
    box.rejected.connect(dialog.reject)
    return box


class ForgottenPasswordDialog(QDialog):
    """Set a new password with the recovery key printed at setup."""

    def __init__(self, paths: StorePaths, clock: Clock, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._paths, self._clock = paths, clock
        self.setWindowTitle("Forgotten password")
        self.setAccessibleName("Forgotten password")
        intro = QLabel(
            "Type the recovery key printed when this record store was set up, your user name "
            "and a new password. If you have no recovery key, ask another designated "
            "safeguarding lead to reset your password."
        )
        intro.setWordWrap(True)
        self.recovery_key = _line("Recovery key")
        self.recovery_key.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.user_name = _line("User name")
        self.new_password = _line("New password", secret=True)
        self.confirm = _line("New password again", secret=True)
        self.feedback = FeedbackLabel()
        form = QFormLayout()
        form.addRow("&Recovery key", self.recovery_key)
        form.addRow("&User name", self.user_name)
        form.addRow("&New password", self.new_password)
        form.addRow("New password &again", self.confirm)
        self.buttons = _buttons(self, "Set new password")
        self.buttons.accepted.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addWidget(self.buttons)

    def submit(self) -> None:
        if self.new_password.text() != self.confirm.text():
            self.feedback.show_error("The two new passwords are not the same. Type them again.")
            self.confirm.clear()
            self.confirm.setFocus()
            return
        try:
            reset_with_recovery_key(
                self._paths,
                recovery_key=self.recovery_key.text(),
                user_name=self.user_name.text(),
                new_password=self.new_password.text(),
                clock=self._clock,
            )
        except WtscError as exc:
            self.feedback.show_error(exc)
            return
        self.accept()


class RestoreDialog(QDialog):
    """Replace this computer's store with a checked backup (a DSL in that backup only)."""

    def __init__(
        self, paths: StorePaths, clock: Clock, backup: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._paths, self._clock = paths, clock
        self.setWindowTitle("Restore a backup")
        self.setAccessibleName("Restore a backup")
        intro = QLabel(
            "Restoring replaces the records on this computer with those in the backup. "
            "The backup is checked first; if anything is wrong, nothing changes. The records "
            "being replaced are kept in the backups folder. Type the user name and password "
            "of a designated safeguarding lead as they were when the backup was made."
        )
        intro.setWordWrap(True)
        self.backup_file = _line("Backup file")
        self.backup_file.setText(backup)
        choose = QPushButton("Choose…")
        choose.setAccessibleName("Choose a backup file")
        choose.clicked.connect(self._choose)
        file_row = QHBoxLayout()
        file_row.addWidget(self.backup_file)
        file_row.addWidget(choose)
        self.user_name = _line("User name")
        self.password = _line("Password", secret=True)
        self.feedback = FeedbackLabel()
        form = QFormLayout()
        form.addRow("&Backup file", file_row)
        form.addRow("&User name", self.user_name)
        form.addRow("&Password", self.password)
        self.buttons = _buttons(self, "Check and restore")
        self.buttons.accepted.connect(self.submit)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.feedback)
        layout.addWidget(self.buttons)

    def _choose(self) -> None:
        dialog = QFileDialog(self, "Choose a backup file")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setNameFilter("WTSC Desktop backups (*.wtscbackup)")
        dialog.fileSelected.connect(self.backup_file.setText)
        dialog.open()

    def submit(self) -> None:
        if not self.backup_file.text().strip():
            self.feedback.show_error(ValidationError("backup", "Choose a backup file first."))
            return
        try:
            restore(
                self._paths,
                source=Path(self.backup_file.text().strip()),
                user_name=self.user_name.text(),
                password=self.password.text(),
                clock=self._clock,
            )
        except WtscError as exc:
            self.password.clear()
            self.feedback.show_error(exc)
            return
        self.accept()

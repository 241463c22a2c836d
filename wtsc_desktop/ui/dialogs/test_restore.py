"""A test restore: open a backup file and check it whole, changing nothing on this computer.

Testing now and then is how a DSL knows the backups would work on the day they are needed.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QWidget

from wtsc_desktop.errors import BackupInvalid, ValidationError, WrongCredentials
from wtsc_desktop.services import backups
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.dialogs.form_dialog import FormDialog
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.widgets.form_parts import paragraph, password_box, text_box

BACKUP_FILES = "WTSC Desktop backups (*.wtscbackup)"


class TestRestoreDialog(FormDialog):
    __test__ = False  # not a pytest test class, whatever its name

    area = "backups"

    def __init__(
        self,
        signed: SignedIn,
        bus: DataBus,
        parent: QWidget | None = None,
        *,
        backup: str = "",
    ) -> None:
        super().__init__(
            signed, bus, title="Test a restore", ok_text="Test this backup", parent=parent
        )
        intro = paragraph(
            "Choose a backup file, for example on your USB stick, and type your password as "
            "it was when the backup was made. The backup is opened and checked in a "
            "temporary folder; nothing on this computer changes."
        )
        self.backup_file = text_box("Backup file", max_length=4000)
        self.backup_file.setText(backup)
        self.choose_button = QPushButton("&Choose…")
        self.choose_button.setAccessibleName("Choose a backup file")
        self.choose_button.clicked.connect(self.choose_file)
        file_row = QWidget()
        row = QHBoxLayout(file_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.backup_file, 1)
        row.addWidget(self.choose_button)
        file_row.setFocusProxy(self.backup_file)
        self.password = password_box("Your password")
        self.form.addRow("&Backup file", file_row)
        self.form.addRow("Your &password", self.password)
        self.fields.update(backup=self.backup_file, password=self.password)
        self.finish_layout(intro)
        self.file_dialog: QFileDialog | None = None
        self.tested: Path | None = None

    def choose_file(self) -> None:
        dialog = QFileDialog(self, "Choose a backup file")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(BACKUP_FILES)
        current = Path(self.backup_file.text().strip())
        dialog.setDirectory(
            str(current.parent) if self.backup_file.text().strip() else QDir.homePath()
        )
        dialog.setAccessibleName("Choose a backup file")
        dialog.fileSelected.connect(self.backup_file.setText)
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()

    def save(self) -> None:
        text = self.backup_file.text().strip()
        if not text:
            raise ValidationError("backup", "Choose a backup file first.")
        source = Path(text)
        if not source.is_file():
            raise ValidationError("backup", f"There is no file at {source}. Choose it again.")
        try:
            problems = backups.test_restore(
                self.signed, source=source, password=self.password.text()
            )
        except WrongCredentials:
            raise ValidationError(
                "password",
                "That password does not open this backup. Type your password as it was when "
                "the backup was made.",
            ) from None
        if problems:
            raise BackupInvalid(problems[0])
        self.tested = source

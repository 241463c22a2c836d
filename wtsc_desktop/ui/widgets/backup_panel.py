"""Backups on the Settings screen: when the last ones were made, a backup to a chosen file
(a USB stick), and a test restore. A real restore replaces the store, so it is done from
the sign-in screen or the command line, where nobody is signed in to it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDir, Qt
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QGroupBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.clock import today_in_london
from wtsc_desktop.errors import WtscError
from wtsc_desktop.services import backups
from wtsc_desktop.services.backups import BackupStatus
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.dialogs.test_restore import BACKUP_FILES, TestRestoreDialog
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.formats import datetime_text
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.form_parts import paragraph


def status_lines(status: BackupStatus) -> list[str]:
    """The backup status in plain words, one line each."""
    lines = [
        "Last backup: "
        + (datetime_text(status.last_backup_at) or "none yet. Back up now to a file."),
        "Last backup to another drive: "
        + (
            datetime_text(status.last_other_drive_at)
            or "none yet. Back up to a USB stick or another drive, and keep it locked away."
        ),
    ]
    tested = datetime_text(status.last_test_restore_at)
    if status.test_restore_due:
        lines.append(
            "Test restore: due"
            + (f" (last tested {tested})" if tested else "")
            + ". Test a backup so you know it will work when you need it."
        )
    else:
        lines.append("Last test restore: " + (tested or "none yet"))
    return lines


class BackupPanel(QGroupBox):
    def __init__(self, signed: SignedIn, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__("Backups", parent)
        self.signed = signed
        self.bus = bus
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setAccessibleName("Backup status")
        self.backup_button = QPushButton("&Back up now to a file…")
        self.backup_button.setAccessibleName("Back up now to a file")
        self.test_button = QPushButton("T&est a restore…")
        self.test_button.setAccessibleName("Test a restore")
        self.feedback = FeedbackLabel()
        column = QVBoxLayout(self)
        column.addWidget(self.status)
        column.addWidget(
            paragraph(
                "A backup is encrypted like the records: it opens only with a password of "
                "the day it was made, or the recovery key of that day.",
                hint=True,
            )
        )
        column.addWidget(self.backup_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.feedback)
        column.addWidget(
            paragraph(
                "To replace the records with a backup, choose “Restore a backup…” on the "
                "sign-in screen, or run “wtsc-desktop restore” from the command line.",
                hint=True,
            )
        )
        self.backup_button.clicked.connect(self.choose_target)
        self.test_button.clicked.connect(self.open_test_restore)
        bus.changed.connect(self._data_changed)
        self.file_dialog: QFileDialog | None = None
        self.test_dialog: TestRestoreDialog | None = None
        self.refresh()

    def refresh(self) -> None:
        try:
            status = backups.backup_status(self.signed)
        except WtscError as error:
            self.feedback.show_error(error)
            return
        text = "\n".join(status_lines(status))
        self.status.setText(text)
        self.status.setAccessibleDescription(text)

    def _data_changed(self, area: str) -> None:
        if area in ("backups", "settings"):
            self.refresh()

    # --- back up now --------------------------------------------------------------

    def choose_target(self) -> None:
        self.feedback.clear_message()
        today = today_in_london(self.signed.store.clock)
        dialog = QFileDialog(self, "Back up to a file")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter(BACKUP_FILES)
        dialog.setDefaultSuffix("wtscbackup")
        dialog.setDirectory(QDir.homePath())
        dialog.selectFile(f"WTSC backup {today:%Y-%m-%d}.wtscbackup")
        dialog.setAccessibleName("Back up to a file")
        dialog.fileSelected.connect(self.back_up_to)
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()

    def back_up_to(self, path: str | Path) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            made = backups.backup_to(self.signed, target=Path(path))
        except WtscError as error:
            self.feedback.show_error(error)
            return
        finally:
            QApplication.restoreOverrideCursor()
        self.bus.announce("backups")
        self.feedback.show_ok(
            f"Backed up to {made.path} at {datetime_text(made.at)}. Keep that drive locked "
            "away, apart from this computer."
        )

    # --- test a restore -----------------------------------------------------------

    def open_test_restore(self) -> None:
        self.feedback.clear_message()
        dialog = TestRestoreDialog(self.signed, self.bus, self)
        dialog.accepted.connect(lambda: self._tested(dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.test_dialog = dialog
        dialog.open()

    def _tested(self, dialog: TestRestoreDialog) -> None:
        if dialog.tested is not None:
            self.feedback.show_ok(
                f"The test restore passed: {dialog.tested.name} opens with your password and "
                "passed every check. Nothing on this computer was changed."
            )

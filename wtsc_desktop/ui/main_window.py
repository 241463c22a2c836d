"""The one top-level window: the sign-in (or lock) screen, or a signed-in workspace, with
the menus and a status bar saying who is signed in, when the session locks and when the
last backup left this drive. It composes; the session flow decides what it shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QToolButton, QWidget

from wtsc_desktop import APP_NAME
from wtsc_desktop.ui.formats import date_text

if TYPE_CHECKING:
    from wtsc_desktop.services.backups import BackupStatus
    from wtsc_desktop.services.context import Actor


class MainWindow(QMainWindow):
    lock_requested = Signal()
    sign_out_requested = Signal()
    change_password_requested = Signal()
    theme_toggled = Signal(bool)  # dark?
    closing = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # No names or records in the title: it shows in the taskbar and screen shares.
        self.setWindowTitle(APP_NAME)
        self.setAccessibleName(APP_NAME)
        self.pages = QStackedWidget()
        self.setCentralWidget(self.pages)
        self.who = QLabel()
        self.who.setAccessibleName("Signed in as")
        self.lock_info = QLabel()
        self.lock_info.setAccessibleName("When the session locks")
        self.backup_info = QLabel()
        self.backup_info.setAccessibleName("Backups")
        for label in (self.who, self.lock_info, self.backup_info):
            self.statusBar().addPermanentWidget(label)
        self.statusBar().setSizeGripEnabled(False)

        self.lock_action = QAction("&Lock", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.triggered.connect(self.lock_requested)
        self.addAction(self.lock_action)
        self.sign_out_action = QAction("Sign &out", self)
        self.sign_out_action.triggered.connect(self.sign_out_requested)
        self.password_action = QAction("Change my &password…", self)
        self.password_action.triggered.connect(self.change_password_requested)
        self.dark_action = QAction("&Dark palette", self)
        self.dark_action.setCheckable(True)
        self.dark_action.toggled.connect(self.theme_toggled)
        self.quit_action = QAction("&Quit", self)
        self.quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        self.quit_action.triggered.connect(self.close)
        account = self.menuBar().addMenu("&Account")
        account.addAction(self.password_action)
        account.addAction(self.lock_action)
        account.addAction(self.sign_out_action)
        account.addSeparator()
        account.addAction(self.quit_action)
        view = self.menuBar().addMenu("&View")
        view.addAction(self.dark_action)
        self.toolbar = self.addToolBar("Tools")
        self.toolbar.setObjectName("tools")
        self.toolbar.setMovable(False)
        self.toolbar.setAccessibleName("Tools")
        # Qt's own "more tools" button shows when the window is too narrow for the toolbar.
        for more in self.toolbar.findChildren(QToolButton, "qt_toolbar_ext_button"):
            more.setAccessibleName("More tools")
            more.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.set_signed_in(None)

    def show_page(self, page: QWidget) -> None:
        """Show ``page``, destroying whatever was shown before (views never linger)."""
        while (old := self.pages.widget(0)) is not None:
            self.pages.removeWidget(old)
            old.deleteLater()
        self.pages.addWidget(page)
        self.pages.setCurrentWidget(page)

    def set_tools(self, widgets: list[QWidget]) -> None:
        """Replace the toolbar's contents; an empty list hides it."""
        self.toolbar.clear()
        for widget in widgets:
            self.toolbar.addWidget(widget)
        self.toolbar.setVisible(bool(widgets))

    def set_signed_in(self, actor: Actor | None) -> None:
        signed_in = actor is not None
        if not signed_in:
            self.set_tools([])
        for action in (self.sign_out_action, self.password_action):
            action.setEnabled(signed_in)
        self.lock_action.setEnabled(signed_in)
        self.who.setText(
            f"Signed in as {actor.full_name} ({actor.role.label.lower()})"
            if actor is not None
            else "Not signed in"
        )
        if not signed_in:
            self.lock_info.setText("")
            self.backup_info.setText("")

    def set_lock_countdown(self, seconds_left: float, idle_minutes: int) -> None:
        minutes = int(seconds_left // 60) + (1 if seconds_left % 60 else 0)
        if seconds_left >= idle_minutes * 60 - 60:
            self.lock_info.setText(f"Locks after {idle_minutes} min idle (Ctrl+L locks now)")
        else:
            self.lock_info.setText(f"Locks in {minutes} min unless you carry on")

    def set_backup_status(self, status: BackupStatus | None) -> None:
        if status is None:
            self.backup_info.setText("")
            return
        if status.last_other_drive_at is None:
            text = "No backup to another drive yet"
        else:
            text = f"Last backup to another drive: {date_text(status.last_other_drive_at.date())}"
        if status.test_restore_due:
            text += " · test a restore soon"
        self.backup_info.setText(text)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closing.emit()
        event.accept()

"""The composition root: paths, logging, the single-instance lock, the palette, the crash
handler, then the window and the session flow. ``start_gui`` runs the app.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from wtsc_desktop import APP_NAME, __version__
from wtsc_desktop.clock import SystemClock
from wtsc_desktop.errors import StoreInUse
from wtsc_desktop.logs import configure_gui, log_crash
from wtsc_desktop.paths import StorePaths, store_paths

if TYPE_CHECKING:
    from PySide6.QtCore import QLockFile

    from wtsc_desktop.services.demo import DemoAccount

EXIT_WHEN_SHOWN = "WTSC_EXIT_WHEN_SHOWN"  # the start-up benchmark's hook


def _crash_handler(log_folder: Path) -> object:
    def handle(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        exc.__traceback__ = tb
        reference = log_crash(exc)
        from wtsc_desktop.ui.crash import show_crash

        show_crash(reference, log_folder)

    return handle


def _exit_when_shown(window: object) -> None:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    assert isinstance(window, QWidget)

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, self.done)
            return False

        def done(self) -> None:
            print("WTSC-SHOWN", flush=True)
            QApplication.quit()

    watcher = FirstPaint(window)
    window.installEventFilter(watcher)


def acquire_instance_lock(paths: StorePaths) -> QLockFile | None:
    """The lock that keeps a second copy of the app off this store, or None if taken.

    Keep the returned object referenced: garbage collection would release the lock. A lock
    left by a process that was killed is stale and is taken over.
    """
    from PySide6.QtCore import QLockFile

    lock = QLockFile(str(paths.instance_lock))
    lock.setStaleLockTime(0)
    return lock if lock.tryLock(200) else None


def start_gui(*, data_dir: str | None = None, demo: bool = False) -> int:
    """Run the desktop app until it is closed; returns the process exit code."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from wtsc_desktop.ui.main_window import MainWindow
    from wtsc_desktop.ui.session import SessionFlow
    from wtsc_desktop.ui.theme import apply_theme, saved_theme

    demo_folder: Path | None = None
    if demo:
        demo_folder = Path(tempfile.mkdtemp(prefix="wtsc-demo-"))
        paths: StorePaths = store_paths(demo_folder / "store")
    else:
        paths = store_paths(data_dir)
    paths.root.mkdir(parents=True, exist_ok=True)
    configure_gui(paths)

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    apply_theme(app, saved_theme())

    instance = acquire_instance_lock(paths)
    if instance is None:
        message = str(StoreInUse())
        print(message, file=sys.stderr)
        QMessageBox.warning(None, APP_NAME, message)
        return 1
    sys.excepthook = _crash_handler(paths.logs)  # type: ignore[assignment]

    clock = SystemClock()
    accounts: tuple[DemoAccount, ...] = ()
    if demo:
        from wtsc_desktop.services.demo import create_demo_store

        accounts = create_demo_store(paths, clock=clock)
    window = MainWindow()
    window.dark_action.blockSignals(True)
    window.dark_action.setChecked(saved_theme() == "dark")
    window.dark_action.blockSignals(False)
    flow = SessionFlow(window, paths, clock, demo_accounts=accounts)
    window.resize(1200, 760)
    if os.environ.get(EXIT_WHEN_SHOWN):
        _exit_when_shown(window)
    window.show()
    flow.start()
    try:
        return app.exec()
    finally:
        flow.close()
        instance.unlock()
        if demo_folder is not None:
            shutil.rmtree(demo_folder, ignore_errors=True)

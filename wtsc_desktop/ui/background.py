"""Long work (backups, PDFs, imports, big searches) off the GUI thread, one job at a time.

``run`` takes a job (a plain function calling services), a callback for its result and
one for its error; both callbacks run on the GUI thread. Only one job runs at once, since
SQLite has one writer. Tests swap in ``SyncRunner`` so a journey stays deterministic.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget


class Runner(Protocol):
    def run(
        self,
        job: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        *,
        label: str,
        parent: QWidget | None = None,
    ) -> None: ...


class SyncRunner:
    """Runs the job at once, on the calling thread (tests)."""

    def run(
        self,
        job: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        *,
        label: str,
        parent: QWidget | None = None,
    ) -> None:
        try:
            result = job()
        except Exception as exc:  # noqa: BLE001 (handed to the caller's error callback)
            on_error(exc)
            return
        on_done(result)


class _Relay(QObject):
    finished = Signal(object)
    failed = Signal(object)


class _Job(QRunnable):
    def __init__(self, job: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._job = job
        self._relay = relay

    @Slot()
    def run(self) -> None:
        try:
            result = self._job()
        except Exception as exc:  # noqa: BLE001 (posted back to the GUI thread)
            self._relay.failed.emit(exc)
            return
        self._relay.finished.emit(result)


class ThreadRunner:
    """A one-thread pool; progress shows in a small dialog while the job runs."""

    def __init__(self) -> None:
        self._pool = QThreadPool()
        self._pool.setMaxThreadCount(1)
        self._relays: set[_Relay] = set()

    def run(
        self,
        job: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        *,
        label: str,
        parent: QWidget | None = None,
    ) -> None:
        relay = _Relay()
        progress = QProgressDialog(label, "", 0, 0, parent)
        progress.setCancelButton(None)
        progress.setMinimumDuration(400)
        progress.setAccessibleName(label)

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            progress.close()
            progress.deleteLater()
            self._relays.discard(relay)
            callback(value)

        relay.finished.connect(lambda value: finish(on_done, value))
        relay.failed.connect(lambda exc: finish(on_error, exc))
        self._relays.add(relay)
        self._pool.start(_Job(job, relay))

    def wait(self) -> None:
        self._pool.waitForDone()


_shared: ThreadRunner | None = None


def shared_runner() -> ThreadRunner:
    """The app's one background runner: jobs from every screen queue one at a time."""
    global _shared
    if _shared is None:
        _shared = ThreadRunner()
    return _shared

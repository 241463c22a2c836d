"""Locking after idle minutes, and when the computer wakes from sleep.

Idle time is measured on a counter that keeps running while the computer sleeps, so a
laptop closed for an hour is locked when opened. A wake is noticed when that counter
jumps ahead of one that stops during sleep.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from wtsc_desktop.clock import Clock

_ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
}
WAKE_GAP_SECONDS = 30.0


class IdleWatcher(QObject):
    timed_out = Signal()
    woke = Signal()

    def __init__(self, clock: Clock, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._clock = clock
        self._limit = minutes * 60.0
        self._last_activity = clock.elapsed()
        self._last_tick = (clock.elapsed(), clock.awake())
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self.check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self._timer.start()

    @property
    def minutes(self) -> int:
        return int(self._limit // 60)

    def set_minutes(self, minutes: int) -> None:
        self._limit = minutes * 60.0

    def seconds_left(self) -> float:
        return max(0.0, self._limit - (self._clock.elapsed() - self._last_activity))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY:
            self._last_activity = self._clock.elapsed()
        return False

    def check(self) -> None:
        """Run each second (and by tests): emit ``woke`` or ``timed_out`` when due."""
        elapsed, awake = self._clock.elapsed(), self._clock.awake()
        slept = (elapsed - self._last_tick[0]) - (awake - self._last_tick[1])
        self._last_tick = (elapsed, awake)
        if slept > WAKE_GAP_SECONDS:
            self.stop()
            self.woke.emit()
        elif elapsed - self._last_activity >= self._limit:
            self.stop()
            self.timed_out.emit()

    def stop(self) -> None:
        self._timer.stop()
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)

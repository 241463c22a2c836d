"""One "data changed" signal: a view that writes through a service announces the area it
changed, and each view refreshes only when an area it shows has changed.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class DataBus(QObject):
    changed = Signal(str)  # an area: "users", "settings", "audit", "backups"…

    def announce(self, area: str) -> None:
        self.changed.emit(area)

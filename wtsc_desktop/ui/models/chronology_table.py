"""A child's chronology as a table: when, what kind, what, the detail, and by whom, in the
order the service gives (the order things happened). A chronology is a few hundred
entries at most, so it is held whole.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from wtsc_desktop.services.chronology import KINDS, ChronologyEntry
from wtsc_desktop.ui.formats import datetime_text

_Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("When", "Kind", "What", "Detail", "By")
WHEN, KIND, TITLE, DETAIL, BY = range(len(COLUMNS))


def _cells(entry: ChronologyEntry) -> tuple[str, ...]:
    return (
        datetime_text(entry.happened_at),
        KINDS.get(entry.kind, entry.kind.capitalize()),
        entry.title,
        entry.detail,
        entry.by,
    )


class ChronologyTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._entries: tuple[ChronologyEntry, ...] = ()

    def set_entries(self, entries: Sequence[ChronologyEntry]) -> None:
        self.beginResetModel()
        self._entries = tuple(entries)
        self.endResetModel()

    def entry_at(self, row: int) -> ChronologyEntry | None:
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._entries)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        entry = self.entry_at(index.row()) if index.isValid() else None
        if entry is None:
            return None
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            text = _cells(entry)[index.column()]
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if index.column() in (TITLE, DETAIL) and text else None
            return text
        if role == Qt.ItemDataRole.FontRole and entry.title.startswith("URGENT"):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None

"""The audit trail as a lazy table: only the number of matching events is known at first,
and rows are fetched a page (200 events) at a time when the view first shows them.

When the table loads, it pins the newest matching event's number, so that events added
afterwards (every write adds one) do not shift the pages it has still to fetch; the view
reloads it to show them. A few dozen pages are kept; the least recently used go first.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFont

from wtsc_desktop.clock import LONDON
from wtsc_desktop.errors import WtscError
from wtsc_desktop.services import audit_log
from wtsc_desktop.services.audit_log import AuditEntry, AuditFilter
from wtsc_desktop.services.context import SignedIn

_Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
PAGES_KEPT = 25
COLUMNS = ("Number", "When", "Who", "Action", "Record", "Outcome", "Detail")
NUMBER, WHEN, WHO, ACTION, RECORD, OUTCOME, DETAIL = range(len(COLUMNS))
OUTCOMES = {"ok": "Done", "refused": "Refused"}


def _cells(entry: AuditEntry) -> tuple[str, ...]:
    record = entry.record_type
    if entry.record_id:
        record = f"{record} {entry.record_id}".strip()
    return (
        str(entry.seq),
        entry.at.astimezone(LONDON).strftime("%d/%m/%Y %H:%M:%S"),
        entry.user,
        entry.action,
        record,
        OUTCOMES.get(entry.outcome, entry.outcome),
        entry.detail,
    )


class AuditTableModel(QAbstractTableModel):
    """``problem`` carries a service's message (the session locked, say) for the view."""

    problem = Signal(str)

    def __init__(self, signed: SignedIn, parent: Any = None, *, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self._signed = signed
        self._page_size = page_size
        self._wanted = AuditFilter()
        self._count = 0
        self._pages: OrderedDict[int, list[AuditEntry]] = OrderedDict()
        self._failed = False
        self.pages_fetched: list[int] = []  # in order, for tests and benchmarks

    # --- loading ------------------------------------------------------------------

    @property
    def wanted(self) -> AuditFilter:
        return self._wanted

    def set_filter(self, wanted: AuditFilter) -> None:
        self._wanted = replace(wanted, through_seq=None)
        self.reload()

    def reload(self) -> None:
        """Count the matching events and fetch the first page; pin the newest one."""
        self.beginResetModel()
        self._pages.clear()
        self.pages_fetched.clear()
        self._failed = False
        self._count = 0
        try:
            first = audit_log.list_events(
                self._signed, wanted=self._wanted, offset=0, limit=self._page_size
            )
            if first:
                self._wanted = replace(self._wanted, through_seq=first[0].seq)
                self._count = audit_log.count_events(self._signed, wanted=self._wanted)
                self._keep(0, first)
        except WtscError as error:
            self._fail(error)
        self.endResetModel()

    def clear(self) -> None:
        """Forget every row (when the session locks)."""
        self.beginResetModel()
        self._pages.clear()
        self._count = 0
        self.endResetModel()

    def _keep(self, page: int, rows: list[AuditEntry]) -> None:
        self._pages[page] = rows
        self.pages_fetched.append(page)
        while len(self._pages) > PAGES_KEPT:
            self._pages.popitem(last=False)

    def _fail(self, error: WtscError) -> None:
        self._failed = True
        # Told after the current paint or reset has finished, never in the middle of it.
        QTimer.singleShot(0, self, lambda: self.problem.emit(str(error)))

    def entry_at(self, row: int) -> AuditEntry | None:
        if not 0 <= row < self._count:
            return None
        page, at = divmod(row, self._page_size)
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
        elif self._failed:
            return None
        else:
            try:
                rows = audit_log.list_events(
                    self._signed,
                    wanted=self._wanted,
                    offset=page * self._page_size,
                    limit=self._page_size,
                )
            except WtscError as error:
                self._fail(error)
                return None
            self._keep(page, rows)
        return rows[at] if at < len(rows) else None

    # --- the model ----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            entry = self.entry_at(index.row())
            if entry is None:
                return None
            text = _cells(entry)[index.column()]
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if index.column() in (ACTION, RECORD, DETAIL) and text else None
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and index.column() == OUTCOME:
            entry = self.entry_at(index.row())
            if entry is not None and entry.outcome != "ok":
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

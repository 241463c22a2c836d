"""The audit trail as a lazy table: only the number of matching events is known at first,
and rows are fetched a page (200 events) at a time when the view first shows them.

When the table loads, it pins the newest matching event's number, so that events added
afterwards (every write adds one) do not shift the pages it has still to fetch; the view
reloads it to show them. A few dozen pages are kept; the least recently used go first.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
)

from wtsc_desktop.clock import LONDON
from wtsc_desktop.services import audit_log
from wtsc_desktop.services.audit_log import AuditEntry, AuditFilter
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.models.paged import PagedTableModel

_Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
PAGES_KEPT = 25
COLUMNS = ("Number", "When", "Who", "Action", "Record", "Outcome", "Detail")
NUMBER, WHEN, WHO, ACTION, RECORD, OUTCOME, DETAIL = range(len(COLUMNS))
OUTCOMES = {"ok": "Done", "refused": "Refused"}
# Record kinds whose stored names are not plain words.
RECORD_WORDS = {"cp_meeting": "meeting", "cp_plan": "plan", "cp_transfer": "file transfer"}


def row_cells(entry: AuditEntry) -> tuple[str, ...]:
    """What the log shows of one event, column by column."""
    record = RECORD_WORDS.get(entry.record_type, entry.record_type)
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


class AuditTableModel(PagedTableModel):
    """``problem`` carries a service's message (the session locked, say) for the view."""

    columns = COLUMNS
    right_aligned = frozenset({NUMBER})
    tooltip_columns = frozenset({ACTION, RECORD, DETAIL})

    def __init__(self, signed: SignedIn, parent: Any = None, *, page_size: int = PAGE_SIZE):
        super().__init__(
            parent,
            page_size=page_size,
            load=lambda: self._count_and_pin(),
            fetch=lambda _page, offset, limit: audit_log.list_events(
                signed, wanted=self._wanted, offset=offset, limit=limit
            ),
            cells=row_cells,
            bold=lambda entry, column: column == OUTCOME and entry.outcome != "ok",
        )
        self._signed = signed
        self._wanted = AuditFilter()

    @property
    def wanted(self) -> AuditFilter:
        return self._wanted

    def set_filter(self, wanted: AuditFilter) -> None:
        self._wanted = replace(wanted, through_seq=None)
        self.reload()

    def _count_and_pin(self) -> tuple[int, list[AuditEntry]]:
        """Fetch the first page, pin its newest event, then count up to it."""
        self._wanted = replace(self._wanted, through_seq=None)
        first = audit_log.list_events(
            self._signed, wanted=self._wanted, offset=0, limit=self._page_size
        )
        if not first:
            return 0, []
        self._wanted = replace(self._wanted, through_seq=first[0].seq)
        return audit_log.count_events(self._signed, wanted=self._wanted), first

    def entry_at(self, row: int) -> AuditEntry | None:
        found: AuditEntry | None = self.item_at(row)
        return found

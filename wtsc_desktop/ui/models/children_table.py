"""The children register as a lazy table: it holds the ids of the children listed, in
order (one quick query, even at 50,000), and fetches their rows a page at a time when
the view first shows them. A few dozen pages are kept; the least recently used go first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)

from wtsc_desktop.services import children
from wtsc_desktop.services.child_types import ChildRow, ChildSort, DobStatus
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.formats import date_text
from wtsc_desktop.ui.models.paged import PagedTableModel

_Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 200
PAGES_KEPT = 25
COLUMNS = ("Name", "Date of birth", "Year group or team", "Pupil or member id", "Flags", "Status")
NAME, BORN, GROUP, EXTERNAL_ID, FLAGS, STATUS = range(len(COLUMNS))
SORTS = {NAME: ChildSort.NAME, BORN: ChildSort.DATE_OF_BIRTH, GROUP: ChildSort.YEAR_GROUP}


def birth_text(status: DobStatus, born: dt.date | None, due: dt.date | None) -> str:
    """A date of birth as the register shows it: dd/mm/yyyy, "unknown", or "due dd/mm/yyyy"."""
    if status is DobStatus.UNBORN:
        return f"due {date_text(due)}" if due else "due (date not given)"
    if status is DobStatus.UNKNOWN or born is None:
        return "unknown"
    return date_text(born)


def _cells(row: ChildRow) -> tuple[str, ...]:
    return (
        row.name,
        birth_text(row.dob_status, row.date_of_birth, row.expected_delivery),
        row.year_group_or_team,
        row.external_id,
        row.flags.short_text(),
        "Archived" if row.archived else "",
    )


@dataclass(frozen=True)
class Listing:
    """Which children the table lists, and in what order."""

    text: str = ""
    include_archived: bool = False
    sort: ChildSort = ChildSort.NAME
    descending: bool = False


class ChildrenTableModel(PagedTableModel):
    """``problem`` carries a service's message (the session locked, say) for the view."""

    columns = COLUMNS
    tooltip_columns = frozenset({NAME, FLAGS})

    def __init__(self, signed: SignedIn, parent: Any = None, *, page_size: int = PAGE_SIZE):
        super().__init__(
            parent,
            page_size=page_size,
            load=lambda: self._list_ids(),
            fetch=lambda _page, offset, limit: self._rows(offset, limit),
            cells=_cells,
            bold=lambda child, column: column == FLAGS and child.flags.cp_plan,
        )
        self._signed = signed
        self._listing = Listing()
        self._ids: tuple[int, ...] = ()

    @property
    def listing(self) -> Listing:
        return self._listing

    def set_listing(self, listing: Listing) -> None:
        self._listing = listing
        self.reload()

    def _list_ids(self) -> tuple[int, list[ChildRow]]:
        """The ids of every child listed, in order (one quick query, even at 50,000)."""
        self._ids = ()
        self._ids = children.child_ids(
            self._signed,
            include_archived=self._listing.include_archived,
            sort=self._listing.sort,
            descending=self._listing.descending,
            text=self._listing.text,
        )
        return len(self._ids), []

    def _rows(self, offset: int, limit: int) -> list[ChildRow]:
        wanted = self._ids[offset : offset + limit]
        found = {r.id: r for r in children.children_by_id(self._signed, ids=wanted)}
        rows = [found[i] for i in wanted if i in found]
        if len(rows) != len(wanted):  # changed meanwhile: list again when next asked
            QTimer.singleShot(0, self, self.reload)
        return rows

    def clear(self) -> None:
        self._ids = ()
        super().clear()

    def child_at(self, row: int) -> ChildRow | None:
        found: ChildRow | None = self.item_at(row)
        return found

    def row_of(self, child_id: int) -> int:
        try:
            return self._ids.index(child_id)
        except ValueError:
            return -1

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Name, date of birth and year group sort; other columns leave the order alone."""
        if column not in SORTS:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_listing(replace(self._listing, sort=SORTS[column], descending=descending))

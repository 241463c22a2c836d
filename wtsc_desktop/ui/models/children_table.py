"""The children register as a lazy table: it holds the ids of the children listed, in
order (one quick query, even at 50,000), and fetches their rows a page at a time when
the view first shows them. A few dozen pages are kept; the least recently used go first.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict
from dataclasses import dataclass, replace
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

from wtsc_desktop.errors import WtscError
from wtsc_desktop.services import children
from wtsc_desktop.services.child_types import ChildRow, ChildSort, DobStatus
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.formats import date_text

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


class ChildrenTableModel(QAbstractTableModel):
    """``problem`` carries a service's message (the session locked, say) for the view."""

    problem = Signal(str)

    def __init__(self, signed: SignedIn, parent: Any = None, *, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self._signed = signed
        self._page_size = page_size
        self._listing = Listing()
        self._ids: tuple[int, ...] = ()
        self._pages: OrderedDict[int, list[ChildRow]] = OrderedDict()
        self._failed = False
        self.pages_fetched: list[int] = []  # in order, for tests and benchmarks

    # --- loading ------------------------------------------------------------------

    @property
    def listing(self) -> Listing:
        return self._listing

    def set_listing(self, listing: Listing) -> None:
        self._listing = listing
        self.reload()

    def reload(self) -> None:
        """Fetch the ids of every child listed; rows come a page at a time."""
        self.beginResetModel()
        self._pages.clear()
        self.pages_fetched.clear()
        self._failed = False
        try:
            self._ids = children.child_ids(
                self._signed,
                include_archived=self._listing.include_archived,
                sort=self._listing.sort,
                descending=self._listing.descending,
                text=self._listing.text,
            )
        except WtscError as error:
            self._ids = ()
            self._fail(error)
        self.endResetModel()

    def clear(self) -> None:
        """Forget every row (when the session locks)."""
        self.beginResetModel()
        self._ids = ()
        self._pages.clear()
        self.endResetModel()

    def _fail(self, error: WtscError) -> None:
        self._failed = True
        # Told after the current paint or reset has finished, never in the middle of it.
        QTimer.singleShot(0, self, lambda: self.problem.emit(str(error)))

    def child_at(self, row: int) -> ChildRow | None:
        if not 0 <= row < len(self._ids):
            return None
        page, at = divmod(row, self._page_size)
        rows = self._pages.get(page)
        if rows is not None:
            self._pages.move_to_end(page)
        elif self._failed:
            return None
        else:
            wanted = self._ids[page * self._page_size : (page + 1) * self._page_size]
            try:
                found = {r.id: r for r in children.children_by_id(self._signed, ids=wanted)}
            except WtscError as error:
                self._fail(error)
                return None
            rows = [found[i] for i in wanted if i in found]
            if len(rows) != len(wanted):  # changed meanwhile: list again when next asked
                QTimer.singleShot(0, self, self.reload)
            self._pages[page] = rows
            self.pages_fetched.append(page)
            while len(self._pages) > PAGES_KEPT:
                self._pages.popitem(last=False)
        return rows[at] if at < len(rows) else None

    def row_of(self, child_id: int) -> int:
        try:
            return self._ids.index(child_id)
        except ValueError:
            return -1

    # --- the model ----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

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
            child = self.child_at(index.row())
            if child is None:
                return None
            text = _cells(child)[index.column()]
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if index.column() in (NAME, FLAGS) and text else None
            return text
        if role == Qt.ItemDataRole.FontRole and index.column() == FLAGS:
            child = self.child_at(index.row())
            if child is not None and child.flags.cp_plan:
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

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Name, date of birth and year group sort; other columns leave the order alone."""
        if column not in SORTS:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        self.set_listing(replace(self._listing, sort=SORTS[column], descending=descending))

"""The concerns a person may see, as a lazy table: at first only their number is known
(``count_concerns``), and rows are fetched a page at a time (``list_concerns``) when the
view first shows them, so 250,000 concerns open as fast as 25. A few dozen pages are
kept; the least recently used go first. A staff reporter's list holds only their own
concerns: the service decides that, not this model.
"""

from __future__ import annotations

from collections import OrderedDict
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
from wtsc_desktop.guidance.categories import category_label
from wtsc_desktop.services import concern_lists
from wtsc_desktop.services.concern_types import ConcernSummary
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.formats import date_text, datetime_text

_Index = QModelIndex | QPersistentModelIndex

PAGE_SIZE = 100
PAGES_KEPT = 25
COLUMNS = (
    "Number",
    "Recorded",
    "Seen or heard",
    "Child or children",
    "Categories",
    "Reported by",
    "Urgent",
    "Seen by the DSL",
)
NUMBER, RECORDED, OBSERVED, CHILDREN, CATEGORIES, REPORTER, URGENT, ACKNOWLEDGED = range(
    len(COLUMNS)
)


def cells(summary: ConcernSummary) -> tuple[str, ...]:
    """The text of each column for one concern."""
    if summary.observed_time_known:
        observed = datetime_text(summary.observed_at)
    else:
        day = summary.observed_at.astimezone(LONDON).date()
        observed = f"{date_text(day)} (time not known)"
    return (
        str(summary.id),
        datetime_text(summary.recorded_at),
        observed,
        ", ".join(summary.subjects) or "not recorded",
        ", ".join(category_label(c) for c in summary.categories) or "none chosen",
        summary.reporter,
        "Urgent" if summary.urgent else "",
        "Yes" if summary.acknowledged else "Not yet",
    )


class ConcernsTableModel(QAbstractTableModel):
    """``problem`` carries a service's message (the session locked, say) for the view."""

    problem = Signal(str)

    def __init__(self, signed: SignedIn, parent: Any = None, *, page_size: int = PAGE_SIZE):
        super().__init__(parent)
        self._signed = signed
        self._page_size = page_size
        self._count = 0
        self._pages: OrderedDict[int, list[ConcernSummary]] = OrderedDict()
        self._failed = False
        self.pages_fetched: list[int] = []  # in order, for tests and benchmarks

    # --- loading ------------------------------------------------------------------

    def reload(self) -> None:
        """Count the concerns and fetch the first page."""
        self.beginResetModel()
        self._pages.clear()
        self.pages_fetched.clear()
        self._failed = False
        self._count = 0
        try:
            count = concern_lists.count_concerns(self._signed)
            if count:
                self._keep(
                    0, concern_lists.list_concerns(self._signed, offset=0, limit=self._page_size)
                )
            self._count = count
        except WtscError as error:
            self._fail(error)
        self.endResetModel()

    def clear(self) -> None:
        """Forget every row (when the session locks)."""
        self.beginResetModel()
        self._pages.clear()
        self._count = 0
        self.endResetModel()

    def _keep(self, page: int, rows: list[ConcernSummary]) -> None:
        self._pages[page] = rows
        self.pages_fetched.append(page)
        while len(self._pages) > PAGES_KEPT:
            self._pages.popitem(last=False)

    def _fail(self, error: WtscError) -> None:
        self._failed = True
        # Told after the current paint or reset has finished, never in the middle of it.
        QTimer.singleShot(0, self, lambda: self.problem.emit(str(error)))

    def concern_at(self, row: int) -> ConcernSummary | None:
        """The concern on ``row``, fetching its page if need be."""
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
                rows = concern_lists.list_concerns(
                    self._signed, offset=page * self._page_size, limit=self._page_size
                )
            except WtscError as error:
                self._fail(error)
                return None
            self._keep(page, rows)
        return rows[at] if at < len(rows) else None

    def row_of(self, concern_id: int) -> int:
        """The row of a concern among the pages already fetched, or -1."""
        for page, rows in self._pages.items():
            for at, summary in enumerate(rows):
                if summary.id == concern_id:
                    return page * self._page_size + at
        return -1

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
            summary = self.concern_at(index.row())
            if summary is None:
                return None
            text = cells(summary)[index.column()]
            if role == Qt.ItemDataRole.ToolTipRole:
                return text if index.column() in (CHILDREN, CATEGORIES) and text else None
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == NUMBER:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and index.column() == URGENT:
            summary = self.concern_at(index.row())
            if summary is not None and summary.urgent:
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

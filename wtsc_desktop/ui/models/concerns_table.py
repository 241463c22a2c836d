"""The concerns a person may see, as a lazy table: at first only their number is known
(``count_concerns``), and rows are fetched a page at a time (``list_concerns``) when the
view first shows them, so 250,000 concerns open as fast as 25. A few dozen pages are
kept; the least recently used go first. A staff reporter's list holds only their own
concerns: the service decides that, not this model.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
)

from wtsc_desktop.clock import LONDON
from wtsc_desktop.guidance.categories import category_label
from wtsc_desktop.services import concern_lists
from wtsc_desktop.services.concern_types import ConcernSummary
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.formats import date_text, datetime_text
from wtsc_desktop.ui.models.paged import PagedTableModel

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


class ConcernsTableModel(PagedTableModel):
    """``problem`` carries a service's message (the session locked, say) for the view."""

    columns = COLUMNS
    right_aligned = frozenset({NUMBER})
    tooltip_columns = frozenset({CHILDREN, CATEGORIES})

    def __init__(self, signed: SignedIn, parent: Any = None, *, page_size: int = PAGE_SIZE):
        def load() -> tuple[int, list[ConcernSummary]]:
            # The first page alone; the count of the rest follows once it is painted.
            first = concern_lists.list_concerns(signed, offset=0, limit=page_size)
            return len(first), first

        super().__init__(
            parent,
            page_size=page_size,
            load=load,
            fetch=lambda _page, offset, limit: concern_lists.list_concerns(
                signed, offset=offset, limit=limit
            ),
            cells=cells,
            bold=lambda summary, column: column == URGENT and summary.urgent,
            count_later=lambda: concern_lists.count_concerns(signed),
        )

    def concern_at(self, row: int) -> ConcernSummary | None:
        """The concern on ``row``, fetching its page if need be."""
        found: ConcernSummary | None = self.item_at(row)
        return found

    def row_of(self, concern_id: int) -> int:
        """The row of a concern among the pages already fetched, or -1."""
        for page, rows in self._pages.items():
            for at, summary in enumerate(rows):
                if summary.id == concern_id:
                    return page * self._page_size + at
        return -1

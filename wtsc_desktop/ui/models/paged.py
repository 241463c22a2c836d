"""The lazy table every long list uses: the number of rows is known up front, rows are
fetched a page at a time when the view first shows them, and a few dozen pages are kept
(the least recently used go first). A service's error is told through ``problem``, after
the paint or reset in progress, never in the middle of it.

A table hands over how to load (``load``: the row count and, if it came cheaply, the
first page), how to fetch a page (``fetch``), what each cell reads (``cells``) and which
cells are bold (``bold``).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
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

Index = QModelIndex | QPersistentModelIndex
PAGES_KEPT = 25
COUNT_FALLBACK_MS = 250
_TEXT = frozenset(
    int(r)
    for r in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.AccessibleTextRole,
    )
)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_SERVED = _TEXT | {_ALIGNMENT, _FONT}
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_Shown = tuple[tuple[str, ...], frozenset[int]]  # a row's cell texts, and its bold columns


class PagedTableModel(QAbstractTableModel):
    problem = Signal(str)

    columns: tuple[str, ...] = ()
    right_aligned: frozenset[int] = frozenset()
    tooltip_columns: frozenset[int] = frozenset()

    def __init__(
        self,
        parent: Any = None,
        *,
        page_size: int,
        load: Callable[[], tuple[int, list[Any]]],
        fetch: Callable[[int, int, int], list[Any]],
        cells: Callable[[Any], tuple[str, ...]],
        bold: Callable[[Any, int], bool] = lambda _item, _column: False,
        count_later: Callable[[], int] | None = None,
    ) -> None:
        super().__init__(parent)
        self._load, self._fetch, self._cells, self._bold = load, fetch, cells, bold
        # With ``count_later``, ``load`` gives only the first page; the full count follows
        # once that page is painted (the view calls ``complete_count``), so a long list
        # shows at once. A timer completes it anyway if no paint comes.
        self._count_later = count_later
        self._count_pending = False
        self._page_size = page_size
        self._count = 0
        self._pages: OrderedDict[int, list[Any]] = OrderedDict()
        # What each row shows (its cell texts and bold columns), worked out once, for the
        # rows a paint has asked for: a paint asks every visible cell for several roles.
        self._shown: dict[int, _Shown] = {}
        self._bold_font: QFont | None = None
        self._failed = False
        self.pages_fetched: list[int] = []  # in order, for tests and benchmarks

    # --- loading --------------------------------------------------------------------

    def reload(self) -> None:
        """Count the rows again and start from the first page."""
        self.beginResetModel()
        self._pages.clear()
        self._shown.clear()
        self.pages_fetched.clear()
        self._failed = False
        self._count = 0
        try:
            count, first = self._load()
            if first:
                self._keep(0, first)
            self._count = count
        except WtscError as error:
            self._fail(error)
        self.endResetModel()
        self._count_pending = (
            self._count_later is not None and not self._failed and self._count == self._page_size
        )
        if self._count_pending:
            QTimer.singleShot(COUNT_FALLBACK_MS, self, self.complete_count)

    def complete_count(self) -> None:
        """Count every row, if a count is still to come (after the first page's paint)."""
        if not self._count_pending or self._count_later is None:
            return
        self._count_pending = False
        try:
            total = self._count_later()
        except WtscError as error:
            self._fail(error)
            return
        if total > self._count:
            self.beginInsertRows(QModelIndex(), self._count, total - 1)
            self._count = total
            self.endInsertRows()

    def clear(self) -> None:
        """Forget every row (when the session locks)."""
        self.beginResetModel()
        self._pages.clear()
        self._shown.clear()
        self._count = 0
        self.endResetModel()

    def _keep(self, page: int, rows: list[Any]) -> None:
        self._pages[page] = rows
        self._forget_shown(page)
        self.pages_fetched.append(page)
        while len(self._pages) > PAGES_KEPT:
            gone, _rows = self._pages.popitem(last=False)
            self._forget_shown(gone)

    def _forget_shown(self, page: int) -> None:
        if self._shown:
            first = page * self._page_size
            for row in range(first, first + self._page_size):
                self._shown.pop(row, None)

    def _shown_at(self, row: int) -> _Shown | None:
        shown = self._shown.get(row)
        if shown is None:
            item = self.item_at(row)
            if item is None:
                return None
            texts = self._cells(item)
            bold = frozenset(c for c in range(len(texts)) if self._bold(item, c))
            shown = self._shown[row] = (texts, bold)
        return shown

    def texts_at(self, row: int) -> tuple[str, ...] | None:
        """The cell texts of ``row``, fetching its page if need be."""
        shown = self._shown_at(row)
        return None if shown is None else shown[0]

    def _fail(self, error: WtscError) -> None:
        self._failed = True
        QTimer.singleShot(0, self, lambda: self.problem.emit(str(error)))

    def item_at(self, row: int) -> Any | None:
        """The item on ``row``, fetching its page if need be."""
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
                rows = self._fetch(page, page * self._page_size, self._page_size)
            except WtscError as error:
                self._fail(error)
                return None
            self._keep(page, rows)
        return rows[at] if at < len(rows) else None

    # --- the model ------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._count

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A paint asks every visible cell for a dozen roles: answer the unused ones first.
        role = int(role)
        if role not in _SERVED or not index.isValid():
            return None
        column = index.column()
        if role == _ALIGNMENT:
            return _RIGHT if column in self.right_aligned else None
        shown = self._shown.get(index.row()) or self._shown_at(index.row())
        if shown is None:
            return None
        if role == _FONT:
            return self._bold_face() if column in shown[1] else None
        text = shown[0][column]
        if role == _TOOLTIP:
            return text if column in self.tooltip_columns and text else None
        return text

    def _bold_face(self) -> QFont:
        if self._bold_font is None:
            self._bold_font = QFont()
            self._bold_font.setBold(True)
        return self._bold_font

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section]
        return None

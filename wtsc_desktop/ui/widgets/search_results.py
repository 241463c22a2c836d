"""The list that drops down under the search box: the results, best first, and a line that
says how many were found (or why none were).

It lies over the window's contents, as part of the same window (not a separate popup
window), so it never takes the keyboard by itself: the cursor stays in the search box
while results come and go. Down in the box moves into the list; there the arrow keys,
Page Up/Down, Home and End choose a result and Enter (or a click) opens it; Up from the
first result, Escape or Tab goes back to the box; anything else typed goes on into the
box. It closes when the focus moves anywhere else. Each result reads aloud as one
sentence (its accessible text).
"""

from __future__ import annotations

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.services.search import SearchResult
from wtsc_desktop.ui.formats import datetime_text

RECORD = Qt.ItemDataRole.UserRole
LINES = Qt.ItemDataRole.UserRole + 1
_PAD = 4
VISIBLE_ROWS = 8
WIDTH = 600
_MOVES = {
    Qt.Key.Key_Up,
    Qt.Key.Key_Down,
    Qt.Key.Key_PageUp,
    Qt.Key.Key_PageDown,
    Qt.Key.Key_Home,
    Qt.Key.Key_End,
}
_OPENS = {Qt.Key.Key_Return, Qt.Key.Key_Enter}
_BACK = {Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Backtab}


def describe(result: SearchResult) -> tuple[str, str]:
    """The two lines a result shows: what it is, then the words that matched."""
    if result.kind == "child":
        parts = ["Child", result.title, result.subtitle]
        if result.archived:
            parts.append("left (archived)")
    else:
        parts = ["Concern", result.title]
        if result.when is not None:
            parts.append(f"seen or heard {datetime_text(result.when)}")
        parts.append(result.subtitle)
        if result.urgent:
            parts.append("URGENT")
    return " · ".join(p for p in parts if p), result.snippet


class _TwoLines(QStyledItemDelegate):
    """What a result is, in bold; the words that matched under it, in a quieter colour."""

    def _fonts(self, option: QStyleOptionViewItem) -> tuple[QFont, QFont]:
        bold = QFont(option.font)
        bold.setBold(True)
        return bold, QFont(option.font)

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        _, second = index.data(LINES)
        bold, plain = self._fonts(option)
        height = QFontMetrics(bold).height() + (QFontMetrics(plain).height() if second else 0)
        return QSize(0, height + 2 * _PAD)  # as wide as the list, long lines cut with "…"

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        first, second = index.data(LINES)
        style = option.widget.style() if option.widget is not None else QApplication.style()
        plain_option = QStyleOptionViewItem(option)
        self.initStyleOption(plain_option, index)
        plain_option.text = ""
        style.drawControl(
            QStyle.ControlElement.CE_ItemViewItem, plain_option, painter, option.widget
        )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        group = QPalette.ColorGroup.Active
        text = option.palette.color(
            group, QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        quiet = (
            text if selected else option.palette.color(group, QPalette.ColorRole.PlaceholderText)
        )
        bold, plain = self._fonts(option)
        area = option.rect.adjusted(_PAD + 2, _PAD, -_PAD, -_PAD)
        painter.save()
        painter.setFont(bold)
        painter.setPen(text)
        top = QFontMetrics(bold)
        painter.drawText(
            area.left(),
            area.top() + top.ascent(),
            top.elidedText(first, Qt.TextElideMode.ElideRight, area.width()),
        )
        if second:
            painter.setFont(plain)
            painter.setPen(quiet)
            under = QFontMetrics(plain)
            painter.drawText(
                area.left(),
                area.top() + top.height() + under.ascent(),
                under.elidedText(second, Qt.TextElideMode.ElideRight, area.width()),
            )
        painter.restore()


class ResultsPopup(QFrame):
    """``chosen(kind, id)`` when a result is opened."""

    chosen = Signal(str, int)

    def __init__(self, box: QWidget) -> None:
        super().__init__(None)  # placed in the box's window when first shown
        self.box = box
        self.setObjectName("searchPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        # Opaque in both palettes: it lies over the window's contents.
        self.setStyleSheet(
            "QFrame#searchPopup { background-color: palette(base); "
            "border: 1px solid palette(mid); }"
        )
        self.setAccessibleName("Search results")
        self.list = QListWidget()
        self.list.setAccessibleName("Search results")
        self.list.setObjectName("searchResults")
        self.list.setWordWrap(False)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.list.setItemDelegate(_TwoLines(self.list))
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.status = QLabel()
        self.status.setAccessibleName("Search status")
        self.status.setWordWrap(True)
        self.status.setContentsMargins(6, 4, 6, 4)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.setSpacing(0)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.status)
        self.list.installEventFilter(self)
        self.list.itemClicked.connect(self._open_item)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus_moved)

    # --- contents -----------------------------------------------------------------

    def set_results(self, results: tuple[SearchResult, ...], status: str) -> None:
        self.list.clear()
        for result in results:
            first, second = describe(result)
            item = QListWidgetItem(first)
            item.setData(RECORD, (result.kind, result.id))
            item.setData(LINES, (first, second))
            spoken = f"{first}. {second}" if second else first
            item.setData(Qt.ItemDataRole.AccessibleTextRole, spoken)
            item.setToolTip(second or first)
            self.list.addItem(item)
        self.list.setVisible(bool(results))
        self.set_status(status)

    def set_status(self, text: str) -> None:
        self.status.setText(text)
        self.list.setAccessibleDescription(text)
        self.box.setAccessibleDescription(text)

    def records(self) -> list[tuple[str, int]]:
        """The (kind, id) of each result shown, in order."""
        return [self.list.item(row).data(RECORD) for row in range(self.list.count())]

    # --- showing ------------------------------------------------------------------

    def show_under(self, anchor: QWidget) -> None:
        """Lay the results over the window, just below ``anchor``; the focus stays put."""
        host = anchor.window()
        if self.parentWidget() is not host:
            self.setParent(host)
        place = anchor.mapTo(host, QPoint(0, anchor.height() + 2))
        width = max(anchor.width(), min(WIDTH, host.width() - place.x() - 8))
        rows = min(self.list.count(), VISIBLE_ROWS)
        list_height = sum(self.list.sizeHintForRow(row) for row in range(rows))
        list_height += 2 * self.list.frameWidth() if rows else 0
        self.status.setFixedWidth(width - 2)
        height = list_height + self.status.heightForWidth(width - 2) + 4
        self.setFixedSize(width, min(height, max(host.height() - place.y() - 8, 80)))
        self.move(place)
        self.show()
        self.raise_()

    def enter(self) -> None:
        """Move the keyboard into the results."""
        if self.list.count():
            self.list.setFocus(Qt.FocusReason.OtherFocusReason)
            row = max(self.list.currentRow(), 0)
            self.list.setCurrentRow(row, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def close_to_box(self) -> None:
        self.hide()
        self.box.setFocus(Qt.FocusReason.OtherFocusReason)

    def _focus_moved(self, _old: QWidget | None, new: QWidget | None) -> None:
        if not self.isVisible() or new is None:
            return
        if new is not self.box and new is not self and not self.isAncestorOf(new):
            self.hide()

    # --- keys ---------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            return self._key(event)
        return super().eventFilter(watched, event)

    def _key(self, event: QKeyEvent) -> bool:
        key = event.key()
        if key in _OPENS:
            item = self.list.currentItem()
            if item is not None:
                self._open_item(item)
            return True
        if key in _BACK:
            self.close_to_box()
            return True
        if key == Qt.Key.Key_Up and self.list.currentRow() <= 0:
            self.box.setFocus(Qt.FocusReason.OtherFocusReason)  # back up into the box
            return True
        if key in _MOVES:
            return False  # the list moves through the results itself
        # Anything else is typing: back to the box, which takes the key.
        self.box.setFocus(Qt.FocusReason.OtherFocusReason)
        QApplication.sendEvent(self.box, event)
        return True

    def _open_item(self, item: QListWidgetItem) -> None:
        kind, record_id = item.data(RECORD)
        self.hide()
        self.chosen.emit(kind, record_id)

"""The inbox of the DSL and deputies: concerns and addenda nobody has acknowledged yet,
urgent concerns first, then oldest first. Acknowledge says "I have seen it"; Open shows
the concern's record. The navigation entry carries the count: "Inbox (3)".
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.errors import WtscError
from wtsc_desktop.guidance.categories import category_label
from wtsc_desktop.services import inbox
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.inbox import InboxItem
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.formats import datetime_text
from wtsc_desktop.ui.views.base import View
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.form_parts import paragraph

COLUMNS = ("What", "Arrived", "Concern", "Child or children", "Categories", "From")
AREAS = ("concerns", "triage")


def _cells(item: InboxItem) -> tuple[str, ...]:
    summary = item.concern
    if item.kind == "addendum":
        what = "New addendum"
    else:
        what = "Urgent concern" if summary.urgent else "New concern"
    return (
        what,
        datetime_text(item.arrived_at),
        str(summary.id),
        ", ".join(summary.subjects) or "not recorded",
        ", ".join(category_label(c) for c in summary.categories) or "none chosen",
        summary.reporter,
    )


class InboxView(View):
    title = "Inbox"
    needs = Action.TRIAGE

    open_concern = Signal(int)

    def __init__(self, signed: SignedIn, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(signed, bus, parent)
        self.count = 0
        self.items: list[InboxItem] = []
        heading = QLabel(self.title)
        heading.setObjectName("pageTitle")
        intro = paragraph(
            "New concerns and addenda that you or a deputy have not yet acknowledged, urgent "
            "concerns first. Acknowledge one when you have read it; triage it from its record.",
            hint=True,
        )
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number waiting")
        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Inbox")
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        widths = (150, 140, 80, 260, 220)
        for column, width in enumerate(widths):
            self.tree.setColumnWidth(column, width)
        self.open_button = QPushButton("&Open")
        self.open_button.setAccessibleName("Open the concern")
        self.acknowledge_button = QPushButton("&Acknowledge")
        self.acknowledge_button.setAccessibleName("Acknowledge")
        self.feedback = FeedbackLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addStretch()
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.acknowledge_button)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.feedback)

        self.tree.itemActivated.connect(lambda _item, _column: self.open_selected())
        self.tree.currentItemChanged.connect(lambda *_: self._enable())
        self.open_button.clicked.connect(self.open_selected)
        self.acknowledge_button.clicked.connect(self.acknowledge_selected)
        bus.changed.connect(self._data_changed)
        self.refresh()

    def navigation_text(self) -> str:
        return f"{self.title} ({self.count})" if self.count else self.title

    def refresh(self) -> None:
        chosen = self.selected()
        key = None if chosen is None else (chosen.kind, chosen.concern.id, chosen.addendum_id)
        try:
            self.items = inbox.inbox(self.signed)
        except WtscError as error:
            self.feedback.show_error(error)
            return
        self.count = len(self.items)
        self.tree.clear()
        bold = QFont()
        bold.setBold(True)
        for index, item in enumerate(self.items):
            row = QTreeWidgetItem([*_cells(item)])
            row.setData(0, Qt.ItemDataRole.UserRole, index)
            if item.concern.urgent and item.kind == "concern":
                for column in range(len(COLUMNS)):
                    row.setFont(column, bold)
            self.tree.addTopLevelItem(row)
            if key == (item.kind, item.concern.id, item.addendum_id):
                self.tree.setCurrentItem(row)
        if self.count:
            self.count_label.setText(f"{self.count} waiting to be acknowledged")
        else:
            self.count_label.setText("Nothing waiting: every concern and addendum is acknowledged.")
        self._enable()

    def _data_changed(self, area: str) -> None:
        if area in AREAS:
            self.refresh()

    def selected(self) -> InboxItem | None:
        row = self.tree.currentItem()
        if row is None:
            return None
        index = row.data(0, Qt.ItemDataRole.UserRole)
        return self.items[index] if isinstance(index, int) and index < len(self.items) else None

    def _enable(self) -> None:
        has = self.selected() is not None
        self.open_button.setEnabled(has)
        self.acknowledge_button.setEnabled(has)

    def open_selected(self) -> None:
        item = self.selected()
        if item is not None:
            self.open_concern.emit(item.concern.id)

    def acknowledge_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        self.feedback.clear_message()
        try:
            inbox.acknowledge(self.signed, concern_id=item.concern.id, addendum_id=item.addendum_id)
        except WtscError as error:
            self.feedback.show_error(error)
            return
        what = "addendum" if item.kind == "addendum" else "concern"
        current = self.tree.currentItem()
        position = self.tree.indexOfTopLevelItem(current) if current is not None else 0
        self.bus.announce("triage")
        following = self.tree.topLevelItem(min(position, self.tree.topLevelItemCount() - 1))
        if following is not None:  # the next one, ready to read
            self.tree.setCurrentItem(following)
        self.feedback.show_ok(f"Acknowledged the {what} (concern {item.concern.id}).")
        self.tree.setFocus()

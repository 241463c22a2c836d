"""The Dashboard: the first screen of the DSL and deputies. What must be done next, and
by when — urgent and new concerns, overdue actions and reviews (in red), what falls due
this week, and children whose concerns form a pattern — beside the reminders and who to
call. Enter or a double-click opens an item's concern (or child); an action can be
marked done from here.

Each line shows its date and, where one applies, its rule id. The columns are listed in
``COLUMNS``: later features add "kind of days", "whose clock" and "source" there.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.errors import WtscError
from wtsc_desktop.services import dashboard as dashboard_service
from wtsc_desktop.services import reminders, settings, triage
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.dashboard import DashboardItem
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.ui.dialogs.complete_action import CompleteActionDialog
from wtsc_desktop.ui.dialogs.referral_steps import ConfirmationDialog, EscalationDialog
from wtsc_desktop.ui.dialogs.referral_wizard import DecisionDialog
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.formats import date_text
from wtsc_desktop.ui.views.base import View
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.form_parts import paragraph
from wtsc_desktop.ui.widgets.warning_colour import warning_colour
from wtsc_desktop.ui.widgets.who_to_call import RemindersLabel, WhoToCallBox

COLUMNS = ("Date", "What", "Details", "Rule", "Kind of days", "Whose clock", "Source")
DATE, WHAT, DETAILS, RULE, DAYS, WHOSE, SOURCE = range(len(COLUMNS))
WIDTHS = (150, 300, 200, 45, 105, 140, 150)
AREAS = ("concerns", "triage", "referrals")
MAX_ROWS_SHOWN = 8
_DATE_WORDS = {
    "urgent_concern": "Arrived",
    "new_concern": "Arrived",
    "action": "Due",
    "review": "Review by",
    "pattern": "Latest",
}


def item_date(item: DashboardItem) -> str:
    """The date an item is about, with what kind of date it is: "Due 01/09/2026"."""
    day = item.due_on or item.noted_on
    if day is None:
        return ""
    return f"{_DATE_WORDS.get(item.kind, '')} {date_text(day)}".strip()


def cells(item: DashboardItem) -> tuple[str, ...]:
    return (
        item_date(item),
        item.title,
        item.detail,
        item.rule_id,
        item.days_kind,
        item.whose_clock,
        item.source,
    )


def in_red(item: DashboardItem, *, warning: bool) -> bool:
    """The setting's own overdue duties are red; another agency's passed clock is not
    the setting's failing, so it is shown in the ordinary colour, to chase."""
    agency_clock = bool(item.whose_clock) and not item.settings_duty
    return (warning or item.overdue) and not agency_clock


class DashboardSection(QWidget):
    """A heading, then the items as a short table (or a line saying there are none)."""

    def __init__(self, title: str, empty: str, *, warning: bool = False) -> None:
        super().__init__()
        self.title = title
        self.empty_text = empty
        self.warning = warning
        self.items: list[DashboardItem] = []
        self.heading = QLabel(title)
        self.heading.setObjectName("urgent" if warning else "sectionTitle")
        bold = QFont(self.heading.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.1)
        self.heading.setFont(bold)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(title)
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.tree.header()
        header.setStretchLastSection(False)
        for column, width in enumerate(WIDTHS):
            header.resizeSection(column, width)
        header.setSectionResizeMode(WHAT, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(40)
        self.empty = QLabel(empty)
        self.empty.setObjectName("hint")
        # Only as tall as its lines: the page scrolls, and the sections keep together.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        stack = QVBoxLayout(self)
        stack.setContentsMargins(0, 4, 0, 8)
        stack.setSpacing(4)
        stack.addWidget(self.heading)
        stack.addWidget(self.tree)
        stack.addWidget(self.empty)

    def show_items(self, items: tuple[DashboardItem, ...]) -> None:
        self.items = list(items)
        self.tree.clear()
        colour = warning_colour(self)
        bold = QFont()
        bold.setBold(True)
        for index, item in enumerate(items):
            row = QTreeWidgetItem(list(cells(item)))
            row.setData(0, Qt.ItemDataRole.UserRole, index)
            for column in range(len(COLUMNS)):
                if in_red(item, warning=self.warning):
                    row.setForeground(column, colour)
                if item.kind == "urgent_concern" or self.warning:
                    row.setFont(column, bold)
            row.setToolTip(WHAT, item.title)
            row.setToolTip(DETAILS, item.detail)
            row.setToolTip(SOURCE, item.source)
            row.setToolTip(WHOSE, item.whose_clock)
            self.tree.addTopLevelItem(row)
        count = len(items)
        self.heading.setText(f"{self.title} ({count})" if count else self.title)
        self.tree.setVisible(bool(count))
        self.empty.setVisible(not count)
        if count:
            # Tall enough for every line (up to a point), so the page scrolls, not the list.
            row_height = self.tree.sizeHintForRow(0) or self.fontMetrics().height() + 4
            rows = min(count, MAX_ROWS_SHOWN)
            self.tree.setFixedHeight(
                self.tree.header().sizeHint().height()
                + rows * row_height
                + 2 * self.tree.frameWidth()
                + 2
            )

    def selected(self) -> DashboardItem | None:
        row = self.tree.currentItem()
        if row is None or not row.isSelected():
            return None
        index = row.data(0, Qt.ItemDataRole.UserRole)
        return self.items[index] if isinstance(index, int) and index < len(self.items) else None


class DashboardView(View):
    title = "Dashboard"
    needs = Action.TRIAGE

    open_concern = Signal(int)
    # A child's file: the Children section connects this through the workspace.
    open_child = Signal(int)

    def __init__(self, signed: SignedIn, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(signed, bus, parent)
        heading = QLabel(self.title)
        heading.setObjectName("pageTitle")
        self.as_of = paragraph("", hint=True)
        self.open_button = QPushButton("&Open")
        self.open_button.setAccessibleName("Open the chosen item")
        self.done_button = QPushButton("&Mark action done…")
        self.done_button.setAccessibleName("Mark the chosen action done")
        self.escalate_button = QPushButton("&Escalate…")
        self.escalate_button.setAccessibleName("Record an escalation step on the chosen referral")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addStretch()
        top.addWidget(self.open_button)
        top.addWidget(self.escalate_button)
        top.addWidget(self.done_button)

        self.urgent = DashboardSection(
            "Urgent and new concerns", "No new concerns: every one is acknowledged."
        )
        self.overdue = DashboardSection("Overdue", "Nothing is overdue.", warning=True)
        self.this_week = DashboardSection("Due this week", "Nothing else falls due this week.")
        self.patterns = DashboardSection("Patterns to review", "No patterns to review.")
        self.sections = (self.urgent, self.overdue, self.this_week, self.patterns)
        self.todo = RemindersLabel()
        todo_box = QGroupBox("What to do next")
        QVBoxLayout(todo_box).addWidget(self.todo)
        self.contacts_box = WhoToCallBox()
        # Under the lists, side by side, so that the lists have the page's whole width.
        panels = QHBoxLayout()
        panels.setContentsMargins(0, 6, 0, 0)
        panels.addWidget(todo_box, 1, Qt.AlignmentFlag.AlignTop)
        panels.addWidget(self.contacts_box, 1, Qt.AlignmentFlag.AlignTop)

        lists = QWidget()
        lists_column = QVBoxLayout(lists)
        for section in self.sections:
            lists_column.addWidget(section)
        lists_column.addLayout(panels)
        lists_column.addStretch()
        scroll = QScrollArea()
        scroll.setWidget(lists)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)

        self.feedback = FeedbackLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.as_of)
        layout.addWidget(self.feedback)
        layout.addWidget(scroll, 1)

        for section in self.sections:
            section.tree.itemActivated.connect(lambda _row, _column: self.open_selected())
            section.tree.itemSelectionChanged.connect(
                lambda chosen=section: self._selection_changed(chosen)
            )
        self.open_button.clicked.connect(self.open_selected)
        self.done_button.clicked.connect(self.mark_done)
        self.escalate_button.clicked.connect(self.escalate)
        bus.changed.connect(self._data_changed)
        self.dialog: QDialog | None = None
        self._stale = False
        self.refresh()

    # --- loading ------------------------------------------------------------------

    def refresh(self) -> None:
        self._stale = False
        self.refresh_lists()
        self.refresh_panels()

    def refresh_lists(self) -> None:
        try:
            board = dashboard_service.dashboard(self.signed)
        except WtscError as error:
            self.feedback.show_error(error)
            return
        self.as_of.setText(
            f"As of {board.today:%A} {date_text(board.today)}. Open an item with Enter or a "
            "double-click."
        )
        self.urgent.show_items(board.urgent)
        self.overdue.show_items(board.overdue)
        self.this_week.show_items(board.this_week)
        self.patterns.show_items(board.patterns)
        self._enable()

    def refresh_panels(self) -> None:
        try:
            found = reminders.reminders(self.signed)
            values = settings.read_settings(self.signed)
        except WtscError as error:
            self.feedback.show_error(error)
            return
        self.todo.show_reminders(found, nothing="Nothing needs doing about the record store.")
        self.contacts_box.show_contacts(values)

    def _data_changed(self, area: str) -> None:
        if area in AREAS:
            if self.isVisible():
                self.refresh_lists()
            else:
                self._stale = True
        else:
            self.refresh_panels()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.refresh_lists()

    # --- choosing and opening -------------------------------------------------------

    def _selection_changed(self, chosen: DashboardSection) -> None:
        # One item is chosen across the four lists: the buttons act on it.
        if chosen.tree.selectedItems():
            for section in self.sections:
                if section is not chosen:
                    section.tree.clearSelection()
        self._enable()

    def selected(self) -> DashboardItem | None:
        for section in self.sections:
            item = section.selected()
            if item is not None:
                return item
        return None

    def _enable(self) -> None:
        item = self.selected()
        self.open_button.setEnabled(
            item is not None
            and (
                item.referral_id is not None
                or item.concern_id is not None
                or item.child_id is not None
            )
        )
        self.done_button.setEnabled(item is not None and item.action_id is not None)
        self.escalate_button.setEnabled(
            item is not None and item.referral_id is not None and item.rule_id == "T1"
        )

    def open_selected(self) -> None:
        item = self.selected()
        if item is None:
            return
        self.feedback.clear_message()
        if item.referral_id is not None and item.rule_id == "T14":
            self._form(
                ConfirmationDialog(self.signed, self.bus, item.referral_id, self),
                "The written confirmation is recorded: its clock is cleared.",
            )
        elif item.referral_id is not None:
            self.record_decision(item.referral_id)
        elif item.concern_id is not None:
            self.open_concern.emit(item.concern_id)
        elif item.child_id is not None:
            self.open_child.emit(item.child_id)

    def mark_done(self) -> None:
        item = self.selected()
        if item is None or item.action_id is None:
            return
        try:
            action = next(a for a in triage.open_actions(self.signed) if a.id == item.action_id)
        except StopIteration:
            self.feedback.show_error("That action is already marked done.")
            self.refresh_lists()
            return
        except WtscError as error:
            self.feedback.show_error(error)
            return
        self.feedback.clear_message()
        self._form(
            CompleteActionDialog(self.signed, self.bus, action, self),
            f"“{action.description}” is marked done.",
        )

    def _form(self, dialog: QDialog, done: str) -> None:
        """Open ``dialog`` (keeping only the latest, for tests and for focus); say ``done``
        once it saves."""
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.feedback.show_ok(done))
        dialog.open()

    def record_decision(self, referral_id: int) -> None:
        """The "Record the decision…" dialog for a referral item."""
        self._form(
            DecisionDialog(self.signed, self.bus, referral_id, self),
            "The decision is recorded: its clock is cleared.",
        )

    def escalate(self) -> None:
        """Record a step of the local escalation policy on the chosen referral item."""
        item = self.selected()
        if item is None or item.referral_id is None:
            return
        self.feedback.clear_message()
        self._form(
            EscalationDialog(self.signed, self.bus, item.referral_id, self, no_reply=item.overdue),
            "The escalation step is recorded. The decision is still awaited.",
        )

"""Concerns: the list of concerns a person may see (everything for the DSL and deputies,
their own for a staff reporter — the service decides), newest first, and one concern's
record in front when it is opened.

The list is lazy (``ConcernsTableModel``): constructing the view counts the concerns and
fetches one page, whatever their number. A benchmark or test that needs to know when
the first page is on screen connects ``list_painted`` before showing the view::

    view = ConcernsView(signed, bus)          # counts, and fetches the first page
    view.list_painted.connect(stop_the_clock)  # after the table's first paint
    view.show()
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QTimer, Signal
from PySide6.QtGui import QPaintEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import Action, allowed
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.models.concerns_table import COLUMNS, ConcernsTableModel
from wtsc_desktop.ui.views.base import View
from wtsc_desktop.ui.views.concern_record import ConcernRecordView
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.form_parts import paragraph

# Typical widest text of each column, to size the columns without reading every row.
_SAMPLES = (
    "000000",
    "00/00/0000 00:00",
    "00/00/0000 00:00",
    "Firstname Surname (Firstname)",
    "Physical abuse, Neglect",
    "Firstname Surname",
    "Urgent",
    "Not yet",
)
LIST, RECORD = 0, 1


class ConcernTable(QTableView):
    """A table that says when it has painted after each reload (``painted``)."""

    painted = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.waiting_for_paint = True

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.waiting_for_paint:
            self.waiting_for_paint = False
            self.painted.emit()


class ConcernsView(View):
    title = "Concerns"
    needs = Action.VIEW_OWN_CONCERNS

    list_painted = Signal()  # the list's first page is on screen (after each reload)
    open_child = Signal(int)  # a child's file, for the Children section to show

    def __init__(self, signed: SignedIn, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(signed, bus, parent)
        self.leads = allowed(signed.actor.role, Action.VIEW_CONCERNS)
        heading = QLabel(self.title)
        heading.setObjectName("pageTitle")
        intro = paragraph(
            "Every concern recorded, newest first. Open one to read the whole record, add "
            "a later fact or a correction, or triage it."
            if self.leads
            else "The concerns you have recorded, newest first. Open one to read it or to "
            "add a later fact or a correction. Only you and the safeguarding leads can "
            "see them.",
            hint=True,
        )
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of concerns")
        self.model = ConcernsTableModel(signed, self)
        self.table = ConcernTable()
        self.table.setAccessibleName("Concerns")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        metrics = self.table.fontMetrics()
        for column, sample in enumerate(_SAMPLES):
            width = max(
                metrics.horizontalAdvance(sample), metrics.horizontalAdvance(COLUMNS[column])
            )
            header.resizeSection(column, width + 24)
        self.open_button = QPushButton("&Open")
        self.open_button.setAccessibleName("Open the chosen concern")
        self.feedback = FeedbackLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.count_label)
        buttons.addStretch()
        buttons.addWidget(self.open_button)

        list_page = QWidget()
        list_column = QVBoxLayout(list_page)
        list_column.setContentsMargins(0, 0, 0, 0)
        list_column.addWidget(heading)
        list_column.addWidget(intro)
        list_column.addLayout(buttons)
        list_column.addWidget(self.table, 1)
        list_column.addWidget(self.feedback)

        self._record_view: ConcernRecordView | None = None  # made when first needed
        self.pages = QStackedWidget()
        self.pages.setAccessibleName("Concerns")
        self.pages.addWidget(list_page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)

        self.model.problem.connect(self.feedback.show_error)
        self.table.painted.connect(self.list_painted)
        # Once the first page is on screen, count the rest (after this paint has finished).
        self.table.painted.connect(
            lambda: QTimer.singleShot(0, self.model, self.model.complete_count)
        )
        self.table.activated.connect(self._open_index)  # Enter, or a double-click
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._enable())
        self.open_button.clicked.connect(self.open_selected)
        self.model.rowsInserted.connect(lambda *_: self._show_count())
        bus.changed.connect(self._data_changed)
        self._stale = False
        self.refresh()

    # --- the list -----------------------------------------------------------------

    def refresh(self) -> None:
        """Count the concerns again and fetch the first page."""
        self._stale = False
        chosen = self.selected_concern_id()
        self.feedback.clear_message()
        self.table.waiting_for_paint = True
        self.model.reload()
        self._show_count()
        if chosen is not None:
            row = self.model.row_of(chosen)
            if row >= 0:
                self.table.selectRow(row)
        self._enable()

    def _show_count(self) -> None:
        count = self.model.rowCount()
        if count == 0:
            self.count_label.setText("No concerns recorded yet.")
        else:
            self.count_label.setText(f"{count:,} concern{'s' if count != 1 else ''}")

    @property
    def record_view(self) -> ConcernRecordView:
        """One concern's record, made the first time it is needed."""
        if self._record_view is None:
            view = ConcernRecordView(self.signed, self.bus)
            view.back_requested.connect(self.show_list)
            view.open_child.connect(self.open_child)
            self.pages.insertWidget(RECORD, view)
            self._record_view = view
        return self._record_view

    def _data_changed(self, area: str) -> None:
        if area not in ("concerns", "triage"):
            return
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    def selected_concern_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        summary = self.model.concern_at(rows[0].row())
        return None if summary is None else summary.id

    def _enable(self) -> None:
        self.open_button.setEnabled(self.selected_concern_id() is not None)

    def _open_index(self, index: QModelIndex | QPersistentModelIndex) -> None:
        summary = self.model.concern_at(index.row())
        if summary is not None:
            self.show_concern(summary.id)

    def open_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self._open_index(index)

    # --- one concern --------------------------------------------------------------

    def show_concern(self, concern_id: int) -> None:
        """Bring one concern's record to the front (the workspace calls this too)."""
        if self.record_view.show_concern(concern_id):
            self.pages.setCurrentIndex(RECORD)
            self.record_view.text.setFocus()
        else:
            self.feedback.show_error(
                self.record_view.feedback.text() or "That concern cannot be opened."
            )

    def show_list(self) -> None:
        self.pages.setCurrentIndex(LIST)
        if self._record_view is not None:
            self._record_view.clear()
        if self._stale:
            self.refresh()
        self.table.setFocus()

    def draft_state(self) -> dict[str, Any] | None:
        """An addendum or a triage being written, kept across a lock."""
        if self.pages.currentIndex() != RECORD:
            return None
        return self.record_view.draft_state()

    def restore_draft(self, state: dict[str, Any]) -> None:
        record_view = self.record_view
        self.pages.setCurrentIndex(RECORD)
        record_view.restore_draft(state)
        if self.record_view.record is None:
            self.pages.setCurrentIndex(LIST)

"""The audit log: every change, opening and export of a record, and every refusal, newest
first, filtered by person, action and dates; and a check that nobody altered the trail.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.clock import LONDON, today_in_london
from wtsc_desktop.errors import WtscError
from wtsc_desktop.services import audit_log
from wtsc_desktop.services.audit_log import AuditFilter
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.models.audit_table import COLUMNS, AuditTableModel
from wtsc_desktop.ui.views.base import View
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.form_parts import paragraph
from wtsc_desktop.ui.widgets.record_table import set_up_record_table

ANYONE = "Anyone"
ANY_ACTION = "Any action"
# Typical widest text of each column, to size the columns without reading every row.
_SAMPLES = (
    "000000",
    "00/00/0000 00:00:00",
    "chair.governors",
    "own password changed (long)",
    "backup 0000",
    "Refused",
)


def _london_midnight(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(0), tzinfo=LONDON).astimezone(dt.UTC)


def _day(edit: QDateEdit) -> dt.date:
    chosen = edit.date()
    return dt.date(chosen.year(), chosen.month(), chosen.day())


def _date_edit(name: str, day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setAccessibleName(name)
    edit.setEnabled(False)
    return edit


class AuditLogView(View):
    title = "Audit log"
    needs = Action.VIEW_AUDIT_LOG

    def __init__(self, signed: SignedIn, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(signed, bus, parent)
        heading = QLabel(self.title)
        heading.setObjectName("pageTitle")
        intro = paragraph(
            "Who did what, and when, newest first: every change, every record opened, "
            "printed or exported, and every refusal. Records are named by number only. "
            "Each entry is sealed to the one before it, so a change or removal made outside "
            "WTSC Desktop shows up when the trail is checked.",
            hint=True,
        )
        self.user_filter = QComboBox()
        self.user_filter.setAccessibleName("Filter by who did it")
        self.user_filter.setMinimumContentsLength(14)
        self.action_filter = QComboBox()
        self.action_filter.setAccessibleName("Filter by action")
        self.action_filter.setMinimumContentsLength(22)
        today = today_in_london(signed.store.clock)
        self.use_from = QCheckBox("&From")
        self.use_from.setAccessibleName("Only events from a date")
        self.from_date = _date_edit("From date", today - dt.timedelta(days=30))
        self.use_to = QCheckBox("&To")
        self.use_to.setAccessibleName("Only events up to a date")
        self.to_date = _date_edit("To date", today)
        self.clear_button = QPushButton("&Clear filters")
        self.clear_button.setAccessibleName("Clear filters")

        filters = QHBoxLayout()
        who_label = QLabel("&Who")
        who_label.setBuddy(self.user_filter)
        action_label = QLabel("&Action")
        action_label.setBuddy(self.action_filter)
        for widget in (
            who_label,
            self.user_filter,
            action_label,
            self.action_filter,
            self.use_from,
            self.from_date,
            self.use_to,
            self.to_date,
            self.clear_button,
        ):
            filters.addWidget(widget)
        filters.addStretch()

        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of events shown")
        self.model = AuditTableModel(signed, self)
        self.model.problem.connect(self._problem)
        self.table = QTableView()
        set_up_record_table(
            self.table, name="Audit log", model=self.model, headings=COLUMNS, samples=_SAMPLES
        )

        self.check_button = QPushButton("Check the audit &trail")
        self.check_button.setAccessibleName("Check the audit trail")
        self.feedback = FeedbackLabel()
        check_row = QHBoxLayout()
        check_row.addWidget(self.check_button, 0, Qt.AlignmentFlag.AlignTop)
        check_row.addWidget(self.feedback, 1)
        check_row.addStretch()

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(check_row)

        self.user_filter.currentIndexChanged.connect(self._apply_filter)
        self.action_filter.currentIndexChanged.connect(self._apply_filter)
        self.use_from.toggled.connect(self.from_date.setEnabled)
        self.use_to.toggled.connect(self.to_date.setEnabled)
        for box in (self.use_from, self.use_to):
            box.toggled.connect(self._apply_filter)
        for edit in (self.from_date, self.to_date):
            edit.dateChanged.connect(self._apply_filter)
        self.clear_button.clicked.connect(self.clear_filters)
        self.check_button.clicked.connect(self.check_trail)
        bus.changed.connect(self._data_changed)
        self._stale = False
        self._loading = False
        self.refresh()

    # --- loading ------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the filter lists and the table (keeping the chosen filters)."""
        self._stale = False
        self._loading = True
        try:
            self._fill(
                self.user_filter,
                ANYONE,
                [(u.user_name, u.id) for u in audit_log.user_names(self.signed)],
            )
            self._fill(
                self.action_filter,
                ANY_ACTION,
                [(a, a) for a in audit_log.action_names(self.signed)],
            )
        except WtscError as error:
            self._problem(str(error))
            return
        finally:
            self._loading = False
        self._apply_filter()

    @staticmethod
    def _fill(box: QComboBox, anything: str, items: list[tuple[str, object]]) -> None:
        chosen = box.currentData()
        box.clear()
        box.addItem(anything, None)
        for text, value in items:
            box.addItem(text, value)
        box.setCurrentIndex(max(box.findData(chosen), 0) if chosen is not None else 0)

    def _data_changed(self, _area: str) -> None:
        # Every write anywhere adds to the trail; reload now if shown, else when next shown.
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()

    # --- filters ------------------------------------------------------------------

    def current_filter(self) -> AuditFilter:
        since = until = None
        if self.use_from.isChecked():
            since = _london_midnight(_day(self.from_date))
        if self.use_to.isChecked():
            until = _london_midnight(_day(self.to_date) + dt.timedelta(days=1))
        user = self.user_filter.currentData()
        return AuditFilter(
            user_id=None if user is None else int(user),
            action=self.action_filter.currentData() or "",
            since=since,
            until=until,
        )

    def _apply_filter(self) -> None:
        if self._loading:
            return
        wanted = self.current_filter()
        self.model.set_filter(wanted)
        count = self.model.rowCount()
        if wanted.since and wanted.until and wanted.since >= wanted.until:
            self.count_label.setText("The “From” date is after the “To” date.")
        elif count == 0:
            self.count_label.setText("No events match these filters.")
        else:
            self.count_label.setText(f"{count:,} event{'s' if count != 1 else ''}")

    def clear_filters(self) -> None:
        self._loading = True
        self.user_filter.setCurrentIndex(0)
        self.action_filter.setCurrentIndex(0)
        self.use_from.setChecked(False)
        self.use_to.setChecked(False)
        self._loading = False
        self._apply_filter()

    # --- the chain check ----------------------------------------------------------

    def check_trail(self) -> None:
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            result = audit_log.check_chain(self.signed)
        except WtscError as error:
            self.feedback.show_error(error)
            return
        finally:
            QApplication.restoreOverrideCursor()
        if result.passed:
            self.feedback.show_ok(
                f"The audit trail check passed: all {result.events:,} events are in order, "
                "and none has been changed or removed."
            )
        else:
            self.feedback.show_error(
                f"The audit trail check found a problem at {result.problem}. Records may "
                "have been changed outside WTSC Desktop. Make no changes, keep this computer "
                "as it is, and ask your IT support to look into it."
            )

    def _problem(self, message: str) -> None:
        self.feedback.show_error(message)

""" "Plans and meetings" for one child (issue 6, item 4): the child protection plans
(started, ended, status), the meetings held (strategy discussions, conferences, core
groups) with the setting's attendance and the reports it sent, and what is due next —
the initial conference (T3), the first core group (T4), the review conferences (T5a,
T5b) — each with its rule, kind of days, whose clock and source.

Buttons open the forms of ``meeting_dialog``: record a meeting, start a plan, end it.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from wtsc_desktop.services import plans
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.plans import MeetingView, PlanView
from wtsc_desktop.ui.dialogs.casework_parts import (
    CaseworkDialog,
    fill_table,
    fit_rows,
    open_clocks,
    read_only_table,
)
from wtsc_desktop.ui.dialogs.meeting_dialog import EndPlanDialog, MeetingDialog, StartPlanDialog
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.formats import date_text
from wtsc_desktop.ui.widgets.chronology_panel import section_title
from wtsc_desktop.ui.widgets.form_parts import paragraph

PLAN_COLUMNS = ("Started", "Ended", "Status", "Why it ended")
MEETING_COLUMNS = ("Meeting", "Held on", "The setting's attendance", "Report sent", "Note")
NOTHING_DUE = (
    "Nothing is due: no strategy discussion is waiting for a conference, and no plan is "
    "waiting for a core group or review."
)


def plan_row(plan: PlanView) -> list[str]:
    status = "Active" if plan.ended_on is None else "Ended"
    return [date_text(plan.started_on), date_text(plan.ended_on), status, plan.end_reason]


def attendance_text(meeting: MeetingView) -> str:
    if meeting.attended:
        return f"Attended by {meeting.attendee}"
    return f"Not attended: {meeting.absence_reason}" if meeting.absence_reason else "Not recorded"


def meeting_title(meeting: MeetingView) -> str:
    if meeting.s47_started:
        return f"{meeting.kind.label} (section 47 enquiries started)"
    if meeting.s47_started is False:
        return f"{meeting.kind.label} (no section 47 enquiries)"
    return meeting.kind.label


def meeting_row(meeting: MeetingView) -> list[str]:
    report = date_text(meeting.report_submitted_on) or "No report"
    return [
        meeting_title(meeting),
        date_text(meeting.held_on),
        attendance_text(meeting),
        report,
        meeting.note,
    ]


class PlansDialog(CaseworkDialog):
    """The plans and meetings of child ``child_id`` (called ``child_name``)."""

    def __init__(
        self,
        signed: SignedIn,
        bus: DataBus | None,
        *,
        child_id: int,
        child_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            signed,
            bus,
            child_id=child_id,
            title=f"Plans and meetings: {child_name}",
            parent=parent,
        )
        self.plans: list[PlanView] = []
        self.meetings: list[MeetingView] = []
        self.plan_table = read_only_table("Child protection plans", PLAN_COLUMNS, wide=(3,))
        self.meeting_table = read_only_table("Meetings", MEETING_COLUMNS, wide=(2, 4))
        self.no_plan = paragraph("No child protection plan recorded.", hint=True)
        self.no_meeting = paragraph("No meeting recorded yet.", hint=True)
        self.column.addWidget(
            paragraph(
                "Record each strategy discussion and conference once it has been held, with "
                "who attended for the setting and the report it sent. The due dates below "
                "are the local authority's and lead social worker's: chase them if nothing "
                "is arranged.",
                hint=True,
            )
        )
        self.column.addWidget(section_title("Child protection plans"))
        self.column.addWidget(self.plan_table)
        self.column.addWidget(self.no_plan)
        self.column.addWidget(section_title("Meetings"))
        self.column.addWidget(self.meeting_table, 1)
        self.column.addWidget(self.no_meeting)
        self.column.addWidget(section_title("What is due next"))
        self.meeting_button = self.add_button(
            "Record a &meeting…", "Record a meeting", self._record_meeting
        )
        self.start_button = self.add_button("&Start a plan…", "Start a plan", self._start_plan)
        self.end_button = self.add_button("&End the plan…", "End the plan", self._end_plan)
        self.finish_layout()

    @property
    def active_plan(self) -> PlanView | None:
        return next((p for p in self.plans if p.ended_on is None), None)

    def load(self) -> None:
        self.plans = plans.plans_for_child(self.signed, child_id=self.child_id)
        self.meetings = plans.meetings_for_child(self.signed, child_id=self.child_id)
        fill_table(self.plan_table, [plan_row(p) for p in self.plans])
        fit_rows(self.plan_table, 3)
        fill_table(self.meeting_table, [meeting_row(m) for m in self.meetings])
        self.plan_table.setVisible(bool(self.plans))
        self.no_plan.setVisible(not self.plans)
        self.meeting_table.setVisible(bool(self.meetings))
        self.no_meeting.setVisible(not self.meetings)
        active = self.active_plan is not None
        self.start_button.setEnabled(not active)
        self.end_button.setEnabled(active)
        clocks = [c for c in open_clocks(self.signed, self.child_id) if c.kind == "meeting"]
        self.show_clocks(clocks, NOTHING_DUE)

    def _record_meeting(self) -> None:
        self.open_form(
            MeetingDialog(self.signed, self.bus, self.child_id, self), "The meeting is recorded."
        )

    def _start_plan(self) -> None:
        self.open_form(
            StartPlanDialog(self.signed, self.bus, self.child_id, self),
            "The plan is recorded as started.",
            also="children",
        )

    def _end_plan(self) -> None:
        plan = self.active_plan
        if plan is not None:
            self.open_form(
                EndPlanDialog(self.signed, self.bus, plan, self),
                "The plan is recorded as ended.",
                also="children",
            )

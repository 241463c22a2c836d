"""The forms behind "Plans and meetings": record a meeting that was held (its kind, the
day, who attended for the setting or why nobody did, the report the setting sent, and
for a strategy discussion whether section 47 enquiries were started), start a child
protection plan, end one.

Each saves through ``services.plans``; a refusal is shown on the form with the box to
correct in focus, and nothing typed is lost.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget

from wtsc_desktop.clock import today_in_london
from wtsc_desktop.services import plans
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.plans import MeetingKind, NewMeeting, PlanView
from wtsc_desktop.ui.dialogs.casework_parts import AREA, day_box, day_value, optional_day
from wtsc_desktop.ui.dialogs.form_dialog import FormDialog
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.formats import date_text
from wtsc_desktop.ui.widgets.form_parts import choice_box, note_box, paragraph, text_box

S47_CHOICES = [
    ("Yes, section 47 enquiries were started", "yes"),
    ("No", "no"),
    ("Not sure", "unsure"),
]
S47_VALUES = {"yes": True, "no": False, "unsure": None}
YES_NO = [("Yes", "yes"), ("No", "no")]


class MeetingDialog(FormDialog):
    """Record a child protection meeting for child ``child_id``."""

    area = AREA

    def __init__(
        self, signed: SignedIn, bus: DataBus | None, child_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            signed, bus, title="Record a meeting", ok_text="Record the meeting", parent=parent
        )
        self.child_id = child_id
        today = today_in_london(signed.store.clock)
        self.kind = choice_box("Kind of meeting", [(k.label, k.value) for k in MeetingKind])
        self.held_on = day_box("Day the meeting was held", today)
        self.s47 = choice_box("Were section 47 enquiries started at it?", S47_CHOICES)
        self.attended = choice_box("Did someone attend for the setting?", YES_NO)
        self.attendee = text_box("Who attended for the setting")
        self.absence_reason = text_box("Why nobody from the setting attended", max_length=500)
        self.report_on = day_box("Day the setting's report was sent (blank if none)")
        self.note = note_box("Note")
        self.note.setMaximumHeight(100)
        for label, box in (
            ("&Kind of meeting:", self.kind),
            ("&Held on:", self.held_on),
            ("&Section 47 enquiries started:", self.s47),
            ("Setting &attended:", self.attended),
            ("&Who attended:", self.attendee),
            ("Why &nobody attended:", self.absence_reason),
            ("&Report sent on:", self.report_on),
            ("N&ote:", self.note),
        ):
            self.form.addRow(label, box)
        self.fields = {
            "held_on": self.held_on,
            "attendee": self.attendee,
            "absence_reason": self.absence_reason,
            "s47_started": self.s47,
            "report_submitted_on": self.report_on,
        }
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.attended.currentIndexChanged.connect(self._attended_changed)
        self._kind_changed()
        self._attended_changed()
        self.finish_layout(
            paragraph(
                "Record a meeting once it has been held. Leave the report date blank if the "
                "setting sent no report. For a strategy discussion, say whether section 47 "
                "enquiries were started: the initial conference is due 15 working days "
                "from it (T3).",
                hint=True,
            )
        )

    # Only the questions that apply are shown.
    def _kind_changed(self) -> None:
        self.form.setRowVisible(self.s47, self.kind.currentData() == MeetingKind.STRATEGY.value)

    def _attended_changed(self) -> None:
        attended = self.attended.currentData() == "yes"
        self.form.setRowVisible(self.attendee, attended)
        self.form.setRowVisible(self.absence_reason, not attended)

    def meeting(self) -> NewMeeting:
        kind = MeetingKind(self.kind.currentData())
        attended = self.attended.currentData() == "yes"
        strategy = kind is MeetingKind.STRATEGY
        return NewMeeting(
            child_id=self.child_id,
            kind=kind,
            held_on=day_value("held_on", self.held_on),
            attended=attended,
            attendee=self.attendee.text() if attended else "",
            absence_reason="" if attended else self.absence_reason.text(),
            s47_started=S47_VALUES[self.s47.currentData()] if strategy else None,
            report_submitted_on=optional_day("report_submitted_on", self.report_on),
            note=self.note.toPlainText(),
        )

    def save(self) -> None:
        plans.record_meeting(self.signed, meeting=self.meeting())


class StartPlanDialog(FormDialog):
    """Record that child ``child_id``'s child protection plan started."""

    area = AREA

    def __init__(
        self, signed: SignedIn, bus: DataBus | None, child_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            signed,
            bus,
            title="Start a child protection plan",
            ok_text="Start the plan",
            parent=parent,
        )
        self.child_id = child_id
        self.started_on = day_box("Day the plan started", today_in_london(signed.store.clock))
        self.form.addRow("Plan &started on:", self.started_on)
        self.fields = {"started_on": self.started_on}
        self.finish_layout(
            paragraph(
                "Usually the day of the initial conference that decided on the plan. The "
                "child's file will show the child protection plan flag until it ends.",
                hint=True,
            )
        )

    def save(self) -> None:
        plans.start_plan(
            self.signed,
            child_id=self.child_id,
            started_on=day_value("started_on", self.started_on),
        )


class EndPlanDialog(FormDialog):
    """Record that ``plan`` ended, on which day and why."""

    area = AREA

    def __init__(
        self, signed: SignedIn, bus: DataBus | None, plan: PlanView, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            signed,
            bus,
            title="End the child protection plan",
            ok_text="End the plan",
            parent=parent,
        )
        self.plan = plan
        self.ended_on = day_box("Day the plan ended", today_in_london(signed.store.clock))
        self.reason = note_box("Why the plan ended")
        self.reason.setMaximumHeight(100)
        self.form.addRow("Plan &ended on:", self.ended_on)
        self.form.addRow("&Why:", self.reason)
        self.fields = {"ended_on": self.ended_on}
        self.finish_layout(
            paragraph(
                f"The plan started on {date_text(plan.started_on)}. Ending it clears the "
                "child protection plan flag and the review conference clock.",
                hint=True,
            )
        )

    def save(self) -> None:
        ended: dt.date = day_value("ended_on", self.ended_on)
        plans.end_plan(
            self.signed, plan_id=self.plan.id, ended_on=ended, reason=self.reason.toPlainText()
        )

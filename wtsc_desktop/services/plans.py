"""Child protection plans and the meetings around them (issue 6, item 4): strategy
discussions, the initial conference (T3), core groups (T4), review conferences (T5a,
T5b) and the plan's start and end, with the setting's attendance and reports.

Starting a plan sets the child's ``cp_plan`` flag; ending it clears it. Every write is
audited as its record type and id, never its content.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from sqlalchemy import select

from wtsc_desktop.clock import LONDON
from wtsc_desktop.errors import NotFound, ValidationError
from wtsc_desktop.services.context import SignedIn, reading_as, unit
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.store.models import Child, CpMeeting, CpPlan


class MeetingKind(enum.Enum):
    """The kinds of child protection meeting the app records."""

    STRATEGY = "strategy"
    INITIAL_CONFERENCE = "initial_conference"
    CORE_GROUP = "core_group"
    REVIEW_CONFERENCE = "review_conference"

    @property
    def label(self) -> str:
        """The kind in plain words."""
        return {
            "strategy": "Strategy discussion",
            "initial_conference": "Initial child protection conference",
            "core_group": "Core group meeting",
            "review_conference": "Review child protection conference",
        }[self.value]


@dataclass(frozen=True)
class NewMeeting:
    """A meeting held: when, and the setting's part in it.

    ``s47_started`` (strategy discussions only): True when section 47 enquiries were
    started at it, False when not, None when unsure. ``attended`` with ``attendee``, or
    not attended with ``absence_reason``; ``report_submitted_on`` when the setting sent
    a report.
    """

    child_id: int
    kind: MeetingKind
    held_on: dt.date
    attended: bool
    attendee: str = ""
    absence_reason: str = ""
    s47_started: bool | None = None
    report_submitted_on: dt.date | None = None
    note: str = ""


@dataclass(frozen=True)
class MeetingView:
    """A meeting as read back."""

    id: int
    child_id: int
    kind: MeetingKind
    held_on: dt.date
    s47_started: bool | None
    attended: bool | None
    attendee: str
    absence_reason: str
    report_submitted_on: dt.date | None
    note: str


@dataclass(frozen=True)
class PlanView:
    """A child protection plan as read back."""

    id: int
    child_id: int
    started_on: dt.date
    ended_on: dt.date | None
    end_reason: str


def _today(now: dt.datetime) -> dt.date:
    return now.astimezone(LONDON).date()


def _check_meeting(new: NewMeeting, today: dt.date) -> None:
    if new.held_on > today:
        raise ValidationError("held_on", "Record a meeting once it has been held.")
    if new.attended and not new.attendee.strip():
        raise ValidationError("attendee", "Say who attended for the setting.")
    if not new.attended and not new.absence_reason.strip():
        raise ValidationError("absence_reason", "Say why nobody from the setting attended.")
    if new.s47_started is not None and new.kind is not MeetingKind.STRATEGY:
        raise ValidationError(
            "s47_started", "Section 47 enquiries are recorded on a strategy discussion."
        )
    if new.report_submitted_on is not None and new.report_submitted_on > today:
        raise ValidationError("report_submitted_on", "The report date is in the future.")


def record_meeting(signed: SignedIn, *, meeting: NewMeeting) -> int:
    """Record a child protection meeting that was held (DSL and deputies); returns its id."""
    with unit(signed, Action.MAKE_REFERRALS) as work:
        _check_meeting(meeting, _today(work.now))
        if work.session.get(Child, meeting.child_id) is None:
            raise NotFound("That child")
        row = CpMeeting(
            child_id=meeting.child_id,
            kind=meeting.kind.value,
            held_on=meeting.held_on,
            s47_started=meeting.s47_started,
            attended=meeting.attended,
            attendee=meeting.attendee.strip()[:200] if meeting.attended else "",
            absence_reason="" if meeting.attended else meeting.absence_reason.strip(),
            report_submitted_on=meeting.report_submitted_on,
            note=meeting.note,
            recorded_by=signed.actor.user_id,
            recorded_at=work.now,
        )
        work.session.add(row)
        work.session.flush()
        work.audit("meeting recorded", "cp_meeting", row.id)
        return row.id


def start_plan(signed: SignedIn, *, child_id: int, started_on: dt.date) -> int:
    """Record that a child protection plan started; sets the child's ``cp_plan`` flag."""
    with unit(signed, Action.MAKE_REFERRALS) as work:
        if started_on > _today(work.now):
            raise ValidationError("started_on", "The plan's start date is in the future.")
        child = work.session.get(Child, child_id)
        if child is None:
            raise NotFound("That child")
        active = work.session.scalar(
            select(CpPlan.id).where(CpPlan.child_id == child_id, CpPlan.ended_on.is_(None))
        )
        if active is not None:
            raise ValidationError("started_on", "This child already has a plan that has not ended.")
        row = CpPlan(
            child_id=child_id,
            started_on=started_on,
            recorded_by=signed.actor.user_id,
            recorded_at=work.now,
        )
        work.session.add(row)
        child.cp_plan = True
        work.session.flush()
        work.audit("plan started", "cp_plan", row.id)
        return row.id


def end_plan(signed: SignedIn, *, plan_id: int, ended_on: dt.date, reason: str = "") -> None:
    """Record that a plan ended; clears the child's ``cp_plan`` flag and its review clocks."""
    with unit(signed, Action.MAKE_REFERRALS) as work:
        row = work.session.get(CpPlan, plan_id)
        if row is None:
            raise NotFound("That plan")
        if row.ended_on is not None:
            raise ValidationError("ended_on", "This plan has already ended.")
        if ended_on < row.started_on:
            raise ValidationError("ended_on", "The plan cannot end before it started.")
        if ended_on > _today(work.now):
            raise ValidationError("ended_on", "The plan's end date is in the future.")
        row.ended_on, row.end_reason = ended_on, reason
        child = work.session.get(Child, row.child_id)
        if child is not None:
            child.cp_plan = False
        work.audit("plan ended", "cp_plan", row.id)


def meetings_for_child(signed: SignedIn, *, child_id: int) -> list[MeetingView]:
    """A child's meetings, oldest first."""
    with reading_as(signed, Action.MAKE_REFERRALS) as session:
        rows = session.scalars(
            select(CpMeeting)
            .where(CpMeeting.child_id == child_id)
            .order_by(CpMeeting.held_on, CpMeeting.id)
        ).all()
        return [
            MeetingView(
                r.id,
                r.child_id,
                MeetingKind(r.kind),
                r.held_on,
                r.s47_started,
                r.attended,
                r.attendee,
                r.absence_reason,
                r.report_submitted_on,
                r.note,
            )
            for r in rows
        ]


def plans_for_child(signed: SignedIn, *, child_id: int) -> list[PlanView]:
    """A child's plans, oldest first."""
    with reading_as(signed, Action.MAKE_REFERRALS) as session:
        rows = session.scalars(
            select(CpPlan).where(CpPlan.child_id == child_id).order_by(CpPlan.started_on)
        ).all()
        return [PlanView(r.id, r.child_id, r.started_on, r.ended_on, r.end_reason) for r in rows]

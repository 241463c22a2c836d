"""The open clocks of child protection meetings and file transfers, for the Dashboard and
``wtsc-desktop due``.

T3 (initial conference), T4 (first core group), T5a/T5b (review conferences) are the
local authority's or lead social worker's "expected by"; T7 (sending the file) and the
receipt chase are the setting's own duty, overdue in red. Reading only.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from wtsc_desktop.guidance.timescales import Deadline, SchoolCalendar, due_date
from wtsc_desktop.services.concern_types import display_name
from wtsc_desktop.services.context import SignedIn, reading_as
from wtsc_desktop.services.deadlines import school_calendar
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.services.settings import read_settings
from wtsc_desktop.store.models import Child, CpMeeting, CpPlan, CpTransfer

RECEIPT_NOT_CONFIRMED = "Receipt not confirmed — chase the new setting"
SOURCE_STRATEGY = "strategy"
ICPC, CORE, REVIEW = "initial_conference", "core_group", "review_conference"


@dataclass(frozen=True)
class CaseClock:
    """One open clock on a child's plan, meetings or file transfer."""

    kind: str  # "meeting" or "transfer"
    child_id: int
    child_name: str
    rule_id: str
    title: str
    detail: str
    due_on: dt.date
    overdue: bool
    days_kind: str
    whose_clock: str
    source: str
    settings_duty: bool
    plan_id: int | None = None
    transfer_id: int | None = None


def _clock(
    kind: str, child: Child, deadline: Deadline, title: str, today: dt.date, **ids: int | None
) -> CaseClock:
    name = display_name(child)
    return CaseClock(
        kind,
        child.id,
        name,
        deadline.rule_id,
        title,
        f"about {name}",
        deadline.due,
        deadline.due < today,
        deadline.unit.value,
        deadline.whose_clock.value,
        deadline.source,
        deadline.rule.id == "T7",
        **ids,
    )


def t3_start(meetings: list[CpMeeting]) -> dt.date | None:
    """The strategy discussion T3 counts from: the earliest at which section 47
    enquiries were started, or where unsure, the earliest unsure one."""
    strategies = [m for m in meetings if m.kind == SOURCE_STRATEGY]
    started = [m.held_on for m in strategies if m.s47_started]
    unsure = [m.held_on for m in strategies if m.s47_started is None]
    return min(started or unsure, default=None)


def _meeting_clocks(
    child: Child, meetings: list[CpMeeting], plan: CpPlan | None, today: dt.date
) -> list[CaseClock]:
    clocks = []
    start = t3_start(meetings)
    icpcs = [m.held_on for m in meetings if m.kind == ICPC]
    if start is not None and not any(day >= start for day in icpcs):
        t3 = due_date("T3", start)
        title = (
            "Initial conference not yet held — ask the local authority"
            if t3.due < today
            else f"Initial conference expected by {t3.due:%d/%m/%Y}"
        )
        clocks.append(_clock("meeting", child, t3, title, today))
    if plan is None or not icpcs:
        return clocks
    icpc = max(icpcs)
    plan_id = plan.id
    if not any(m.kind == CORE and m.held_on >= icpc for m in meetings):
        t4 = due_date("T4", icpc)
        title = f"First core group expected by {t4.due:%d/%m/%Y}"
        clocks.append(_clock("meeting", child, t4, title, today, plan_id=plan_id))
    reviews = [m.held_on for m in meetings if m.kind == REVIEW and m.held_on >= icpc]
    review = due_date("T5b", max(reviews)) if reviews else due_date("T5a", icpc)
    title = f"Review conference expected by {review.due:%d/%m/%Y}"
    clocks.append(_clock("meeting", child, review, title, today, plan_id=plan_id))
    return clocks


def _transfer_clocks(
    child: Child, row: CpTransfer, calendar: SchoolCalendar, today: dt.date
) -> list[CaseClock]:
    if row.sent_on is None:
        t7 = due_date("T7", row.last_day, calendar=calendar)
        title = f"Send the child protection file by {row.due_on:%d/%m/%Y}"
        clock = _clock("transfer", child, t7, title, today, transfer_id=row.id)
        return [_with_detail(clock, row, row.due_on, today)]
    if row.receipt_on is None:
        chase = due_date("T7", row.sent_on, calendar=calendar)
        clock = _clock("transfer", child, chase, RECEIPT_NOT_CONFIRMED, today, transfer_id=row.id)
        return [_with_detail(clock, row, chase.due, today)]
    return []


def _with_detail(clock: CaseClock, row: CpTransfer, due: dt.date, today: dt.date) -> CaseClock:
    detail = f"to {row.new_setting}, about {clock.child_name}"
    return replace(clock, detail=detail, due_on=due, overdue=due < today)


def case_clocks(
    signed: SignedIn, *, today: dt.date, due_by: dt.date, child_id: int | None = None
) -> list[CaseClock]:
    """Open meeting and transfer clocks due by ``due_by`` (overdue ones included), as of
    ``today``; one child's only when ``child_id`` is given."""
    calendar = school_calendar(read_settings(signed))
    with reading_as(signed, Action.MAKE_REFERRALS) as session:
        clocks = _all_clocks(session, calendar, today, child_id)
    return [c for c in clocks if c.due_on <= due_by]


def _all_clocks(
    session: Session, calendar: SchoolCalendar, today: dt.date, child_id: int | None
) -> list[CaseClock]:
    meetings: dict[int, list[CpMeeting]] = defaultdict(list)
    query = select(CpMeeting).order_by(CpMeeting.held_on, CpMeeting.id)
    if child_id is not None:
        query = query.where(CpMeeting.child_id == child_id)
    for m in session.scalars(query):
        meetings[m.child_id].append(m)
    plan_query = select(CpPlan).where(CpPlan.ended_on.is_(None))
    transfer_query = select(CpTransfer).where(CpTransfer.receipt_on.is_(None))
    if child_id is not None:
        plan_query = plan_query.where(CpPlan.child_id == child_id)
        transfer_query = transfer_query.where(CpTransfer.child_id == child_id)
    plans = {p.child_id: p for p in session.scalars(plan_query)}
    transfers = list(session.scalars(transfer_query.order_by(CpTransfer.id)))
    ids = set(meetings) | {t.child_id for t in transfers}
    children = {c.id: c for c in session.scalars(select(Child).where(Child.id.in_(ids)))}
    clocks: list[CaseClock] = []
    for cid in sorted(meetings):
        if cid in children:
            clocks += _meeting_clocks(children[cid], meetings[cid], plans.get(cid), today)
    for row in transfers:
        if row.child_id in children:
            clocks += _transfer_clocks(children[row.child_id], row, calendar, today)
    return clocks

"""The Dashboard the DSL and deputies open first: what must be done next, and by when.

Urgent concerns not yet acknowledged, actions overdue and due this week, monitoring
reviews falling due, referral clocks (T1, T14), and children whose concerns form a
pattern. Later features add their deadlines (meetings, transfers) here, each with its
rule, kind of days, whose clock it is and its source.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import func, select
from sqlalchemy.orm import Session, load_only

from wtsc_desktop.clock import LONDON, today_in_london
from wtsc_desktop.guidance.categories import Part
from wtsc_desktop.guidance.patterns import ConcernMark, PatternRule, pattern_prompt
from wtsc_desktop.services.chronology import pattern_rule
from wtsc_desktop.services.concern_types import display_name
from wtsc_desktop.services.context import SignedIn, reading_as
from wtsc_desktop.services.inbox import inbox
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.services.plan_deadlines import case_clocks
from wtsc_desktop.services.referral_deadlines import referral_clocks
from wtsc_desktop.services.special_route_deadlines import fgm_clocks
from wtsc_desktop.services.triage import open_actions
from wtsc_desktop.store.models import Child, Concern, ConcernChild, TriageDecision

_CHUNK = 500  # ids per IN (...) list, well under SQLite's limit on bound values


@dataclass(frozen=True)
class DashboardItem:
    """One line of the Dashboard. ``due_on`` is a deadline; an item without one carries
    the date it is about in ``noted_on`` (a concern's arrival, a pattern's latest
    concern). ``rule_id`` names the rule behind it (guidance.md), where one applies."""

    kind: str  # urgent_concern, new_concern, action, review, pattern, referral, fgm_report
    title: str
    detail: str
    due_on: dt.date | None
    overdue: bool
    concern_id: int | None = None
    child_id: int | None = None
    action_id: int | None = None
    noted_on: dt.date | None = None
    rule_id: str = ""
    referral_id: int | None = None
    days_kind: str = ""  # the rule's kind of days, e.g. "working days"
    whose_clock: str = ""  # the setting's duty, or another agency's "expected by"
    source: str = ""  # where the rule comes from
    settings_duty: bool = False  # the setting's own duty: shown in red when overdue
    plan_id: int | None = None
    transfer_id: int | None = None


@dataclass(frozen=True)
class Dashboard:
    today: dt.date
    urgent: tuple[DashboardItem, ...]
    overdue: tuple[DashboardItem, ...]
    this_week: tuple[DashboardItem, ...]
    patterns: tuple[DashboardItem, ...]


class _Clock(Protocol):
    """What every clock (referral, meeting, transfer, FGM report) tells the Dashboard."""

    @property
    def title(self) -> str: ...
    @property
    def detail(self) -> str: ...
    @property
    def due_on(self) -> dt.date: ...
    @property
    def overdue(self) -> bool: ...
    @property
    def child_id(self) -> int | None: ...
    @property
    def rule_id(self) -> str: ...
    @property
    def days_kind(self) -> str: ...
    @property
    def whose_clock(self) -> str: ...
    @property
    def source(self) -> str: ...


def _clock_item(
    kind: str,
    clock: _Clock,
    settings_duty: bool,
    *,
    concern_id: int | None = None,
    referral_id: int | None = None,
    plan_id: int | None = None,
    transfer_id: int | None = None,
) -> DashboardItem:
    """A Dashboard line for a clock, with its rule, kind of days, whose clock and source,
    and the record it opens."""
    return DashboardItem(
        kind,
        clock.title,
        clock.detail,
        clock.due_on,
        clock.overdue,
        child_id=clock.child_id,
        rule_id=clock.rule_id,
        days_kind=clock.days_kind,
        whose_clock=clock.whose_clock,
        source=clock.source,
        settings_duty=settings_duty,
        concern_id=concern_id,
        referral_id=referral_id,
        plan_id=plan_id,
        transfer_id=transfer_id,
    )


def dashboard(signed: SignedIn) -> Dashboard:
    """Everything due or pressing for the DSL and deputies, as of today in England."""
    today = today_in_london(signed.store.clock)
    week_end = today + dt.timedelta(days=7)
    urgent: list[DashboardItem] = []
    for item in inbox(signed):
        if item.kind == "concern":
            who = ", ".join(item.concern.subjects) or "a child"
            urgent.append(
                DashboardItem(
                    "urgent_concern" if item.concern.urgent else "new_concern",
                    f"{'Urgent: ' if item.concern.urgent else 'New: '}concern about {who}",
                    f"from {item.concern.reporter}",
                    None,
                    item.concern.urgent,
                    concern_id=item.concern.id,
                    noted_on=item.arrived_at.astimezone(LONDON).date(),
                    rule_id="D2" if item.concern.urgent else "",
                )
            )
    dated: list[DashboardItem] = [
        DashboardItem(
            "action",
            a.description,
            f"owner: {a.owner}",
            a.due_on,
            a.due_on < today,
            concern_id=a.concern_id,
            action_id=a.id,
        )
        for a in open_actions(signed, due_by=week_end)
    ]
    dated += [
        _clock_item("referral", c, c.settings_duty, referral_id=c.referral_id)
        for c in referral_clocks(signed, today=today, due_by=week_end)
    ]
    dated += [
        _clock_item(c.kind, c, c.settings_duty, plan_id=c.plan_id, transfer_id=c.transfer_id)
        for c in case_clocks(signed, today=today, due_by=week_end)
    ]
    dated += [
        _clock_item("fgm_report", c, True, concern_id=c.concern_id)  # the person's own duty
        for c in fgm_clocks(signed, today=today, due_by=week_end)
    ]
    rule = pattern_rule(signed)
    window = max(rule.count_days, rule.reporter_days)
    with reading_as(signed, Action.TRIAGE) as session:
        # Only a concern's latest decision counts: a later one replaces its review date.
        latest = (
            select(TriageDecision.concern_id, func.max(TriageDecision.decided_at).label("at"))
            .group_by(TriageDecision.concern_id)
            .subquery()
        )
        reviews = session.execute(
            select(TriageDecision.concern_id, TriageDecision.review_on)
            .join(
                latest,
                (latest.c.concern_id == TriageDecision.concern_id)
                & (latest.c.at == TriageDecision.decided_at),
            )
            .where(TriageDecision.review_on.is_not(None), TriageDecision.review_on <= week_end)
        ).all()
        for concern_id, review_on in reviews:
            if review_on is None:
                continue
            dated.append(
                DashboardItem(
                    "review",
                    "Review a concern being monitored",
                    f"concern {concern_id}",
                    review_on,
                    review_on < today,
                    concern_id=concern_id,
                    rule_id="D2",
                )
            )
        since = dt.datetime.combine(today - dt.timedelta(days=window), dt.time(), dt.UTC)
        patterns = _patterns(session, since, rule)
    dated.sort(key=lambda i: (i.due_on or today, i.title))
    return Dashboard(
        today=today,
        urgent=tuple(urgent),
        overdue=tuple(i for i in dated if i.overdue),
        this_week=tuple(i for i in dated if not i.overdue),
        patterns=tuple(patterns),
    )


def _patterns(session: Session, since: dt.datetime, rule: PatternRule) -> list[DashboardItem]:
    """Children with a concern observed since ``since`` whose concerns form a pattern.

    Read in a few set-wise queries (the recent concerns, then those children's marks
    and names), so that a large store answers as fast as a small one.
    """
    # "IN (recent concerns)" keeps SQLite on the observed-time index; as a join it
    # preferred to walk every child's links (seconds at 250,000 concerns).
    recent = session.scalars(
        select(ConcernChild.child_id)
        .where(
            ConcernChild.concern_id.in_(select(Concern.id).where(Concern.observed_at >= since)),
            ConcernChild.part == Part.SUBJECT.value,
        )
        .distinct()
    ).all()
    child_ids = sorted({c for c in recent if c is not None})
    marks: dict[int, list[ConcernMark]] = defaultdict(list)
    names: dict[int, str] = {}
    for start in range(0, len(child_ids), _CHUNK):
        chunk = child_ids[start : start + _CHUNK]
        for child_id, at, reporter in session.execute(
            select(ConcernChild.child_id, Concern.observed_at, Concern.reporter_id)
            .join(Concern, Concern.id == ConcernChild.concern_id)
            .where(ConcernChild.child_id.in_(chunk), ConcernChild.part == Part.SUBJECT.value)
        ):
            if child_id is not None:
                marks[child_id].append(ConcernMark(at.astimezone(LONDON).date(), reporter))
        names.update(
            (child.id, display_name(child))
            for child in session.scalars(
                select(Child)
                .options(load_only(Child.legal_forename, Child.legal_surname, Child.preferred_name))
                .where(Child.id.in_(chunk))
            )
        )
    found = []
    for child_id in child_ids:
        prompt = pattern_prompt(marks[child_id], rule)
        if prompt is not None and child_id in names:
            found.append(
                DashboardItem(
                    "pattern",
                    f"Pattern: {names[child_id]}",
                    prompt.reason,
                    None,
                    False,
                    child_id=child_id,
                    noted_on=prompt.last,
                )
            )
    return found

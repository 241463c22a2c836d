"""The special routes of a concern, and the T8 clock of a teacher's own FGM report.

A submitted concern ticked "FGM", about a girl under 18, reported by a teacher or a
regulated health or social care professional who did not learn of it from someone else
(the girl told them, or they saw signs, or they did not say), with no FGM report recorded
for it yet: the Dashboard and ``wtsc-desktop due`` show T8a (by the close of the next
working day) and, once T8a has passed, T8b (at most one month). The duty is the
reporter's personally, not the DSL's; it is shown in red when overdue because it is a
duty within the setting. Recording the report (``special_routes.record_fgm_report``)
clears it. Reading only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from wtsc_desktop.clock import LONDON
from wtsc_desktop.errors import NotFound
from wtsc_desktop.guidance.categories import Part
from wtsc_desktop.guidance.referral_routes import ReferralRoute
from wtsc_desktop.guidance.special_routes import FGM_ADULT_AGE, FgmSource, SpecialRoute
from wtsc_desktop.guidance.timescales import Deadline, due_date
from wtsc_desktop.services.context import SignedIn, reading_as
from wtsc_desktop.services.permissions import Action, Profession, Role
from wtsc_desktop.store.models import (
    Child,
    Concern,
    ConcernCategory,
    ConcernChild,
    Referral,
    User,
)

FGM_WHOSE_CLOCK = "the teacher who learned of it — personally, not the DSL"
FGM_TITLE = "FGM report to the police not yet recorded"
# A concern's category codes that lead to a special route (guidance/categories.py).
ROUTE_CATEGORIES: dict[str, SpecialRoute] = {
    "fgm": SpecialRoute.FGM,
    "modern_slavery": SpecialRoute.MODERN_SLAVERY,
    "private_fostering": SpecialRoute.PRIVATE_FOSTERING,
}
_DUTY_PROFESSIONS = (Profession.TEACHER.value, Profession.REGULATED.value)


def routes_for(categories: tuple[str, ...] | list[str]) -> tuple[SpecialRoute, ...]:
    """The special routes that a concern's category codes lead to, in guidance order."""
    return tuple(route for code, route in ROUTE_CATEGORIES.items() if code in categories)


def age_on(born: dt.date, day: dt.date) -> int:
    """A person's age in whole years on ``day``."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass(frozen=True)
class FgmReportSeen:
    """An FGM report to the police already recorded for a concern."""

    referral_id: int
    reported_at: dt.datetime
    police_reference: str


@dataclass(frozen=True)
class ConcernRoutes:
    """What the special-route advice needs to know about one concern."""

    concern_id: int
    routes: tuple[SpecialRoute, ...]
    learned_on: dt.date
    girl_age: int | None  # the subject child's age when it was seen, if her birth date is known
    reporter_is_me: bool
    reporter_profession: Profession
    fgm_report: FgmReportSeen | None
    fgm_source: FgmSource | None = None  # how the reporter learned of it, if they said


@dataclass(frozen=True)
class FgmClock:
    """One open T8 clock on a concern, with what the Dashboard shows beside it."""

    concern_id: int
    child_id: int | None
    rule_id: str
    title: str
    detail: str
    due_on: dt.date
    overdue: bool
    days_kind: str
    whose_clock: str
    source: str


def _subject_births(session: Session, concern_id: int) -> list[tuple[int | None, dt.date | None]]:
    rows = session.execute(
        select(ConcernChild.child_id, Child.date_of_birth)
        .outerjoin(Child, Child.id == ConcernChild.child_id)
        .where(ConcernChild.concern_id == concern_id, ConcernChild.part == Part.SUBJECT.value)
        .order_by(ConcernChild.id)
    ).all()
    return [(child_id, born) for child_id, born in rows]


def _fgm_report(session: Session, concern_id: int) -> Referral | None:
    return session.scalars(
        select(Referral)
        .where(
            Referral.concern_id == concern_id,
            Referral.route == ReferralRoute.FGM_POLICE.value,
        )
        .order_by(Referral.made_at)
        .limit(1)
    ).first()


def concern_routes(signed: SignedIn, *, concern_id: int) -> ConcernRoutes:
    """The special routes of one concern (its author, or a DSL or deputy), with the facts
    the advice needs: when it was learned of, the girl's age if known, the reporter's
    profession, and any FGM report already recorded. ``NotFound`` for anyone else."""
    with reading_as(signed, Action.VIEW_OWN_CONCERNS) as session:
        row = session.get(Concern, concern_id)
        lead = signed.actor.role in (Role.DSL, Role.DEPUTY)
        if row is None or (not lead and row.reporter_id != signed.actor.user_id):
            raise NotFound("That concern")
        codes = list(
            session.scalars(
                select(ConcernCategory.code).where(ConcernCategory.concern_id == concern_id)
            )
        )
        learned_on = row.observed_at.astimezone(LONDON).date()
        births = [born for _child, born in _subject_births(session, concern_id) if born]
        reporter = session.get(User, row.reporter_id)
        profession = Profession(reporter.profession) if reporter else Profession.OTHER
        report = _fgm_report(session, concern_id)
        return ConcernRoutes(
            concern_id=concern_id,
            routes=routes_for(codes),
            learned_on=learned_on,
            girl_age=age_on(births[0], learned_on) if births else None,
            reporter_is_me=row.reporter_id == signed.actor.user_id,
            reporter_profession=profession,
            fgm_report=None
            if report is None
            else FgmReportSeen(report.id, report.made_at, report.their_reference),
            fgm_source=FgmSource(row.fgm_source) if row.fgm_source else None,
        )


def _clock(
    concern: Concern, child_id: int | None, deadline: Deadline, today: dt.date, name: str
) -> FgmClock:
    return FgmClock(
        concern_id=concern.id,
        child_id=child_id,
        rule_id=deadline.rule_id,
        title=FGM_TITLE,
        detail=f"{name} must report it to the police personally (concern {concern.id})",
        due_on=deadline.due,
        overdue=deadline.due < today,
        days_kind=deadline.unit.value,
        whose_clock=FGM_WHOSE_CLOCK,
        source=deadline.source,
    )


def fgm_clocks(signed: SignedIn, *, today: dt.date, due_by: dt.date) -> list[FgmClock]:
    """Open T8a clocks due by ``due_by`` (overdue ones included) as of ``today``, and the
    T8b clock of each whose T8a has passed. For the DSL and deputies."""
    clocks: list[FgmClock] = []
    with reading_as(signed, Action.VIEW_DEADLINES) as session:
        reported = select(Referral.concern_id).where(
            Referral.concern_id.is_not(None),
            Referral.route == ReferralRoute.FGM_POLICE.value,
        )
        rows = session.execute(
            select(Concern, User.full_name)
            .join(ConcernCategory, ConcernCategory.concern_id == Concern.id)
            .join(User, User.id == Concern.reporter_id)
            .where(
                ConcernCategory.code == "fgm",
                User.profession.in_(_DUTY_PROFESSIONS),
                # Told by someone else: a referral in the usual way, no personal duty.
                Concern.fgm_source != FgmSource.SOMEONE_ELSE.value,
                Concern.id.not_in(reported),
            )
            .order_by(Concern.id)
        ).all()
        for concern, reporter in rows:
            learned_on = concern.observed_at.astimezone(LONDON).date()
            subjects = _subject_births(session, concern.id)
            # A child with no birth date on the register is taken to be under 18.
            girls = [
                c
                for c, born in subjects
                if born is None or age_on(born, learned_on) < FGM_ADULT_AGE
            ]
            if not girls:
                continue
            best = due_date("T8a", learned_on)
            if best.due <= due_by:
                clocks.append(_clock(concern, girls[0], best, today, reporter))
            if best.due < today:
                clocks.append(
                    _clock(concern, girls[0], due_date("T8b", learned_on), today, reporter)
                )
    return clocks

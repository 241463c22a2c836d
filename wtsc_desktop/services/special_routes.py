"""Special routes (issue 6 item 3): advice for whoever learned of FGM, trafficking or
modern slavery, or a private fostering arrangement, and the record of a teacher's or
health or social care professional's own mandatory FGM report to the police (T8).

The advice reads no named record. The FGM report is kept as a referral of type "FGM
report to police" made by the person themselves, audited without its content.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from wtsc_desktop.clock import LONDON, today_in_london
from wtsc_desktop.errors import NotFound, ValidationError, WtscError
from wtsc_desktop.guidance.referral_routes import ReferralMethod, ReferralRoute
from wtsc_desktop.guidance.special_routes import (
    FgmFacts,
    FgmSource,
    LearnerProfession,
    RouteAdvice,
    SpecialRoute,
    route_advice,
)
from wtsc_desktop.guidance.timescales import Deadline, due_date
from wtsc_desktop.services.context import SignedIn, reading_as, unit
from wtsc_desktop.services.permissions import Action, Profession, Role
from wtsc_desktop.store.models import Child, Concern, ConcernChild, Referral, User

FGM_POLICE_AGENCY = "Police (101)"
FGM_CONSENT_REASON = (
    "Mandatory report by the professional personally: consent is not needed (FGM Act 2003 s.5B)."
)
_LEADS = (Role.DSL, Role.DEPUTY)


class NoFgmDuty(WtscError):
    """The person's profession does not carry the personal FGM reporting duty."""

    def __init__(self) -> None:
        super().__init__(
            "Only teachers and regulated health or social care professionals make the "
            "mandatory FGM report themselves. Tell the DSL today: they will make a referral "
            "in the usual way."
        )


@dataclass(frozen=True)
class FgmReportRecord:
    """A recorded mandatory FGM report with its deadlines and whether it met them."""

    referral_id: int
    best_practice: Deadline
    statutory_limit: Deadline
    on_time: bool
    within_limit: bool


def advise(
    signed: SignedIn,
    *,
    route: SpecialRoute,
    learned_on: dt.date | None = None,
    girl_age: int | None = None,
    fgm_source: FgmSource | None = None,
    la_already_knows: bool = False,
) -> RouteAdvice:
    """What the signed-in person (any role) or the DSL must do about ``route``.

    Uses the person's own profession for FGM; ``learned_on`` defaults to today (London).
    FGM needs ``girl_age`` and ``fgm_source``; raises ``ValidationError`` without them.
    """
    with reading_as(signed, Action.LOG_CONCERN):
        day = learned_on or today_in_london(signed.store.clock)
    facts = None
    if route is SpecialRoute.FGM:
        if girl_age is None:
            raise ValidationError("girl_age", "Give the girl's age.")
        if girl_age < 0 or girl_age > 130:
            raise ValidationError("girl_age", "Give the girl's age in years.")
        if fgm_source is None:
            raise ValidationError("fgm_source", "Say how you learned of it.")
        profession = LearnerProfession(signed.actor.profession.value)
        facts = FgmFacts(girl_age=girl_age, source=fgm_source, profession=profession)
    return route_advice(route, learned_on=day, fgm=facts, la_already_knows=la_already_knows)


def _child_for(
    signed: SignedIn, session: Session, child_id: int | None, concern_id: int | None
) -> int:
    if concern_id is None:
        if child_id is None:
            raise ValidationError("child_id", "Choose the girl, or the concern about her.")
        if session.get(Child, child_id) is None:
            raise NotFound("That child")
        return child_id
    concern = session.get(Concern, concern_id)
    lead = signed.actor.role in _LEADS
    if concern is None or (not lead and concern.reporter_id != signed.actor.user_id):
        raise NotFound("That concern")
    on_register = [
        c
        for c in session.scalars(
            select(ConcernChild.child_id).where(ConcernChild.concern_id == concern_id)
        )
        if c is not None
    ]
    if child_id is not None:
        if child_id not in on_register:
            raise ValidationError("child_id", "That child is not in this concern.")
        return child_id
    if len(on_register) != 1:
        raise ValidationError("child_id", "Choose which child in the concern this is about.")
    return on_register[0]


def record_fgm_report(
    signed: SignedIn,
    *,
    learned_on: dt.date,
    reported_at: dt.datetime,
    police_reference: str,
    child_id: int | None = None,
    concern_id: int | None = None,
) -> FgmReportRecord:
    """Record the signed-in person's own mandatory FGM report to the police (T8).

    Any role may record it, but only a teacher or a regulated health or social care
    professional carries the duty (``NoFgmDuty`` otherwise). Kept as a referral of type
    "FGM report to police" made by them by phone, with the T8a and T8b dates from
    ``learned_on``; audited as "FGM report recorded" without content.
    """
    with unit(signed, Action.RECORD_OWN_FGM_REPORT) as work:
        person = work.session.get(User, signed.actor.user_id)
        profession = Profession(person.profession) if person is not None else Profession.OTHER
        if profession not in (Profession.TEACHER, Profession.REGULATED):
            raise NoFgmDuty()
        if reported_at.tzinfo is None:
            raise ValidationError("reported_at", "Give the time you reported it.")
        if reported_at > work.now + dt.timedelta(minutes=5):
            raise ValidationError("reported_at", "The report time is in the future.")
        if reported_at.astimezone(LONDON).date() < learned_on:
            raise ValidationError("reported_at", "The report is dated before you learned of it.")
        reference = police_reference.strip()
        if not reference:
            raise ValidationError(
                "police_reference", "Write the reference number the police gave you."
            )
        child = _child_for(signed, work.session, child_id, concern_id)
        best, limit = due_date("T8a", learned_on), due_date("T8b", learned_on)
        label = profession.label.lower()
        row = Referral(
            child_id=child,
            concern_id=concern_id,
            route=ReferralRoute.FGM_POLICE.value,
            made_by=signed.actor.user_id,
            made_at=reported_at,
            recorded_at=work.now,
            method=ReferralMethod.PHONE.value,
            agency=FGM_POLICE_AGENCY,
            their_reference=reference[:120],
            family_aware=False,
            family_consents=False,
            consent_reason=FGM_CONSENT_REASON,
            done_already=(
                f"Mandatory FGM report made personally by {signed.actor.full_name} "
                f"({label}), who learned of it on {learned_on:%d/%m/%Y}. T8a (best "
                f"practice) due {best.due:%d/%m/%Y}; T8b (statutory limit) due "
                f"{limit.due:%d/%m/%Y}."
            ),
        )
        work.session.add(row)
        work.session.flush()
        work.audit("FGM report recorded", "referral", row.id)
        day = reported_at.astimezone(LONDON).date()
        return FgmReportRecord(
            referral_id=row.id,
            best_practice=best,
            statutory_limit=limit,
            on_time=day <= best.due,
            within_limit=day <= limit.due,
        )

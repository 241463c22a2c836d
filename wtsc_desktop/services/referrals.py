"""Referrals to other agencies (issue 6): made from a triage decision or on their own,
the written confirmation of a phone referral (T14), the local authority's decision (T1)
and the escalation steps when the DSL disagrees or no reply comes.

Every write is audited as record type "referral" with its id, never its content.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from wtsc_desktop.clock import LONDON
from wtsc_desktop.errors import NotFound, ValidationError
from wtsc_desktop.guidance.referral_routes import (
    DECISION_EXPECTED_ROUTES,
    EscalationReason,
    ReferralMethod,
    ReferralOutcome,
    ReferralRoute,
    consent_reason_needed,
)
from wtsc_desktop.guidance.timescales import due_date
from wtsc_desktop.services.context import SignedIn, reading_as, unit
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.store.models import Child, Concern, Referral, ReferralEscalation, TriageDecision


@dataclass(frozen=True)
class NewReferral:
    """What the DSL records when a referral is made (forms.md, "Referral to children's
    social care"). ``decision_id`` links it to the triage decision that led to it."""

    child_id: int
    route: ReferralRoute
    made_at: dt.datetime
    method: ReferralMethod
    agency: str
    family_aware: bool
    family_consents: bool
    consent_reason: str = ""
    agency_contact: str = ""
    their_reference: str = ""
    route_other: str = ""
    child_views: str = ""
    professionals: str = ""
    done_already: str = ""
    previous_referrals: str = ""
    concern_id: int | None = None
    decision_id: int | None = None


@dataclass(frozen=True)
class EscalationView:
    id: int
    reason: EscalationReason
    step: str
    by_whom: str
    at: dt.datetime
    note: str


@dataclass(frozen=True)
class ReferralView:
    """A referral as the DSL reads it back."""

    id: int
    child_id: int
    concern_id: int | None
    decision_id: int | None
    route: ReferralRoute
    route_other: str
    made_by: int
    made_at: dt.datetime
    method: ReferralMethod
    agency: str
    agency_contact: str
    their_reference: str
    family_aware: bool
    family_consents: bool
    consent_reason: str
    child_views: str
    professionals: str
    done_already: str
    previous_referrals: str
    confirmation_due_on: dt.date | None
    confirmation_sent_at: dt.datetime | None
    confirmation_method: str
    decision_expected_on: dt.date | None
    decision_at: dt.datetime | None
    decision_text: str
    outcome: ReferralOutcome | None
    escalations: tuple[EscalationView, ...]


def _check(new: NewReferral, now: dt.datetime) -> None:
    if new.made_at.tzinfo is None:
        raise ValidationError("made_at", "Give the time the referral was made.")
    if new.made_at > now + dt.timedelta(minutes=5):
        raise ValidationError("made_at", "The referral time is in the future.")
    if not new.agency.strip():
        raise ValidationError("agency", "Say which agency the referral went to.")
    if new.route is ReferralRoute.OTHER and not new.route_other.strip():
        raise ValidationError("route_other", "Say what kind of referral this is.")
    if (
        consent_reason_needed(family_aware=new.family_aware, family_consents=new.family_consents)
        and not new.consent_reason.strip()
    ):
        raise ValidationError(
            "consent_reason",
            "Say why the family does not know or has not consented: this is never left blank.",
        )


def validate_referral(*, referral: NewReferral, now: dt.datetime) -> None:
    """Raise ``ValidationError`` naming the first field to correct, as ``make_referral``
    would; reads nothing, so a form can check as the DSL types."""
    _check(referral, now)


def make_referral(signed: SignedIn, *, referral: NewReferral) -> int:
    """Record a referral (DSL and deputies); returns its id.

    Works out when the local authority's decision is expected (T1, for children's social
    care and NRM referrals) and, for a phone referral, when the written confirmation is
    due (T14), both from the London date it was made.
    """
    with unit(signed, Action.MAKE_REFERRALS) as work:
        _check(referral, work.now)
        session = work.session
        if session.get(Child, referral.child_id) is None:
            raise NotFound("That child")
        concern_id = referral.concern_id
        if referral.decision_id is not None:
            decision = session.get(TriageDecision, referral.decision_id)
            if decision is None:
                raise NotFound("That triage decision")
            concern_id = decision.concern_id
        if concern_id is not None and session.get(Concern, concern_id) is None:
            raise NotFound("That concern")
        day = referral.made_at.astimezone(LONDON).date()
        expected = due_date("T1", day).due if referral.route in DECISION_EXPECTED_ROUTES else None
        confirm = due_date("T14", day).due if referral.method is ReferralMethod.PHONE else None
        row = Referral(
            child_id=referral.child_id,
            concern_id=concern_id,
            decision_id=referral.decision_id,
            route=referral.route.value,
            route_other=referral.route_other.strip()[:200],
            made_by=signed.actor.user_id,
            made_at=referral.made_at,
            recorded_at=work.now,
            method=referral.method.value,
            agency=referral.agency.strip()[:200],
            agency_contact=referral.agency_contact.strip()[:300],
            their_reference=referral.their_reference.strip()[:120],
            family_aware=referral.family_aware,
            family_consents=referral.family_consents,
            consent_reason=referral.consent_reason.strip(),
            child_views=referral.child_views,
            professionals=referral.professionals,
            done_already=referral.done_already,
            previous_referrals=referral.previous_referrals,
            confirmation_due_on=confirm,
            decision_expected_on=expected,
        )
        session.add(row)
        session.flush()
        work.audit("referral made", "referral", row.id)
        return row.id


def _load(session: Session, referral_id: int) -> Referral:
    row = session.get(Referral, referral_id)
    if row is None:
        raise NotFound("That referral")
    return row


def record_confirmation(
    signed: SignedIn, *, referral_id: int, sent_at: dt.datetime, method: ReferralMethod
) -> None:
    """Record the written confirmation of a phone referral (T14), which clears its clock."""
    with unit(signed, Action.MAKE_REFERRALS) as work:
        if sent_at > work.now + dt.timedelta(minutes=5):
            raise ValidationError("sent_at", "The confirmation time is in the future.")
        if method is ReferralMethod.PHONE:
            raise ValidationError("method", "Written confirmation is sent by portal or email.")
        row = _load(work.session, referral_id)
        row.confirmation_sent_at, row.confirmation_method = sent_at, method.value
        row.confirmation_recorded_by = signed.actor.user_id
        work.audit("referral confirmation recorded", "referral", row.id)


def record_agency_decision(
    signed: SignedIn,
    *,
    referral_id: int,
    decided_at: dt.datetime,
    decision: str,
    outcome: ReferralOutcome,
) -> None:
    """Record the receiving agency's decision and its outcome; this clears the T1 clock."""
    with unit(signed, Action.MAKE_REFERRALS) as work:
        if not decision.strip():
            raise ValidationError("decision", "Write what the agency decided.")
        if decided_at > work.now + dt.timedelta(minutes=5):
            raise ValidationError("decided_at", "The decision time is in the future.")
        row = _load(work.session, referral_id)
        if decided_at < row.made_at:
            raise ValidationError("decided_at", "The decision came before the referral.")
        row.decision_at, row.decision_text, row.outcome = decided_at, decision, outcome.value
        row.decision_recorded_by = signed.actor.user_id
        work.audit("referral decision recorded", "referral", row.id)


def add_escalation(
    signed: SignedIn,
    *,
    referral_id: int,
    reason: EscalationReason,
    step: str,
    by_whom: str,
    at: dt.datetime,
    note: str = "",
) -> int:
    """Record one step of the local escalation policy (who, when, why); returns its id."""
    with unit(signed, Action.MAKE_REFERRALS) as work:
        if not step.strip():
            raise ValidationError("step", "Say which step of the escalation policy this is.")
        if not by_whom.strip():
            raise ValidationError("by_whom", "Say who escalated.")
        if at > work.now + dt.timedelta(minutes=5):
            raise ValidationError("at", "The escalation time is in the future.")
        row = _load(work.session, referral_id)
        step_row = ReferralEscalation(
            referral_id=row.id,
            reason=reason.value,
            step=step.strip()[:300],
            by_whom=by_whom.strip()[:200],
            at=at,
            note=note,
            recorded_by=signed.actor.user_id,
            recorded_at=work.now,
        )
        work.session.add(step_row)
        work.session.flush()
        work.audit("referral escalated", "referral", row.id)
        return step_row.id


def _view(row: Referral, steps: Sequence[ReferralEscalation]) -> ReferralView:
    return ReferralView(
        id=row.id,
        child_id=row.child_id,
        concern_id=row.concern_id,
        decision_id=row.decision_id,
        route=ReferralRoute(row.route),
        route_other=row.route_other,
        made_by=row.made_by,
        made_at=row.made_at,
        method=ReferralMethod(row.method),
        agency=row.agency,
        agency_contact=row.agency_contact,
        their_reference=row.their_reference,
        family_aware=row.family_aware,
        family_consents=row.family_consents,
        consent_reason=row.consent_reason,
        child_views=row.child_views,
        professionals=row.professionals,
        done_already=row.done_already,
        previous_referrals=row.previous_referrals,
        confirmation_due_on=row.confirmation_due_on,
        confirmation_sent_at=row.confirmation_sent_at,
        confirmation_method=row.confirmation_method,
        decision_expected_on=row.decision_expected_on,
        decision_at=row.decision_at,
        decision_text=row.decision_text,
        outcome=ReferralOutcome(row.outcome) if row.outcome else None,
        escalations=tuple(
            EscalationView(s.id, EscalationReason(s.reason), s.step, s.by_whom, s.at, s.note)
            for s in sorted(steps, key=lambda s: (s.at, s.id))
        ),
    )


def get_referral(signed: SignedIn, *, referral_id: int) -> ReferralView:
    """One referral with its escalation steps (DSL and deputies)."""
    with reading_as(signed, Action.MAKE_REFERRALS) as session:
        row = _load(session, referral_id)
        steps = session.scalars(
            select(ReferralEscalation).where(ReferralEscalation.referral_id == row.id)
        ).all()
        return _view(row, steps)


def referrals_for_child(signed: SignedIn, *, child_id: int) -> list[ReferralView]:
    """A child's referrals, newest first (DSL and deputies)."""
    with reading_as(signed, Action.MAKE_REFERRALS) as session:
        rows = session.scalars(
            select(Referral)
            .where(Referral.child_id == child_id)
            .order_by(Referral.made_at.desc(), Referral.id.desc())
        ).all()
        steps: dict[int, list[ReferralEscalation]] = {}
        for s in session.scalars(
            select(ReferralEscalation).where(
                ReferralEscalation.referral_id.in_([r.id for r in rows])
            )
        ):
            steps.setdefault(s.referral_id, []).append(s)
        return [_view(r, steps.get(r.id, [])) for r in rows]

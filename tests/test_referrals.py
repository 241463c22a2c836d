"""Referrals through the services: S1's T1 clock on the Dashboard, the T14 written
confirmation, consent reasons never blank, permissions, the chronology and the audit."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.casework import a_child, a_concern, london
from tests.factory import ROLE_USERS
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.errors import PermissionDenied, ValidationError
from wtsc_desktop.guidance.categories import Threshold
from wtsc_desktop.guidance.information_sharing import Consent, LawfulBasis
from wtsc_desktop.guidance.referral_routes import (
    EscalationReason,
    ReferralMethod,
    ReferralOutcome,
    ReferralRoute,
)
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.chronology import chronology
from wtsc_desktop.services.context import SignedIn, reading
from wtsc_desktop.services.dashboard import Dashboard, DashboardItem, dashboard
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.services.referral_deadlines import NO_DECISION
from wtsc_desktop.services.referrals import (
    NewReferral,
    add_escalation,
    get_referral,
    make_referral,
    record_agency_decision,
    record_confirmation,
    referrals_for_child,
)
from wtsc_desktop.services.triage import TriageInput, record_decision
from wtsc_desktop.store.models import AuditEvent

SECRET_WORDS = "Invented words: Ferndale said her step-dad hit her"


def _at(clock: FixedClock, when: dt.datetime) -> None:
    clock.current = when.astimezone(dt.UTC)


def _referral(child_id: int, **changes: object) -> NewReferral:
    base: dict[str, object] = {
        "child_id": child_id,
        "route": ReferralRoute.SOCIAL_CARE,
        "made_at": london(2026, 8, 28, 14, 30),
        "method": ReferralMethod.PORTAL,
        "agency": "Invented County MASH",
        "family_aware": True,
        "family_consents": True,
        "child_views": SECRET_WORDS,
    }
    base.update(changes)
    return NewReferral(**base)  # type: ignore[arg-type]


def _s1(dsl: SignedIn, clock: FixedClock) -> tuple[int, int]:
    """S1: a concern on Friday 28 August 2026, referred to children's social care that day."""
    _at(clock, london(2026, 8, 28, 15))
    child = a_child(dsl)
    concern = a_concern(dsl, child, observed_at=london(2026, 8, 28, 9), words=SECRET_WORDS)
    decision = record_decision(
        dsl,
        concern_id=concern,
        decision=TriageInput(
            threshold=Threshold.SECTION_47,
            rationale="Invented: an injury the child says was caused at home.",
            consent=Consent.NOT_SOUGHT,
            consent_reason="Telling the family could put the child at more risk.",
            lawful_basis=LawfulBasis.PUBLIC_TASK,
        ),
    )
    referral = make_referral(
        dsl,
        referral=_referral(
            child,
            decision_id=decision,
            family_aware=False,
            family_consents=False,
            consent_reason="Telling the family could put the child at more risk.",
        ),
    )
    return child, referral


def _referral_items(board: Dashboard) -> list[DashboardItem]:
    return [i for i in (*board.overdue, *board.this_week) if i.kind == "referral"]


def test_s1_the_decision_is_expected_by_tuesday_and_flagged_on_wednesday(
    dsl: SignedIn, clock: FixedClock
) -> None:
    child, referral = _s1(dsl, clock)
    view = get_referral(dsl, referral_id=referral)
    assert view.decision_expected_on == dt.date(2026, 9, 1)  # Mon 31 Aug: bank holiday
    assert view.concern_id is not None and view.decision_id is not None
    assert view.confirmation_due_on is None  # a portal referral needs no confirmation

    _at(clock, london(2026, 9, 1, 9))
    (expected,) = _referral_items(dashboard(dsl))
    assert (expected.title, expected.overdue) == ("Decision expected by 01/09/2026", False)

    _at(clock, london(2026, 9, 2, 9))
    board = dashboard(dsl)
    (late,) = [i for i in board.overdue if i.kind == "referral"]
    assert late.title == NO_DECISION == "No decision yet — chase or escalate"
    assert (late.rule_id, late.days_kind, late.due_on) == (
        "T1",
        "working days",
        dt.date(2026, 9, 1),
    )
    assert late.whose_clock.startswith("expected by")
    assert "Working Together" in late.source
    assert (late.referral_id, late.child_id, late.settings_duty) == (referral, child, False)

    _at(clock, london(2026, 9, 2, 11))
    record_agency_decision(
        dsl,
        referral_id=referral,
        decided_at=london(2026, 9, 2, 10),
        decision="Invented: strategy discussion arranged.",
        outcome=ReferralOutcome.STRATEGY_DISCUSSION,
    )
    assert _referral_items(dashboard(dsl)) == []
    assert get_referral(dsl, referral_id=referral).outcome is ReferralOutcome.STRATEGY_DISCUSSION


def test_a_phone_referral_is_confirmed_in_writing_within_one_working_day(
    dsl: SignedIn, clock: FixedClock
) -> None:
    _at(clock, london(2026, 8, 28, 15))
    child = a_child(dsl)
    referral = make_referral(
        dsl, referral=_referral(child, method=ReferralMethod.PHONE, route=ReferralRoute.CAMHS)
    )
    assert get_referral(dsl, referral_id=referral).confirmation_due_on == dt.date(2026, 9, 1)
    assert get_referral(dsl, referral_id=referral).decision_expected_on is None  # not T1

    _at(clock, london(2026, 9, 1, 9))
    (due,) = _referral_items(dashboard(dsl))
    assert (due.rule_id, due.overdue, due.settings_duty) == ("T14", False, True)
    assert due.whose_clock == "the setting's duty"

    _at(clock, london(2026, 9, 2, 9))
    (overdue,) = [i for i in dashboard(dsl).overdue if i.kind == "referral"]
    assert (overdue.rule_id, overdue.settings_duty) == ("T14", True)

    with pytest.raises(ValidationError) as caught:
        record_confirmation(
            dsl, referral_id=referral, sent_at=london(2026, 9, 2, 8), method=ReferralMethod.PHONE
        )
    assert caught.value.field == "method"
    record_confirmation(
        dsl, referral_id=referral, sent_at=london(2026, 9, 2, 8), method=ReferralMethod.PORTAL
    )
    assert _referral_items(dashboard(dsl)) == []


@pytest.mark.parametrize(("aware", "consents"), [(False, True), (True, False), (False, False)])
def test_a_no_on_awareness_or_consent_needs_a_reason(
    dsl: SignedIn, clock: FixedClock, aware: bool, consents: bool
) -> None:
    _at(clock, london(2026, 8, 28, 15))
    child = a_child(dsl)
    with pytest.raises(ValidationError) as caught:
        make_referral(
            dsl,
            referral=_referral(
                child, family_aware=aware, family_consents=consents, consent_reason=" "
            ),
        )
    assert caught.value.field == "consent_reason"
    assert referrals_for_child(dsl, child_id=child) == []


def test_escalation_steps_are_kept_in_order(dsl: SignedIn, clock: FixedClock) -> None:
    _child, referral = _s1(dsl, clock)
    _at(clock, london(2026, 9, 3, 12))
    add_escalation(
        dsl,
        referral_id=referral,
        reason=EscalationReason.NO_REPLY,
        step="Step 2: team manager",
        by_whom="Invented DSL",
        at=london(2026, 9, 3, 11),
    )
    add_escalation(
        dsl,
        referral_id=referral,
        reason=EscalationReason.NO_REPLY,
        step="Step 1: called the MASH social worker",
        by_whom="Invented DSL",
        at=london(2026, 9, 2, 9),
    )
    steps = get_referral(dsl, referral_id=referral).escalations
    assert [s.step for s in steps] == [
        "Step 1: called the MASH social worker",
        "Step 2: team manager",
    ]
    with pytest.raises(ValidationError):
        add_escalation(
            dsl,
            referral_id=referral,
            reason=EscalationReason.DISAGREE,
            step="",
            by_whom="Invented DSL",
            at=london(2026, 9, 3, 11),
        )


def test_the_chronology_shows_the_referral_and_the_audit_holds_no_content(
    dsl: SignedIn, clock: FixedClock
) -> None:
    child, referral = _s1(dsl, clock)
    entries = chronology(dsl, child_id=child).entries
    (entry,) = [e for e in entries if e.kind == "referral"]
    assert entry.title == "Referral: Children's social care (MASH / front door)"
    assert "Invented County MASH" in entry.detail
    with reading(dsl.store) as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.record_type == "referral")
        ).all()
        assert [(e.action, e.record_id) for e in events] == [("referral made", str(referral))]
        everything = " ".join(
            f"{e.action} {e.record_type} {e.record_id} {e.detail}"
            for e in session.scalars(select(AuditEvent))
        )
    assert "Ferndale" not in everything
    assert "MASH" not in everything


def test_what_followed_a_referral_is_on_the_chronology_on_its_own_dates(
    dsl: SignedIn, clock: FixedClock
) -> None:
    _at(clock, london(2026, 8, 28, 15))
    child = a_child(dsl)
    referral = make_referral(
        dsl, referral=_referral(child, method=ReferralMethod.PHONE, made_at=london(2026, 8, 28, 9))
    )
    _at(clock, london(2026, 9, 4, 16))
    record_confirmation(
        dsl,
        referral_id=referral,
        sent_at=london(2026, 8, 28, 11),
        method=ReferralMethod.SECURE_EMAIL,
    )
    add_escalation(
        dsl,
        referral_id=referral,
        reason=EscalationReason.NO_REPLY,
        step="Asked the team manager",
        by_whom="Invented DSL",
        at=london(2026, 9, 2, 10),
        note="Invented: promised a reply by Friday.",
    )
    record_agency_decision(
        dsl,
        referral_id=referral,
        decided_at=london(2026, 9, 4, 15),
        decision="Invented: a child-in-need assessment.",
        outcome=ReferralOutcome.CHILD_IN_NEED,
    )
    entries = [e for e in chronology(dsl, child_id=child).entries if e.kind == "referral"]
    assert [(e.happened_at, e.title) for e in entries] == [
        (london(2026, 8, 28, 9), "Referral: Children's social care (MASH / front door)"),
        (london(2026, 8, 28, 11), "Phone referral confirmed in writing"),
        (london(2026, 9, 2, 10), "Referral escalated: Asked the team manager"),
        (london(2026, 9, 4, 15), "Referral decision: Child-in-need assessment"),
    ]
    assert entries[2].detail == (
        "No reply came by the deadline; by Invented DSL, on the referral to Invented County "
        "MASH. Invented: promised a reply by Friday."
    )
    assert entries[3].detail == "Invented County MASH: Invented: a child-in-need assessment."
    # Who recorded each step is named beside it, as for the referral itself.
    assert [e.by for e in entries] == [dsl.actor.full_name] * 4


@pytest.mark.parametrize("role", [Role.REPORTER, Role.REVIEWER, Role.ALLEGATIONS_MANAGER])
def test_only_leads_make_referrals(
    paths: StorePaths, clock: FixedClock, role: Role, dsl: SignedIn
) -> None:
    _at(clock, london(2026, 8, 28, 15))
    child = a_child(dsl)
    user, password = ROLE_USERS[role]
    other = sign_in(paths, user_name=user, password=password, clock=clock)
    try:
        with pytest.raises(PermissionDenied):
            make_referral(other, referral=_referral(child))
    finally:
        other.lock()
    assert referrals_for_child(dsl, child_id=child) == []


def test_a_deputy_makes_a_referral(paths: StorePaths, clock: FixedClock, dsl: SignedIn) -> None:
    _at(clock, london(2026, 8, 28, 15))
    child = a_child(dsl)
    user, password = ROLE_USERS[Role.DEPUTY]
    deputy = sign_in(paths, user_name=user, password=password, clock=clock)
    try:
        made = make_referral(deputy, referral=_referral(child))
    finally:
        deputy.lock()
    assert [r.id for r in referrals_for_child(dsl, child_id=child)] == [made]

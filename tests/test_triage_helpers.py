"""The small services the triage and Dashboard screens lean on: who can own an action,
checking a decision step by step, which decisions share information, and what each
Dashboard line carries (its action, its date, its rule)."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.casework import a_child, a_concern, london
from tests.factory import ROLE_USERS
from wtsc_desktop.errors import PermissionDenied, ValidationError
from wtsc_desktop.guidance.categories import Part, Threshold
from wtsc_desktop.guidance.information_sharing import Consent, LawfulBasis
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.accounts import deactivate_user, list_users
from wtsc_desktop.services.audit_log import list_events
from wtsc_desktop.services.concern_lists import list_concerns
from wtsc_desktop.services.concern_types import ChildInConcern, NewConcern
from wtsc_desktop.services.concerns import submit_concern
from wtsc_desktop.services.dashboard import dashboard
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.services.triage import (
    ActionInput,
    TriageInput,
    action_owners,
    record_decision,
    shares_information,
    validate_decision,
)


@pytest.fixture
def signed_in_as(paths, clock):
    sessions = []

    def signer(role: Role):
        user_name, password = ROLE_USERS[role]
        sessions.append(sign_in(paths, user_name=user_name, password=password, clock=clock))
        return sessions[-1]

    yield signer
    for signed in sessions:
        signed.lock()


def test_action_owners_lists_active_accounts_by_name_for_leads_only(dsl, signed_in_as) -> None:
    owners = action_owners(dsl)
    assert [o.full_name for o in owners] == sorted(o.full_name for o in owners)
    assert {o.role_label for o in owners} >= {"Designated safeguarding lead", "Staff reporter"}
    assert len(owners) == len(ROLE_USERS)
    governor = next(u for u in list_users(dsl) if u.user_name == ROLE_USERS[Role.REVIEWER][0])
    deactivate_user(dsl, user_id=governor.id)
    assert governor.id not in {o.user_id for o in action_owners(dsl)}
    assert len(action_owners(signed_in_as(Role.DEPUTY))) == len(ROLE_USERS) - 1
    with pytest.raises(PermissionDenied):
        action_owners(signed_in_as(Role.REPORTER))
    # Reading the list of names opens no record, so it leaves nothing in the audit trail.
    before = len(list_events(dsl, limit=1000))
    action_owners(dsl)
    assert len(list_events(dsl, limit=1000)) == before


def test_validate_decision_names_the_first_field_to_correct() -> None:
    today = dt.date(2026, 9, 2)
    with pytest.raises(ValidationError) as caught:
        validate_decision(decision=TriageInput(Threshold.SECTION_47, "  "), today=today)
    assert caught.value.field == "rationale"
    with pytest.raises(ValidationError) as caught:
        validate_decision(decision=TriageInput(Threshold.SECTION_47, "Reasons."), today=today)
    assert caught.value.field == "lawful_basis"
    with pytest.raises(ValidationError) as caught:
        validate_decision(
            decision=TriageInput(
                Threshold.SECTION_47,
                "Reasons.",
                consent=Consent.NOT_NEEDED,
                lawful_basis=LawfulBasis.PUBLIC_TASK,
            ),
            today=today,
        )
    assert caught.value.field == "consent_reason"
    with pytest.raises(ValidationError) as caught:
        validate_decision(
            decision=TriageInput(Threshold.MONITOR, "Reasons.", review_on=dt.date(2026, 9, 1)),
            today=today,
        )
    assert caught.value.field == "review_on"
    validate_decision(
        decision=TriageInput(Threshold.MONITOR, "Reasons.", review_on=today), today=today
    )


def test_which_decisions_share_information() -> None:
    shared = {t for t in Threshold if shares_information(t)}
    assert shared == {
        Threshold.POLICE,
        Threshold.SECTION_47,
        Threshold.SECTION_17,
        Threshold.EARLY_HELP,
    }


def test_dashboard_lines_carry_their_action_date_and_rule(dsl, clock) -> None:
    clock.current = london(2026, 9, 7, 9)
    child = a_child(dsl)
    urgent = a_concern(dsl, child, observed_at=london(2026, 9, 7, 8), urgent=True)
    later = a_concern(dsl, child, observed_at=london(2026, 9, 7, 8, 30))
    record_decision(
        dsl,
        concern_id=later,
        decision=TriageInput(
            Threshold.MONITOR,
            "Watch and see.",
            review_on=dt.date(2026, 9, 9),
            actions=(ActionInput("Speak to her tutor", dt.date(2026, 9, 8), owner_name="Tutor"),),
        ),
    )
    board = dashboard(dsl)
    [concern_line] = board.urgent
    assert (concern_line.concern_id, concern_line.rule_id) == (urgent, "D2")
    assert concern_line.noted_on == dt.date(2026, 9, 7)
    action_line = next(i for i in board.this_week if i.kind == "action")
    assert action_line.action_id is not None and action_line.due_on == dt.date(2026, 9, 8)
    review_line = next(i for i in board.this_week if i.kind == "review")
    assert review_line.rule_id == "D2" and review_line.action_id is None


def test_a_summary_says_when_the_time_seen_is_not_known(dsl) -> None:
    submit_concern(
        dsl,
        concern=NewConcern(
            immediate_danger=False,
            children=(ChildInConcern(Part.SUBJECT, description="A girl in Year 4"),),
            observed_at=london(2026, 9, 1, 12),
            observed_time_known=False,
            location="Playground",
            child_words="",
            observed="Seen crying at lunch.",
            categories=("emotional",),
        ),
    )
    [summary] = list_concerns(dsl)
    assert summary.observed_time_known is False

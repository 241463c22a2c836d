"""Concerns through the services: S8, S9, immutability, addenda, who sees what."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.casework import a_child, a_concern, london
from tests.factory import ROLE_USERS
from wtsc_desktop.errors import NotFound, PermissionDenied, ValidationError
from wtsc_desktop.guidance.categories import THRESHOLD_RULES, Part, Threshold
from wtsc_desktop.guidance.information_sharing import Consent, LawfulBasis
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.audit_log import list_events
from wtsc_desktop.services.chronology import chronology
from wtsc_desktop.services.concern_lists import count_concerns, list_concerns
from wtsc_desktop.services.concern_types import (
    WORDS_GUIDANCE,
    AttachmentInput,
    ChildInConcern,
    MarkInput,
    NewConcern,
)
from wtsc_desktop.services.concerns import (
    add_addendum,
    attachment_data,
    get_concern,
    submit_concern,
)
from wtsc_desktop.services.dashboard import dashboard
from wtsc_desktop.services.inbox import acknowledge, inbox, unacknowledged_count
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.services.triage import ActionInput, TriageInput, decisions_for, record_decision


@pytest.fixture
def as_role(paths, clock):
    sessions = []

    def signer(role: Role):
        user, password = ROLE_USERS[role]
        signed = sign_in(paths, user_name=user, password=password, clock=clock)
        sessions.append(signed)
        return signed

    yield signer
    for signed in sessions:
        signed.lock()


def test_s8_words_kept_verbatim_and_referral_without_consent(dsl, as_role, clock) -> None:
    """S8: a 14-year-old discloses abuse and asks that nobody is told."""
    clock.current = london(2026, 9, 14, 15)
    teacher = as_role(Role.REPORTER)
    child = a_child(dsl, "Maya", "Okonkwo")
    words = "He hits me when mum's out.\nPlease don't tell anyone — promise?"
    concern = a_concern(
        teacher, child, observed_at=london(2026, 9, 14, 14, 20), words=words, observed=""
    )
    # On screen beside the words box: confidentiality cannot be promised.
    assert "cannot promise" in WORDS_GUIDANCE
    record = get_concern(dsl, concern_id=concern)
    assert record.child_words == words  # verbatim, line break and dash kept

    rule = THRESHOLD_RULES[Threshold.SECTION_47]
    assert "consent is not needed" in rule.consent
    decision = record_decision(
        dsl,
        concern_id=concern,
        decision=TriageInput(
            threshold=Threshold.SECTION_47,
            rationale="A disclosure of physical abuse by a household adult.",
            consent=Consent.NOT_NEEDED,
            consent_reason="Asking the family could put Maya at greater risk.",
            lawful_basis=LawfulBasis.PUBLIC_TASK,
            actions=(ActionInput("Phone the front door", dt.date(2026, 9, 14), owner_name="DSL"),),
        ),
    )
    [view] = decisions_for(dsl, concern_id=concern)
    assert view.id == decision
    assert view.consent == "not_needed" and view.lawful_basis == "public_task"
    assert "Sch. 1 para 18" in view.special_category
    assert "Phone the front door" in [a.description for a in view.actions]


def test_a_referral_without_a_lawful_basis_is_refused(dsl, clock) -> None:
    clock.current = london(2026, 9, 14, 15)
    concern = a_concern(dsl, a_child(dsl), observed_at=london(2026, 9, 14, 9))
    with pytest.raises(ValidationError) as refused:
        record_decision(
            dsl,
            concern_id=concern,
            decision=TriageInput(Threshold.SECTION_47, "Significant harm suspected."),
        )
    assert refused.value.field == "lawful_basis"
    with pytest.raises(ValidationError) as refused:
        record_decision(dsl, concern_id=concern, decision=TriageInput(Threshold.MONITOR, " "))
    assert refused.value.field == "rationale"


def test_s9_two_reporters_in_a_week_show_in_order_and_prompt(dsl, as_role, clock) -> None:
    """S9: a bruise on Monday (one member of staff), hunger on Thursday (another)."""
    clock.current = london(2026, 9, 11, 16)
    child = a_child(dsl)
    teacher = as_role(Role.REPORTER)
    thursday = a_concern(
        teacher,
        child,
        observed_at=london(2026, 9, 10, 12),
        observed="Said she had no breakfast or tea yesterday; ate two lunches.",
        categories=("neglect",),
    )
    monday = a_concern(dsl, child, observed_at=london(2026, 9, 7, 9))
    result = chronology(dsl, child_id=child)
    assert [e.concern_id for e in result.entries] == [monday, thursday]
    assert [e.title for e in result.entries] == ["Physical abuse", "Neglect"]
    assert result.prompt is not None and "2 different people" in result.prompt.reason
    patterns = dashboard(dsl).patterns
    assert [p.child_id for p in patterns] == [child]


def test_chronology_ties_are_ordered_by_when_recorded_and_filtered(dsl, clock) -> None:
    child = a_child(dsl)
    same = london(2026, 9, 7, 9)
    clock.current = london(2026, 9, 8, 9)
    first = a_concern(dsl, child, observed_at=same)
    clock.current = london(2026, 9, 8, 10)
    second = a_concern(dsl, child, observed_at=same, categories=("emotional",))
    clock.current = london(2026, 9, 9, 11)
    add_addendum(dsl, concern_id=first, text="Mum phoned to explain the bruise.")
    result = chronology(dsl, child_id=child)
    assert [(e.kind, e.concern_id) for e in result.entries] == [
        ("concern", first),
        ("concern", second),
        ("addendum", first),
    ]
    only = chronology(dsl, child_id=child, kinds=["addendum"])
    assert [e.kind for e in only.entries] == ["addendum"]
    none = chronology(dsl, child_id=child, since=dt.date(2026, 9, 9))
    assert [e.kind for e in none.entries] == ["addendum"]


def test_categories_land_only_on_the_subject(dsl, clock) -> None:
    clock.current = london(2026, 9, 8, 9)
    subject, other = a_child(dsl), a_child(dsl, "Sam", "Oakes")
    a_concern(
        dsl,
        subject,
        observed_at=london(2026, 9, 7, 9),
        categories=("child_on_child",),
        others=(ChildInConcern(Part.ALLEGED, other),),
    )
    [entry] = chronology(dsl, child_id=other).entries
    assert entry.title == "Named in a concern: a child alleged to have caused harm"
    assert chronology(dsl, child_id=other).prompt is None


def test_a_reporter_sees_only_their_own_concerns(dsl, as_role, clock) -> None:
    clock.current = london(2026, 9, 8, 9)
    teacher = as_role(Role.REPORTER)
    child = a_child(dsl)
    mine = a_concern(teacher, child, observed_at=london(2026, 9, 7, 9))
    theirs = a_concern(dsl, child, observed_at=london(2026, 9, 7, 10))
    assert count_concerns(teacher) == 1
    assert [c.id for c in list_concerns(teacher)] == [mine]
    assert get_concern(teacher, concern_id=mine).id == mine
    with pytest.raises(NotFound):
        get_concern(teacher, concern_id=theirs)
    with pytest.raises(NotFound):
        add_addendum(teacher, concern_id=theirs, text="x")
    with pytest.raises(PermissionDenied):
        chronology(teacher, child_id=child)
    assert count_concerns(dsl) == 2


def test_submitted_concerns_change_only_by_addenda(dsl, clock) -> None:
    clock.current = london(2026, 9, 8, 9)
    concern = a_concern(dsl, a_child(dsl), observed_at=london(2026, 9, 7, 9))
    clock.current = london(2026, 9, 9, 9)
    add_addendum(dsl, concern_id=concern, text="The bruise was yellow.", kind="correction")
    record = get_concern(dsl, concern_id=concern)
    assert record.observed == "A bruise on her left forearm."
    [addendum] = record.addenda
    assert addendum.kind == "correction" and addendum.written_at == clock.current
    with pytest.raises(ValidationError):
        add_addendum(dsl, concern_id=concern, text="   ")


def test_body_map_marks_and_attachments_are_kept(dsl, clock) -> None:
    clock.current = london(2026, 9, 8, 9)
    child = a_child(dsl)
    concern = submit_concern(
        dsl,
        concern=NewConcern(
            immediate_danger=False,
            children=(ChildInConcern(Part.SUBJECT, child),),
            observed_at=london(2026, 9, 8, 8, 45),
            location="Gate",
            child_words="",
            observed="Limping.",
            categories=("physical",),
            marks=(MarkInput(1, "back", 0.45, 0.7, "Bruise", "about 3 cm"),),
            attachments=(AttachmentInput("note.txt", b"typed note", "text/plain"),),
        ),
    )
    record = get_concern(dsl, concern_id=concern)
    assert record.marks == (MarkInput(1, "back", 0.45, 0.7, "Bruise", "about 3 cm"),)
    [attachment] = record.attachments
    assert attachment_data(dsl, attachment_id=attachment.id) == ("note.txt", b"typed note")
    too_big = AttachmentInput("big.pdf", b"x" * (10 * 1024 * 1024 + 1))
    with pytest.raises(ValidationError, match="the limit is 10 MB"):
        add_addendum(dsl, concern_id=concern, text="More", attachments=(too_big,))


def test_bad_concerns_are_refused_before_anything_is_written(dsl, clock) -> None:
    clock.current = london(2026, 9, 8, 9)
    child = a_child(dsl)
    base = dict(
        immediate_danger=False,
        observed_at=london(2026, 9, 8, 8),
        location="",
        child_words="",
        observed="Seen",
        categories=("neglect",),
    )
    cases = [
        ({"children": ()}, "children"),
        ({"children": (ChildInConcern(Part.WITNESS, child),)}, "children"),
        ({"children": (ChildInConcern(Part.SUBJECT, None, "  "),)}, "children"),
        ({"observed": "", "children": (ChildInConcern(Part.SUBJECT, child),)}, "observed"),
        (
            {"observed_at": london(2026, 9, 9), "children": (ChildInConcern(Part.SUBJECT, child),)},
            "observed_at",
        ),
    ]
    for change, field in cases:
        with pytest.raises(ValidationError) as refused:
            submit_concern(dsl, concern=NewConcern(**{**base, **change}))
        assert refused.value.field == field
    assert count_concerns(dsl) == 0


def test_the_inbox_puts_urgent_first_and_empties_when_acknowledged(dsl, as_role, clock) -> None:
    clock.current = london(2026, 9, 8, 9)
    teacher = as_role(Role.REPORTER)
    child = a_child(dsl)
    calm = a_concern(teacher, child, observed_at=london(2026, 9, 8, 8))
    clock.current = london(2026, 9, 8, 10)
    urgent = a_concern(teacher, child, observed_at=london(2026, 9, 8, 9, 50), urgent=True)
    assert [i.concern.id for i in inbox(dsl)] == [urgent, calm]
    assert unacknowledged_count(dsl) == 2
    assert dashboard(dsl).urgent[0].concern_id == urgent
    acknowledge(dsl, concern_id=urgent)
    acknowledge(dsl, concern_id=calm)
    add_addendum(teacher, concern_id=calm, text="She came back to talk.")
    [item] = inbox(dsl)
    assert item.kind == "addendum" and item.concern.id == calm
    acknowledge(dsl, concern_id=calm, addendum_id=item.addendum_id)
    assert unacknowledged_count(dsl) == 0
    with pytest.raises(PermissionDenied):
        inbox(teacher)


def test_overdue_actions_and_reviews_reach_the_dashboard(dsl, clock) -> None:
    clock.current = london(2026, 9, 8, 9)
    concern = a_concern(dsl, a_child(dsl), observed_at=london(2026, 9, 8, 8))
    record_decision(
        dsl,
        concern_id=concern,
        decision=TriageInput(
            Threshold.MONITOR,
            "Low-level; watch for a pattern.",
            review_on=dt.date(2026, 9, 10),
            actions=(ActionInput("Speak to mum", dt.date(2026, 9, 9), owner_name="Head of year"),),
        ),
    )
    clock.current = london(2026, 9, 10, 9)
    board = dashboard(dsl)
    assert [(i.kind, i.overdue) for i in board.overdue] == [("action", True)]
    assert [(i.kind, i.due_on) for i in board.this_week] == [("review", dt.date(2026, 9, 10))]


def test_every_step_is_audited_without_content(dsl, clock) -> None:
    clock.current = london(2026, 9, 8, 9)
    concern = a_concern(dsl, a_child(dsl), observed_at=london(2026, 9, 8, 8), words="Canary words")
    get_concern(dsl, concern_id=concern)
    actions = [e.action for e in list_events(dsl)[:3]]
    assert actions == ["concern opened", "concern submitted", "child added"]
    assert all("Canary" not in e.detail for e in list_events(dsl))

"""Special routes (issue 6 item 3): FGM (a teacher, a regulated professional, a coach, a
disclosure by her mother, a woman of 18), NRM and private fostering, with the right
duty-holder, consent position and deadline; a teacher's own FGM report recorded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from tests.casework import a_child, a_concern, london
from tests.factory import ROLE_USERS
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.errors import NotFound, ValidationError
from wtsc_desktop.guidance.referral_routes import ReferralMethod, ReferralRoute
from wtsc_desktop.guidance.special_routes import (
    DutyHolder,
    FgmFacts,
    FgmSource,
    LearnerProfession,
    SpecialRoute,
    fgm_duty_applies,
    route_advice,
)
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.accounts import change_role, list_users
from wtsc_desktop.services.chronology import chronology
from wtsc_desktop.services.context import SignedIn, reading
from wtsc_desktop.services.permissions import Profession, Role
from wtsc_desktop.services.referrals import get_referral, referrals_for_child
from wtsc_desktop.services.special_routes import NoFgmDuty, advise, record_fgm_report
from wtsc_desktop.store.models import AuditEvent

FRIDAY = dt.date(2026, 8, 28)  # Monday 31/08/2026 is the summer bank holiday
REFERENCE = "INV-101-4471"


def _at(clock: FixedClock, when: dt.datetime) -> None:
    clock.current = when.astimezone(dt.UTC)


@pytest.fixture
def teacher(paths: StorePaths, clock: FixedClock, dsl: SignedIn) -> Iterator[SignedIn]:
    """The staff reporter, a teacher."""
    user, password = ROLE_USERS[Role.REPORTER]
    signed = sign_in(paths, user_name=user, password=password, clock=clock)
    assert signed.actor.profession is Profession.TEACHER
    yield signed
    signed.lock()


def _as(paths: StorePaths, clock: FixedClock, role: Role) -> SignedIn:
    user, password = ROLE_USERS[role]
    return sign_in(paths, user_name=user, password=password, clock=clock)


# --- FGM --------------------------------------------------------------------------------


def test_a_teacher_told_by_the_girl_must_report_personally(
    teacher: SignedIn, clock: FixedClock
) -> None:
    _at(clock, london(2026, 8, 28, 11))
    advice = advise(
        teacher, route=SpecialRoute.FGM, girl_age=14, fgm_source=FgmSource.GIRL_DISCLOSED
    )
    assert advice.duty_holder is DutyHolder.INDIVIDUAL
    assert advice.mandatory_fgm_report
    assert advice.referral_route is ReferralRoute.FGM_POLICE
    assert advice.words == (
        "You must report this yourself to the police on 101: the DSL cannot do it for you. "
        "Keep the DSL informed."
    )
    assert not advice.consent_needed
    assert advice.rule_ids == ("T8a", "T8b")
    best, limit = advice.deadlines
    assert (best.rule_id, best.due) == ("T8a", dt.date(2026, 9, 1))
    assert (limit.rule_id, limit.due) == ("T8b", dt.date(2026, 9, 28))
    assert "s.5B" in advice.sources[0]


def test_a_regulated_professional_who_sees_the_signs_must_report_personally(
    paths: StorePaths, clock: FixedClock, dsl: SignedIn
) -> None:
    (user,) = [u for u in list_users(dsl) if u.role is Role.ALLEGATIONS_MANAGER]
    change_role(
        dsl, user_id=user.id, role=Role.ALLEGATIONS_MANAGER, profession=Profession.REGULATED
    )
    nurse = _as(paths, clock, Role.ALLEGATIONS_MANAGER)
    try:
        advice = advise(
            nurse,
            route=SpecialRoute.FGM,
            learned_on=FRIDAY,
            girl_age=11,
            fgm_source=FgmSource.SIGNS_SEEN,
        )
        assert advice.duty_holder is DutyHolder.INDIVIDUAL
        assert advice.deadlines[0].due == dt.date(2026, 9, 1)
    finally:
        nurse.lock()


def test_a_coach_refers_in_the_usual_way_through_the_dsl(
    paths: StorePaths, clock: FixedClock, dsl: SignedIn
) -> None:
    coach = _as(paths, clock, Role.REVIEWER)  # profession OTHER
    try:
        assert coach.actor.profession is Profession.OTHER
        advice = advise(
            coach,
            route=SpecialRoute.FGM,
            learned_on=FRIDAY,
            girl_age=12,
            fgm_source=FgmSource.GIRL_DISCLOSED,
        )
    finally:
        coach.lock()
    assert advice.duty_holder is DutyHolder.DSL
    assert advice.referral_route is ReferralRoute.SOCIAL_CARE
    assert "not on coaches, volunteers or charity staff" in advice.words
    assert "usual way" in advice.words
    assert "D2" in advice.rule_ids and "T8a" not in advice.rule_ids


def test_a_disclosure_by_her_mother_is_a_usual_referral_even_for_a_teacher(
    teacher: SignedIn,
) -> None:
    advice = advise(
        teacher,
        route=SpecialRoute.FGM,
        learned_on=FRIDAY,
        girl_age=9,
        fgm_source=FgmSource.SOMEONE_ELSE,
    )
    assert advice.duty_holder is DutyHolder.DSL
    assert advice.referral_route is ReferralRoute.SOCIAL_CARE
    assert "not when someone else tells you" in advice.words
    assert [d.rule_id for d in advice.deadlines] == ["T1"]


def test_the_duty_needs_all_three_conditions() -> None:
    def facts(age: int, source: FgmSource, who: LearnerProfession) -> FgmFacts:
        return FgmFacts(girl_age=age, source=source, profession=who)

    teacher, other = LearnerProfession.TEACHER, LearnerProfession.OTHER
    assert fgm_duty_applies(facts(17, FgmSource.SIGNS_SEEN, teacher))
    assert not fgm_duty_applies(facts(18, FgmSource.GIRL_DISCLOSED, teacher))
    assert not fgm_duty_applies(facts(10, FgmSource.GIRL_DISCLOSED, other))
    assert not fgm_duty_applies(facts(10, FgmSource.SOMEONE_ELSE, teacher))
    adult = route_advice(
        SpecialRoute.FGM, learned_on=FRIDAY, fgm=facts(18, FgmSource.GIRL_DISCLOSED, teacher)
    )
    assert adult.duty_holder is DutyHolder.DSL
    assert "under 18" in adult.words
    assert not adult.mandatory_fgm_report


def test_fgm_advice_needs_the_age_and_how_it_came_to_light(teacher: SignedIn) -> None:
    with pytest.raises(ValidationError) as missing:
        advise(teacher, route=SpecialRoute.FGM, fgm_source=FgmSource.SIGNS_SEEN)
    assert missing.value.field == "girl_age"
    with pytest.raises(ValidationError) as no_source:
        advise(teacher, route=SpecialRoute.FGM, girl_age=13)
    assert no_source.value.field == "fgm_source"


# --- NRM and private fostering ----------------------------------------------------------


def test_trafficking_goes_to_the_nrm_through_a_first_responder_without_consent(
    teacher: SignedIn,
) -> None:
    advice = advise(teacher, route=SpecialRoute.MODERN_SLAVERY, learned_on=FRIDAY)
    assert advice.duty_holder is DutyHolder.DSL
    assert advice.referral_route is ReferralRoute.NRM
    assert not advice.consent_needed
    assert "consent is not needed" in advice.consent
    assert "first responder" in advice.words
    assert "local authority" in advice.words and "police" in advice.words
    (decision,) = advice.deadlines
    assert (decision.rule_id, decision.due) == ("T1", dt.date(2026, 9, 1))


def test_private_fostering_is_notified_the_same_day_unless_the_la_knows(
    teacher: SignedIn,
) -> None:
    advice = advise(teacher, route=SpecialRoute.PRIVATE_FOSTERING, learned_on=FRIDAY)
    assert advice.referral_route is ReferralRoute.PRIVATE_FOSTERING
    (notify,) = advice.deadlines
    assert (notify.rule_id, notify.due) == ("T13", FRIDAY)
    assert "today" in advice.words
    known = advise(
        teacher, route=SpecialRoute.PRIVATE_FOSTERING, learned_on=FRIDAY, la_already_knows=True
    )
    assert known.deadlines == ()
    assert "already knows" in known.words


# --- recording a teacher's own FGM report -----------------------------------------------


def test_a_teacher_records_her_own_fgm_report_and_it_is_audited_without_content(
    teacher: SignedIn, dsl: SignedIn, clock: FixedClock
) -> None:
    _at(clock, london(2026, 8, 28, 9))
    child = a_child(dsl, "Amara", "Fenwick")
    concern = a_concern(teacher, child, observed_at=london(2026, 8, 28, 8), categories=("fgm",))
    _at(clock, london(2026, 8, 28, 16))
    made = record_fgm_report(
        teacher,
        concern_id=concern,
        learned_on=FRIDAY,
        reported_at=london(2026, 8, 28, 15, 45),
        police_reference=REFERENCE,
    )
    assert made.best_practice.due == dt.date(2026, 9, 1)
    assert made.statutory_limit.due == dt.date(2026, 9, 28)
    assert made.on_time and made.within_limit
    view = get_referral(dsl, referral_id=made.referral_id)
    assert view.route is ReferralRoute.FGM_POLICE
    assert view.made_by == teacher.actor.user_id
    assert (view.child_id, view.concern_id) == (child, concern)
    assert view.method is ReferralMethod.PHONE
    assert view.their_reference == REFERENCE
    assert "01/09/2026" in view.done_already and "28/09/2026" in view.done_already
    (entry,) = [e for e in chronology(dsl, child_id=child).entries if e.kind == "referral"]
    assert entry.title == "Referral: FGM report to police"
    with reading(dsl.store) as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.record_type == "referral")
        ).all()
        assert [(e.action, e.record_id, e.user_id) for e in events] == [
            ("FGM report recorded", str(made.referral_id), teacher.actor.user_id)
        ]
        everything = " ".join(
            f"{e.action} {e.record_type} {e.record_id} {e.detail}"
            for e in session.scalars(select(AuditEvent))
        )
    assert REFERENCE not in everything and "Amara" not in everything


def test_someone_without_the_duty_is_refused_with_a_clear_message(
    paths: StorePaths, clock: FixedClock, dsl: SignedIn
) -> None:
    _at(clock, london(2026, 8, 28, 16))
    child = a_child(dsl)
    coach = _as(paths, clock, Role.REVIEWER)
    try:
        with pytest.raises(NoFgmDuty) as refused:
            record_fgm_report(
                coach,
                child_id=child,
                learned_on=FRIDAY,
                reported_at=london(2026, 8, 28, 15),
                police_reference=REFERENCE,
            )
    finally:
        coach.lock()
    assert "Tell the DSL today" in str(refused.value)
    assert "teachers and regulated health or social care professionals" in str(refused.value)
    assert referrals_for_child(dsl, child_id=child) == []


def test_a_report_needs_a_police_reference_and_the_teachers_own_concern(
    teacher: SignedIn, dsl: SignedIn, clock: FixedClock
) -> None:
    _at(clock, london(2026, 8, 28, 16))
    child = a_child(dsl)
    someone_elses = a_concern(dsl, child, observed_at=london(2026, 8, 28, 8))
    when = london(2026, 8, 28, 15)
    with pytest.raises(ValidationError) as no_reference:
        record_fgm_report(
            teacher, child_id=child, learned_on=FRIDAY, reported_at=when, police_reference=" "
        )
    assert no_reference.value.field == "police_reference"
    with pytest.raises(NotFound):
        record_fgm_report(
            teacher,
            concern_id=someone_elses,
            learned_on=FRIDAY,
            reported_at=when,
            police_reference=REFERENCE,
        )
    assert referrals_for_child(dsl, child_id=child) == []


def test_a_late_report_is_shown_as_past_the_best_practice_day(
    teacher: SignedIn, dsl: SignedIn, clock: FixedClock
) -> None:
    _at(clock, london(2026, 9, 3, 12))
    child = a_child(dsl)
    made = record_fgm_report(
        teacher,
        child_id=child,
        learned_on=FRIDAY,
        reported_at=london(2026, 9, 2, 10),
        police_reference=REFERENCE,
    )
    assert not made.on_time
    assert made.within_limit

"""The T8 clock of a teacher's own FGM report on the Dashboard and in ``wtsc-desktop due``:
T8a by the close of the next working day, then T8b once T8a has passed; the teacher's
duty personally, not the DSL's; gone once the report is recorded. Not for a coach, a
woman of 18, or a concern without FGM. And what the advice on a concern needs to know."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest

from tests import cli_process as cli
from tests.casework import a_child, a_concern, london
from tests.factory import DSL_PASSWORD, DSL_USER, ROLE_USERS
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.errors import NotFound, ValidationError
from wtsc_desktop.guidance.special_routes import FgmSource, SpecialRoute
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.children import add_child
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.dashboard import DashboardItem, dashboard
from wtsc_desktop.services.permissions import Profession, Role
from wtsc_desktop.services.special_route_deadlines import (
    FGM_WHOSE_CLOCK,
    age_on,
    concern_routes,
    routes_for,
)
from wtsc_desktop.services.special_routes import record_fgm_report

FRIDAY = london(2026, 8, 28, 11)  # Monday 31/08/2026 is the summer bank holiday


def _at(clock: FixedClock, when: dt.datetime) -> None:
    clock.current = when.astimezone(dt.UTC)


def _as(paths: StorePaths, clock: FixedClock, role: Role) -> SignedIn:
    user, password = ROLE_USERS[role]
    return sign_in(paths, user_name=user, password=password, clock=clock)


@pytest.fixture
def teacher(paths: StorePaths, clock: FixedClock, dsl: SignedIn) -> Iterator[SignedIn]:
    signed = _as(paths, clock, Role.REPORTER)
    assert signed.actor.profession is Profession.TEACHER
    yield signed
    signed.lock()


def _fgm_items(signed: SignedIn) -> list[tuple[str, DashboardItem]]:
    board = dashboard(signed)
    return [
        (where, item)
        for where, items in (("overdue", board.overdue), ("this week", board.this_week))
        for item in items
        if item.kind == "fgm_report"
    ]


def _fgm_concern(signed: SignedIn, girl: int) -> int:
    return a_concern(
        signed,
        girl,
        observed_at=london(2026, 8, 28, 9),
        words="Invented words: she said she was cut in the summer.",
        observed="Invented account.",
        categories=("fgm",),
    )


def test_t8a_then_t8b_for_a_teacher_until_her_report_is_recorded(
    paths: StorePaths, dsl: SignedIn, teacher: SignedIn, clock: FixedClock
) -> None:
    _at(clock, FRIDAY)
    girl = a_child(dsl)  # born 01/05/2012: 14
    concern = _fgm_concern(teacher, girl)

    ((where, item),) = _fgm_items(dsl)
    assert where == "this week"
    assert (item.rule_id, item.due_on, item.overdue) == ("T8a", dt.date(2026, 9, 1), False)
    assert (item.concern_id, item.child_id) == (concern, girl)
    assert item.days_kind == "working days"
    assert item.whose_clock == FGM_WHOSE_CLOCK
    assert "not the DSL" in item.whose_clock
    assert "FGM Act 2003 s.5B" in item.source
    assert item.settings_duty
    assert "Class Teacher must report it to the police personally" in item.detail

    _at(clock, london(2026, 9, 2, 8))
    items = {i.rule_id: (where, i) for where, i in _fgm_items(dsl)}
    assert set(items) == {"T8a", "T8b"}
    assert items["T8a"][0] == "overdue" and items["T8a"][1].settings_duty
    assert items["T8b"][0] == "this week"
    assert items["T8b"][1].due_on == dt.date(2026, 9, 28)
    assert items["T8b"][1].days_kind == "months"

    listed = cli.run(listed_args(paths), DSL_PASSWORD)
    assert listed.code == 0, listed.stderr
    lines = listed.lines()
    assert (
        f"OVERDUE 01/09/2026 T8a [concern {concern}, child {girl}] "
        "FGM report to the police not yet recorded"
    ) in lines
    assert (
        f"DUE 28/09/2026 T8b [concern {concern}, child {girl}] "
        "FGM report to the police not yet recorded"
    ) in lines
    assert FGM_WHOSE_CLOCK in listed.stdout
    assert "Class Teacher" not in listed.stdout and "Brightwater" not in listed.stdout

    record_fgm_report(
        teacher,
        concern_id=concern,
        learned_on=dt.date(2026, 8, 28),
        reported_at=london(2026, 9, 2, 7, 45),
        police_reference="INV-101-2290",
    )
    assert _fgm_items(dsl) == []
    after = cli.run(listed_args(paths), DSL_PASSWORD)
    assert after.code == 0, after.stderr
    assert "T8a" not in after.stdout and "T8b" not in after.stdout


def listed_args(paths: StorePaths) -> list[str]:
    return [
        "due",
        "--data-dir",
        str(paths.root),
        "--user",
        DSL_USER,
        "--password-stdin",
        "--as-of",
        "2026-09-02",
    ]


def test_no_clock_for_a_coach_a_woman_of_18_or_a_concern_without_fgm(
    paths: StorePaths, dsl: SignedIn, teacher: SignedIn, clock: FixedClock
) -> None:
    _at(clock, FRIDAY)
    girl = a_child(dsl)
    coach = _as(paths, clock, Role.REVIEWER)  # profession OTHER
    try:
        assert coach.actor.profession is Profession.OTHER
        _fgm_concern(coach, girl)
    finally:
        coach.lock()
    woman = add_child(
        dsl,
        legal_forename="Amara",
        legal_surname="Fenwick",
        date_of_birth=dt.date(2008, 8, 27),  # 18 the day before
        year_group_or_team="Sixth form",
    )
    _fgm_concern(teacher, woman)
    a_concern(teacher, girl, observed_at=london(2026, 8, 28, 9), categories=("neglect",))
    assert _fgm_items(dsl) == []
    _at(clock, london(2026, 9, 2, 8))
    assert _fgm_items(dsl) == []


def test_what_the_advice_on_a_concern_needs_to_know(
    paths: StorePaths, dsl: SignedIn, teacher: SignedIn, clock: FixedClock
) -> None:
    _at(clock, FRIDAY)
    girl = a_child(dsl)
    concern = a_concern(
        teacher,
        girl,
        observed_at=london(2026, 8, 28, 9),
        categories=("private_fostering", "fgm", "modern_slavery"),
    )
    own = concern_routes(teacher, concern_id=concern)
    assert own.routes == (
        SpecialRoute.FGM,
        SpecialRoute.MODERN_SLAVERY,
        SpecialRoute.PRIVATE_FOSTERING,
    )
    assert (own.learned_on, own.girl_age) == (dt.date(2026, 8, 28), 14)
    assert own.reporter_is_me and own.reporter_profession is Profession.TEACHER
    assert own.fgm_report is None
    seen = concern_routes(dsl, concern_id=concern)
    assert not seen.reporter_is_me and seen.reporter_profession is Profession.TEACHER

    record_fgm_report(
        teacher,
        concern_id=concern,
        learned_on=dt.date(2026, 8, 28),
        reported_at=london(2026, 8, 28, 10),
        police_reference="INV-101-7781",
    )
    report = concern_routes(dsl, concern_id=concern).fgm_report
    assert report is not None and report.police_reference == "INV-101-7781"

    other = _as(paths, clock, Role.REVIEWER)
    try:
        with pytest.raises(NotFound):
            concern_routes(other, concern_id=concern)
    finally:
        other.lock()


def test_routes_and_ages() -> None:
    assert routes_for(("physical", "neglect")) == ()
    assert routes_for(["modern_slavery"]) == (SpecialRoute.MODERN_SLAVERY,)
    assert age_on(dt.date(2008, 8, 29), dt.date(2026, 8, 28)) == 17
    assert age_on(dt.date(2008, 8, 28), dt.date(2026, 8, 28)) == 18


def test_told_by_someone_else_brings_no_personal_duty_and_the_answer_is_kept(
    dsl: SignedIn, teacher: SignedIn, clock: FixedClock
) -> None:
    _at(clock, FRIDAY)
    girl = a_child(dsl)
    told, disclosed = (
        a_concern(
            teacher,
            girl,
            observed_at=london(2026, 8, 28, 9),
            categories=("fgm",),
            fgm_source=source.value,
        )
        for source in (FgmSource.SOMEONE_ELSE, FgmSource.GIRL_DISCLOSED)
    )
    # Only the girl's own disclosure starts the teacher's T8 clock.
    assert {item.concern_id for _where, item in _fgm_items(dsl)} == {disclosed}
    assert concern_routes(dsl, concern_id=told).fgm_source is FgmSource.SOMEONE_ELSE
    assert concern_routes(teacher, concern_id=disclosed).fgm_source is FgmSource.GIRL_DISCLOSED
    # A concern without FGM keeps no answer, and an unknown answer is refused.
    other = a_concern(teacher, girl, observed_at=london(2026, 8, 28, 9))
    assert concern_routes(dsl, concern_id=other).fgm_source is None
    with pytest.raises(ValidationError):
        a_concern(teacher, girl, observed_at=FRIDAY, categories=("fgm",), fgm_source="a rumour")

"""Child protection plans and meetings through the services: S2 (T3 from the strategy
discussion), S3 (T4 and T5a from the initial conference), T5b, the cp_plan flag, the
Dashboard, the chronology, permissions and an audit without content."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from tests.casework import a_child, london
from tests.factory import ROLE_USERS
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.errors import PermissionDenied, ValidationError
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.chronology import chronology
from wtsc_desktop.services.context import SignedIn, reading
from wtsc_desktop.services.dashboard import DashboardItem, dashboard
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.services.plan_deadlines import case_clocks
from wtsc_desktop.services.plans import (
    MeetingKind,
    NewMeeting,
    end_plan,
    meetings_for_child,
    record_meeting,
    start_plan,
)
from wtsc_desktop.store.models import AuditEvent, Child

SECRET = "Invented: Hollybrook said her uncle shouted"


def _at(clock: FixedClock, when: dt.datetime) -> None:
    clock.current = when.astimezone(dt.UTC)


def _meeting(child: int, kind: MeetingKind, day: dt.date, **more: object) -> NewMeeting:
    values: dict[str, object] = {
        "child_id": child,
        "kind": kind,
        "held_on": day,
        "attended": True,
        "attendee": "Invented Deputy",
        "note": SECRET,
    }
    values.update(more)
    return NewMeeting(**values)  # type: ignore[arg-type]


def _items(dsl: SignedIn) -> list[DashboardItem]:
    board = dashboard(dsl)
    return [*board.overdue, *board.this_week]


def _clock_for(dsl: SignedIn, child: int, rule_id: str) -> dt.date:
    (found,) = [
        c
        for c in case_clocks(dsl, today=dt.date(2026, 1, 1), due_by=dt.date.max, child_id=child)
        if c.rule_id == rule_id
    ]
    return found.due_on


def test_s2_the_icpc_is_expected_15_working_days_after_the_strategy_discussion(
    dsl: SignedIn, clock: FixedClock
) -> None:
    _at(clock, london(2026, 3, 30, 16))
    child = a_child(dsl)
    record_meeting(
        dsl, meeting=_meeting(child, MeetingKind.STRATEGY, dt.date(2026, 3, 30), s47_started=True)
    )
    assert _clock_for(dsl, child, "T3") == dt.date(2026, 4, 22)
    _at(clock, london(2026, 4, 17))
    (item,) = [i for i in _items(dsl) if i.rule_id == "T3"]
    assert item.title == "Initial conference expected by 22/04/2026"
    assert (item.days_kind, item.settings_duty, item.overdue) == ("working days", False, False)
    assert item.source and item.whose_clock
    _at(clock, london(2026, 4, 23))
    (late,) = [i for i in _items(dsl) if i.rule_id == "T3"]
    assert late.overdue and not late.settings_duty
    assert "not yet held" in late.title


def test_t3_counts_from_the_discussion_that_started_section_47_enquiries(
    dsl: SignedIn, clock: FixedClock
) -> None:
    _at(clock, london(2026, 4, 10, 16))
    child = a_child(dsl)
    record_meeting(
        dsl, meeting=_meeting(child, MeetingKind.STRATEGY, dt.date(2026, 3, 23), s47_started=False)
    )
    record_meeting(
        dsl, meeting=_meeting(child, MeetingKind.STRATEGY, dt.date(2026, 3, 30), s47_started=True)
    )
    assert _clock_for(dsl, child, "T3") == dt.date(2026, 4, 22)


def test_s3_core_group_and_first_review_then_later_reviews(
    dsl: SignedIn, clock: FixedClock
) -> None:
    _at(clock, london(2026, 4, 22, 16))
    child = a_child(dsl)
    record_meeting(dsl, meeting=_meeting(child, MeetingKind.STRATEGY, dt.date(2026, 3, 30)))
    record_meeting(
        dsl,
        meeting=_meeting(
            child,
            MeetingKind.INITIAL_CONFERENCE,
            dt.date(2026, 4, 22),
            report_submitted_on=dt.date(2026, 4, 20),
        ),
    )
    plan = start_plan(dsl, child_id=child, started_on=dt.date(2026, 4, 22))
    rules = {c.rule_id for c in case_clocks(dsl, today=dt.date(2026, 4, 22), due_by=dt.date.max)}
    assert rules == {"T4", "T5a"}  # the conference clears T3
    assert _clock_for(dsl, child, "T4") == dt.date(2026, 5, 7)
    assert _clock_for(dsl, child, "T5a") == dt.date(2026, 7, 22)
    _at(clock, london(2026, 5, 5))
    (core,) = [i for i in _items(dsl) if i.rule_id == "T4"]
    assert (core.plan_id, core.title) == (plan, "First core group expected by 07/05/2026")
    _at(clock, london(2026, 7, 20, 16))
    record_meeting(
        dsl,
        meeting=_meeting(
            child,
            MeetingKind.CORE_GROUP,
            dt.date(2026, 5, 6),
            attended=False,
            attendee="",
            absence_reason="Invented: the invitation came too late",
        ),
    )
    record_meeting(
        dsl, meeting=_meeting(child, MeetingKind.REVIEW_CONFERENCE, dt.date(2026, 7, 20))
    )
    assert _clock_for(dsl, child, "T5b") == dt.date(2027, 1, 20)
    with reading(dsl.store) as session:
        assert session.get(Child, child).cp_plan is True  # type: ignore[union-attr]
    end_plan(dsl, plan_id=plan, ended_on=dt.date(2026, 7, 20), reason="Invented: plan ended")
    assert case_clocks(dsl, today=dt.date(2026, 7, 20), due_by=dt.date.max, child_id=child) == []
    with reading(dsl.store) as session:
        assert session.get(Child, child).cp_plan is False  # type: ignore[union-attr]
    kinds = [e.kind for e in chronology(dsl, child_id=child).entries]
    assert kinds.count("meeting") == 4 and kinds.count("plan") == 2
    (absent,) = [m for m in meetings_for_child(dsl, child_id=child) if m.attended is False]
    assert absent.absence_reason == "Invented: the invitation came too late"


def test_attendance_is_recorded_or_explained(dsl: SignedIn, clock: FixedClock) -> None:
    _at(clock, london(2026, 4, 22, 16))
    child = a_child(dsl)
    with pytest.raises(ValidationError) as err:
        record_meeting(
            dsl, meeting=_meeting(child, MeetingKind.CORE_GROUP, dt.date(2026, 4, 22), attendee="")
        )
    assert err.value.field == "attendee"
    with pytest.raises(ValidationError) as err:
        record_meeting(dsl, meeting=_meeting(child, MeetingKind.CORE_GROUP, dt.date(2026, 4, 23)))
    assert err.value.field == "held_on"


def test_the_audit_holds_no_content(dsl: SignedIn, clock: FixedClock) -> None:
    _at(clock, london(2026, 4, 22, 16))
    child = a_child(dsl)
    meeting = record_meeting(
        dsl, meeting=_meeting(child, MeetingKind.STRATEGY, dt.date(2026, 3, 30))
    )
    plan = start_plan(dsl, child_id=child, started_on=dt.date(2026, 4, 22))
    with reading(dsl.store) as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.record_type.in_(["cp_meeting", "cp_plan"]))
        ).all()
        assert [(e.record_type, e.record_id) for e in events] == [
            ("cp_meeting", str(meeting)),
            ("cp_plan", str(plan)),
        ]
        everything = " ".join(
            f"{e.action} {e.record_type} {e.record_id} {e.detail}"
            for e in session.scalars(select(AuditEvent))
        )
    assert "Hollybrook" not in everything and "Invented Deputy" not in everything


@pytest.mark.parametrize("role", [Role.REPORTER, Role.REVIEWER])
def test_only_leads_record_meetings(
    paths: StorePaths, clock: FixedClock, role: Role, dsl: SignedIn
) -> None:
    _at(clock, london(2026, 4, 22, 16))
    child = a_child(dsl)
    user, password = ROLE_USERS[role]
    other = sign_in(paths, user_name=user, password=password, clock=clock)
    with pytest.raises(PermissionDenied):
        record_meeting(other, meeting=_meeting(child, MeetingKind.STRATEGY, dt.date(2026, 3, 30)))
    with pytest.raises(PermissionDenied):
        start_plan(other, child_id=child, started_on=dt.date(2026, 4, 22))

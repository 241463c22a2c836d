"""Child protection file transfers through the services: S7's T7 clock in school days,
a half-term closure moving it, refused methods, the receipt chase, the Dashboard, the
chronology, permissions and an audit without content."""

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
from wtsc_desktop.services.due_list import records_of
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.services.plan_deadlines import RECEIPT_NOT_CONFIRMED
from wtsc_desktop.services.settings import update_settings
from wtsc_desktop.services.transfers import (
    NewTransfer,
    TransferMethod,
    confirm_receipt,
    record_sent,
    record_transfer,
    transfers_for_child,
)
from wtsc_desktop.store.models import AuditEvent

TERMS = "02/09/2026 - 18/12/2026"


def _at(clock: FixedClock, when: dt.datetime) -> None:
    clock.current = when.astimezone(dt.UTC)


def _items(dsl: SignedIn) -> list[DashboardItem]:
    board = dashboard(dsl)
    return [i for i in (*board.overdue, *board.this_week) if i.kind == "transfer"]


def _transfer(dsl: SignedIn, child: int, last_day: dt.date) -> int:
    return record_transfer(
        dsl,
        transfer=NewTransfer(
            child_id=child,
            new_setting="Invented Oakfield Academy",
            new_dsl_name="Invented Ms Ramsbottom",
            new_contact="dsl@oakfield.invalid",
            last_day=last_day,
        ),
    )


def test_s7_the_file_is_due_five_school_days_after_the_last_day(
    dsl: SignedIn, clock: FixedClock
) -> None:
    _at(clock, london(2026, 11, 2, 16))
    update_settings(dsl, changes={"terms.dates": TERMS})
    child = a_child(dsl)
    transfer = _transfer(dsl, child, dt.date(2026, 11, 2))
    (view,) = transfers_for_child(dsl, child_id=child)
    assert view.due_on == dt.date(2026, 11, 9)
    _at(clock, london(2026, 11, 3))
    (item,) = _items(dsl)
    assert (item.rule_id, item.days_kind, item.settings_duty) == ("T7", "school days", True)
    assert item.title == "Send the child protection file by 09/11/2026"
    assert item.source and item.whose_clock and not item.overdue
    assert records_of(item) == f"transfer {transfer}, child {child}"
    _at(clock, london(2026, 11, 10))
    (late,) = _items(dsl)
    assert late.overdue and late.settings_duty


def test_a_half_term_closure_week_moves_the_due_date(dsl: SignedIn, clock: FixedClock) -> None:
    _at(clock, london(2026, 10, 23, 16))
    update_settings(dsl, changes={"terms.dates": TERMS})
    child = a_child(dsl)
    _transfer(dsl, child, dt.date(2026, 10, 23))
    update_settings(dsl, changes={"terms.closures": "26/10/2026 - 30/10/2026"})
    _transfer(dsl, child, dt.date(2026, 10, 23))
    first, second = transfers_for_child(dsl, child_id=child)
    assert first.due_on == dt.date(2026, 10, 30)
    assert second.due_on == dt.date(2026, 11, 6)


@pytest.mark.parametrize(
    ("method", "words"), [(TransferMethod.BY_PARENT, "parent"), (TransferMethod.PLAIN_POST, "post")]
)
def test_a_parent_or_ordinary_post_is_refused(
    dsl: SignedIn, clock: FixedClock, method: TransferMethod, words: str
) -> None:
    _at(clock, london(2026, 11, 4, 16))
    child = a_child(dsl)
    transfer = _transfer(dsl, child, dt.date(2026, 11, 2))
    with pytest.raises(ValidationError) as err:
        record_sent(
            dsl,
            transfer_id=transfer,
            sent_on=dt.date(2026, 11, 4),
            method=method,
            kept_separate=True,
        )
    assert err.value.field == "method" and "never" in str(err.value) and words in str(err.value)
    (view,) = transfers_for_child(dsl, child_id=child)
    assert view.sent_on is None


def test_the_receipt_chase_until_receipt_is_confirmed(dsl: SignedIn, clock: FixedClock) -> None:
    _at(clock, london(2026, 11, 4, 16))
    update_settings(dsl, changes={"terms.dates": TERMS})
    child = a_child(dsl)
    transfer = _transfer(dsl, child, dt.date(2026, 11, 2))
    record_sent(
        dsl,
        transfer_id=transfer,
        sent_on=dt.date(2026, 11, 4),
        method=TransferMethod.SIGNED_FOR_POST,
        kept_separate=True,
    )
    (chase,) = _items(dsl)
    assert (chase.title, chase.rule_id, chase.due_on) == (
        RECEIPT_NOT_CONFIRMED,
        "T7",
        dt.date(2026, 11, 11),
    )
    _at(clock, london(2026, 11, 12))
    (late,) = _items(dsl)
    assert late.overdue and late.title == RECEIPT_NOT_CONFIRMED
    with pytest.raises(ValidationError):
        confirm_receipt(
            dsl, transfer_id=transfer, received_by="", received_on=dt.date(2026, 11, 12)
        )
    confirm_receipt(
        dsl,
        transfer_id=transfer,
        received_by="Invented Ms Ramsbottom",
        received_on=dt.date(2026, 11, 12),
    )
    assert _items(dsl) == []
    (view,) = transfers_for_child(dsl, child_id=child)
    assert (view.kept_separate, view.method) == (True, TransferMethod.SIGNED_FOR_POST)
    (entry,) = [e for e in chronology(dsl, child_id=child).entries if e.kind == "transfer"]
    assert "receipt confirmed by Invented Ms Ramsbottom on 12/11/2026" in entry.detail
    with reading(dsl.store) as session:
        events = session.scalars(
            select(AuditEvent).where(AuditEvent.record_type == "cp_transfer")
        ).all()
        assert {e.record_id for e in events} == {str(transfer)} and len(events) == 3
        everything = " ".join(
            f"{e.action} {e.record_type} {e.record_id} {e.detail}"
            for e in session.scalars(select(AuditEvent))
        )
    assert "Oakfield" not in everything and "Ramsbottom" not in everything


@pytest.mark.parametrize("role", [Role.REPORTER, Role.REVIEWER])
def test_only_leads_record_transfers(
    paths: StorePaths, clock: FixedClock, role: Role, dsl: SignedIn
) -> None:
    _at(clock, london(2026, 11, 4, 16))
    child = a_child(dsl)
    user, password = ROLE_USERS[role]
    other = sign_in(paths, user_name=user, password=password, clock=clock)
    with pytest.raises(PermissionDenied):
        _transfer(other, child, dt.date(2026, 11, 2))
    with pytest.raises(PermissionDenied):
        transfers_for_child(other, child_id=child)

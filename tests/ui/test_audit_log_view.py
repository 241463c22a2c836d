"""The audit log screen: a lazy table over the trail, its filters, and the chain check."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDateEdit

from tests.factory import DSL_PASSWORD, DSL_USER, ROLE_USERS
from tests.ui.accessibility import assert_accessible
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.errors import PermissionDenied
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services import audit_log
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.accounts import list_users
from wtsc_desktop.services.drafts import save_draft
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.services.settings import update_settings
from wtsc_desktop.store import engine
from wtsc_desktop.ui.models.audit_table import ACTION, PAGE_SIZE, RECORD, WHEN, WHO, row_cells
from wtsc_desktop.ui.views.audit_log import AuditLogView

DRAFTS = 430  # more than two pages of events
SETTINGS_CHANGES = 5
LATER = dt.datetime(2026, 9, 10, 12, 0, tzinfo=dt.UTC)  # 10/09/2026, 13:00 in London


@pytest.fixture(scope="module")
def busy_store(tmp_path_factory, template_store) -> StorePaths:
    """The template store with a long trail: drafts on 02/09/2026, settings changed on
    10/09/2026. Built once for this module, copied for each test."""
    source = template_store["paths"]
    busy = StorePaths(tmp_path_factory.mktemp("busy") / "store")
    shutil.copytree(source.root, busy.root)
    clock = FixedClock()
    signed = sign_in(busy, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)
    for number in range(DRAFTS):
        clock.advance(1)
        save_draft(signed, kind="note", payload={"n": number})
    clock.current = LATER
    for minutes in range(11, 11 + SETTINGS_CHANGES):
        update_settings(signed, changes={"security.idle_lock_minutes": minutes})
    signed.lock()
    return busy


@pytest.fixture
def busy_clock() -> FixedClock:
    return FixedClock(current=dt.datetime(2026, 9, 11, 8, 0, tzinfo=dt.UTC))


@pytest.fixture
def busy_paths(tmp_path: Path, busy_store: StorePaths) -> StorePaths:
    target = StorePaths(tmp_path / "busy")
    shutil.copytree(busy_store.root, target.root)
    return target


@pytest.fixture
def lead(busy_paths, busy_clock):
    signed = sign_in(busy_paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=busy_clock)
    yield signed
    signed.lock()


def shown(qtbot, signed, bus) -> AuditLogView:
    view = AuditLogView(signed, bus)
    qtbot.addWidget(view)
    view.resize(1200, 700)
    view.show()
    qtbot.waitExposed(view)
    return view


def column(view: AuditLogView, which: int) -> list[str]:
    model = view.model
    return [model.index(row, which).data() for row in range(model.rowCount())]


def choose(qtbot, box, typed: str, expected: str) -> None:
    """Pick from a list by typing its start, as a keyboard user does (a space would open
    the list instead)."""
    box.setFocus()
    qtbot.keyClicks(box, typed)
    assert box.currentText() == expected


def type_date(qtbot, edit: QDateEdit, digits: str) -> None:
    edit.setFocus()
    edit.setSelectedSection(QDateEdit.Section.DaySection)  # as a click on the day does
    qtbot.keyClicks(edit, digits)


def test_the_table_fetches_pages_only_as_they_are_shown(qtbot, qtmodeltester, lead, bus):
    view = shown(qtbot, lead, bus)
    model = view.model
    total = audit_log.count_events(lead)
    assert total > 2 * PAGE_SIZE
    assert model.rowCount() == total
    assert view.count_label.text() == f"{total:,} events"
    assert model.pages_fetched == [0]  # only the first page so far
    first = model.index(0, 0).data()
    assert int(first) == total  # newest first: the sign-in just now
    assert model.index(0, ACTION).data() == "signed in"
    assert model.index(0, WHEN).data() == "11/09/2026 09:00:00"  # London time

    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: len(model.pages_fetched) > 1)
    last_page = (total - 1) // PAGE_SIZE
    assert model.pages_fetched[-1] == last_page
    assert 1 not in model.pages_fetched  # the middle page was never needed
    assert model.index(total - 1, 0).data() == "1"
    assert model.index(total - 1, ACTION).data() == "record store created"
    qtmodeltester.check(model)


def test_new_events_appear_when_the_data_changes(qtbot, lead, bus) -> None:
    view = shown(qtbot, lead, bus)
    before = view.model.rowCount()
    update_settings(lead, changes={"security.idle_lock_minutes": 30})
    bus.announce("settings")
    assert view.model.rowCount() == before + 1
    assert view.model.index(0, ACTION).data() == "settings changed"


def test_filter_by_action(qtbot, lead, bus) -> None:
    view = shown(qtbot, lead, bus)
    choose(qtbot, view.action_filter, "settings", "settings changed")
    assert view.model.rowCount() == SETTINGS_CHANGES
    assert set(column(view, ACTION)) == {"settings changed"}
    assert view.count_label.text() == f"{SETTINGS_CHANGES} events"
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == audit_log.count_events(lead)


def test_filter_by_date(qtbot, lead, bus) -> None:
    view = shown(qtbot, lead, bus)
    assert not view.from_date.isEnabled()
    qtbot.mouseClick(view.use_from, Qt.MouseButton.LeftButton)
    assert view.from_date.isEnabled()
    type_date(qtbot, view.from_date, "10092026")
    assert view.from_date.date().toString("dd/MM/yyyy") == "10/09/2026"
    days = {when[:10] for when in column(view, WHEN)}
    assert days == {"10/09/2026", "11/09/2026"}  # the settings changes, today's sign-in
    assert view.model.rowCount() == SETTINGS_CHANGES + 1

    qtbot.mouseClick(view.use_to, Qt.MouseButton.LeftButton)
    type_date(qtbot, view.to_date, "10092026")
    assert set(column(view, ACTION)) == {"settings changed"}
    assert view.model.rowCount() == SETTINGS_CHANGES

    type_date(qtbot, view.from_date, "11092026")  # after the "To" date
    assert view.model.rowCount() == 0
    assert "after" in view.count_label.text()


def test_filter_by_user_lists_people_from_the_trail(qtbot, lead, bus) -> None:
    view = shown(qtbot, lead, bus)
    names = [view.user_filter.itemText(i) for i in range(view.user_filter.count())]
    assert names[0] == "Anyone"
    assert set(names[1:]) == {user for user, _password in ROLE_USERS.values()}
    teacher = ROLE_USERS[Role.REPORTER][0]
    choose(qtbot, view.user_filter, teacher, teacher)
    assert set(column(view, WHO)) == {teacher}
    assert "own password changed" in column(view, ACTION)


def test_check_the_trail_passes_on_a_sound_store(qtbot, lead, bus) -> None:
    view = shown(qtbot, lead, bus)
    assert_accessible(view)
    qtbot.mouseClick(view.check_button, Qt.MouseButton.LeftButton)
    assert view.feedback.isVisible()
    assert "passed" in view.feedback.text()
    assert f"{audit_log.count_events(lead):,} events" in view.feedback.text()


def test_check_the_trail_names_an_altered_event(qtbot, lead, bus, busy_paths) -> None:
    # As someone with the key but not the app would: straight into the table.
    conn = engine.connect(busy_paths.database, lead.store.master_key)
    try:
        conn.execute("UPDATE audit_event SET action = 'nothing to see' WHERE seq = 40")
        conn.commit()
    finally:
        conn.close()
    view = shown(qtbot, lead, bus)
    qtbot.mouseClick(view.check_button, Qt.MouseButton.LeftButton)
    assert "audit event #40" in view.feedback.text()
    assert "passed" not in view.feedback.text()


def test_the_reviewer_reads_the_trail_but_not_the_accounts(qtbot, signed_in_as, bus) -> None:
    reviewer = signed_in_as(Role.REVIEWER)
    assert AuditLogView.visible_to(reviewer)
    view = shown(qtbot, reviewer, bus)
    assert view.user_filter.count() > 1
    qtbot.mouseClick(view.check_button, Qt.MouseButton.LeftButton)
    assert "passed" in view.feedback.text()
    with pytest.raises(PermissionDenied):
        list_users(reviewer)


@pytest.mark.parametrize(
    "role", [Role.DEPUTY, Role.REPORTER, Role.ALLEGATIONS_MANAGER], ids=lambda r: r.value
)
def test_other_roles_are_refused_by_the_services(signed_in_as, role) -> None:
    signed = signed_in_as(role)
    assert not AuditLogView.visible_to(signed)
    for read in (audit_log.check_chain, audit_log.user_names):
        with pytest.raises(PermissionDenied):
            read(signed)
    refusals = audit_log.list_events(
        signed_in_as(Role.DSL), wanted=audit_log.AuditFilter(action="view the audit log")
    )
    assert [e.outcome for e in refusals] == ["refused", "refused"]


def test_record_kinds_read_as_plain_words() -> None:
    def entry(record_type: str) -> audit_log.AuditEntry:
        return audit_log.AuditEntry(
            seq=7,
            at=dt.datetime(2026, 9, 2, 9, 0, tzinfo=dt.UTC),
            user="dana.lead",
            action="file transfer recorded",
            record_type=record_type,
            record_id="3",
            outcome="ok",
            detail="",
        )

    assert row_cells(entry("cp_transfer"))[RECORD] == "file transfer 3"
    assert row_cells(entry("cp_meeting"))[RECORD] == "meeting 3"
    assert row_cells(entry("referral"))[RECORD] == "referral 3"

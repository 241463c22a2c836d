"""The sign-in and lock screen and the session flow around it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from tests.factory import DSL_PASSWORD, DSL_USER, ROLE_USERS
from tests.ui.accessibility import assert_accessible
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.backups import automatic_backup
from wtsc_desktop.services.drafts import my_drafts
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.ui.crash import show_crash
from wtsc_desktop.ui.dialogs.recovery import ForgottenPasswordDialog, RestoreDialog
from wtsc_desktop.ui.main_window import MainWindow
from wtsc_desktop.ui.session import LOCK_DRAFT, SessionFlow
from wtsc_desktop.ui.sign_in import SignInWidget
from wtsc_desktop.ui.workspace import Workspace

NEW_PASSWORD = "quarry bicycle nutmeg 3170"


@pytest.fixture
def app_window(qtbot, paths: StorePaths, clock):
    window = MainWindow()
    qtbot.addWidget(window)
    flow = SessionFlow(window, paths, clock)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    flow.start()
    return window, flow


def screen(window: MainWindow) -> SignInWidget:
    page = window.pages.currentWidget()
    assert isinstance(page, SignInWidget), type(page)
    return page


def attempt(qtbot, window: MainWindow, user: str, password: str) -> None:
    page = screen(window)
    page.user_name.clear()
    qtbot.keyClicks(page.user_name, user)
    page.password.clear()
    qtbot.keyClicks(page.password, password)
    qtbot.keyClick(page.password, Qt.Key.Key_Return)


def test_a_wrong_password_says_so_and_keeps_the_user_name(qtbot, app_window) -> None:
    window, flow = app_window
    assert_accessible(screen(window))
    attempt(qtbot, window, DSL_USER, "not the password")
    page = screen(window)
    assert page.feedback.text() == "Wrong user name or password."
    assert page.user_name.text() == DSL_USER
    assert page.password.text() == ""
    assert flow.signed is None


def test_repeated_failures_make_the_next_try_wait(qtbot, app_window) -> None:
    window, flow = app_window
    for _ in range(3):
        attempt(qtbot, window, DSL_USER, "not the password")
    attempt(qtbot, window, DSL_USER, DSL_PASSWORD)  # right, but too soon
    page = screen(window)
    assert "try again in" in page.feedback.text()
    assert not page.sign_in_button.isEnabled()
    assert flow.signed is None


def test_each_role_sees_only_its_sections(qtbot, app_window) -> None:
    window, _flow = app_window
    expected = {
        Role.DSL: ["Dashboard", "Inbox", "Children", "Concerns", "Users", "Audit log", "Settings"],
        Role.DEPUTY: ["Dashboard", "Inbox", "Children", "Concerns"],
        Role.REPORTER: ["Home", "Concerns"],
        Role.ALLEGATIONS_MANAGER: ["Home", "Concerns"],
        Role.REVIEWER: ["Home", "Concerns", "Audit log"],
    }
    for role, (user, password) in ROLE_USERS.items():
        attempt(qtbot, window, user, password)
        space = window.pages.currentWidget()
        assert isinstance(space, Workspace)
        assert space.titles() == expected[role], role
        assert_accessible(window)
        window.sign_out_action.trigger()


def test_waking_from_sleep_locks_at_once(qtbot, app_window, clock) -> None:
    window, flow = app_window
    attempt(qtbot, window, DSL_USER, DSL_PASSWORD)
    assert flow.signed is not None
    clock.sleep(120)  # far less than the idle limit, but the computer slept
    flow.idle.check()
    assert flow.signed is None
    assert "This computer is locked" in screen(window).intro.text()


def test_activity_keeps_the_session_open(qtbot, app_window, clock) -> None:
    window, flow = app_window
    attempt(qtbot, window, DSL_USER, DSL_PASSWORD)
    for _ in range(3):
        clock.advance(9 * 60)
        qtbot.keyClick(window.pages.currentWidget(), Qt.Key.Key_Shift)
        flow.idle.check()
    assert flow.signed is not None


def test_a_draft_goes_back_only_to_its_author(qtbot, app_window, paths, clock) -> None:
    window, _flow = app_window
    attempt(qtbot, window, DSL_USER, DSL_PASSWORD)
    settings = window.pages.currentWidget().show_section("Settings")
    settings.editors["org.address"].setPlainText("Half-typed address")
    window.lock_action.trigger()

    reviewer, password = ROLE_USERS[Role.REVIEWER]
    attempt(qtbot, window, reviewer, password)  # someone else signs in from the lock screen
    assert "Settings" not in window.pages.currentWidget().titles()
    window.sign_out_action.trigger()

    lead = sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)
    try:
        assert len(my_drafts(lead, kind=LOCK_DRAFT)) == 1
    finally:
        lead.lock()
    attempt(qtbot, window, DSL_USER, DSL_PASSWORD)
    space = window.pages.currentWidget()
    settings = space.views[space.titles().index("Settings")]
    assert settings.editors["org.address"].toPlainText() == "Half-typed address"


def test_a_damaged_store_is_not_opened_and_the_latest_backup_is_offered(
    qtbot, app_window, paths, clock
) -> None:
    window, flow = app_window
    lead = sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)
    automatic_backup(lead.store, lead)
    lead.lock()
    data = bytearray(paths.database.read_bytes())
    for offset in range(4096, len(data), 4096):  # damage every page but the first
        data[offset + 100] ^= 0xFF
    paths.database.write_bytes(bytes(data))

    attempt(qtbot, window, DSL_USER, DSL_PASSWORD)
    page = screen(window)
    assert "damaged" in page.feedback.text()
    assert flow.signed is None
    assert page.restore_latest_button.isVisible()
    qtbot.mouseClick(page.restore_latest_button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in window.findChildren(RestoreDialog) if d.isVisible())
    assert dialog.backup_file.text().endswith(".wtscbackup")
    assert_accessible(dialog)
    qtbot.keyClicks(dialog.user_name, DSL_USER)
    qtbot.keyClicks(dialog.password, DSL_PASSWORD)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "restored" in screen(window).feedback.text()
    attempt(qtbot, window, DSL_USER, DSL_PASSWORD)
    assert flow.signed is not None


def test_a_forgotten_password_is_reset_with_the_recovery_key(
    qtbot, app_window, recovery_key: str
) -> None:
    window, flow = app_window
    page = screen(window)
    qtbot.mouseClick(page.forgotten_button, Qt.MouseButton.LeftButton)
    dialog = next(d for d in window.findChildren(ForgottenPasswordDialog) if d.isVisible())
    assert_accessible(dialog)
    qtbot.keyClicks(dialog.recovery_key, recovery_key.lower().replace("-", " "))
    qtbot.keyClicks(dialog.user_name, DSL_USER)
    qtbot.keyClicks(dialog.new_password, NEW_PASSWORD)
    qtbot.keyClicks(dialog.confirm, NEW_PASSWORD + "x")
    dialog.buttons.accepted.emit()
    assert "not the same" in dialog.feedback.text()
    assert dialog.recovery_key.text()  # what was typed is still there
    qtbot.keyClicks(dialog.confirm, NEW_PASSWORD)
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    attempt(qtbot, window, DSL_USER, NEW_PASSWORD)
    assert flow.signed is not None


def test_closing_the_app_takes_an_automatic_backup(qtbot, app_window, paths: StorePaths) -> None:
    window, flow = app_window
    attempt(qtbot, window, DSL_USER, DSL_PASSWORD)
    window.close()
    assert flow.signed is None
    assert len(list(paths.backups.glob("automatic-*.wtscbackup"))) == 1


def test_the_crash_dialog_gives_a_reference_and_the_log_folder(qtbot, tmp_path: Path) -> None:
    show_crash("A1B2C3", tmp_path)
    box = show_crash.last_box  # type: ignore[attr-defined]
    qtbot.addWidget(box)
    assert isinstance(box, QMessageBox)
    assert "A1B2C3" in box.text() and str(tmp_path) in box.text()
    box.close()


def test_damage_found_by_the_check_after_sign_in_locks_the_session(
    qtbot, paths: StorePaths, clock
) -> None:
    """A large store opens at once; the whole-file check follows, and locks on damage."""
    from tests.raw_store import checkpoint, flip_byte, page_size
    from wtsc_desktop.services.children import add_child
    from wtsc_desktop.ui.background import SyncRunner

    lead = sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)
    for number in range(120):
        add_child(lead, legal_forename=f"Child{number}", legal_surname="Example" * 10)
    lead.lock()
    checkpoint(paths)
    size = page_size(paths)
    pages = paths.database.stat().st_size // size
    flip_byte(paths.database, (pages // 2) * size + size // 2)  # a page of the register

    # Sign-in reads only what it needs, so it does not touch the damaged page...
    quick = sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock, check_now=False)
    quick.lock()
    # ...and the check that follows sign-in finds it and locks the session.
    window = MainWindow()
    qtbot.addWidget(window)
    flow = SessionFlow(window, paths, clock, runner=SyncRunner())
    window.show()
    flow.start()
    attempt(qtbot, window, DSL_USER, DSL_PASSWORD)
    assert flow.signed is None
    assert "damaged" in screen(window).feedback.text()


def test_only_those_who_make_backups_see_the_backup_reminder(qtbot, app_window) -> None:
    window, _flow = app_window
    attempt(qtbot, window, DSL_USER, DSL_PASSWORD)
    assert "backup" in window.backup_info.text().lower()
    window.sign_out_action.trigger()
    teacher, password = ROLE_USERS[Role.REPORTER]
    attempt(qtbot, window, teacher, password)
    assert window.backup_info.text() == ""


def test_every_section_fits_a_1366_pixel_screen(qtbot, app_window) -> None:
    window, _flow = app_window
    attempt(qtbot, window, DSL_USER, DSL_PASSWORD)
    space = window.pages.currentWidget()
    for title in space.titles():
        space.show_section(title)
        assert window.minimumSizeHint().width() <= 1366, title

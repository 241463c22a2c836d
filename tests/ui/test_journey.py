"""The whole first day, through the real widgets: set up, sign in, lock when idle, unlock
with the draft brought back, add a member of staff, sign out, and sign in as them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from tests.ui.accessibility import assert_accessible
from tests.ui.wizard_driver import LEFT, PASSWORD, W, go_to_recovery
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.audit_log import list_events
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.store.keys import KdfParams
from wtsc_desktop.ui.dialogs.change_password import ChangePasswordDialog
from wtsc_desktop.ui.dialogs.user_dialogs import AddUserDialog
from wtsc_desktop.ui.main_window import MainWindow
from wtsc_desktop.ui.session import SessionFlow
from wtsc_desktop.ui.sign_in import SignInWidget
from wtsc_desktop.ui.views.settings import SettingsView
from wtsc_desktop.ui.views.users import UsersView
from wtsc_desktop.ui.workspace import Workspace

CHEAP_KDF = KdfParams(time_cost=1, memory_cost=8192, parallelism=1)
STAFF_FIRST = "poppy ledger canal 5521"
STAFF_OWN = "mango ferry quill 8804"


@pytest.fixture
def app_window(qtbot, tmp_path: Path):
    clock = FixedClock()
    window = MainWindow()
    qtbot.addWidget(window)
    flow = SessionFlow(window, StorePaths(tmp_path / "store"), clock, kdf=CHEAP_KDF)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window, flow, clock


def sign_in_screen(window: MainWindow) -> SignInWidget:
    page = window.pages.currentWidget()
    assert isinstance(page, SignInWidget), type(page)
    return page


def workspace(window: MainWindow) -> Workspace:
    page = window.pages.currentWidget()
    assert isinstance(page, Workspace), type(page)
    return page


def type_and_sign_in(qtbot, window: MainWindow, user: str, password: str) -> None:
    screen = sign_in_screen(window)
    assert_accessible(screen)
    if screen.user_name.text() != user:
        screen.user_name.clear()
        qtbot.keyClicks(screen.user_name, user)
    qtbot.keyClicks(screen.password, password)
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)


def test_first_day_journey(qtbot, app_window) -> None:
    window, flow, clock = app_window
    flow.start()

    # 1. The setup wizard, driven to the end.
    wizard = flow.setup_wizard
    qtbot.waitUntil(wizard.isVisible)
    go_to_recovery(qtbot, wizard)
    wizard.recovery_page.saved.setFocus()
    qtbot.keyClick(wizard.recovery_page.saved, Qt.Key.Key_Space)
    qtbot.mouseClick(wizard.button(W.FinishButton), LEFT)

    # 2. Sign in as the new DSL: the user name is already filled in.
    assert sign_in_screen(window).user_name.text() == "j.okafor"
    type_and_sign_in(qtbot, window, "j.okafor", PASSWORD)
    space = workspace(window)
    assert space.titles() == [
        "Dashboard",
        "Inbox",
        "Children",
        "Concerns",
        "Users",
        "Audit log",
        "Settings",
    ]
    assert "Jo Okafor" in window.who.text()
    assert "Locks after 10 min idle" in window.lock_info.text()
    assert_accessible(window)

    # Something typed in Settings but not saved yet...
    settings = space.show_section("Settings")
    assert isinstance(settings, SettingsView)
    address = settings.editors["org.address"]
    address.setFocus()
    qtbot.keyClicks(address, " (side gate)")
    typed = address.toPlainText()

    # 3. ...is kept when the session locks after ten idle minutes.
    clock.advance(10 * 60 + 1)
    flow.idle.check()
    screen = sign_in_screen(window)
    assert flow.signed is None and flow.workspace is None
    assert screen.user_name.text() == "j.okafor"
    assert "This computer is locked" in screen.intro.text()
    assert window.who.text() == "Not signed in"

    # 4. Unlock: the draft comes back to its author.
    type_and_sign_in(qtbot, window, "j.okafor", PASSWORD)
    space = workspace(window)
    settings = space.views[space.titles().index("Settings")]
    assert space.stack.currentWidget() is settings
    assert settings.editors["org.address"].toPlainText() == typed

    # 5. Add a member of staff from the Users screen.
    users = space.show_section("Users")
    assert isinstance(users, UsersView)
    qtbot.mouseClick(users.add_button, LEFT)
    dialog = users.dialog
    assert isinstance(dialog, AddUserDialog)
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.user_name, "s.teacher")
    qtbot.keyClicks(dialog.full_name, "Sam Teacher")
    dialog.role_fields.role.setFocus()
    qtbot.keyClicks(dialog.role_fields.role, "Staff")
    assert dialog.role_fields.chosen_role() is Role.REPORTER
    qtbot.keyClicks(dialog.password, STAFF_FIRST)
    qtbot.keyClicks(dialog.confirm, STAFF_FIRST)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Accepted

    # 6. Sign out.
    window.sign_out_action.trigger()
    assert sign_in_screen(window).user_name.text() == ""

    # 7. Sign in as the new member of staff: they must choose their own password first,
    # and they see no Users screen.
    type_and_sign_in(qtbot, window, "s.teacher", STAFF_FIRST)
    space = workspace(window)
    assert "Users" not in space.titles()
    assert "Audit log" not in space.titles() and "Settings" not in space.titles()
    change = next(d for d in window.findChildren(ChangePasswordDialog) if d.isVisible())
    qtbot.keyClicks(change.old_password, STAFF_FIRST)
    qtbot.keyClicks(change.new_password, STAFF_OWN)
    qtbot.keyClicks(change.confirm, STAFF_OWN)
    qtbot.mouseClick(change.ok_button, LEFT)
    qtbot.waitUntil(lambda: not change.isVisible())
    window.lock_action.trigger()  # Ctrl+L
    assert sign_in_screen(window).user_name.text() == "s.teacher"

    # The trail holds the day, in order, with no names or content in it.
    lead = sign_in(flow.paths, user_name="j.okafor", password=PASSWORD, clock=clock)
    try:
        actions = [e.action for e in reversed(list_events(lead))]
    finally:
        lead.lock()
    for expected in ("signed in", "draft created", "draft restored", "user added"):
        assert expected in actions
    assert actions.index("draft created") < actions.index("draft restored")
    assert "own password changed" in actions

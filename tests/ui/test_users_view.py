"""The Users screen and its dialogs, driven through the real widgets."""

from __future__ import annotations

import re
import unicodedata

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLineEdit, QPushButton

from tests.factory import DSL_PASSWORD, ROLE_USERS
from tests.ui.accessibility import assert_accessible
from wtsc_desktop.errors import WrongCredentials
from wtsc_desktop.services.access import sign_in, unlock_with_recovery_key
from wtsc_desktop.services.integrity import verify_store
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.ui.dialogs.change_password import ChangePasswordDialog
from wtsc_desktop.ui.dialogs.rotate_key import RotateKeyDialog
from wtsc_desktop.ui.dialogs.user_dialogs import (
    AddUserDialog,
    ChangeRoleDialog,
    DeactivateDialog,
    ResetPasswordDialog,
)
from wtsc_desktop.ui.views.users import UsersView

TEACHER, TEACHER_PASSWORD = ROLE_USERS[Role.REPORTER]
NEW_PASSWORD = "quarry bicycle nutmeg 3170"


@pytest.fixture
def view(qtbot, dsl, bus) -> UsersView:
    widget = UsersView(dsl, bus)
    qtbot.addWidget(widget)
    widget.resize(1100, 700)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click(qtbot, button: QPushButton) -> None:
    assert button.isEnabled(), f"{button.text()} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def select(qtbot, view: UsersView, user_name: str) -> None:
    column = 1  # user name
    for row in range(view.model.rowCount()):
        index = view.model.index(row, column)
        if index.data() == user_name:
            rect = view.table.visualRect(index)
            qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
            assert view.selected_user() is not None
            assert view.selected_user().user_name == user_name
            return
    raise AssertionError(f"{user_name} is not in the table")


def opened(qtbot, view: UsersView, kind: type[QDialog]):
    dialog = view.dialog
    assert isinstance(dialog, kind)
    qtbot.waitUntil(dialog.isVisible)
    assert_accessible(dialog)
    return dialog


def row_of(view: UsersView, user_name: str) -> list[str]:
    for row in range(view.model.rowCount()):
        cells = [view.model.index(row, c).data() for c in range(view.model.columnCount())]
        if cells[1] == user_name:
            return cells
    raise AssertionError(f"{user_name} is not in the table")


def test_lists_every_account_with_labels_and_dates(view, qtmodeltester) -> None:
    assert view.model.rowCount() == len(ROLE_USERS)
    lead = row_of(view, "dsl.lead")
    assert lead[:5] == [
        "Dana Lead",
        "dsl.lead",
        "Designated safeguarding lead",
        "Teacher",
        "Yes",
    ]
    # Signed in by the fixture at 09:00 UTC on 2 September 2026: 10:00 in London (BST).
    assert lead[6] == "02/09/2026 10:00"
    assert row_of(view, "chair.governors")[2] == "Read-only reviewer"
    assert_accessible(view)
    qtmodeltester.check(view.model)


def test_buttons_follow_the_selection(qtbot, view) -> None:
    assert not view.reset_button.isEnabled()
    select(qtbot, view, "dsl.lead")
    assert view.reset_button.isEnabled()
    assert not view.deactivate_button.isEnabled()  # not your own account
    select(qtbot, view, TEACHER)
    assert view.deactivate_button.isEnabled()


def fill_new_user(qtbot, dialog: AddUserDialog, password: str) -> None:
    qtbot.keyClicks(dialog.user_name, "pe.coach")
    qtbot.keyClicks(dialog.full_name, "Pat Example-Coach")
    dialog.role_fields.role.setFocus()
    qtbot.keyClicks(dialog.role_fields.role, "Deputy")
    qtbot.keyClicks(dialog.email, "pat@example.invalid")
    qtbot.keyClicks(dialog.password, password)
    qtbot.keyClicks(dialog.confirm, password)


def test_add_a_user_then_they_appear_and_can_sign_in(qtbot, view, announced, paths, clock) -> None:
    click(qtbot, view.add_button)
    dialog = opened(qtbot, view, AddUserDialog)
    fill_new_user(qtbot, dialog, NEW_PASSWORD)
    assert dialog.role_fields.chosen_role() is Role.DEPUTY
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert "users" in announced
    cells = row_of(view, "pe.coach")
    assert cells[:3] == ["Pat Example-Coach", "pe.coach", "Deputy safeguarding lead"]
    assert cells[5] == "Yes"  # must change password
    assert cells[6] == "Never"
    assert view.selected_user().user_name == "pe.coach"
    assert "pe.coach" in view.feedback.text()
    person = sign_in(paths, user_name="pe.coach", password=NEW_PASSWORD, clock=clock)
    assert person.actor.role is Role.DEPUTY
    assert person.actor.must_change_password
    person.lock()


def test_a_weak_password_shows_the_reason_and_keeps_what_was_typed(qtbot, view) -> None:
    click(qtbot, view.add_button)
    dialog = opened(qtbot, view, AddUserDialog)
    fill_new_user(qtbot, dialog, "password1234")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    message = dialog.feedback.text()
    assert message.startswith("This password is too weak.")
    assert "common" in message  # zxcvbn's own reason
    assert dialog.feedback.isVisible()
    assert dialog.focusWidget() is dialog.password
    assert dialog.user_name.text() == "pe.coach"
    assert dialog.full_name.text() == "Pat Example-Coach"
    assert dialog.email.text() == "pat@example.invalid"
    assert dialog.password.text() == "password1234"
    assert dialog.role_fields.chosen_role() is Role.DEPUTY
    assert row_of_absent(view, "pe.coach")


def row_of_absent(view: UsersView, user_name: str) -> bool:
    return all(view.model.index(row, 1).data() != user_name for row in range(view.model.rowCount()))


def test_different_passwords_and_a_taken_name_are_caught(qtbot, view) -> None:
    click(qtbot, view.add_button)
    dialog = opened(qtbot, view, AddUserDialog)
    fill_new_user(qtbot, dialog, NEW_PASSWORD)
    qtbot.keyClicks(dialog.confirm, "x")
    click(qtbot, dialog.ok_button)
    assert "not the same" in dialog.feedback.text()
    dialog.user_name.setText(TEACHER)
    dialog.confirm.setText(NEW_PASSWORD)
    click(qtbot, dialog.ok_button)
    assert "is taken" in dialog.feedback.text()
    assert dialog.isVisible()


def test_reset_a_password(qtbot, view, paths, clock) -> None:
    select(qtbot, view, TEACHER)
    click(qtbot, view.reset_button)
    dialog = opened(qtbot, view, ResetPasswordDialog)
    qtbot.keyClicks(dialog.password, NEW_PASSWORD)
    qtbot.keyClicks(dialog.confirm, NEW_PASSWORD)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert row_of(view, TEACHER)[5] == "Yes"
    assert "new password" in view.feedback.text()
    with pytest.raises(WrongCredentials):
        sign_in(paths, user_name=TEACHER, password=TEACHER_PASSWORD, clock=clock)
    person = sign_in(paths, user_name=TEACHER, password=NEW_PASSWORD, clock=clock)
    assert person.actor.must_change_password
    person.lock()


def test_change_a_role(qtbot, view) -> None:
    select(qtbot, view, "deputy.lead")
    click(qtbot, view.role_button)
    dialog = opened(qtbot, view, ChangeRoleDialog)
    dialog.role_fields.role.setFocus()
    qtbot.keyClicks(dialog.role_fields.role, "Read-only")
    assert "Anonymised reports" in dialog.role_fields.role_hint.text()
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert row_of(view, "deputy.lead")[2] == "Read-only reviewer"


def test_the_last_lead_cannot_stop_being_one(qtbot, view) -> None:
    select(qtbot, view, "dsl.lead")
    click(qtbot, view.role_button)
    dialog = opened(qtbot, view, ChangeRoleDialog)
    dialog.role_fields.role.setFocus()
    qtbot.keyClicks(dialog.role_fields.role, "Staff")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert "one active designated safeguarding lead" in dialog.feedback.text()


def test_deactivate_removes_the_key_and_keeps_the_row(qtbot, view, paths, clock) -> None:
    select(qtbot, view, TEACHER)
    click(qtbot, view.deactivate_button)
    dialog = opened(qtbot, view, DeactivateDialog)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert row_of(view, TEACHER)[4] == "No (switched off)"
    assert not view.reset_button.isEnabled()
    with pytest.raises(WrongCredentials):
        sign_in(paths, user_name=TEACHER, password=TEACHER_PASSWORD, clock=clock)


def test_rotate_key_shows_the_new_recovery_key_once(qtbot, view, announced, paths, clock):
    click(qtbot, view.rotate_button)
    dialog = opened(qtbot, view, RotateKeyDialog)
    qtbot.keyClicks(dialog.password, "not my password at all")
    click(qtbot, dialog.ok_button)
    assert "not your password" in dialog.feedback.text()
    assert not dialog.rotated
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, DSL_PASSWORD)
    click(qtbot, dialog.ok_button)
    assert dialog.rotated
    key = dialog.recovery_key.text()
    assert re.fullmatch(r"[A-Z0-9]{4}(-[A-Z0-9]{4})+", key), key
    assert "users" in announced
    assert_accessible(dialog)
    # It will not close until the key is said to be saved.
    assert not dialog.close_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible()
    assert "tick the box" in dialog.done_feedback.text()
    box = dialog.saved
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert dialog.saved.isChecked()
    click(qtbot, dialog.close_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "Reset password" in view.feedback.text()
    # Everyone else needs a new password; the new recovery key opens the store.
    with pytest.raises(WrongCredentials):  # their slot went with the old key
        sign_in(paths, user_name=TEACHER, password=TEACHER_PASSWORD, clock=clock)
    assert unlock_with_recovery_key(paths, recovery_key=key, clock=clock).key
    assert verify_store(paths, user_name="dsl.lead", password=DSL_PASSWORD, clock=clock) == []


def test_change_own_password(qtbot, signed_in_as, bus, announced, paths, clock) -> None:
    teacher = signed_in_as(Role.REPORTER)
    dialog = ChangePasswordDialog(teacher, bus)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(dialog.isVisible)
    assert_accessible(dialog)
    qtbot.keyClicks(dialog.old_password, "wrong old password")
    qtbot.keyClicks(dialog.new_password, NEW_PASSWORD)
    qtbot.keyClicks(dialog.confirm, NEW_PASSWORD)
    click(qtbot, dialog.ok_button)
    assert "current password is not right" in dialog.feedback.text()
    assert dialog.new_password.text() == NEW_PASSWORD
    dialog.old_password.clear()
    qtbot.keyClicks(dialog.old_password, TEACHER_PASSWORD)
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert announced == ["users"]
    person = sign_in(paths, user_name=TEACHER, password=NEW_PASSWORD, clock=clock)
    person.lock()


def test_a_weak_new_password_of_ones_own_is_refused_with_the_reason(qtbot, signed_in_as) -> None:
    teacher = signed_in_as(Role.REPORTER)
    dialog = ChangePasswordDialog(teacher)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.old_password, TEACHER_PASSWORD)
    qtbot.keyClicks(dialog.new_password, "qwertyuiop12")
    qtbot.keyClicks(dialog.confirm, "qwertyuiop12")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert "too weak" in dialog.feedback.text()
    assert dialog.new_password.text() == "qwertyuiop12"


def test_the_view_is_for_the_lead_only(dsl, signed_in_as) -> None:
    assert UsersView.visible_to(dsl)
    for role in (Role.DEPUTY, Role.REPORTER, Role.ALLEGATIONS_MANAGER, Role.REVIEWER):
        assert not UsersView.visible_to(signed_in_as(role))


def test_the_new_recovery_key_can_be_saved_as_a_pdf(qtbot, view, tmp_path) -> None:
    from pypdf import PdfReader

    click(qtbot, view.rotate_button)
    dialog = opened(qtbot, view, RotateKeyDialog)
    qtbot.keyClicks(dialog.password, DSL_PASSWORD)
    click(qtbot, dialog.ok_button)
    click(qtbot, dialog.pdf_button)
    files = dialog.keeper.file_dialog
    qtbot.waitUntil(files.isVisible)
    assert files.testOption(QFileDialog.Option.DontUseNativeDialog)
    target = tmp_path / "recovery key.pdf"
    files.findChild(QLineEdit, "fileNameEdit").setText(str(target))
    save = files.findChild(QDialogButtonBox, "buttonBox").button(
        QDialogButtonBox.StandardButton.Save
    )
    click(qtbot, save)
    qtbot.waitUntil(lambda: "Saved" in dialog.done_feedback.text())
    raw = "".join(page.extract_text() for page in PdfReader(target).pages)
    text = " ".join(unicodedata.normalize("NFKC", raw).split())  # ligatures, tabs
    assert dialog.recovery_key.text() in text
    assert "Brookfield Test Academy" in text
    assert "OFFICIAL-SENSITIVE" in text

"""The Settings screen: built from the declarations, saved with one button, mistakes shown
beside what was typed; and the backups beside it."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QLineEdit, QPlainTextEdit

from tests.factory import DSL_PASSWORD
from tests.ui.accessibility import assert_accessible
from wtsc_desktop.services.backups import backup_status
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.services.settings import SETTINGS, read_settings, update_settings
from wtsc_desktop.ui.dialogs.test_restore import TestRestoreDialog
from wtsc_desktop.ui.views.settings import SettingsView

LEFT = Qt.MouseButton.LeftButton
IDLE = "security.idle_lock_minutes"
TERMS = "terms.dates"


@pytest.fixture
def view(qtbot, dsl, bus) -> SettingsView:
    widget = SettingsView(dsl, bus)
    qtbot.addWidget(widget)
    widget.resize(1200, 760)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def retype(qtbot, box, text: str) -> None:
    box.setFocus()
    if isinstance(box, QPlainTextEdit):
        box.selectAll()
        qtbot.keyClick(box, Qt.Key.Key_Delete)
        # keyClicks types "\n" as a literal character: press Return between lines.
        for number, line in enumerate(text.split("\n")):
            if number:
                qtbot.keyClick(box, Qt.Key.Key_Return)
            qtbot.keyClicks(box, line)
    else:
        box.selectAll()
        qtbot.keyClicks(box, text)


def test_every_declared_setting_has_a_labelled_box(view) -> None:
    assert set(view.editors) == {spec.key for spec in SETTINGS}
    for spec in SETTINGS:
        assert view.editors[spec.key].accessibleName() == spec.label
    assert view.raw_value("org.name") == "Brookfield Test Academy"
    assert view.raw_value(IDLE) == "10"
    assert_accessible(view)


def test_settings_for_other_kinds_of_organisation_are_hidden(qtbot, view) -> None:
    governing_body = view.editors["org.governing_body"]
    charity_number = view.editors["org.charity_number"]
    assert view.raw_value("org.type") == "school"
    assert not governing_body.isVisibleTo(view)
    assert not charity_number.isVisibleTo(view)
    kind = view.editors["org.type"]
    kind.setFocus()
    qtbot.keyClicks(kind, "Sports")
    assert view.raw_value("org.type") == "sports_club"
    assert governing_body.isVisibleTo(view)
    assert not charity_number.isVisibleTo(view)


def test_save_a_change(qtbot, view, dsl, announced) -> None:
    retype(qtbot, view.editors["org.local_authority"], "Anyshire County Council")
    retype(qtbot, view.editors[IDLE], "15")
    assert view.changes() == {"org.local_authority": "Anyshire County Council", IDLE: "15"}
    qtbot.mouseClick(view.save_button, LEFT)
    assert announced == ["settings"]
    stored = read_settings(dsl)
    assert stored["org.local_authority"] == "Anyshire County Council"
    assert stored[IDLE] == 15
    assert view.feedback.text().startswith("Saved: ")
    assert "Local authority" in view.feedback.text()
    assert view.changes() == {}
    assert view.draft_state() is None


def test_nothing_to_save(qtbot, view, announced) -> None:
    qtbot.mouseClick(view.save_button, LEFT)
    assert "Nothing to save" in view.feedback.text()
    assert announced == []


def test_a_bad_number_names_the_setting_and_keeps_the_text(qtbot, view, dsl, announced):
    retype(qtbot, view.editors["org.local_authority"], "Anyshire")
    retype(qtbot, view.editors[IDLE], "ten")
    qtbot.mouseClick(view.save_button, LEFT)
    message = view.feedback.text()
    assert message.startswith("Lock after this many idle minutes")
    assert "whole number" in message
    assert view.property("kind") is None and view.feedback.property("kind") == "error"
    assert view.raw_value(IDLE) == "ten"
    assert view.raw_value("org.local_authority") == "Anyshire"
    assert view.focusWidget() is view.editors[IDLE]
    assert announced == []
    assert read_settings(dsl)["org.local_authority"] == ""  # nothing stored

    retype(qtbot, view.editors[IDLE], "500")
    qtbot.mouseClick(view.save_button, LEFT)
    assert "from 1 to 120" in view.feedback.text()


def test_a_bad_date_range_names_the_setting_and_keeps_the_text(qtbot, view, announced):
    typed = "01/09/2026 - 23/10/2026\n02/11/2026 - 32/12/2026"
    retype(qtbot, view.editors[TERMS], typed)
    assert view.raw_value(TERMS) == typed
    qtbot.mouseClick(view.save_button, LEFT)
    message = view.feedback.text()
    assert message.startswith("Term dates: ")
    assert "32/12/2026" in message
    assert view.raw_value(TERMS) == typed
    assert view.focusWidget() is view.editors[TERMS]
    assert announced == []


def test_good_date_ranges_are_saved_and_shown_tidily(qtbot, view, dsl) -> None:
    retype(qtbot, view.editors[TERMS], "1/9/2026-23/10/2026\n\n02/11/2026  -  18/12/2026")
    qtbot.mouseClick(view.save_button, LEFT)
    assert read_settings(dsl)[TERMS] == [
        ["2026-09-01", "2026-10-23"],
        ["2026-11-02", "2026-12-18"],
    ]
    assert view.raw_value(TERMS) == "01/09/2026 - 23/10/2026\n02/11/2026 - 18/12/2026"


def test_unsaved_edits_survive_a_draft_round_trip(qtbot, view, dsl, bus) -> None:
    retype(qtbot, view.editors["contacts.lado_name"], "Anyshire LADO team")
    retype(qtbot, view.editors[TERMS], "01/09/2026 - 23/10/2026")
    retype(qtbot, view.editors[IDLE], "ten")  # even a mistake is kept
    state = view.draft_state()
    assert state is not None
    json.dumps(state)  # the main window stores it as JSON in an encrypted draft

    again = SettingsView(dsl, bus)
    qtbot.addWidget(again)
    assert again.draft_state() is None
    again.restore_draft(json.loads(json.dumps(state)))
    assert again.changes() == view.changes()
    assert again.raw_value("contacts.lado_name") == "Anyshire LADO team"
    assert again.raw_value(IDLE) == "ten"


def test_a_reload_keeps_what_is_being_typed(qtbot, view, dsl, bus) -> None:
    retype(qtbot, view.editors["contacts.lado_name"], "Anyshire LADO team")
    update_settings(dsl, changes={"contacts.lado_phone": "01234 000111"})
    bus.announce("settings")
    assert view.raw_value("contacts.lado_phone") == "01234 000111"
    assert view.raw_value("contacts.lado_name") == "Anyshire LADO team"
    assert view.changes() == {"contacts.lado_name": "Anyshire LADO team"}


def test_undo_changes(qtbot, view) -> None:
    retype(qtbot, view.editors["org.name"], "Another name")
    qtbot.mouseClick(view.undo_button, LEFT)
    assert view.raw_value("org.name") == "Brookfield Test Academy"
    assert view.changes() == {}


def test_the_view_is_for_the_lead_only(dsl, signed_in_as) -> None:
    assert SettingsView.visible_to(dsl)
    for role in (Role.DEPUTY, Role.REPORTER, Role.ALLEGATIONS_MANAGER, Role.REVIEWER):
        assert not SettingsView.visible_to(signed_in_as(role))


# --- backups ------------------------------------------------------------------------


def save_through_file_dialog(qtbot, dialog: QFileDialog, path) -> None:
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
    # Typed as a whole (typing key by key opens the path completer's pop-up).
    dialog.findChild(QLineEdit, "fileNameEdit").setText(str(path))
    buttons = dialog.findChild(QDialogButtonBox, "buttonBox")
    save = buttons.button(QDialogButtonBox.StandardButton.Save)
    qtbot.mouseClick(save, LEFT)
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_back_up_now_then_test_a_restore(qtbot, view, dsl, announced, tmp_path) -> None:
    panel = view.backups
    assert "Last backup: none yet" in panel.status.text()
    qtbot.mouseClick(panel.backup_button, LEFT)
    target = tmp_path / "usb" / "our backup.wtscbackup"
    target.parent.mkdir()
    save_through_file_dialog(qtbot, panel.file_dialog, target)
    assert target.is_file()
    assert announced == ["backups"]
    assert str(target) in panel.feedback.text()
    assert backup_status(dsl).last_backup_at is not None
    assert "Last backup: 02/09/2026 10:00" in panel.status.text()

    qtbot.mouseClick(panel.test_button, LEFT)
    dialog = panel.test_dialog
    assert isinstance(dialog, TestRestoreDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert_accessible(dialog)
    qtbot.keyClicks(dialog.backup_file, str(target))
    qtbot.keyClicks(dialog.password, "not the password at all")
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert "does not open this backup" in dialog.feedback.text()
    assert dialog.backup_file.text() == str(target)
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, DSL_PASSWORD)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    qtbot.waitUntil(lambda: "test restore passed" in panel.feedback.text())
    assert backup_status(dsl).last_test_restore_at is not None
    assert "Last test restore: 02/09/2026 10:00" in panel.status.text()


def test_a_damaged_backup_is_reported(qtbot, view, dsl, tmp_path) -> None:
    broken = tmp_path / "broken.wtscbackup"
    broken.write_bytes(b"this is not a backup")
    panel = view.backups
    qtbot.mouseClick(panel.test_button, LEFT)
    dialog = panel.test_dialog
    qtbot.waitUntil(dialog.isVisible)
    qtbot.keyClicks(dialog.backup_file, str(broken))
    qtbot.keyClicks(dialog.password, DSL_PASSWORD)
    qtbot.mouseClick(dialog.ok_button, LEFT)
    assert "cannot be used" in dialog.feedback.text()
    assert dialog.isVisible()

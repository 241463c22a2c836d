"""The first-run setup wizard, driven through its real widgets with the keyboard and mouse."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pypdf
import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QFileDialog,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from tests.ui.accessibility import assert_accessible
from tests.ui.wizard_driver import (
    LEFT,
    PASSWORD,
    W,
    choose,
    click,
    fill_account,
    fill_organisation,
    go_to_account,
    go_to_recovery,
    retype,
    type_lines,
)
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.settings import read_settings
from wtsc_desktop.store.keys import KdfParams
from wtsc_desktop.ui.dialogs import setup_wizard as sw
from wtsc_desktop.ui.dialogs.recovery_sheet import (
    recovery_sheet_document,
    recovery_sheet_html,
    save_pdf,
)
from wtsc_desktop.ui.dialogs.setup_wizard import SetupWizard

CHEAP_KDF = KdfParams(time_cost=1, memory_cost=8192, parallelism=1)


@pytest.fixture
def paths(tmp_path: Path) -> StorePaths:
    return StorePaths(tmp_path / "store")


@pytest.fixture
def wizard(qtbot: QtBot, paths: StorePaths) -> SetupWizard:
    made = SetupWizard(paths, FixedClock(), CHEAP_KDF)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


# --- accessibility ---------------------------------------------------------------------
# assert_accessible checks names and Tab focus policy; the walk below also presses Tab
# through the page to see that every control is really reached.


def tab_stops(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisibleTo(root)
        and w.isEnabled()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and w.focusProxy() is None
    ]


def assert_page_accessible(qtbot: QtBot, wizard: SetupWizard) -> None:
    """Every control of the wizard has a name, and Tab reaches each one on this page."""
    assert_accessible(wizard)
    stops = tab_stops(wizard.currentPage()) + [
        wizard.button(which)
        for which in (W.BackButton, W.NextButton, W.CommitButton, W.FinishButton, W.CancelButton)
        if wizard.button(which).isVisible() and wizard.button(which).isEnabled()
    ]
    unnamed = [f"{type(w).__name__} {w.objectName()!r}" for w in stops if not w.accessibleName()]
    assert not unnamed, f"no accessible name: {unnamed}"
    stops[0].setFocus()
    reached: list[QWidget] = []
    for _ in range(len(stops) * 2 + 4):
        focused = wizard.focusWidget()
        assert focused is not None
        reached.append(focused)
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    missed = [f"{type(w).__name__} {w.accessibleName()!r}" for w in stops if w not in reached]
    assert not missed, f"Tab never reaches: {missed}"


# --- the journey ----------------------------------------------------------------------


def test_setup_journey_creates_a_store_that_opens_with_the_typed_password(
    qtbot: QtBot, wizard: SetupWizard, paths: StorePaths
) -> None:
    assert wizard.button(W.NextButton).accessibleName() == "Next"
    assert_page_accessible(qtbot, wizard)
    click(qtbot, wizard, W.NextButton)

    assert wizard.currentId() == sw.ORGANISATION
    fill_organisation(qtbot, wizard, kind="charity", nation="wales")
    assert_page_accessible(qtbot, wizard)
    click(qtbot, wizard, W.NextButton)

    assert wizard.currentId() == sw.CONTACTS
    editors = wizard.contacts_page.form.editors
    assert isinstance(editors["contacts.police_non_emergency"], QLineEdit)
    assert editors["contacts.police_non_emergency"].text() == "101"
    type_lines(qtbot, editors["contacts.front_door_phone"], "01632 960 000")
    type_lines(qtbot, editors["contacts.front_door_email"], "mash@brookfield.example")
    type_lines(qtbot, editors["contacts.out_of_hours_phone"], "01632 960 999")
    type_lines(qtbot, editors["contacts.lado_name"], "LADO team")
    type_lines(qtbot, editors["contacts.lado_phone"], "01632 960 111")
    type_lines(qtbot, editors["contacts.lado_email"], "lado@brookfield.example")
    type_lines(
        qtbot,
        editors["contacts.escalation_steps"],
        "Speak to the social worker's manager",
        "Write to the head of service",
    )
    assert_page_accessible(qtbot, wizard)
    click(qtbot, wizard, W.NextButton)

    assert wizard.currentId() == sw.TERMS
    terms = wizard.terms_page.form.editors
    type_lines(qtbot, terms["terms.dates"], "01/09/2026 - 23/10/2026", "02/11/2026 - 18/12/2026")
    type_lines(qtbot, terms["terms.closures"], "26/10/2026 - 30/10/2026", "04/01/2027")
    assert_page_accessible(qtbot, wizard)
    click(qtbot, wizard, W.NextButton)

    assert wizard.currentId() == sw.ACCOUNT
    fill_account(qtbot, wizard)
    assert wizard.account_page.strength.text() == "This password is strong enough."
    assert_page_accessible(qtbot, wizard)
    click(qtbot, wizard, W.NextButton)

    assert wizard.currentId() == sw.CREATE
    summary = wizard.create_page.summary.toPlainText()
    assert "Riverside Youth Trust" in summary
    assert "Charity or voluntary group" in summary
    assert "j.okafor" in summary
    assert_page_accessible(qtbot, wizard)
    assert not paths.exists()
    click(qtbot, wizard, W.CommitButton)

    assert wizard.currentId() == sw.RECOVERY
    assert paths.exists()
    key = wizard.recovery_page.key_label.text()
    assert key == wizard.recovery_key and len(key) == 39
    assert wizard.account_page.password.text() == ""  # not kept in memory once used
    assert not wizard.button(W.BackButton).isVisible()
    assert not wizard.button(W.CancelButton).isVisible()
    finish = wizard.button(W.FinishButton)
    assert finish.isVisible() and not finish.isEnabled()
    assert_page_accessible(qtbot, wizard)

    # Escape does not close the wizard while the key is not confirmed as kept.
    qtbot.keyClick(wizard, Qt.Key.Key_Escape)
    assert wizard.isVisible()
    assert "tick the box" in wizard.recovery_page.feedback.text()

    wizard.recovery_page.saved.setFocus()
    qtbot.keyClick(wizard.recovery_page.saved, Qt.Key.Key_Space)
    assert finish.isEnabled()
    with qtbot.waitSignal(wizard.store_created) as emitted:
        qtbot.mouseClick(finish, LEFT)
    assert emitted.args == ["j.okafor"]
    assert not wizard.isVisible()
    assert wizard.recovery_key is None and wizard.recovery_page.key_label.text() == ""

    signed = sign_in(paths, user_name="j.okafor", password=PASSWORD, clock=FixedClock())
    try:
        settings = read_settings(signed)
        assert signed.actor.role.value == "dsl"
    finally:
        signed.lock()
    assert settings["org.name"] == "Riverside Youth Trust"
    assert settings["org.type"] == "charity"
    assert settings["org.nation"] == "wales"
    assert settings["org.address"] == "1 Mill Lane\nBrookfield\nBR1 2AB"
    assert settings["org.local_authority"] == "Brookfield Council"
    assert settings["org.charity_number"] == "1234567"
    assert settings["org.governing_body"] == ""
    assert settings["contacts.front_door_phone"] == "01632 960 000"
    assert settings["contacts.front_door_email"] == "mash@brookfield.example"
    assert settings["contacts.out_of_hours_phone"] == "01632 960 999"
    assert settings["contacts.lado_name"] == "LADO team"
    assert settings["contacts.lado_phone"] == "01632 960 111"
    assert settings["contacts.lado_email"] == "lado@brookfield.example"
    assert settings["contacts.police_non_emergency"] == "101"
    assert settings["contacts.escalation_steps"] == (
        "Speak to the social worker's manager\nWrite to the head of service"
    )
    assert settings["terms.dates"] == [
        ["2026-09-01", "2026-10-23"],
        ["2026-11-02", "2026-12-18"],
    ]
    assert settings["terms.closures"] == [
        ["2026-10-26", "2026-10-30"],
        ["2027-01-04", "2027-01-04"],
    ]


# --- refusals, kept input ----------------------------------------------------------------


def test_a_weak_password_is_refused_with_the_reason_and_the_text_kept(
    qtbot: QtBot, wizard: SetupWizard
) -> None:
    go_to_account(qtbot, wizard)
    fill_account(qtbot, wizard, password="password1234")
    page = wizard.account_page
    assert "too weak" in page.strength.text()  # said live, as it is typed
    assert wizard.button(W.NextButton).isEnabled()
    click(qtbot, wizard, W.NextButton)
    assert wizard.currentId() == sw.ACCOUNT
    assert page.feedback.isVisible()
    assert "too weak" in page.feedback.text()
    assert page.password.text() == "password1234"
    assert page.confirm.text() == "password1234"

    retype(qtbot, page.password, "short one")
    click(qtbot, wizard, W.NextButton)
    assert "at least 12 characters" in page.feedback.text()

    retype(qtbot, page.password, PASSWORD)
    retype(qtbot, page.confirm, PASSWORD + "x")
    click(qtbot, wizard, W.NextButton)
    assert wizard.currentId() == sw.ACCOUNT
    assert "not the same" in page.feedback.text()

    retype(qtbot, page.confirm, PASSWORD)
    click(qtbot, wizard, W.NextButton)
    assert wizard.currentId() == sw.CREATE


def test_the_organisation_name_is_needed(qtbot: QtBot, wizard: SetupWizard) -> None:
    click(qtbot, wizard, W.NextButton)
    click(qtbot, wizard, W.NextButton)
    page = wizard.organisation_page
    assert wizard.currentId() == sw.ORGANISATION
    assert "Organisation name is needed" in page.feedback.text()
    assert page.form.editors["org.name"].hasFocus()


def test_a_bad_term_date_line_is_refused_inline_and_kept(qtbot: QtBot, wizard: SetupWizard) -> None:
    click(qtbot, wizard, W.NextButton)
    fill_organisation(qtbot, wizard, kind="school")
    click(qtbot, wizard, W.NextButton)
    click(qtbot, wizard, W.NextButton)
    assert wizard.currentId() == sw.TERMS
    box = wizard.terms_page.form.editors["terms.dates"]
    assert isinstance(box, QPlainTextEdit)
    type_lines(qtbot, box, "01/09/2026 - 23/10/2026", "31/02/2027 - 01/03/2027")
    click(qtbot, wizard, W.NextButton)
    assert wizard.currentId() == sw.TERMS
    message = wizard.terms_page.feedback.text()
    assert message.startswith("Term dates:")
    assert "31/02/2027" in message and "dd/mm/yyyy" in message
    assert box.toPlainText() == "01/09/2026 - 23/10/2026\n31/02/2027 - 01/03/2027"

    retype(qtbot, box, "01/09/2026 - 23/10/2026")
    click(qtbot, wizard, W.NextButton)
    assert wizard.currentId() == sw.ACCOUNT


def test_term_dates_may_be_left_empty(qtbot: QtBot, wizard: SetupWizard) -> None:
    go_to_account(qtbot, wizard)
    assert wizard.terms_page.values == {"terms.dates": [], "terms.closures": []}


# --- the organisation page follows the declarations ---------------------------------------


def test_rows_show_only_for_the_organisation_types_they_apply_to(
    qtbot: QtBot, wizard: SetupWizard
) -> None:
    click(qtbot, wizard, W.NextButton)
    page = wizard.organisation_page
    editors = page.form.editors
    choose(qtbot, editors["org.type"], "sports_club")
    assert editors["org.governing_body"].isVisible()
    assert not editors["org.charity_number"].isVisible()
    choose(qtbot, editors["org.type"], "charity")
    assert editors["org.charity_number"].isVisible()
    assert not editors["org.governing_body"].isVisible()
    choose(qtbot, editors["org.type"], "school")
    assert not editors["org.charity_number"].isVisible()
    assert not editors["org.governing_body"].isVisible()


def test_wales_is_told_the_rules_are_englands_and_may_carry_on(
    qtbot: QtBot, wizard: SetupWizard
) -> None:
    click(qtbot, wizard, W.NextButton)
    page = wizard.organisation_page
    assert not page.note.isVisible()
    fill_organisation(qtbot, wizard, kind="sports_club", nation="wales")
    assert page.note.isVisible()
    note = page.note.text()
    assert "Wales" in note and "England's" in note
    assert "Working Together to Safeguard Children" in note
    assert "Keeping Children Safe in Education" in note
    assert "carry on" in note
    click(qtbot, wizard, W.NextButton)
    assert wizard.currentId() == sw.CONTACTS
    assert wizard.organisation_page.values["org.nation"] == "wales"

    click(qtbot, wizard, W.BackButton)
    choose(qtbot, page.form.editors["org.nation"], "england")
    assert not page.note.isVisible()


# --- leaving, and the recovery key ----------------------------------------------------------


def test_cancel_asks_first_and_carry_on_keeps_what_was_typed(
    qtbot: QtBot, wizard: SetupWizard
) -> None:
    click(qtbot, wizard, W.NextButton)
    fill_organisation(qtbot, wizard)
    click(qtbot, wizard, W.CancelButton)
    box = wizard.findChild(QMessageBox, "leaveSetup")
    assert box is not None and box.isVisible()
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.No), LEFT)
    assert wizard.isVisible()
    assert wizard.organisation_page.form.raw_value("org.name") == "Riverside Youth Trust"

    click(qtbot, wizard, W.CancelButton)
    box = next(b for b in wizard.findChildren(QMessageBox, "leaveSetup") if b.isVisible())
    with qtbot.waitSignal(wizard.rejected):
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), LEFT)
    assert not wizard.isVisible()


def test_finish_stays_disabled_until_the_key_is_confirmed_as_kept(
    qtbot: QtBot, wizard: SetupWizard
) -> None:
    go_to_recovery(qtbot, wizard)
    finish = wizard.button(W.FinishButton)
    saved = wizard.recovery_page.saved
    assert not finish.isEnabled()
    qtbot.mouseClick(saved, LEFT)
    assert saved.isChecked() and finish.isEnabled()
    qtbot.mouseClick(saved, LEFT)
    assert not saved.isChecked() and not finish.isEnabled()
    qtbot.mouseClick(finish, LEFT)  # disabled: nothing happens
    assert wizard.isVisible()


def test_the_printable_sheet_holds_the_key_the_organisation_and_the_date() -> None:
    html = recovery_sheet_html(
        organisation="Riverside <Youth> & Trust",
        recovery_key="ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567",
        made_on=dt.date(2026, 9, 2),
    )
    assert "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567" in html
    assert "Riverside &lt;Youth&gt; &amp; Trust" in html
    assert "02/09/2026" in html
    assert "locked" in html and "OFFICIAL-SENSITIVE" in html


def test_the_recovery_page_prints_and_saves_the_sheet_it_shows(
    qtbot: QtBot, wizard: SetupWizard, tmp_path: Path
) -> None:
    go_to_recovery(qtbot, wizard)
    page = wizard.recovery_page
    assert page.document is not None
    text = page.document.toPlainText()
    assert wizard.recovery_key is not None and wizard.recovery_key in text
    assert "Riverside Youth Trust" in text
    assert "02/09/2026" in text

    # Print… opens the print dialog without blocking; cancelling it prints nothing.
    qtbot.mouseClick(page.print_button, LEFT)
    dialog = page.findChild(QPrintDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    assert not page.feedback.isVisible()

    # Save as PDF… asks where in Qt's own file dialog, then writes the sheet there.
    qtbot.mouseClick(page.pdf_button, LEFT)
    chooser = page.findChild(QFileDialog)
    assert chooser is not None and chooser.isVisible()
    assert chooser.testOption(QFileDialog.Option.DontUseNativeDialog)
    target = tmp_path / "key.pdf"
    chooser.selectFile(str(target))
    chooser.accept()
    assert target.is_file()
    extracted = "".join(p.extract_text() for p in pypdf.PdfReader(target).pages)
    assert wizard.recovery_key in extracted.replace("\t", " ")
    assert "Saved key.pdf" in page.feedback.text()


def test_saving_the_pdf_where_it_cannot_be_written_says_so(qtbot: QtBot, tmp_path: Path) -> None:
    document = recovery_sheet_document(
        organisation="Riverside Youth Trust",
        recovery_key="ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567",
        made_on=dt.date(2026, 9, 2),
    )
    assert not save_pdf(document, tmp_path / "no such folder" / "key.pdf")
    assert save_pdf(document, tmp_path / "key.pdf")


def test_an_existing_store_is_refused_on_the_create_page(
    qtbot: QtBot, wizard: SetupWizard, paths: StorePaths
) -> None:
    go_to_account(qtbot, wizard)
    fill_account(qtbot, wizard)
    click(qtbot, wizard, W.NextButton)
    paths.root.mkdir(parents=True)
    paths.database.write_bytes(b"x")
    paths.key_slots.write_text("{}")
    click(qtbot, wizard, W.CommitButton)
    assert wizard.currentId() == sw.CREATE
    assert "already exists" in wizard.create_page.feedback.text()
    assert wizard.button(W.BackButton).isEnabled()


# --- the keyboard alone --------------------------------------------------------------------


def test_the_whole_setup_works_with_the_keyboard_alone(
    qtbot: QtBot, wizard: SetupWizard, paths: StorePaths
) -> None:
    def key(k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        focused = wizard.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, k, modifier)

    def write(text: str) -> None:
        focused = wizard.focusWidget()
        assert focused is not None
        qtbot.keyClicks(focused, text)

    def press(button: QWidget) -> None:
        """Tab to ``button`` and press Space on it."""
        for _ in range(40):
            if wizard.focusWidget() is button:
                break
            key(Qt.Key.Key_Tab)
        assert wizard.focusWidget() is button, button.accessibleName()
        key(Qt.Key.Key_Space)

    # (Alt+N and the other mnemonics do not fire under the offscreen test platform, so
    # this journey uses Return, Tab and Space.)
    key(Qt.Key.Key_Return)
    assert wizard.currentId() == sw.ORGANISATION
    assert wizard.focusWidget() is wizard.organisation_page.form.editors["org.name"]
    write("Brookfield Rovers FC")
    key(Qt.Key.Key_Tab)
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Down)  # school → early years → sports club
    key(Qt.Key.Key_Tab)
    key(Qt.Key.Key_Tab)
    write("The Pavilion")
    key(Qt.Key.Key_Return)
    write("Brookfield")
    key(Qt.Key.Key_Tab)
    write("Brookfield Council")
    key(Qt.Key.Key_Tab)
    write("The Football Association")
    key(Qt.Key.Key_Return)
    assert wizard.currentId() == sw.CONTACTS
    write("01632 960 000")
    key(Qt.Key.Key_Return)
    assert wizard.currentId() == sw.TERMS
    press(wizard.button(W.NextButton))
    assert wizard.currentId() == sw.ACCOUNT
    write("coach.sam")
    key(Qt.Key.Key_Tab)
    write("Sam Patel")
    key(Qt.Key.Key_Tab)
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Down)
    key(Qt.Key.Key_Down)  # Choose… → teacher → regulated → other
    key(Qt.Key.Key_Tab)
    write(PASSWORD)
    key(Qt.Key.Key_Tab)
    write(PASSWORD)
    key(Qt.Key.Key_Return)
    assert wizard.currentId() == sw.CREATE, wizard.account_page.feedback.text()
    press(wizard.button(W.CommitButton))
    assert wizard.currentId() == sw.RECOVERY
    assert wizard.focusWidget() is wizard.recovery_page.key_label
    press(wizard.recovery_page.saved)
    assert wizard.recovery_page.saved.isChecked()
    with qtbot.waitSignal(wizard.store_created) as emitted:
        press(wizard.button(W.FinishButton))
    assert emitted.args == ["coach.sam"]

    signed = sign_in(paths, user_name="coach.sam", password=PASSWORD, clock=FixedClock())
    try:
        settings = read_settings(signed)
    finally:
        signed.lock()
    assert settings["org.type"] == "sports_club"
    assert settings["org.governing_body"] == "The Football Association"
    assert settings["org.address"] == "The Pavilion\nBrookfield"
    assert settings["contacts.front_door_phone"] == "01632 960 000"

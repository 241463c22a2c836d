"""The special routes on screen: the concern wizard tells a teacher told of FGM by the girl
that she must report to the police herself (T8a, T8b), and a coach to tell the DSL; the
teacher records her report from the concern's record and the Dashboard's T8 item goes;
a coach recording one is told why not, with what she typed kept; the DSL's NRM referral
opens with its kind chosen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.casework import a_child, a_concern, london
from tests.ui import concern_driver as drive
from tests.ui.accessibility import assert_accessible
from tests.ui.casework_screens import click, person, shown, tick
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.guidance.referral_routes import ReferralRoute
from wtsc_desktop.guidance.special_routes import FgmSource
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.accounts import add_user
from wtsc_desktop.services.children import add_child
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import Profession, Role
from wtsc_desktop.services.referrals import referrals_for_child
from wtsc_desktop.ui.dialogs import concern_wizard as cw
from wtsc_desktop.ui.dialogs.concern_wizard import ConcernWizard
from wtsc_desktop.ui.dialogs.fgm_report_dialog import FgmReportDialog
from wtsc_desktop.ui.dialogs.referral_wizard import ReferralWizard
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.views.concern_record import ConcernRecordView
from wtsc_desktop.ui.views.dashboard import DashboardView
from wtsc_desktop.ui.widgets.route_advice import ASK_FGM

COACH_PASSWORD = "lantern orchard pebble 31"
OWN_DUTY = "You must report this to the police personally, by phone on 101."


@pytest.fixture
def friday(clock: FixedClock) -> None:
    # Friday 28/08/2026: T8a falls on Tuesday 01/09 (Monday is a bank holiday).
    clock.current = london(2026, 8, 28, 11)


@pytest.fixture
def coach(paths: StorePaths, clock: FixedClock, dsl: SignedIn) -> Iterator[SignedIn]:
    """An invented football coach: a reporter whose profession carries no FGM duty."""
    add_user(
        dsl,
        user_name="coach.rivers",
        full_name="Robin Rivers",
        role=Role.REPORTER,
        profession=Profession.OTHER,
        password=COACH_PASSWORD,
        must_change_password=False,
    )
    signed = sign_in(paths, user_name="coach.rivers", password=COACH_PASSWORD, clock=clock)
    yield signed
    signed.lock()


def _to_route_page(qtbot: QtBot, signed: SignedIn, *codes: str) -> ConcernWizard:
    """Log a concern as far as the kind of harm, tick ``codes`` and go on."""
    wizard = drive.open_wizard(qtbot, signed)
    drive.tick(qtbot, wizard.danger_page.no)
    drive.next_page(qtbot, wizard, cw.WHO)
    qtbot.keyClicks(wizard.who_page.picker.search, "Am")
    qtbot.mouseClick(wizard.who_page.picker.add_button, Qt.MouseButton.LeftButton)
    drive.next_page(qtbot, wizard, cw.WHEN)
    qtbot.keyClicks(wizard.when_page.time, "09:20")
    qtbot.keyClicks(wizard.when_page.location, "The changing rooms")
    drive.next_page(qtbot, wizard, cw.WORDS)
    drive.next_page(qtbot, wizard, cw.FACTS)
    qtbot.keyClicks(wizard.facts_page.facts, "Invented: she told me in the changing rooms.")
    drive.next_page(qtbot, wizard, cw.BODY)
    drive.next_page(qtbot, wizard, cw.CATEGORIES)
    for code in codes:
        drive.tick(qtbot, wizard.categories_page.boxes[code])
    drive.next_page(qtbot, wizard, cw.ROUTE)
    return wizard


def _answer(qtbot: QtBot, wizard: ConcernWizard, age: str, source_index: int) -> str:
    panel = wizard.route_page.panel
    panel.age.setFocus()
    panel.age.selectAll()
    qtbot.keyClicks(panel.age, age)
    drive.tick(qtbot, panel.sources.buttons()[source_index])
    return panel.advice.text()


def test_the_wizard_tells_a_teacher_she_must_report_and_a_coach_to_tell_the_dsl(
    qtbot: QtBot, dsl: SignedIn, signed_in_as, coach: SignedIn, friday: None
) -> None:
    a_child(dsl, "Amina", "Okafor")
    wizard = _to_route_page(qtbot, signed_in_as(Role.REPORTER), "fgm")
    page, panel = wizard.route_page, wizard.route_page.panel
    assert ASK_FGM in panel.advice.text()
    # Not answered: the page says so and stays.
    drive.click(qtbot, wizard, drive.W.NextButton)
    assert wizard.currentId() == cw.ROUTE
    assert "Answer both questions" in page.feedback.text()
    advice = _answer(qtbot, wizard, "13", 0)  # "The girl told me herself"
    assert OWN_DUTY in advice
    assert "The DSL cannot do it in your place" in advice
    assert "01/09/2026" in advice and "T8a" in advice  # the close of the next working day
    assert "28/09/2026" in advice and "T8b" in advice  # one month, the legal limit
    assert "Keep the DSL informed" in advice
    assert_accessible(wizard)
    # The answers go into the draft saved every few seconds.
    assert wizard.payload()["pages"]["route"] == {"age": 13, "source": "girl_disclosed"}
    drive.next_page(qtbot, wizard, cw.ACTIONS)
    drive.click(qtbot, wizard, drive.W.BackButton)
    assert wizard.currentId() == cw.ROUTE
    assert panel.age.value() == 13 and OWN_DUTY in panel.advice.text()  # kept
    # Someone else told her: the usual referral, even for a teacher.
    drive.tick(qtbot, panel.sources.buttons()[2])
    assert OWN_DUTY not in panel.advice.text()
    assert "Tell the DSL today" in panel.advice.text()
    # The answer is kept with the concern when it is submitted.
    assert wizard.concern().fgm_source == FgmSource.SOMEONE_ELSE.value
    wizard.close()

    coached = _to_route_page(qtbot, coach, "fgm", "modern_slavery")
    advice = _answer(qtbot, coached, "13", 0)
    assert OWN_DUTY not in advice
    assert "not on coaches, volunteers or charity staff" in advice
    assert "Tell the DSL today: they will make a referral in the usual way" in advice
    assert "National Referral Mechanism" in advice
    assert "consent is not needed" in advice
    assert_accessible(coached)
    drive.next_page(qtbot, coached, cw.ACTIONS)
    coached.close()


def test_the_teacher_records_her_report_and_the_dashboard_item_goes(
    qtbot: QtBot, paths: StorePaths, clock: FixedClock, dsl: SignedIn, bus: DataBus, friday: None
) -> None:
    teacher = person(paths, clock, Role.REPORTER)
    girl = a_child(dsl, "Amina", "Okafor")
    concern = a_concern(teacher, girl, observed_at=london(2026, 8, 28, 9), categories=("fgm",))
    board = shown(qtbot, DashboardView(dsl, bus), 1366, 768)
    board.refresh()
    assert [i.rule_id for s in board.sections for i in s.items if i.kind == "fgm_report"] == ["T8a"]
    view = shown(qtbot, ConcernRecordView(teacher, bus), 1366, 768)
    assert view.show_concern(concern)
    box = view.route_box
    assert box.isVisible() and box.fgm_button.isVisible()
    assert "No FGM report to the police is recorded yet." in box.report_note.text()
    assert not any(b.isVisible() for b in box.referral_buttons.values())
    assert_accessible(view)

    click(qtbot, box.fgm_button)
    dialog = box.dialog
    assert isinstance(dialog, FgmReportDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert_accessible(dialog)
    assert "01/09/2026 (in time)" in dialog.timing.text()
    click(qtbot, dialog.ok_button)  # no reference yet: said on the dialog, which stays
    assert dialog.isVisible()
    assert "reference" in dialog.feedback.text()
    assert dialog.focusWidget() is dialog.reference
    qtbot.keyClicks(dialog.reference, "INV-101-3318")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "T8a (by 01/09/2026): met" in box.feedback.text()
    assert "INV-101-3318" in box.report_note.text()
    assert not box.fgm_button.isVisible()
    [report] = referrals_for_child(dsl, child_id=girl)
    assert report.route == ReferralRoute.FGM_POLICE.value
    assert not [i for s in board.sections for i in s.items if i.kind == "fgm_report"]
    teacher.lock()


def test_a_coach_is_told_on_the_dialog_that_the_duty_is_not_hers(
    qtbot: QtBot, dsl: SignedIn, coach: SignedIn, bus: DataBus, friday: None
) -> None:
    girl = a_child(dsl, "Amina", "Okafor")
    concern = a_concern(coach, girl, observed_at=london(2026, 8, 28, 9), categories=("fgm",))
    view = shown(qtbot, ConcernRecordView(coach, bus), 1366, 768)
    assert view.show_concern(concern)
    assert view.route_box.isVisible() and not view.route_box.fgm_button.isVisible()
    dialog = shown(
        qtbot,
        FgmReportDialog(coach, bus, concern_id=concern, learned_on=london(2026, 8, 28).date()),
    )
    qtbot.keyClicks(dialog.reference, "INV-101-0001")
    click(qtbot, dialog.ok_button)
    assert dialog.isVisible()
    assert "Only teachers and regulated health or social care professionals" in (
        dialog.feedback.text()
    )
    assert dialog.reference.text() == "INV-101-0001"
    assert_accessible(dialog)
    assert referrals_for_child(dsl, child_id=girl) == []


def test_the_dsl_sees_the_reporters_duty_and_makes_the_nrm_referral(
    qtbot: QtBot, paths: StorePaths, clock: FixedClock, dsl: SignedIn, bus: DataBus, friday: None
) -> None:
    teacher = person(paths, clock, Role.REPORTER)
    girl = a_child(dsl, "Amina", "Okafor")
    concern = a_concern(
        teacher, girl, observed_at=london(2026, 8, 28, 9), categories=("fgm", "modern_slavery")
    )
    younger = add_child(
        dsl,
        legal_forename="Nia",
        legal_surname="Okafor",
        date_of_birth=dt.date(2016, 3, 2),
        year_group_or_team="Year 5",
    )
    other = a_concern(teacher, younger, observed_at=london(2026, 8, 28, 9), categories=("fgm",))
    teacher.lock()
    view = shown(qtbot, ConcernRecordView(dsl, bus), 1366, 768)
    assert view.show_concern(concern)
    box = view.route_box
    assert box.panel.age.value() == 14  # from her date of birth
    tick(qtbot, box.panel.sources.buttons()[1])  # signs seen
    advice = box.panel.advice.text()
    assert "The person who logged it (teacher) must report this to the police personally" in (
        advice
    )
    assert "Not the DSL in their place" in advice
    assert not box.fgm_button.isVisible()
    assert_accessible(view)
    click(qtbot, box.referral_buttons[next(iter(box.referral_buttons))])
    wizard = view.dialog
    assert isinstance(wizard, ReferralWizard)
    qtbot.waitUntil(wizard.isVisible)
    assert wizard.route.currentData() == ReferralRoute.NRM.value
    wizard.reject()
    # Another girl's concern: her own age, and the question asked afresh.
    assert view.show_concern(other)
    assert box.panel.age.value() == 10
    assert box.panel.sources.checkedButton() is None
    assert not box.referral_buttons[next(iter(box.referral_buttons))].isVisible()


def test_the_record_shows_how_the_reporter_learned_of_it(
    qtbot: QtBot, paths: StorePaths, clock: FixedClock, dsl: SignedIn, bus: DataBus, friday: None
) -> None:
    teacher = person(paths, clock, Role.REPORTER)
    girl = a_child(dsl, "Amina", "Okafor")
    concern = a_concern(
        teacher,
        girl,
        observed_at=london(2026, 8, 28, 9),
        categories=("fgm",),
        fgm_source=FgmSource.SIGNS_SEEN.value,
    )
    teacher.lock()
    view = shown(qtbot, ConcernRecordView(dsl, bus), 1366, 768)
    assert view.show_concern(concern)
    panel = view.route_box.panel
    chosen = panel.sources.checkedButton()
    assert chosen is not None and chosen.property("source") == FgmSource.SIGNS_SEEN.value
    assert "must report this to the police personally" in panel.advice.text()

"""A child's referrals on screen: the clocks in words, the written confirmation (T14),
an escalation step when no decision came (T1), the decision, a referral made on its own
with an agency from the directory, one that follows a triage decision, and the referral
summary PDF."""

from __future__ import annotations

from pathlib import Path

import pypdf
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLineEdit, QWizard
from pytestqt.qtbot import QtBot

from tests.casework import a_child, a_concern, london
from tests.ui.accessibility import assert_accessible
from tests.ui.casework_screens import click, shown
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.guidance.categories import Threshold
from wtsc_desktop.guidance.information_sharing import Consent, LawfulBasis
from wtsc_desktop.guidance.referral_routes import (
    EscalationReason,
    ReferralMethod,
    ReferralOutcome,
    ReferralRoute,
)
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.services.referral_deadlines import NO_DECISION
from wtsc_desktop.services.referrals import NewReferral, make_referral, referrals_for_child
from wtsc_desktop.services.settings import update_settings
from wtsc_desktop.services.triage import TriageInput, decisions_for, record_decision
from wtsc_desktop.ui.dialogs.referral_steps import ConfirmationDialog, EscalationDialog
from wtsc_desktop.ui.dialogs.referral_wizard import (
    DecisionDialog,
    ReferralWizard,
    referral_decisions,
)
from wtsc_desktop.ui.dialogs.referrals_dialog import ReferralsDialog
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.views.child_file import ChildFileView

W = QWizard.WizardButton
STEPS = "Speak to the social worker\nAsk their team manager\nWrite to the head of service"


def _phone_referral(dsl: SignedIn, clock: FixedClock) -> int:
    """S1: a phone referral to the front door on Friday 28 August 2026."""
    clock.current = london(2026, 8, 28, 10)
    child = a_child(dsl, "Zoë", "Brightwater")
    make_referral(
        dsl,
        referral=NewReferral(
            child_id=child,
            route=ReferralRoute.SOCIAL_CARE,
            made_at=london(2026, 8, 28, 9, 30),
            method=ReferralMethod.PHONE,
            agency="Riverside MASH",
            family_aware=True,
            family_consents=True,
            child_views="Invented: she wants to feel safe.",
        ),
    )
    return child


def _dialog(
    qtbot: QtBot, dsl: SignedIn, bus: DataBus, child: int, name: str = "Zoë Brightwater"
) -> ReferralsDialog:
    dialog = ReferralsDialog(dsl, bus, child_id=child, child_name=name)
    shown(qtbot, dialog, 1000, 640)
    return dialog


def test_the_clocks_then_confirmation_escalation_and_decision(
    qtbot: QtBot, dsl: SignedIn, clock: FixedClock, bus: DataBus, announced: list[str]
) -> None:
    child = _phone_referral(dsl, clock)
    update_settings(dsl, changes={"contacts.escalation_steps": STEPS})
    # Wednesday: T1 and T14 (Tuesday, after the bank holiday Monday) have both passed.
    clock.current = london(2026, 9, 2, 9)
    dialog = _dialog(qtbot, dsl, bus, child)
    assert_accessible(dialog)
    text = dialog.shown_text()
    assert dialog.status[1].styleSheet() != dialog.status[0].styleSheet()  # T14 in red
    assert NO_DECISION in text and "T1, 1 working day," in text
    assert (
        "OVERDUE: Confirm this phone referral in writing by 01/09/2026 — T14, 1 working day" in text
    )
    assert "Their reference: not recorded" in text
    assert dialog.confirm_button.isEnabled() and dialog.decision_button.isEnabled()

    # The written confirmation clears T14 and the button goes.
    click(qtbot, dialog.confirm_button)
    form = dialog.form
    assert isinstance(form, ConfirmationDialog)
    assert_accessible(form)
    click(qtbot, form.ok_button)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert "Confirmed in writing 02/09/2026 09:00 (online portal)" in dialog.shown_text()
    assert not dialog.confirm_button.isEnabled()
    assert announced[-1] == "referrals"

    # No reply: an escalation step, "no reply" chosen for her, the steps from Settings.
    click(qtbot, dialog.escalate_button)
    form = dialog.form
    assert isinstance(form, EscalationDialog)
    assert_accessible(form)
    assert form.reason.currentData() == EscalationReason.NO_REPLY.value
    assert [form.step.itemText(i) for i in range(form.step.count())] == STEPS.splitlines()
    form.step.setEditText("")
    qtbot.keyClicks(form.note, "Invented: left a message with the duty desk.")
    click(qtbot, form.ok_button)
    assert "step of the escalation policy" in form.feedback.text()
    assert form.note.toPlainText() == "Invented: left a message with the duty desk."
    form.step.setCurrentIndex(1)
    click(qtbot, form.ok_button)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert "(no reply came by the deadline): Ask their team manager — Invented: left" in (
        dialog.shown_text()
    )
    assert dialog.table.item(0, 6).text() == "1"

    # The decision clears T1.
    click(qtbot, dialog.decision_button)
    form = dialog.form
    assert isinstance(form, DecisionDialog)
    form.outcome.setCurrentIndex(form.outcome.findData(ReferralOutcome.CHILD_IN_NEED.value))
    qtbot.keyClicks(form.decision, "Invented: a child-in-need assessment will start.")
    click(qtbot, form.ok_button)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert NO_DECISION not in dialog.shown_text()
    assert "Decision received 02/09/2026 09:00: Child-in-need assessment." in (dialog.shown_text())
    assert dialog.table.item(0, 5).text() == "Child-in-need assessment"
    assert not dialog.decision_button.isEnabled()
    [view] = referrals_for_child(dsl, child_id=child)
    assert view.confirmation_method == ReferralMethod.PORTAL.value
    assert view.escalations[0].step == "Ask their team manager"


def test_a_referral_on_its_own_with_an_agency_from_the_directory(
    qtbot: QtBot, dsl: SignedIn, clock: FixedClock, bus: DataBus
) -> None:
    clock.current = london(2026, 10, 5, 11)
    update_settings(dsl, changes={"contacts.front_door_phone": "01632 960001"})
    child = a_child(dsl, "Søren", "Lindqvist")
    dialog = _dialog(qtbot, dsl, bus, child, "Søren Lindqvist")
    assert "No referrals yet" in dialog.shown_text()
    assert not dialog.escalate_button.isEnabled() and not dialog.pdf_button.isEnabled()

    click(qtbot, dialog.new_button)
    wizard = dialog.form
    assert isinstance(wizard, ReferralWizard)
    qtbot.waitUntil(wizard.isVisible)
    assert_accessible(wizard)
    assert wizard.windowTitle() == "Make a referral for Søren Lindqvist"
    assert not wizard.following.isVisibleTo(wizard)  # no triage decision to follow
    box = wizard.agency.box
    box.setCurrentIndex(box.findText("Children's social care front door"))
    assert wizard.agency.how.text() == "01632 960001"
    click(qtbot, wizard.button(W.NextButton))
    click(qtbot, wizard.button(W.NextButton))
    click(qtbot, wizard.button(W.FinishButton))
    qtbot.waitUntil(lambda: not wizard.isVisible())

    [made] = referrals_for_child(dsl, child_id=child)
    assert made.concern_id is None and made.decision_id is None
    assert made.agency == "Children's social care front door"
    assert dialog.table.rowCount() == 1
    assert "Decision expected by 06/10/2026" in dialog.shown_text()


def test_a_referral_follows_the_latest_triage_decision(
    qtbot: QtBot, dsl: SignedIn, clock: FixedClock, bus: DataBus
) -> None:
    clock.current = london(2026, 9, 7, 10)
    child = a_child(dsl, "Siobhán", "Kelly")
    concern = a_concern(dsl, child, observed_at=london(2026, 9, 7, 9))
    decision = record_decision(
        dsl,
        concern_id=concern,
        decision=TriageInput(
            threshold=Threshold.EARLY_HELP,
            rationale="Invented: the family asked for support.",
            consent=Consent.GIVEN,
            lawful_basis=LawfulBasis.CONSENT,
        ),
    )
    following = referral_decisions(decisions_for(dsl, concern_id=concern))
    wizard = ReferralWizard(
        dsl, bus, concern_id=concern, children=[(child, "Siobhán Kelly")], decisions=following
    )
    shown(qtbot, wizard, 820, 560)
    assert wizard.following.currentData() == str(decision)
    assert wizard.route.currentData() == ReferralRoute.EARLY_HELP.value
    qtbot.keyClicks(wizard.agency.box, "Hillside Early Help Hub")
    click(qtbot, wizard.button(W.NextButton))
    click(qtbot, wizard.button(W.NextButton))
    click(qtbot, wizard.button(W.FinishButton))
    qtbot.waitUntil(lambda: not wizard.isVisible())
    [made] = referrals_for_child(dsl, child_id=child)
    assert made.decision_id == decision and made.concern_id == concern
    assert made.route is ReferralRoute.EARLY_HELP


def test_the_referral_summary_pdf_from_the_dialog(
    qtbot: QtBot, dsl: SignedIn, clock: FixedClock, bus: DataBus, tmp_path: Path
) -> None:
    child = _phone_referral(dsl, clock)
    dialog = _dialog(qtbot, dsl, bus, child)
    assert not dialog.include_others.isChecked()
    click(qtbot, dialog.pdf_button)
    files = next(d for d in dialog.findChildren(QFileDialog) if d.isVisible())
    files.setDirectory(str(tmp_path))
    name_box = files.findChild(QLineEdit, "fileNameEdit")
    name_box.clear()
    qtbot.keyClicks(name_box, "summary")
    qtbot.keyClick(name_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.feedback.text() != "", timeout=30_000)
    assert "Saved" in dialog.feedback.text(), dialog.feedback.text()
    text = "".join(p.extract_text() for p in pypdf.PdfReader(tmp_path / "summary.pdf").pages)
    assert "Referral summary" in text and "Zoë Brightwater" in text
    assert "Riverside MASH" in text


def test_the_childs_file_opens_the_referrals_for_leads_only(
    qtbot: QtBot, dsl: SignedIn, clock: FixedClock, bus: DataBus, signed_in_as
) -> None:
    child = _phone_referral(dsl, clock)
    view = ChildFileView(dsl, bus)
    shown(qtbot, view, 1366, 700)
    assert view.show_child(child)
    click(qtbot, view.referrals_button)
    dialog = view.dialog
    assert isinstance(dialog, ReferralsDialog)
    assert dialog.windowTitle() == "Referrals for Zoë Brightwater"
    assert dialog.table.rowCount() == 1
    dialog.reject()

    staff = ChildFileView(signed_in_as(Role.REPORTER), bus)
    qtbot.addWidget(staff)
    assert not hasattr(staff, "referrals_button")

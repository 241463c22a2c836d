"""The triage wizard, driven through its real widgets from a concern's record: a decision
that shares information (consent, lawful basis, actions), a monitoring decision whose
review date falls into the past before Finish, and leaving without losing work by mistake.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QMessageBox, QWizard

from tests.casework import a_child, a_concern, london
from tests.ui.accessibility import assert_accessible
from tests.ui.casework_screens import click, person, shown, tick
from tests.ui.wizard_driver import choose
from wtsc_desktop.guidance.categories import Threshold
from wtsc_desktop.guidance.information_sharing import Consent, LawfulBasis
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.services.triage import decisions_for, open_actions
from wtsc_desktop.ui.dialogs import triage_wizard as tw
from wtsc_desktop.ui.dialogs.complete_action import CompleteActionDialog
from wtsc_desktop.ui.dialogs.triage_wizard import TriageWizard
from wtsc_desktop.ui.views.concerns import ConcernsView

W = QWizard.WizardButton


@pytest.fixture
def concern(dsl, paths, clock) -> int:
    clock.current = london(2026, 9, 14, 15)
    teacher = person(paths, clock, Role.REPORTER)
    child = a_child(dsl, "Maya", "Okonkwo")
    number = a_concern(
        teacher,
        child,
        observed_at=london(2026, 9, 14, 14, 20),
        words="He hits me when mum's out.\nPlease don't tell anyone — promise?",
        observed="",
    )
    teacher.lock()
    return number


@pytest.fixture
def view(qtbot, dsl, bus, concern) -> ConcernsView:
    widget = shown(qtbot, ConcernsView(dsl, bus))
    widget.show_concern(concern)
    return widget


def open_wizard(qtbot, view: ConcernsView) -> TriageWizard:
    click(qtbot, view.record_view.triage_button)
    wizard = view.record_view.dialog
    assert isinstance(wizard, TriageWizard)
    qtbot.waitUntil(wizard.isVisible)
    return wizard


def press(qtbot, wizard: TriageWizard, which: QWizard.WizardButton) -> None:
    click(qtbot, wizard.button(which))


def test_triage_a_concern_end_to_end(qtbot, view, dsl, concern, announced) -> None:
    wizard = open_wizard(qtbot, view)
    assert_accessible(wizard)
    for which in (W.BackButton, W.NextButton, W.FinishButton, W.CancelButton):
        assert wizard.button(which).accessibleName()
    # The concern is in front of the DSL, words and all.
    assert "mum's out" in wizard.concern_page.summary.toPlainText()
    press(qtbot, wizard, W.NextButton)

    # The decision: each threshold with its meaning and consent position on screen.
    assert wizard.currentId() == tw.DECISION
    press(qtbot, wizard, W.NextButton)
    assert wizard.currentId() == tw.DECISION
    assert "Choose the decision" in wizard.decision_page.feedback.text()
    page_text = " ".join(
        w.text() for w in wizard.decision_page.findChildren(type(wizard.decision_page.source))
    )
    assert "reasonable cause to suspect" in page_text and "consent is not needed" in page_text
    assert "WT 2023" in wizard.decision_page.source.text()
    tick(qtbot, wizard.decision_page.buttons[Threshold.SECTION_47])
    assert wizard.decision_page.chosen() is Threshold.SECTION_47
    press(qtbot, wizard, W.NextButton)

    # The reasons are required; nothing typed is lost while the message shows.
    assert wizard.currentId() == tw.REASONS
    assert not wizard.reasons_page.review_on.isEnabled()  # only when monitoring
    press(qtbot, wizard, W.NextButton)
    assert wizard.currentId() == tw.REASONS
    assert "reasons" in wizard.reasons_page.feedback.text()
    qtbot.keyClicks(wizard.reasons_page.rationale, "A disclosure of physical abuse at home.")
    tick(qtbot, wizard.reasons_page.advice)
    press(qtbot, wizard, W.NextButton)
    assert "whom you asked" in wizard.reasons_page.feedback.text()
    qtbot.keyClicks(wizard.reasons_page.advice_from, "The LA duty desk")
    press(qtbot, wizard, W.NextButton)

    # Sharing: consent and the lawful basis, the golden rules beside them.
    assert wizard.currentId() == tw.SHARING
    sharing = wizard.sharing_page
    assert sharing.chosen_basis() is LawfulBasis.PUBLIC_TASK  # the test store is a school
    assert "consent is not needed" in sharing.position.text()
    rules = " ".join(label.text() for label in sharing.findChildren(type(sharing.position)))
    assert "Record what was shared, with whom and why" in rules
    press(qtbot, wizard, W.NextButton)
    assert "consent position" in sharing.feedback.text()
    sharing.consent.setFocus()
    choose(qtbot, sharing.consent, Consent.NOT_NEEDED.value)
    press(qtbot, wizard, W.NextButton)
    assert wizard.currentId() == tw.SHARING
    assert "why consent" in sharing.feedback.text().lower()
    qtbot.keyClicks(sharing.reason, "Asking the family could put Maya at greater risk.")
    press(qtbot, wizard, W.NextButton)

    # Actions, with an owner from the accounts or a typed name, and a due date.
    assert wizard.currentId() == tw.ACTIONS
    actions = wizard.actions_page
    qtbot.keyClicks(actions.description, "Phone the front door")
    qtbot.keyClicks(actions.owner.lineEdit(), "Dana Lead")
    click(qtbot, actions.add_button)
    qtbot.keyClicks(actions.description, "Confirm the referral in writing")
    press(qtbot, wizard, W.NextButton)
    assert "not added it" in actions.feedback.text()
    qtbot.keyClicks(actions.owner.lineEdit(), "Front door duty worker")
    actions.due.setDate(QDate(2026, 9, 15))
    click(qtbot, actions.add_button)
    assert actions.list.count() == 2
    press(qtbot, wizard, W.NextButton)

    assert wizard.currentId() == tw.CHECK
    summary = wizard.check_page.summary.toPlainText()
    assert "significant harm (section 47)" in summary
    assert "Front door duty worker, due 15/09/2026" in summary
    press(qtbot, wizard, W.FinishButton)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert "triage" in announced

    [decision] = decisions_for(dsl, concern_id=concern)
    assert decision.threshold is Threshold.SECTION_47
    assert decision.consent == Consent.NOT_NEEDED.value
    assert decision.consent_reason.startswith("Asking the family")
    assert decision.lawful_basis == LawfulBasis.PUBLIC_TASK.value
    assert (decision.advice_sought, decision.advice_from) == (True, "The LA duty desk")
    assert [(a.description, a.owner, a.due_on) for a in decision.actions] == [
        ("Phone the front door", "Dana Lead", dt.date(2026, 9, 14)),
        ("Confirm the referral in writing", "Front door duty worker", dt.date(2026, 9, 15)),
    ]

    # The record shows the decision at once, and an action can be marked done there.
    record = view.record_view
    assert "significant harm (section 47)" in record.text.toPlainText()
    assert "Asking the family" in record.text.toPlainText()
    assert record.action_list.count() == 2
    record.action_list.setCurrentRow(0)
    click(qtbot, record.done_button)
    done = record.dialog
    assert isinstance(done, CompleteActionDialog)
    qtbot.waitUntil(done.isVisible)
    assert_accessible(done)
    qtbot.keyClicks(done.note, "Spoke to the front door; reference 4471.")
    click(qtbot, done.ok_button)
    qtbot.waitUntil(lambda: not done.isVisible())
    assert [a.description for a in open_actions(dsl)] == ["Confirm the referral in writing"]
    assert record.action_list.count() == 1
    assert "reference 4471" in record.text.toPlainText()


def test_a_refusal_at_finish_brings_back_the_page_to_correct(
    qtbot, view, dsl, concern, clock
) -> None:
    wizard = open_wizard(qtbot, view)
    press(qtbot, wizard, W.NextButton)
    tick(qtbot, wizard.decision_page.buttons[Threshold.MONITOR])
    press(qtbot, wizard, W.NextButton)
    reasons = wizard.reasons_page
    assert reasons.review_on.isEnabled()
    assert reasons.review_on.date() == QDate(2026, 10, 12)  # four weeks on, by default
    reasons.review_on.setDate(QDate(2026, 9, 14))
    qtbot.keyClicks(reasons.rationale, "One worry so far; watching closely.")
    press(qtbot, wizard, W.NextButton)
    assert wizard.currentId() == tw.ACTIONS  # monitoring shares nothing
    press(qtbot, wizard, W.NextButton)
    assert wizard.currentId() == tw.CHECK

    clock.advance(24 * 3600)  # midnight passes before Finish is pressed
    press(qtbot, wizard, W.FinishButton)
    assert wizard.isVisible()
    assert wizard.currentId() == tw.REASONS
    assert "in the past" in reasons.feedback.text()
    assert reasons.rationale.toPlainText() == "One worry so far; watching closely."
    assert decisions_for(dsl, concern_id=concern) == []

    reasons.review_on.setDate(QDate(2026, 9, 29))
    press(qtbot, wizard, W.NextButton)
    press(qtbot, wizard, W.NextButton)
    press(qtbot, wizard, W.FinishButton)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    [decision] = decisions_for(dsl, concern_id=concern)
    assert (decision.threshold, decision.review_on) == (Threshold.MONITOR, dt.date(2026, 9, 29))
    assert decision.consent == "" and decision.lawful_basis == ""


def test_cancelling_after_typing_asks_first(qtbot, view, dsl, concern) -> None:
    wizard = open_wizard(qtbot, view)
    press(qtbot, wizard, W.NextButton)
    tick(qtbot, wizard.decision_page.buttons[Threshold.NO_FURTHER_ACTION])
    press(qtbot, wizard, W.NextButton)
    qtbot.keyClicks(wizard.reasons_page.rationale, "Explained by a known medical condition.")
    press(qtbot, wizard, W.CancelButton)
    box = wizard.leave_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    assert_accessible(box)
    click(qtbot, box.button(QMessageBox.StandardButton.No))
    assert wizard.isVisible()
    assert "medical condition" in wizard.reasons_page.rationale.toPlainText()
    press(qtbot, wizard, W.CancelButton)
    box = wizard.leave_box
    assert box is not None
    qtbot.waitUntil(box.isVisible)
    click(qtbot, box.button(QMessageBox.StandardButton.Yes))
    qtbot.waitUntil(lambda: not wizard.isVisible())
    assert decisions_for(dsl, concern_id=concern) == []


def test_a_half_made_decision_comes_back_after_a_lock(qtbot, view, dsl, bus, concern) -> None:
    wizard = open_wizard(qtbot, view)
    press(qtbot, wizard, W.NextButton)
    tick(qtbot, wizard.decision_page.buttons[Threshold.SECTION_17])
    press(qtbot, wizard, W.NextButton)
    qtbot.keyClicks(wizard.reasons_page.rationale, "The family need support at home.")
    press(qtbot, wizard, W.NextButton)
    wizard.sharing_page.consent.setFocus()
    choose(qtbot, wizard.sharing_page.consent, Consent.GIVEN.value)
    press(qtbot, wizard, W.NextButton)
    qtbot.keyClicks(wizard.actions_page.description, "Send the referral form")
    qtbot.keyClicks(wizard.actions_page.owner.lineEdit(), "Deputy Lead")
    click(qtbot, wizard.actions_page.add_button)

    # The session locks: the section's draft is all that survives (as JSON, encrypted).
    state = json.loads(json.dumps(view.draft_state()))
    view.close()
    again = shown(qtbot, ConcernsView(dsl, bus))
    again.restore_draft(state)
    restored = again.record_view.dialog
    assert isinstance(restored, TriageWizard)
    qtbot.waitUntil(restored.isVisible)
    assert "answers from before the lock" in restored.concern_page.feedback.text()
    for _ in range(5):  # the concern, decision, reasons, sharing and actions pages
        press(qtbot, restored, W.NextButton)
    assert restored.currentId() == tw.CHECK
    press(qtbot, restored, W.FinishButton)
    qtbot.waitUntil(lambda: not restored.isVisible())
    [decision] = decisions_for(dsl, concern_id=concern)
    assert decision.threshold is Threshold.SECTION_17
    assert decision.rationale == "The family need support at home."
    assert decision.consent == Consent.GIVEN.value
    [action] = decision.actions
    assert (action.description, action.owner) == ("Send the referral form", "Deputy Lead")

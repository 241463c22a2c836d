"""Scenario S1 through the screens: a referral to children's social care made on Friday
28 August 2026 from the concern's record, flagged on Wednesday 2 September as "No decision
yet — chase or escalate" (T1, working days), listed by ``wtsc-desktop due``, and cleared
when the decision is recorded from the Dashboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from tests import cli_process as cli
from tests.casework import a_child, a_concern, london
from tests.factory import DSL_PASSWORD, DSL_USER
from tests.ui.accessibility import assert_accessible
from tests.ui.casework_screens import click
from wtsc_desktop.guidance.referral_routes import ReferralRoute
from wtsc_desktop.services.referrals import referrals_for_child
from wtsc_desktop.ui.dialogs import referral_wizard as rw
from wtsc_desktop.ui.dialogs.referral_wizard import DecisionDialog, ReferralWizard
from wtsc_desktop.ui.main_window import MainWindow
from wtsc_desktop.ui.session import SessionFlow
from wtsc_desktop.ui.sign_in import SignInWidget
from wtsc_desktop.ui.views.dashboard import RULE, SOURCE, WHAT, DashboardView

W = QWizard.WizardButton
NO_DECISION = "No decision yet — chase or escalate"


def _sign_in(qtbot, window: MainWindow) -> None:
    screen = window.pages.currentWidget()
    assert isinstance(screen, SignInWidget)
    screen.user_name.clear()
    qtbot.keyClicks(screen.user_name, DSL_USER)
    qtbot.keyClicks(screen.password, DSL_PASSWORD)
    qtbot.keyClick(screen.password, Qt.Key.Key_Return)


def _rows(view: DashboardView) -> list[list[str]]:
    return [
        [section.tree.topLevelItem(i).text(c) for c in range(section.tree.columnCount())]
        for section in view.sections
        for i in range(section.tree.topLevelItemCount())
    ]


def test_s1_referral_is_flagged_listed_and_cleared(qtbot, paths, clock, dsl) -> None:
    clock.current = london(2026, 8, 28, 10)
    child = a_child(dsl, "Zoë", "Brightwater")
    concern = a_concern(dsl, child, observed_at=london(2026, 8, 28, 9))
    window = MainWindow()
    qtbot.addWidget(window)
    flow = SessionFlow(window, paths, clock)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    flow.start()
    _sign_in(qtbot, window)
    space = flow.workspace
    assert space is not None

    # Friday: the referral, through the wizard from the concern's record.
    concerns = space.show_section("Concerns")
    concerns.show_concern(concern)
    record_view = concerns.record_view
    click(qtbot, record_view.refer_button)
    wizard = record_view.dialog
    assert isinstance(wizard, ReferralWizard)
    qtbot.waitUntil(wizard.isVisible)
    assert_accessible(wizard)
    assert wizard.route.currentData() == ReferralRoute.SOCIAL_CARE.value
    # Nothing said about the agency: the message names it, on its own page.
    click(qtbot, wizard.button(W.NextButton))
    assert wizard.currentId() == rw.REFERRAL
    assert "agency" in wizard.pages[rw.REFERRAL].feedback.text()
    qtbot.keyClicks(wizard.agency.box, "Riverside MASH")
    qtbot.keyClicks(wizard.reference, "MASH-2026-0412")
    click(qtbot, wizard.button(W.NextButton))
    assert wizard.currentId() == rw.CONSENT
    wizard.family_aware.setCurrentIndex(1)  # "No": then why not is required
    click(qtbot, wizard.button(W.NextButton))
    assert wizard.currentId() == rw.CONSENT
    assert "why" in wizard.pages[rw.CONSENT].feedback.text().lower()
    qtbot.keyClicks(wizard.consent_reason, "Telling the family could put her at more risk.")
    qtbot.keyClicks(wizard.child_views, "She wants to feel safe at home.")
    click(qtbot, wizard.button(W.NextButton))
    assert wizard.currentId() == rw.FURTHER
    qtbot.keyClicks(wizard.done_already, "Spoke with her; body map recorded.")
    click(qtbot, wizard.button(W.FinishButton))
    qtbot.waitUntil(lambda: not wizard.isVisible())
    [made] = referrals_for_child(dsl, child_id=child)
    assert made.agency == "Riverside MASH" and made.concern_id == concern
    assert made.consent_reason.startswith("Telling the family")

    # Still Friday: the Dashboard expects the decision on Tuesday (Monday is a bank holiday).
    board = space.show_section("Dashboard")
    assert isinstance(board, DashboardView)
    board.refresh()
    [row] = [r for r in _rows(board) if r[RULE] == "T1"]
    assert row[WHAT] == "Decision expected by 01/09/2026"

    # Wednesday: no decision came back within T1 (one working day).
    clock.current = london(2026, 9, 2, 9)
    board = space.show_section("Dashboard")
    assert isinstance(board, DashboardView)
    board.refresh()
    [row] = [r for r in _rows(board) if r[WHAT] == NO_DECISION]
    assert row[RULE] == "T1"
    assert "working days" in " ".join(row)
    assert row[SOURCE]
    assert_accessible(board)

    # The morning list says the same, run on the same data with the app locked.
    flow.lock()
    done = cli.run(
        [
            "due",
            "--data-dir",
            str(paths.root),
            "--user",
            DSL_USER,
            "--password-stdin",
            "--as-of",
            "2026-09-02",
        ],
        DSL_PASSWORD,
    )
    assert done.code == 0, done.stderr
    assert any(NO_DECISION in line and " T1 " in line for line in done.lines())

    # Back in: the decision is recorded from the Dashboard item, and it is gone.
    _sign_in(qtbot, window)
    space = flow.workspace
    assert space is not None
    board = space.show_section("Dashboard")
    assert isinstance(board, DashboardView)
    board.refresh()
    section, index = next(
        (s, i)
        for s in board.sections
        for i, item in enumerate(s.items)
        if item.title == NO_DECISION
    )
    section.tree.setFocus()
    section.tree.setCurrentItem(section.tree.topLevelItem(index))
    qtbot.keyClick(section.tree, Qt.Key.Key_Return)
    dialog = board.dialog
    assert isinstance(dialog, DecisionDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert_accessible(dialog)
    qtbot.keyClicks(dialog.decision, "Accepted for a child-in-need assessment.")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert not [r for r in _rows(board) if r[WHAT] == NO_DECISION]
    [made] = referrals_for_child(dsl, child_id=child)
    assert made.decision_at is not None

"""The Dashboard, driven through the real widgets: urgent concerns first, an overdue
action in red, dates and rule ids on every line, opening an item, marking an action done,
and the reminders and "who to call" it shares with Home."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from tests.casework import a_child, a_concern, london
from tests.ui.accessibility import assert_accessible
from tests.ui.casework_screens import click, person, shown
from wtsc_desktop.guidance.categories import Threshold
from wtsc_desktop.guidance.referral_routes import EscalationReason, ReferralMethod, ReferralRoute
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.services.referrals import NewReferral, get_referral, make_referral
from wtsc_desktop.services.triage import ActionInput, TriageInput, open_actions, record_decision
from wtsc_desktop.ui.dialogs.complete_action import CompleteActionDialog
from wtsc_desktop.ui.dialogs.referral_steps import ConfirmationDialog, EscalationDialog
from wtsc_desktop.ui.views.concerns import RECORD, ConcernsView
from wtsc_desktop.ui.views.dashboard import RULE, DashboardSection, DashboardView
from wtsc_desktop.ui.views.home import HomeView
from wtsc_desktop.ui.workspace import Workspace


@pytest.fixture
def casework(dsl, paths, clock) -> dict[str, int]:
    """A concern triaged a week ago with an action now overdue, then a new concern and a
    later urgent one, from two different staff (a pattern for Zoë)."""
    clock.current = london(2026, 9, 1, 9)
    teacher = person(paths, clock, Role.REPORTER)
    zoe = a_child(dsl)
    triaged = a_concern(teacher, zoe, observed_at=london(2026, 9, 1, 8))
    record_decision(
        dsl,
        concern_id=triaged,
        decision=TriageInput(
            Threshold.MONITOR,
            "Watch for a fortnight.",
            review_on=dt.date(2026, 9, 10),
            actions=(ActionInput("Call the family", dt.date(2026, 9, 3), owner_name="Dana Lead"),),
        ),
    )
    clock.current = london(2026, 9, 8, 9)
    new = a_concern(dsl, zoe, observed_at=london(2026, 9, 8, 8))
    clock.advance(600)
    urgent = a_concern(teacher, zoe, observed_at=london(2026, 9, 8, 9), urgent=True)
    teacher.lock()
    return {"child": zoe, "triaged": triaged, "new": new, "urgent": urgent}


def lines(section: DashboardSection) -> list[list[str]]:
    tree = section.tree
    return [
        [tree.topLevelItem(r).text(c) for c in range(tree.columnCount())]
        for r in range(tree.topLevelItemCount())
    ]


def choose(qtbot, section: DashboardSection, row: int) -> None:
    """Click a line, as a person would."""
    tree = section.tree
    place = tree.visualItemRect(tree.topLevelItem(row)).center()
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=place)
    assert tree.topLevelItem(row).isSelected()


def test_urgent_first_and_overdue_in_red(qtbot, dsl, bus, casework) -> None:
    view = shown(qtbot, DashboardView(dsl, bus), 1366, 768)
    assert_accessible(view)
    assert "Tuesday 08/09/2026" in view.as_of.text()

    urgent = lines(view.urgent)
    assert [u[1] for u in urgent] == [
        "Urgent: concern about Zoë Brightwater",
        "New: concern about Zoë Brightwater",
    ]
    assert urgent[0][0] == "Arrived 08/09/2026" and urgent[0][3] == "D2"
    assert view.urgent.tree.topLevelItem(0).font(1).bold()

    [overdue] = lines(view.overdue)
    assert overdue[:3] == ["Due 03/09/2026", "Call the family", "owner: Dana Lead"]
    colour = view.overdue.tree.topLevelItem(0).foreground(1).color()
    assert colour.red() > 150 and colour.green() < 100 and colour.blue() < 100
    assert view.overdue.heading.text() == "Overdue (1)"
    assert view.overdue.heading.objectName() == "urgent"  # styled red by the theme

    [review] = lines(view.this_week)
    assert review[0] == "Review by 10/09/2026" and review[3] == "D2"
    this_week_colour = view.this_week.tree.topLevelItem(0).foreground(1).color()
    assert this_week_colour != colour

    [pattern] = lines(view.patterns)
    assert pattern[1] == "Pattern: Zoë Brightwater" and pattern[0] == "Latest 08/09/2026"

    # A pattern opens the child's file (the Children section listens for this).
    choose(qtbot, view.patterns, 0)
    with qtbot.waitSignal(view.open_child, timeout=1000) as asked:
        qtbot.keyClick(view.patterns.tree, Qt.Key.Key_Return)
    assert asked.args == [casework["child"]]

    # Reminders and who to call, as on Home.
    assert "999" in view.contacts_box.contacts.text()
    assert view.todo.text()


def test_open_items_and_mark_an_action_done(qtbot, dsl, bus, announced, casework) -> None:
    space = shown(qtbot, Workspace(dsl, bus), 1366, 768)
    assert space.titles()[0] == "Dashboard"
    assert "Home" not in space.titles()
    view = space.stack.currentWidget()
    assert isinstance(view, DashboardView)

    # One item is chosen across the lists; the buttons follow it.
    choose(qtbot, view.overdue, 0)
    assert view.done_button.isEnabled() and view.open_button.isEnabled()
    choose(qtbot, view.patterns, 0)
    assert not view.overdue.tree.selectedItems()
    assert not view.done_button.isEnabled()
    choose(qtbot, view.overdue, 0)
    click(qtbot, view.done_button)
    dialog = view.dialog
    assert isinstance(dialog, CompleteActionDialog)
    qtbot.waitUntil(dialog.isVisible)
    assert_accessible(dialog)
    qtbot.keyClicks(dialog.note, "Spoke to mum; she agreed to the referral.")
    click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert "triage" in announced
    assert open_actions(dsl) == []
    assert lines(view.overdue) == []
    assert view.overdue.empty.isVisible() and not view.overdue.tree.isVisible()

    # Enter on the urgent concern opens its record in the Concerns section.
    choose(qtbot, view.urgent, 0)
    qtbot.keyClick(view.urgent.tree, Qt.Key.Key_Return)
    concerns = space.stack.currentWidget()
    assert isinstance(concerns, ConcernsView)
    assert concerns.pages.currentIndex() == RECORD
    assert concerns.record_view.concern_id == casework["urgent"]


def test_home_is_for_roles_without_the_dashboard(qtbot, paths, clock, bus) -> None:
    teacher = person(paths, clock, Role.REPORTER)
    try:
        space = shown(qtbot, Workspace(teacher, bus))
        assert space.titles()[0] == "Home"
        assert "Dashboard" not in space.titles()
        home = space.stack.currentWidget()
        assert isinstance(home, HomeView)
        assert "999" in home.contacts_box.contacts.text()
        assert "Nothing needs doing" in home.todo.text()
        assert_accessible(home)
    finally:
        teacher.lock()


def test_a_phone_referral_item_opens_its_confirmation_and_a_late_one_escalates(
    qtbot, dsl, clock, bus
) -> None:
    clock.current = london(2026, 8, 28, 10)
    child = a_child(dsl, "Ayşe", "Demir")
    referral = make_referral(
        dsl,
        referral=NewReferral(
            child_id=child,
            route=ReferralRoute.SOCIAL_CARE,
            made_at=london(2026, 8, 28, 9, 30),
            method=ReferralMethod.PHONE,
            agency="Riverside MASH",
            family_aware=True,
            family_consents=True,
        ),
    )
    clock.current = london(2026, 9, 2, 9)  # both T1 and T14 have passed
    view = DashboardView(dsl, bus)
    shown(qtbot, view)
    view.refresh()
    rows = lines(view.overdue)
    t14 = next(i for i, row in enumerate(rows) if row[RULE] == "T14")
    t1 = next(i for i, row in enumerate(rows) if row[RULE] == "T1")

    choose(qtbot, view.overdue, t14)
    assert not view.escalate_button.isEnabled()  # T14 is the setting's own duty
    click(qtbot, view.open_button)
    assert isinstance(view.dialog, ConfirmationDialog)
    assert view.dialog.referral_id == referral
    view.dialog.reject()

    choose(qtbot, view.overdue, t1)
    assert view.escalate_button.isEnabled()
    click(qtbot, view.escalate_button)
    form = view.dialog
    assert isinstance(form, EscalationDialog)
    assert_accessible(form)
    assert form.reason.currentData() == EscalationReason.NO_REPLY.value
    qtbot.keyClicks(form.step, "Phoned the duty team manager")
    click(qtbot, form.ok_button)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert "escalation step is recorded" in view.feedback.text()
    [step] = get_referral(dsl, referral_id=referral).escalations
    assert step.step == "Phoned the duty team manager"

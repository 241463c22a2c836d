"""The Inbox and its badge, driven through the real widgets inside a workspace: the count
follows every change, urgent concerns come first, Acknowledge clears, Open shows the
record."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.casework import a_child, a_concern, london
from tests.ui.accessibility import assert_accessible
from tests.ui.casework_screens import click, person, shown
from wtsc_desktop.services.concerns import add_addendum
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.ui.views.concerns import RECORD, ConcernsView
from wtsc_desktop.ui.views.inbox import InboxView
from wtsc_desktop.ui.workspace import Workspace


@pytest.fixture
def teacher(paths, clock):
    signed = person(paths, clock, Role.REPORTER)
    yield signed
    signed.lock()


def entry(space: Workspace, view_type: type) -> str:
    row = next(i for i, v in enumerate(space.views) if isinstance(v, view_type))
    return space.navigation.item(row).text()


def rows(view: InboxView) -> list[list[str]]:
    tree = view.tree
    return [
        [tree.topLevelItem(r).text(c) for c in range(tree.columnCount())]
        for r in range(tree.topLevelItemCount())
    ]


def test_the_badge_counts_and_clears(qtbot, dsl, teacher, bus, clock) -> None:
    clock.current = london(2026, 9, 8, 9)
    space = shown(qtbot, Workspace(dsl, bus), 1366, 768)
    assert entry(space, InboxView) == "Inbox"
    inbox = space.show_section("Inbox")
    assert isinstance(inbox, InboxView)
    assert "Nothing waiting" in inbox.count_label.text()

    child = a_child(dsl)
    first = a_concern(teacher, child, observed_at=london(2026, 9, 8, 8))
    clock.advance(300)
    urgent = a_concern(teacher, child, observed_at=london(2026, 9, 8, 9), urgent=True)
    bus.announce("concerns")  # as the concern wizard does after each submission
    assert entry(space, InboxView) == "Inbox (2)"
    shown_rows = rows(inbox)
    assert [r[0] for r in shown_rows] == ["Urgent concern", "New concern"]  # urgent first
    assert [r[2] for r in shown_rows] == [str(urgent), str(first)]
    assert shown_rows[0][1] == "08/09/2026 09:05"
    assert inbox.tree.topLevelItem(0).font(0).bold()
    assert_accessible(inbox)

    inbox.tree.setFocus()
    inbox.tree.setCurrentItem(inbox.tree.topLevelItem(0))
    click(qtbot, inbox.acknowledge_button)
    assert entry(space, InboxView) == "Inbox (1)"
    assert "Acknowledged the concern" in inbox.feedback.text()
    assert [r[2] for r in rows(inbox)] == [str(first)]
    assert inbox.selected() is not None  # the next one is ready to read

    add_addendum(teacher, concern_id=urgent, text="She came back to tell me more.")
    bus.announce("concerns")
    assert entry(space, InboxView) == "Inbox (2)"
    # An addendum to an urgent concern is urgent too.
    assert [r[0] for r in rows(inbox)] == ["New addendum", "New concern"]

    # Open (Enter) brings the Concerns section forward with that record.
    inbox.tree.setFocus()
    inbox.tree.setCurrentItem(inbox.tree.topLevelItem(0))
    qtbot.keyClick(inbox.tree, Qt.Key.Key_Return)
    concerns = space.stack.currentWidget()
    assert isinstance(concerns, ConcernsView)
    assert concerns.pages.currentIndex() == RECORD
    assert concerns.record_view.concern_id == urgent
    assert "She came back to tell me more." in concerns.record_view.text.toPlainText()

    inbox = space.show_section("Inbox")  # found by its title, whatever the badge says
    for _ in range(2):
        inbox.tree.setCurrentItem(inbox.tree.topLevelItem(0))
        click(qtbot, inbox.acknowledge_button)
    assert entry(space, InboxView) == "Inbox"
    assert rows(inbox) == []
    assert not inbox.acknowledge_button.isEnabled()


def test_a_deputy_has_the_inbox_and_a_staff_reporter_does_not(
    qtbot, paths, clock, bus, teacher
) -> None:
    deputy = person(paths, clock, Role.DEPUTY)
    try:
        titles = shown(qtbot, Workspace(deputy, bus)).titles()
        assert titles[:2] == ["Dashboard", "Inbox"]
        assert titles.index("Concerns") > titles.index("Inbox")
    finally:
        deputy.lock()
    space = shown(qtbot, Workspace(teacher, bus))
    assert "Inbox" not in space.titles()

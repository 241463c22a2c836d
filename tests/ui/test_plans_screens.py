"""Plans and meetings through the screens, from the child's file: a strategy discussion
shows the initial conference due by T3 with its rule and source (S2), an initial
conference and a plan show the first core group (T4) and the first review (T5a) (S3),
the plan ends, a bad date is shown and kept, and a staff member sees no button."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from tests.casework import a_child, london
from tests.ui.accessibility import assert_accessible
from tests.ui.casework_screens import click, shown
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.services.chronology import chronology
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.services.plans import MeetingKind, meetings_for_child, plans_for_child
from wtsc_desktop.ui.dialogs.meeting_dialog import EndPlanDialog, MeetingDialog, StartPlanDialog
from wtsc_desktop.ui.dialogs.plans_dialog import NOTHING_DUE, PlansDialog
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.views.child_file import ChildFileView


def _file(qtbot: QtBot, signed: SignedIn, bus: DataBus, child: int) -> ChildFileView:
    view = ChildFileView(signed, bus)
    shown(qtbot, view, 1366, 768)
    assert view.show_child(child)
    return view


def _plans(qtbot: QtBot, view: ChildFileView) -> PlansDialog:
    click(qtbot, view.plans_button)
    dialog = view.dialog
    assert isinstance(dialog, PlansDialog)
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _type(qtbot: QtBot, box: object, text: str) -> None:
    box.clear()  # type: ignore[attr-defined]
    qtbot.keyClicks(box, text)


def _meeting_form(qtbot: QtBot, dialog: PlansDialog, kind: MeetingKind, day: str) -> MeetingDialog:
    click(qtbot, dialog.meeting_button)
    form = dialog.form
    assert isinstance(form, MeetingDialog)
    qtbot.waitUntil(form.isVisible)
    form.kind.setCurrentIndex(form.kind.findData(kind.value))
    _type(qtbot, form.held_on, day)
    qtbot.keyClicks(form.attendee, "Invented Deputy Lead")
    return form


def test_a_strategy_discussion_shows_the_conference_due_by_t3(
    qtbot: QtBot, dsl: SignedIn, bus: DataBus, announced: list[str]
) -> None:
    child = a_child(dsl, "Zoë", "Brightwater")  # the clock says Wednesday 2 September 2026
    view = _file(qtbot, dsl, bus, child)
    dialog = _plans(qtbot, view)
    assert_accessible(dialog)
    assert dialog.due_lines == []
    assert not dialog.end_button.isEnabled()

    form = _meeting_form(qtbot, dialog, MeetingKind.STRATEGY, "02/09/2026")
    assert form.s47.isVisible()
    _type(qtbot, form.report_on, "01/09/2026")
    assert_accessible(form)
    click(qtbot, form.ok_button)
    qtbot.waitUntil(lambda: not form.isVisible())

    assert dialog.due_lines == ["Initial conference expected by 23/09/2026 — T3, 15 working days"]
    [clock_label] = [
        w
        for w in (dialog.clocks_box.itemAt(i).widget() for i in range(dialog.clocks_box.count()))
        if w is not None
    ]
    assert "from the strategy discussion" in clock_label.text()
    assert "Working Together to Safeguard Children" in clock_label.text()
    assert "expected by" in clock_label.text()
    row = [dialog.meeting_table.item(0, c).text() for c in range(5)]
    assert row[:4] == [
        "Strategy discussion (section 47 enquiries started)",
        "02/09/2026",
        "Attended by Invented Deputy Lead",
        "01/09/2026",
    ]
    assert dialog.feedback.text() == "The meeting is recorded."
    assert "referrals" in announced

    click(qtbot, dialog.close_button)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    titles = [e.title for e in chronology(dsl, child_id=child).entries]
    assert "Strategy discussion" in titles
    table = view.chronology.table
    shown_titles = [
        str(table.model().index(r, c).data())
        for r in range(table.model().rowCount())
        for c in range(table.model().columnCount())
    ]
    assert "Strategy discussion" in shown_titles


def test_a_conference_and_a_plan_show_t4_and_t5a_and_the_plan_ends(
    qtbot: QtBot, dsl: SignedIn, clock: FixedClock, bus: DataBus, announced: list[str]
) -> None:
    clock.current = london(2026, 9, 23, 15)
    child = a_child(dsl, "Siobhán", "Okafor")
    view = _file(qtbot, dsl, bus, child)
    dialog = _plans(qtbot, view)

    form = _meeting_form(qtbot, dialog, MeetingKind.INITIAL_CONFERENCE, "23/09/2026")
    assert not form.s47.isVisible()
    click(qtbot, form.ok_button)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert dialog.due_lines == []  # no plan yet: nothing for the core group or review

    click(qtbot, dialog.start_button)
    start = dialog.form
    assert isinstance(start, StartPlanDialog)
    qtbot.waitUntil(start.isVisible)
    assert_accessible(start)
    assert start.started_on.text() == "23/09/2026"
    click(qtbot, start.ok_button)
    qtbot.waitUntil(lambda: not start.isVisible())

    assert dialog.due_lines == [
        "First core group expected by 07/10/2026 — T4, 10 working days",
        "Review conference expected by 23/12/2026 — T5a, 3 months",
    ]
    assert [dialog.plan_table.item(0, c).text() for c in range(3)] == ["23/09/2026", "", "Active"]
    assert "children" in announced  # the file's flags are read again
    assert "Child protection plan" in view.flags_shown()
    assert dialog.end_button.isEnabled() and not dialog.start_button.isEnabled()

    click(qtbot, dialog.end_button)
    end = dialog.form
    assert isinstance(end, EndPlanDialog)
    qtbot.waitUntil(end.isVisible)
    assert_accessible(end)
    _type(qtbot, end.ended_on, "24/09/2026")  # tomorrow: refused, kept
    qtbot.keyClicks(end.reason, "Invented: stepped down to a child in need plan.")
    click(qtbot, end.ok_button)
    assert end.isVisible() and "future" in end.feedback.text()
    assert end.ended_on.text() == "24/09/2026"
    assert end.reason.toPlainText() == "Invented: stepped down to a child in need plan."
    _type(qtbot, end.ended_on, "23/09/2026")
    click(qtbot, end.ok_button)
    qtbot.waitUntil(lambda: not end.isVisible())

    [plan] = plans_for_child(dsl, child_id=child)
    assert plan.ended_on == dt.date(2026, 9, 23)
    assert [dialog.plan_table.item(0, c).text() for c in range(4)] == [
        "23/09/2026",
        "23/09/2026",
        "Ended",
        "Invented: stepped down to a child in need plan.",
    ]
    assert dialog.due_lines == []
    labels = [
        w.text()
        for w in (dialog.clocks_box.itemAt(i).widget() for i in range(dialog.clocks_box.count()))
        if w is not None
    ]
    assert labels == [NOTHING_DUE]
    assert "Child protection plan" not in view.flags_shown()
    assert dialog.start_button.isEnabled() and not dialog.end_button.isEnabled()


def test_a_bad_date_is_shown_and_what_was_typed_is_kept(
    qtbot: QtBot, dsl: SignedIn, bus: DataBus, announced: list[str]
) -> None:
    child = a_child(dsl)
    dialog = _plans(qtbot, _file(qtbot, dsl, bus, child))
    form = _meeting_form(qtbot, dialog, MeetingKind.CORE_GROUP, "31/02/2026")
    qtbot.keyClicks(form.note, "Invented: agreed the safety plan.")
    click(qtbot, form.ok_button)

    assert form.isVisible()
    assert form.feedback.isVisible() and "not a date on the calendar" in form.feedback.text()
    assert form.held_on.text() == "31/02/2026" and form.focusWidget() is form.held_on
    assert form.attendee.text() == "Invented Deputy Lead"
    assert form.note.toPlainText() == "Invented: agreed the safety plan."
    assert meetings_for_child(dsl, child_id=child) == [] and announced == []

    # Nobody attended: the reason is asked for, on the form.
    form.attended.setCurrentIndex(form.attended.findData("no"))
    assert not form.attendee.isVisible() and form.absence_reason.isVisible()
    _type(qtbot, form.held_on, "01/09/2026")
    click(qtbot, form.ok_button)
    assert form.isVisible() and "why nobody" in form.feedback.text().lower()
    qtbot.keyClicks(form.absence_reason, "Invited too late to attend.")
    click(qtbot, form.ok_button)
    qtbot.waitUntil(lambda: not form.isVisible())
    assert dialog.meeting_table.item(0, 2).text() == "Not attended: Invited too late to attend."


def test_staff_see_no_plans_or_transfers_buttons(
    qtbot: QtBot, dsl: SignedIn, bus: DataBus, signed_in_as: Callable[[Role], SignedIn]
) -> None:
    child = a_child(dsl)
    for role in (Role.REPORTER, Role.REVIEWER):
        view = ChildFileView(signed_in_as(role), bus)
        shown(qtbot, view)
        texts = [b.text() for b in view.findChildren(QPushButton)]
        assert not [t for t in texts if "meetin" in t or "trans" in t], texts
    deputy = _file(qtbot, signed_in_as(Role.DEPUTY), bus, child)
    assert deputy.plans_button.isVisible() and deputy.transfers_button.isVisible()

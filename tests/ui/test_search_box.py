"""The toolbar's search box: typing searches after a pause, Enter at once, the results are
reached and opened with the keyboard, late answers are dropped, and each role sees its
own box.
"""

from __future__ import annotations

from typing import Any, ClassVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QStackedWidget, QWidget
from shiboken6 import isValid

from tests.casework import a_child, a_concern, london
from tests.ui.accessibility import assert_accessible
from wtsc_desktop.errors import WtscError
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.services.search import search
from wtsc_desktop.ui import workspace as workspace_module
from wtsc_desktop.ui.background import SyncRunner
from wtsc_desktop.ui.toolbar import toolbar_items
from wtsc_desktop.ui.views.base import View
from wtsc_desktop.ui.widgets.search_box import (
    PAUSE_MS,
    SearchBox,
    open_in_workspace,
    worth_searching,
)
from wtsc_desktop.ui.workspace import Workspace


@pytest.fixture
def records(dsl, clock) -> dict[str, int]:
    clock.current = london(2026, 9, 14, 16)
    zoe = a_child(dsl, "Zoë", "Brightwater")
    lucja = a_child(dsl, "Łucja", "Nowak")
    concern = a_concern(dsl, zoe, observed_at=london(2026, 9, 14, 9))
    return {"zoe": zoe, "lucja": lucja, "concern": concern}


def a_box(qtbot, signed, **kwargs: Any) -> SearchBox:
    """The box at the top of a window, as in the toolbar (the results lie over the window)."""
    window = QWidget()
    window.resize(1000, 600)
    qtbot.addWidget(window)
    box = SearchBox(signed, runner=kwargs.pop("runner", SyncRunner()), parent=window, **kwargs)
    box.move(10, 10)
    box.host = window  # keeps the window alive as long as the test holds the box
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    box.setFocus()
    return box


def test_typing_searches_after_a_pause_and_enter_at_once(qtbot, dsl, records) -> None:
    box = a_box(qtbot, dsl)
    qtbot.keyClicks(box, "Z")
    qtbot.wait(PAUSE_MS + 100)
    assert box.searches == 0  # one letter waits for Enter
    qtbot.keyClicks(box, "oe")
    assert box.searches == 0  # not on every key: after the pause
    qtbot.waitUntil(lambda: box.popup.isVisible())
    assert box.searches == 1
    assert box.popup.records()[0] == ("child", records["zoe"])
    assert ("concern", records["concern"]) in box.popup.records()
    assert "found" in box.popup.status.text()

    box.popup.close_to_box()
    box.clear()
    qtbot.keyClicks(box, "N")
    qtbot.keyClick(box, Qt.Key.Key_Return)
    assert box.searches == 2
    assert box.popup.records() == [("child", records["lucja"])]  # Łucja Nowak


def test_the_results_are_reached_and_opened_with_the_keyboard(qtbot, dsl, records) -> None:
    opened: list[tuple[str, int]] = []
    box = a_box(qtbot, dsl, opener=lambda kind, ref: opened.append((kind, ref)) is None)
    box.setText("zoe")
    box.search_now()
    popup = box.popup
    assert popup.isVisible()
    assert QApplication.focusWidget() is box  # results never take the cursor by themselves
    qtbot.keyClick(box, Qt.Key.Key_Down)
    assert QApplication.focusWidget() is popup.list
    assert popup.list.currentRow() == 0
    assert popup.list.item(0).isSelected()
    qtbot.keyClick(popup.list, Qt.Key.Key_Down)
    assert popup.list.currentRow() == 1
    with qtbot.waitSignal(box.open_record) as signal:
        qtbot.keyClick(popup.list, Qt.Key.Key_Return)
    assert signal.args == ["concern", records["concern"]]
    assert opened == [("concern", records["concern"])]
    assert not popup.isVisible()


def test_typing_in_the_results_carries_on_in_the_box(qtbot, dsl, records) -> None:
    box = a_box(qtbot, dsl)
    box.setText("zo")
    box.search_now()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClicks(box.popup.list, "e")  # typed in the results: goes on in the box
    assert box.text() == "zoe"
    assert QApplication.focusWidget() is box
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box.popup.list, Qt.Key.Key_Up)  # up from the first: back to the box
    assert QApplication.focusWidget() is box
    assert box.popup.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box.popup.list, Qt.Key.Key_Escape)
    assert not box.popup.isVisible()
    assert QApplication.focusWidget() is box
    assert box.text() == "zoe"


def test_nothing_found_says_so_and_keeps_what_was_typed(qtbot, dsl, records) -> None:
    box = a_box(qtbot, dsl)
    box.setText("xylophone")
    box.search_now()
    assert box.popup.records() == []
    assert "Nothing found for “xylophone”" in box.popup.status.text()
    assert box.text() == "xylophone"


def test_too_much_text_is_explained_and_kept(qtbot, dsl, records) -> None:
    box = a_box(qtbot, dsl)
    long = "zoe " * 60
    box.setText(long)
    box.search_now()
    assert "a few words at a time" in box.popup.status.text()
    assert box.text() == long


def test_a_staff_reporter_searches_only_their_own_concerns(
    qtbot, dsl, records, signed_in_as, clock
) -> None:
    teacher = signed_in_as(Role.REPORTER)
    own = a_concern(teacher, records["zoe"], observed_at=london(2026, 9, 14, 11))
    box = a_box(qtbot, teacher)
    assert box.placeholderText() == "Search your concerns (Ctrl+F)"
    box.setText("zoe")
    box.search_now()
    assert box.popup.records() == [("concern", own)]


class HeldRunner:
    """Keeps each job until the test lets it finish, in any order."""

    def __init__(self) -> None:
        self.jobs: list[tuple[Any, Any, Any]] = []

    def run(self, job, on_done, on_error, *, label: str, parent: QWidget | None = None) -> None:
        self.jobs.append((job, on_done, on_error))

    def finish(self, index: int) -> None:
        job, on_done, on_error = self.jobs[index]
        try:
            result = job()
        except WtscError as exc:
            on_error(exc)
        else:
            on_done(result)


def test_a_late_answer_to_an_older_search_is_dropped(qtbot, dsl, records) -> None:
    runner = HeldRunner()
    box = a_box(qtbot, dsl, runner=runner)
    box.setText("zoe")
    box.search_now()
    box.setText("lucja")
    box.search_now()
    runner.finish(1)
    runner.finish(0)  # the older search answers last
    assert box.popup.records() == [("child", records["lucja"])]


def test_a_search_answered_after_the_lock_shows_nothing(qtbot, dsl, records) -> None:
    runner = HeldRunner()
    box = a_box(qtbot, dsl, runner=runner)
    box.setText("zoe")
    box.search_now()
    dsl.lock()
    runner.finish(0)
    assert not box.popup.isVisible()


def test_the_box_and_its_results_are_accessible(qtbot, dsl, records) -> None:
    box = a_box(qtbot, dsl)
    assert_accessible(box.window())
    box.setText("zoe")
    box.search_now()
    assert_accessible(box.popup)
    first = box.popup.list.item(0)
    spoken = first.data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Child · Zoë Brightwater · Year 9")


@pytest.mark.parametrize("role", list(Role))
def test_every_role_has_the_search_box_in_the_toolbar(qtbot, signed_in_as, bus, role) -> None:
    signed = signed_in_as(role)
    window = QWidget()
    qtbot.addWidget(window)
    boxes = [w for w in toolbar_items(signed, bus, window) if isinstance(w, SearchBox)]
    assert len(boxes) == 1
    assert boxes[0].accessibleName() == "Search"


class ShowsConcerns(View):
    title = "Concerns"
    shown: ClassVar[list[int]] = []

    def show_concern(self, concern_id: int) -> None:
        self.shown.append(concern_id)


class Elsewhere(View):
    title = "Home"


def test_a_result_opens_in_the_section_that_shows_its_kind(
    qtbot, dsl, bus, monkeypatch, records
) -> None:
    monkeypatch.setattr(workspace_module, "section_classes", lambda: [Elsewhere, ShowsConcerns])
    window = QWidget()
    window.pages = QStackedWidget(window)  # as MainWindow keeps its pages
    qtbot.addWidget(window)
    space = Workspace(dsl, bus)
    window.pages.addWidget(space)
    ShowsConcerns.shown.clear()

    assert open_in_workspace(window, "concern", records["concern"]) is True
    assert ShowsConcerns.shown == [records["concern"]]
    assert space.stack.currentWidget() is space.views[1]
    assert open_in_workspace(window, "child", records["zoe"]) is False


def test_a_record_that_cannot_be_opened_here_says_so(qtbot, dsl, records) -> None:
    box = a_box(qtbot, dsl, opener=lambda kind, ref: False)
    box.setText("zoe")
    box.search_now()
    qtbot.keyClick(box, Qt.Key.Key_Down)
    qtbot.keyClick(box.popup.list, Qt.Key.Key_Return)
    assert "cannot be opened from here yet" in box.popup.status.text()


@pytest.mark.parametrize(
    ("typed", "worth"), [("", False), ("z", False), (" z ", False), ("zo", True), ("李", True)]
)
def test_what_is_worth_searching_while_typing(typed, worth) -> None:
    assert worth_searching(typed) is worth


def test_the_service_and_the_box_agree(qtbot, dsl, records) -> None:
    box = a_box(qtbot, dsl)
    box.setText("zoe")
    box.search_now()
    expected = [(r.kind, r.id) for r in search(dsl, text="zoe", limit=20).results]
    assert box.popup.records() == expected


def test_escape_clears_the_box_and_the_results_go_with_it(qtbot, dsl, records) -> None:
    box = a_box(qtbot, dsl)
    box.setText("zoe")
    box.search_now()
    popup = box.popup
    assert popup.isVisible()
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    assert box.text() == ""
    assert not popup.isVisible()

    box.search_now()
    box.setText("zoe")
    box.search_now()
    box.hide()  # the toolbar hides at lock: no result may stay on screen
    assert not popup.isVisible()
    with qtbot.waitSignal(popup.destroyed):
        box.deleteLater()
    assert not isValid(popup)

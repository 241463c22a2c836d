"""A whole concern logged with the keyboard alone: every key goes to whatever has the
focus, Tab moves between controls, Space presses buttons and ticks boxes, and the body-map
mark is placed with the arrow keys and Enter. No mouse event reaches the app (counted).
Every control of the wizard, its buttons included, has an accessible name.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QWidget

from tests.casework import a_child, london
from tests.ui.accessibility import assert_accessible
from tests.ui.concern_driver import W, open_wizard, type_text
from wtsc_desktop.guidance.categories import Part
from wtsc_desktop.services.concerns import attachment_data, get_concern
from wtsc_desktop.services.drafts import my_drafts
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.ui.dialogs import concern_wizard as cw
from wtsc_desktop.ui.widgets.body_map import STEP

KEY = Qt.Key
BUTTON_NAMES = {
    W.BackButton: "Back",
    W.NextButton: "Next",
    W.CommitButton: "Submit the concern",
    W.FinishButton: "Close",
    W.CancelButton: "Save draft and close",
    W.HelpButton: "Help",
}


class MouseCounter(QObject):
    """Counts every mouse press, release and double click the app receives."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
        ):
            self.count += 1
        return False


@pytest.fixture
def no_mouse():
    counter = MouseCounter()
    app = QApplication.instance()
    app.installEventFilter(counter)
    yield counter
    app.removeEventFilter(counter)


class Keyboard:
    def __init__(self, qtbot) -> None:
        self.qtbot = qtbot

    @staticmethod
    def focus() -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def press(self, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(self.focus(), key, modifier)

    def type(self, text: str) -> None:
        type_text(self.qtbot, self.focus(), text)

    def tab_to(self, target: QWidget, limit: int = 80) -> None:
        """Press Tab until ``target`` has the focus, as a person would."""
        for _ in range(limit):
            if self.focus() is target:
                return
            self.press(KEY.Key_Tab)
        raise AssertionError(f"Tab never reached {target.accessibleName()!r}")

    def push(self, button: QWidget) -> None:
        self.tab_to(button)
        self.press(KEY.Key_Space)


def test_a_whole_concern_with_the_keyboard_alone(
    qtbot, dsl, signed_in_as, tmp_path: Path, no_mouse
) -> None:
    child = a_child(dsl)
    reporter = signed_in_as(Role.REPORTER)
    photo_note = tmp_path / "class log.txt"
    photo_note.write_bytes(b"Thursday: came in without breakfast again.\n")
    wizard = open_wizard(qtbot, reporter)
    keys = Keyboard(qtbot)
    for which, name in BUTTON_NAMES.items():
        assert wizard.button(which).accessibleName() == name
    assert_accessible(wizard)

    def next_page(expected: int) -> None:
        keys.push(wizard.button(W.NextButton))
        assert wizard.currentId() == expected
        assert_accessible(wizard)

    # Immediate danger: no. Tab reaches the pair of answers, Down moves to "No".
    keys.tab_to(wizard.danger_page.yes)
    keys.press(KEY.Key_Down)
    assert keys.focus() is wizard.danger_page.no
    if not wizard.danger_page.no.isChecked():
        keys.press(KEY.Key_Space)
    assert wizard.danger_page.immediate_danger() is False
    next_page(cw.WHO)

    # The child, found by typing; Down to the list, Enter to add.
    picker = wizard.who_page.picker
    keys.tab_to(picker.search)
    keys.type("Zo")
    keys.press(KEY.Key_Down)
    assert keys.focus() is picker.results
    keys.press(KEY.Key_Return)
    assert [r.child_id for r in picker.rows] == [child]
    assert wizard.currentId() == cw.WHO
    next_page(cw.WHEN)

    when = wizard.when_page
    keys.tab_to(when.time)
    keys.type("08:45")
    keys.tab_to(when.location)
    keys.type("Breakfast club")
    keys.tab_to(when.role)
    keys.type("Teaching assistant")
    next_page(cw.WORDS)

    keys.tab_to(wizard.words_page.words)
    keys.type("I didn't have tea.")
    keys.press(KEY.Key_Return)
    keys.type("Mum's friend was asleep on the sofa.")
    next_page(cw.FACTS)

    keys.tab_to(wizard.facts_page.facts)
    keys.type("She ate three pieces of toast quickly.")
    keys.tab_to(wizard.facts_page.opinion)
    keys.type("I think she is often hungry.")
    next_page(cw.BODY)

    # The mark: Tab into the map (the front outline), arrows, Enter.
    body = wizard.body_page
    keys.tab_to(body.map)
    assert body.map.side == "front"
    for key in [KEY.Key_Right] * 3 + [KEY.Key_Down] * 5:
        keys.press(key)
    keys.press(KEY.Key_Return)
    assert [m.number for m in body.map.marks] == [1]
    assert "mark 1 on the front" in body.map.accessibleDescription()
    keys.press(KEY.Key_Tab)  # on to the back outline, still in the map
    assert keys.focus() is body.map and body.map.side == "back"
    keys.tab_to(body.label)
    keys.type("scratch")
    keys.tab_to(body.mark_size)
    keys.type("2 cm long")
    next_page(cw.CATEGORIES)

    keys.push(wizard.categories_page.boxes["neglect"])
    keys.push(wizard.categories_page.boxes["online"])
    next_page(cw.ACTIONS)

    actions = wizard.actions_page
    keys.tab_to(actions.action)
    keys.type("Gave her breakfast and told the DSL.")
    keys.tab_to(actions.told_whom)
    keys.type("Dana Lead")
    keys.tab_to(actions.told_at)
    keys.type("02/09/2026 09:05")
    # A file, through the file dialog, by keyboard.
    keys.push(actions.add)
    dialog = actions.dialog
    assert isinstance(dialog, QFileDialog)
    qtbot.waitUntil(lambda: dialog.isActiveWindow())
    name_box = dialog.findChild(QLineEdit, "fileNameEdit")
    keys.tab_to(name_box)
    name_box.setCompleter(None)  # its pop-up is a window the offscreen platform cannot grab
    keys.type(f"{photo_note.parent}/")
    qtbot.wait(50)
    keys.type(photo_note.name)
    keys.press(KEY.Key_Return)
    qtbot.waitUntil(lambda: actions.dialog is None)
    qtbot.waitUntil(wizard.isActiveWindow)
    assert [f.file_name for f in actions.files] == ["class log.txt"]
    next_page(cw.CHECK)

    keys.push(wizard.button(W.CommitButton))
    assert wizard.currentId() == cw.DONE, wizard.check_page.feedback.text()
    assert_accessible(wizard)
    keys.push(wizard.button(W.FinishButton))
    assert not wizard.isVisible()
    assert no_mouse.count == 0

    record = get_concern(reporter, concern_id=wizard.concern_id)
    assert not record.urgent
    assert [(c.part, c.child_id) for c in record.children] == [(Part.SUBJECT, child)]
    assert record.observed_at == london(2026, 9, 2, 8, 45)
    assert (record.location, record.reporter_role) == ("Breakfast club", "Teaching assistant")
    assert record.child_words == "I didn't have tea.\nMum's friend was asleep on the sofa."
    assert record.observed == "She ate three pieces of toast quickly."
    assert record.opinion == "I think she is often hungry."
    [mark] = record.marks
    assert (mark.side, mark.label, mark.size) == ("front", "scratch", "2 cm long")
    assert mark.x == pytest.approx(0.5 + 3 * STEP) and mark.y == pytest.approx(0.3 + 5 * STEP)
    assert sorted(record.categories) == ["neglect", "online"] and record.extra_familial
    assert record.told_at == london(2026, 9, 2, 9, 5)
    [attached] = record.attachments
    assert attachment_data(reporter, attachment_id=attached.id)[1] == photo_note.read_bytes()
    assert my_drafts(reporter) == []

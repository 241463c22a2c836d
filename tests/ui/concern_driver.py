"""Driving the "Log a concern" wizard as a person would: shared by its own tests and the
journeys (log a concern, then triage it, then print the chronology).

    wizard = open_wizard(qtbot, signed)
    number = log_concern(qtbot, wizard, search="Zo", attachment=path)

or, in a journey through the main window (the toolbar's "Log a concern…" button):

    number = log_concern_from_window(qtbot, window, search="Zo", attachment=path)
"""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QFileDialog,
    QLineEdit,
    QPushButton,
    QWidget,
    QWizard,
)
from pytestqt.qtbot import QtBot

from tests.ui.accessibility import assert_accessible
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.dialogs import concern_wizard as cw
from wtsc_desktop.ui.dialogs.concern_wizard import ConcernWizard

W = QWizard.WizardButton
LEFT = Qt.MouseButton.LeftButton
WORDS = ("He hits me when mum's out.", "Please don't tell anyone — promise?")
FACTS = "A round bruise, about 3 cm, on the front of her chest, seen when she changed for PE."
ACTION = "Stayed with her, then told the DSL in person."


def open_wizard(
    qtbot: QtBot, signed: SignedIn, *, autosave_ms: int = 60_000, parent: QWidget | None = None
) -> ConcernWizard:
    wizard = ConcernWizard(signed, autosave_ms=autosave_ms, parent=parent)
    if parent is None:
        qtbot.addWidget(wizard)
    wizard.open()
    qtbot.waitExposed(wizard)
    wizard.activateWindow()
    qtbot.waitUntil(wizard.isActiveWindow)
    return wizard


def click(qtbot: QtBot, wizard: QWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), which
    qtbot.mouseClick(button, LEFT)


def tick(qtbot: QtBot, box: QAbstractButton) -> None:
    """Click a check box or radio button on its box, as a person does."""
    qtbot.mouseClick(box, LEFT, pos=QPoint(8, box.height() // 2))


def type_text(qtbot: QtBot, box: QWidget, text: str) -> None:
    """Type ``text`` key by key. QTest types ASCII only, so each other character (ë, —,
    李) is sent as a key press carrying that character, as a keyboard layout or an input
    method sends it."""
    for run in re.findall(r"[\x20-\x7e]+|[^\x20-\x7e]", text):
        if run.isascii():
            qtbot.keyClicks(box, run)
        else:
            QTest.sendKeyEvent(
                QTest.KeyAction.Click, box, Qt.Key.Key_unknown, run, Qt.KeyboardModifier.NoModifier
            )


def type_lines(qtbot: QtBot, box: QWidget, *lines: str) -> None:
    """Type into a box, pressing Return between lines."""
    for number, line in enumerate(lines):
        if number:
            qtbot.keyClick(box, Qt.Key.Key_Return)
        type_text(qtbot, box, line)


def next_page(qtbot: QtBot, wizard: ConcernWizard, expected: int) -> None:
    """Press Next, check the page is accessible and is the one expected."""
    click(qtbot, wizard, W.NextButton)
    assert wizard.currentId() == expected, (wizard.currentId(), _messages(wizard))
    assert_accessible(wizard)


def _messages(wizard: ConcernWizard) -> list[str]:
    return [p.feedback.text() for p in wizard.draft_pages.values() if p.feedback.text()]


def attach_through_dialog(qtbot: QtBot, wizard: ConcernWizard, path: Path) -> None:
    """Press "Add a file…", type the path into the (non-native) dialog, press Enter."""
    page = wizard.actions_page
    qtbot.mouseClick(page.add, LEFT)
    dialog = page.dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    qtbot.waitExposed(dialog)
    name_box = dialog.findChild(QLineEdit, "fileNameEdit")
    assert name_box is not None
    # The path completer's pop-up is a window of its own, which the offscreen platform
    # cannot raise or give the keyboard to (it warns): type without it.
    name_box.setCompleter(None)
    # The folder first, then a moment for the dialog to take it in (typed in one go, faster
    # than any person, the dialog drops the folder), then the file's name and Enter.
    qtbot.keyClicks(name_box, f"{path.parent}/")
    qtbot.wait(50)
    qtbot.keyClicks(name_box, path.name)
    qtbot.keyClick(name_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.dialog is None)


def log_concern(
    qtbot: QtBot,
    wizard: ConcernWizard,
    *,
    search: str,
    time: str = "09:20",
    danger: bool = False,
    attachment: Path | None = None,
) -> int:
    """Log a concern about the first child ``search`` finds, with a mark on the chest;
    returns its number. The mouse clicks the buttons; text is typed."""
    assert_accessible(wizard)
    tick(qtbot, wizard.danger_page.yes if danger else wizard.danger_page.no)
    next_page(qtbot, wizard, cw.WHO)
    picker = wizard.who_page.picker
    qtbot.keyClicks(picker.search, search)
    qtbot.mouseClick(picker.add_button, LEFT)
    next_page(qtbot, wizard, cw.WHEN)
    when = wizard.when_page
    qtbot.keyClicks(when.time, time)
    qtbot.keyClicks(when.location, "The changing rooms")
    qtbot.keyClicks(when.role, "Class teacher")
    next_page(qtbot, wizard, cw.WORDS)
    type_lines(qtbot, wizard.words_page.words, *WORDS)
    next_page(qtbot, wizard, cw.FACTS)
    qtbot.keyClicks(wizard.facts_page.facts, FACTS)
    qtbot.keyClicks(wizard.facts_page.witnesses, "Sam Patel, teaching assistant")
    next_page(qtbot, wizard, cw.BODY)
    body = wizard.body_page
    spot = body.map.point_for("front", 0.5, 0.3).toPoint()
    qtbot.mouseClick(body.map, LEFT, pos=QPoint(spot))
    qtbot.keyClicks(body.label, "bruise, round")
    qtbot.keyClicks(body.mark_size, "3 cm")
    next_page(qtbot, wizard, cw.CATEGORIES)
    tick(qtbot, wizard.categories_page.boxes["physical"])
    next_page(qtbot, wizard, cw.ACTIONS)
    actions = wizard.actions_page
    qtbot.keyClicks(actions.action, ACTION)
    qtbot.keyClicks(actions.told_whom, "Dana Lead, the DSL")
    qtbot.keyClicks(actions.told_at, "09:30")
    if attachment is not None:
        attach_through_dialog(qtbot, wizard, attachment)
    next_page(qtbot, wizard, cw.CHECK)
    click(qtbot, wizard, W.CommitButton)
    assert wizard.currentId() == cw.DONE, [*_messages(wizard), wizard.check_page.feedback.text()]
    assert_accessible(wizard)
    assert wizard.concern_id is not None
    return wizard.concern_id


def log_concern_from_window(
    qtbot: QtBot, window: QWidget, *, search: str, attachment: Path | None = None
) -> int:
    """Press the toolbar's "Log a concern…", log a concern (see ``log_concern``), close the
    wizard; returns the concern's number."""
    tools = getattr(window, "toolbar", window)
    [button] = [b for b in tools.findChildren(QPushButton) if b.accessibleName() == "Log a concern"]
    qtbot.mouseClick(button, LEFT)
    wizards = [w for w in window.findChildren(ConcernWizard) if w.isVisible()]
    assert len(wizards) == 1
    wizard = wizards[0]
    qtbot.waitExposed(wizard)
    number = log_concern(qtbot, wizard, search=search, attachment=attachment)
    click(qtbot, wizard, W.FinishButton)
    qtbot.waitUntil(lambda: not wizard.isVisible())
    return number

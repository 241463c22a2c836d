"""Driving the setup wizard as a person would: shared by its own tests and the journeys."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWidget, QWizard
from pytestqt.qtbot import QtBot

from wtsc_desktop.ui.dialogs import setup_wizard as sw
from wtsc_desktop.ui.dialogs.setup_wizard import SetupWizard

PASSWORD = "lantern orchard velvet 2031"
W = QWizard.WizardButton
LEFT = Qt.MouseButton.LeftButton


def click(qtbot: QtBot, wizard: SetupWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isVisible() and button.isEnabled(), which
    qtbot.mouseClick(button, LEFT)


def type_lines(qtbot: QtBot, box: QWidget, *lines: str) -> None:
    """Type into a box as a person would, pressing Return between lines."""
    for number, line in enumerate(lines):
        if number:
            qtbot.keyClick(box, Qt.Key.Key_Return)
        qtbot.keyClicks(box, line)


def choose(qtbot: QtBot, combo: QWidget, value: str) -> None:
    """Pick a choice with the keyboard: Home, then Down to the wanted item."""
    assert isinstance(combo, QComboBox)
    index = combo.findData(value)
    assert index >= 0, value
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(index):
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == value


def retype(qtbot: QtBot, box: QWidget, *lines: str) -> None:
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(box, Qt.Key.Key_Delete)
    type_lines(qtbot, box, *lines)


def fill_organisation(
    qtbot: QtBot, wizard: SetupWizard, *, kind: str = "charity", nation: str = "england"
) -> None:
    editors = wizard.organisation_page.form.editors
    type_lines(qtbot, editors["org.name"], "Riverside Youth Trust")
    choose(qtbot, editors["org.type"], kind)
    choose(qtbot, editors["org.nation"], nation)
    type_lines(qtbot, editors["org.address"], "1 Mill Lane", "Brookfield", "BR1 2AB")
    type_lines(qtbot, editors["org.local_authority"], "Brookfield Council")
    if kind == "charity":
        type_lines(qtbot, editors["org.charity_number"], "1234567")


def fill_account(qtbot: QtBot, wizard: SetupWizard, password: str = PASSWORD) -> None:
    page = wizard.account_page
    type_lines(qtbot, page.user_name, "j.okafor")
    type_lines(qtbot, page.full_name, "Jo Okafor")
    choose(qtbot, page.profession, "teacher")
    type_lines(qtbot, page.password, password)
    type_lines(qtbot, page.confirm, password)


def go_to_account(qtbot: QtBot, wizard: SetupWizard) -> None:
    click(qtbot, wizard, W.NextButton)
    fill_organisation(qtbot, wizard)
    click(qtbot, wizard, W.NextButton)
    click(qtbot, wizard, W.NextButton)
    click(qtbot, wizard, W.NextButton)
    assert wizard.currentId() == sw.ACCOUNT


def go_to_recovery(qtbot: QtBot, wizard: SetupWizard) -> None:
    go_to_account(qtbot, wizard)
    fill_account(qtbot, wizard)
    click(qtbot, wizard, W.NextButton)
    click(qtbot, wizard, W.CommitButton)
    assert wizard.currentId() == sw.RECOVERY

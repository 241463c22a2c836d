"""Helpers shared by the Dashboard, Inbox, Concerns and triage tests: a staff reporter
signed in beside the DSL, and a widget shown at a laptop's size."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget
from pytestqt.qtbot import QtBot

from tests.factory import ROLE_USERS
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import Role

LEFT = Qt.MouseButton.LeftButton


def person(paths: StorePaths, clock: FixedClock, role: Role) -> SignedIn:
    user_name, password = ROLE_USERS[role]
    return sign_in(paths, user_name=user_name, password=password, clock=clock)


def shown(qtbot: QtBot, widget: QWidget, width: int = 1120, height: int = 700) -> QWidget:
    qtbot.addWidget(widget)
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def click(qtbot: QtBot, button: QAbstractButton) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, LEFT)


def tick(qtbot: QtBot, button: QAbstractButton) -> None:
    """Choose a radio button or tick a check box with the keyboard."""
    assert button.isVisible() and button.isEnabled(), button.text()
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)

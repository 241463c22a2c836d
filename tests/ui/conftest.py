"""Fixtures for the interface tests: no Qt warnings, the data bus, and people of other
roles signed in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import QtMsgType

from tests.factory import ROLE_USERS
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.ui.events import DataBus

# The offscreen platform says this whenever a window's size limits change; it is about the
# test platform, not the app (verified.md).
OFFSCREEN_NOISE = "This plugin does not support propagateSizeHints()"


@pytest.fixture(autouse=True)
def no_qt_warnings(qtlog: Any) -> Iterator[None]:
    """Any other Qt warning fails the test."""
    yield
    bad = (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg)
    noisy = [r.message for r in qtlog.records if r.type in bad and r.message != OFFSCREEN_NOISE]
    assert not noisy, noisy


@pytest.fixture
def bus() -> DataBus:
    return DataBus()


@pytest.fixture
def announced(bus: DataBus) -> list[str]:
    """Every area announced on ``bus`` during the test, in order."""
    areas: list[str] = []
    bus.changed.connect(areas.append)
    return areas


@pytest.fixture
def signed_in_as(paths: StorePaths, clock: FixedClock) -> Iterator[Callable[[Role], SignedIn]]:
    """Sign in the test store's user of a role: ``signed_in_as(Role.REVIEWER)``."""
    sessions: list[SignedIn] = []

    def signer(role: Role) -> SignedIn:
        user_name, password = ROLE_USERS[role]
        signed = sign_in(paths, user_name=user_name, password=password, clock=clock)
        sessions.append(signed)
        return signed

    yield signer
    for signed in sessions:
        signed.lock()

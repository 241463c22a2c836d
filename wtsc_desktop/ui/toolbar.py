"""What sits in the main window's toolbar while someone is signed in.

Each feature adds its tools in ``toolbar_items`` (a button to log a concern, the search
box…); the session flow puts them in the toolbar at sign-in and removes them at lock.
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.events import DataBus


def toolbar_items(signed: SignedIn, bus: DataBus, window: QWidget) -> list[QWidget]:
    """The tools for this person, left to right."""
    return []

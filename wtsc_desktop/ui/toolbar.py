"""What sits in the main window's toolbar while someone is signed in.

Each feature adds its tools in ``toolbar_items`` (a button to log a concern, the search
box…); the session flow puts them in the toolbar at sign-in and removes them at lock.
"""

from __future__ import annotations

from PySide6.QtWidgets import QPushButton, QWidget

from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.events import DataBus


def log_concern_button(
    signed: SignedIn, bus: DataBus, window: QWidget, *, text: str = "Log a &concern…"
) -> QPushButton:
    """The "Log a concern…" button, for every role: it opens the concern wizard."""
    from wtsc_desktop.ui.dialogs.concern_wizard import open_concern_wizard

    button = QPushButton(text)
    button.setAccessibleName("Log a concern")
    button.clicked.connect(lambda: open_concern_wizard(signed, bus, window))
    return button


def toolbar_items(signed: SignedIn, bus: DataBus, window: QWidget) -> list[QWidget]:
    """The tools for this person, left to right."""
    from wtsc_desktop.ui.widgets.search_box import toolbar_search_box

    return [log_concern_button(signed, bus, window), toolbar_search_box(signed, window)]

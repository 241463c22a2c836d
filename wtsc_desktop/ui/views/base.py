"""What every section of the main window provides."""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtWidgets import QWidget

from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import Action, allowed
from wtsc_desktop.ui.events import DataBus


class View(QWidget):
    """A section: a title for the navigation list, and the permission that shows it.

    ``refresh`` reloads from services; ``draft_state``/``restore_draft`` keep what was
    being typed across a lock (the main window saves it as an encrypted draft).
    """

    title: ClassVar[str] = ""
    needs: ClassVar[Action | None] = None

    def __init__(self, signed: SignedIn, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.signed = signed
        self.bus = bus
        self.setAccessibleName(self.title)

    @classmethod
    def visible_to(cls, signed: SignedIn) -> bool:
        return cls.needs is None or allowed(signed.actor.role, cls.needs)

    def refresh(self) -> None:
        """Reload what the view shows."""

    def navigation_text(self) -> str:
        """This section's entry in the navigation list: its title, or with a count
        ("Inbox (3)"). The workspace asks again after every change on the data bus."""
        return self.title

    def draft_state(self) -> dict[str, Any] | None:
        """Unsaved input worth keeping across a lock, or None."""
        return None

    def restore_draft(self, state: dict[str, Any]) -> None:
        """Put back what ``draft_state`` returned."""

"""What a signed-in person works in: the navigation list and the sections their role may
use. The main window creates one per sign-in and destroys it on lock, so no view
outlives the session that filled it.

A section's navigation entry reads ``View.navigation_text()`` (a count: "Inbox (3)"),
asked again after every change on the data bus. A section that opens another's record
emits ``open_concern(id)`` or ``open_child(id)``; the section with ``show_concern(id)``
or ``show_child(id)`` is brought forward to show it.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QListWidget, QStackedWidget, QWidget

from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.views.base import View


def section_classes() -> list[type[View]]:
    """Every section, in navigation order. Later features add theirs here."""
    from wtsc_desktop.ui.views.audit_log import AuditLogView
    from wtsc_desktop.ui.views.children import ChildrenView
    from wtsc_desktop.ui.views.concerns import ConcernsView
    from wtsc_desktop.ui.views.dashboard import DashboardView
    from wtsc_desktop.ui.views.home import HomeView
    from wtsc_desktop.ui.views.inbox import InboxView
    from wtsc_desktop.ui.views.settings import SettingsView
    from wtsc_desktop.ui.views.users import UsersView

    return [
        HomeView,
        DashboardView,
        InboxView,
        ChildrenView,
        ConcernsView,
        UsersView,
        AuditLogView,
        SettingsView,
    ]


class Workspace(QWidget):
    def __init__(self, signed: SignedIn, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.signed = signed
        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Sections")
        self.navigation.setMaximumWidth(220)
        self.stack = QStackedWidget()
        self.stack.setAccessibleName("Section")
        self.views: list[View] = []
        for cls in section_classes():
            if cls.visible_to(signed):
                view = cls(signed, bus)
                self.views.append(view)
                self.navigation.addItem(view.navigation_text())
                self.stack.addWidget(view)
        # Connected after the views, so each has refreshed before its entry is re-read.
        bus.changed.connect(self._update_navigation)
        self._link_sections()
        self.navigation.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.navigation.setCurrentRow(0)
        layout = QHBoxLayout(self)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setTabOrder(self.navigation, self.stack)

    def _update_navigation(self, _area: str = "") -> None:
        for row, view in enumerate(self.views):
            item = self.navigation.item(row)
            text = view.navigation_text()
            if item.text() != text:
                item.setText(text)

    def _link_sections(self) -> None:
        for kind in ("concern", "child"):
            shows = [v for v in self.views if hasattr(v, f"show_{kind}")]
            for view in self.views if shows else []:
                asked = getattr(view, f"open_{kind}", None)
                if asked is not None:
                    asked.connect(partial(self._open, shows[0], f"show_{kind}"))

    def _open(self, target: View, method: str, record_id: int) -> None:
        self.navigation.setCurrentRow(self.views.index(target))
        getattr(target, method)(record_id)

    def titles(self) -> list[str]:
        return [view.title for view in self.views]

    def show_section(self, title: str) -> View:
        index = self.titles().index(title)
        self.navigation.setCurrentRow(index)
        return self.views[index]

    def draft_state(self) -> dict[str, Any]:
        """Unsaved input of every section, keyed by section title."""
        states = {}
        for view in self.views:
            state = view.draft_state()
            if state:
                states[view.title] = state
        return states

    def restore_drafts(self, states: dict[str, Any]) -> list[str]:
        """Put drafts back; returns the titles of the sections that had one."""
        restored = []
        for view in self.views:
            if view.title in states:
                view.restore_draft(states[view.title])
                restored.append(view.title)
        return restored

"""The first screen after signing in for everyone without the Dashboard: who you are,
where you are, and what to do next.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import PERMISSIONS, Action, allowed
from wtsc_desktop.services.reminders import reminders
from wtsc_desktop.services.settings import read_settings
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.toolbar import log_concern_button
from wtsc_desktop.ui.views.base import View
from wtsc_desktop.ui.widgets.who_to_call import RemindersLabel, WhoToCallBox


class HomeView(View):
    title = "Home"
    needs = None

    @classmethod
    def visible_to(cls, signed: SignedIn) -> bool:
        # The DSL and deputies start on the Dashboard, which shows the same panels.
        return not allowed(signed.actor.role, Action.TRIAGE)

    def __init__(self, signed: SignedIn, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(signed, bus, parent)
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.heading.setAccessibleName("Welcome")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.where = QLabel()
        self.where.setTextFormat(Qt.TextFormat.PlainText)
        self.where.setWordWrap(True)
        self.where.setAccessibleName("Your organisation and role")
        self.todo_title = QLabel("<b>What to do next</b>")
        self.todo = RemindersLabel()
        self.can_do = QLabel()
        self.can_do.setWordWrap(True)
        self.can_do.setObjectName("hint")
        self.can_do.setAccessibleName("What your role may do")
        self.contacts_box = WhoToCallBox()
        self.contacts = self.contacts_box.contacts
        self.contacts_box.setMaximumWidth(720)
        # The toolbar's button has the Alt+C shortcut; this one is reached with Tab.
        self.log_concern = log_concern_button(signed, bus, self, text="Log a concern…")
        layout = QVBoxLayout(self)
        layout.addWidget(self.log_concern, 0, Qt.AlignmentFlag.AlignLeft)
        for widget in (self.heading, self.where, self.todo_title, self.todo):
            layout.addWidget(widget)
        layout.addWidget(self.contacts_box)
        layout.addWidget(self.can_do)
        layout.addStretch()
        bus.changed.connect(lambda _area: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        actor = self.signed.actor
        settings = read_settings(self.signed)
        organisation = settings["org.name"]
        self.heading.setText(f"Hello, {actor.full_name}")
        self.where.setText(f"{organisation} — you are signed in as {actor.role.label.lower()}.")
        self.todo.show_reminders(
            reminders(self.signed), nothing="Nothing needs doing about the record store today."
        )
        self.contacts_box.show_contacts(settings)
        may = [a.value for a, roles in PERMISSIONS.items() if actor.role in roles]
        self.can_do.setText("Your role may: " + "; ".join(may) + ".")

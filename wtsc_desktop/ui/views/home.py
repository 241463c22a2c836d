"""The first screen after signing in: who you are, where you are, and what to do next."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import PERMISSIONS
from wtsc_desktop.services.reminders import reminders
from wtsc_desktop.services.settings import read_settings
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.views.base import View


class HomeView(View):
    title = "Home"
    needs = None

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
        self.todo = QLabel()
        self.todo.setWordWrap(True)
        self.todo.setAccessibleName("What to do next")
        self.can_do = QLabel()
        self.can_do.setWordWrap(True)
        self.can_do.setObjectName("hint")
        self.can_do.setAccessibleName("What your role may do")
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.where, self.todo_title, self.todo, self.can_do):
            layout.addWidget(widget)
        layout.addStretch()
        bus.changed.connect(lambda _area: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        actor = self.signed.actor
        organisation = read_settings(self.signed)["org.name"]
        self.heading.setText(f"Hello, {actor.full_name}")
        self.where.setText(f"{organisation} — you are signed in as {actor.role.label.lower()}.")
        items = reminders(self.signed)
        if items:
            self.todo.setText(
                "<ul>"
                + "".join(
                    f"<li>{'<b>' if r.urgent else ''}{r.text}{'</b>' if r.urgent else ''}</li>"
                    for r in items
                )
                + "</ul>"
            )
        else:
            self.todo.setText("Nothing needs doing about the record store today.")
        self.todo.setAccessibleDescription(" ".join(r.text for r in items))
        may = [a.value for a, roles in PERMISSIONS.items() if actor.role in roles]
        self.can_do.setText("Your role may: " + "; ".join(may) + ".")

"""The first screen after signing in: who you are, where you are, and what to do next."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import PERMISSIONS
from wtsc_desktop.services.reminders import reminders
from wtsc_desktop.services.settings import read_settings
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.views.base import View

_MISSING = "not recorded — add it in Settings"


def _join(settings: dict[str, object], *keys: str) -> str:
    return ", ".join(str(settings[f"contacts.{k}"]) for k in keys if settings[f"contacts.{k}"])


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
        self.contacts = QLabel()
        self.contacts.setTextFormat(Qt.TextFormat.RichText)
        self.contacts.setWordWrap(True)
        self.contacts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contacts.setAccessibleName("Who to call")
        contacts_box = QGroupBox("Who to call")
        contacts_layout = QVBoxLayout(contacts_box)
        contacts_layout.addWidget(self.contacts)
        contacts_box.setMaximumWidth(720)
        layout = QVBoxLayout(self)
        for widget in (self.heading, self.where, self.todo_title, self.todo):
            layout.addWidget(widget)
        layout.addWidget(contacts_box)
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
        rows = [("A child in immediate danger", "999 — then tell the DSL in person")]
        rows += [
            (label, value)
            for label, value in (
                (
                    "Children's social care front door",
                    _join(settings, "front_door_phone", "front_door_email"),
                ),
                ("Out-of-hours social care", _join(settings, "out_of_hours_phone")),
                (
                    "LADO (an allegation about an adult)",
                    _join(settings, "lado_name", "lado_phone", "lado_email"),
                ),
                ("Police, not an emergency", _join(settings, "police_non_emergency")),
            )
        ]
        self.contacts.setText(
            "<table cellspacing='6'>"
            + "".join(
                f"<tr><td>{escape(label)}</td><td><b>{escape(value or _MISSING)}</b></td></tr>"
                for label, value in rows
            )
            + "</table>"
        )
        self.contacts.setAccessibleDescription(
            "; ".join(f"{label}: {value or 'not recorded'}" for label, value in rows)
        )
        may = [a.value for a, roles in PERMISSIONS.items() if actor.role in roles]
        self.can_do.setText("Your role may: " + "; ".join(may) + ".")

"""Two panels the Home screen and the Dashboard share: "What to do next" (the reminders
that keep the records safe) and "Who to call" (999 first, then the local contacts from
Settings, each saying "not recorded" rather than a blank that looks filled in).
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from wtsc_desktop.services.reminders import Reminder

MISSING = "not recorded — add it in Settings"


def _join(settings: Mapping[str, object], *keys: str) -> str:
    return ", ".join(str(settings[f"contacts.{k}"]) for k in keys if settings[f"contacts.{k}"])


def contact_rows(settings: Mapping[str, object]) -> list[tuple[str, str]]:
    """(who, how to reach them) in the order a worried adult needs them."""
    rows = [("A child in immediate danger", "999 — then tell the DSL in person")]
    rows += [
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
    ]
    return rows


class WhoToCallBox(QGroupBox):
    """The contacts panel; ``show_contacts`` fills it from the settings."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Who to call", parent)
        self.contacts = QLabel()
        self.contacts.setTextFormat(Qt.TextFormat.RichText)
        self.contacts.setWordWrap(True)
        self.contacts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.contacts.setAccessibleName("Who to call")
        QVBoxLayout(self).addWidget(self.contacts)

    def show_contacts(self, settings: Mapping[str, object]) -> None:
        rows = contact_rows(settings)
        self.contacts.setText(
            "<table cellspacing='6'>"
            + "".join(
                f"<tr><td>{escape(label)}</td><td><b>{escape(value or MISSING)}</b></td></tr>"
                for label, value in rows
            )
            + "</table>"
        )
        self.contacts.setAccessibleDescription(
            "; ".join(f"{label}: {value or 'not recorded'}" for label, value in rows)
        )


class RemindersLabel(QLabel):
    """ "What to do next": the reminders as a list, the urgent ones in bold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setAccessibleName("What to do next")

    def show_reminders(self, items: list[Reminder], *, nothing: str) -> None:
        if items:
            self.setText(
                "<ul>"
                + "".join(
                    f"<li>{'<b>' if r.urgent else ''}{escape(r.text)}"
                    f"{'</b>' if r.urgent else ''}</li>"
                    for r in items
                )
                + "</ul>"
            )
        else:
            self.setText(escape(nothing))
        self.setAccessibleDescription(" ".join(r.text for r in items) or nothing)

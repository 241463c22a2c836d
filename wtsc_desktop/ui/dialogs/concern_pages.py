"""The first pages of the concern wizard: immediate danger, which children, when and where.

Every page of the wizard is a ``ConcernPage``: it shows what is wrong on the page itself
(keeping what was typed), and gives and takes back its contents as plain data for the
draft that is saved every few seconds.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QFormLayout,
    QFrame,
    QLabel,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from wtsc_desktop.clock import LONDON, today_in_london
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.settings import read_settings
from wtsc_desktop.ui.formats import date_text, datetime_text
from wtsc_desktop.ui.widgets.child_picker import ChildPicker
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.form_parts import paragraph, text_box

_DATE = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$")
_TIME = re.compile(r"^\s*(\d{1,2})\s*[:.]\s*(\d{2})\s*$")


def parse_date(text: str) -> dt.date:
    """A date written dd/mm/yyyy; ValueError with a message a person can act on."""
    found = _DATE.match(text)
    if not found:
        raise ValueError("Write the date as dd/mm/yyyy, for example 14/09/2026.")
    day, month, year = (int(part) for part in found.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"{text.strip()} is not a date on the calendar.") from None


def parse_time(text: str) -> dt.time:
    """A time written HH:MM (24-hour clock); ValueError with a message."""
    found = _TIME.match(text)
    hour, minute = (int(part) for part in found.groups()) if found else (99, 99)
    if hour > 23 or minute > 59:
        raise ValueError("Write the time as HH:MM on the 24-hour clock, for example 14:20.")
    return dt.time(hour, minute)


def in_london(day: dt.date, time: dt.time) -> dt.datetime:
    return dt.datetime.combine(day, time, tzinfo=LONDON)


def big_box(name: str, parent: QWidget, *, placeholder: str = "") -> QPlainTextEdit:
    """A box for paragraphs: Enter starts a new line, Tab moves on to the next control."""
    box = QPlainTextEdit(parent)
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setPlaceholderText(placeholder)
    return box


class ConcernPage(QWizardPage):
    """A page with a message line under its boxes, and a draft of what it holds."""

    def __init__(self, title: str, subtitle: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.setAccessibleName(title)
        self.column = QVBoxLayout(self)
        self.feedback = FeedbackLabel(self)
        self.fields: dict[str, QWidget] = {}  # service field name -> the box to correct

    def finish_layout(self) -> None:
        self.column.addWidget(self.feedback)

    def complain(self, message: str, box: QWidget | None = None) -> bool:
        """Show ``message`` on the page, put the cursor where to fix it; returns False."""
        self.feedback.show_error(message)
        if box is not None:
            box.setFocus(Qt.FocusReason.OtherFocusReason)
        return False

    def initializePage(self) -> None:
        self.feedback.clear_message()

    def state(self) -> dict[str, Any]:
        return {}

    def restore(self, state: dict[str, Any]) -> None:
        """Put back what ``state`` gave."""


class DangerPage(ConcernPage):
    def __init__(self, signed: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(
            "Is the child in immediate danger?",
            "Answer this first. If a child is in danger now, getting help comes before "
            "writing anything down.",
            parent,
        )
        self.signed = signed
        self.yes = QRadioButton("&Yes — the child is in danger now", self)
        self.yes.setAccessibleName("Yes, the child is in immediate danger")
        self.no = QRadioButton("N&o", self)
        self.no.setAccessibleName("No, the child is not in immediate danger")
        self.answer = QButtonGroup(self)
        for button in (self.yes, self.no):
            self.answer.addButton(button)
            self.column.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
        self.panel = QFrame(self)
        self.panel.setObjectName("dangerPanel")
        self.panel.setFrameShape(QFrame.Shape.Box)
        panel = QVBoxLayout(self.panel)
        call = QLabel("Call 999 now.", self.panel)
        call.setObjectName("urgent")
        font = call.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        call.setFont(font)
        panel.addWidget(call)
        self.advice = QLabel(self.panel)
        self.advice.setWordWrap(True)
        self.advice.setTextFormat(Qt.TextFormat.RichText)
        self.advice.setAccessibleName("What to do now")
        panel.addWidget(self.advice)
        self.column.addWidget(self.panel)
        self.panel.setVisible(False)
        self.column.addStretch()
        self.finish_layout()
        self.yes.toggled.connect(self._answered)

    def _answered(self, yes: bool) -> None:
        dark = self.palette().color(QPalette.ColorRole.Window).lightness() < 128
        self.panel.setStyleSheet(
            "QFrame#dangerPanel { border: 2px solid %s; border-radius: 4px; }"
            % ("#ff8a80" if dark else "#b00020")
        )
        self.panel.setVisible(yes)
        if yes:
            self.feedback.clear_message()
            self.advice.setText(self._advice_html())
            self.advice.setAccessibleDescription(self.advice.text())

    def _advice_html(self) -> str:
        settings = read_settings(self.signed)

        def number(key: str) -> str:
            value = str(settings.get(f"contacts.{key}") or "").strip()
            return f"<b>{escape(value)}</b>" if value else "not recorded — ask your DSL"

        return (
            "<p>Ring the police on <b>999</b> straight away. Then tell the designated "
            "safeguarding lead <b>in person</b>, now — do not wait to finish this form.</p>"
            "<p>This concern will be marked <b>urgent</b>. Write it down here once the child "
            "is safe.</p>"
            "<table cellspacing='4'>"
            f"<tr><td>Police, not an emergency:</td><td>{number('police_non_emergency')}"
            "</td></tr>"
            f"<tr><td>Children's social care front door:</td><td>{number('front_door_phone')}"
            "</td></tr>"
            f"<tr><td>Out-of-hours social care:</td><td>{number('out_of_hours_phone')}</td></tr>"
            "</table>"
        )

    def immediate_danger(self) -> bool | None:
        if self.yes.isChecked():
            return True
        return False if self.no.isChecked() else None

    def validatePage(self) -> bool:
        if self.immediate_danger() is None:
            return self.complain("Answer yes or no first.", self.yes)
        return True

    def state(self) -> dict[str, Any]:
        return {"danger": self.immediate_danger()}

    def restore(self, state: dict[str, Any]) -> None:
        danger = state.get("danger")
        if danger is not None:
            (self.yes if danger else self.no).setChecked(True)


class WhoPage(ConcernPage):
    def __init__(self, signed: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(
            "Which child or children?",
            "Add every child involved and say each one's part: the child the concern is "
            "about, a child alleged to have caused harm, or a witness.",
            parent,
        )
        self.picker = ChildPicker(signed, self)
        self.column.addWidget(self.picker)
        self.column.addStretch()
        self.finish_layout()
        self.fields = {"children": self.picker.search}

    def validatePage(self) -> bool:
        problem = self.picker.problem()
        if problem is not None:
            box, message = problem
            return self.complain(message, box)
        return True

    def state(self) -> dict[str, Any]:
        return {"children": self.picker.state()}

    def restore(self, state: dict[str, Any]) -> None:
        self.picker.restore(list(state.get("children", [])))


class WhenPage(ConcernPage):
    def __init__(self, signed: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(
            "When and where",
            "When you saw or heard it, and where. The app records when you wrote it.",
            parent,
        )
        self.signed = signed
        self.date = text_box("Date seen or heard", self, max_length=20)
        self.date.setPlaceholderText("dd/mm/yyyy")
        self.date.setText(date_text(today_in_london(signed.store.clock)))
        self.time = text_box("Time seen or heard", self, max_length=10)
        self.time.setPlaceholderText("HH:MM")
        self.time_unknown = QCheckBox("I don't know the exact time", self)
        self.time_unknown.setAccessibleName("I don't know the exact time")
        self.time_unknown.toggled.connect(lambda unknown: self.time.setEnabled(not unknown))
        self.location = text_box("Where it happened", self)
        self.location.setPlaceholderText("For example: Classroom 4, the changing rooms, online")
        self.role = text_box("Your role", self, max_length=120)
        self.role.setPlaceholderText("For example: Class teacher, U12 coach, volunteer")
        self.written = paragraph("", self, hint=True)
        self.written.setAccessibleName("Who is writing this, and when")
        form = QFormLayout()
        form.addRow("&Date seen or heard:", self.date)
        form.addRow("&Time seen or heard:", self.time)
        form.addRow("", self.time_unknown)
        form.addRow("&Where:", self.location)
        form.addRow("Your &role:", self.role)
        self.column.addLayout(form)
        self.column.addWidget(self.written)
        self.column.addStretch()
        self.finish_layout()
        self.fields = {
            "observed_at": self.time,
            "location": self.location,
            "reporter_role": self.role,
        }

    def initializePage(self) -> None:
        super().initializePage()
        now = self.signed.store.now()
        self.written.setText(
            f"Written by {self.signed.actor.full_name}, {datetime_text(now)}. The app records "
            "who wrote this and when, by itself."
        )

    def observed(self) -> tuple[dt.datetime, bool]:
        """When it was seen or heard, and whether the time is known; ValueError if unclear."""
        day = parse_date(self.date.text())
        if self.time_unknown.isChecked():
            # Midnight, so that a day with no time is never "in the future".
            return in_london(day, dt.time(0, 0)), False
        if not self.time.text().strip():
            raise ValueError("Write the time, or tick “I don't know the exact time”.")
        return in_london(day, parse_time(self.time.text())), True

    def validatePage(self) -> bool:
        try:
            day = parse_date(self.date.text())
        except ValueError as error:
            return self.complain(str(error), self.date)
        if day > today_in_london(self.signed.store.clock):
            return self.complain("The date seen or heard is after today.", self.date)
        try:
            self.observed()
        except ValueError as error:
            return self.complain(str(error), self.time)
        return True

    def state(self) -> dict[str, Any]:
        return {
            "date": self.date.text(),
            "time": self.time.text(),
            "time_unknown": self.time_unknown.isChecked(),
            "location": self.location.text(),
            "role": self.role.text(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.date.setText(str(state.get("date", self.date.text())))
        self.time.setText(str(state.get("time", "")))
        self.time_unknown.setChecked(bool(state.get("time_unknown", False)))
        self.location.setText(str(state.get("location", "")))
        self.role.setText(str(state.get("role", "")))

"""Record my own mandatory FGM report to the police (T8), for a teacher or a regulated
health or social care professional who learned of FGM from the girl, or saw the signs.

The person says when they learned of it, when they reported it on 101, and the reference
the police gave; the dialog shows, as they type, the T8a and T8b dates and whether the
report met them. Recording goes through ``services.special_routes.record_fgm_report``,
which clears the Dashboard's T8 clock. A refusal (``NoFgmDuty`` for anyone else, or a
``ValidationError``) is shown on the dialog, and what was typed stays.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QWidget

from wtsc_desktop.clock import LONDON
from wtsc_desktop.guidance.timescales import due_date
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.special_routes import FgmReportRecord, record_fgm_report
from wtsc_desktop.ui.dialogs.form_dialog import FormDialog
from wtsc_desktop.ui.dialogs.referral_wizard import AREA, when_box, when_value
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.formats import date_text
from wtsc_desktop.ui.widgets.form_parts import paragraph, text_box

TITLE = "Record my FGM report to the police"
INTRO = (
    "You report FGM to the police yourself, by phone on 101: the DSL cannot do it for you. "
    "Write down here when you did it and the reference the police gave you, and keep the "
    "DSL informed."
)


def _met(reported: dt.date, due: dt.date) -> str:
    return "in time" if reported <= due else "late"


def timing_text(learned_on: dt.date, reported_on: dt.date) -> str:
    """The T8a and T8b dates from ``learned_on``, and whether a report on ``reported_on``
    is in time for each."""
    best, limit = due_date("T8a", learned_on), due_date("T8b", learned_on)
    return (
        f"T8a, by the close of the next working day: {date_text(best.due)} "
        f"({_met(reported_on, best.due)}). "
        f"T8b, the legal limit of one month: {date_text(limit.due)} "
        f"({_met(reported_on, limit.due)})."
    )


def record_text(result: FgmReportRecord) -> str:
    """What was recorded, in words, with whether T8a and T8b were met."""
    best = "met" if result.on_time else "missed"
    limit = "within" if result.within_limit else "after"
    return (
        f"Your FGM report to the police is recorded. T8a (by "
        f"{date_text(result.best_practice.due)}): {best}. It was made {limit} the legal "
        f"limit (T8b, {date_text(result.statutory_limit.due)}). Keep the DSL informed."
    )


class FgmReportDialog(FormDialog):
    """``recorded`` carries the words saying what was recorded, once it is."""

    area = AREA
    recorded = Signal(str)

    def __init__(
        self,
        signed: SignedIn,
        bus: DataBus | None,
        *,
        concern_id: int,
        learned_on: dt.date,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(signed, bus, title=TITLE, ok_text="Record my report", parent=parent)
        self.concern_id = concern_id
        self.report: FgmReportRecord | None = None
        self.learned_on = QDateEdit(QDate(learned_on.year, learned_on.month, learned_on.day))
        self.learned_on.setDisplayFormat("dd/MM/yyyy")
        self.learned_on.setCalendarPopup(True)
        self.learned_on.setAccessibleName("The day you learned of it")
        self.reported_at = when_box("When you reported it to the police", signed.store.now())
        self.reference = text_box("The police reference", max_length=120)
        self.reference.setPlaceholderText("The reference number the police gave you")
        self.timing = paragraph("", hint=True)
        self.timing.setAccessibleName("Deadlines T8a and T8b")
        self.form.addRow("The day you &learned of it:", self.learned_on)
        self.form.addRow("When you &reported it:", self.reported_at)
        self.form.addRow("Police re&ference:", self.reference)
        self.form.addRow("", self.timing)
        self.fields = {
            "learned_on": self.learned_on,
            "reported_at": self.reported_at,
            "police_reference": self.reference,
        }
        self.finish_layout(paragraph(INTRO))
        self.learned_on.dateChanged.connect(self._show_timing)
        self.reported_at.dateTimeChanged.connect(self._show_timing)
        self._show_timing()

    def learned(self) -> dt.date:
        day = self.learned_on.date()
        return dt.date(day.year(), day.month(), day.day())

    def _show_timing(self) -> None:
        reported = when_value(self.reported_at).astimezone(LONDON).date()
        text = timing_text(self.learned(), reported)
        self.timing.setText(text)
        self.timing.setAccessibleDescription(text)

    def save(self) -> None:
        self.report = record_fgm_report(
            self.signed,
            concern_id=self.concern_id,
            learned_on=self.learned(),
            reported_at=when_value(self.reported_at),
            police_reference=self.reference.text(),
        )

    def accept(self) -> None:
        super().accept()
        if self.report is not None:
            self.recorded.emit(record_text(self.report))

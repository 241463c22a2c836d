"""The pages of the triage wizard: the concern, the decision (D2), the reasons and advice,
consent and the lawful basis for sharing (D1, with the seven golden rules beside it), the
actions, and a last check.

Each page holds its own boxes and says what is wrong on itself; the wizard gathers the
answers into one ``TriageInput`` and checks them with the service's own rules.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QDate, QDateTime, Qt, QTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QRadioButton,
    QTextBrowser,
    QVBoxLayout,
    QWizardPage,
)

from wtsc_desktop.clock import LONDON
from wtsc_desktop.guidance.categories import THRESHOLD_RULES, THRESHOLDS, Threshold
from wtsc_desktop.guidance.information_sharing import (
    D1_SOURCE,
    GOLDEN_RULES,
    SPECIAL_CATEGORY_CONDITION,
    Consent,
    LawfulBasis,
)
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel


def qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(edit: QDateEdit) -> dt.date:
    value = edit.date()
    return dt.date(value.year(), value.month(), value.day())


def date_edit(name: str, day: dt.date) -> QDateEdit:
    edit = QDateEdit(qdate(day))
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setAccessibleName(name)
    return edit


def label(text: str, *, hint: bool = False) -> QLabel:
    shown = QLabel(text)
    shown.setWordWrap(True)
    shown.setTextFormat(Qt.TextFormat.PlainText)
    if hint:
        shown.setObjectName("hint")
    return shown


def text_box(name: str, height: int) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(height)
    return box


class TriagePage(QWizardPage):
    """A page with a feedback line at its foot."""

    def __init__(self, title: str, subtitle: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.column = QVBoxLayout(self)
        self.feedback = FeedbackLabel()

    def finish(self) -> None:
        self.column.addWidget(self.feedback)


class ConcernPage(TriagePage):
    def __init__(self, html: str) -> None:
        super().__init__(
            "The concern",
            "Read the concern, its addenda and any earlier decision before you decide.",
        )
        self.summary = QTextBrowser()
        self.summary.setAccessibleName("The concern")
        self.summary.setTabChangesFocus(True)
        self.summary.setOpenLinks(False)
        self.summary.setHtml(html)
        self.column.addWidget(self.summary, 1)
        self.finish()


class DecisionPage(TriagePage):
    def __init__(self) -> None:
        super().__init__(
            "The decision",
            "Which threshold does this concern meet (D2)? The most serious comes first.",
        )
        self.group = QButtonGroup(self)
        self.buttons: dict[Threshold, QRadioButton] = {}
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        grid.setVerticalSpacing(2)
        for row, rule in enumerate(THRESHOLDS):
            button = QRadioButton(rule.label)
            button.setAccessibleName(rule.label)
            button.setAccessibleDescription(f"{rule.meaning} {rule.consent}")
            self.group.addButton(button)
            self.buttons[rule.threshold] = button
            words = label(f"{rule.meaning}\n{rule.consent}", hint=True)
            words.setContentsMargins(24, 0, 0, 6)
            grid.addWidget(button, row * 2, 0, 1, 2)
            grid.addWidget(words, row * 2 + 1, 0, 1, 2)
        self.column.addLayout(grid)
        self.source = label("")
        self.column.addWidget(self.source)
        self.column.addStretch()
        self.finish()
        self.group.buttonToggled.connect(lambda *_: self._show_source())
        self._show_source()

    def chosen(self) -> Threshold | None:
        return next((t for t, b in self.buttons.items() if b.isChecked()), None)

    def _show_source(self) -> None:
        chosen = self.chosen()
        rule = THRESHOLD_RULES[chosen] if chosen else THRESHOLDS[0]
        self.source.setText(f"Source: {rule.source}.")


class ReasonsPage(TriagePage):
    def __init__(self, now: dt.datetime, review_default: dt.date) -> None:
        super().__init__(
            "Reasons and advice",
            "Your reasons are part of the record: write them as you would explain them "
            "to a social worker or an inspector.",
        )
        self.rationale = text_box("Reasons for the decision (required)", 150)
        self.advice = QCheckBox("I sought &advice about this concern")
        self.advice.setAccessibleName("Advice was sought")
        self.advice_from = QLineEdit()
        self.advice_from.setAccessibleName("Advice from whom")
        self.advice_from.setMaxLength(200)
        self.advice_from.setPlaceholderText("For example: the local authority's duty desk")
        local = now.astimezone(LONDON)
        self.advice_at = QDateTimeEdit(
            QDateTime(qdate(local.date()), QTime(local.hour, local.minute))
        )
        self.advice_at.setDisplayFormat("dd/MM/yyyy HH:mm")
        self.advice_at.setCalendarPopup(True)
        self.advice_at.setAccessibleName("When advice was sought")
        self.review_on = date_edit("Review by", review_default)
        self.advice_at.setMaximumWidth(200)
        self.review_on.setMaximumWidth(160)
        self.review_label = QLabel("&Review by")
        self.review_label.setBuddy(self.review_on)
        form = QFormLayout()
        form.addRow("Rea&sons (required)", self.rationale)
        form.addRow("", self.advice)
        form.addRow("Advice &from", self.advice_from)
        form.addRow("Advice &when", self.advice_at)
        form.addRow(self.review_label, self.review_on)
        self.column.addLayout(form)
        self.review_note = label("", hint=True)
        self.column.addWidget(self.review_note)
        self.column.addStretch()
        self.finish()
        self.advice.toggled.connect(self._advice_changed)
        self._advice_changed(False)

    def _advice_changed(self, sought: bool) -> None:
        self.advice_from.setEnabled(sought)
        self.advice_at.setEnabled(sought)

    def set_threshold(self, threshold: Threshold | None) -> None:
        needs = threshold is not None and THRESHOLD_RULES[threshold].needs_review_date
        self.review_on.setEnabled(needs)
        self.review_label.setEnabled(needs)
        self.review_note.setText(
            "Choose when you will look at this concern again (D2: monitor, with a review "
            "date). It will show on the Dashboard that week."
            if needs
            else "A review date is set only when you monitor a concern."
        )

    def advice_time(self) -> dt.datetime | None:
        if not self.advice.isChecked():
            return None
        value = self.advice_at.dateTime()
        day, time = value.date(), value.time()
        return dt.datetime(
            day.year(), day.month(), day.day(), time.hour(), time.minute(), tzinfo=LONDON
        )


class SharingPage(TriagePage):
    def __init__(self, suggested: LawfulBasis) -> None:
        super().__init__(
            "Consent and the lawful basis for sharing",
            "This decision shares information with another agency (D1). Record the consent "
            "position and the lawful basis.",
        )
        self.position = label("")
        self.position.setObjectName("hint")
        self.consent = QComboBox()
        self.consent.setAccessibleName("Consent")
        self.consent.addItem("Choose…", None)
        for consent in Consent:
            self.consent.addItem(consent.label, consent.value)
        self.reason = text_box("Why consent was not needed, not sought, or refused", 90)
        self.basis = QComboBox()
        self.basis.setAccessibleName("Lawful basis")
        for basis in LawfulBasis:
            self.basis.addItem(basis.label, basis.value)
        self.basis.setCurrentIndex(self.basis.findData(suggested.value))
        self.basis.setMinimumContentsLength(30)
        self.basis.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        form = QFormLayout()
        form.addRow("&Consent", self.consent)
        form.addRow("&Why (unless given)", self.reason)
        form.addRow("&Lawful basis", self.basis)
        left = QVBoxLayout()
        left.addWidget(self.position)
        left.addLayout(form)
        left.addWidget(
            label(
                f"Suggested for your organisation: {suggested.label}. Special category data: "
                f"{SPECIAL_CATEGORY_CONDITION}.",
                hint=True,
            )
        )
        left.addStretch()
        rules = QGroupBox("The seven golden rules")
        rules_column = QVBoxLayout(rules)
        rules_text = QLabel(
            "<ol style='margin-left:-20px'>"
            + "".join(f"<li>{escape(r.text)}</li>" for r in GOLDEN_RULES)
            + f"</ol><p><i>{escape(D1_SOURCE)}</i></p>"
        )
        rules_text.setWordWrap(True)
        rules_text.setTextFormat(Qt.TextFormat.RichText)
        rules_text.setAccessibleName("The seven golden rules of information sharing")
        rules_column.addWidget(rules_text)
        rules.setFixedWidth(330)
        row = QHBoxLayout()
        row.addLayout(left, 1)
        row.addWidget(rules, 0, Qt.AlignmentFlag.AlignTop)
        self.column.addLayout(row, 1)
        self.finish()

    def set_threshold(self, threshold: Threshold | None) -> None:
        if threshold is not None:
            rule = THRESHOLD_RULES[threshold]
            self.position.setText(f"{rule.label}: {rule.consent}")

    # Qt hands a StrEnum back as a plain str: turn it back into its enum.
    def chosen_consent(self) -> Consent | None:
        value = self.consent.currentData()
        return Consent(value) if value else None

    def chosen_basis(self) -> LawfulBasis | None:
        value = self.basis.currentData()
        return LawfulBasis(value) if value else None


class CheckPage(TriagePage):
    def __init__(self) -> None:
        super().__init__(
            "Check and record",
            "Check the decision, then record it. It is added to the concern's record and "
            "cannot be changed afterwards; a later decision can be added.",
        )
        self.summary = QTextBrowser()
        self.summary.setAccessibleName("Summary of the decision")
        self.summary.setTabChangesFocus(True)
        self.summary.setOpenLinks(False)
        self.column.addWidget(self.summary, 1)
        self.finish()
        self.setFinalPage(True)

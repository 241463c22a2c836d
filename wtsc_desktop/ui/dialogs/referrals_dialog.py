"""A child's referrals (issue 6 item 2), opened with "Referrals…" from the child's file
or the record of concern: every referral with its clocks, and the steps that follow one —
the written confirmation of a phone referral (T14), the agency's decision (T1), each
escalation step — and the referral summary as a PDF.

A new referral can be made here on its own, for this child, without a concern.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout, QWidget

from wtsc_desktop.clock import LONDON, today_in_london
from wtsc_desktop.guidance.referral_routes import ReferralMethod
from wtsc_desktop.guidance.timescales import rule
from wtsc_desktop.services import referrals
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.referral_deadlines import NO_DECISION
from wtsc_desktop.services.referrals import ReferralView
from wtsc_desktop.ui.dialogs.casework_parts import CaseworkDialog, fill_table, read_only_table
from wtsc_desktop.ui.dialogs.referral_steps import ConfirmationDialog, EscalationDialog
from wtsc_desktop.ui.dialogs.referral_wizard import DecisionDialog, ReferralWizard
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.formats import date_text
from wtsc_desktop.ui.widgets.form_parts import paragraph
from wtsc_desktop.ui.widgets.warning_colour import warning_colour

COLUMNS = ("No.", "Kind", "Made", "To whom", "Their reference", "Decision", "Escalated")
NOT_RECORDED = "not recorded"


def _when(at: dt.datetime | None) -> str:
    return f"{at.astimezone(LONDON):%d/%m/%Y %H:%M}" if at is not None else NOT_RECORDED


def _yes_no(value: bool) -> str:
    return "yes" if value else "no"


def clock_lines(view: ReferralView, today: dt.date) -> list[tuple[str, bool]]:
    """The referral's clocks in words: T1 (the agency's decision) and T14 (the written
    confirmation of a phone referral), each with its rule, kind of days and source, and
    whether it is the setting's own duty overdue (shown in red)."""
    lines: list[tuple[str, bool]] = []
    if view.decision_at is not None:
        outcome = view.outcome.label if view.outcome is not None else NOT_RECORDED
        lines.append((f"Decision received {_when(view.decision_at)}: {outcome}.", False))
    elif view.decision_expected_on is not None:
        t1 = rule("T1")
        due = date_text(view.decision_expected_on)
        head = NO_DECISION if view.decision_expected_on < today else f"Decision expected by {due}"
        lines.append(
            (
                f"{head} — T1, {t1.length_text}, the local authority's clock "
                f"(expected by {due}). Source: {t1.source}.",
                False,
            )
        )
    if view.method is ReferralMethod.PHONE:
        if view.confirmation_sent_at is not None:
            how = ReferralMethod(view.confirmation_method).label.lower()
            lines.append(
                (f"Confirmed in writing {_when(view.confirmation_sent_at)} ({how}).", False)
            )
        elif view.confirmation_due_on is not None:
            t14 = rule("T14")
            late = view.confirmation_due_on < today
            lines.append(
                (
                    f"{'OVERDUE: ' if late else ''}Confirm this phone referral in writing by "
                    f"{date_text(view.confirmation_due_on)} — T14, {t14.length_text}, "
                    f"your own duty. Source: {t14.source}.",
                    late,
                )
            )
    return lines


def referral_text(view: ReferralView) -> str:
    """Everything recorded on one referral, as the DSL reads it back."""
    kind = view.route_other or view.route.label
    reason = view.consent_reason or NOT_RECORDED
    parts = [
        f"Referral {view.id}: {kind}, made {_when(view.made_at)} by "
        f"{view.method.label.lower()} to {view.agency}"
        + (f" ({view.agency_contact})" if view.agency_contact else "")
        + f". Their reference: {view.their_reference or NOT_RECORDED}.",
        f"Family knows: {_yes_no(view.family_aware)}; consents: "
        f"{_yes_no(view.family_consents)}"
        + ("." if view.family_aware and view.family_consents else f"; why not: {reason}"),
        f"The child's views: {view.child_views or NOT_RECORDED}",
        f"Done already: {view.done_already or NOT_RECORDED}",
        f"Other professionals: {view.professionals or NOT_RECORDED}",
    ]
    if view.decision_text:
        parts.append(f"What they decided: {view.decision_text}")
    for step in view.escalations:
        note = f" — {step.note}" if step.note else ""
        parts.append(
            f"Escalated {_when(step.at)} by {step.by_whom} ({step.reason.label.lower()}): "
            f"{step.step}{note}"
        )
    return "\n".join(parts)


class ReferralsDialog(CaseworkDialog):
    """The referrals of child ``child_id`` (named ``child_name``), newest first."""

    def __init__(
        self,
        signed: SignedIn,
        bus: DataBus | None,
        *,
        child_id: int,
        child_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            signed,
            bus,
            child_id=child_id,
            title=f"Referrals for {child_name}",
            parent=parent,
        )
        self.child_name = child_name
        self.views: list[ReferralView] = []
        self.table = read_only_table("Referrals", COLUMNS)
        self.table.setMinimumHeight(120)
        self.table.setMaximumHeight(200)
        self.status = [paragraph(""), paragraph("")]  # the clocks: T1, then T14
        for label in self.status:
            label.setAccessibleName("What is due on this referral")
        self.details = paragraph("")
        self.details.setAccessibleName("The referral chosen")
        panel = QFrame()
        panel.setFrameShape(QFrame.Shape.StyledPanel)
        inside = QVBoxLayout(panel)
        for label in (*self.status, self.details):
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            inside.addWidget(label)
        self.column.addWidget(
            paragraph(
                "Every referral made for this child. Choose one to record what followed it; "
                "each step is on the child's chronology and in the audit log.",
                hint=True,
            )
        )
        self.column.addWidget(self.table)
        self.column.addWidget(panel)
        self.new_button = self.add_button("&Make a referral…", "Make a referral", self._new)
        self.confirm_button = self.add_button(
            "&Written confirmation…", "Record the written confirmation", self._confirm
        )
        self.decision_button = self.add_button(
            "Record the &decision…", "Record the agency's decision", self._decision
        )
        self.escalate_button = self.add_button(
            "&Escalate…", "Record an escalation step", self._escalate
        )
        self.include_others, self.pdf_button = self.add_pack_button(
            "referral summary", self.chosen_id
        )
        pdf_row = QHBoxLayout()
        pdf_row.addStretch()
        pdf_row.addWidget(self.include_others)
        pdf_row.addWidget(self.pdf_button)
        self.column.addLayout(pdf_row)
        self.table.itemSelectionChanged.connect(self._chosen_changed)
        self.finish_layout()

    def shown_text(self) -> str:
        """Everything said about the referral chosen, clocks first."""
        texts = [label.text() for label in (*self.status, self.details)]
        return "\n".join(text for text in texts if text)

    def chosen(self) -> ReferralView | None:
        row = self.table.currentRow()
        return self.views[row] if 0 <= row < len(self.views) else None

    def chosen_id(self) -> int | None:
        view = self.chosen()
        return None if view is None else view.id

    def load(self) -> None:
        self.views = referrals.referrals_for_child(self.signed, child_id=self.child_id)
        fill_table(
            self.table,
            [
                (
                    str(v.id),
                    v.route_other or v.route.label,
                    date_text(v.made_at.astimezone(LONDON).date()),
                    v.agency,
                    v.their_reference or NOT_RECORDED,
                    (v.outcome.label if v.outcome else "recorded") if v.decision_at else "none yet",
                    str(len(v.escalations)) if v.escalations else "no",
                )
                for v in self.views
            ],
        )
        if self.views:
            self.table.selectRow(0 if self.table.currentRow() < 0 else self.table.currentRow())
        self._chosen_changed()

    def _chosen_changed(self) -> None:
        view = self.chosen()
        today = today_in_london(self.signed.store.clock)
        self.details.setText(
            referral_text(view)
            if view is not None
            else "No referrals yet. Use “Make a referral…” to record one."
        )
        lines = clock_lines(view, today) if view is not None else []
        for index, label in enumerate(self.status):
            text, late = lines[index] if index < len(lines) else ("", False)
            label.setText(text)
            label.setVisible(bool(text))
            red = f"QLabel {{ color: {warning_colour(label).name()}; font-weight: bold; }}"
            label.setStyleSheet(red if late else "QLabel { font-weight: bold; }")
        phone_unconfirmed = (
            view is not None
            and view.method is ReferralMethod.PHONE
            and view.confirmation_sent_at is None
        )
        self.confirm_button.setEnabled(phone_unconfirmed)
        self.decision_button.setEnabled(view is not None and view.decision_at is None)
        for button in (self.escalate_button, self.pdf_button):
            button.setEnabled(view is not None)

    def _new(self) -> None:
        wizard = ReferralWizard(
            self.signed,
            self.bus,
            concern_id=None,
            children=[(self.child_id, self.child_name)],
            parent=self,
        )
        self.open_form(wizard, "The referral was recorded: its clocks are on the Dashboard.")

    def _confirm(self) -> None:
        view = self.chosen()
        if view is not None:
            self.open_form(
                ConfirmationDialog(self.signed, self.bus, view.id, self),
                "The written confirmation is recorded: its clock is cleared.",
            )

    def _decision(self) -> None:
        view = self.chosen()
        if view is not None:
            self.open_form(
                DecisionDialog(self.signed, self.bus, view.id, self),
                "The decision is recorded: its clock is cleared.",
            )

    def _escalate(self) -> None:
        view = self.chosen()
        if view is None:
            return
        today = today_in_london(self.signed.store.clock)
        late = (
            view.decision_at is None
            and view.decision_expected_on is not None
            and view.decision_expected_on < today
        )
        self.open_form(
            EscalationDialog(self.signed, self.bus, view.id, self, no_reply=late),
            "The escalation step is recorded.",
        )

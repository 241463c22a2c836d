"""The steps after a referral is made: the written confirmation of a phone referral
(T14) and each step of the local escalation policy, when the DSL disagrees with the
decision or no reply came by the deadline (issue 6 item 2).

Both save through ``services.referrals``; a refusal is shown on the dialog, the box it
names gets the focus, and nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget

from wtsc_desktop.errors import WtscError
from wtsc_desktop.guidance.referral_routes import EscalationReason, ReferralMethod
from wtsc_desktop.services import agencies, referrals
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.dialogs.form_dialog import FormDialog
from wtsc_desktop.ui.dialogs.referral_wizard import AREA, when_box, when_value
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.widgets.form_parts import choice_box, note_box, paragraph, text_box

WRITTEN = [(m.label, m.value) for m in ReferralMethod if m is not ReferralMethod.PHONE]


class ConfirmationDialog(FormDialog):
    """Record that a phone referral was confirmed in writing (T14), clearing its clock."""

    area = AREA

    def __init__(
        self,
        signed: SignedIn,
        bus: DataBus | None,
        referral_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            signed,
            bus,
            title=f"Written confirmation of referral {referral_id}",
            ok_text="Record the confirmation",
            parent=parent,
        )
        self.referral_id = referral_id
        self.sent_at = when_box("When the confirmation was sent", signed.store.now())
        self.method = choice_box("How it was sent", WRITTEN)
        self.form.addRow("&Sent:", self.sent_at)
        self.form.addRow("&How:", self.method)
        self.fields = {"sent_at": self.sent_at, "method": self.method}
        self.finish_layout(
            paragraph(
                "A referral made by phone is confirmed in writing within one working day "
                "(T14), by the portal or secure email. Recording it clears its clock.",
                hint=True,
            )
        )

    def save(self) -> None:
        referrals.record_confirmation(
            self.signed,
            referral_id=self.referral_id,
            sent_at=when_value(self.sent_at),
            method=ReferralMethod(self.method.currentData()),
        )


def _policy_steps(signed: SignedIn) -> list[str]:
    try:
        return agencies.escalation_steps(signed)
    except WtscError:
        return []


class EscalationDialog(FormDialog):
    """Record one step of the local escalation policy on a referral: why, which step,
    who escalated and when, and what came of it."""

    area = AREA

    def __init__(
        self,
        signed: SignedIn,
        bus: DataBus | None,
        referral_id: int,
        parent: QWidget | None = None,
        *,
        no_reply: bool = False,
    ) -> None:
        super().__init__(
            signed,
            bus,
            title=f"Escalate referral {referral_id}",
            ok_text="Record the escalation step",
            parent=parent,
        )
        self.referral_id = referral_id
        self.reason = choice_box(
            "Why you are escalating", [(r.label, r.value) for r in EscalationReason]
        )
        if no_reply:
            self.reason.setCurrentIndex(self.reason.findData(EscalationReason.NO_REPLY.value))
        steps = _policy_steps(signed)
        self.step = QComboBox()
        self.step.setEditable(True)
        self.step.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.step.setAccessibleName("Which step of the escalation policy")
        self.step.addItems(steps)
        line = self.step.lineEdit()
        assert line is not None  # an editable combo box always has one
        line.setMaxLength(300)
        line.setAccessibleName("Which step of the escalation policy")
        line.setPlaceholderText("e.g. Spoke to the social worker's team manager")
        self.by_whom = text_box("Who escalated")
        self.by_whom.setText(signed.actor.full_name)
        self.at = when_box("When", signed.store.now())
        self.note = note_box("What was said or agreed", 90)
        self.form.addRow("&Why:", self.reason)
        self.form.addRow("&Step:", self.step)
        self.form.addRow("&Who:", self.by_whom)
        self.form.addRow("W&hen:", self.at)
        self.form.addRow("What was &said or agreed:", self.note)
        self.fields = {"step": self.step, "by_whom": self.by_whom, "at": self.at}
        where = (
            "The steps listed are your local escalation policy, from Settings."
            if steps
            else "Write your local escalation policy's steps in Settings (Contacts) to "
            "choose them here."
        )
        self.finish_layout(
            paragraph(
                "When you disagree with a decision, or no reply came in time, follow your "
                "local safeguarding partnership's escalation policy and record each step. " + where,
                hint=True,
            )
        )

    def save(self) -> None:
        referrals.add_escalation(
            self.signed,
            referral_id=self.referral_id,
            reason=EscalationReason(self.reason.currentData()),
            step=self.step.currentText(),
            by_whom=self.by_whom.text(),
            at=when_value(self.at),
            note=self.note.toPlainText(),
        )

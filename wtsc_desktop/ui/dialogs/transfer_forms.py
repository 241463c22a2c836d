"""The forms behind "File transfers": record that a child is leaving for a new setting
(the file is then due by T7), record the day and way the file was sent, and record the
new DSL's confirmation of receipt.

Each saves through ``services.transfers``; a refusal (a parent or ordinary post, a date
in the future, a missing name) is shown on the form with the box to correct in focus,
and nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QWidget

from wtsc_desktop.clock import today_in_london
from wtsc_desktop.services import transfers
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.transfers import NewTransfer, TransferMethod, TransferView
from wtsc_desktop.ui.dialogs.casework_parts import AREA, day_box, day_value
from wtsc_desktop.ui.dialogs.form_dialog import FormDialog
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.formats import date_text
from wtsc_desktop.ui.widgets.form_parts import choice_box, paragraph, text_box


class NewTransferDialog(FormDialog):
    """Record that child ``child_id`` is leaving, and for which setting."""

    area = AREA

    def __init__(
        self, signed: SignedIn, bus: DataBus | None, child_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            signed,
            bus,
            title="Record a file transfer",
            ok_text="Record the transfer",
            parent=parent,
        )
        self.child_id = child_id
        self.new_setting = text_box("The child's new school or setting")
        self.new_dsl = text_box("Name of the new setting's DSL")
        self.new_contact = text_box("The new DSL's phone or secure email", max_length=300)
        self.last_day = day_box("The child's last day here", today_in_london(signed.store.clock))
        for label, box in (
            ("New &setting:", self.new_setting),
            ("Their &DSL:", self.new_dsl),
            ("DSL's &contact:", self.new_contact),
            ("Child's &last day:", self.last_day),
        ):
            self.form.addRow(label, box)
        self.fields = {
            "new_setting": self.new_setting,
            "new_dsl_name": self.new_dsl,
            "last_day": self.last_day,
        }
        self.finish_layout(
            paragraph(
                "The child protection file goes to the new setting's DSL, apart from the "
                "main pupil file, within 5 school days of the child's last day (T7, KCSIE "
                "Annex C).",
                hint=True,
            )
        )

    def save(self) -> None:
        transfers.record_transfer(
            self.signed,
            transfer=NewTransfer(
                child_id=self.child_id,
                new_setting=self.new_setting.text(),
                new_dsl_name=self.new_dsl.text(),
                last_day=day_value("last_day", self.last_day),
                new_contact=self.new_contact.text(),
            ),
        )


class SentDialog(FormDialog):
    """Record the day and way ``transfer``'s file was sent."""

    area = AREA

    def __init__(
        self,
        signed: SignedIn,
        bus: DataBus | None,
        transfer: TransferView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            signed, bus, title="Record the file as sent", ok_text="Record as sent", parent=parent
        )
        self.transfer = transfer
        self.sent_on = day_box("Day the file was sent", today_in_london(signed.store.clock))
        self.method = choice_box("How it was sent", [(m.label, m.value) for m in TransferMethod])
        self.kept_separate = QCheckBox("Sent apart from the main pupil &file")
        self.kept_separate.setAccessibleName("Sent apart from the main pupil file")
        self.form.addRow("&Sent on:", self.sent_on)
        self.form.addRow("&How:", self.method)
        self.form.addRow("", self.kept_separate)
        self.fields = {"sent_on": self.sent_on, "method": self.method}
        self.finish_layout(
            paragraph(
                f"To {transfer.new_setting} (DSL {transfer.new_dsl_name}), due by "
                f"{date_text(transfer.due_on)}. Never by a parent or carer, never by "
                "ordinary post.",
                hint=True,
            )
        )

    def save(self) -> None:
        method = TransferMethod(self.method.currentData())
        transfers.record_sent(
            self.signed,
            transfer_id=self.transfer.id,
            sent_on=day_value("sent_on", self.sent_on),
            method=method,
            kept_separate=self.kept_separate.isChecked(),
        )


class ReceiptDialog(FormDialog):
    """Record that the new setting's DSL confirmed receipt of ``transfer``'s file."""

    area = AREA

    def __init__(
        self,
        signed: SignedIn,
        bus: DataBus | None,
        transfer: TransferView,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            signed, bus, title="Confirm receipt", ok_text="Record the receipt", parent=parent
        )
        self.transfer = transfer
        self.received_by = text_box("Who confirmed receipt")
        self.received_by.setText(transfer.new_dsl_name)
        self.received_on = day_box("Day receipt was confirmed", today_in_london(signed.store.clock))
        self.form.addRow("Confirmed &by:", self.received_by)
        self.form.addRow("&On:", self.received_on)
        self.fields = {"received_by": self.received_by, "received_on": self.received_on}
        self.finish_layout(
            paragraph(
                f"The file went to {transfer.new_setting} on {date_text(transfer.sent_on)}. "
                "Record the signed receipt slip, or the new DSL's written confirmation.",
                hint=True,
            )
        )

    def save(self) -> None:
        transfers.confirm_receipt(
            self.signed,
            transfer_id=self.transfer.id,
            received_by=self.received_by.text(),
            received_on=day_value("received_on", self.received_on),
        )

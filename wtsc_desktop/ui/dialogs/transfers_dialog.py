""" "File transfers" for one child (issue 6, item 5): each transfer of the child
protection file to a new setting — the new setting and its DSL, the child's last day,
the date the file is due by (T7, in school days, with the rule and source), the day and
way it was sent, and the receipt the new DSL confirmed (by whom, when), or a plain
reminder to chase the new setting once the receipt is due.

Buttons open the forms of ``transfer_forms``; "Save transfer pack as PDF…" prints the
chosen transfer's pack, other children named as "another child" unless the box to
include their names is ticked.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import QWidget

from wtsc_desktop.clock import today_in_london
from wtsc_desktop.guidance.timescales import rule
from wtsc_desktop.services import transfers
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.plan_deadlines import RECEIPT_NOT_CONFIRMED, CaseClock
from wtsc_desktop.services.transfers import TransferView
from wtsc_desktop.ui.background import Runner
from wtsc_desktop.ui.dialogs.casework_parts import (
    CaseworkDialog,
    fill_table,
    open_clocks,
    read_only_table,
)
from wtsc_desktop.ui.dialogs.transfer_forms import NewTransferDialog, ReceiptDialog, SentDialog
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.formats import date_text
from wtsc_desktop.ui.widgets.chronology_panel import section_title
from wtsc_desktop.ui.widgets.form_parts import paragraph
from wtsc_desktop.ui.widgets.warning_colour import warning_colour

COLUMNS = ("New setting", "Their DSL", "Last day here", "File due by", "Sent", "Receipt")
DUE, RECEIPT = 3, 5
NOTHING_DUE = "Nothing is due: every file recorded here has been sent and its receipt confirmed."


def due_text(transfer: TransferView) -> str:
    t7 = rule("T7")
    return f"{date_text(transfer.due_on)} (T7, {t7.amount} {t7.unit.value})"


def sent_text(transfer: TransferView) -> str:
    if transfer.sent_on is None:
        return "Not sent yet"
    method = transfer.method.label if transfer.method is not None else "way not recorded"
    apart = "apart from" if transfer.kept_separate else "not apart from"
    return f"{date_text(transfer.sent_on)}: {method}; {apart} the main pupil file"


def receipt_text(transfer: TransferView, chase: CaseClock | None, today: dt.date) -> str:
    """Who confirmed receipt and when; or, once it is due, the reminder to chase."""
    if transfer.receipt_on is not None:
        return f"Confirmed by {transfer.receipt_by} on {date_text(transfer.receipt_on)}"
    if transfer.sent_on is None or chase is None:
        return "Not sent yet"
    if chase.due_on <= today:
        return RECEIPT_NOT_CONFIRMED
    return f"Waiting: expected by {date_text(chase.due_on)}"


class TransfersDialog(CaseworkDialog):
    """The child protection file transfers of child ``child_id`` (``child_name``)."""

    def __init__(
        self,
        signed: SignedIn,
        bus: DataBus | None,
        *,
        child_id: int,
        child_name: str,
        parent: QWidget | None = None,
        runner: Runner | None = None,
    ) -> None:
        super().__init__(
            signed,
            bus,
            child_id=child_id,
            title=f"File transfers: {child_name}",
            parent=parent,
        )
        self.transfers: list[TransferView] = []
        self.table = read_only_table("File transfers", COLUMNS, wide=(0, 4, 5))
        self.none_yet = paragraph("No file transfer recorded yet.", hint=True)
        self.column.addWidget(
            paragraph(
                "When a child leaves for another school or setting, send their child "
                "protection file to the new DSL, apart from the main pupil file, by a "
                "secure route, and get the receipt back. The file transfer is the "
                "setting's own duty.",
                hint=True,
            )
        )
        self.column.addWidget(section_title("File transfers"))
        self.column.addWidget(self.table, 1)
        self.column.addWidget(self.none_yet)
        self.column.addWidget(section_title("What is due"))
        self.new_button = self.add_button(
            "Record a &new transfer…", "Record a new transfer", self._new
        )
        self.sent_button = self.add_button("Record as &sent…", "Record as sent", self._sent)
        self.receipt_button = self.add_button("&Confirm receipt…", "Confirm receipt", self._receipt)
        self.include_others, self.pdf_button = self.add_pack_button(
            "transfer pack", self._chosen_id, runner
        )
        self.buttons.addWidget(self.include_others)
        self.buttons.addWidget(self.pdf_button)
        self.table.itemSelectionChanged.connect(self._enable)
        self.finish_layout()

    def chosen(self) -> TransferView | None:
        row = self.table.currentRow()
        return self.transfers[row] if 0 <= row < len(self.transfers) else None

    def _chosen_id(self) -> int | None:
        chosen = self.chosen()
        return None if chosen is None else chosen.id

    def load(self) -> None:
        self.transfers = transfers.transfers_for_child(self.signed, child_id=self.child_id)
        today = today_in_london(self.signed.store.clock)
        clocks = [c for c in open_clocks(self.signed, self.child_id) if c.kind == "transfer"]
        chases = {c.transfer_id: c for c in clocks if c.title == RECEIPT_NOT_CONFIRMED}
        rows = [
            [
                t.new_setting,
                t.new_dsl_name,
                date_text(t.last_day),
                due_text(t),
                sent_text(t),
                receipt_text(t, chases.get(t.id), today),
            ]
            for t in self.transfers
        ]
        fill_table(self.table, rows)
        self._mark_overdue(today, chases)
        self.table.setVisible(bool(rows))
        self.none_yet.setVisible(not rows)
        # A receipt not yet due is shown in the table as "expected by", not as a duty.
        due = [c for c in clocks if c.title != RECEIPT_NOT_CONFIRMED or c.due_on <= today]
        self.show_clocks(due, NOTHING_DUE)
        self._enable()

    def _mark_overdue(self, today: dt.date, chases: dict[int | None, CaseClock]) -> None:
        """The setting's own duties that have come due, in red: a file not sent by its
        date, a receipt not confirmed by its date."""
        red = warning_colour(self.table)
        for row, t in enumerate(self.transfers):
            chase = chases.get(t.id)
            late_file = t.sent_on is None and t.due_on < today
            late_receipt = t.receipt_on is None and chase is not None and chase.due_on <= today
            for column, late in ((DUE, late_file), (RECEIPT, late_receipt)):
                item = self.table.item(row, column)
                if late and item is not None:
                    item.setForeground(red)

    def _enable(self) -> None:
        chosen = self.chosen()
        self.sent_button.setEnabled(chosen is not None and chosen.sent_on is None)
        waiting = chosen is not None and chosen.sent_on is not None
        self.receipt_button.setEnabled(waiting and chosen is not None and not chosen.receipt_on)
        self.pdf_button.setEnabled(chosen is not None)

    def _new(self) -> None:
        self.open_form(
            NewTransferDialog(self.signed, self.bus, self.child_id, self),
            "The transfer is recorded. Send the file by the date shown.",
        )

    def _sent(self) -> None:
        chosen = self.chosen()
        if chosen is not None:
            self.open_form(
                SentDialog(self.signed, self.bus, chosen, self),
                "The file is recorded as sent. Record the receipt when it comes back.",
            )

    def _receipt(self) -> None:
        chosen = self.chosen()
        if chosen is not None:
            self.open_form(
                ReceiptDialog(self.signed, self.bus, chosen, self), "The receipt is recorded."
            )

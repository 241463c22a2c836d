"""Child protection file transfer (issue 6, item 5): the new setting, the child's last
day, the date and method sent (T7, in school days on the organisation's term dates and
closures), kept separate from the main file, and the receipt the new DSL confirms.

Every write is audited as record type "cp_transfer" with its id, never its content.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from wtsc_desktop.clock import LONDON
from wtsc_desktop.errors import NotFound, ValidationError
from wtsc_desktop.guidance.timescales import due_date
from wtsc_desktop.services.context import SignedIn, reading_as, unit
from wtsc_desktop.services.deadlines import school_calendar
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.services.settings import read_settings
from wtsc_desktop.store.models import Child, CpTransfer


class TransferMethod(enum.Enum):
    """How a child protection file travels. The last two are always refused."""

    HAND_DELIVERY = "hand_delivery"
    SIGNED_FOR_POST = "signed_for_post"
    SECURE_ELECTRONIC = "secure_electronic"
    BY_PARENT = "by_parent"
    PLAIN_POST = "plain_post"

    @property
    def label(self) -> str:
        """The method in plain words."""
        return {
            "hand_delivery": "Hand delivery with a signed log",
            "signed_for_post": "Signed-for post marked for the DSL only",
            "secure_electronic": "Secure electronic transfer",
            "by_parent": "Given to a parent or carer to take",
            "plain_post": "Ordinary post",
        }[self.value]


REFUSED_METHODS = {
    TransferMethod.BY_PARENT: (
        "A child protection file is never sent by a parent or carer. Hand deliver it with "
        "a signed log, send it by signed-for post marked for the DSL only, or use a secure "
        "electronic transfer."
    ),
    TransferMethod.PLAIN_POST: (
        "A child protection file is never sent by ordinary post. Use signed-for post "
        "marked for the DSL only, hand delivery with a signed log, or a secure electronic "
        "transfer."
    ),
}


@dataclass(frozen=True)
class NewTransfer:
    """A transfer to record once the child is leaving and the new setting is known."""

    child_id: int
    new_setting: str
    new_dsl_name: str
    last_day: dt.date
    new_contact: str = ""


@dataclass(frozen=True)
class TransferView:
    """A transfer as read back, with its T7 due date."""

    id: int
    child_id: int
    new_setting: str
    new_dsl_name: str
    new_contact: str
    last_day: dt.date
    due_on: dt.date
    sent_on: dt.date | None
    method: TransferMethod | None
    kept_separate: bool | None
    receipt_by: str
    receipt_on: dt.date | None


def check_method(method: TransferMethod) -> None:
    """Raise ``ValidationError`` with a plain message for a method that is never allowed."""
    refusal = REFUSED_METHODS.get(method)
    if refusal is not None:
        raise ValidationError("method", refusal)


def _today(now: dt.datetime) -> dt.date:
    return now.astimezone(LONDON).date()


def record_transfer(signed: SignedIn, *, transfer: NewTransfer) -> int:
    """Record a file transfer to come (DSL and deputies); returns its id.

    The file is due by T7: 5 school days counted from the day after the child's last
    day, on the organisation's term dates and closures.
    """
    calendar = school_calendar(read_settings(signed))
    with unit(signed, Action.MAKE_REFERRALS) as work:
        if not transfer.new_setting.strip():
            raise ValidationError("new_setting", "Name the child's new school or setting.")
        if not transfer.new_dsl_name.strip():
            raise ValidationError("new_dsl_name", "Give the name of the new setting's DSL.")
        if work.session.get(Child, transfer.child_id) is None:
            raise NotFound("That child")
        row = CpTransfer(
            child_id=transfer.child_id,
            new_setting=transfer.new_setting.strip()[:200],
            new_dsl_name=transfer.new_dsl_name.strip()[:200],
            new_contact=transfer.new_contact.strip()[:300],
            last_day=transfer.last_day,
            due_on=due_date("T7", transfer.last_day, calendar=calendar).due,
            recorded_by=signed.actor.user_id,
            recorded_at=work.now,
        )
        work.session.add(row)
        work.session.flush()
        work.audit("file transfer recorded", "cp_transfer", row.id)
        return row.id


def _load(session: Session, transfer_id: int) -> CpTransfer:
    row = session.get(CpTransfer, transfer_id)
    if row is None:
        raise NotFound("That file transfer")
    return row


def record_sent(
    signed: SignedIn,
    *,
    transfer_id: int,
    sent_on: dt.date,
    method: TransferMethod,
    kept_separate: bool,
) -> None:
    """Record the day and method the file was sent, and whether it went apart from the
    main pupil file; this clears the T7 clock and starts the receipt chase. A parent or
    ordinary post is refused with a message saying what to do instead."""
    check_method(method)
    with unit(signed, Action.MAKE_REFERRALS) as work:
        if sent_on > _today(work.now):
            raise ValidationError("sent_on", "The day sent is in the future.")
        row = _load(work.session, transfer_id)
        row.sent_on, row.method, row.kept_separate = sent_on, method.value, kept_separate
        work.audit("file transfer sent", "cp_transfer", row.id)


def confirm_receipt(
    signed: SignedIn, *, transfer_id: int, received_by: str, received_on: dt.date
) -> None:
    """Record that the new setting's DSL confirmed receipt; this clears the chase."""
    with unit(signed, Action.MAKE_REFERRALS) as work:
        if not received_by.strip():
            raise ValidationError("received_by", "Say who confirmed receipt.")
        if received_on > _today(work.now):
            raise ValidationError("received_on", "The receipt date is in the future.")
        row = _load(work.session, transfer_id)
        if row.sent_on is None:
            raise ValidationError("received_on", "Record when the file was sent first.")
        if received_on < row.sent_on:
            raise ValidationError("received_on", "The receipt came before the file was sent.")
        row.receipt_by, row.receipt_on = received_by.strip()[:200], received_on
        work.audit("file transfer receipt confirmed", "cp_transfer", row.id)


def transfers_for_child(signed: SignedIn, *, child_id: int) -> list[TransferView]:
    """A child's file transfers, oldest first."""
    with reading_as(signed, Action.MAKE_REFERRALS) as session:
        rows = session.scalars(
            select(CpTransfer).where(CpTransfer.child_id == child_id).order_by(CpTransfer.id)
        ).all()
        return [
            TransferView(
                r.id,
                r.child_id,
                r.new_setting,
                r.new_dsl_name,
                r.new_contact,
                r.last_day,
                r.due_on,
                r.sent_on,
                TransferMethod(r.method) if r.method else None,
                r.kept_separate,
                r.receipt_by,
                r.receipt_on,
            )
            for r in rows
        ]

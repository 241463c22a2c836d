"""The DSL's inbox: new concerns (urgent first) and new addenda, until acknowledged."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from wtsc_desktop.errors import NotFound
from wtsc_desktop.services.concern_lists import summaries
from wtsc_desktop.services.concern_types import ConcernSummary
from wtsc_desktop.services.context import SignedIn, reading_as, unit
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.store.models import Addendum, Concern


@dataclass(frozen=True)
class InboxItem:
    kind: str  # "concern" or "addendum"
    concern: ConcernSummary
    addendum_id: int | None
    arrived_at: dt.datetime


def inbox(signed: SignedIn) -> list[InboxItem]:
    """Everything not yet acknowledged: urgent concerns first, then oldest first."""
    with reading_as(signed, Action.TRIAGE) as session:
        concern_rows = session.execute(
            select(Concern.id, Concern.recorded_at, Concern.urgent).where(
                Concern.acknowledged_at.is_(None)
            )
        ).all()
        addendum_rows = session.execute(
            select(Addendum.id, Addendum.concern_id, Addendum.written_at).where(
                Addendum.acknowledged_at.is_(None)
            )
        ).all()
        ids = {r.id for r in concern_rows} | {r.concern_id for r in addendum_rows}
        by_id = {s.id: s for s in summaries(session, sorted(ids))}
    items = [InboxItem("concern", by_id[r.id], None, r.recorded_at) for r in concern_rows]
    items += [InboxItem("addendum", by_id[r.concern_id], r.id, r.written_at) for r in addendum_rows]
    items.sort(key=lambda i: (not i.concern.urgent, i.arrived_at))
    return items


def unacknowledged_count(signed: SignedIn) -> int:
    """The number on the inbox badge."""
    with reading_as(signed, Action.TRIAGE) as session:
        concerns = session.scalar(
            select(func.count(Concern.id)).where(Concern.acknowledged_at.is_(None))
        )
        addenda = session.scalar(
            select(func.count(Addendum.id)).where(Addendum.acknowledged_at.is_(None))
        )
    return int(concerns or 0) + int(addenda or 0)


def acknowledge(signed: SignedIn, *, concern_id: int, addendum_id: int | None = None) -> None:
    """Mark a new concern (or one of its addenda) as seen by the DSL or a deputy."""
    with unit(signed, Action.TRIAGE) as work:
        if addendum_id is None:
            row = work.session.get(Concern, concern_id)
            if row is None:
                raise NotFound("That concern")
            if row.acknowledged_at is None:
                row.acknowledged_at, row.acknowledged_by = work.now, signed.actor.user_id
                work.audit("concern acknowledged", "concern", row.id)
            return
        addendum = work.session.get(Addendum, addendum_id)
        if addendum is None or addendum.concern_id != concern_id:
            raise NotFound("That addendum")
        if addendum.acknowledged_at is None:
            addendum.acknowledged_at = work.now
            addendum.acknowledged_by = signed.actor.user_id
            work.audit(
                "addendum acknowledged", "concern", concern_id, detail=f"addendum {addendum.id}"
            )

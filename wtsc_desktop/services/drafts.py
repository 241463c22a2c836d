"""Drafts: what someone was typing when the session locked (or every few seconds), kept
inside the encrypted database and offered back only to its author.

The audit trail records a draft's creation and its discarding, not each save.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from wtsc_desktop.errors import NotFound
from wtsc_desktop.services.context import SignedIn, reading_as, unit
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.store.models import Draft


@dataclass(frozen=True)
class DraftSummary:
    id: int
    kind: str
    payload: dict[str, Any]
    updated_at: dt.datetime


def save_draft(
    signed: SignedIn, *, kind: str, payload: dict[str, Any], draft_id: int | None = None
) -> int:
    """Create or update the caller's draft; returns its id."""
    text = json.dumps(payload, ensure_ascii=False)
    with unit(signed, Action.KEEP_DRAFTS) as work:
        row = None if draft_id is None else work.session.get(Draft, draft_id)
        if row is not None and row.author_id != signed.actor.user_id:
            row = None
        if row is None:
            row = Draft(
                author_id=signed.actor.user_id,
                kind=kind,
                payload=text,
                created_at=work.now,
                updated_at=work.now,
            )
            work.session.add(row)
            work.session.flush()
            work.audit("draft created", "draft", row.id, detail=kind)
        else:
            row.payload, row.updated_at = text, work.now
        return row.id


def my_drafts(signed: SignedIn, *, kind: str | None = None) -> list[DraftSummary]:
    """The caller's own drafts, newest first. Nobody sees anyone else's."""
    with reading_as(signed, Action.KEEP_DRAFTS) as session:
        query = select(Draft).where(Draft.author_id == signed.actor.user_id)
        if kind is not None:
            query = query.where(Draft.kind == kind)
        rows = session.scalars(query.order_by(Draft.updated_at.desc()))
        return [DraftSummary(r.id, r.kind, json.loads(r.payload), r.updated_at) for r in rows]


def discard_draft(signed: SignedIn, *, draft_id: int, reason: str = "discarded") -> None:
    """Remove one of the caller's drafts (after it was submitted or thrown away)."""
    with unit(signed, Action.KEEP_DRAFTS) as work:
        row = work.session.get(Draft, draft_id)
        if row is None or row.author_id != signed.actor.user_id:
            raise NotFound("That draft")
        work.session.delete(row)
        work.audit(f"draft {reason}", "draft", draft_id, detail=row.kind)

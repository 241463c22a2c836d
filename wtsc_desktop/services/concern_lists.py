"""Lists of concerns, a page at a time, showing each person only what they may see.

A page is one statement: each concern's row with its reporter, and its children and
categories gathered beside it (SQLite's ``json_group_array``), so a page costs one query
however many concerns there are. It is written as SQL (typed through ``columns``), so
its first run compiles in a fraction of a millisecond: it runs while the DSL waits for
the Concerns list after signing in. The concern's own text stays on disk until opened.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import (
    BindParameter,
    Boolean,
    Integer,
    String,
    TextualSelect,
    bindparam,
    func,
    select,
    text,
)
from sqlalchemy.orm import Session

from wtsc_desktop.guidance.categories import Part
from wtsc_desktop.services.concern_types import ConcernSummary, name_from_parts
from wtsc_desktop.services.context import SignedIn, reading_as
from wtsc_desktop.services.permissions import Action, allowed
from wtsc_desktop.store.models import Concern
from wtsc_desktop.store.models.base import UtcDateTime

_SUMMARY = """
SELECT c.id, c.recorded_at, c.observed_at, c.observed_time_known, c.urgent,
       c.acknowledged_at, u.full_name,
       (SELECT json_group_array(json_array(cc.description, ch.legal_forename,
                                           ch.legal_surname, ch.preferred_name)
                                ORDER BY cc.id)
          FROM concern_child AS cc LEFT OUTER JOIN child AS ch ON ch.id = cc.child_id
         WHERE cc.concern_id = c.id AND cc.part = :subject) AS subjects,
       (SELECT json_group_array(code ORDER BY code)
          FROM concern_category WHERE concern_id = c.id) AS codes
  FROM concern AS c LEFT OUTER JOIN app_user AS u ON u.id = c.reporter_id
"""
_NEWEST_FIRST = "ORDER BY c.recorded_at DESC, c.id DESC LIMIT :limit OFFSET :offset"


def _typed(sql: str, *binds: BindParameter[Any]) -> TextualSelect:
    return (
        text(sql)
        .bindparams(*binds, subject=Part.SUBJECT.value)
        .columns(
            id=Integer,
            recorded_at=UtcDateTime,
            observed_at=UtcDateTime,
            observed_time_known=Boolean,
            urgent=Boolean,
            acknowledged_at=UtcDateTime,
            full_name=String,
            subjects=String,
            codes=String,
        )
    )


_EVERY_PAGE = _typed(f"{_SUMMARY} {_NEWEST_FIRST}")
_OWN_PAGE = _typed(f"{_SUMMARY} WHERE c.reporter_id = :reporter {_NEWEST_FIRST}")
_THESE = _typed(f"{_SUMMARY} WHERE c.id IN :ids", bindparam("ids", expanding=True))


def _sees_all(signed: SignedIn) -> bool:
    return allowed(signed.actor.role, Action.VIEW_CONCERNS)


def count_concerns(signed: SignedIn) -> int:
    """How many concerns the caller may see."""
    query = select(func.count()).select_from(Concern)
    if not _sees_all(signed):
        query = query.where(Concern.reporter_id == signed.actor.user_id)
    with reading_as(signed, Action.VIEW_OWN_CONCERNS) as session:
        return int(session.scalar(query) or 0)


def list_concerns(signed: SignedIn, *, offset: int = 0, limit: int = 100) -> list[ConcernSummary]:
    """A page of the concerns the caller may see, newest recorded first."""
    page = {"offset": offset, "limit": limit}
    if _sees_all(signed):
        query = _EVERY_PAGE
    else:
        query, page["reporter"] = _OWN_PAGE, signed.actor.user_id
    with reading_as(signed, Action.VIEW_OWN_CONCERNS) as session:
        rows = session.execute(query, page).all()
    return [_summary(row) for row in rows]


def summaries(session: Session, ids: Sequence[int]) -> list[ConcernSummary]:
    """Summaries of ``ids``, in that order (for lists, the inbox and search results)."""
    if not ids:
        return []
    found = {row[0]: row for row in session.execute(_THESE, {"ids": list(ids)})}
    return [_summary(found[i]) for i in ids if i in found]


def _summary(row: Any) -> ConcernSummary:
    number, recorded, observed, time_known, urgent, acknowledged, reporter, subjects, codes = row
    return ConcernSummary(
        id=number,
        recorded_at=recorded,
        observed_at=observed,
        reporter=reporter or "",
        subjects=tuple(
            description if forename is None else name_from_parts(forename, surname, preferred)
            for description, forename, surname, preferred in json.loads(subjects)
        ),
        categories=tuple(json.loads(codes)),
        urgent=bool(urgent),
        acknowledged=acknowledged is not None,
        observed_time_known=bool(time_known),
    )

"""Lists of concerns, a page at a time, showing each person only what they may see."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session

from wtsc_desktop.guidance.categories import Part
from wtsc_desktop.services.concern_types import ConcernSummary, name_from_parts
from wtsc_desktop.services.context import SignedIn, reading_as
from wtsc_desktop.services.permissions import Action, allowed
from wtsc_desktop.store.models import Child, Concern, ConcernCategory, ConcernChild, User


def _visible(signed: SignedIn) -> Select[int]:
    query = select(Concern.id)
    if not allowed(signed.actor.role, Action.VIEW_CONCERNS):
        query = query.where(Concern.reporter_id == signed.actor.user_id)
    return query


def count_concerns(signed: SignedIn) -> int:
    """How many concerns the caller may see."""
    with reading_as(signed, Action.VIEW_OWN_CONCERNS) as session:
        return int(
            session.scalar(select(func.count()).select_from(_visible(signed).subquery())) or 0
        )


def list_concerns(signed: SignedIn, *, offset: int = 0, limit: int = 100) -> list[ConcernSummary]:
    """A page of the concerns the caller may see, newest recorded first."""
    query = _summary_rows().order_by(Concern.recorded_at.desc(), Concern.id.desc())
    if not allowed(signed.actor.role, Action.VIEW_CONCERNS):
        query = query.where(Concern.reporter_id == signed.actor.user_id)
    with reading_as(signed, Action.VIEW_OWN_CONCERNS) as session:
        return _summaries(session, session.execute(query.offset(offset).limit(limit)).all())


def summaries(session: Session, ids: Sequence[int]) -> list[ConcernSummary]:
    """Summaries of ``ids``, in that order (for lists, the inbox and search results)."""
    if not ids:
        return []
    rows = {r.id: r for r in session.execute(_summary_rows().where(Concern.id.in_(ids)))}
    return _summaries(session, [rows[i] for i in ids if i in rows])


_SummaryRows = Select[int, dt.datetime, dt.datetime, bool, bool, dt.datetime | None, str]
_SummaryRow = Row[int, dt.datetime, dt.datetime, bool, bool, dt.datetime | None, str]


def _summary_rows() -> _SummaryRows:
    # Only the columns a list shows: the concern's own text stays on disk until opened.
    return select(
        Concern.id,
        Concern.recorded_at,
        Concern.observed_at,
        Concern.observed_time_known,
        Concern.urgent,
        Concern.acknowledged_at,
        User.full_name,
    ).outerjoin(User, User.id == Concern.reporter_id)


def _summaries(session: Session, rows: Sequence[_SummaryRow]) -> list[ConcernSummary]:
    ids = [r.id for r in rows]
    subjects: dict[int, list[str]] = {i: [] for i in ids}
    for concern_id, description, forename, surname, preferred in session.execute(
        select(
            ConcernChild.concern_id,
            ConcernChild.description,
            Child.legal_forename,
            Child.legal_surname,
            Child.preferred_name,
        )
        .outerjoin(Child, Child.id == ConcernChild.child_id)
        .where(ConcernChild.concern_id.in_(ids), ConcernChild.part == Part.SUBJECT.value)
        .order_by(ConcernChild.id)
    ):
        subjects[concern_id].append(
            description if forename is None else name_from_parts(forename, surname, preferred)
        )
    codes: dict[int, list[str]] = {i: [] for i in ids}
    for concern_id, code in session.execute(
        select(ConcernCategory.concern_id, ConcernCategory.code).where(
            ConcernCategory.concern_id.in_(ids)
        )
    ):
        codes[concern_id].append(code)
    return [
        ConcernSummary(
            id=r.id,
            recorded_at=r.recorded_at,
            observed_at=r.observed_at,
            reporter=r.full_name or "",
            subjects=tuple(subjects[r.id]),
            categories=tuple(codes[r.id]),
            urgent=r.urgent,
            acknowledged=r.acknowledged_at is not None,
            observed_time_known=r.observed_time_known,
        )
        for r in rows
    ]

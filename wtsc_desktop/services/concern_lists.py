"""Lists of concerns, a page at a time, showing each person only what they may see."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from wtsc_desktop.guidance.categories import Part
from wtsc_desktop.services.concern_types import ConcernSummary, display_name
from wtsc_desktop.services.concerns import user_names
from wtsc_desktop.services.context import SignedIn, reading_as
from wtsc_desktop.services.permissions import Action, allowed
from wtsc_desktop.store.models import Child, Concern, ConcernCategory, ConcernChild


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
    with reading_as(signed, Action.VIEW_OWN_CONCERNS) as session:
        ids = list(
            session.scalars(
                _visible(signed)
                .order_by(Concern.recorded_at.desc(), Concern.id.desc())
                .offset(offset)
                .limit(limit)
            )
        )
        return summaries(session, ids)


def summaries(session: Session, ids: Sequence[int]) -> list[ConcernSummary]:
    """Summaries of ``ids``, in that order (for lists, the inbox and search results)."""
    if not ids:
        return []
    rows = {c.id: c for c in session.scalars(select(Concern).where(Concern.id.in_(ids)))}
    names = user_names(session, {c.reporter_id for c in rows.values()})
    subjects: dict[int, list[str]] = {i: [] for i in ids}
    for link, child in session.execute(
        select(ConcernChild, Child)
        .outerjoin(Child, Child.id == ConcernChild.child_id)
        .where(ConcernChild.concern_id.in_(ids), ConcernChild.part == Part.SUBJECT.value)
    ):
        subjects[link.concern_id].append(display_name(child) if child else link.description)
    codes: dict[int, list[str]] = {i: [] for i in ids}
    for concern_id, code in session.execute(
        select(ConcernCategory.concern_id, ConcernCategory.code).where(
            ConcernCategory.concern_id.in_(ids)
        )
    ):
        codes[concern_id].append(code)
    return [
        ConcernSummary(
            id=i,
            recorded_at=rows[i].recorded_at,
            observed_at=rows[i].observed_at,
            reporter=names.get(rows[i].reporter_id, ""),
            subjects=tuple(subjects[i]),
            categories=tuple(codes[i]),
            urgent=rows[i].urgent,
            acknowledged=rows[i].acknowledged_at is not None,
            observed_time_known=rows[i].observed_time_known,
        )
        for i in ids
        if i in rows
    ]

"""Reading the audit trail (DSL and read-only reviewer), a page at a time, with filters,
and checking that the chain is whole.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Select, func, select

from wtsc_desktop.services.context import SignedIn, reading_as
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.store import audit
from wtsc_desktop.store.models import AuditEvent, User


@dataclass(frozen=True)
class AuditFilter:
    user_id: int | None = None
    action: str = ""
    since: dt.datetime | None = None
    until: dt.datetime | None = None
    # Events up to this number only: a table showing the trail pins it when it loads, so
    # that events added meanwhile do not shift the pages it has not fetched yet.
    through_seq: int | None = None


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    at: dt.datetime
    user: str
    action: str
    record_type: str
    record_id: str
    outcome: str
    detail: str


def _filtered(query: Select[AuditEvent, str], wanted: AuditFilter) -> Select[AuditEvent, str]:
    if wanted.user_id is not None:
        query = query.where(AuditEvent.user_id == wanted.user_id)
    if wanted.action:
        query = query.where(AuditEvent.action == wanted.action)
    if wanted.since is not None:
        query = query.where(AuditEvent.at >= wanted.since)
    if wanted.until is not None:
        query = query.where(AuditEvent.at < wanted.until)
    if wanted.through_seq is not None:
        query = query.where(AuditEvent.seq <= wanted.through_seq)
    return query


def _base() -> Select[AuditEvent, str]:
    return select(AuditEvent, User.user_name).outerjoin(User, User.id == AuditEvent.user_id)


def count_events(signed: SignedIn, *, wanted: AuditFilter = AuditFilter()) -> int:
    """How many events match, for a lazy table."""
    with reading_as(signed, Action.VIEW_AUDIT_LOG) as session:
        query = _filtered(_base(), wanted).with_only_columns(func.count())
        return int(session.scalar(query) or 0)


def list_events(
    signed: SignedIn, *, wanted: AuditFilter = AuditFilter(), offset: int = 0, limit: int = 200
) -> list[AuditEntry]:
    """One page of events, newest first."""
    with reading_as(signed, Action.VIEW_AUDIT_LOG) as session:
        query = (
            _filtered(_base(), wanted).order_by(AuditEvent.seq.desc()).offset(offset).limit(limit)
        )
        return [
            AuditEntry(
                seq=e.seq,
                at=e.at,
                user=name or ("(no one signed in)" if e.user_id is None else f"user {e.user_id}"),
                action=e.action,
                record_type=e.record_type,
                record_id=e.record_id,
                outcome=e.outcome,
                detail=e.detail,
            )
            for e, name in session.execute(query)
        ]


def action_names(signed: SignedIn) -> list[str]:
    """Every action that appears in the trail, for the filter list."""
    with reading_as(signed, Action.VIEW_AUDIT_LOG) as session:
        return list(
            session.scalars(select(AuditEvent.action).distinct().order_by(AuditEvent.action))
        )


def chain_head_text(signed: SignedIn) -> str:
    """The chain head as printed in the footer of every export: ``#seq mac-prefix``."""
    with reading_as(signed, Action.VIEW_AUDIT_LOG) as session:
        head = audit.current_head(session)
    return "no events" if head is None else f"#{head.seq} {head.mac[:16]}"


@dataclass(frozen=True)
class AuditUser:
    id: int
    user_name: str


def user_names(signed: SignedIn) -> list[AuditUser]:
    """The people who appear in the trail as having done something, for the filter list.

    Readable by whoever may read the trail (the reviewer may not list accounts).
    """
    with reading_as(signed, Action.VIEW_AUDIT_LOG) as session:
        query = (
            select(User.id, User.user_name)
            .where(User.id.in_(select(AuditEvent.user_id).distinct()))
            .order_by(User.user_name)
        )
        return [AuditUser(id=row_id, user_name=name) for row_id, name in session.execute(query)]


@dataclass(frozen=True)
class ChainCheck:
    """The audit chain check: how many events were read, and the first problem, if any."""

    events: int
    problem: str | None

    @property
    def passed(self) -> bool:
        return self.problem is None


def check_chain(signed: SignedIn) -> ChainCheck:
    """Check every event's seal and link, and the chain head kept beside the database.

    Only reads. Finds an event altered, removed from the middle, or removed from the end.
    """
    head_file = audit.read_head_file(signed.store.paths.audit_head)
    with reading_as(signed, Action.VIEW_AUDIT_LOG) as session:
        problem = audit.verify_chain(session, signed.store.audit_key, head_file)
        head = audit.current_head(session)
    return ChainCheck(
        events=0 if head is None else head.seq,
        problem=None if problem is None else str(problem),
    )

"""Chronology sources for child protection meetings, plans and file transfers.

``plan_sources`` is handed the chronology's entry type so that this module does not
import the chronology (which imports it).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wtsc_desktop.clock import LONDON
from wtsc_desktop.store.models import CpMeeting, CpPlan, CpTransfer

_LABELS = {
    "strategy": "Strategy discussion",
    "initial_conference": "Initial child protection conference",
    "core_group": "Core group meeting",
    "review_conference": "Review child protection conference",
}


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), LONDON)


def plan_sources(
    entry: Callable[..., Any], user_names: Callable[[Session, set[int]], dict[int, str]]
) -> list[Callable[[Session, Sequence[int]], list[Any]]]:
    """The sources (meetings, plans, transfers) that build ``entry`` objects."""

    def meetings(session: Session, child_ids: Sequence[int]) -> list[Any]:
        rows = session.scalars(select(CpMeeting).where(CpMeeting.child_id.in_(child_ids))).all()
        names = user_names(session, {r.recorded_by for r in rows})
        out = []
        for r in rows:
            if r.attended:
                detail = f"attended for the setting by {r.attendee}"
            else:
                detail = f"not attended: {r.absence_reason}"
            if r.report_submitted_on is not None:
                detail += f"; report sent {r.report_submitted_on:%d/%m/%Y}"
            if r.s47_started:
                detail += "; section 47 enquiries started"
            out.append(
                entry(
                    happened_at=_noon(r.held_on),
                    recorded_at=r.recorded_at,
                    kind="meeting",
                    title=_LABELS.get(r.kind, r.kind),
                    detail=detail,
                    by=names.get(r.recorded_by, ""),
                    concern_id=None,
                )
            )
        return out

    def plans(session: Session, child_ids: Sequence[int]) -> list[Any]:
        rows = session.scalars(select(CpPlan).where(CpPlan.child_id.in_(child_ids))).all()
        names = user_names(session, {r.recorded_by for r in rows})
        out = []
        for r in rows:
            by = names.get(r.recorded_by, "")
            out.append(
                entry(
                    happened_at=_noon(r.started_on),
                    recorded_at=r.recorded_at,
                    kind="plan",
                    title="Child protection plan started",
                    detail="",
                    by=by,
                    concern_id=None,
                )
            )
            if r.ended_on is not None:
                out.append(
                    entry(
                        happened_at=_noon(r.ended_on),
                        recorded_at=r.recorded_at,
                        kind="plan",
                        title="Child protection plan ended",
                        detail=r.end_reason,
                        by=by,
                        concern_id=None,
                    )
                )
        return out

    def transfers(session: Session, child_ids: Sequence[int]) -> list[Any]:
        rows = session.scalars(select(CpTransfer).where(CpTransfer.child_id.in_(child_ids))).all()
        names = user_names(session, {r.recorded_by for r in rows})
        out = []
        for r in rows:
            if r.sent_on is None:
                title, when = f"File transfer due by {r.due_on:%d/%m/%Y}", r.last_day
            else:
                title, when = "Child protection file sent", r.sent_on
            detail = f"to {r.new_setting} (DSL {r.new_dsl_name})"
            if r.receipt_on is not None:
                detail += f"; receipt confirmed by {r.receipt_by} on {r.receipt_on:%d/%m/%Y}"
            out.append(
                entry(
                    happened_at=_noon(when),
                    recorded_at=r.recorded_at,
                    kind="transfer",
                    title=title,
                    detail=detail,
                    by=names.get(r.recorded_by, ""),
                    concern_id=None,
                )
            )
        return out

    return [meetings, plans, transfers]

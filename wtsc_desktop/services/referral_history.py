"""Chronology sources for referrals: the referral itself, then what followed it — the
written confirmation of a phone referral, the agency's decision and each escalation
step — each on its own date.

``referral_sources`` is handed the chronology's entry type so that this module does not
import the chronology (which imports it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wtsc_desktop.guidance.referral_routes import (
    EscalationReason,
    ReferralMethod,
    ReferralOutcome,
    ReferralRoute,
)
from wtsc_desktop.store.models import Referral, ReferralEscalation

DETAIL_LIMIT = 240


def _short(text: str) -> str:
    return text if len(text) <= DETAIL_LIMIT else text[: DETAIL_LIMIT - 1] + "…"


def _label(row: Referral) -> str:
    route = ReferralRoute(row.route)
    return row.route_other if route is ReferralRoute.OTHER and row.route_other else route.label


def referral_sources(
    entry: Callable[..., Any], user_names: Callable[[Session, set[int]], dict[int, str]]
) -> list[Callable[[Session, Sequence[int]], list[Any]]]:
    """The sources (referrals, and the steps after them) that build ``entry`` objects."""

    def referrals(session: Session, child_ids: Sequence[int]) -> list[Any]:
        rows = session.scalars(select(Referral).where(Referral.child_id.in_(child_ids))).all()
        people = {r.made_by for r in rows}
        people |= {r.confirmation_recorded_by for r in rows if r.confirmation_recorded_by}
        people |= {r.decision_recorded_by for r in rows if r.decision_recorded_by}
        names = user_names(session, people)
        out = []
        for r in rows:
            detail = f"to {r.agency}" + (
                f", reference {r.their_reference}" if r.their_reference else ""
            )
            if r.outcome:
                detail += f"; outcome: {ReferralOutcome(r.outcome).label}"
            out.append(
                entry(
                    happened_at=r.made_at,
                    recorded_at=r.recorded_at,
                    kind="referral",
                    title=f"Referral: {_label(r)}",
                    detail=_short(detail),
                    by=names.get(r.made_by, ""),
                    concern_id=r.concern_id,
                )
            )
            if r.confirmation_sent_at is not None:
                how = ReferralMethod(r.confirmation_method).label.lower()
                out.append(
                    entry(
                        happened_at=r.confirmation_sent_at,
                        recorded_at=r.confirmation_sent_at,
                        kind="referral",
                        title="Phone referral confirmed in writing",
                        detail=f"{_label(r)}, to {r.agency}, by {how}",
                        by=names.get(r.confirmation_recorded_by or 0, ""),
                        concern_id=r.concern_id,
                    )
                )
            if r.decision_at is not None:
                outcome = ReferralOutcome(r.outcome).label if r.outcome else "recorded"
                out.append(
                    entry(
                        happened_at=r.decision_at,
                        recorded_at=r.decision_at,
                        kind="referral",
                        title=f"Referral decision: {outcome}",
                        detail=_short(f"{r.agency}: {r.decision_text}"),
                        by=names.get(r.decision_recorded_by or 0, ""),
                        concern_id=r.concern_id,
                    )
                )
        return out

    def escalations(session: Session, child_ids: Sequence[int]) -> list[Any]:
        rows = session.execute(
            select(ReferralEscalation, Referral)
            .join(Referral, Referral.id == ReferralEscalation.referral_id)
            .where(Referral.child_id.in_(child_ids))
        ).all()
        names = user_names(session, {step.recorded_by for step, _r in rows})
        return [
            entry(
                happened_at=step.at,
                recorded_at=step.recorded_at,
                kind="referral",
                title=f"Referral escalated: {step.step}",
                detail=_short(
                    f"{EscalationReason(step.reason).label}; by {step.by_whom}, on the "
                    f"referral to {referral.agency}" + (f". {step.note}" if step.note else "")
                ),
                by=names.get(step.recorded_by, ""),
                concern_id=referral.concern_id,
            )
            for step, referral in rows
        ]

    return [referrals, escalations]

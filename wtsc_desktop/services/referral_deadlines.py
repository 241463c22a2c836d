"""The open clocks of referrals, for the Dashboard and ``wtsc-desktop due``.

T1, the local authority's decision: shown as "expected by" its day, and once that day
has passed with no decision recorded, as "no decision yet — chase or escalate". T14, the
written confirmation of a phone referral: the setting's own duty, overdue in red.
Reading only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import or_, select

from wtsc_desktop.guidance.referral_routes import ReferralRoute
from wtsc_desktop.guidance.timescales import rule
from wtsc_desktop.services.concern_types import display_name
from wtsc_desktop.services.context import SignedIn, reading_as
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.store.models import Child, Referral

NO_DECISION = "No decision yet — chase or escalate"


@dataclass(frozen=True)
class ReferralClock:
    """One open clock on a referral, with what the Dashboard shows beside it."""

    referral_id: int
    child_id: int
    child_name: str
    rule_id: str
    title: str
    detail: str
    due_on: dt.date
    overdue: bool
    days_kind: str
    whose_clock: str
    source: str
    settings_duty: bool


def referral_clocks(signed: SignedIn, *, today: dt.date, due_by: dt.date) -> list[ReferralClock]:
    """Open T1 and T14 clocks due by ``due_by`` (overdue ones included), as of ``today``."""
    t1, t14 = rule("T1"), rule("T14")
    clocks: list[ReferralClock] = []
    with reading_as(signed, Action.MAKE_REFERRALS) as session:
        rows = session.execute(
            select(Referral, Child)
            .join(Child, Child.id == Referral.child_id)
            .where(
                or_(
                    Referral.decision_at.is_(None)
                    & Referral.decision_expected_on.is_not(None)
                    & (Referral.decision_expected_on <= due_by),
                    Referral.confirmation_sent_at.is_(None)
                    & Referral.confirmation_due_on.is_not(None)
                    & (Referral.confirmation_due_on <= due_by),
                )
            )
            .order_by(Referral.id)
        ).all()
        for referral, child in rows:
            name = display_name(child)
            route = ReferralRoute(referral.route).label
            expected = referral.decision_expected_on
            if referral.decision_at is None and expected is not None and expected <= due_by:
                late = expected < today
                clocks.append(
                    ReferralClock(
                        referral.id,
                        child.id,
                        name,
                        t1.id,
                        NO_DECISION if late else f"Decision expected by {expected:%d/%m/%Y}",
                        f"{route}: {referral.agency}, about {name}",
                        expected,
                        late,
                        t1.unit.value,
                        t1.whose_clock.value,
                        t1.source,
                        False,
                    )
                )
            confirm = referral.confirmation_due_on
            if referral.confirmation_sent_at is None and confirm is not None and confirm <= due_by:
                clocks.append(
                    ReferralClock(
                        referral.id,
                        child.id,
                        name,
                        t14.id,
                        "Confirm the phone referral in writing",
                        f"{route}: {referral.agency}, about {name}",
                        confirm,
                        confirm < today,
                        t14.unit.value,
                        t14.whose_clock.value,
                        t14.source,
                        True,
                    )
                )
    return clocks

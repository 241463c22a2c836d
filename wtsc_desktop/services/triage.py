"""Triage: the DSL's threshold decision on a concern (D2), with the advice sought, the
reasons (always), the consent position and lawful basis for any sharing (D1), and the
actions that follow, each with an owner and a due date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from wtsc_desktop.clock import LONDON
from wtsc_desktop.errors import NotFound, ValidationError
from wtsc_desktop.guidance.categories import THRESHOLD_RULES, Threshold
from wtsc_desktop.guidance.information_sharing import (
    SPECIAL_CATEGORY_CONDITION,
    Consent,
    LawfulBasis,
    consent_reason_needed,
)
from wtsc_desktop.services.concerns import user_names
from wtsc_desktop.services.context import SignedIn, reading_as, unit
from wtsc_desktop.services.permissions import Action, Role
from wtsc_desktop.store.models import Concern, TriageAction, TriageDecision, User

# Thresholds where information goes to another agency, so a lawful basis is recorded (D1).
_SHARES = frozenset(
    {Threshold.POLICE, Threshold.SECTION_47, Threshold.SECTION_17, Threshold.EARLY_HELP}
)


def shares_information(threshold: Threshold) -> bool:
    """True when a decision at ``threshold`` shares information with another agency, so
    the consent position and a lawful basis are recorded with it (D1)."""
    return threshold in _SHARES


@dataclass(frozen=True)
class ActionInput:
    description: str
    due_on: dt.date
    owner_id: int | None = None
    owner_name: str = ""


@dataclass(frozen=True)
class TriageInput:
    threshold: Threshold
    rationale: str
    advice_sought: bool = False
    advice_from: str = ""
    advice_at: dt.datetime | None = None
    review_on: dt.date | None = None
    consent: Consent | None = None
    consent_reason: str = ""
    lawful_basis: LawfulBasis | None = None
    actions: Sequence[ActionInput] = ()


@dataclass(frozen=True)
class ActionView:
    id: int
    concern_id: int
    description: str
    owner: str
    due_on: dt.date
    done_at: dt.datetime | None
    done_note: str


@dataclass(frozen=True)
class DecisionView:
    id: int
    concern_id: int
    decided_by: str
    decided_at: dt.datetime
    threshold: Threshold
    threshold_label: str
    rationale: str
    advice_sought: bool
    advice_from: str
    advice_at: dt.datetime | None
    review_on: dt.date | None
    consent: str
    consent_reason: str
    lawful_basis: str
    special_category: str
    actions: tuple[ActionView, ...]


@dataclass(frozen=True)
class OwnerChoice:
    """Someone with an account who can be given an action."""

    user_id: int
    full_name: str
    role_label: str


def _check(decision: TriageInput, today: dt.date) -> None:
    if not decision.rationale.strip():
        raise ValidationError(
            "rationale", "Write the reasons for this decision: they are part of the record."
        )
    rule = THRESHOLD_RULES[decision.threshold]
    if rule.needs_review_date and decision.review_on is None:
        raise ValidationError("review_on", "Choose the date you will review this concern.")
    if decision.review_on is not None and decision.review_on < today:
        raise ValidationError("review_on", "The review date is in the past.")
    if decision.advice_sought and not decision.advice_from.strip():
        raise ValidationError("advice_from", "Say whom you asked for advice.")
    if decision.threshold in _SHARES:
        if decision.lawful_basis is None:
            raise ValidationError(
                "lawful_basis", "Choose the lawful basis for sharing (D1, UK GDPR Art. 6)."
            )
        if decision.consent is None:
            raise ValidationError("consent", "Record the consent position.")
    if (
        decision.consent is not None
        and consent_reason_needed(decision.consent)
        and not decision.consent_reason.strip()
    ):
        raise ValidationError(
            "consent_reason", "Say why consent was not needed, not sought, or refused."
        )
    for action in decision.actions:
        if not action.description.strip():
            raise ValidationError("actions", "Each action needs a description.")
        if action.owner_id is None and not action.owner_name.strip():
            raise ValidationError("actions", f"Who will do “{action.description}”?")


def validate_decision(*, decision: TriageInput, today: dt.date) -> None:
    """Raise ``ValidationError`` naming the first field to correct, as ``record_decision``
    would; reads nothing, so a wizard can check each step as the DSL goes."""
    _check(decision, today)


def action_owners(signed: SignedIn) -> list[OwnerChoice]:
    """Everyone with an active account, by name, to own an action (DSL and deputies)."""
    with reading_as(signed, Action.TRIAGE) as session:
        rows = session.execute(
            select(User.id, User.full_name, User.role)
            .where(User.active.is_(True))
            .order_by(User.full_name, User.id)
        ).all()
    return [OwnerChoice(i, name, Role(role).label) for i, name, role in rows]


def record_decision(signed: SignedIn, *, concern_id: int, decision: TriageInput) -> int:
    """Record the threshold decision and its actions (DSL and deputies); returns its id.

    A later decision on the same concern (after new facts) is added, not overwritten.
    """
    with unit(signed, Action.TRIAGE) as work:
        _check(decision, work.now.astimezone(LONDON).date())
        concern = work.session.get(Concern, concern_id)
        if concern is None:
            raise NotFound("That concern")
        shares = decision.threshold in _SHARES
        row = TriageDecision(
            concern_id=concern.id,
            decided_by=signed.actor.user_id,
            decided_at=work.now,
            threshold=decision.threshold.value,
            rationale=decision.rationale,
            advice_sought=decision.advice_sought,
            advice_from=decision.advice_from.strip()[:200],
            advice_at=decision.advice_at,
            review_on=decision.review_on,
            consent=decision.consent.value if decision.consent else "",
            consent_reason=decision.consent_reason,
            lawful_basis=decision.lawful_basis.value if decision.lawful_basis else "",
            special_category=SPECIAL_CATEGORY_CONDITION if shares else "",
        )
        work.session.add(row)
        if concern.acknowledged_at is None:
            concern.acknowledged_at, concern.acknowledged_by = work.now, signed.actor.user_id
        work.session.flush()
        for action in decision.actions:
            if action.owner_id is not None and work.session.get(User, action.owner_id) is None:
                raise ValidationError("actions", "The person chosen for an action has no account.")
            work.session.add(
                TriageAction(
                    decision_id=row.id,
                    concern_id=concern.id,
                    description=action.description.strip(),
                    owner_id=action.owner_id,
                    owner_name=action.owner_name.strip()[:160],
                    due_on=action.due_on,
                )
            )
        work.audit(
            "triage decision recorded", "concern", concern.id, detail=decision.threshold.value
        )
        return row.id


def complete_action(signed: SignedIn, *, action_id: int, note: str = "") -> None:
    """Mark an action done, with what came of it (DSL and deputies)."""
    with unit(signed, Action.TRIAGE) as work:
        row = work.session.get(TriageAction, action_id)
        if row is None:
            raise NotFound("That action")
        if row.done_at is not None:
            raise ValidationError("action", "This action is already marked done.")
        row.done_at, row.done_by, row.done_note = work.now, signed.actor.user_id, note
        work.audit("action completed", "concern", row.concern_id, detail=f"action {row.id}")


def _action_views(session: Session, rows: Sequence[TriageAction]) -> tuple[ActionView, ...]:
    names = user_names(session, {r.owner_id for r in rows if r.owner_id is not None})
    return tuple(
        ActionView(
            id=r.id,
            concern_id=r.concern_id,
            description=r.description,
            owner=names.get(r.owner_id, "") if r.owner_id is not None else r.owner_name,
            due_on=r.due_on,
            done_at=r.done_at,
            done_note=r.done_note,
        )
        for r in rows
    )


def decisions_for(signed: SignedIn, *, concern_id: int) -> list[DecisionView]:
    """Every decision on a concern, oldest first, with its actions (DSL and deputies)."""
    with reading_as(signed, Action.TRIAGE) as session:
        rows = session.scalars(
            select(TriageDecision)
            .where(TriageDecision.concern_id == concern_id)
            .order_by(TriageDecision.decided_at)
        ).all()
        names = user_names(session, {r.decided_by for r in rows})
        views = []
        for r in rows:
            actions = session.scalars(
                select(TriageAction)
                .where(TriageAction.decision_id == r.id)
                .order_by(TriageAction.due_on)
            ).all()
            threshold = Threshold(r.threshold)
            views.append(
                DecisionView(
                    id=r.id,
                    concern_id=r.concern_id,
                    decided_by=names.get(r.decided_by, ""),
                    decided_at=r.decided_at,
                    threshold=threshold,
                    threshold_label=THRESHOLD_RULES[threshold].label,
                    rationale=r.rationale,
                    advice_sought=r.advice_sought,
                    advice_from=r.advice_from,
                    advice_at=r.advice_at,
                    review_on=r.review_on,
                    consent=r.consent,
                    consent_reason=r.consent_reason,
                    lawful_basis=r.lawful_basis,
                    special_category=r.special_category,
                    actions=_action_views(session, actions),
                )
            )
        return views


def open_actions(signed: SignedIn, *, due_by: dt.date | None = None) -> list[ActionView]:
    """Actions not yet done, soonest first; ``due_by`` keeps those due on or before it."""
    with reading_as(signed, Action.TRIAGE) as session:
        query = select(TriageAction).where(TriageAction.done_at.is_(None))
        if due_by is not None:
            query = query.where(TriageAction.due_on <= due_by)
        rows = session.scalars(query.order_by(TriageAction.due_on, TriageAction.id)).all()
        return list(_action_views(session, rows))

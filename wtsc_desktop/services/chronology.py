"""Each child's chronology: every dated event in one list, derived from the records and
never typed twice. Ordered by when it happened, ties by when it was recorded. Later
features add their events by adding a source to ``SOURCES``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from wtsc_desktop.clock import LONDON
from wtsc_desktop.errors import NotFound
from wtsc_desktop.guidance.categories import THRESHOLD_RULES, Part, Threshold, category_label
from wtsc_desktop.guidance.patterns import ConcernMark, PatternPrompt, PatternRule, pattern_prompt
from wtsc_desktop.services.concerns import user_names
from wtsc_desktop.services.context import SignedIn, reading_as
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.services.plan_history import plan_sources
from wtsc_desktop.services.referral_history import referral_sources
from wtsc_desktop.services.settings import read_settings
from wtsc_desktop.store.models import (
    Addendum,
    Child,
    Concern,
    ConcernCategory,
    ConcernChild,
    TriageAction,
    TriageDecision,
)

KINDS = {
    "concern": "Concern",
    "addendum": "Addendum",
    "decision": "Triage decision",
    "action": "Action completed",
    "referral": "Referral",
    "meeting": "Child protection meeting",
    "plan": "Child protection plan",
    "transfer": "File transfer",
}


@dataclass(frozen=True)
class ChronologyEntry:
    happened_at: dt.datetime
    recorded_at: dt.datetime
    kind: str
    title: str
    detail: str
    by: str
    concern_id: int | None
    part: str = Part.SUBJECT.value


@dataclass(frozen=True)
class Chronology:
    child_id: int
    entries: tuple[ChronologyEntry, ...]
    prompt: PatternPrompt | None


Source = Callable[[Session, Sequence[int]], list[ChronologyEntry]]


def _links(session: Session, child_ids: Sequence[int]) -> dict[int, str]:
    """concern id -> this child's part in it (read once per session: every source asks)."""
    memo_key = ("chronology links", tuple(child_ids))
    memo: dict[int, str] | None = session.info.get(memo_key)
    if memo is not None:
        return memo
    rows = session.execute(
        select(ConcernChild.concern_id, ConcernChild.part).where(
            ConcernChild.child_id.in_(child_ids)
        )
    )
    parts: dict[int, str] = {}
    for concern_id, part in rows:
        # A child named twice in one concern takes the most telling part.
        if parts.get(concern_id) != Part.SUBJECT.value:
            parts[concern_id] = part
    session.info[memo_key] = parts
    return parts


def _named_in(child_ids: Sequence[int]) -> Select[int]:
    """The concerns naming these children, as a subquery: the database matches them, so a
    child with a thousand concerns does not send a thousand numbers back and forth."""
    return select(ConcernChild.concern_id).where(ConcernChild.child_id.in_(child_ids))


def _short(text: str, limit: int = 240) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _concerns(session: Session, child_ids: Sequence[int]) -> list[ChronologyEntry]:
    parts = _links(session, child_ids)
    if not parts:
        return []
    rows = session.execute(
        select(
            Concern.id,
            Concern.observed_at,
            Concern.recorded_at,
            Concern.urgent,
            Concern.child_words,
            Concern.observed,
            Concern.reporter_id,
        ).where(Concern.id.in_(_named_in(child_ids)))
    ).all()
    names = user_names(session, {r.reporter_id for r in rows})
    codes: dict[int, list[str]] = {}
    for concern_id, code in session.execute(
        select(ConcernCategory.concern_id, ConcernCategory.code).where(
            ConcernCategory.concern_id.in_(_named_in(child_ids))
        )
    ):
        codes.setdefault(concern_id, []).append(code)
    entries = []
    for r in rows:
        part = parts[r.id]
        if part == Part.SUBJECT.value:
            # Categories land only on the child the concern is about.
            title = ", ".join(category_label(c) for c in codes.get(r.id, [])) or "Concern"
        else:
            title = f"Named in a concern: {Part(part).label.lower()}"
        if r.urgent:
            title = f"URGENT — {title}"
        entries.append(
            ChronologyEntry(
                happened_at=r.observed_at,
                recorded_at=r.recorded_at,
                kind="concern",
                title=title,
                detail=_short(r.child_words or r.observed),
                by=names.get(r.reporter_id, ""),
                concern_id=r.id,
                part=part,
            )
        )
    return entries


def _addenda(session: Session, child_ids: Sequence[int]) -> list[ChronologyEntry]:
    parts = _links(session, child_ids)
    rows = session.scalars(
        select(Addendum).where(Addendum.concern_id.in_(_named_in(child_ids)))
    ).all()
    names = user_names(session, {r.author_id for r in rows})
    return [
        ChronologyEntry(
            happened_at=r.written_at,
            recorded_at=r.written_at,
            kind="addendum",
            title="Correction" if r.kind == "correction" else "Later information",
            detail=_short(r.text),
            by=names.get(r.author_id, ""),
            concern_id=r.concern_id,
            part=parts[r.concern_id],
        )
        for r in rows
    ]


def _decisions(session: Session, child_ids: Sequence[int]) -> list[ChronologyEntry]:
    parts = _links(session, child_ids)
    rows = session.scalars(
        select(TriageDecision).where(TriageDecision.concern_id.in_(_named_in(child_ids)))
    ).all()
    names = user_names(session, {r.decided_by for r in rows})
    return [
        ChronologyEntry(
            happened_at=r.decided_at,
            recorded_at=r.decided_at,
            kind="decision",
            title=THRESHOLD_RULES[Threshold(r.threshold)].label,
            detail=_short(r.rationale),
            by=names.get(r.decided_by, ""),
            concern_id=r.concern_id,
            part=parts[r.concern_id],
        )
        for r in rows
    ]


def _actions(session: Session, child_ids: Sequence[int]) -> list[ChronologyEntry]:
    parts = _links(session, child_ids)
    rows = session.scalars(
        select(TriageAction).where(
            TriageAction.concern_id.in_(_named_in(child_ids)),
            TriageAction.done_at.is_not(None),
        )
    ).all()
    names = user_names(session, {r.done_by for r in rows if r.done_by is not None})
    return [
        ChronologyEntry(
            happened_at=r.done_at,
            recorded_at=r.done_at,
            kind="action",
            title=_short(r.description, 120),
            detail=_short(r.done_note),
            by=names.get(r.done_by or 0, ""),
            concern_id=r.concern_id,
            part=parts[r.concern_id],
        )
        for r in rows
        if r.done_at is not None
    ]


SOURCES: list[Source] = [_concerns, _addenda, _decisions, _actions]
SOURCES += referral_sources(ChronologyEntry, user_names)
SOURCES += plan_sources(ChronologyEntry, user_names)


def child_ids_of(session: Session, child_id: int) -> list[int]:
    """This child and any record merged into it (both histories are kept)."""
    merged = session.scalars(select(Child.id).where(Child.merged_into_id == child_id))
    return [child_id, *merged]


def pattern_rule(signed: SignedIn) -> PatternRule:
    values = read_settings(signed)
    return PatternRule(
        count=int(values["pattern.count"]),
        count_days=int(values["pattern.count_days"]),
        reporters=int(values["pattern.reporters"]),
        reporter_days=int(values["pattern.reporter_days"]),
    )


def marks_for(session: Session, child_ids: Sequence[int]) -> list[ConcernMark]:
    """The concerns a child is the subject of, as the pattern rule needs them."""
    rows = session.execute(
        select(Concern.observed_at, Concern.reporter_id)
        .join(ConcernChild, ConcernChild.concern_id == Concern.id)
        .where(ConcernChild.child_id.in_(child_ids), ConcernChild.part == Part.SUBJECT.value)
    )
    return [ConcernMark(at.astimezone(LONDON).date(), reporter) for at, reporter in rows]


def chronology(
    signed: SignedIn,
    *,
    child_id: int,
    kinds: Sequence[str] | None = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> Chronology:
    """A child's chronology (DSL and deputies), filtered by kind and London date."""
    rule = pattern_rule(signed)
    with reading_as(signed, Action.VIEW_CHILDREN) as session:
        child = session.get(Child, child_id)
        if child is None:
            raise NotFound("That child")
        ids = child_ids_of(session, child_id)
        entries: list[ChronologyEntry] = []
        for source in SOURCES:
            entries += source(session, ids)
        prompt = pattern_prompt(marks_for(session, ids), rule)

    def keep(entry: ChronologyEntry) -> bool:
        day = entry.happened_at.astimezone(LONDON).date()
        return (
            (kinds is None or entry.kind in kinds)
            and (since is None or day >= since)
            and (until is None or day <= until)
        )

    ordered = sorted((e for e in entries if keep(e)), key=lambda e: (e.happened_at, e.recorded_at))
    return Chronology(child_id, tuple(ordered), prompt)

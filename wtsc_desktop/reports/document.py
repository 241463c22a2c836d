"""What every report's pages carry (letterhead, title, child identifiers, who made it,
when, and the audit chain head), and what rendering gives back. Plain data: no ReportLab.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

PROTECTIVE_MARKING = "OFFICIAL-SENSITIVE"
NOT_RECORDED = "not recorded"


@dataclass(frozen=True)
class ReportHeader:
    """The shared parts of a report.

    ``identifiers`` are label/value pairs printed under the title on the first page (the
    child's name, date of birth, year group or team); ``running`` is the short line
    repeated at the top of every later page, so that a loose page still says whose it is.
    ``generated_at`` is timezone-aware; it prints as London time.
    """

    organisation: str
    address: str
    title: str
    identifiers: tuple[tuple[str, str], ...]
    running: str
    generated_by: str
    generated_role: str
    generated_at: dt.datetime
    chain_head: str


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


# --- the chronology -------------------------------------------------------------------


@dataclass(frozen=True)
class ChronologyLine:
    """One dated event in a child's chronology. ``kind`` is its printed name ("Concern")."""

    happened_at: dt.datetime
    recorded_at: dt.datetime
    kind: str
    title: str
    detail: str
    by: str


@dataclass(frozen=True)
class ChronologyReport:
    """``entries`` in the order observed; ``note`` is printed above them (the pattern
    prompt, or which entries were left out by a filter)."""

    header: ReportHeader
    entries: Sequence[ChronologyLine]
    note: str = ""


# --- the record of concern --------------------------------------------------------------


@dataclass(frozen=True)
class ConcernChildLine:
    """A child named in a concern, with their part in it (printed label)."""

    name: str
    date_of_birth: dt.date | None
    year_group_or_team: str
    part: str


@dataclass(frozen=True)
class MarkLine:
    """A numbered body-map mark: ``x`` and ``y`` run 0..1 across and down the outline."""

    number: int
    side: str  # "front" or "back"
    x: float
    y: float
    label: str
    size: str


@dataclass(frozen=True)
class AddendumLine:
    author: str
    written_at: dt.datetime
    kind: str  # printed label: "Later information" or "Correction"
    text: str


@dataclass(frozen=True)
class ActionLine:
    description: str
    owner: str
    due_on: dt.date | None
    done_at: dt.datetime | None
    outcome: str


@dataclass(frozen=True)
class DecisionLine:
    """One triage decision; the labels are printed as given ("" prints "not recorded")."""

    decided_by: str
    decided_at: dt.datetime
    threshold: str
    rationale: str
    advice_sought: bool
    advice_from: str
    advice_at: dt.datetime | None
    review_on: dt.date | None
    consent: str
    consent_reason: str
    lawful_basis: str
    special_category: str
    actions: tuple[ActionLine, ...]


@dataclass(frozen=True)
class DslPart:
    received_at: dt.datetime | None
    received_by: str
    decisions: tuple[DecisionLine, ...]


@dataclass(frozen=True)
class ConcernReport:
    """One concern as the record of concern in shared/forms.md lays it out.

    ``dsl`` is None when the person printing it may not see the DSL's part (a staff
    reporter printing their own concern): the page then says so, rather than showing
    blanks that look like nothing was done.
    """

    header: ReportHeader
    number: int
    children: tuple[ConcernChildLine, ...]
    reporter: str
    reporter_role: str
    observed_at: dt.datetime
    observed_time_known: bool
    recorded_at: dt.datetime
    location: str
    immediate_danger: bool
    categories: tuple[str, ...]
    extra_familial: bool
    observed: str
    witnesses: str
    child_words: str
    opinion: str
    action_taken: str
    told_whom: str
    told_at: dt.datetime | None
    marks: tuple[MarkLine, ...]
    attachments: tuple[str, ...]
    addenda: tuple[AddendumLine, ...]
    dsl: DslPart | None

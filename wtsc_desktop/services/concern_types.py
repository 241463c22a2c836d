"""What a concern is made of, going in (from the wizard) and coming out (to screens and
PDFs): plain frozen dataclasses, never ORM rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from wtsc_desktop.guidance.categories import Part
from wtsc_desktop.store.models import Child

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_WARNING = (
    "Never attach a nude or semi-nude image of a child: even holding one can be an offence. "
    "Do not photograph injuries: mark them on the body map instead."
)
WORDS_GUIDANCE = (
    "Write exactly what the child said, in their words, even if they are rude or misspelt. "
    "Do not ask leading questions. You cannot promise the child that you will keep it "
    "secret: tell them who you will tell, and why."
)


# --- what the wizard hands in -------------------------------------------------------


@dataclass(frozen=True)
class ChildInConcern:
    part: Part
    child_id: int | None = None
    description: str = ""  # for a child not on the register


@dataclass(frozen=True)
class MarkInput:
    number: int
    side: str  # "front" or "back"
    x: float
    y: float
    label: str = ""
    size: str = ""


@dataclass(frozen=True)
class AttachmentInput:
    file_name: str
    data: bytes
    media_type: str = "application/octet-stream"


@dataclass(frozen=True)
class NewConcern:
    immediate_danger: bool
    children: Sequence[ChildInConcern]
    observed_at: dt.datetime
    location: str
    child_words: str
    observed: str
    categories: Sequence[str]
    observed_time_known: bool = True
    opinion: str = ""
    action_taken: str = ""
    told_whom: str = ""
    told_at: dt.datetime | None = None
    witnesses: str = ""
    reporter_role: str = ""
    marks: Sequence[MarkInput] = ()
    attachments: Sequence[AttachmentInput] = ()
    fgm_source: str = ""  # FGM only: how it came to light (FgmSource value), "" if not asked


# --- what comes back ----------------------------------------------------------------


@dataclass(frozen=True)
class ConcernChildView:
    part: Part
    child_id: int | None
    name: str  # the child's name, or the description of a child not on the register
    date_of_birth: dt.date | None
    year_group_or_team: str


@dataclass(frozen=True)
class AttachmentView:
    id: int
    file_name: str
    media_type: str
    size: int
    added_at: dt.datetime


@dataclass(frozen=True)
class AddendumView:
    id: int
    author: str
    written_at: dt.datetime
    kind: str
    text: str
    acknowledged_at: dt.datetime | None


@dataclass(frozen=True)
class ConcernSummary:
    id: int
    recorded_at: dt.datetime
    observed_at: dt.datetime
    reporter: str
    subjects: tuple[str, ...]
    categories: tuple[str, ...]
    urgent: bool
    acknowledged: bool
    observed_time_known: bool = True


@dataclass(frozen=True)
class ConcernRecord:
    id: int
    reporter_id: int
    reporter: str
    reporter_role: str
    recorded_at: dt.datetime
    observed_at: dt.datetime
    observed_time_known: bool
    location: str
    immediate_danger: bool
    urgent: bool
    child_words: str
    observed: str
    opinion: str
    action_taken: str
    told_whom: str
    told_at: dt.datetime | None
    witnesses: str
    extra_familial: bool
    categories: tuple[str, ...]
    children: tuple[ConcernChildView, ...]
    marks: tuple[MarkInput, ...]
    attachments: tuple[AttachmentView, ...]
    addenda: tuple[AddendumView, ...]
    acknowledged_at: dt.datetime | None = None
    acknowledged_by: str = ""


def display_name(child: Child) -> str:
    """How a child is named on screen: preferred name first, legal name beside it."""
    return name_from_parts(child.legal_forename, child.legal_surname, child.preferred_name)


def name_from_parts(forename: str, surname: str, preferred: str) -> str:
    """``display_name`` from the three name columns (for queries that read only those)."""
    legal = f"{forename} {surname}"
    if preferred and preferred != forename:
        return f"{preferred} {surname} ({legal})"
    return legal

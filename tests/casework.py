"""Invented children and concerns for tests, built through the services."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from wtsc_desktop.clock import LONDON
from wtsc_desktop.guidance.categories import Part
from wtsc_desktop.services.children import add_child
from wtsc_desktop.services.concern_types import ChildInConcern, MarkInput, NewConcern
from wtsc_desktop.services.concerns import submit_concern
from wtsc_desktop.services.context import SignedIn


def london(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=LONDON)


def a_child(signed: SignedIn, forename: str = "Zoë", surname: str = "Brightwater") -> int:
    return add_child(
        signed,
        legal_forename=forename,
        legal_surname=surname,
        date_of_birth=dt.date(2012, 5, 1),
        year_group_or_team="Year 9",
    )


def a_concern(
    signed: SignedIn,
    child_id: int,
    *,
    observed_at: dt.datetime,
    words: str = "",
    observed: str = "A bruise on her left forearm.",
    categories: Sequence[str] = ("physical",),
    urgent: bool = False,
    others: Sequence[ChildInConcern] = (),
    marks: Sequence[MarkInput] = (),
    fgm_source: str = "",
) -> int:
    return submit_concern(
        signed,
        concern=NewConcern(
            immediate_danger=urgent,
            children=(ChildInConcern(Part.SUBJECT, child_id), *others),
            observed_at=observed_at,
            location="Classroom 4",
            child_words=words,
            observed=observed,
            categories=tuple(categories),
            reporter_role="Class teacher",
            action_taken="Told the DSL in person.",
            told_whom="The DSL",
            marks=tuple(marks),
            fgm_source=fgm_source,
        ),
    )

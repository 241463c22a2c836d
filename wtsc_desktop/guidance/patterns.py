"""The pattern prompt: several concerns about one child close together ask the DSL to
look at them as a whole ("Records": a chronology of significant events shows patterns
that single concerns hide). The defaults are settings: 3 concerns in 30 days, or
concerns from 2 different reporters within 7 days.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class PatternRule:
    count: int = 3
    count_days: int = 30
    reporters: int = 2
    reporter_days: int = 7


@dataclass(frozen=True)
class ConcernMark:
    """What the rule needs of a concern: when it was observed, and who reported it."""

    observed_on: dt.date
    reporter_id: int


@dataclass(frozen=True)
class PatternPrompt:
    reason: str
    first: dt.date
    last: dt.date


def _windows(marks: Sequence[ConcernMark], days: int) -> Iterator[Sequence[ConcernMark]]:
    """For each concern in date order, it and the later ones less than ``days`` after it.

    One pass with two ends: a child with a thousand concerns is checked in a blink.
    """
    ordered = sorted(marks, key=lambda m: m.observed_on)
    end = 0
    for i, start in enumerate(ordered):
        end = max(end, i)
        while end < len(ordered) and (ordered[end].observed_on - start.observed_on).days < days:
            end += 1
        yield ordered[i:end]


def pattern_prompt(
    marks: Sequence[ConcernMark], rule: PatternRule = PatternRule()
) -> PatternPrompt | None:
    """The prompt to show, or None. Only concerns the child is the subject of count."""
    for window in _windows(marks, rule.reporter_days):
        reporters = {m.reporter_id for m in window}
        if len(reporters) >= rule.reporters:
            return PatternPrompt(
                f"{len(reporters)} different people raised concerns within "
                f"{rule.reporter_days} days. Review them together.",
                window[0].observed_on,
                window[-1].observed_on,
            )
    for window in _windows(marks, rule.count_days):
        if len(window) >= rule.count:
            return PatternPrompt(
                f"{len(window)} concerns within {rule.count_days} days. Review them together.",
                window[0].observed_on,
                window[-1].observed_on,
            )
    return None

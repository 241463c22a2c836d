"""The pattern prompt, against S9 and its edges."""

from __future__ import annotations

import datetime as dt

from wtsc_desktop.guidance.patterns import ConcernMark, PatternRule, pattern_prompt

MON = dt.date(2026, 9, 7)


def test_s9_two_reporters_within_seven_days_prompt_a_review() -> None:
    prompt = pattern_prompt([ConcernMark(MON, 1), ConcernMark(MON + dt.timedelta(days=3), 2)])
    assert prompt is not None
    assert "2 different people" in prompt.reason
    assert (prompt.first, prompt.last) == (MON, MON + dt.timedelta(days=3))


def test_two_reporters_a_week_or_more_apart_do_not() -> None:
    assert pattern_prompt([ConcernMark(MON, 1), ConcernMark(MON + dt.timedelta(days=7), 2)]) is None


def test_one_reporter_needs_three_concerns_in_thirty_days() -> None:
    two = [ConcernMark(MON, 1), ConcernMark(MON + dt.timedelta(days=10), 1)]
    assert pattern_prompt(two) is None
    three = [*two, ConcernMark(MON + dt.timedelta(days=29), 1)]
    prompt = pattern_prompt(three)
    assert prompt is not None and "3 concerns within 30 days" in prompt.reason
    spread = [*two, ConcernMark(MON + dt.timedelta(days=30), 1)]
    assert pattern_prompt(spread) is None


def test_the_thresholds_are_settings() -> None:
    marks = [ConcernMark(MON, 1), ConcernMark(MON + dt.timedelta(days=1), 1)]
    assert pattern_prompt(marks, PatternRule(count=2, count_days=5)) is not None

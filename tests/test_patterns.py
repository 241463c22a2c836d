"""The pattern prompt, against S9 and its edges."""

from __future__ import annotations

import datetime as dt
import random

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


def _by_hand(marks: list[ConcernMark], rule: PatternRule) -> tuple[str, dt.date, dt.date] | None:
    """The rule read plainly: every concern as a start, every later one against it."""
    ordered = sorted(marks, key=lambda m: m.observed_on)
    for days, enough in ((rule.reporter_days, None), (rule.count_days, rule.count)):
        for start in ordered:
            window = [m for m in ordered if 0 <= (m.observed_on - start.observed_on).days < days]
            window = window[window.index(start) :]
            if enough is None and len({m.reporter_id for m in window}) >= rule.reporters:
                return ("reporters", window[0].observed_on, window[-1].observed_on)
            if enough is not None and len(window) >= enough:
                return ("count", window[0].observed_on, window[-1].observed_on)
    return None


def test_the_prompt_matches_the_rule_read_plainly_on_many_invented_histories() -> None:
    chance = random.Random(20260907)
    rule = PatternRule()
    prompted = 0
    for _case in range(300):
        marks = [
            ConcernMark(MON + dt.timedelta(days=chance.randrange(120)), chance.randrange(1, 4))
            for _ in range(chance.randrange(0, 9))
        ]
        expected = _by_hand(marks, rule)
        prompt = pattern_prompt(marks, rule)
        if expected is None:
            assert prompt is None
            continue
        prompted += 1
        assert prompt is not None
        assert ("different people" in prompt.reason) == (expected[0] == "reporters")
        assert (prompt.first, prompt.last) == expected[1:]
    assert 50 < prompted < 300  # both outcomes are exercised

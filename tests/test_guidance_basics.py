"""The pure rules: categories, parts, thresholds (D2) and retention (R1)."""

from __future__ import annotations

import datetime as dt

from wtsc_desktop.guidance.categories import (
    BY_CODE,
    CATEGORIES,
    THRESHOLD_RULES,
    Part,
    Threshold,
    category_label,
    is_extra_familial,
)
from wtsc_desktop.guidance.retention import add_years, child_file_review_date


def test_every_category_the_issue_names_is_there_once() -> None:
    codes = [c.code for c in CATEGORIES]
    assert len(codes) == len(set(codes)) == 21
    for code in ("fgm", "county_lines", "modern_slavery", "missing_home", "other"):
        assert code in BY_CODE


def test_harm_outside_the_home_is_flagged() -> None:
    assert is_extra_familial(["neglect", "county_lines"])
    assert not is_extra_familial(["neglect", "physical"])
    assert not is_extra_familial(["no such code"])
    assert category_label("no such code") == "no such code"


def test_parts_and_thresholds_have_words_for_the_dsl() -> None:
    assert Part.SUBJECT.label.startswith("The child")
    assert set(THRESHOLD_RULES) == set(Threshold)
    assert "consent is not needed" in THRESHOLD_RULES[Threshold.SECTION_47].consent
    assert THRESHOLD_RULES[Threshold.MONITOR].needs_review_date
    assert not THRESHOLD_RULES[Threshold.SECTION_17].needs_review_date


def test_r1_review_date_is_birth_plus_25_years() -> None:
    recorded = dt.date(2026, 9, 1)
    assert child_file_review_date(
        date_of_birth=dt.date(2015, 3, 14), recorded_on=recorded
    ) == dt.date(2040, 3, 14)
    assert child_file_review_date(
        date_of_birth=None, expected_delivery=dt.date(2027, 1, 10), recorded_on=recorded
    ) == dt.date(2052, 1, 10)
    assert child_file_review_date(date_of_birth=None, recorded_on=recorded) == dt.date(2051, 9, 1)


def test_a_leap_day_birthday_falls_back_to_28_february() -> None:
    assert add_years(dt.date(2016, 2, 29), 25) == dt.date(2041, 2, 28)
    assert add_years(dt.date(2016, 2, 29), 24) == dt.date(2040, 2, 29)

"""The time rules T1–T14: kinds of days, counting from the day after, every 2026–2027
bank holiday, year ends, month clamping, term dates, and scenarios S1, S2, S3 and S7.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from wtsc_desktop.guidance.timescales import (
    NO_TERM_DATES_NOTE,
    RULES,
    SchoolCalendar,
    Unit,
    UnknownRule,
    WhoseClock,
    add_months,
    add_school_days,
    add_working_days,
    bank_holidays,
    due_date,
    is_working_day,
)

D = dt.date

BANK_HOLIDAYS_2026 = [
    D(2026, 1, 1),
    D(2026, 4, 3),
    D(2026, 4, 6),
    D(2026, 5, 4),
    D(2026, 5, 25),
    D(2026, 8, 31),
    D(2026, 12, 25),
    D(2026, 12, 28),
]
BANK_HOLIDAYS_2027 = [
    D(2027, 1, 1),
    D(2027, 3, 26),
    D(2027, 3, 29),
    D(2027, 5, 3),
    D(2027, 5, 31),
    D(2027, 8, 30),
    D(2027, 12, 27),
    D(2027, 12, 28),
]


def test_every_rule_of_guidance_md_is_in_one_table_with_its_facts() -> None:
    expected = {
        "T1", "T2", "T3", "T4", "T5a", "T5b", "T6", "T7",
        "T8a", "T8b", "T9", "T10", "T11", "T12", "T13", "T14",
    }  # fmt: skip
    assert set(RULES) == expected
    for rule_id, rule in RULES.items():
        assert rule.id == rule_id
        assert rule.what and rule.source and rule.edition and rule.wording and rule.owed_by
    assert RULES["T1"].whose_clock is WhoseClock.EXPECTED_BY
    assert RULES["T6"].whose_clock is WhoseClock.SETTING
    assert RULES["T11"].whose_clock is WhoseClock.INFORMATION_ONLY
    assert RULES["T8a"].whose_clock is WhoseClock.PERSONAL
    assert "not the DSL" in RULES["T8a"].owed_by
    assert RULES["T3"].reading and RULES["T7"].reading
    assert "within the first 5 days of the start of a new term" in RULES["T7"].wording
    assert RULES["T10"].internal_target and "promptly" in RULES["T10"].wording.lower()


def test_s1_referral_on_a_bank_holiday_weekend_expects_a_decision_on_tuesday() -> None:
    deadline = due_date("T1", D(2026, 8, 28))
    assert deadline.due == D(2026, 9, 1)
    assert deadline.unit is Unit.WORKING_DAYS
    assert deadline.whose_clock is WhoseClock.EXPECTED_BY
    assert deadline.clock_text == "1 working day"
    assert "WT" in deadline.edition and "chapter 3" in deadline.source


def test_s2_icpc_skips_good_friday_and_easter_monday() -> None:
    deadline = due_date("T3", D(2026, 3, 30))
    assert deadline.due == D(2026, 4, 22)
    assert "section 47" in deadline.reading


def test_s3_core_group_skips_early_may_and_first_review_is_three_months_on() -> None:
    assert due_date("T4", D(2026, 4, 22)).due == D(2026, 5, 7)
    review = due_date("T5a", D(2026, 4, 22))
    assert review.due == D(2026, 7, 22)
    assert review.unit is Unit.MONTHS


def test_s7_cp_file_due_five_school_days_after_the_last_day() -> None:
    deadline = due_date("T7", D(2026, 11, 2))
    assert deadline.due == D(2026, 11, 9)
    assert deadline.note == NO_TERM_DATES_NOTE
    assert deadline.whose_clock is WhoseClock.SETTING
    assert "school days" in deadline.reading


AUTUMN_2026 = SchoolCalendar(
    terms=((D(2026, 9, 2), D(2026, 12, 18)),),
    closures=((D(2026, 10, 26), D(2026, 10, 30)),),  # half term
)


def test_a_half_term_week_is_not_counted_in_school_days() -> None:
    # Last day Thursday 22 October: Fri 23 is 1, half term skipped, Mon 2 Nov … Thu 5 Nov.
    deadline = due_date("T7", D(2026, 10, 22), calendar=AUTUMN_2026)
    assert deadline.due == D(2026, 11, 5)
    assert deadline.note == "School days from the term dates and closure days entered."
    without = due_date("T7", D(2026, 10, 22))
    assert without.due == D(2026, 10, 29)
    assert without.note == NO_TERM_DATES_NOTE


def test_school_days_wait_for_the_next_term_and_say_when_terms_run_out() -> None:
    year = SchoolCalendar(terms=((D(2026, 9, 2), D(2026, 12, 18)), (D(2027, 1, 5), D(2027, 3, 26))))
    due, note = add_school_days(D(2026, 12, 17), 5, year)
    assert due == D(2027, 1, 8)  # Fri 18 Dec, then Tue 5 … Fri 8 Jan
    assert note == "School days from the term dates and closure days entered."
    due, note = add_school_days(D(2027, 3, 25), 3, year)
    assert due == D(2027, 4, 1)  # Fri 26 and Mon 29 are bank holidays; then 30, 31, 1
    assert "last term date entered (26/03/2027)" in note


def test_closures_alone_are_honoured_and_said() -> None:
    closures = SchoolCalendar(closures=((D(2026, 11, 4), D(2026, 11, 4)),))
    deadline = due_date("T7", D(2026, 11, 2), calendar=closures)
    assert deadline.due == D(2026, 11, 10)
    assert "No term dates entered" in deadline.note


def test_calendar_from_settings_pairs() -> None:
    built = SchoolCalendar.from_iso_pairs(
        [["2026-09-02", "2026-12-18"]], [["2026-10-26", "2026-10-30"]]
    )
    assert built == AUTUMN_2026


def test_fgm_best_practice_next_working_day_and_statutory_month() -> None:
    # Discovered Thursday 24 December 2026: next working day is Tuesday 29 December.
    assert due_date("T8a", D(2026, 12, 24)).due == D(2026, 12, 29)
    limit = due_date("T8b", D(2026, 12, 24))
    assert limit.due == D(2027, 1, 24)  # a Sunday: not moved
    assert limit.unit is Unit.MONTHS
    assert limit.whose_clock is WhoseClock.PERSONAL


def test_private_fostering_is_due_the_same_day() -> None:
    deadline = due_date("T13", D(2026, 8, 29))  # a Saturday: still the same day
    assert deadline.due == D(2026, 8, 29)
    assert deadline.clock_text == "0 days (the same day)"


def test_later_reviews_are_six_months_on() -> None:
    assert due_date("T5b", D(2026, 7, 22)).due == D(2027, 1, 22)
    assert due_date("T5b", D(2026, 8, 31)).due == D(2027, 2, 28)


def test_charity_commission_uses_our_internal_target() -> None:
    ours = due_date("T10", D(2026, 5, 1))
    assert ours.due == D(2026, 5, 6)  # Mon 4 May is a bank holiday
    assert "own target" in ours.note
    assert due_date("T10", D(2026, 5, 1), internal_targets={"T10": 1}).due == D(2026, 5, 5)


def test_ofsted_fourteen_calendar_days() -> None:
    assert due_date("T9", D(2026, 12, 20)).due == D(2027, 1, 3)


def test_month_results_are_clamped_to_a_shorter_month() -> None:
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)
    assert add_months(D(2028, 1, 31), 1) == D(2028, 2, 29)
    assert add_months(D(2027, 1, 31), 1) == D(2027, 2, 28)
    assert add_months(D(2026, 12, 15), 1) == D(2027, 1, 15)
    assert add_months(D(2026, 5, 31), 0) == D(2026, 5, 31)


def test_the_package_gives_england_bank_holidays_with_substitute_days() -> None:
    weekday_2026 = sorted(d for d in bank_holidays(2026) if d.weekday() < 5)
    weekday_2027 = sorted(d for d in bank_holidays(2027) if d.weekday() < 5)
    assert weekday_2026 == BANK_HOLIDAYS_2026
    assert weekday_2027 == BANK_HOLIDAYS_2027


@pytest.mark.parametrize("holiday", BANK_HOLIDAYS_2026 + BANK_HOLIDAYS_2027, ids=str)
def test_every_2026_and_2027_bank_holiday_is_skipped(holiday: dt.date) -> None:
    assert not is_working_day(holiday)
    before = holiday - dt.timedelta(days=1)
    while not is_working_day(before):
        before -= dt.timedelta(days=1)
    after = add_working_days(before, 1)
    assert after > holiday
    assert is_working_day(after)
    assert due_date("T1", before).due == after


@pytest.mark.parametrize(
    ("start", "due"),
    [
        (D(2026, 12, 24), D(2026, 12, 29)),
        (D(2027, 12, 24), D(2027, 12, 29)),
        (D(2026, 12, 31), D(2027, 1, 4)),
        (D(2027, 12, 31), D(2028, 1, 4)),  # New Year's Day 2028 is observed on Monday 3rd
        (D(2026, 12, 25), D(2026, 12, 29)),  # an event on a bank holiday counts the same way
    ],
    ids=str,
)
def test_one_working_day_across_year_ends(start: dt.date, due: dt.date) -> None:
    assert add_working_days(start, 1) == due


def test_fifteen_working_days_across_christmas_2027() -> None:
    # Mon 20 Dec 2027: 21–24 (4), 29–31 (7), Mon 3 Jan 2028 is a holiday, 4–7 (11), 10–13 (15).
    assert due_date("T3", D(2027, 12, 20)).due == D(2028, 1, 13)


def test_an_unknown_rule_is_a_typed_error_that_names_the_known_ones() -> None:
    with pytest.raises(UnknownRule) as caught:
        due_date("T99", D(2026, 1, 5))
    assert "T99" in str(caught.value) and "T5a" in str(caught.value)
    assert due_date("t5a", D(2026, 4, 22)).rule_id == "T5a"


def test_negative_amounts_are_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(D(2026, 1, 5), -1)
    with pytest.raises(ValueError):
        add_months(D(2026, 1, 5), -1)


DAYS = st.dates(min_value=D(2020, 1, 1), max_value=D(2035, 12, 31))
COUNTS = st.integers(min_value=1, max_value=60)


@settings(max_examples=150, deadline=None, database=None)
@given(start=DAYS, amount=COUNTS)
def test_a_working_day_due_date_is_never_a_weekend_or_bank_holiday(
    start: dt.date, amount: int
) -> None:
    due = add_working_days(start, amount)
    assert due.weekday() < 5
    assert due not in bank_holidays(due.year)
    assert due > start


@settings(max_examples=150, deadline=None, database=None)
@given(start=DAYS, amount=st.integers(min_value=0, max_value=60))
def test_adding_n_then_one_is_adding_n_plus_one(start: dt.date, amount: int) -> None:
    assert add_working_days(add_working_days(start, amount), 1) == add_working_days(
        start, amount + 1
    )

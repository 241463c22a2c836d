"""Counting days and computing the due date of a timescale (T1–T14; guidance.md, "Units").

Working days are Monday to Friday less England and Wales bank holidays (the ``holidays``
package, any year); school days are the organisation's term dates less its closure days
(with no term dates, Monday to Friday less bank holidays, and the result says so);
calendar months are clamped to the end of a shorter month. Counting starts on the day
after the event, whatever kind of day the event fell on; 0 days is the same day.

Pure: no clock is read here. Callers pass the dates (``wtsc_desktop.clock`` gives
"today" in Europe/London).
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from wtsc_desktop.guidance.timescale_rules import RULES, Rule, Unit, WhoseClock, length_text

__all__ = [
    "RULES",
    "Deadline",
    "Rule",
    "SchoolCalendar",
    "Unit",
    "UnknownRule",
    "WhoseClock",
    "add_calendar_days",
    "add_months",
    "add_school_days",
    "add_working_days",
    "bank_holidays",
    "due_date",
    "is_bank_holiday",
    "is_school_day",
    "is_working_day",
]

DEFAULT_INTERNAL_TARGETS: Mapping[str, int] = {"T10": 2}
NO_TERM_DATES_NOTE = "No term dates entered: counted Monday to Friday less bank holidays."
_ONE_DAY = dt.timedelta(days=1)
# A school-day count past the last term entered falls back to working days; nothing
# sensible needs more than this many days of counting.
_MAX_AMOUNT = 3660

DateRange = tuple[dt.date, dt.date]


class UnknownRule(KeyError):
    """A rule id that is not in the table (T1–T14, T5a/T5b, T8a/T8b)."""

    def __init__(self, rule_id: str) -> None:
        self.rule_id = rule_id
        super().__init__(rule_id)

    def __str__(self) -> str:
        known = ", ".join(RULES)
        return f"There is no timescale called “{self.rule_id}”. Use one of: {known}."


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[dt.date]:
    """England and Wales bank holidays in ``year`` (substitute days included)."""
    import holidays  # imported lazily: it is large (verified.md)

    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_bank_holiday(day: dt.date) -> bool:
    """True when ``day`` is an England and Wales bank holiday."""
    return day in bank_holidays(day.year)


def is_working_day(day: dt.date) -> bool:
    """Monday to Friday and not a bank holiday."""
    return day.weekday() < 5 and not is_bank_holiday(day)


def _check_amount(amount: int) -> None:
    if not 0 <= amount <= _MAX_AMOUNT:
        raise ValueError(f"A number of days from 0 to {_MAX_AMOUNT} is needed, not {amount}.")


def add_working_days(start: dt.date, amount: int) -> dt.date:
    """The ``amount``-th working day after ``start`` (``start`` itself when 0)."""
    _check_amount(amount)
    day = start
    counted = 0
    while counted < amount:
        day += _ONE_DAY
        if is_working_day(day):
            counted += 1
    return day


def add_calendar_days(start: dt.date, amount: int) -> dt.date:
    """``start`` plus ``amount`` calendar days."""
    _check_amount(amount)
    return start + dt.timedelta(days=amount)


def add_months(start: dt.date, amount: int) -> dt.date:
    """``start`` plus calendar months, clamped to the end of a shorter month.

    30 November + 3 months is 28 February (29 in a leap year); the result is not moved
    off a weekend or bank holiday.
    """
    if amount < 0:
        raise ValueError(f"A number of months of 0 or more is needed, not {amount}.")
    months = start.year * 12 + (start.month - 1) + amount
    year, month = divmod(months, 12)
    last = _calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(start.day, last))


@dataclass(frozen=True)
class SchoolCalendar:
    """The organisation's term dates and closure days (half terms, training days).

    Each range is (first day, last day), both included. With no terms, school days are
    Monday to Friday less bank holidays (less any closures entered).
    """

    terms: tuple[DateRange, ...] = ()
    closures: tuple[DateRange, ...] = ()

    @property
    def has_terms(self) -> bool:
        """True when at least one term is entered."""
        return bool(self.terms)

    @property
    def last_term_day(self) -> dt.date | None:
        """The last day of the latest term entered, if any."""
        return max((end for _, end in self.terms), default=None)

    @classmethod
    def from_iso_pairs(
        cls, terms: list[list[str]] | None, closures: list[list[str]] | None
    ) -> SchoolCalendar:
        """Build one from settings' ISO date pairs (``[["2026-09-02", "2026-10-23"], …]``)."""

        def ranges(pairs: list[list[str]] | None) -> tuple[DateRange, ...]:
            return tuple(
                (dt.date.fromisoformat(first), dt.date.fromisoformat(last))
                for first, last in pairs or []
            )

        return cls(terms=ranges(terms), closures=ranges(closures))


def _within(day: dt.date, ranges: tuple[DateRange, ...]) -> bool:
    return any(first <= day <= last for first, last in ranges)


def is_school_day(day: dt.date, calendar: SchoolCalendar | None = None) -> bool:
    """A working day inside a term (when terms are entered) and not a closure day."""
    if not is_working_day(day):
        return False
    if calendar is None:
        return True
    if calendar.has_terms and not _within(day, calendar.terms):
        last = calendar.last_term_day
        # Past the last term entered, the next term's dates are unknown.
        if last is None or day <= last:
            return False
    return not _within(day, calendar.closures)


def add_school_days(
    start: dt.date, amount: int, calendar: SchoolCalendar | None = None
) -> tuple[dt.date, str]:
    """The ``amount``-th school day after ``start``, and a note on how it was counted."""
    _check_amount(amount)
    day = start
    counted = 0
    while counted < amount:
        day += _ONE_DAY
        if is_school_day(day, calendar):
            counted += 1
    return day, _school_note(day, amount, calendar)


def _school_note(due: dt.date, amount: int, calendar: SchoolCalendar | None) -> str:
    if calendar is None or not calendar.has_terms:
        if calendar is not None and calendar.closures:
            return (
                "No term dates entered: counted Monday to Friday less bank holidays "
                "and the closure days entered."
            )
        return NO_TERM_DATES_NOTE
    last = calendar.last_term_day
    if amount and last is not None and due > last:
        return (
            f"Counted past the last term date entered ({last:%d/%m/%Y}): days after it "
            "were counted Monday to Friday less bank holidays. Enter next term's dates."
        )
    return "School days from the term dates and closure days entered."


@dataclass(frozen=True)
class Deadline:
    """A computed due date with everything the app shows beside it.

    Due at the end of ``due`` (guidance.md, "Units").
    """

    rule: Rule
    start: dt.date
    due: dt.date
    amount: int
    unit: Unit
    whose_clock: WhoseClock
    source: str
    edition: str
    wording: str
    reading: str
    note: str

    @property
    def rule_id(self) -> str:
        """The rule's id, e.g. ``T5a``."""
        return self.rule.id

    @property
    def clock_text(self) -> str:
        """The amount and kind of days in words, e.g. "1 working day", "0 days (same day)"."""
        return length_text(self.amount, self.unit)


def rule(rule_id: str) -> Rule:
    """The rule with this id (case as in guidance.md, e.g. ``T5a``), or ``UnknownRule``."""
    found = RULES.get(rule_id.strip())
    if found is None:
        by_folded = {key.casefold(): value for key, value in RULES.items()}
        found = by_folded.get(rule_id.strip().casefold())
    if found is None:
        raise UnknownRule(rule_id)
    return found


def due_date(
    rule_id: str,
    start: dt.date,
    *,
    calendar: SchoolCalendar | None = None,
    internal_targets: Mapping[str, int] | None = None,
) -> Deadline:
    """When rule ``rule_id`` falls due for an event on ``start``.

    ``calendar`` is used for school-day rules (T7); ``internal_targets`` overrides the
    organisation's own targets (T10: default 2 working days). An unknown id raises
    ``UnknownRule``.
    """
    found = rule(rule_id)
    amount = found.amount
    note = ""
    if found.internal_target:
        targets = {**DEFAULT_INTERNAL_TARGETS, **(internal_targets or {})}
        amount = targets.get(found.id, found.amount)
        note = f"This is the organisation's own target ({amount} working days), not the law's."
    if found.unit is Unit.WORKING_DAYS:
        due = add_working_days(start, amount)
    elif found.unit is Unit.SCHOOL_DAYS:
        due, note = add_school_days(start, amount, calendar)
    elif found.unit is Unit.DAYS:
        due = add_calendar_days(start, amount)
        if amount == 0:
            note = "Due the same day."
    else:
        due = add_months(start, amount)
    return Deadline(
        rule=found,
        start=start,
        due=due,
        amount=amount,
        unit=found.unit,
        whose_clock=found.whose_clock,
        source=found.source,
        edition=found.edition,
        wording=found.wording,
        reading=found.reading,
        note=note,
    )

"""How long each kind of record is kept (R1, R2).

R1 (IRMS toolkit for schools): the child protection file is kept until the child's date
of birth + 25 years, then reviewed. Clubs and charities set their own documented period;
the app offers the same default and asks them to confirm it.
"""

from __future__ import annotations

import datetime as dt

CHILD_FILE_YEARS = 25
R1_SOURCE = "R1: IRMS Information Management Toolkit for Schools (child protection files)"


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` plus whole years; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def child_file_review_date(
    *,
    date_of_birth: dt.date | None,
    expected_delivery: dt.date | None = None,
    recorded_on: dt.date,
    years: int = CHILD_FILE_YEARS,
) -> dt.date:
    """R1: when a child's file falls due for review.

    Date of birth + 25 years; for an unborn baby the expected date of delivery stands in;
    with neither known, the date the record was made (so nothing is kept for ever unseen).
    """
    base = date_of_birth or expected_delivery or recorded_on
    return add_years(base, years)

"""Deadlines as the organisation counts them: the time rules (guidance/timescales.py) with
its own term dates and closure days from settings.

Reading only: nothing is written and nothing is audited but a refusal.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from wtsc_desktop.errors import ValidationError
from wtsc_desktop.guidance.timescales import Deadline, SchoolCalendar, UnknownRule, due_date
from wtsc_desktop.services.context import SignedIn, require
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.services.settings import read_settings


def school_calendar(values: dict[str, Any]) -> SchoolCalendar:
    """The organisation's term dates and closure days from its settings' ISO date pairs."""
    return SchoolCalendar.from_iso_pairs(values.get("terms.dates"), values.get("terms.closures"))


def deadline_for(signed: SignedIn, *, rule_id: str, start: dt.date) -> Deadline:
    """When rule ``rule_id`` (e.g. ``T1``, ``T5a``) falls due for an event on ``start``.

    School-day rules (T7) count the organisation's term dates and closures. An unknown
    rule is a ``ValidationError`` on the field ``rule``.
    """
    require(signed, Action.VIEW_DEADLINES)
    calendar = school_calendar(read_settings(signed))
    try:
        return due_date(rule_id, start, calendar=calendar)
    except UnknownRule as exc:
        raise ValidationError("rule", str(exc)) from None

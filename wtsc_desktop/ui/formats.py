"""Dates and times as a UK reader expects them: dd/mm/yyyy, London time."""

from __future__ import annotations

import datetime as dt

from wtsc_desktop.clock import LONDON


def date_text(value: dt.date | None) -> str:
    return "" if value is None else value.strftime("%d/%m/%Y")


def datetime_text(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return value.astimezone(LONDON).strftime("%d/%m/%Y %H:%M")

"""The summary a reporter checks before submitting a concern: every answer under a plain
label, the child's words exactly as typed (line breaks kept), and "not recorded" where a
box was left empty, never a blank that looks filled in.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from html import escape

from wtsc_desktop.body_outline import SIDE_LABELS, region
from wtsc_desktop.guidance.categories import category_label
from wtsc_desktop.services.concern_types import NewConcern
from wtsc_desktop.ui.formats import date_text, datetime_text
from wtsc_desktop.ui.widgets.child_picker import PickedChild

NOT_RECORDED = "not recorded"


def _text(value: str) -> str:
    if not value.strip():
        return f"<i>{NOT_RECORDED}</i>"
    return escape(value).replace("\n", "<br>")


def _child_line(child: PickedChild) -> str:
    name = child.shown() if child.child_id is None else child.name
    year = f" ({child.year_group_or_team})" if child.year_group_or_team else ""
    where = " — not on the register" if child.child_id is None else ""
    part = child.part.label.lower() if child.part else "part not chosen"
    return escape(f"{name}{year}{where}: {part}")


def summary_html(
    concern: NewConcern,
    *,
    children: Sequence[PickedChild],
    reporter: str,
    written_at: dt.datetime,
) -> str:
    """The check page's summary of ``concern`` as rich text."""
    when = (
        datetime_text(concern.observed_at)
        if concern.observed_time_known
        else f"{date_text(concern.observed_at.date())} (time not known)"
    )
    marks = [
        f"{m.number}. {SIDE_LABELS[m.side]}, {region(m.side, m.x, m.y)}: "
        f"{m.label or NOT_RECORDED}, size {m.size or NOT_RECORDED}"
        for m in concern.marks
    ]
    told = concern.told_whom
    if concern.told_at is not None:
        told = f"{told or NOT_RECORDED}, {datetime_text(concern.told_at)}"
    rows: list[tuple[str, str]] = [
        (
            "Immediate danger",
            "<b>Yes — urgent: call 999 and tell the DSL in person</b>"
            if concern.immediate_danger
            else "No",
        ),
        ("Children", "<br>".join(_child_line(c) for c in children) or _text("")),
        ("Seen or heard", escape(when)),
        ("Where", _text(concern.location)),
        (
            "Written by",
            escape(
                f"{reporter}"
                + (f", {concern.reporter_role}" if concern.reporter_role.strip() else "")
                + f", {datetime_text(written_at)}"
            ),
        ),
        ("What the child said", _text(concern.child_words)),
        ("What you saw or heard", _text(concern.observed)),
        ("Your opinion", _text(concern.opinion)),
        ("Witnesses", _text(concern.witnesses)),
        ("Body map", "<br>".join(escape(m) for m in marks) or "no marks"),
        (
            "Kind of harm",
            escape(", ".join(category_label(c) for c in concern.categories)) or "none ticked",
        ),
        ("What you did straight away", _text(concern.action_taken)),
        ("Whom you told", _text(told)),
        (
            "Files attached",
            escape(", ".join(a.file_name for a in concern.attachments)) or "none",
        ),
    ]
    cells = "".join(
        f"<tr><td style='padding-right: 14px; vertical-align: top'><b>{escape(label)}</b></td>"
        f"<td>{value}</td></tr>"
        for label, value in rows
    )
    return f"<table cellspacing='0' cellpadding='4'>{cells}</table>"

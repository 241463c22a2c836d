"""User text made safe for ReportLab, and dates as a UK reader expects them.

A Paragraph reads its text as markup, so a child's words like ``<b>x</b> & <font>`` would
be taken as tags (or fail), and ``<img src=…>`` would make ReportLab fetch a file. So
every piece of user text is escaped first; only then are runs of characters the main
font lacks (Chinese, Japanese, Korean) wrapped in the CJK font, and line breaks turned
into ``<br/>`` (a Paragraph turns a newline into a space).
"""

from __future__ import annotations

import datetime as dt
import re
from xml.sax.saxutils import escape

from wtsc_desktop.clock import LONDON
from wtsc_desktop.reports.document import NOT_RECORDED
from wtsc_desktop.reports.fonts import Fonts, register

# C0 controls but tab and newline, DEL, C1 controls, lone surrogates and non-characters:
# none prints, and \x00 would end up in the text a reader copies out of the PDF.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
NOT_RECORDED_COLOUR = "#5f5f5f"
_NEWLINES = re.compile("\r\n|[\r\u2028\u2029\x85]")


def clean(text: str) -> str:
    """``text`` with every line break as ``\\n``, tabs as spaces, and nothing unprintable."""
    text = _NEWLINES.sub("\n", text)
    return _UNPRINTABLE.sub("", text).replace("\t", "    ")


def markup(text: str, *, fonts: Fonts | None = None) -> str:
    """Paragraph markup that prints ``text`` exactly, line breaks kept.

    Escape first, then wrap the runs the main font lacks in the CJK font: the other way
    round, escaping would turn the ``<font>`` tags themselves into text.
    """
    safe = escape(clean(text))
    if not safe.isascii():
        used = fonts or register()
        safe = used.fallback_runs.sub(
            lambda run: f'<font name="{used.cjk}">{run.group()}</font>', safe
        )
    return safe.replace("\n", "<br/>")


def or_not_recorded(text: str) -> str:
    """Markup for ``text``, or a grey "not recorded" when there is none (forms.md: never
    a blank that looks filled in)."""
    if not text.strip():
        return f'<font color="{NOT_RECORDED_COLOUR}">{NOT_RECORDED}</font>'
    return markup(text.strip("\n"))


def runs(text: str, fonts: Fonts | None = None) -> list[tuple[str, str]]:
    """``text`` (one line, not markup) split into (font name, piece) runs, for drawing
    straight onto a canvas in the page header and footer."""
    used = fonts or register()
    flat = " ".join(clean(text).split())
    pieces: list[tuple[str, str]] = []
    last = 0
    for match in used.fallback_runs.finditer(flat):
        if match.start() > last:
            pieces.append((used.sans, flat[last : match.start()]))
        pieces.append((used.cjk, match.group()))
        last = match.end()
    if last < len(flat):
        pieces.append((used.sans, flat[last:]))
    return pieces


def date_text(value: dt.date | None) -> str:
    """dd/mm/yyyy, or "not recorded"."""
    return NOT_RECORDED if value is None else value.strftime("%d/%m/%Y")


def datetime_text(value: dt.datetime | None, *, with_time: bool = True) -> str:
    """dd/mm/yyyy HH:MM in London time, or "not recorded"."""
    if value is None:
        return NOT_RECORDED
    local = value.astimezone(LONDON)
    return local.strftime("%d/%m/%Y %H:%M" if with_time else "%d/%m/%Y")

"""A child's chronology as a PDF: every entry in the order observed, each with its date
and time, kind, title, detail and who recorded it.

Built for long chronologies (hundreds of entries): each entry is one Paragraph with its
date drawn beside it, so laying out 500 entries costs little more than the text itself.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from wtsc_desktop.reports.document import ChronologyLine, ChronologyReport, RenderedPdf
from wtsc_desktop.reports.fonts import register
from wtsc_desktop.reports.layout import GREY, INK, SHADE, TEXT_WIDTH, render, styles
from wtsc_desktop.reports.layout import opening as page_opening
from wtsc_desktop.reports.text import datetime_text, markup

DATE_COLUMN = 30 * mm
_PAD = 3.0
_SHORT = 150.0  # points: an entry shorter than this is never split over two pages


class _Entry(Flowable):  # type: ignore[misc]  # ReportLab has no type hints
    """Date, time and kind in a narrow left column; the entry's paragraph beside them."""

    def __init__(self, when: tuple[str, str], kind: str, body: Paragraph) -> None:
        super().__init__()
        self.when = when
        self.kind = kind
        self.body = body
        self.body_height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _, self.body_height = self.body.wrap(available_width - DATE_COLUMN, available_height)
        self.width = available_width
        self.height = max(self.body_height, 30.0) + 2 * _PAD
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Any]:
        if self.body_height < _SHORT:
            return []  # a short entry moves to the next page whole
        parts = self.body.split(available_width - DATE_COLUMN, available_height - 2 * _PAD)
        if len(parts) < 2:
            return []
        return [
            _Entry(self.when, self.kind, parts[0]),
            _Entry(self.when, f"{self.kind} (continued)", parts[1]),
        ]

    def draw(self) -> None:
        fonts = register()
        canvas = self.canv
        top = self.height - _PAD
        canvas.setFillColor(INK)
        canvas.setFont(fonts.bold, 9)
        canvas.drawString(0, top - 9, self.when[0])
        canvas.setFont(fonts.sans, 9)
        canvas.drawString(0, top - 20, self.when[1])
        canvas.setFillColor(GREY)
        canvas.setFont(fonts.sans, 8)
        canvas.drawString(0, top - 30, self.kind)
        self.body.drawOn(canvas, DATE_COLUMN, top - self.body_height)
        canvas.setStrokeColor(SHADE)
        canvas.setLineWidth(0.6)
        canvas.line(0, 0.5, self.width, 0.5)


def _entry(line: ChronologyLine) -> _Entry:
    look = styles()
    happened = datetime_text(line.happened_at)
    recorded = datetime_text(line.recorded_at)
    parts = [f"<b>{markup(line.title)}</b>"]
    if line.detail.strip():
        parts.append(markup(line.detail))
    by = f"By {markup(line.by)}" if line.by.strip() else "By: not recorded"
    if recorded != happened:
        by += f" · written {recorded}"
    parts.append(f'<font size="8" color="#5f5f5f">{by}</font>')
    day, _, time = happened.partition(" ")
    return _Entry((day, time), line.kind, Paragraph("<br/>".join(parts), look.body))


def render_chronology(report: ChronologyReport) -> RenderedPdf:
    """The chronology as a PDF on the shared layout."""
    look = styles()
    story: list[Flowable] = page_opening(report.header)
    entries = report.entries
    if entries:
        first, last = entries[0].happened_at, entries[-1].happened_at
        summary = (
            f"{len(entries)} {'entry' if len(entries) == 1 else 'entries'}, from "
            f"{datetime_text(first, with_time=False)} to "
            f"{datetime_text(last, with_time=False)}, in the order they happened "
            "(ties in the order they were written)."
        )
    else:
        summary = "No entries: nothing has been recorded about this child yet."
    story.append(Paragraph(summary, look.small))
    if report.note.strip():
        story.append(Paragraph(markup(report.note), look.body))
    story.append(_Rule(TEXT_WIDTH))
    story.extend(_entry(line) for line in entries)
    return render(report.header, story)


class _Rule(Flowable):  # type: ignore[misc]  # ReportLab has no type hints
    def __init__(self, width: float) -> None:
        super().__init__()
        self.width, self.height = width, 6.0

    def draw(self) -> None:
        self.canv.setStrokeColor(GREY)
        self.canv.setLineWidth(0.8)
        self.canv.line(0, 2, self.width, 2)

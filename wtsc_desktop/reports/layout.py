"""The one page layout every PDF of the product uses.

Each page: "OFFICIAL-SENSITIVE" at the top and the bottom; from page 2, a running line
with the organisation, the title and whose record it is; a footer saying who made it
(full name and role) and when (London time), the audit chain head, and "Page X of Y".
The first page opens with the letterhead (organisation name and address), the title and
the child's identifiers.

"Page X of Y" takes two passes over the pages, not over the story: the story is laid out
once, each finished page is kept, and the page numbers are written onto all of them when
the total is known (``_NumberedCanvas``). A benchmark floor that wants "the same two-pass
page count" does the same.
"""

from __future__ import annotations

import gc
import io
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from wtsc_desktop.reports.document import PROTECTIVE_MARKING, RenderedPdf, ReportHeader
from wtsc_desktop.reports.fonts import Fonts, register
from wtsc_desktop.reports.text import datetime_text, markup, or_not_recorded, runs

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 18 * mm
FRAME_TOP = PAGE_HEIGHT - 22 * mm
FRAME_BOTTOM = 27 * mm
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
INK = colors.HexColor("#1a1a1a")
GREY = colors.HexColor("#5f5f5f")
RULE = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#eeeeee")
LABEL_WIDTH = 46 * mm


@dataclass(frozen=True)
class Styles:
    body: ParagraphStyle
    small: ParagraphStyle
    label: ParagraphStyle
    organisation: ParagraphStyle
    address: ParagraphStyle
    title: ParagraphStyle
    heading: ParagraphStyle
    subheading: ParagraphStyle
    quote: ParagraphStyle
    action: ParagraphStyle


@cache
def styles() -> Styles:
    """The paragraph styles, in the embedded fonts (never smaller than 8 pt for text)."""
    fonts = register()
    body = ParagraphStyle(
        "body", fontName=fonts.sans, fontSize=9.5, leading=12.5, textColor=INK, spaceAfter=3
    )
    return Styles(
        body=body,
        small=ParagraphStyle("small", body, fontSize=8, leading=10, textColor=GREY, spaceAfter=0),
        label=ParagraphStyle(
            "label", body, fontName=fonts.bold, fontSize=8.5, leading=11, spaceBefore=3
        ),
        organisation=ParagraphStyle(
            "organisation", body, fontName=fonts.bold, fontSize=13, leading=16, spaceAfter=1
        ),
        address=ParagraphStyle("address", body, fontSize=8.5, leading=10.5, textColor=GREY),
        title=ParagraphStyle(
            "title",
            body,
            fontName=fonts.bold,
            fontSize=17,
            leading=21,
            spaceBefore=6,
            spaceAfter=6,
        ),
        heading=ParagraphStyle(
            "heading",
            body,
            fontName=fonts.bold,
            fontSize=12,
            leading=15,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        subheading=ParagraphStyle(
            "subheading",
            body,
            fontName=fonts.bold,
            fontSize=10,
            leading=13,
            spaceBefore=6,
            spaceAfter=2,
            keepWithNext=1,
        ),
        quote=ParagraphStyle(
            "quote",
            body,
            fontSize=10,
            leading=13.5,
            leftIndent=6,
            rightIndent=6,
            borderPadding=(4, 6),
            borderColor=RULE,
            borderWidth=0.6,
            backColor=colors.HexColor("#f6f6f6"),
            spaceBefore=4,
            spaceAfter=8,
        ),
        action=ParagraphStyle("action", body, leftIndent=5 * mm, firstLineIndent=-5 * mm),
    )


# --- the parts of a story ---------------------------------------------------------------


def opening(header: ReportHeader) -> list[Flowable]:
    """The first page's letterhead, the title and the identifiers."""
    look = styles()
    parts: list[Flowable] = [Paragraph(or_not_recorded(header.organisation), look.organisation)]
    if header.address.strip():
        parts.append(Paragraph(markup(header.address.strip()), look.address))
    parts.append(Paragraph(markup(header.title), look.title))
    if header.identifiers:
        parts.append(facts(header.identifiers, shaded=True))
    parts.append(Spacer(1, 4 * mm))
    return parts


def heading(text: str) -> Paragraph:
    return Paragraph(markup(text), styles().heading)


def subheading(text: str) -> Paragraph:
    return Paragraph(markup(text), styles().subheading)


def facts(rows: Sequence[tuple[str, str]], *, shaded: bool = False) -> Table:
    """Short label/value pairs as two columns; each value is user text (escaped here), and
    an empty one prints "not recorded". Long free text goes in ``labelled`` instead, which
    can run over a page break."""
    look = styles()
    table = Table(
        [
            [Paragraph(markup(label), look.label), Paragraph(or_not_recorded(value), look.body)]
            for label, value in rows
        ],
        colWidths=[LABEL_WIDTH, TEXT_WIDTH - LABEL_WIDTH],
        hAlign="LEFT",
    )
    commands: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("LEFTPADDING", (0, 0), (-1, -1), 4 if shaded else 0),
        ("LINEBELOW", (0, 0), (-1, -2), 0.25, SHADE if shaded else colors.HexColor("#dddddd")),
    ]
    if shaded:
        commands.append(("BACKGROUND", (0, 0), (-1, -1), SHADE))
        commands.append(("BOX", (0, 0), (-1, -1), 0.5, RULE))
    table.setStyle(TableStyle(commands))
    return table


def labelled(label: str, text: str, *, quote: bool = False) -> list[Flowable]:
    """A label, then free text (which may be long and run on to the next page)."""
    look = styles()
    return [
        Paragraph(markup(label), ParagraphStyle("kept-label", look.label, keepWithNext=1)),
        Paragraph(or_not_recorded(text), look.quote if quote else look.body),
    ]


# --- the page furniture -------------------------------------------------------------


def _draw_line(
    canvas: Canvas, x: float, y: float, text: str, size: float, width: float, *, bold: bool
) -> None:
    """One line of user text in the right fonts, cut with "…" to ``width``."""
    fonts = register()
    pieces = [(fonts.bold if bold and f == fonts.sans else f, t) for f, t in runs(text, fonts)]
    used = 0.0
    ellipsis = stringWidth("…", fonts.sans, size)
    for font, piece in pieces:
        room = width - used
        piece_width = stringWidth(piece, font, size)
        if piece_width > room:
            piece = _longest_fit(piece, font, size, room - ellipsis)
            canvas.setFont(font, size)
            canvas.drawString(x + used, y, piece)
            used += stringWidth(piece, font, size)
            canvas.setFont(fonts.sans, size)
            canvas.drawString(x + used, y, "…")
            return
        canvas.setFont(font, size)
        canvas.drawString(x + used, y, piece)
        used += piece_width


def _longest_fit(text: str, font: str, size: float, room: float) -> str:
    """The longest start of ``text`` no wider than ``room`` (a binary search: an
    organisation's name may run to 2,000 characters, on every page)."""
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if stringWidth(text[:middle], font, size) <= room:
            low = middle
        else:
            high = middle - 1
    return text[:low]


def _marking(canvas: Canvas, fonts: Fonts, y: float) -> None:
    canvas.setFont(fonts.bold, 9)
    canvas.drawCentredString(PAGE_WIDTH / 2, y, PROTECTIVE_MARKING)


def _decorate(header: ReportHeader) -> Any:
    made = (
        f"Made by {header.generated_by} ({header.generated_role}) on "
        f"{datetime_text(header.generated_at)} (UK time)"
    )
    chain = f"Audit trail chain head: {header.chain_head}"
    running = " — ".join(p for p in (header.title, header.running) if p.strip())

    def on_page(canvas: Canvas, doc: BaseDocTemplate) -> None:
        fonts = register()
        canvas.saveState()
        canvas.setFillColor(INK)
        _marking(canvas, fonts, PAGE_HEIGHT - 10 * mm)
        if canvas.getPageNumber() > 1:
            half = TEXT_WIDTH / 2 - 3 * mm
            _draw_line(
                canvas, MARGIN, PAGE_HEIGHT - 16 * mm, header.organisation, 8, half, bold=True
            )
            _draw_line(
                canvas, MARGIN + half + 6 * mm, PAGE_HEIGHT - 16 * mm, running, 8, half, bold=False
            )
            canvas.setStrokeColor(RULE)
            canvas.setLineWidth(0.5)
            canvas.line(
                MARGIN, PAGE_HEIGHT - 18.5 * mm, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 18.5 * mm
            )
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, 22 * mm, PAGE_WIDTH - MARGIN, 22 * mm)
        _draw_line(canvas, MARGIN, 18 * mm, made, 7.5, TEXT_WIDTH - 30 * mm, bold=False)
        canvas.setFillColor(GREY)
        _draw_line(canvas, MARGIN, 14.5 * mm, chain, 7.5, TEXT_WIDTH - 30 * mm, bold=False)
        canvas.setFillColor(INK)
        _marking(canvas, fonts, 8 * mm)
        canvas.restoreState()

    return on_page


class _KeepWithNext(KeepTogether):  # type: ignore[misc]  # ReportLab has no type hints
    """What a heading with ``keepWithNext`` becomes: kept with what follows, except that
    when what follows is long (a long account, a table of many children) and there is
    room for a few lines of it here, it starts here rather than leaving most of the page
    blank."""

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if getattr(self, "_wrapInfo", None) != (available_width, available_height):
            self.wrap(available_width, available_height)
        height, first = self._H, self._H0
        if height > available_height and height > _LONG and available_height >= first + _ROOM:
            return list(self._content)
        parts: list[Flowable] = super().split(available_width, available_height)
        return parts


_LONG = 250.0  # points: content taller than this may start at the foot of a page
_ROOM = 60.0  # points: about four lines of it must fit there


class _NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab has no type hints
    """Keeps each finished page, and writes "Page X of Y" on all of them at the end."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._finished: list[dict[str, Any]] = []
        self.page_total = 0

    def showPage(self) -> None:
        self._finished.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        fonts = register()
        finished, total = self._finished, len(self._finished)
        for state in finished:
            self.__dict__.update(state)
            self.setFillColor(INK)
            self.setFont(fonts.bold, 8.5)
            self.drawRightString(
                PAGE_WIDTH - MARGIN, 18 * mm, f"Page {self._pageNumber} of {total}"
            )
            super().showPage()
        super().save()
        self.page_total = total


def render(header: ReportHeader, story: list[Flowable]) -> RenderedPdf:
    """Lay ``story`` out on the shared pages; the PDF's bytes and its page count."""
    register()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=PAGE_HEIGHT - FRAME_TOP,
        bottomMargin=FRAME_BOTTOM,
        title=header.title,
        subject=PROTECTIVE_MARKING,
        creator="WTSC Desktop",
        author="",
    )
    frame = Frame(
        MARGIN,
        FRAME_BOTTOM,
        TEXT_WIDTH,
        FRAME_TOP - FRAME_BOTTOM,
        id="text",
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    doc.keepTogetherClass = _KeepWithNext
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_decorate(header))])
    canvases: list[_NumberedCanvas] = []

    def make_canvas(*args: Any, **kwargs: Any) -> _NumberedCanvas:
        canvas = _NumberedCanvas(*args, **kwargs)
        canvases.append(canvas)
        return canvas

    # ReportLab makes many short-lived objects; in the app's large heap each automatic
    # full collection would scan everything else too. Collect once, afterwards.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        doc.build(story, canvasmaker=make_canvas)
    finally:
        if was_enabled:
            gc.enable()
    return RenderedPdf(buffer.getvalue(), canvases[-1].page_total)

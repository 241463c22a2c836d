"""The body map in a PDF: the front and back outlines with each numbered mark where it
was placed, and a list of the marks with their place, label and approximate size.

The outline is the one the concern wizard draws (``wtsc_desktop.body_outline``), so a
mark at (x, y) lands on the same spot of the same figure on screen and on paper.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph

from wtsc_desktop.body_outline import ASPECT, SIDE_LABELS, SIDES, head_box, outline_points, region
from wtsc_desktop.reports.document import MarkLine
from wtsc_desktop.reports.fonts import register
from wtsc_desktop.reports.layout import GREY, INK, styles
from wtsc_desktop.reports.text import markup, or_not_recorded

FIGURE_HEIGHT = 78 * mm
FIGURE_WIDTH = FIGURE_HEIGHT * ASPECT
MARK_RADIUS = 2.6 * mm
MARK_COLOUR = colors.HexColor("#b3261e")
_GAP = 34 * mm  # between the two figures
_CAPTION = 9 * mm  # above each figure
_NOTE = 9 * mm  # under each figure
SIDE_NOTES = {
    "front": "The child's right is on your left",
    "back": "The child's right is on your right",
}


class BodyMap(Flowable):  # type: ignore[misc]  # ReportLab has no type hints
    """The two outlines with the marks; it stays whole on one page."""

    def __init__(self, marks: Sequence[MarkLine]) -> None:
        super().__init__()
        self.marks = tuple(marks)
        self.width = 2 * FIGURE_WIDTH + _GAP
        self.height = _CAPTION + FIGURE_HEIGHT + _NOTE
        self.hAlign = "CENTER"

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def _figure_origin(self, side: str) -> tuple[float, float]:
        """The bottom-left corner of the side's figure box."""
        return SIDES.index(side) * (FIGURE_WIDTH + _GAP), _NOTE

    def _point(self, side: str, x: float, y: float) -> tuple[float, float]:
        left, bottom = self._figure_origin(side)
        return left + x * FIGURE_WIDTH, bottom + (1 - y) * FIGURE_HEIGHT

    def draw(self) -> None:
        fonts = register()
        canvas = self.canv
        canvas.saveState()
        for side in SIDES:
            left, bottom = self._figure_origin(side)
            centre = left + FIGURE_WIDTH / 2
            canvas.setFillColor(INK)
            canvas.setFont(fonts.bold, 10)
            canvas.drawCentredString(centre, bottom + FIGURE_HEIGHT + 3.5 * mm, SIDE_LABELS[side])
            canvas.setFillColor(GREY)
            canvas.setFont(fonts.sans, 8)
            canvas.drawCentredString(centre, bottom - 5.5 * mm, SIDE_NOTES[side])
            self._outline(side)
        for mark in self.marks:
            self._mark(mark)
        canvas.restoreState()

    def _outline(self, side: str) -> None:
        canvas = self.canv
        canvas.setStrokeColor(INK)
        canvas.setFillColor(colors.HexColor("#f7f4ef"))
        canvas.setLineWidth(1.0)
        path = canvas.beginPath()
        points = outline_points()
        path.moveTo(*self._point(side, *points[0]))
        for x, y in points[1:]:
            path.lineTo(*self._point(side, x, y))
        path.close()
        canvas.drawPath(path, stroke=1, fill=1)
        hx, hy, hw, hh = head_box()
        x1, y1 = self._point(side, hx, hy + hh)
        x2, y2 = self._point(side, hx + hw, hy)
        canvas.ellipse(x1, y1, x2, y2, stroke=1, fill=1)

    def _mark(self, mark: MarkLine) -> None:
        fonts = register()
        canvas = self.canv
        side = mark.side if mark.side in SIDES else SIDES[0]
        x, y = self._point(side, min(max(mark.x, 0.0), 1.0), min(max(mark.y, 0.0), 1.0))
        canvas.setFillColor(MARK_COLOUR)
        canvas.setStrokeColor(colors.white)
        canvas.setLineWidth(0.8)
        canvas.circle(x, y, MARK_RADIUS, stroke=1, fill=1)
        canvas.setFillColor(colors.white)
        size = 7.5 if mark.number < 10 else 6
        canvas.setFont(fonts.bold, size)
        canvas.drawCentredString(x, y - size * 0.36, str(mark.number))


def mark_list(marks: Sequence[MarkLine]) -> list[Flowable]:
    """One line per mark: its number, side, the part of the body, its label and size."""
    look = styles()
    lines: list[Flowable] = []
    for mark in sorted(marks, key=lambda m: m.number):
        side = mark.side if mark.side in SIDES else SIDES[0]
        place = f"{SIDE_LABELS[side]}, {region(side, mark.x, mark.y)}"
        lines.append(
            Paragraph(
                f"<b>{mark.number}.</b> {markup(place)}. <b>What it is:</b> "
                f"{or_not_recorded(mark.label)}. <b>About how big:</b> "
                f"{or_not_recorded(mark.size)}.",
                look.body,
            )
        )
    return lines

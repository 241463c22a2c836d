"""The body map: a front and a back outline of a child, and numbered marks on them.

A mark is placed with the mouse (click where it is) or with the keyboard alone: the
arrow keys move a crosshair (Shift for small steps), Enter places a mark, Tab moves from
the front to the back outline (and on out of the map), Delete removes the selected mark,
Page Up and Page Down choose a mark. A screen reader hears where the crosshair is and
every mark through the accessible description, which changes with them.

Positions are fractions (0 to 1) across and down each figure's box, as
``wtsc_desktop.body_outline`` defines it, so a printed record draws them in the same place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

from wtsc_desktop.body_outline import (
    ASPECT,
    SIDE_LABELS,
    SIDES,
    head_box,
    outline_points,
    region,
)

STEP = 0.02  # an arrow key moves the crosshair 2% of the figure
FINE_STEP = 0.005  # with Shift held
MARK_RADIUS = 11.0
KEYS_HELP = (
    "Arrow keys move the crosshair (hold Shift for small steps), Enter places a mark, "
    "Tab moves to the back outline, Delete removes the selected mark, Page Up and "
    "Page Down choose a mark."
)


@dataclass(frozen=True)
class Mark:
    number: int
    side: str  # "front" or "back"
    x: float
    y: float
    label: str = ""
    size: str = ""

    def where(self) -> str:
        return region(self.side, self.x, self.y)

    def spoken(self) -> str:
        text = f"mark {self.number} on the {self.side}, {self.where()}"
        if self.label:
            text += f": {self.label}"
        if self.size:
            text += f", about {self.size}"
        return text


def _percent(value: float) -> str:
    return f"{round(value * 100)}%"


class BodyMapWidget(QWidget):
    """Front and back outlines with numbered marks; see the module docstring for keys."""

    marks_changed = Signal()
    selection_changed = Signal(int)  # the selected mark's number, 0 for none

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.marks: list[Mark] = []
        self.selected = 0
        self.side = "front"
        self.crosshair: dict[str, tuple[float, float]] = {s: (0.5, 0.3) for s in SIDES}
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Body map")
        self.setMinimumSize(420, 400)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._describe()

    # --- marks ------------------------------------------------------------------

    def add_mark(self, side: str, x: float, y: float) -> Mark:
        number = max((m.number for m in self.marks), default=0) + 1
        mark = Mark(number, side, min(max(x, 0.0), 1.0), min(max(y, 0.0), 1.0))
        self.marks.append(mark)
        self._changed()
        self.select(number)
        return mark

    def remove_mark(self, number: int) -> None:
        self.marks = [m for m in self.marks if m.number != number]
        self._changed()
        if self.selected == number:
            self.select(self.marks[-1].number if self.marks else 0)

    def update_mark(
        self, number: int, *, label: str | None = None, size: str | None = None
    ) -> None:
        for i, mark in enumerate(self.marks):
            if mark.number == number:
                self.marks[i] = replace(
                    mark,
                    label=mark.label if label is None else label,
                    size=mark.size if size is None else size,
                )
                self._changed()
                return

    def set_marks(self, marks: list[Mark]) -> None:
        self.marks = list(marks)
        self._changed()
        self.select(self.marks[-1].number if self.marks else 0)

    def mark(self, number: int) -> Mark | None:
        return next((m for m in self.marks if m.number == number), None)

    def select(self, number: int) -> None:
        if number and self.mark(number) is None:
            number = 0
        changed = number != self.selected
        self.selected = number
        self._describe()
        self.update()
        if changed:
            self.selection_changed.emit(number)

    def _changed(self) -> None:
        self._describe()
        self.update()
        self.marks_changed.emit()

    # --- geometry ---------------------------------------------------------------

    def figure_rect(self, side: str) -> QRectF:
        """Where the figure for ``side`` is drawn, in widget pixels."""
        column = self.width() / 2
        top, bottom = 30.0, 26.0
        height = max(self.height() - top - bottom, 10.0)
        width = height * ASPECT
        if width > column - 40:
            width = column - 40
            height = width / ASPECT
        left = column * SIDES.index(side) + (column - width) / 2
        return QRectF(left, top + (self.height() - top - bottom - height) / 2, width, height)

    def point_for(self, side: str, x: float, y: float) -> QPointF:
        box = self.figure_rect(side)
        return QPointF(box.left() + x * box.width(), box.top() + y * box.height())

    def _hit(self, pos: QPointF) -> tuple[str, float, float] | None:
        for side in SIDES:
            box = self.figure_rect(side)
            if box.contains(pos):
                x = (pos.x() - box.left()) / box.width()
                y = (pos.y() - box.top()) / box.height()
                return side, x, y
        return None

    def _mark_at(self, pos: QPointF) -> Mark | None:
        for mark in reversed(self.marks):
            centre = self.point_for(mark.side, mark.x, mark.y)
            if (centre - pos).manhattanLength() <= MARK_RADIUS * 1.4:
                return mark
        return None

    # --- input ------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        pos = event.position()
        existing = self._mark_at(pos)
        if existing is not None:
            self.side = existing.side
            self.select(existing.number)
            return
        hit = self._hit(pos)
        if hit is None:
            return
        side, x, y = hit
        self.side = side
        self.crosshair[side] = (x, y)
        self.add_mark(side, x, y)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        step = FINE_STEP if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else STEP
        moves = {
            Qt.Key.Key_Left: (-step, 0.0),
            Qt.Key.Key_Right: (step, 0.0),
            Qt.Key.Key_Up: (0.0, -step),
            Qt.Key.Key_Down: (0.0, step),
        }
        if key in moves:
            dx, dy = moves[Qt.Key(key)]
            x, y = self.crosshair[self.side]
            self.crosshair[self.side] = (min(max(x + dx, 0.0), 1.0), min(max(y + dy, 0.0), 1.0))
            self._describe()
            self.update()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.add_mark(self.side, *self.crosshair[self.side])
        elif key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            if self.selected:
                self.remove_mark(self.selected)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_PageDown) and self.marks:
            numbers = [m.number for m in self.marks]
            at = numbers.index(self.selected) if self.selected in numbers else -1
            at = (at + (1 if key == Qt.Key.Key_PageDown else -1)) % len(numbers)
            self.side = self.marks[at].side
            self.select(numbers[at])
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab goes from the front outline to the back one before leaving the map, and
        # Shift+Tab the other way round.
        if self.hasFocus():
            if next and self.side == "front":
                self._switch("back")
                return True
            if not next and self.side == "back":
                self._switch("front")
                return True
        return super().focusNextPrevChild(next)

    def _switch(self, side: str) -> None:
        self.side = side
        self._describe()
        self.update()

    def focusInEvent(self, event: QFocusEvent) -> None:
        if event.reason() == Qt.FocusReason.TabFocusReason:
            self.side = "front"
        elif event.reason() == Qt.FocusReason.BacktabFocusReason:
            self.side = "back"
        self._describe()
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    # --- what a screen reader hears ------------------------------------------------

    def describe(self) -> str:
        x, y = self.crosshair[self.side]
        parts = [
            f"{SIDE_LABELS[self.side]} outline. Crosshair on the "
            f"{region(self.side, x, y)}, {_percent(x)} across, {_percent(y)} down."
        ]
        if self.marks:
            parts.append(
                f"{len(self.marks)} mark{'s' if len(self.marks) > 1 else ''}: "
                + "; ".join(m.spoken() for m in self.marks)
                + "."
            )
        else:
            parts.append("No marks yet.")
        if self.selected:
            parts.append(f"Mark {self.selected} is selected.")
        parts.append(KEYS_HELP)
        return " ".join(parts)

    def _describe(self) -> None:
        self.setAccessibleDescription(self.describe())

    # --- drawing ----------------------------------------------------------------

    def _colours(self) -> dict[str, QColor]:
        palette = self.palette()
        dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
        return {
            "text": palette.color(QPalette.ColorRole.WindowText),
            "hint": palette.color(QPalette.ColorRole.PlaceholderText),
            "fill": palette.color(QPalette.ColorRole.Base),
            "line": palette.color(QPalette.ColorRole.Text),
            "focus": palette.color(QPalette.ColorRole.Highlight),
            "mark": QColor("#ff7b72" if dark else "#c62828"),
            "mark_text": QColor("#1d2125" if dark else "#ffffff"),
        }

    def _figure_path(self, side: str) -> QPainterPath:
        box = self.figure_rect(side)
        body = QPolygonF(
            [
                QPointF(box.left() + x * box.width(), box.top() + y * box.height())
                for x, y in outline_points()
            ]
        )
        path = QPainterPath()
        path.addPolygon(body)
        path.closeSubpath()
        left, top, width, height = head_box()
        head = QPainterPath()
        head.addEllipse(
            QRectF(
                box.left() + left * box.width(),
                box.top() + top * box.height(),
                width * box.width(),
                height * box.height(),
            )
        )
        return path.united(head)

    def paintEvent(self, event: QPaintEvent) -> None:
        colours = self._colours()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for side in SIDES:
            box = self.figure_rect(side)
            painter.setPen(colours["text"])
            painter.drawText(
                QRectF(box.left(), 4, box.width(), 22),
                Qt.AlignmentFlag.AlignCenter,
                SIDE_LABELS[side],
            )
            # Which side is the child's right, as seen on each view.
            right_on_left = side == "front"
            half = box.width() / 2
            under = box.bottom() + 4
            painter.setPen(colours["hint"])
            painter.drawText(
                QRectF(box.left(), under, half, 20),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                "Right" if right_on_left else "Left",
            )
            painter.drawText(
                QRectF(box.left() + half, under, half, 20),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                "Left" if right_on_left else "Right",
            )
            painter.setPen(QPen(colours["line"], 1.6))
            painter.setBrush(colours["fill"])
            painter.drawPath(self._figure_path(side))
            if self.hasFocus() and side == self.side:
                self._draw_crosshair(painter, side, colours["focus"])
        for mark in self.marks:
            self._draw_mark(painter, mark, colours)
        painter.end()

    def _draw_crosshair(self, painter: QPainter, side: str, colour: QColor) -> None:
        box = self.figure_rect(side)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(colour, 2, Qt.PenStyle.DashLine))
        painter.drawRect(box.adjusted(-6, -6, 6, 6))
        centre = self.point_for(side, *self.crosshair[side])
        painter.setPen(QPen(colour, 2))
        reach = 16.0
        painter.drawLine(centre - QPointF(reach, 0), centre + QPointF(reach, 0))
        painter.drawLine(centre - QPointF(0, reach), centre + QPointF(0, reach))
        painter.drawEllipse(centre, 5.0, 5.0)

    def _draw_mark(self, painter: QPainter, mark: Mark, colours: dict[str, QColor]) -> None:
        centre = self.point_for(mark.side, mark.x, mark.y)
        painter.setPen(QPen(colours["line"], 3 if mark.number == self.selected else 1))
        painter.setBrush(colours["mark"])
        painter.drawEllipse(centre, MARK_RADIUS, MARK_RADIUS)
        if mark.number == self.selected:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(colours["focus"], 2))
            painter.drawEllipse(centre, MARK_RADIUS + 4, MARK_RADIUS + 4)
        painter.setPen(colours["mark_text"])
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(
            QRectF(
                centre.x() - MARK_RADIUS, centre.y() - MARK_RADIUS, 2 * MARK_RADIUS, 2 * MARK_RADIUS
            ),
            Qt.AlignmentFlag.AlignCenter,
            str(mark.number),
        )
        font.setBold(False)
        painter.setFont(font)

"""The body-map outline: a simple, respectful child figure, as pure data (no Qt).

The concern wizard draws it on screen and the record-of-concern PDF draws the same
figure, so a mark's place (``x``, ``y`` from 0 to 1 across and down the figure's box)
lands on the same spot in both. The figure is one closed outline for the body and an
ellipse for the head, in design units ``WIDTH`` x ``HEIGHT``; ``outline_points`` and
``head_box`` give them as fractions of the box. ``region`` names the part of the body
under a point in plain words (for screen readers and summaries).

On the front view the child's right side is on the viewer's left; on the back view it is
on the viewer's right.
"""

from __future__ import annotations

from typing import Final

SIDES: Final = ("front", "back")
SIDE_LABELS: Final = {"front": "Front", "back": "Back"}

WIDTH: Final = 45.0
HEIGHT: Final = 100.0
ASPECT: Final = WIDTH / HEIGHT  # the figure's box is this wide for a height of 1
_MIDDLE = WIDTH / 2

# The head: centre and radii in design units.
_HEAD = (_MIDDLE, 7.4, 5.8, 7.0)

# The viewer's right half of the body, from the neck (under the head) down the outside
# of the arm, round the hand, up the inside of the arm, down the side, round the foot,
# and up the inside of the leg to the middle. The left half is its mirror image.
_HALF: tuple[tuple[float, float], ...] = (
    (2.6, 12.5),
    (2.8, 16.0),
    (6.5, 17.4),
    (10.0, 18.4),
    (11.8, 20.2),
    (12.8, 23.5),
    (13.6, 30.0),
    (14.6, 37.0),
    (15.8, 44.0),
    (16.8, 49.0),
    (18.2, 51.0),
    (18.8, 54.0),
    (18.0, 57.0),
    (16.4, 58.2),
    (14.9, 57.0),
    (14.6, 54.0),
    (14.8, 50.5),
    (13.4, 44.5),
    (12.0, 37.5),
    (10.8, 30.5),
    (9.9, 27.5),
    (9.6, 33.0),
    (9.4, 40.0),
    (10.0, 46.0),
    (10.4, 51.0),
    (10.4, 57.0),
    (9.8, 66.0),
    (9.0, 76.0),
    (8.6, 86.0),
    (8.6, 93.0),
    (10.6, 95.6),
    (10.8, 97.8),
    (9.6, 98.8),
    (3.6, 98.8),
    (2.8, 97.0),
    (2.8, 93.0),
    (2.4, 84.0),
    (1.6, 70.0),
    (1.2, 62.0),
    (0.0, 56.5),
)


def _mirror() -> tuple[tuple[float, float], ...]:
    right = [(_MIDDLE + dx, y) for dx, y in _HALF]
    left = [(_MIDDLE - dx, y) for dx, y in reversed(_HALF[:-1])]
    return tuple(right + left)


_OUTLINE = _mirror()


def outline_points() -> tuple[tuple[float, float], ...]:
    """The body outline (without the head) as a closed polygon, in fractions of the box."""
    return tuple((x / WIDTH, y / HEIGHT) for x, y in _OUTLINE)


def head_box() -> tuple[float, float, float, float]:
    """The head's ellipse as (left, top, width, height), in fractions of the box."""
    cx, cy, rx, ry = _HEAD
    return ((cx - rx) / WIDTH, (cy - ry) / HEIGHT, 2 * rx / WIDTH, 2 * ry / HEIGHT)


def _in_polygon(x: float, y: float, points: tuple[tuple[float, float], ...]) -> bool:
    inside = False
    j = len(points) - 1
    for i, (xi, yi) in enumerate(points):
        xj, yj = points[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def on_figure(x: float, y: float) -> bool:
    """True when the point (fractions of the box) falls on the head or body."""
    px, py = x * WIDTH, y * HEIGHT
    cx, cy, rx, ry = _HEAD
    if ((px - cx) / rx) ** 2 + ((py - cy) / ry) ** 2 <= 1:
        return True
    return _in_polygon(px, py, _OUTLINE)


def _childs_side(side: str, x: float) -> str:
    viewer_left = x < 0.5
    # Facing us (front), the child's right is on our left; from behind, on our right.
    return "right" if viewer_left == (side == "front") else "left"


def region(side: str, x: float, y: float) -> str:
    """The part of the body under a point, in plain words: "left forearm", "upper back"."""
    if not on_figure(x, y):
        return "beside the outline"
    front = side == "front"
    px, py = x * WIDTH, y * HEIGHT
    lr = _childs_side(side, x)
    if py < 14.2:
        return "face" if front else "back of the head"
    if py < 17.2:
        return "neck" if front else "back of the neck"
    # The arm starts where the side of the body ends (the armpit is at about 27.5 down).
    if abs(px - _MIDDLE) > (10.0 if py < 27.5 else 10.6) and py < 59:
        if py > 50.5:
            return f"{lr} hand"
        if py > 33:
            return f"{lr} forearm"
        return f"{lr} upper arm"
    if py < 33:
        return "chest" if front else "upper back"
    if py < 47:
        return "tummy" if front else "lower back"
    if py < 57:
        return "lower tummy and groin" if front else "bottom"
    if py > 93:
        return f"{lr} foot"
    if py > 76:
        return f"{lr} shin" if front else f"{lr} calf"
    if py > 71:
        return f"{lr} knee" if front else f"back of the {lr} knee"
    return f"{lr} thigh" if front else f"back of the {lr} thigh"

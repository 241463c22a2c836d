"""The red that marks what is overdue or urgent, readable on the palette in use.

The same reds as the theme's error text (ui/theme.py), chosen by how dark the window is,
so that text drawn in item views (which style sheets do not reach) matches it.
"""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget


def warning_colour(widget: QWidget) -> QColor:
    """Red that reads on ``widget``'s palette."""
    dark = widget.palette().window().color().lightness() < 128
    return QColor("#ff8a80" if dark else "#b00020")

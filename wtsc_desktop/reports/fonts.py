"""The fonts every PDF embeds: DejaVu Sans (regular and bold) for Latin, Greek and
Cyrillic, and WenQuanYi Micro Hei for the characters DejaVu lacks (Chinese, Japanese,
Korean). Without the second font 李明 prints as empty boxes, with no error (verified.md).

The files ship inside the package (``wtsc_desktop/resources/fonts``, with their licences)
and are found through ``importlib.resources``, in an editable install and a plain
``pip install .`` alike. Registration happens once per process.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

SANS = "WTSC-Sans"
SANS_BOLD = "WTSC-Sans-Bold"
CJK = "WTSC-CJK"

_FILES = {
    SANS: ("DejaVuSans.ttf", 0),
    SANS_BOLD: ("DejaVuSans-Bold.ttf", 0),
    # A TrueType collection: face 0 is Micro Hei (face 1 is its monospaced twin).
    CJK: ("wqy-microhei.ttc", 0),
}


@dataclass(frozen=True)
class Fonts:
    """The registered font names, and a pattern matching the runs the main font lacks."""

    sans: str
    bold: str
    cjk: str
    fallback_runs: re.Pattern[str]


def font_folder() -> Path:
    """Where the font files are (a real folder: setuptools installs package data as files)."""
    folder = resources.files("wtsc_desktop") / "resources" / "fonts"
    path = Path(str(folder))
    if not (path / _FILES[SANS][0]).is_file():
        raise FileNotFoundError(
            f"The PDF fonts are missing from {path}. Reinstall WTSC Desktop to put them back."
        )
    return path


def _ranges(codepoints: set[int]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for point in sorted(codepoints):
        if spans and point == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], point)
        else:
            spans.append((point, point))
    return spans


def _fallback_pattern(covered: set[int]) -> re.Pattern[str]:
    """Runs of characters outside ``covered`` (the main font's characters, plus ASCII)."""
    covered = covered | set(range(0x80))
    parts = []
    for start, end in _ranges(covered):
        if start > 0xFFFF:
            break
        end = min(end, 0xFFFF)
        parts.append(
            re.escape(chr(start))
            if start == end
            else f"{re.escape(chr(start))}-{re.escape(chr(end))}"
        )
    return re.compile(f"[^{''.join(parts)}]+")


_lock = threading.Lock()
_fonts: Fonts | None = None


def register() -> Fonts:
    """Register the fonts with ReportLab, once per process (safe from a background thread).

    The first call also loads the page layout and the renderers, so that a caller who
    gets ReportLab ready ahead of time (a benchmark, a screen about to export) makes its
    first PDF as quickly as the next.
    """
    global _fonts
    if _fonts is not None:
        return _fonts
    with _lock:
        if _fonts is None:
            _fonts = _register()
    from wtsc_desktop.reports import chronology, record_of_concern  # noqa: F401

    return _fonts


def _register() -> Fonts:
    folder = font_folder()
    for name, (file_name, face) in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file_name), subfontIndex=face))
    # <b> inside a paragraph picks the bold face. The CJK font has no bold, so bold CJK
    # text stays in the same face rather than falling back to DejaVu's boxes.
    pdfmetrics.registerFontFamily(
        SANS, normal=SANS, bold=SANS_BOLD, italic=SANS, boldItalic=SANS_BOLD
    )
    pdfmetrics.registerFontFamily(CJK, normal=CJK, bold=CJK, italic=CJK, boldItalic=CJK)
    covered = set(pdfmetrics.getFont(SANS).face.charToGlyph)
    return Fonts(SANS, SANS_BOLD, CJK, _fallback_pattern(covered))

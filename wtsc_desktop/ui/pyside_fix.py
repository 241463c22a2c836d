"""A guard against a reference-count bug in PySide6 6.12 on Python 3.11.

In that pairing every Qt call that returns nothing (``setText``, ``processEvents``…)
takes one reference from ``None`` without having given one. ``None`` starts with about
30,000 references after the app's imports, so a normal session would abort the whole
process ("Fatal Python error: none_dealloc") within a day's use. From Python 3.12 ``None``
is immortal and the bug is harmless, which is what this does for 3.11: it gives ``None``
a reference count so large that no session can use it up. It changes nothing else, and
does nothing on other Python or PySide6 versions.
"""

from __future__ import annotations

import ctypes
import sys

_HEADROOM = 1 << 40  # a trillion calls
_applied = False


def needs_fix(python: tuple[int, int], pyside: tuple[int, int]) -> bool:
    """True for the affected pairing: CPython before 3.12 with PySide6 6.12."""
    return python < (3, 12) and pyside == (6, 12)


def keep_none_alive() -> bool:
    """Apply the guard once where it is needed; True when it was applied."""
    global _applied
    if _applied or sys.implementation.name != "cpython":
        return _applied
    import PySide6

    pyside = tuple(int(part) for part in PySide6.__version__.split(".")[:2])
    if not needs_fix(sys.version_info[:2], (pyside[0], pyside[1])):
        return False
    # ob_refcnt is the first field of every object in CPython 3.11's release builds.
    ctypes.c_ssize_t.from_address(id(None)).value += _HEADROOM
    _applied = True
    return True

"""PySide6 6.12 on Python 3.11 takes a reference from None on every call that returns
nothing; the app must survive a long day of such calls."""

from __future__ import annotations

import subprocess
import sys

from wtsc_desktop.ui.pyside_fix import needs_fix

LONG_DAY = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import wtsc_desktop.ui  # applies the guard
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication([])
label = QLabel("x")
label.show()
for i in range(60_000):  # twice what None holds after the app's imports
    label.setText("y" if i % 2 else "z")
    if i % 100 == 0:
        app.processEvents()
label.close()
print("survived", flush=True)
"""


def test_only_the_affected_pairing_is_touched() -> None:
    assert needs_fix((3, 11), (6, 12))
    assert not needs_fix((3, 12), (6, 12))
    assert not needs_fix((3, 11), (6, 11))


def test_a_long_day_of_qt_calls_does_not_abort_the_app() -> None:
    done = subprocess.run(
        [sys.executable, "-c", LONG_DAY], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "survived"

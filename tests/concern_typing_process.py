"""The child process of the kill-while-typing test: a fresh interpreter (never a fork of
pytest, which holds Qt and SQLite handles) that opens the app's concern wizard, types a
child's words into it, and keeps running until it is killed.

    python tests/concern_typing_process.py DATA_DIR WORDS_FILE

The user name and password come in the environment (WTSC_TEST_USER, WTSC_TEST_PASSWORD).
It prints ``typed`` once the words are in the box, and ``draft-saved <id>`` each time the
wizard saves its draft; a line printed is a save the caller was told had been committed.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from wtsc_desktop.clock import SystemClock
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.ui.dialogs.concern_wizard import WORDS, ConcernWizard

AUTOSAVE_MS = 200


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _type(wizard: ConcernWizard, text: str) -> None:
    box = wizard.words_page.words
    for number, line in enumerate(text.split("\n")):
        if number:
            QTest.keyClick(box, Qt.Key.Key_Return)
        for char in line:
            # QTest types ASCII only; other characters go as key presses carrying them.
            if char.isascii():
                QTest.keyClicks(box, char)
            else:
                QTest.sendKeyEvent(
                    QTest.KeyAction.Click,
                    box,
                    Qt.Key.Key_unknown,
                    char,
                    Qt.KeyboardModifier.NoModifier,
                )


def main(data_dir: str, words_file: str) -> int:
    app = QApplication(sys.argv[:1])
    signed = sign_in(
        StorePaths(Path(data_dir)),
        user_name=os.environ["WTSC_TEST_USER"],
        password=os.environ["WTSC_TEST_PASSWORD"],
        clock=SystemClock(),
    )
    wizard = ConcernWizard(signed, autosave_ms=AUTOSAVE_MS)
    wizard.draft_saved.connect(lambda draft_id: _say(f"draft-saved {draft_id}"))
    wizard.open()
    # As a person would: no immediate danger, the child found by name, a time, then words.
    wizard.danger_page.no.setChecked(True)
    wizard.next()
    picker = wizard.who_page.picker
    QTest.keyClicks(picker.search, os.environ["WTSC_TEST_CHILD"])
    picker.add_current()
    wizard.next()
    QTest.keyClicks(wizard.when_page.time_unknown, " ")
    wizard.next()
    if wizard.currentId() != WORDS:
        _say(f"stuck on page {wizard.currentId()}")
        return 1
    _type(wizard, Path(words_file).read_text("utf-8"))
    _say("typed")
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:3]))

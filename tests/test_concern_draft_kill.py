"""Nothing typed is lost: the app is killed (SIGKILL, no chance to tidy up) while a concern
is being typed, once its draft has been saved; signing in again finds the draft, and the
wizard puts the text back into its boxes exactly.
"""

from __future__ import annotations

import datetime as dt
import os
import queue
import signal
import subprocess
import sys
import threading
from pathlib import Path

from PySide6.QtWidgets import QMessageBox

from tests.casework import a_child
from tests.factory import ROLE_USERS
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.drafts import my_drafts
from wtsc_desktop.services.permissions import Role
from wtsc_desktop.ui.dialogs import concern_wizard as cw
from wtsc_desktop.ui.dialogs.concern_wizard import CONCERN_DRAFT, ConcernWizard

REPO = Path(__file__).resolve().parent.parent
CHILD = REPO / "tests" / "concern_typing_process.py"
WORDS = "She said: “Mum's friend hurt me, don't tell.”\nZoë (Year 9) — said it twice, crying."
WAIT_SECONDS = 60


def _lines(stream) -> tuple[queue.Queue[str], threading.Thread]:
    """The child's output, line by line, readable with a timeout, and the reader."""
    found: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for line in stream:
            found.put(line.strip())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    return found, reader


def test_a_concern_being_typed_survives_a_kill(qtbot, paths, dsl, clock, tmp_path) -> None:
    clock.current = dt.datetime.now(dt.UTC)  # the app in the child runs on the real clock
    a_child(dsl)  # Zoë Brightwater, found by typing "Zo"
    words_file = tmp_path / "words.txt"
    words_file.write_text(WORDS, "utf-8")
    user, password = ROLE_USERS[Role.REPORTER]
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(REPO),
        "WTSC_TEST_USER": user,
        "WTSC_TEST_PASSWORD": password,
        "WTSC_TEST_CHILD": "Zo",
    }
    app = subprocess.Popen(
        [sys.executable, str(CHILD), str(paths.root), str(words_file)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
    )
    said: list[str] = []
    lines, reader = _lines(app.stdout)
    try:
        # Wait for the words to be typed, then for the first save after that.
        while "typed" not in said or not said[-1].startswith("draft-saved"):
            said.append(lines.get(timeout=WAIT_SECONDS))
            assert not said[-1].startswith("stuck"), said
    finally:
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=WAIT_SECONDS)
        reader.join(timeout=WAIT_SECONDS)
        app.stdout.close()
    assert app.returncode == -signal.SIGKILL
    saved_id = int(said[-1].split()[1])

    reporter = sign_in(paths, user_name=user, password=password, clock=clock)
    try:
        [draft] = my_drafts(reporter, kind=CONCERN_DRAFT)
        assert draft.id == saved_id
        assert draft.payload["pages"]["words"]["words"] == WORDS
        wizard = ConcernWizard(reporter)
        qtbot.addWidget(wizard)
        wizard.open()
        qtbot.waitUntil(lambda: wizard.findChild(QMessageBox, "draftOffer") is not None)
        offer = wizard.findChild(QMessageBox, "draftOffer")
        assert "You have a concern you started on" in offer.text()
        [carry_on] = [b for b in offer.buttons() if b.accessibleName() == "Carry on with it"]
        carry_on.click()
        assert wizard.currentId() == cw.WORDS
        assert wizard.words_page.words.toPlainText() == WORDS
        assert [r.name for r in wizard.who_page.picker.rows] == ["Zoë Brightwater"]
        assert wizard.when_page.time_unknown.isChecked()
        wizard.close()
    finally:
        reporter.lock()

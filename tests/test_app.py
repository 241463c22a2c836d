"""The composition root: one copy per store, crash logs without personal data, the demo."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
from pathlib import Path

from wtsc_desktop.app import acquire_instance_lock
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.logs import configure_headless, log, log_crash
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.children import count_children
from wtsc_desktop.services.concern_lists import count_concerns
from wtsc_desktop.services.dashboard import dashboard
from wtsc_desktop.services.demo import create_demo_store
from wtsc_desktop.services.integrity import verify_store
from wtsc_desktop.store.keys import KdfParams

HOLD_LOCK = """
import sys, time
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
lock.setStaleLockTime(0)
assert lock.tryLock(1000)
print("held", flush=True)
time.sleep(60)
"""


def test_a_second_process_on_the_same_store_is_refused(tmp_path: Path) -> None:
    paths = StorePaths(tmp_path)
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(paths.instance_lock)],
        stdout=subprocess.PIPE,
        text=True,
    ) as holder:
        try:
            assert holder.stdout is not None
            assert holder.stdout.readline().strip() == "held"
            assert acquire_instance_lock(paths) is None
        finally:
            holder.send_signal(signal.SIGKILL)
            holder.wait()
    # The killed process left its lock behind; it is stale and taken over.
    lock = acquire_instance_lock(paths)
    assert lock is not None
    lock.unlock()


def test_a_crash_is_logged_without_its_message(tmp_path: Path) -> None:
    paths = StorePaths(tmp_path)
    configure_headless(paths)
    try:
        try:
            raise KeyError("Zoë Brightwater, 14/03/2015")
        except KeyError as exc:
            reference = log_crash(exc)
        for handler in log.handlers:
            handler.flush()
        text = (paths.logs / "commands.log").read_text("utf-8")
    finally:
        for handler in list(log.handlers):
            if isinstance(handler, logging.FileHandler):
                log.removeHandler(handler)
                handler.close()
    assert reference in text
    assert "KeyError" in text
    assert "Brightwater" not in text and "Zo" not in text.split("KeyError", 1)[1]


def test_core_dumps_are_switched_off(tmp_path: Path) -> None:
    if os.name == "nt":
        return
    script = (
        "from wtsc_desktop.logs import disable_core_dumps; import resource;"
        "disable_core_dumps(); print(resource.getrlimit(resource.RLIMIT_CORE))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.stdout.strip() == "(0, 0)"


def test_the_demo_store_has_every_role_children_and_casework(tmp_path: Path) -> None:
    paths = StorePaths(tmp_path / "demo")
    clock = FixedClock()
    accounts = create_demo_store(paths, clock=clock, kdf=KdfParams(1, 8192, 1))
    roles = set()
    for account in accounts:
        signed = sign_in(paths, user_name=account.user_name, password=account.password, clock=clock)
        roles.add(signed.actor.role)
        assert not signed.actor.must_change_password
        signed.lock()
    assert len(roles) == 5
    lead = sign_in(
        paths, user_name=accounts[0].user_name, password=accounts[0].password, clock=clock
    )
    try:
        assert count_children(lead) == 6
        board = dashboard(lead)
        assert [item.kind for item in board.urgent] == ["urgent_concern"]
        listed = [*board.overdue, *board.this_week]
        rules = {item.rule_id for item in listed}
        assert {"T1", "T3", "T7"} <= rules, rules
        assert any(item.title.startswith("No decision yet") for item in board.overdue)
        assert any(item.kind == "action" for item in board.overdue)
        assert board.patterns, "three worries about one child in a fortnight"
        assert count_concerns(lead) == 7
    finally:
        lead.lock()
    # The back-dated history keeps the audit trail whole.
    lead_account = accounts[0]
    found = verify_store(
        paths, user_name=lead_account.user_name, password=lead_account.password, clock=clock
    )
    assert found == []

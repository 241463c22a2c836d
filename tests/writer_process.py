"""The child process of the fault tests: a fresh interpreter (never a fork of pytest, which
holds Qt and SQLite handles) that works on a store through the services until it is killed.

    python tests/writer_process.py drafts DATA_DIR CYCLE
    python tests/writer_process.py backup DATA_DIR TARGET
    python tests/writer_process.py disk-full DATA_DIR TARGET

The user name and password come in the environment (WTSC_TEST_USER, WTSC_TEST_PASSWORD).
It prints ``ready`` once imported and waits for a line on standard input before touching
the store, so the parent can start the next writer while the current one runs. After each
commit it prints one acknowledgement line: a line printed is a commit the caller was told
had succeeded, and must survive a kill.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import sys
from pathlib import Path

from wtsc_desktop.clock import SystemClock
from wtsc_desktop.errors import StorageFull
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.backups import backup_to, restore
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.drafts import save_draft
from wtsc_desktop.services.integrity import verify_store

KILL_TEST_KIND = "kill-test"
# Above the 32 KiB of the WAL index (so the store still opens), below the database.
BACKUP_LIMIT = 40_000


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def _sign_in(paths: StorePaths) -> SignedIn:
    return sign_in(
        paths,
        user_name=os.environ["WTSC_TEST_USER"],
        password=os.environ["WTSC_TEST_PASSWORD"],
        clock=SystemClock(),
    )


def write_drafts(paths: StorePaths, cycle: int) -> None:
    """Numbered drafts, each its own transaction with its audit event, until killed."""
    signed = _sign_in(paths)
    n = 0
    while True:
        n += 1
        save_draft(signed, kind=KILL_TEST_KIND, payload={"cycle": cycle, "n": n})
        _say(f"ack {n}")


def write_backups(paths: StorePaths, target: Path) -> None:
    """Back up to the same file again and again, until killed."""
    signed = _sign_in(paths)
    while True:
        made = backup_to(signed, target=target)
        _say(f"ack {made.sha256}")


def _limit_file_size(limit: int) -> None:
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))


def _attempt(name: str, action: object) -> None:
    try:
        result = action() if callable(action) else None
    except StorageFull as exc:
        _say(json.dumps({"step": name, "refused": str(exc)}))
    else:
        _say(json.dumps({"step": name, "done": str(result)}))


def fill_the_disk(paths: StorePaths, target: Path) -> None:
    """Writes refused by a file-size limit (as by a full disk), then the same after it lifts."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a dead process
    signed = _sign_in(paths)
    big = {"text": "x" * 400_000}
    _limit_file_size(150_000)
    _attempt("large draft", lambda: save_draft(signed, kind="disk-full", payload=big))
    _limit_file_size(BACKUP_LIMIT)
    _attempt("backup", lambda: backup_to(signed, target=target).sha256)
    _attempt(
        "restore",
        lambda: restore(
            paths,
            source=target,
            user_name=os.environ["WTSC_TEST_USER"],
            password=os.environ["WTSC_TEST_PASSWORD"],
            clock=SystemClock(),
        ),
    )
    _limit_file_size(resource.RLIM_INFINITY)
    _attempt("large draft again", lambda: save_draft(signed, kind="disk-full", payload=big))
    _attempt("backup again", lambda: backup_to(signed, target=target).sha256)
    signed.lock()
    problems = verify_store(
        paths,
        user_name=os.environ["WTSC_TEST_USER"],
        password=os.environ["WTSC_TEST_PASSWORD"],
        clock=SystemClock(),
    )
    _say(json.dumps({"step": "verify", "done": problems}))


def main(argv: list[str]) -> None:
    mode, data_dir, extra = argv
    paths = StorePaths(Path(data_dir))
    _say("ready")
    if not sys.stdin.readline():
        return
    if mode == "drafts":
        write_drafts(paths, int(extra))
    elif mode == "backup":
        write_backups(paths, Path(extra))
    elif mode == "disk-full":
        fill_the_disk(paths, Path(extra))
    else:
        raise SystemExit(f"unknown mode {mode}")


if __name__ == "__main__":
    main(sys.argv[1:])

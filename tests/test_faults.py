"""The fault matrix of reliability.md: killed writers, a full disk, flipped bytes and an
audit trail edited with the key. Each must end in a whole store or a plain refusal.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from tests.factory import DSL_PASSWORD, DSL_USER
from tests.raw_store import checkpoint, file_hashes, flip_byte, keyed, master_key, sha256
from tests.writer_process import BACKUP_LIMIT, KILL_TEST_KIND
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.errors import StorageFull, StoreDamaged
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.backups import backup_to
from wtsc_desktop.services.integrity import check_database, verify_store
from wtsc_desktop.store.backup import unpack_backup

WRITER = Path(__file__).with_name("writer_process.py")
KILL_CYCLES = 20
KILL_LANES = 2
SEED = int(os.environ.get("WTSC_FAULT_SEED", random.randrange(2**32)))


def _verify(paths: StorePaths) -> list[str]:
    return verify_store(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=FixedClock())


# --- killed mid-commit ----------------------------------------------------------------


class Writer:
    """A writer process started ahead of time: it imports, says ready, and waits."""

    def __init__(self, mode: str, root: Path, extra: str, log: Path) -> None:
        env = dict(os.environ, WTSC_TEST_USER=DSL_USER, WTSC_TEST_PASSWORD=DSL_PASSWORD)
        self.log = log
        with log.open("wb") as errors:
            self.process = subprocess.Popen(
                [sys.executable, str(WRITER), mode, str(root), extra],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
                env=env,
            )
        assert self.process.stdin is not None and self.process.stdout is not None
        self.stdin, self.stdout = self.process.stdin, self.process.stdout

    def go(self) -> None:
        assert self.stdout.readline() == "ready\n", self.failure()
        self.stdin.write("go\n")
        self.stdin.flush()

    def next_ack(self) -> str:
        line = self.stdout.readline()
        assert line.startswith("ack "), f"the writer stopped: {line!r} {self.failure()}"
        return line[4:].strip()

    def kill(self) -> list[str]:
        """SIGKILL, then every acknowledgement it managed to print before it died."""
        self.process.kill()
        rest = self.stdout.read()
        self.process.wait()
        self.close()
        whole_lines = rest.split("\n")[:-1]  # a line cut short was never acknowledged
        return [line[4:] for line in whole_lines if line.startswith("ack ")]

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        for pipe in (self.stdin, self.stdout):
            with contextlib.suppress(OSError):
                pipe.close()

    def failure(self) -> str:
        self.process.poll()
        return self.log.read_text("utf-8", "replace")[-2000:]


def _kill_counts(rng: random.Random, cycles: int) -> list[int]:
    """A random count below 1,000 for each cycle, drawn evenly over the orders of magnitude
    (one draw from each twentieth of log10 1..1000, shuffled), so short and long runs are
    both killed and the 20 cycles take about the same time on every run."""
    counts = [min(999, max(1, int(10 ** (3 * (i + rng.random()) / cycles)))) for i in range(cycles)]
    rng.shuffle(counts)
    return counts


def _drafts_by_cycle(paths: StorePaths, key: bytes) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    with keyed(paths, key) as conn:
        rows = list(conn.execute("SELECT id, payload FROM draft WHERE kind = ?", (KILL_TEST_KIND,)))
        audited = {
            record_id
            for (record_id,) in conn.execute(
                "SELECT record_id FROM audit_event WHERE action = 'draft created'"
            )
        }
    for draft_id, payload in rows:
        assert str(draft_id) in audited, f"draft {draft_id} was committed without its audit event"
        record = json.loads(payload)
        found.setdefault(record["cycle"], []).append(record["n"])
    return found


def _kill_lane(
    paths: StorePaths, kills: list[int], rng: random.Random, logs: Path, name: str
) -> None:
    """One store, killed once per count in ``kills``, checked after every kill."""
    key = master_key(paths)
    logs.mkdir()
    writers = [Writer("drafts", paths.root, "0", logs / "0.log")]
    try:
        for cycle, kill_after in enumerate(kills):
            writer = writers[-1]
            writer.go()
            if cycle + 1 < len(kills):
                # The next interpreter starts up while this one writes.
                writers.append(
                    Writer("drafts", paths.root, str(cycle + 1), logs / f"{cycle + 1}.log")
                )
            acknowledged = [writer.next_ack() for _ in range(kill_after)]
            time.sleep(rng.uniform(0, 0.004))  # land anywhere inside the next commit
            acknowledged += writer.kill()
            context = f"{name}, cycle {cycle}, killed after {kill_after}"
            _check_cycle(paths, key, cycle, acknowledged, context)
    finally:
        for writer in writers:
            writer.close()


@pytest.mark.slow
def test_a_writer_killed_at_random_loses_no_acknowledged_commit(
    paths: StorePaths, tmp_path: Path
) -> None:
    """20 kills, run as two lanes of ten on two copies of the store, one per core."""
    rng = random.Random(SEED)
    kills = _kill_counts(rng, KILL_CYCLES)
    stores = [paths]
    for lane in range(1, KILL_LANES):
        stores.append(StorePaths(tmp_path / f"store-{lane}"))
        shutil.copytree(paths.root, stores[-1].root)
    with ThreadPoolExecutor(KILL_LANES) as pool:
        lanes = [
            pool.submit(
                _kill_lane,
                store,
                kills[lane::KILL_LANES],
                random.Random(SEED + lane),
                tmp_path / f"logs-{lane}",
                f"seed {SEED}, lane {lane}",
            )
            for lane, store in enumerate(stores)
        ]
        for finished in lanes:
            finished.result()
    assert sum(len(kills[lane::KILL_LANES]) for lane in range(KILL_LANES)) == KILL_CYCLES


def _check_cycle(
    paths: StorePaths, key: bytes, cycle: int, acknowledged: list[str], context: str
) -> None:
    numbers = [int(n) for n in acknowledged]
    assert numbers == list(range(1, len(numbers) + 1)), context
    present = _drafts_by_cycle(paths, key).get(cycle, [])
    assert len(present) == len(set(present)), context
    assert set(numbers) <= set(present), context
    assert len(present) <= len(numbers) + 1, context  # at most one commit unacknowledged
    assert _verify(paths) == [], context


@pytest.mark.slow
def test_a_backup_killed_at_random_leaves_the_old_file_or_a_whole_new_one(
    paths: StorePaths, tmp_path: Path, clock: FixedClock
) -> None:
    rng = random.Random(SEED + 1)
    key = master_key(paths)
    target = tmp_path / "usb" / "nightly.wtscbackup"
    signed = sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)
    backup_to(signed, target=target)
    signed.lock()
    started = time.perf_counter()
    with unpack_backup(target, tmp_path / "scratch") as opened:
        assert check_database(opened.database, key, opened.head) == []
    one_check = time.perf_counter() - started

    for cycle in range(6):
        before = sha256(target)
        writer = Writer("backup", paths.root, str(target), tmp_path / f"backup-{cycle}.log")
        try:
            writer.go()
            acknowledged = [writer.next_ack() for _ in range(rng.randrange(0, 3))]
            time.sleep(rng.uniform(0, 4 * one_check))
            acknowledged += writer.kill()
        finally:
            writer.close()

        context = f"seed {SEED + 1}, cycle {cycle}, {len(acknowledged)} acknowledged"
        # Whichever file is there opens and checks whole: the old one, or a complete new one.
        with unpack_backup(target, tmp_path / "scratch") as opened:
            assert check_database(opened.database, key, opened.head) == [], context
        if acknowledged:
            # ...and never one older than the last backup reported as made.
            assert sha256(target) not in {before, *acknowledged[:-1]}, context
        assert _verify(paths) == [], context
    # A later sign-in clears what the killed backups left in the data folder, once it is
    # old enough not to be another process's work in progress (a kill can land in the
    # middle of writing the chain-head file, too).
    for leftover in [*paths.root.glob(".wtsc-backup-*"), *paths.root.glob(".*.tmp")]:
        os.utime(leftover, (time.time() - 86_400, time.time() - 86_400))
    sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock).lock()
    assert list(paths.root.glob(".wtsc-backup-*")) == []
    assert [p for p in paths.root.iterdir() if p.name.endswith(".tmp")] == []


# --- disk full ---------------------------------------------------------------------------


def test_a_full_disk_refuses_the_write_cleanly_and_the_store_works_once_space_is_freed(
    paths: StorePaths, tmp_path: Path, clock: FixedClock
) -> None:
    target = tmp_path / "usb" / "full.wtscbackup"
    assert paths.database.stat().st_size > BACKUP_LIMIT, "the backup copy must pass the limit"
    signed = sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)
    old_backup = backup_to(signed, target=target).sha256
    signed.lock()
    writer = Writer("disk-full", paths.root, str(target), tmp_path / "disk-full.log")
    try:
        writer.go()
        out, _ = writer.process.communicate(timeout=60)
    finally:
        writer.close()
    steps: dict[str, Any] = {}
    for line in out.splitlines():
        step = json.loads(line)
        steps[step.pop("step")] = step
    assert writer.process.returncode == 0, writer.failure()

    refusal = str(StorageFull())
    assert steps["large draft"] == {"refused": refusal}, steps
    assert steps["backup"] == {"refused": refusal}, steps
    assert steps["restore"] == {"refused": refusal}, steps
    assert not list(paths.backups.glob("replaced-*")), "the live store was moved aside"
    assert "done" in steps["large draft again"], steps
    assert "done" in steps["backup again"], steps
    assert steps["verify"] == {"done": []}, steps
    assert steps["backup again"]["done"] != old_backup
    assert sha256(target) == steps["backup again"]["done"]
    assert list(target.parent.glob("*.tmp")) == []
    with keyed(paths) as conn:
        kinds = [r[0] for r in conn.execute("SELECT kind FROM draft")]
    assert kinds.count("disk-full") == 1, "the refused draft must not have been saved"
    assert _verify(paths) == []


# --- flipped bytes and truncation ----------------------------------------------------------


def test_a_byte_flipped_in_any_page_is_found(paths: StorePaths, tmp_path: Path) -> None:
    key = master_key(paths)
    checkpoint(paths, key)
    page = 4096
    pages = paths.database.stat().st_size // page
    assert pages >= 5
    missed = []
    for number in range(pages):
        copy = StorePaths(tmp_path / f"page-{number}")
        shutil.copytree(paths.root, copy.root)
        flip_byte(copy.database, number * page + page // 2)
        try:
            problems = _verify(copy)
        except StoreDamaged:
            continue
        if not problems:
            missed.append(number + 1)
        shutil.rmtree(copy.root)
    assert missed == [], f"pages with a flipped byte that verify did not notice: {missed}"


@pytest.mark.parametrize("cut", ["empty", "header only", "odd size", "one page short"])
def test_a_truncated_store_is_refused_as_damaged_and_not_written(
    paths: StorePaths, clock: FixedClock, cut: str
) -> None:
    checkpoint(paths)
    size = paths.database.stat().st_size
    length = {
        "empty": 0,
        "header only": 4096,
        "odd size": size // 3 + 7,
        "one page short": size - 4096,
    }[cut]
    with paths.database.open("r+b") as handle:
        handle.truncate(length)
    before = file_hashes(paths)

    with pytest.raises(StoreDamaged) as damaged:
        sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)
    assert "damaged" in str(damaged.value)
    with contextlib.suppress(StoreDamaged):
        assert _verify(paths) != []
    assert file_hashes(paths) == before
    assert paths.database.stat().st_size == length


# --- the audit trail edited with the key -----------------------------------------------------


def _tamper(paths: StorePaths, key: bytes, sql: str, *args: object) -> None:
    with keyed(paths, key) as conn:
        conn.execute(sql, args)


def _problem(paths: StorePaths) -> str:
    problems = _verify(paths)
    assert len(problems) == 1, problems
    return problems[0]


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("at", "2026-09-01 08:00:00.000000"),
        ("user_id", 99),
        ("action", "signed in"),
        ("record_type", "child"),
        ("record_id", "7"),
        ("outcome", "refused"),
        ("detail", "nothing happened"),
        ("prev_hash", "0" * 64),
        ("mac", "f" * 64),
    ],
)
def test_any_column_of_an_audit_event_altered_is_named(
    paths: StorePaths, column: str, value: object
) -> None:
    key = master_key(paths)
    _tamper(paths, key, f"UPDATE audit_event SET {column} = ? WHERE seq = 6", value)
    assert _problem(paths).startswith("audit event #6:")


def test_the_newest_events_deleted_are_found_by_the_head_row_or_the_head_file(
    paths: StorePaths,
) -> None:
    key = master_key(paths)
    with keyed(paths, key) as conn:
        last = conn.execute("SELECT max(seq) FROM audit_event").fetchone()[0]
    _tamper(paths, key, "DELETE FROM audit_event WHERE seq > ?", last - 2)
    assert _problem(paths) == f"audit event #{last - 1}: missing (newest events removed)"

    # Resealing the head row to match leaves the copy beside the database to catch it.
    with keyed(paths, key) as conn:
        mac = conn.execute("SELECT mac FROM audit_event WHERE seq = ?", (last - 2,)).fetchone()[0]
        conn.execute("UPDATE audit_head SET seq = ?, mac = ?", (last - 2, mac))
    assert _problem(paths) == f"audit event #{last - 1}: missing (newest events removed)"


def test_the_first_event_deleted_is_named(paths: StorePaths) -> None:
    _tamper(paths, master_key(paths), "DELETE FROM audit_event WHERE seq = 1")
    assert _problem(paths).startswith("audit event #1:")


def test_temp_files_are_cleared_at_sign_in_only_once_nobody_can_be_writing_them(
    paths: StorePaths, clock: FixedClock
) -> None:
    young_file = paths.root / ".audit-head.json.abc123.tmp"
    young_file.write_bytes(b"{}")
    young_folder = paths.root / ".wtsc-backup-abc123.tmpdir"
    young_folder.mkdir()
    (young_folder / "store.db").write_bytes(b"encrypted copy")
    sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock).lock()
    assert young_file.exists() and young_folder.exists(), "another process may be writing"

    day_ago = time.time() - 86_400
    for leftover in (young_file, young_folder):
        os.utime(leftover, (day_ago, day_ago))
    sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock).lock()
    assert not young_file.exists() and not young_folder.exists()
    assert paths.exists()

"""The headless commands, run as the real console command: exit codes, one-line messages,
no plaintext in any file they leave, and nothing written when the password is wrong.

Exit codes (issue 4): 0 success, 1 a check found a problem, 2 wrong credentials or usage.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests import cli_process as cli
from tests.factory import DSL_PASSWORD, DSL_USER
from tests.raw_store import (
    assert_same_records_as_at_backup,
    checkpoint,
    file_hashes,
    flip_byte,
    keyed,
    master_key,
    snapshot,
)
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.accounts import add_user
from wtsc_desktop.services.backups import backup_to
from wtsc_desktop.services.permissions import Profession, Role
from wtsc_desktop.services.settings import read_settings, update_settings
from wtsc_desktop.store import engine

STRONG = "lantern orchard velvet 2031"
CANARY_ORG = "Zyxwvut Canary School"
CANARY_USER = "canary.person"
CANARY_FULL = "Quillon Canary Person"
CANARY_SECOND = "canary.second"
CANARY_SECOND_FULL = "Vexley Canary Second"
CANARY_ADDRESS = "17 Qwertz Canary Lane"
CANARIES = (
    CANARY_ORG,
    CANARY_USER,
    CANARY_FULL,
    CANARY_SECOND,
    CANARY_SECOND_FULL,
    CANARY_ADDRESS,
)
WRONG_CREDENTIALS = "wrong user name or password"


def _needles(text: str) -> list[bytes]:
    forms = {text, text.lower(), text.upper(), text.casefold()}
    return [form.encode(enc) for form in forms for enc in ("utf-8", "utf-16-le", "utf-16-be")]


def _leaks(data: bytes) -> list[str]:
    return [text for text in CANARIES if any(needle in data for needle in _needles(text))]


def _leaks_in_folder(folder: Path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and (leaked := _leaks(path.read_bytes())):
            found[str(path.relative_to(folder))] = leaked
    return found


def _leaks_in_backup(backup: Path) -> dict[str, list[str]]:
    found = {}
    if leaked := _leaks(backup.read_bytes()):
        found[backup.name] = leaked
    with zipfile.ZipFile(backup) as archive:
        for name in archive.namelist():
            if leaked := _leaks(archive.read(name)):
                found[name] = leaked
    return found


def _store_args(command: str, root: Path, user: str = DSL_USER) -> list[str]:
    return [command, "--data-dir", str(root), "--user", user, "--password-stdin"]


def test_the_leak_search_finds_a_canary_written_in_plain(tmp_path: Path) -> None:
    """The search below is not vacuous: it sees UTF-8 and UTF-16, in any case."""
    (tmp_path / "a").write_bytes(b"xx" + CANARY_USER.upper().encode("utf-8"))
    (tmp_path / "b").write_bytes(CANARY_ORG.encode("utf-16-le"))
    (tmp_path / "c").write_bytes(b"nothing here")
    assert _leaks_in_folder(tmp_path) == {"a": [CANARY_USER], "b": [CANARY_ORG]}


def test_init_then_verify_succeed_and_no_name_is_stored_in_plain_bytes(tmp_path: Path) -> None:
    root = tmp_path / "data"
    made = cli.run(
        [
            "init",
            "--data-dir",
            str(root),
            "--organisation",
            CANARY_ORG,
            "--type",
            "school",
            "--user",
            CANARY_USER,
            "--full-name",
            CANARY_FULL,
            "--password-stdin",
        ],
        STRONG,
    )
    assert made.code == 0, made
    assert re.search(r"^([A-Z2-7]{4}-){7}[A-Z2-7]{4}$", made.stdout, re.MULTILINE), made.stdout

    checked = cli.run(_store_args("verify", root, CANARY_USER), STRONG)
    assert checked.code == 0, checked
    assert "passed every check" in checked.stdout

    backup = tmp_path / "usb" / "canary.wtscbackup"
    copied = cli.run([*_store_args("backup", root, CANARY_USER), "--to", str(backup)], STRONG)
    assert copied.code == 0, copied
    assert backup.is_file()

    paths = StorePaths(root)
    signed = sign_in(paths, user_name=CANARY_USER, password=STRONG, clock=FixedClock())
    # A second connection held open keeps the WAL in place, as a running app would.
    holder = engine.connect(paths.database, signed.store.master_key)
    try:
        update_settings(signed, changes={"org.address": CANARY_ADDRESS})
        add_user(
            signed,
            user_name=CANARY_SECOND,
            full_name=CANARY_SECOND_FULL,
            role=Role.REPORTER,
            profession=Profession.OTHER,
            password="temporary password 4471 kiwi",
        )
        settings = read_settings(signed)
        assert (settings["org.name"], settings["org.address"]) == (CANARY_ORG, CANARY_ADDRESS)
        wal = root / "store.db-wal"
        assert wal.is_file() and wal.stat().st_size > 0, "the new rows should be in the WAL"
        assert _leaks_in_folder(root) == {}
        holder.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        assert _leaks_in_folder(root) == {}
    finally:
        holder.close()
        signed.lock()
    assert _leaks_in_folder(root) == {}
    assert _leaks_in_backup(backup) == {}


@pytest.mark.parametrize(
    ("user", "password"),
    [
        (DSL_USER, DSL_PASSWORD + "x"),
        (DSL_USER, ""),
        ("nobody.here", DSL_PASSWORD),
    ],
    ids=["wrong password", "empty password", "unknown user"],
)
def test_wrong_credentials_exit_2_from_every_command_and_change_nothing(
    paths: StorePaths, tmp_path: Path, clock: FixedClock, user: str, password: str
) -> None:
    backup = tmp_path / "good.wtscbackup"
    signed = sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)
    backup_to(signed, target=backup)
    signed.lock()
    before = file_hashes(paths)
    listing = sorted(p.name for p in paths.root.iterdir())
    extra = {"verify": [], "backup": ["--to"], "restore": ["--from", str(backup)]}
    roots = {command: tmp_path / command for command in extra}
    runs = []
    for command, root in roots.items():
        shutil.copytree(paths.root, root)
        if command == "backup":
            extra[command].append(str(tmp_path / "new.wtscbackup"))
        runs.append(([*_store_args(command, root, user), *extra[command]], password))

    results = cli.run_all(runs)

    for (command, root), done in zip(roots.items(), results, strict=True):
        assert done.code == 2, (command, done)
        assert WRONG_CREDENTIALS in done.stderr.lower(), (command, done)
        cli.assert_one_clean_line(done)
        assert file_hashes(StorePaths(root)) == before, command
        after = sorted(p.name for p in root.iterdir())
        assert set(after) - set(listing) <= {"failed-sign-ins.json", "logs"}, command
        assert not (root / "store.db-wal").exists(), f"{command} opened the database"
    assert not (tmp_path / "new.wtscbackup").exists()


def test_bad_usage_exits_2_with_one_line(tmp_path: Path) -> None:
    root = str(tmp_path / "data")
    cases = [
        ["verify"],
        ["verify", "--data-dir", root, "--user", "someone"],
        ["frobnicate", "--data-dir", root],
        ["backup", "--data-dir", root, "--user", "someone", "--password-stdin"],
        ["init", "--data-dir", root, "--organisation", "X", "--type", "castle", "--user", "u"],
    ]
    for args, done in zip(cases, cli.run_all([(args, None) for args in cases]), strict=True):
        assert done.code == 2, (args, done)
        assert done.stdout == "", (args, done)
        assert len(done.stderr.strip().splitlines()) == 1, (args, done.stderr)
        assert "Traceback" not in done.stderr
    assert not Path(root).exists()


def test_a_weak_first_password_and_a_missing_store_are_one_line_refusals(tmp_path: Path) -> None:
    root = tmp_path / "data"
    weak, missing = cli.run_all(
        [
            (
                [
                    "init",
                    "--data-dir",
                    str(root),
                    "--organisation",
                    "Invented Test Club",
                    "--type",
                    "sports_club",
                    "--user",
                    "first.lead",
                    "--password-stdin",
                ],
                "password123",
            ),
            (_store_args("verify", tmp_path / "empty"), STRONG),
        ]
    )
    assert weak.code == 2, weak
    assert "password" in weak.stderr.lower()
    cli.assert_one_clean_line(weak)
    assert not (root / "store.db").exists()
    assert missing.code == 1, missing
    assert "no record store" in missing.stderr.lower()
    cli.assert_one_clean_line(missing)


def test_one_byte_flipped_in_the_middle_fails_verify(paths: StorePaths) -> None:
    checkpoint(paths)
    size = paths.database.stat().st_size
    flip_byte(paths.database, size // 2 + 100)

    done = cli.run(_store_args("verify", paths.root), DSL_PASSWORD)

    assert done.code == 1, done
    assert done.stdout.startswith("Problem found:") or done.stderr.startswith("Problem found:")
    assert re.search(r"page check|malformed", done.stdout + done.stderr, re.IGNORECASE), done
    cli.assert_one_clean_line(done)


def test_a_truncated_database_is_reported_damaged_and_left_as_it_is(
    paths: StorePaths, tmp_path: Path
) -> None:
    checkpoint(paths)
    size = paths.database.stat().st_size
    page = 4096
    cuts = {"empty": 0, "odd size": size // 2 + 1, "one page short": size - page}
    roots = {}
    for name, cut in cuts.items():
        root = tmp_path / name.replace(" ", "-")
        shutil.copytree(paths.root, root)
        with (root / "store.db").open("r+b") as handle:
            handle.truncate(cut)
        roots[name] = root

    results = cli.run_all([(_store_args("verify", root), DSL_PASSWORD) for root in roots.values()])

    for (name, root), done in zip(roots.items(), results, strict=True):
        assert done.code == 1, (name, done)
        assert "Problem found:" in done.stdout + done.stderr, (name, done)
        cli.assert_one_clean_line(done)
        assert (root / "store.db").stat().st_size == cuts[name], f"{name}: verify wrote"


def _events(paths: StorePaths, key: bytes) -> list[tuple[int, str]]:
    with keyed(paths, key) as conn:
        return list(conn.execute("SELECT seq, mac FROM audit_event ORDER BY seq"))


def _alter_middle(conn: Any, seqs: list[int]) -> int:
    middle = seqs[len(seqs) // 2]
    conn.execute("UPDATE audit_event SET action = 'user deactivated' WHERE seq = ?", (middle,))
    return middle


def _delete_middle(conn: Any, seqs: list[int]) -> int:
    middle = seqs[len(seqs) // 2]
    conn.execute("DELETE FROM audit_event WHERE seq = ?", (middle,))
    return middle


def _delete_newest_and_reseal_head(conn: Any, seqs: list[int]) -> int:
    keep = seqs[-4]
    conn.execute("DELETE FROM audit_event WHERE seq > ?", (keep,))
    mac = conn.execute("SELECT mac FROM audit_event WHERE seq = ?", (keep,)).fetchone()[0]
    conn.execute("UPDATE audit_head SET seq = ?, mac = ? WHERE id = 1", (keep, mac))
    return keep + 1


def _swap_two(conn: Any, seqs: list[int]) -> int:
    first = seqs[len(seqs) // 2]
    conn.execute("UPDATE audit_event SET seq = -1 WHERE seq = ?", (first,))
    conn.execute("UPDATE audit_event SET seq = ? WHERE seq = ?", (first, first + 1))
    conn.execute("UPDATE audit_event SET seq = ? WHERE seq = -1", (first + 1,))
    return first


TAMPERING = {
    "a middle event altered": _alter_middle,
    "a middle event deleted": _delete_middle,
    "the newest events deleted and the head row resealed": _delete_newest_and_reseal_head,
    "two events swapped": _swap_two,
}


def test_audit_tampering_makes_verify_name_the_first_broken_event(
    paths: StorePaths, tmp_path: Path
) -> None:
    key = master_key(paths)
    seqs = [seq for seq, _ in _events(paths, key)]
    assert seqs == list(range(1, len(seqs) + 1)) and len(seqs) >= 10
    roots, expected = {}, {}
    for name, tamper in TAMPERING.items():
        root = tmp_path / re.sub(r"\W+", "-", name)
        shutil.copytree(paths.root, root)
        with keyed(StorePaths(root), key) as conn:
            expected[name] = tamper(conn, seqs)
        roots[name] = root

    results = cli.run_all([(_store_args("verify", root), DSL_PASSWORD) for root in roots.values()])

    for name, done in zip(roots, results, strict=True):
        assert done.code == 1, (name, done)
        found = re.search(r"audit event #(\d+)", done.stdout)
        assert found, (name, done)
        assert int(found.group(1)) == expected[name], (name, done.stdout)
        cli.assert_one_clean_line(done)


def test_backup_delete_restore_verify_from_the_command_line(
    paths: StorePaths, tmp_path: Path
) -> None:
    backup = tmp_path / "usb" / "weekly.wtscbackup"
    copied = cli.run([*_store_args("backup", paths.root), "--to", str(backup)], DSL_PASSWORD)
    assert copied.code == 0, copied
    at_backup = snapshot(paths)

    shutil.rmtree(paths.root)
    restored = cli.run([*_store_args("restore", paths.root), "--from", str(backup)], DSL_PASSWORD)
    assert restored.code == 0, restored
    checked = cli.run(_store_args("verify", paths.root), DSL_PASSWORD)
    assert checked.code == 0, checked

    assert_same_records_as_at_backup(at_backup, snapshot(paths))


def test_a_backup_with_one_byte_flipped_is_refused_and_nothing_changes(
    paths: StorePaths, tmp_path: Path, clock: FixedClock
) -> None:
    backup = tmp_path / "usb" / "weekly.wtscbackup"
    signed = sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)
    backup_to(signed, target=backup)
    signed.lock()
    flip_byte(backup, backup.stat().st_size // 2)
    before = file_hashes(paths)
    listing = sorted(str(p.relative_to(paths.root)) for p in paths.root.rglob("*"))

    done = cli.run([*_store_args("restore", paths.root), "--from", str(backup)], DSL_PASSWORD)

    assert done.code == 1, done
    assert "backup cannot be used" in done.stderr
    cli.assert_one_clean_line(done)
    assert file_hashes(paths) == before
    after = sorted(str(p.relative_to(paths.root)) for p in paths.root.rglob("*"))
    assert [p for p in after if not p.startswith("logs")] == [
        p for p in listing if not p.startswith("logs")
    ]

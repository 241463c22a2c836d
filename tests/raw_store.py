"""Reaching under the services, as an attacker or a crash would: a raw keyed connection,
a checkpoint, file hashes, byte flips, and digests of every row to compare two stores.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.factory import DSL_PASSWORD, DSL_USER
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import unlock_key
from wtsc_desktop.store import engine


def master_key(paths: StorePaths, user: str = DSL_USER, password: str = DSL_PASSWORD) -> bytes:
    """The master key, unwrapped from a key slot (reads the slot file only)."""
    return bytes(unlock_key(paths, user_name=user, password=password, clock=FixedClock()).key)


@contextmanager
def keyed(paths: StorePaths, key: bytes | None = None) -> Iterator[Any]:
    """A raw sqlcipher3 connection with the key: whatever it writes is committed."""
    conn = engine.connect(paths.database, key or master_key(paths))
    try:
        yield conn
        conn.commit()
    finally:
        conn.close()


def checkpoint(paths: StorePaths, key: bytes | None = None) -> None:
    """Move every page from the WAL into the main file, as a clean close would."""
    with keyed(paths, key) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def file_hashes(paths: StorePaths) -> dict[str, str]:
    """The database and key-slot files' hashes: what a refused attempt must leave alone."""
    return {p.name: sha256(p) for p in (paths.database, paths.key_slots)}


def flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x5A
    path.write_bytes(bytes(data))


def page_size(paths: StorePaths) -> int:
    with keyed(paths) as conn:
        return int(conn.execute("PRAGMA cipher_page_size").fetchone()[0])


Snapshot = dict[str, list[dict[str, Any]]]


def snapshot(paths: StorePaths, key: bytes | None = None) -> Snapshot:
    """Every row of every table, as column -> value, in rowid order."""
    tables: Snapshot = {}
    with keyed(paths, key) as conn:
        names = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        for name in names:
            # FTS5's own shadow tables have no rowid; ordering by every column is as stable.
            cursor = conn.execute(f'SELECT * FROM "{name}" LIMIT 0')
            order = ", ".join(str(i + 1) for i in range(len(cursor.description)))
            cursor = conn.execute(f'SELECT * FROM "{name}" ORDER BY {order}')
            columns = [d[0] for d in cursor.description]
            tables[name] = [dict(zip(columns, row, strict=True)) for row in cursor]
    return tables


def digests(rows: list[dict[str, Any]], *, without: tuple[str, ...] = ()) -> list[str]:
    """One SHA-256 per row (``without``: columns left out of the comparison)."""
    return [
        hashlib.sha256(
            repr(sorted((k, v) for k, v in row.items() if k not in without)).encode("utf-8")
        ).hexdigest()
        for row in rows
    ]


def assert_same_records_as_at_backup(live_after_backup: Snapshot, restored: Snapshot) -> None:
    """``restored`` holds every record the live store held when the backup was written.

    Right after the backup the live store added one audit event ("manual backup made") and
    one backup_record row; the restore adds its own sign-in and "restored" events and sets
    the person's last sign-in time. Everything else must be identical, row for row.
    """
    made = live_after_backup["audit_event"][-1]
    assert made["action"] == "manual backup made", made
    cut = made["seq"]
    expected = dict(live_after_backup)
    expected["audit_event"] = [e for e in live_after_backup["audit_event"] if e["seq"] < cut]
    expected["backup_record"] = live_after_backup["backup_record"][:-1]
    actual = dict(restored)
    added = [e["action"] for e in restored["audit_event"] if e["seq"] >= cut]
    assert added == ["signed in", "restored from a backup"], added
    actual["audit_event"] = [e for e in restored["audit_event"] if e["seq"] < cut]
    assert sorted(actual) == sorted(expected)
    for table in expected:
        if table == "audit_head":
            continue
        without = ("last_sign_in_at",) if table == "app_user" else ()
        assert digests(actual[table], without=without) == digests(
            expected[table], without=without
        ), table
    assert len(expected["app_user"]) >= 5 and len(expected["audit_event"]) >= 10

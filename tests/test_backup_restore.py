"""Backups through the services: a round trip keeps every record, a damaged backup is
refused before anything changes, and the store being replaced is kept, never deleted.
"""

from __future__ import annotations

import errno
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.factory import DSL_PASSWORD, DSL_USER
from tests.raw_store import (
    assert_same_records_as_at_backup,
    file_hashes,
    flip_byte,
    snapshot,
)
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.errors import BackupInvalid, StorageFull, WrongCredentials
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services import backups
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.drafts import my_drafts, save_draft
from wtsc_desktop.services.integrity import verify_store
from wtsc_desktop.services.settings import read_settings, update_settings
from wtsc_desktop.store.backup import unpack_backup


def _verify(paths: StorePaths, clock: FixedClock) -> list[str]:
    return verify_store(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)


def _listing(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*"))


def _some_records(dsl: SignedIn) -> None:
    update_settings(dsl, changes={"org.address": "4 Invented Row\nNowhere Town"})
    save_draft(dsl, kind="concern", payload={"text": "An invented note for the test."})


def test_backup_delete_restore_keeps_every_record(
    dsl: SignedIn, paths: StorePaths, tmp_path: Path, clock: FixedClock
) -> None:
    _some_records(dsl)
    backup = tmp_path / "usb" / "weekly"
    made = backups.backup_to(dsl, target=backup)
    assert made.path.suffix == ".wtscbackup" and made.path.is_file()
    at_backup = snapshot(paths)
    # A change after the backup must not survive the restore.
    update_settings(dsl, changes={"org.address": "changed after the backup"})
    dsl.lock()

    shutil.rmtree(paths.root)
    backups.restore(paths, source=made.path, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)

    assert _verify(paths, clock) == []
    assert_same_records_as_at_backup(at_backup, snapshot(paths))
    again = sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)
    try:
        assert read_settings(again)["org.address"] == "4 Invented Row\nNowhere Town"
        assert [d.payload for d in my_drafts(again)] == [{"text": "An invented note for the test."}]
    finally:
        again.lock()


def test_restore_over_a_live_store_keeps_the_replaced_one_aside(
    dsl: SignedIn, paths: StorePaths, tmp_path: Path, clock: FixedClock
) -> None:
    made = backups.backup_to(dsl, target=tmp_path / "b.wtscbackup")
    update_settings(dsl, changes={"org.address": "after the backup"})
    dsl.lock()
    replaced_bytes = paths.database.read_bytes()

    backups.restore(paths, source=made.path, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)

    aside = list(paths.backups.glob("replaced-*/store.db"))
    assert len(aside) == 1 and aside[0].read_bytes() == replaced_bytes
    assert _verify(paths, clock) == []


@pytest.mark.parametrize("where", ["restore", "test restore"])
def test_a_backup_with_one_byte_flipped_is_refused_and_nothing_changes(
    dsl: SignedIn, paths: StorePaths, tmp_path: Path, clock: FixedClock, where: str
) -> None:
    made = backups.backup_to(dsl, target=tmp_path / "b.wtscbackup")
    flip_byte(made.path, made.path.stat().st_size // 2)
    if where == "restore":
        dsl.lock()
    before, listing = file_hashes(paths), _listing(paths.root)

    with pytest.raises(BackupInvalid) as refused:
        if where == "restore":
            backups.restore(
                paths, source=made.path, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock
            )
        else:
            backups.test_restore(dsl, source=made.path, password=DSL_PASSWORD)

    assert "cannot be used" in str(refused.value) and "Nothing was changed" in str(refused.value)
    assert file_hashes(paths) == before
    assert _listing(paths.root) == listing


def _members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_no_flipped_byte_anywhere_in_a_backup_lets_altered_data_through(
    dsl: SignedIn, tmp_path: Path
) -> None:
    """Every flip is refused, or falls where it changes nothing that is restored."""
    made = backups.backup_to(dsl, target=tmp_path / "b.wtscbackup")
    good = made.path.read_bytes()
    originals = _members(made.path)
    size = len(good)
    offsets = sorted({*range(0, size, max(1, size // 40)), size - 1, size // 2})
    refused = 0
    for offset in offsets:
        made.path.write_bytes(good)
        flip_byte(made.path, offset)
        try:
            with unpack_backup(made.path, tmp_path / "scratch") as opened:
                unpacked = {
                    "store.db": opened.database.read_bytes(),
                    "keyslots.json": opened.key_slots_bytes,
                }
        except BackupInvalid:
            refused += 1
            continue
        for name, data in unpacked.items():
            assert data == originals[name], f"byte {offset} changed {name} unnoticed"
    assert refused >= len(offsets) * 3 // 4, (refused, len(offsets))


def test_a_good_backup_passes_a_test_restore_that_changes_nothing(
    dsl: SignedIn, paths: StorePaths, tmp_path: Path, clock: FixedClock
) -> None:
    made = backups.backup_to(dsl, target=tmp_path / "b.wtscbackup")
    assert backups.backup_status(dsl).last_test_restore_at is None
    live_before = snapshot(paths)["setting"]

    assert backups.test_restore(dsl, source=made.path, password=DSL_PASSWORD) == []

    assert backups.backup_status(dsl).last_test_restore_at == clock.now()
    assert snapshot(paths)["setting"] == live_before
    with pytest.raises(WrongCredentials):
        backups.test_restore(dsl, source=made.path, password=DSL_PASSWORD + "x")


def test_a_backup_of_another_store_does_not_open_with_this_password(
    dsl: SignedIn, paths: StorePaths, tmp_path: Path, clock: FixedClock
) -> None:
    from wtsc_desktop.services.setup import create_store
    from wtsc_desktop.store.keys import KdfParams

    other = StorePaths(tmp_path / "other")
    create_store(
        other,
        organisation={"org.name": "Invented Other Club", "org.type": "sports_club"},
        user_name=DSL_USER,
        full_name="Other Lead",
        password="quartz umbrella meadow 6610",
        clock=clock,
        kdf=KdfParams(time_cost=1, memory_cost=8192, parallelism=1),
    )
    foreign_dsl = sign_in(
        other, user_name=DSL_USER, password="quartz umbrella meadow 6610", clock=clock
    )
    foreign = backups.backup_to(foreign_dsl, target=tmp_path / "foreign.wtscbackup")
    foreign_dsl.lock()
    dsl.lock()
    before = file_hashes(paths)

    with pytest.raises(WrongCredentials):
        backups.restore(
            paths, source=foreign.path, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock
        )
    assert file_hashes(paths) == before


def test_automatic_backups_keep_only_the_newest(dsl: SignedIn, clock: FixedClock) -> None:
    update_settings(dsl, changes={"backup.keep": 2})
    made = []
    for _ in range(3):
        made.append(backups.automatic_backup(dsl.store, dsl).path)
        clock.advance(60)
    kept = sorted(dsl.store.paths.backups.glob("automatic-*.wtscbackup"))
    assert kept == made[1:]
    assert backups.latest_automatic_backup(dsl.store.paths) == made[-1]


def test_a_disk_that_fills_during_a_restore_leaves_the_live_store_in_place(
    dsl: SignedIn,
    paths: StorePaths,
    tmp_path: Path,
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    made = backups.backup_to(dsl, target=tmp_path / "b.wtscbackup")
    dsl.lock()
    before, listing = file_hashes(paths), _listing(paths.root)

    def full_disk(source: object, target: object, length: int = 0) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(backups.shutil, "copyfileobj", full_disk)
    with pytest.raises(StorageFull):
        backups.restore(
            paths, source=made.path, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock
        )
    monkeypatch.undo()

    assert file_hashes(paths) == before
    assert _listing(paths.root) == listing
    assert _verify(paths, clock) == []

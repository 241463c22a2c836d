"""Backups: automatic on close (rotating), manual to a chosen file (a USB stick), a test
restore that changes nothing, and a real restore that checks everything first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select

from wtsc_desktop.clock import Clock
from wtsc_desktop.errors import BackupInvalid, PermissionDenied, WrongCredentials, WtscError
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import open_store, sign_in_opened
from wtsc_desktop.services.context import (
    OpenStore,
    SignedIn,
    reading,
    require,
    store_transaction,
    unit,
)
from wtsc_desktop.services.integrity import check_database, role_in
from wtsc_desktop.services.permissions import Action, allowed
from wtsc_desktop.services.settings import read_settings
from wtsc_desktop.store import audit, engine, keys
from wtsc_desktop.store.backup import SUFFIX, unpack_backup, write_backup
from wtsc_desktop.store.files import atomic_replace, fsync_folder
from wtsc_desktop.store.models import BackupRecord

AUTOMATIC_PREFIX = "automatic-"


@dataclass(frozen=True)
class BackupMade:
    path: Path
    sha256: str
    at: dt.datetime


@dataclass(frozen=True)
class BackupStatus:
    last_backup_at: dt.datetime | None
    last_other_drive_at: dt.datetime | None
    last_test_restore_at: dt.datetime | None
    test_restore_due: bool


def _stamp(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).strftime("%Y%m%d-%H%M%S-%f")


def _on_other_drive(store: OpenStore, target: Path) -> bool:
    try:
        return os.stat(target.parent).st_dev != os.stat(store.paths.root).st_dev
    except OSError:
        return False


def _make(store: OpenStore, target: Path, kind: str, signed: SignedIn | None) -> BackupMade:
    problems = engine.full_check(store.paths.database, store.master_key)
    if problems:
        raise BackupInvalid(
            "the record store failed its check, so it was not copied: " + problems[0]
        )
    sha = write_backup(store.paths, store.master_key, target)
    other = _on_other_drive(store, target)
    with store_transaction(store, None if signed is None else signed.actor) as work:
        work.session.add(BackupRecord(at=work.now, kind=kind, other_drive=other, sha256=sha))
        work.audit(f"{kind} backup made", "backup", detail="to another drive" if other else "")
    return BackupMade(path=target, sha256=sha, at=store.now())


def backup_to(signed: SignedIn, *, target: Path) -> BackupMade:
    """A backup to a file the DSL chose, such as a USB stick (DSL and deputies)."""
    require(signed, Action.MAKE_BACKUP)
    if target.suffix != SUFFIX:
        target = target.with_name(target.name + SUFFIX)
    return _make(signed.store, target, "manual", signed)


def automatic_backup(store: OpenStore, signed: SignedIn | None = None) -> BackupMade:
    """The backup taken when the app closes (and before a migration), keeping the last N."""
    store.paths.backups.mkdir(parents=True, exist_ok=True)
    target = store.paths.backups / f"{AUTOMATIC_PREFIX}{_stamp(store.now())}{SUFFIX}"
    made = _make(store, target, "automatic", signed)
    keep = 10
    if signed is not None:
        keep = int(read_settings(signed)["backup.keep"])
    old = sorted(store.paths.backups.glob(f"{AUTOMATIC_PREFIX}*{SUFFIX}"))
    for stale in old[:-keep]:
        with contextlib.suppress(OSError):
            stale.unlink()
    return made


def latest_automatic_backup(paths: StorePaths) -> Path | None:
    found = sorted(paths.backups.glob(f"{AUTOMATIC_PREFIX}*{SUFFIX}"))
    return found[-1] if found else None


def backup_status(signed: SignedIn) -> BackupStatus:
    """When the last backups were made, and whether a test restore is due. Anyone may ask."""
    days = int(read_settings(signed)["backup.test_restore_days"])
    with reading(signed.store) as session:

        def last(*kinds: str, other_drive: bool | None = None) -> dt.datetime | None:
            query = select(func.max(BackupRecord.at)).where(BackupRecord.kind.in_(kinds))
            if other_drive is not None:
                query = query.where(BackupRecord.other_drive.is_(other_drive))
            value = session.scalar(query)
            return None if value is None else value.replace(tzinfo=value.tzinfo or dt.UTC)

        any_at = last("automatic", "manual")
        other_at = last("manual", other_drive=True)
        test_at = last("test_restore")
    since = test_at or (other_at or any_at)
    due = since is None or signed.store.now() - since > dt.timedelta(days=days)
    return BackupStatus(any_at, other_at, test_at, due and any_at is not None)


def _open_backup_key(opened_ring: keys.KeyRing, user_name: str, password: str) -> list[bytes]:
    return [k for s in opened_ring.user_slots(user_name) if (k := keys.unwrap(s, password))]


def test_restore(signed: SignedIn, *, source: Path, password: str) -> list[str]:
    """Open and check a backup without changing anything; problems found (empty: good)."""
    require(signed, Action.MAKE_BACKUP)
    with unpack_backup(source, signed.store.paths.root) as opened:
        candidates = _open_backup_key(opened.ring, signed.actor.user_name, password)
        if not candidates:
            raise WrongCredentials()
        key = next((k for k in candidates if engine.key_opens(opened.database, k)), None)
        if key is None:
            raise BackupInvalid("its database cannot be read with its key")
        problems = check_database(opened.database, key, opened.head)
    if not problems:
        with store_transaction(signed.store, signed.actor) as work:
            work.session.add(BackupRecord(at=work.now, kind="test_restore", other_drive=False))
            work.audit("test restore passed", "backup")
    return problems


def restore(
    paths: StorePaths, *, source: Path, user_name: str, password: str, clock: Clock
) -> None:
    """Replace the store in ``paths`` with the backup ``source``, after checking it whole.

    The person must be a DSL in the backup. The store being replaced is moved aside into
    the backups folder, never deleted, once the new files are safely written beside it.
    Nothing changes if any check fails or the disk fills up.
    """
    with unpack_backup(source, paths.root) as opened:
        candidates = _open_backup_key(opened.ring, user_name, password)
        if not candidates:
            raise WrongCredentials()
        key = next((k for k in candidates if engine.key_opens(opened.database, k)), None)
        if key is None:
            raise BackupInvalid("its database cannot be read with its key")
        problems = check_database(opened.database, key, opened.head)
        if problems:
            raise BackupInvalid(problems[0])
        role = role_in(opened.database, key, user_name)
        if role is None or not allowed(role, Action.RESTORE_BACKUP):
            _audit_refused_restore(paths, user_name, password, clock)
            raise PermissionDenied(Action.RESTORE_BACKUP.value, role.label if role else "none")
        with (
            atomic_replace(paths.database) as database,
            atomic_replace(paths.key_slots) as key_slots,
        ):
            # Both new files are written and synced before the live store is moved aside,
            # so a disk that fills up during the copy leaves the live store where it was.
            with opened.database.open("rb") as copy:
                shutil.copyfileobj(copy, database, 1 << 20)
            key_slots.write(opened.key_slots_bytes)
            for handle in (database, key_slots):
                handle.flush()
                os.fsync(handle.fileno())
            _move_aside(paths, clock)
        if opened.head is not None:
            audit.write_head_file(paths.audit_head, opened.head)
    from wtsc_desktop.services.access import unlock_key

    store = open_store(
        paths, unlock_key(paths, user_name=user_name, password=password, clock=clock), clock
    )
    try:
        signed = sign_in_opened(store, user_name)
        with unit(signed, Action.RESTORE_BACKUP) as work:
            work.audit("restored from a backup", "backup")
    finally:
        store.close()


def _audit_refused_restore(paths: StorePaths, user_name: str, password: str, clock: Clock) -> None:
    """Record a refused restore in the live store, when this person can open it.

    The slots are tried first, so a password that only opens the backup is not counted as
    a failed sign-in to the live store. With no live store (or a damaged one) there is
    nowhere to record it, and nothing was changed.
    """
    if not paths.exists():
        return
    from wtsc_desktop.services.access import sign_in

    try:
        if not _open_backup_key(keys.load_key_ring(paths.key_slots), user_name, password):
            return
        signed = sign_in(paths, user_name=user_name, password=password, clock=clock)
    except WtscError:
        return
    try:
        with store_transaction(signed.store, signed.actor) as work:
            work.audit(Action.RESTORE_BACKUP.value, outcome="refused")
    finally:
        signed.lock()


def _move_aside(paths: StorePaths, clock: Clock) -> None:
    db = paths.database
    present = [
        p
        for p in (
            db,
            db.with_name(db.name + "-wal"),
            db.with_name(db.name + "-shm"),
            paths.key_slots,
            paths.audit_head,
        )
        if p.exists()
    ]
    if not present:
        return
    aside = paths.backups / f"replaced-{_stamp(clock.now())}"
    aside.mkdir(parents=True)
    for path in present:
        os.replace(path, aside / path.name)
    fsync_folder(aside)
    fsync_folder(paths.root)

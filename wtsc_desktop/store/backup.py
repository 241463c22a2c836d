"""Backup files: one zip holding the encrypted database copy, the key slots and the chain
head, with a manifest of SHA-256 sums. The copy keeps the live file's key, so a backup is
as locked as the store; it carries its own key slots, so it opens with the passwords (or
the recovery key) that were valid when it was made.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from wtsc_desktop import __version__
from wtsc_desktop.errors import BackupInvalid, StorageFull
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.store import engine
from wtsc_desktop.store.audit import ChainHead, read_head_file
from wtsc_desktop.store.files import atomic_replace, disk_full_refused, out_of_space
from wtsc_desktop.store.keys import KeyRing, parse_key_ring

FORMAT = 1
SUFFIX = ".wtscbackup"
_MEMBERS = ("store.db", "keyslots.json", "audit-head.json")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


@contextlib.contextmanager
def _scratch(near: Path) -> Iterator[Path]:
    """A private temp folder on the same drive as ``near`` (it holds an encrypted copy)."""
    near.mkdir(parents=True, exist_ok=True)
    # ".tmpdir": a crash leaves it to ``files.remove_stale_temp_files``.
    folder = Path(tempfile.mkdtemp(prefix=".wtsc-backup-", suffix=".tmpdir", dir=near))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def write_backup(paths: StorePaths, key: bytes | bytearray, target: Path) -> str:
    """Copy the live store into ``target`` (atomically); returns the file's SHA-256."""
    with _scratch(paths.root) as scratch, disk_full_refused():
        copy = scratch / "store.db"
        conn = engine.connect(paths.database, key)
        try:
            conn.execute("VACUUM INTO ?", (str(copy),))
        except engine.DatabaseError as exc:
            if engine.is_disk_full(exc):
                raise StorageFull() from exc
            raise
        finally:
            conn.close()
        shutil.copyfile(paths.key_slots, scratch / "keyslots.json")
        # The head is read from the copy itself, so it matches the copy exactly.
        conn = engine.connect(copy, key)
        try:
            row = conn.execute("SELECT seq, mac FROM audit_head WHERE id = 1").fetchone()
        finally:
            conn.close()
        head = {} if row is None else {"seq": row[0], "mac": row[1]}
        (scratch / "audit-head.json").write_text(json.dumps(head), "utf-8")
        manifest = {
            "format": FORMAT,
            "app_version": __version__,
            "sha256": {name: _sha256(scratch / name) for name in _MEMBERS},
        }
        with atomic_replace(target) as handle, zipfile.ZipFile(handle, "w") as archive:
            archive.writestr("manifest.json", json.dumps(manifest, indent=1))
            for name in _MEMBERS:
                archive.write(scratch / name, name)
    return _sha256(target)


@dataclass(frozen=True)
class OpenedBackup:
    """A backup unpacked into a scratch folder and checked against its manifest."""

    database: Path
    ring: KeyRing
    head: ChainHead | None
    key_slots_bytes: bytes


@contextlib.contextmanager
def unpack_backup(source: Path, scratch_near: Path) -> Iterator[OpenedBackup]:
    """Unpack and check ``source``; a damaged or foreign file raises BackupInvalid."""
    with _scratch(scratch_near) as scratch:
        try:
            with zipfile.ZipFile(source) as archive:
                bad = archive.testzip()
                if bad is not None:
                    raise BackupInvalid(f"the part {bad} is damaged")
                manifest = json.loads(archive.read("manifest.json"))
                if manifest.get("format") != FORMAT:
                    raise BackupInvalid("it was made by a different version of the app")
                for name in _MEMBERS:
                    archive.extract(name, scratch)
        except FileNotFoundError:
            raise BackupInvalid("the file was not found") from None
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
            if isinstance(exc, OSError) and out_of_space(exc):
                raise StorageFull() from exc  # the disk is full, not the backup damaged
            raise BackupInvalid("it is not a WTSC Desktop backup, or it is damaged") from exc
        for name in _MEMBERS:
            if _sha256(scratch / name) != manifest["sha256"].get(name):
                raise BackupInvalid(f"the part {name} does not match its checksum")
        key_slots = (scratch / "keyslots.json").read_bytes()
        yield OpenedBackup(
            database=scratch / "store.db",
            ring=parse_key_ring(key_slots),
            head=read_head_file(scratch / "audit-head.json"),
            key_slots_bytes=key_slots,
        )

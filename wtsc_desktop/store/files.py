"""Writing files that are not the live database: temp file, fsync, rename, fsync folder."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from wtsc_desktop.errors import StorageFull


def fsync_folder(folder: Path) -> None:
    """Make a rename durable. Windows cannot open a folder, and needs no such step."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_FULL = (errno.ENOSPC, errno.EFBIG, errno.EDQUOT)


def out_of_space(exc: OSError) -> bool:
    """True for a write refused for want of space, a quota or a file-size limit."""
    return exc.errno in _FULL


@contextlib.contextmanager
def disk_full_refused() -> Iterator[None]:
    """Turn a write refused for want of space (or a file-size limit) into StorageFull."""
    try:
        yield
    except OSError as exc:
        if out_of_space(exc):
            raise StorageFull() from exc
        raise


@contextlib.contextmanager
def atomic_replace(target: Path) -> Iterator[BinaryIO]:
    """Write ``target`` so that a crash leaves the old or the new file whole, never a mix.

    The caller writes to the handle; on leaving the block it is fsynced, renamed over
    ``target`` and the folder fsynced. On any error the temp file is removed.
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        if isinstance(exc, OSError) and out_of_space(exc):
            raise StorageFull() from exc
        raise
    fsync_folder(target.parent)


def atomic_write_bytes(target: Path, data: bytes) -> None:
    with atomic_replace(target) as handle:
        handle.write(data)


def atomic_write_json(target: Path, value: Any) -> None:
    atomic_write_bytes(target, json.dumps(value, indent=1, sort_keys=True).encode("utf-8"))


def atomic_copy(source: Path, target: Path) -> None:
    """Copy a (possibly large) file into place with the same crash guarantees."""
    with atomic_replace(target) as out, source.open("rb") as src:
        shutil.copyfileobj(src, out, 1 << 20)


STALE_AFTER_SECONDS = 3600.0


def remove_stale_temp_files(folder: Path) -> None:
    """Remove temp files (``.*.tmp``) and scratch folders (``.*.tmpdir``) left by a crash.

    They hold nothing the real files lack (a scratch folder holds an encrypted copy of the
    database, which would otherwise stay for ever). Only leftovers untouched for an hour
    go: a younger one may belong to a write still under way in another process, such as
    a headless backup run beside the open app.
    """
    if not folder.is_dir():
        return
    cutoff = time.time() - STALE_AFTER_SECONDS
    for leftover in (*folder.glob(".*.tmp"), *folder.glob(".*.tmpdir")):
        with contextlib.suppress(OSError):
            if leftover.lstat().st_mtime > cutoff:
                continue
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover)
            else:
                leftover.unlink()

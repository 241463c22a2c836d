"""Writing files that are not the live database: temp file, fsync, rename, fsync folder."""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import tempfile
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
        if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
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


def remove_stale_temp_files(folder: Path) -> None:
    """Temp files left by a crash mid-write hold nothing the real files lack."""
    if not folder.is_dir():
        return
    for leftover in folder.glob(".*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()

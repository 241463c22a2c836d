"""Where the app keeps its files: the data folder (or ``--data-dir``), backups and logs."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

from wtsc_desktop import APP_NAME


@dataclass(frozen=True)
class StorePaths:
    """Every file of one record store. Only ``database`` holds records, encrypted."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "store.db"

    @property
    def key_slots(self) -> Path:
        return self.root / "keyslots.json"

    @property
    def audit_head(self) -> Path:
        return self.root / "audit-head.json"

    @property
    def failed_sign_ins(self) -> Path:
        return self.root / "failed-sign-ins.json"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def logs(self) -> Path:
        return self.root / "logs"

    @property
    def instance_lock(self) -> Path:
        return self.root / "wtsc-desktop.lock"

    def exists(self) -> bool:
        return self.database.exists() and self.key_slots.exists()


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def store_paths(data_dir: str | Path | None = None) -> StorePaths:
    """The store in ``data_dir``, or in the user's data folder when none is given."""
    root = Path(data_dir) if data_dir is not None else default_data_dir()
    return StorePaths(root.expanduser().resolve())

"""Creating a record store: the first-run wizard and ``wtsc-desktop init`` both end here."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from wtsc_desktop.clock import Clock
from wtsc_desktop.errors import StoreAlreadyExists, ValidationError
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.context import OpenStore, store_transaction
from wtsc_desktop.services.passwords import check_new_password
from wtsc_desktop.services.permissions import Profession, Role
from wtsc_desktop.services.settings import SPECS, write_values
from wtsc_desktop.store import audit, engine, keys, schema
from wtsc_desktop.store.keys import DEFAULT_KDF, KdfParams, KeyRing
from wtsc_desktop.store.models import User

__all__ = ["DEFAULT_KDF", "KdfParams", "NewStore", "check_user_name", "create_store"]


@dataclass(frozen=True)
class NewStore:
    recovery_key: str


def check_user_name(user_name: str) -> str:
    """The name as typed, trimmed; a ValidationError when it cannot be used."""
    cleaned = " ".join(user_name.split())
    if not cleaned:
        raise ValidationError("user_name", "Type a user name.")
    if len(cleaned) > 80:
        raise ValidationError("user_name", "A user name has 80 characters at most.")
    return cleaned


def new_user_row(
    *, user_name: str, full_name: str, role: Role, profession: Profession, now: Any, **extra: Any
) -> User:
    if not full_name.strip():
        raise ValidationError("full_name", "Type the person's full name.")
    return User(
        user_name=user_name,
        normalised_name=keys.normalise_user_name(user_name),
        full_name=full_name.strip(),
        role=role.value,
        profession=profession.value,
        active=True,
        must_change_password=False,
        created_at=now,
        **extra,
    )


def create_store(
    paths: StorePaths,
    *,
    organisation: Mapping[str, Any],
    user_name: str,
    full_name: str,
    password: str,
    profession: Profession = Profession.OTHER,
    clock: Clock,
    kdf: KdfParams = DEFAULT_KDF,
) -> NewStore:
    """Make a new encrypted store with its first DSL; returns the recovery key, shown once.

    Every input is checked before anything is written. The key-slot file is written last,
    so a store interrupted half-way is not taken for a finished one.
    """
    if paths.exists():
        raise StoreAlreadyExists()
    user_name = check_user_name(user_name)
    for key in organisation:
        if key not in SPECS:
            raise ValidationError(key, f"There is no setting called {key}.")
    check_new_password(
        password, related=[user_name, full_name, str(organisation.get("org.name", ""))]
    )
    paths.root.mkdir(parents=True, exist_ok=True)
    for leftover in (paths.database, *_sidecars(paths)):
        with contextlib.suppress(FileNotFoundError):
            leftover.unlink()

    master_key = bytearray(keys.new_master_key())
    generation = keys.new_generation()
    store = OpenStore(
        paths=paths,
        engine=engine.open_engine(paths.database, master_key, create=True),
        master_key=master_key,
        audit_key=b"",
        generation=generation,
        kdf=kdf,
        clock=clock,
    )
    try:
        schema.upgrade(store.engine, backup_first=None)
        with store_transaction(store, None) as work:
            store.audit_key = audit.new_audit_key(work.session)
            write_values(work, organisation)
            row = new_user_row(
                user_name=user_name,
                full_name=full_name,
                role=Role.DSL,
                profession=profession,
                now=work.now,
            )
            work.session.add(row)
            work.session.flush()
            work.audit("record store created")
            work.audit("user added", "user", row.id, detail=f"role {Role.DSL.value}")
        recovery_key = keys.new_recovery_key()
        ring = KeyRing(
            generation=generation,
            slots=(
                keys.make_slot(
                    bytes(master_key),
                    kind="user",
                    generation=generation,
                    secret=password,
                    user_name=user_name,
                    kdf=kdf,
                ),
                keys.make_slot(
                    bytes(master_key),
                    kind="recovery",
                    generation=generation,
                    secret=recovery_key,
                    kdf=kdf,
                ),
            ),
        )
        keys.save_key_ring(paths.key_slots, ring)
    finally:
        store.close()
    return NewStore(recovery_key=recovery_key)


def _sidecars(paths: StorePaths) -> tuple[Any, ...]:
    db = paths.database
    return (db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm"))

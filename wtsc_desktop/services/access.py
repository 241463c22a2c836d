"""Getting in: unwrap the master key from a key slot, open the store, sign the person in.

"Wrong password" is decided by the key slot's AES-GCM check, never by the database:
damage to the file's first page looks exactly like a wrong key (verified.md). Failed
attempts are kept outside the database, without names, slow down the next attempt, and
are copied into the audit trail at the next successful sign-in.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Boolean, Integer, String, bindparam, text

from wtsc_desktop.clock import Clock
from wtsc_desktop.errors import (
    StoreDamaged,
    StoreNotFound,
    TooManyAttempts,
    WrongCredentials,
    WtscError,
)
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.context import (
    Actor,
    OpenStore,
    SignedIn,
    reading,
    store_transaction,
)
from wtsc_desktop.services.permissions import Profession, Role
from wtsc_desktop.store import audit, engine, keys, schema
from wtsc_desktop.store.files import atomic_write_json, remove_stale_temp_files
from wtsc_desktop.store.keys import KeyRing, KeySlot
from wtsc_desktop.store.models.base import UtcDateTime

FREE_ATTEMPTS = 3
LONGEST_WAIT_SECONDS = 60


class KeyRotated(WtscError):
    def __init__(self) -> None:
        super().__init__(
            "The database key was changed since your password was set. Ask your designated "
            "safeguarding lead to reset your password."
        )


# --- failed attempts ----------------------------------------------------------------


def _failures(paths: StorePaths) -> list[str]:
    try:
        raw = json.loads(paths.failed_sign_ins.read_text("utf-8"))
        return [str(x) for x in raw["failed_at"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def _record_failure(paths: StorePaths, clock: Clock) -> None:
    times = [*_failures(paths), clock.now().isoformat(timespec="seconds")][-200:]
    atomic_write_json(paths.failed_sign_ins, {"failed_at": times})


def seconds_to_wait(paths: StorePaths, clock: Clock) -> int:
    """How long before another attempt is allowed: doubling after three failures."""
    times = _failures(paths)
    if len(times) < FREE_ATTEMPTS:
        return 0
    wait = min(2 ** (len(times) - FREE_ATTEMPTS), LONGEST_WAIT_SECONDS)
    try:
        last = dt.datetime.fromisoformat(times[-1])
    except ValueError:
        return 0
    remaining = wait - (clock.now() - last).total_seconds()
    return max(0, int(remaining + 0.999))


# --- the key ------------------------------------------------------------------------


@dataclass
class Unlocked:
    """A master key that opens the database, and the ring it came from."""

    key: bytearray
    slot: KeySlot
    ring: KeyRing


def _settle_rekey(paths: StorePaths, ring: KeyRing, opened_with: KeySlot) -> KeyRing:
    """Finish or undo an interrupted rekey, depending on which key opens the file now."""
    if ring.pending is None:
        return ring
    if opened_with.generation == ring.pending:
        settled = KeyRing(
            generation=ring.pending, slots=ring.for_generation(ring.pending), pending=None
        )
    else:
        settled = KeyRing(
            generation=ring.generation, slots=ring.for_generation(ring.generation), pending=None
        )
    keys.save_key_ring(paths.key_slots, settled)
    return settled


def _open_with(
    paths: StorePaths,
    clock: Clock,
    ring: KeyRing,
    slots: tuple[KeySlot, ...],
    secret: str,
) -> Unlocked:
    wait = seconds_to_wait(paths, clock)
    if wait:
        raise TooManyAttempts(wait)
    candidates = [(slot, key) for slot in slots if (key := keys.unwrap(slot, secret))]
    if not candidates:
        _record_failure(paths, clock)
        raise WrongCredentials()
    for slot, key in candidates:
        if engine.key_opens(paths.database, key):
            ring = _settle_rekey(paths, ring, slot)
            return Unlocked(bytearray(key), slot, ring)
    if ring.pending is not None or all(
        s.generation not in (ring.generation, ring.pending) for s, _ in candidates
    ):
        # A rekey was interrupted and this slot holds the key the file no longer uses:
        # the DSL's next sign-in settles it. Not damage, so say so and change nothing.
        raise KeyRotated()
    # The slot's seal proved the secret right, yet its key does not open the file.
    raise StoreDamaged("the database file cannot be read with its key")


def unlock_key(paths: StorePaths, *, user_name: str, password: str, clock: Clock) -> Unlocked:
    """The master key from this user's slot. Raises WrongCredentials, never touches the file."""
    if not paths.exists():
        raise StoreNotFound()
    remove_stale_temp_files(paths.root)
    ring = keys.load_key_ring(paths.key_slots)
    return _open_with(paths, clock, ring, ring.user_slots(user_name), password)


def unlock_with_recovery_key(paths: StorePaths, *, recovery_key: str, clock: Clock) -> Unlocked:
    if not paths.exists():
        raise StoreNotFound()
    ring = keys.load_key_ring(paths.key_slots)
    return _open_with(
        paths, clock, ring, ring.recovery_slots(), keys.normalise_recovery_key(recovery_key)
    )


# --- the store ----------------------------------------------------------------------


def open_store(
    paths: StorePaths,
    unlocked: Unlocked,
    clock: Clock,
    *,
    backup_before_migration: Callable[[OpenStore], object] | None = None,
    check_now: bool = True,
) -> OpenStore:
    """Check the file, bring its schema up to date (backing up first), read the audit key.

    The whole-file check reads every page (seconds on a large store). With
    ``check_now=False`` the caller runs ``integrity.check_open_store`` soon after, off the
    GUI thread; damaged or altered data is still never shown meanwhile, because SQLCipher
    checks each page's HMAC as it is read.
    """
    if check_now:
        engine.quick_check(paths.database, unlocked.key)
    db = engine.open_engine(paths.database, unlocked.key)
    store = OpenStore(
        paths=paths,
        engine=db,
        master_key=unlocked.key,
        audit_key=b"",
        generation=unlocked.slot.generation,
        kdf=unlocked.slot.kdf,
        clock=clock,
    )
    try:
        # Usually the schema is current: then one read finds that and the audit key.
        with db.execution_options(**{engine.READ_ONLY: True}).connect() as conn:
            if schema.current_revision(conn) == schema.HEAD_REVISION:
                store.audit_key = audit.read_audit_key(conn)
        if not store.audit_key:
            schema.upgrade(
                db,
                backup_first=None
                if backup_before_migration is None
                else (lambda: backup_before_migration(store)),
            )
            with reading(store) as session:
                store.audit_key = audit.read_audit_key(session)
    except BaseException:
        store.close()
        raise
    return store


# Who is signing in, and the time they did, written as SQL: each compiles at once.
_WHO = text(
    "SELECT id, user_name, full_name, role, profession, must_change_password, active "
    "FROM app_user WHERE normalised_name = :name"
).columns(
    id=Integer,
    user_name=String,
    full_name=String,
    role=String,
    profession=String,
    must_change_password=Boolean,
    active=Boolean,
)
_SIGNED_IN_AT = text("UPDATE app_user SET last_sign_in_at = :at WHERE id = :id").bindparams(
    bindparam("at", type_=UtcDateTime)
)


def sign_in_opened(store: OpenStore, user_name: str) -> SignedIn:
    """Find the person in the open store, record the sign-in and any failures before it."""
    normalised = keys.normalise_user_name(user_name)
    failures = _failures(store.paths)
    with store_transaction(store, None) as work:
        row = work.session.execute(_WHO, {"name": normalised}).first()
        if row is None or not row.active:
            raise WrongCredentials()
        actor = Actor(
            user_id=row.id,
            user_name=row.user_name,
            full_name=row.full_name,
            role=Role(row.role),
            profession=Profession(row.profession),
            must_change_password=row.must_change_password,
        )
        work.actor = actor
        for when in failures:
            work.audit("sign-in failed", detail=f"attempted at {when}")
        work.session.execute(_SIGNED_IN_AT, {"at": work.now, "id": row.id})
        work.audit("signed in", "user", row.id)
    if failures:
        atomic_write_json(store.paths.failed_sign_ins, {"failed_at": []})
    return SignedIn(store, actor)


def sign_in(
    paths: StorePaths,
    *,
    user_name: str,
    password: str,
    clock: Clock,
    backup_before_migration: Callable[[OpenStore], object] | None = None,
    check_now: bool = True,
) -> SignedIn:
    """Unlock and open the store as ``user_name``: the start of every session."""
    unlocked = unlock_key(paths, user_name=user_name, password=password, clock=clock)
    store = open_store(
        paths,
        unlocked,
        clock,
        backup_before_migration=backup_before_migration,
        check_now=check_now,
    )
    try:
        return sign_in_opened(store, user_name)
    except BaseException:
        store.close()
        raise


def change_ring(store: OpenStore, change: Callable[[KeyRing], KeyRing]) -> None:
    """Rewrite the key-slot file atomically with ``change`` applied."""
    ring = keys.load_key_ring(store.paths.key_slots)
    keys.save_key_ring(store.paths.key_slots, change(ring))

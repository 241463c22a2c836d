"""People who sign in: add, list, reset a password, deactivate, change one's own password,
and rotate the database key. Every change of a key slot rewrites the slot file atomically.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from wtsc_desktop.clock import Clock
from wtsc_desktop.errors import NotFound, ValidationError, WrongCredentials, WtscError
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import change_ring, unlock_with_recovery_key
from wtsc_desktop.services.context import (
    SignedIn,
    reading_as,
    require,
    store_transaction,
    unit,
)
from wtsc_desktop.services.passwords import check_new_password
from wtsc_desktop.services.permissions import Action, Profession, Role
from wtsc_desktop.services.setup import check_user_name, new_user_row
from wtsc_desktop.store import engine, keys
from wtsc_desktop.store.keys import KeyRing
from wtsc_desktop.store.models import User


@dataclass(frozen=True)
class UserSummary:
    id: int
    user_name: str
    full_name: str
    role: Role
    profession: Profession
    email: str
    phone: str
    active: bool
    must_change_password: bool
    last_sign_in_at: dt.datetime | None


def _summary(row: User) -> UserSummary:
    return UserSummary(
        id=row.id,
        user_name=row.user_name,
        full_name=row.full_name,
        role=Role(row.role),
        profession=Profession(row.profession),
        email=row.email,
        phone=row.phone,
        active=row.active,
        must_change_password=row.must_change_password,
        last_sign_in_at=row.last_sign_in_at,
    )


def _user_slot(signed: SignedIn, user_name: str, password: str) -> keys.KeySlot:
    store = signed.store
    return keys.make_slot(
        bytes(store.master_key),
        kind="user",
        generation=store.generation,
        secret=password,
        user_name=user_name,
        kdf=store.kdf,
    )


def list_users(signed: SignedIn, *, include_inactive: bool = True) -> list[UserSummary]:
    """Everyone with an account (DSL only)."""
    with reading_as(signed, Action.MANAGE_USERS) as session:
        query = select(User).order_by(User.full_name)
        if not include_inactive:
            query = query.where(User.active.is_(True))
        return [_summary(row) for row in session.scalars(query)]


def add_user(
    signed: SignedIn,
    *,
    user_name: str,
    full_name: str,
    role: Role,
    profession: Profession,
    password: str,
    email: str = "",
    phone: str = "",
    must_change_password: bool = True,
) -> UserSummary:
    """Create an account. By default the person must change this first password when they
    first sign in (the demo's accounts are the exception)."""
    user_name = check_user_name(user_name)
    check_new_password(password, related=[user_name, full_name])
    with unit(signed, Action.MANAGE_USERS) as work:
        normalised = keys.normalise_user_name(user_name)
        taken = work.session.scalar(select(User.id).where(User.normalised_name == normalised))
        if taken is not None:
            raise ValidationError("user_name", f"The user name “{user_name}” is taken.")
        row = new_user_row(
            user_name=user_name,
            full_name=full_name,
            role=role,
            profession=profession,
            now=work.now,
            email=email.strip(),
            phone=phone.strip(),
        )
        row.must_change_password = must_change_password
        work.session.add(row)
        work.session.flush()
        work.audit("user added", "user", row.id, detail=f"role {role.value}")
        slot = _user_slot(signed, user_name, password)
        # The slot is written inside the transaction: if it fails, the row is rolled back.
        change_ring(signed.store, lambda ring: ring.without_user(user_name).with_slot(slot))
        return _summary(row)


def _row(session: Session, user_id: int) -> User:
    row = session.get(User, user_id)
    if row is None:
        raise NotFound("That user")
    return row


def reset_password(signed: SignedIn, *, user_id: int, new_password: str) -> None:
    """Give someone a new password (DSL only); they must change it when they next sign in."""
    check_new_password(new_password)
    with unit(signed, Action.MANAGE_USERS) as work:
        row = _row(work.session, user_id)
        if not row.active:
            raise ValidationError("user", "This account is switched off. Add the person again.")
        row.must_change_password = True
        work.audit("password reset", "user", row.id)
        slot = _user_slot(signed, row.user_name, new_password)
        name = row.user_name
        change_ring(signed.store, lambda ring: ring.without_user(name).with_slot(slot))


def change_role(signed: SignedIn, *, user_id: int, role: Role, profession: Profession) -> None:
    """Change what someone may do (DSL only). The last active DSL cannot stop being one."""
    with unit(signed, Action.MANAGE_USERS) as work:
        row = _row(work.session, user_id)
        if row.role == Role.DSL and role != Role.DSL:
            _keep_one_dsl(work.session, row.id)
        row.role, row.profession = role.value, profession.value
        work.audit("role changed", "user", row.id, detail=f"role {role.value}")


def _keep_one_dsl(session: Session, leaving_id: int) -> None:
    others = session.scalar(
        select(User.id).where(
            User.role == Role.DSL.value, User.active.is_(True), User.id != leaving_id
        )
    )
    if others is None:
        raise ValidationError(
            "role", "There must always be one active designated safeguarding lead."
        )


def deactivate_user(signed: SignedIn, *, user_id: int) -> None:
    """Switch an account off and remove its key slot; the history stays (DSL only)."""
    with unit(signed, Action.MANAGE_USERS) as work:
        row = _row(work.session, user_id)
        if row.role == Role.DSL.value:
            _keep_one_dsl(work.session, row.id)
        row.active = False
        work.audit("user deactivated", "user", row.id)
        name = row.user_name
        change_ring(signed.store, lambda ring: ring.without_user(name))


def change_own_password(signed: SignedIn, *, old_password: str, new_password: str) -> None:
    """Anyone may change their own password, given the old one."""
    actor = signed.actor
    check_new_password(new_password, related=[actor.user_name, actor.full_name])
    # The role first, so that a switched-off account's refusal is audited like any other.
    require(signed, Action.CHANGE_OWN_PASSWORD)
    ring = keys.load_key_ring(signed.store.paths.key_slots)
    if not any(keys.unwrap(s, old_password) for s in ring.user_slots(actor.user_name)):
        raise WrongCredentials()
    with unit(signed, Action.CHANGE_OWN_PASSWORD) as work:
        row = _row(work.session, actor.user_id)
        row.must_change_password = False
        work.audit("own password changed", "user", row.id)
        slot = _user_slot(signed, actor.user_name, new_password)
        change_ring(signed.store, lambda r: r.without_user(actor.user_name).with_slot(slot))
    signed.actor = type(actor)(**{**actor.__dict__, "must_change_password": False})


def reset_with_recovery_key(
    paths: StorePaths, *, recovery_key: str, user_name: str, new_password: str, clock: Clock
) -> None:
    """A forgotten password, with the printed recovery key: sets a new one for ``user_name``."""
    check_new_password(new_password, related=[user_name])
    from wtsc_desktop.services.access import open_store

    unlocked = unlock_with_recovery_key(paths, recovery_key=recovery_key, clock=clock)
    store = open_store(paths, unlocked, clock)
    try:
        normalised = keys.normalise_user_name(user_name)
        with store_transaction(store, None) as work:
            row = work.session.scalars(
                select(User).where(User.normalised_name == normalised, User.active.is_(True))
            ).one_or_none()
            if row is None:
                raise ValidationError("user_name", "There is no active account with that name.")
            work.audit("password reset with the recovery key", "user", row.id)
            # As after a reset by a colleague: whoever held the recovery key chose this
            # password, so its owner must replace it at the next sign-in.
            row.must_change_password = True
            slot = keys.make_slot(
                bytes(store.master_key),
                kind="user",
                generation=store.generation,
                secret=new_password,
                user_name=row.user_name,
                kdf=store.kdf,
            )
            name = row.user_name
            change_ring(store, lambda ring: ring.without_user(name).with_slot(slot))
    finally:
        store.close()


@dataclass(frozen=True)
class Rekeyed:
    recovery_key: str


def rotate_key(signed: SignedIn, *, password: str) -> Rekeyed:
    """A new master key and recovery key (DSL only). Crash-safe in three steps:

    1. the slot file gains the new generation's slots (this DSL's and the new recovery
       key's) beside the old ones, marked pending;
    2. SQLCipher re-encrypts the file under the new key (one transaction);
    3. the new key is confirmed to open the file, and the old slots are dropped.
    A crash before step 3 is settled at the next sign-in by whichever key opens the file.
    Everyone else then needs a password reset from the DSL.
    """
    actor = signed.actor
    store = signed.store
    require(signed, Action.ROTATE_KEY)
    ring = keys.load_key_ring(store.paths.key_slots)
    if not any(keys.unwrap(s, password) for s in ring.user_slots(actor.user_name)):
        raise WrongCredentials()
    new_key = bytearray(keys.new_master_key())
    generation = keys.new_generation()
    recovery_key = keys.new_recovery_key()
    new_slots = (
        keys.make_slot(
            bytes(new_key),
            kind="user",
            generation=generation,
            secret=password,
            user_name=actor.user_name,
            kdf=store.kdf,
        ),
        keys.make_slot(
            bytes(new_key),
            kind="recovery",
            generation=generation,
            secret=recovery_key,
            kdf=store.kdf,
        ),
    )
    keys.save_key_ring(
        store.paths.key_slots,
        KeyRing(generation=ring.generation, slots=(*ring.slots, *new_slots), pending=generation),
    )
    conn = engine.connect(store.paths.database, store.master_key)
    try:
        conn.execute(f"PRAGMA rekey = \"x'{bytes(new_key).hex()}'\"")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    if not engine.key_opens(store.paths.database, new_key):
        raise WtscError("The new key could not be confirmed; the old key still works.")
    keys.save_key_ring(
        store.paths.key_slots, KeyRing(generation=generation, slots=new_slots, pending=None)
    )
    store.master_key[:] = new_key
    store.generation = generation
    store.engine.dispose()
    with store_transaction(store, actor) as work:
        work.audit("database key rotated", "store")
    return Rekeyed(recovery_key=recovery_key)

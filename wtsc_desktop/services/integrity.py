"""Checking a store or a backup: SQLite's integrity check, SQLCipher's page check, and the
audit chain. Checks only read; they report the first problems found, in plain words.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from wtsc_desktop.clock import Clock
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import open_store, sign_in_opened, unlock_key
from wtsc_desktop.services.context import SignedIn, require
from wtsc_desktop.services.permissions import Action, Role, allowed
from wtsc_desktop.store import audit, engine, keys
from wtsc_desktop.store.models import User


def check_database(
    database: Path, key: bytes | bytearray, head: audit.ChainHead | None, *, pages: bool = True
) -> list[str]:
    """Every problem found in ``database`` (empty when it is sound).

    ``pages=False`` skips the page checks when the caller has just run them.
    """
    problems = engine.full_check(database, key) if pages else []
    if problems:
        return problems
    db = engine.open_engine(database, bytearray(key))
    try:
        with Session(db) as session:
            try:
                audit_key = audit.read_audit_key(session)
            except LookupError:
                return ["the audit key is missing"]
            problem = audit.verify_chain(session, audit_key, head)
    except engine.DatabaseError as exc:
        return [f"the database cannot be read: {exc}"]
    finally:
        db.dispose()
    return [] if problem is None else [str(problem)]


def role_in(database: Path, key: bytes | bytearray, user_name: str) -> Role | None:
    """The active role of ``user_name`` inside ``database``, if any."""
    db = engine.open_engine(database, bytearray(key))
    try:
        with Session(db) as session:
            row = session.scalars(
                select(User).where(User.normalised_name == keys.normalise_user_name(user_name))
            ).one_or_none()
            return Role(row.role) if row is not None and row.active else None
    finally:
        db.dispose()


def verify_store(paths: StorePaths, *, user_name: str, password: str, clock: Clock) -> list[str]:
    """``wtsc-desktop verify``: problems found, or an empty list when all is well.

    Wrong credentials raise WrongCredentials before the file is touched. Only a role that
    may check the store gets an answer about the audit chain; a refusal is audited.
    """
    unlocked = unlock_key(paths, user_name=user_name, password=password, clock=clock)
    problems = engine.full_check(paths.database, unlocked.key)
    if problems:
        return problems
    role = role_in(paths.database, unlocked.key, user_name)
    if role is None or not allowed(role, Action.VERIFY_STORE):
        signed = sign_in_opened(open_store(paths, unlocked, clock), user_name)
        try:
            require(signed, Action.VERIFY_STORE)
        finally:
            signed.lock()
    head = audit.read_head_file(paths.audit_head)
    return check_database(paths.database, unlocked.key, head, pages=False)


def check_open_store(signed: SignedIn) -> None:
    """The whole-file check deferred from sign-in (``access.open_store``): raises
    StoreDamaged if any page is unreadable. Reads only; no role is needed to be told.

    It runs in the background, so the session may have locked (and cleared the key)
    before it starts: then there is nothing to check.
    """
    key = bytes(signed.store.master_key)
    if signed.store.closed or not any(key):
        return
    engine.quick_check(signed.store.paths.database, key)

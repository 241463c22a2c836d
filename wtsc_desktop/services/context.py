"""The open store, the signed-in person, and the unit of work every service call runs in.

``unit`` is the one gate: it re-reads the caller's role inside the transaction, refuses
(and audits the refusal) when the table in ``permissions`` says no, commits once, and then
writes the chain head beside the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import Boolean, Engine, String, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from wtsc_desktop.clock import Clock
from wtsc_desktop.errors import PermissionDenied, StorageFull, StoreDamaged, WtscError
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.permissions import Action, Profession, Role, allowed
from wtsc_desktop.store import audit, engine
from wtsc_desktop.store.keys import KdfParams


@dataclass
class OpenStore:
    """A keyed store. ``close`` drops the engine and zeroes the key bytes we hold."""

    paths: StorePaths
    engine: Engine
    master_key: bytearray
    audit_key: bytes
    generation: str
    kdf: KdfParams
    clock: Clock
    closed: bool = field(default=False)

    def now(self) -> dt.datetime:
        return self.clock.now()

    def close(self) -> None:
        if self.closed:
            return
        self.engine.dispose()
        for i in range(len(self.master_key)):
            self.master_key[i] = 0
        self.closed = True


@dataclass(frozen=True)
class Actor:
    user_id: int
    user_name: str
    full_name: str
    role: Role
    profession: Profession
    must_change_password: bool = False


@dataclass
class SignedIn:
    """One person's session on an open store: what every service call takes first."""

    store: OpenStore
    actor: Actor

    def lock(self) -> None:
        self.store.close()


class Work:
    """What a service sees inside ``unit``: the session, the time, and ``audit``."""

    def __init__(self, session: Session, store: OpenStore, actor: Actor | None) -> None:
        self.session = session
        self.store = store
        self.actor = actor
        self.now = store.now()
        self.audited = False
        self.head: audit.ChainHead | None = None  # the chain head after the last append

    def audit(
        self,
        action: str,
        record_type: str = "",
        record_id: object = "",
        detail: str = "",
        *,
        outcome: str = "ok",
    ) -> None:
        """Append an event; never pass a record's content, only its type and id."""
        self.audited = True
        event = audit.append(
            self.session,
            self.store.audit_key,
            at=self.now,
            user_id=None if self.actor is None else self.actor.user_id,
            action=action,
            record_type=record_type,
            record_id=str(record_id) if record_id != "" else "",
            detail=detail,
            outcome=outcome,
        )
        self.head = audit.ChainHead(event.seq, event.mac)


def _is_disk_full(exc: DBAPIError) -> bool:
    return engine.is_disk_full(exc.orig)


def _is_damage(exc: DBAPIError) -> bool:
    text = str(exc.orig).lower()
    return "malformed" in text or "not a database" in text or "hmac" in text


@contextmanager
def _plain_errors() -> Iterator[None]:
    """Turn the database's environment faults into messages a DSL can act on."""
    try:
        yield
    except DBAPIError as exc:
        if _is_disk_full(exc):
            raise StorageFull() from exc
        if _is_damage(exc):
            raise StoreDamaged("a part of the database file cannot be read") from exc
        raise


@contextmanager
def store_transaction(store: OpenStore, actor: Actor | None) -> Iterator[Work]:
    """One transaction; the chain head file follows the commit. Disk full becomes a message."""
    if store.closed:
        raise WtscError("The session is locked. Sign in again to carry on.")
    with (
        _plain_errors(),
        Session(store.engine, expire_on_commit=False) as session,
        session.begin(),
    ):
        work = Work(session, store, actor)
        yield work
        # This transaction's own head (its last event), not a later writer's. Only a
        # transaction that audited something moves the head.
        head = work.head
    if head is not None:
        audit.write_head_file(store.paths.audit_head, head)


@contextmanager
def reading(store: OpenStore) -> Iterator[Session]:
    """A read-only session: no write lock, nothing audited (for lists and checks)."""
    if store.closed:
        raise WtscError("The session is locked. Sign in again to carry on.")
    bind = store.engine.execution_options(**{engine.READ_ONLY: True})
    with _plain_errors(), Session(bind) as session, session.begin():
        yield session


def _refuse(signed: SignedIn, action: Action, role: str) -> PermissionDenied:
    with store_transaction(signed.store, signed.actor) as work:
        work.audit(action.value, outcome="refused")
    return PermissionDenied(action.value, role)


class _Refused(Exception):
    """Raised inside a unit to roll it back when the role may not act; never escapes."""

    def __init__(self, label: str) -> None:
        super().__init__(label)
        self.label = label


# The caller's current role, read afresh by every call: two columns, written as SQL so
# that its first run (the Concerns list, just after sign-in) compiles at once.
_ROLE_OF = text("SELECT role, active FROM app_user WHERE id = :id").columns(
    role=String, active=Boolean
)


def _check_role(session: Session, signed: SignedIn, action: Action) -> None:
    row = session.execute(_ROLE_OF, {"id": signed.actor.user_id}).first()
    role = Role(row.role) if row is not None and row.active else None
    if role is None or not allowed(role, action):
        raise _Refused(role.label if role else "no account")


def require(signed: SignedIn, action: Action) -> None:
    """Refuse, and audit the refusal, unless the caller's current role may do ``action``."""
    if signed.store.closed:
        raise WtscError("The session is locked. Sign in again to carry on.")
    try:
        with reading(signed.store) as session:
            _check_role(session, signed, action)
    except _Refused as refused:
        raise _refuse(signed, action, refused.label) from None


@contextmanager
def unit(signed: SignedIn, action: Action) -> Iterator[Work]:
    """Check ``action`` against the caller's current role, then run one transaction.

    The role is read inside the same transaction (one connection per call); a refusal
    rolls it back and is audited in a transaction of its own.
    """
    try:
        with store_transaction(signed.store, signed.actor) as work:
            _check_role(work.session, signed, action)
            yield work
    except _Refused as refused:
        raise _refuse(signed, action, refused.label) from None


@contextmanager
def reading_as(signed: SignedIn, action: Action) -> Iterator[Session]:
    """Check ``action``, then give a read-only session (the same one)."""
    try:
        with reading(signed.store) as session:
            _check_role(session, signed, action)
            yield session
    except _Refused as refused:
        raise _refuse(signed, action, refused.label) from None

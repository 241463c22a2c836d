"""The append-only audit chain.

Each event holds the hash of the event before it and an HMAC-SHA256 under the audit key,
a random secret kept inside the encrypted file (not derived from the master key, so a
rekey leaves the chain verifiable). Someone who can write the table but lacks the key
cannot re-seal an edited chain. The head (newest number and MAC) is kept in its own row,
updated in the same transaction, and in a file beside the database, written after each
commit, so that deleting the newest events is found too.

Appending and reading the head are written as SQL (typed through ``columns`` and
``bindparams``): each compiles in a fraction of a millisecond, and every sign-in appends
an event while the person waits for their first screen.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import (
    Connection,
    Integer,
    LargeBinary,
    String,
    TextualSelect,
    bindparam,
    select,
    text,
)
from sqlalchemy.orm import Session

from wtsc_desktop.store.files import atomic_write_json
from wtsc_desktop.store.models import AuditEvent, Secret
from wtsc_desktop.store.models.base import UtcDateTime

GENESIS = "0" * 64
AUDIT_KEY_NAME = "audit_key"


@dataclass(frozen=True)
class ChainProblem:
    """The first event at which the chain breaks, and why."""

    seq: int
    reason: str

    def __str__(self) -> str:
        return f"audit event #{self.seq}: {self.reason}"


@dataclass(frozen=True)
class ChainHead:
    seq: int
    mac: str


def new_audit_key(session: Session) -> bytes:
    key = secrets.token_bytes(32)
    session.add(Secret(name=AUDIT_KEY_NAME, value=key))
    return key


_EVENT_FIELDS = (
    "seq",
    "at",
    "user_id",
    "action",
    "record_type",
    "record_id",
    "outcome",
    "detail",
    "prev_hash",
    "mac",
)
_EVENT_TYPES = {
    "seq": Integer,
    "at": UtcDateTime,
    "user_id": Integer,
    "action": String,
    "record_type": String,
    "record_id": String,
    "outcome": String,
    "detail": String,
    "prev_hash": String,
    "mac": String,
}
_KEY = text("SELECT value FROM secret WHERE name = :name").columns(value=LargeBinary)
_HEAD = text("SELECT seq, mac FROM audit_head WHERE id = 1").columns(seq=Integer, mac=String)
# The head and the event it names; the event's columns are empty if it is missing.
_NEWEST = """
SELECT h.seq AS head_seq, e.seq, e.at, e.user_id, e.action, e.record_type, e.record_id,
       e.outcome, e.detail, e.prev_hash, e.mac
  FROM audit_head AS h LEFT OUTER JOIN audit_event AS e ON e.seq = h.seq
 WHERE h.id = 1
"""
_INSERT_EVENT = text(
    "INSERT INTO audit_event (seq, at, user_id, action, record_type, record_id, outcome, "
    "detail, prev_hash, mac) VALUES (:seq, :at, :user_id, :action, :record_type, "
    ":record_id, :outcome, :detail, :prev_hash, :mac)"
).bindparams(bindparam("at", type_=UtcDateTime))
_NEW_HEAD = text("INSERT INTO audit_head (id, seq, mac) VALUES (1, :seq, :mac)")
_MOVE_HEAD = text("UPDATE audit_head SET seq = :seq, mac = :mac WHERE id = 1")


def _newest(locking: bool) -> TextualSelect:
    # FOR UPDATE serialises writers where the database has no file lock (PostgreSQL).
    return text(_NEWEST + (" FOR UPDATE OF h" if locking else "")).columns(
        head_seq=Integer, **_EVENT_TYPES
    )


_NEWEST_SQLITE = _newest(False)


def read_audit_key(session: Session | Connection) -> bytes:
    value = session.scalar(_KEY, {"name": AUDIT_KEY_NAME})
    if value is None:
        raise LookupError("the audit key is missing")
    return bytes(value)


def _body(event: AuditEvent) -> bytes:
    fields = [
        event.seq,
        event.at.astimezone(dt.UTC).isoformat(timespec="microseconds"),
        event.user_id,
        event.action,
        event.record_type,
        event.record_id,
        event.outcome,
        event.detail,
        event.prev_hash,
    ]
    return json.dumps(fields, ensure_ascii=True, separators=(",", ":")).encode("ascii")


def _mac(key: bytes, event: AuditEvent) -> str:
    return hmac.new(key, _body(event), hashlib.sha256).hexdigest()


def _hash(event: AuditEvent) -> str:
    return hashlib.sha256(_body(event) + event.mac.encode("ascii")).hexdigest()


def append(
    session: Session,
    key: bytes,
    *,
    at: dt.datetime,
    user_id: int | None,
    action: str,
    record_type: str = "",
    record_id: str = "",
    outcome: str = "ok",
    detail: str = "",
) -> AuditEvent:
    """Add one event to the chain inside the caller's transaction."""
    sqlite = session.get_bind().dialect.name == "sqlite"
    newest = session.execute(_NEWEST_SQLITE if sqlite else _newest(True)).first()
    if newest is None:
        prev_seq, prev_hash = 0, GENESIS
    elif newest.seq is None:
        raise LookupError("the audit chain head points at a missing event")
    else:
        previous = AuditEvent(**{name: getattr(newest, name) for name in _EVENT_FIELDS})
        prev_seq, prev_hash = previous.seq, _hash(previous)
    event = AuditEvent(
        seq=prev_seq + 1,
        at=at,
        user_id=user_id,
        action=action,
        record_type=record_type,
        record_id=record_id,
        outcome=outcome,
        detail=detail[:200],
        prev_hash=prev_hash,
        mac="",
    )
    event.mac = _mac(key, event)
    session.execute(_INSERT_EVENT, {name: getattr(event, name) for name in _EVENT_FIELDS})
    session.execute(
        _MOVE_HEAD if newest is not None else _NEW_HEAD, {"seq": event.seq, "mac": event.mac}
    )
    return event


def current_head(session: Session) -> ChainHead | None:
    head = session.execute(_HEAD).first()
    return None if head is None else ChainHead(head.seq, head.mac)


def write_head_file(path: Path, head: ChainHead) -> None:
    atomic_write_json(path, {"seq": head.seq, "mac": head.mac})


def read_head_file(path: Path) -> ChainHead | None:
    try:
        raw = json.loads(path.read_text("utf-8"))
        if raw == {}:
            return None
        return ChainHead(int(raw["seq"]), str(raw["mac"]))
    except FileNotFoundError:
        return None
    except (ValueError, KeyError, TypeError):
        return ChainHead(-1, "")


def verify_chain(
    session: Session, key: bytes, head_file: ChainHead | None = None
) -> ChainProblem | None:
    """The first broken event, or None when the whole chain checks out.

    ``head_file`` is the copy kept beside the database. It may lag one commit behind
    after a crash (it is written after the commit), but never lead the table.
    """
    expected_seq, expected_prev = 1, GENESIS
    macs_by_seq: dict[int, str] = {}
    last_mac = ""
    rows = session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars()
    for event in rows.yield_per(2000):
        if event.seq != expected_seq:
            return ChainProblem(expected_seq, "missing (the numbers jump)")
        if event.prev_hash != expected_prev:
            return ChainProblem(event.seq, "does not follow the event before it")
        if not hmac.compare_digest(event.mac, _mac(key, event)):
            return ChainProblem(event.seq, "altered (its seal does not match)")
        if head_file is not None and event.seq == head_file.seq:
            macs_by_seq[event.seq] = event.mac
        expected_prev, last_mac = _hash(event), event.mac
        expected_seq += 1
        session.expunge(event)
    last = expected_seq - 1
    head = current_head(session)
    if head is not None and head.seq > last:
        return ChainProblem(last + 1, "missing (newest events removed)")
    if head is not None and (head.seq != last or head.mac != last_mac):
        return ChainProblem(last, "altered (does not match the chain head)")
    if head_file is not None:
        if head_file.seq > last or head_file.seq < 0:
            return ChainProblem(last + 1, "missing (newest events removed)")
        if head_file.seq in macs_by_seq and macs_by_seq[head_file.seq] != head_file.mac:
            return ChainProblem(head_file.seq, "altered (does not match the saved chain head)")
    return None

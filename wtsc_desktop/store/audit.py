"""The append-only audit chain.

Each event holds the hash of the event before it and an HMAC-SHA256 under the audit key,
a random secret kept inside the encrypted file (not derived from the master key, so a
rekey leaves the chain verifiable). Someone who can write the table but lacks the key
cannot re-seal an edited chain. The head (newest number and MAC) is kept in its own row,
updated in the same transaction, and in a file beside the database, written after each
commit, so that deleting the newest events is found too.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from wtsc_desktop.store.files import atomic_write_json
from wtsc_desktop.store.models import AuditEvent, AuditHead, Secret

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


def read_audit_key(session: Session) -> bytes:
    row = session.get(Secret, AUDIT_KEY_NAME)
    if row is None:
        raise LookupError("the audit key is missing")
    return row.value


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
    head = session.get(AuditHead, 1, with_for_update=True)
    if head is None:
        prev_seq, prev_hash = 0, GENESIS
        head = AuditHead(id=1, seq=0, mac="")
        session.add(head)
    else:
        previous = session.get(AuditEvent, head.seq)
        if previous is None:
            raise LookupError("the audit chain head points at a missing event")
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
    session.add(event)
    head.seq, head.mac = event.seq, event.mac
    return event


def current_head(session: Session) -> ChainHead | None:
    head = session.get(AuditHead, 1)
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

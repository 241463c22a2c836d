"""Key slots: the master key wrapped once per user, and once by the recovery key.

The master key (256 random bits) opens the SQLCipher file. Each slot wraps it with
AES-256-GCM under a key derived from a password (or the recovery key) with Argon2id.
A slot names its user only by a salted hash of the normalised user name, and keeps its
own Argon2 parameters, so that no user name lies in plain bytes in the data folder and a
test store can use a cheaper cost without a hidden switch.

During a rekey the file holds the slots of two key generations; ``pending`` names the new
one until the database is confirmed to open with it (see ``services.accounts``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from wtsc_desktop.errors import StoreDamaged
from wtsc_desktop.store.files import atomic_write_json

FORMAT = 1
SlotKind = Literal["user", "recovery"]


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost: ``memory_cost`` in KiB."""

    time_cost: int = 3
    memory_cost: int = 65536
    parallelism: int = 4


DEFAULT_KDF = KdfParams()


@dataclass(frozen=True)
class KeySlot:
    slot_id: str
    kind: SlotKind
    generation: str
    name_salt: bytes
    name_hash: bytes
    kdf_salt: bytes
    kdf: KdfParams
    nonce: bytes
    wrapped: bytes

    def associated_data(self) -> bytes:
        # Binds the wrapped key to this slot's identity, so a slot cannot be relabelled.
        return "|".join((self.slot_id, self.kind, self.generation, self.name_hash.hex())).encode()


@dataclass(frozen=True)
class KeyRing:
    """The whole key-slot file: the current generation's slots, and a rekey in progress."""

    generation: str
    slots: tuple[KeySlot, ...]
    pending: str | None = None

    def for_generation(self, generation: str) -> tuple[KeySlot, ...]:
        return tuple(s for s in self.slots if s.generation == generation)

    def user_slots(self, user_name: str) -> tuple[KeySlot, ...]:
        return tuple(s for s in self.slots if s.kind == "user" and slot_names(s, user_name))

    def recovery_slots(self) -> tuple[KeySlot, ...]:
        return tuple(s for s in self.slots if s.kind == "recovery")

    def without_user(self, user_name: str, generation: str | None = None) -> KeyRing:
        keep = tuple(
            s
            for s in self.slots
            if not (
                s.kind == "user"
                and slot_names(s, user_name)
                and (generation is None or s.generation == generation)
            )
        )
        return replace(self, slots=keep)

    def with_slot(self, slot: KeySlot) -> KeyRing:
        return replace(self, slots=(*self.slots, slot))


def normalise_user_name(user_name: str) -> str:
    """One spelling per person: NFC, trimmed, inner spaces single, case folded."""
    folded = unicodedata.normalize("NFC", " ".join(user_name.split())).casefold()
    return unicodedata.normalize("NFC", folded)


def normalise_password(password: str) -> str:
    """NFC, so a password typed as composed or decomposed characters opens the same slot."""
    return unicodedata.normalize("NFC", password)


def _name_hash(user_name: str, salt: bytes) -> bytes:
    return hashlib.blake2b(
        normalise_user_name(user_name).encode("utf-8"),
        key=b"wtsc-desktop key slot name",
        salt=salt,
        digest_size=32,
    ).digest()


def slot_names(slot: KeySlot, user_name: str) -> bool:
    return hmac.compare_digest(slot.name_hash, _name_hash(user_name, slot.name_salt))


def derive_wrapping_key(secret: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        normalise_password(secret).encode("utf-8"),
        salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_cost,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def new_master_key() -> bytes:
    return secrets.token_bytes(32)


def new_generation() -> str:
    return secrets.token_hex(8)


def make_slot(
    master_key: bytes,
    *,
    kind: SlotKind,
    generation: str,
    secret: str,
    user_name: str = "",
    kdf: KdfParams = DEFAULT_KDF,
) -> KeySlot:
    """Wrap ``master_key`` under ``secret`` (a password, or the recovery key)."""
    name_salt = secrets.token_bytes(16)
    unsealed = KeySlot(
        slot_id=secrets.token_hex(8),
        kind=kind,
        generation=generation,
        name_salt=name_salt,
        name_hash=_name_hash(user_name, name_salt) if kind == "user" else b"",
        kdf_salt=secrets.token_bytes(16),
        kdf=kdf,
        nonce=secrets.token_bytes(12),
        wrapped=b"",
    )
    wrapping_key = derive_wrapping_key(secret, unsealed.kdf_salt, kdf)
    wrapped = AESGCM(wrapping_key).encrypt(unsealed.nonce, master_key, unsealed.associated_data())
    return replace(unsealed, wrapped=wrapped)


def unwrap(slot: KeySlot, secret: str) -> bytes | None:
    """The master key, or None when ``secret`` is not this slot's (AES-GCM tag check)."""
    wrapping_key = derive_wrapping_key(secret, slot.kdf_salt, slot.kdf)
    try:
        return AESGCM(wrapping_key).decrypt(slot.nonce, slot.wrapped, slot.associated_data())
    except InvalidTag:
        return None


# --- recovery key -------------------------------------------------------------------

_RECOVERY_FIXES = str.maketrans({"0": "O", "1": "I", "8": "B"})


def new_recovery_key() -> str:
    """160 random bits as 32 base32 letters in groups of four, easy to type from paper."""
    letters = base64.b32encode(secrets.token_bytes(20)).decode("ascii")
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


def normalise_recovery_key(typed: str) -> str:
    """Forgive case, spaces, dashes and the digits people read for O, I and B."""
    letters = "".join(ch for ch in typed.upper() if ch.isalnum()).translate(_RECOVERY_FIXES)
    return "-".join(letters[i : i + 4] for i in range(0, len(letters), 4))


# --- the file -----------------------------------------------------------------------


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _slot_to_json(slot: KeySlot) -> dict[str, Any]:
    return {
        "id": slot.slot_id,
        "kind": slot.kind,
        "generation": slot.generation,
        "name_salt": _b64(slot.name_salt),
        "name_hash": _b64(slot.name_hash),
        "kdf": {
            "algorithm": "argon2id",
            "salt": _b64(slot.kdf_salt),
            "time_cost": slot.kdf.time_cost,
            "memory_cost": slot.kdf.memory_cost,
            "parallelism": slot.kdf.parallelism,
        },
        "cipher": "aes-256-gcm",
        "nonce": _b64(slot.nonce),
        "wrapped": _b64(slot.wrapped),
    }


def _slot_from_json(raw: dict[str, Any]) -> KeySlot:
    kdf = raw["kdf"]
    if kdf.get("algorithm") != "argon2id" or raw.get("cipher") != "aes-256-gcm":
        raise ValueError("unknown key slot algorithm")
    kind = raw["kind"]
    if kind not in ("user", "recovery"):
        raise ValueError("unknown key slot kind")
    return KeySlot(
        slot_id=str(raw["id"]),
        kind=kind,
        generation=str(raw["generation"]),
        name_salt=base64.b64decode(raw["name_salt"]),
        name_hash=base64.b64decode(raw["name_hash"]),
        kdf_salt=base64.b64decode(kdf["salt"]),
        kdf=KdfParams(int(kdf["time_cost"]), int(kdf["memory_cost"]), int(kdf["parallelism"])),
        nonce=base64.b64decode(raw["nonce"]),
        wrapped=base64.b64decode(raw["wrapped"]),
    )


def ring_to_json(ring: KeyRing) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "generation": ring.generation,
        "pending": ring.pending,
        "slots": [_slot_to_json(s) for s in ring.slots],
    }


def ring_from_json(raw: dict[str, Any]) -> KeyRing:
    if raw.get("format") != FORMAT:
        raise ValueError("unknown key slot file format")
    return KeyRing(
        generation=str(raw["generation"]),
        pending=raw.get("pending"),
        slots=tuple(_slot_from_json(s) for s in raw["slots"]),
    )


def parse_key_ring(data: bytes) -> KeyRing:
    try:
        return ring_from_json(json.loads(data.decode("utf-8")))
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise StoreDamaged("the key slot file cannot be read") from exc


def load_key_ring(path: Path) -> KeyRing:
    return parse_key_ring(path.read_bytes())


def save_key_ring(path: Path, ring: KeyRing) -> None:
    atomic_write_json(path, ring_to_json(ring))

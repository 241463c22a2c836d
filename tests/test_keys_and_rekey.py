"""Passwords, the recovery key and the rekey: who can open the file, and when.

"Wrong password" is decided by the key slot, never by the database, so a refusal leaves
the file's bytes alone; a rekey interrupted at any step is settled at the next sign-in.
"""

from __future__ import annotations

import json
import shutil
import unicodedata
from pathlib import Path

import pytest

from tests.factory import DSL_PASSWORD, DSL_USER, ROLE_USERS
from tests.raw_store import file_hashes, keyed, master_key
from wtsc_desktop.clock import FixedClock
from wtsc_desktop.errors import (
    TooManyAttempts,
    ValidationError,
    WrongCredentials,
)
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services import access, accounts
from wtsc_desktop.services.access import KeyRotated, seconds_to_wait, sign_in
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.drafts import my_drafts, save_draft
from wtsc_desktop.services.integrity import verify_store
from wtsc_desktop.services.permissions import Profession, Role
from wtsc_desktop.store import engine, keys

REPORTER, REPORTER_PASSWORD = ROLE_USERS[Role.REPORTER]
DEPUTY, DEPUTY_PASSWORD = ROLE_USERS[Role.DEPUTY]


def _verify(paths: StorePaths, clock: FixedClock) -> list[str]:
    return verify_store(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)


def _user_id(dsl: SignedIn, user_name: str) -> int:
    return next(u.id for u in accounts.list_users(dsl) if u.user_name == user_name)


def _audit_actions(paths: StorePaths) -> list[tuple[str, str, str]]:
    with keyed(paths) as conn:
        return list(conn.execute("SELECT action, outcome, detail FROM audit_event ORDER BY seq"))


# --- passwords ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "password",
    [
        DSL_PASSWORD + "x",
        "",
        " " + DSL_PASSWORD,
        DSL_PASSWORD.upper(),
        '"' + DSL_PASSWORD + '"',
        "'; PRAGMA rekey = 'x'; --",
        DSL_PASSWORD + "\n",
        "\x00",
        "Ünïcödé " * 40,
    ],
    ids=[
        "one more letter",
        "empty",
        "leading space",
        "upper case",
        "in quotes",
        "sql",
        "newline",
        "nul",
        "long unicode",
    ],
)
def test_a_wrong_password_is_refused_and_the_files_are_untouched(
    paths: StorePaths, clock: FixedClock, password: str
) -> None:
    before = file_hashes(paths)
    with pytest.raises(WrongCredentials, match="Wrong user name or password"):
        sign_in(paths, user_name=DSL_USER, password=password, clock=clock)
    assert file_hashes(paths) == before
    assert not paths.database.with_name("store.db-wal").exists()


def _add(dsl: SignedIn, user_name: str, password: str) -> None:
    accounts.add_user(
        dsl,
        user_name=user_name,
        full_name="Invented Person",
        role=Role.REPORTER,
        profession=Profession.OTHER,
        password=password,
    )


@pytest.mark.parametrize(
    "password",
    [
        'she said "walnut" twice 4471',
        "it's the lighthouse's 90th",
        "back\\slash `tick` $dollar 55",
    ],
    ids=["double quotes", "apostrophes", "shell characters"],
)
def test_quoted_passwords_work_exactly_as_typed(
    dsl: SignedIn, paths: StorePaths, clock: FixedClock, password: str
) -> None:
    _add(dsl, "quoted.person", password)
    person = sign_in(paths, user_name="quoted.person", password=password, clock=clock)
    person.lock()
    for near_miss in (password.replace('"', "'"), password.replace("'", '"'), password + " "):
        if near_miss != password:
            with pytest.raises(WrongCredentials):
                sign_in(paths, user_name="quoted.person", password=near_miss, clock=clock)


@pytest.mark.parametrize("typed_as", ["NFC", "NFD"])
def test_composed_and_decomposed_forms_of_a_password_both_open_the_slot(
    dsl: SignedIn, paths: StorePaths, clock: FixedClock, typed_as: str
) -> None:
    password = "Zoë's crème brûlée at Siobhán's 7"
    stored = unicodedata.normalize(typed_as, password)
    other = unicodedata.normalize("NFD" if typed_as == "NFC" else "NFC", password)
    assert stored != other
    _add(dsl, "unicode.person", stored)
    for form in (stored, other):
        sign_in(paths, user_name="unicode.person", password=form, clock=clock).lock()
    with pytest.raises(WrongCredentials):
        sign_in(paths, user_name="unicode.person", password=password.replace("ë", "e"), clock=clock)


@pytest.mark.parametrize(
    "password",
    ["first line 4471\nsecond line kiwi", "carriage\rreturn walnut 4471", "tab\there walnut 4471"],
    ids=["newline", "carriage return", "tab"],
)
def test_a_new_password_with_a_line_break_or_control_character_is_refused(
    dsl: SignedIn, paths: StorePaths, password: str
) -> None:
    # The command line reads a password as one line: such a password could never be typed.
    before = file_hashes(paths)
    with pytest.raises(ValidationError) as refused:
        _add(dsl, "broken.person", password)
    assert refused.value.field == "password"
    with pytest.raises(ValidationError):
        accounts.change_own_password(dsl, old_password=DSL_PASSWORD, new_password=password)
    assert file_hashes(paths)["keyslots.json"] == before["keyslots.json"]
    assert "broken.person" not in {u.user_name for u in accounts.list_users(dsl)}


def test_repeated_failures_slow_down_and_are_audited_later_without_names(
    paths: StorePaths, clock: FixedClock
) -> None:
    waits = []
    attempts = 0
    for _ in range(6):
        with pytest.raises(WrongCredentials):
            sign_in(paths, user_name="canary.person", password="not it at all", clock=clock)
        attempts += 1
        waits.append(seconds_to_wait(paths, clock))
        if waits[-1]:
            # Even the right password waits its turn.
            with pytest.raises(TooManyAttempts) as slowed:
                sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)
            assert slowed.value.retry_after_seconds == waits[-1]
            clock.advance(waits[-1])
    assert waits[:2] == [0, 0]
    assert waits[2:] == sorted(waits[2:]) and waits[-1] > waits[2] > 0, waits
    kept_outside = paths.failed_sign_ins.read_bytes()
    assert b"canary" not in kept_outside.lower() and b"dsl" not in kept_outside.lower()

    signed = sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)
    signed.lock()

    events = _audit_actions(paths)
    failed = [e for e in events if e[0] == "sign-in failed"]
    assert len(failed) == attempts
    assert not any("canary" in detail.lower() for _, _, detail in events)
    assert events[-1][0] == "signed in"
    assert seconds_to_wait(paths, clock) == 0
    # Copied once: a second sign-in adds no more failure events.
    sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock).lock()
    assert len([e for e in _audit_actions(paths) if e[0] == "sign-in failed"]) == attempts


# --- the recovery key and resets --------------------------------------------------------


def test_a_forgotten_password_is_reset_with_the_recovery_key(
    paths: StorePaths, clock: FixedClock, recovery_key: str
) -> None:
    typed = recovery_key.lower().replace("-", " ")
    accounts.reset_with_recovery_key(
        paths,
        recovery_key=typed,
        user_name=REPORTER,
        new_password="fresh start orchard 8832",
        clock=clock,
    )
    with pytest.raises(WrongCredentials):
        sign_in(paths, user_name=REPORTER, password=REPORTER_PASSWORD, clock=clock)
    person = sign_in(paths, user_name=REPORTER, password="fresh start orchard 8832", clock=clock)
    try:
        assert person.actor.must_change_password
        accounts.change_own_password(
            person, old_password="fresh start orchard 8832", new_password="my own choice 5521 fig"
        )
        assert not person.actor.must_change_password
    finally:
        person.lock()
    again = sign_in(paths, user_name=REPORTER, password="my own choice 5521 fig", clock=clock)
    assert not again.actor.must_change_password
    again.lock()
    assert ("password reset with the recovery key", "ok", "") in _audit_actions(paths)
    assert _verify(paths, clock) == []


def test_a_wrong_recovery_key_is_refused(paths: StorePaths, clock: FixedClock) -> None:
    before = file_hashes(paths)
    with pytest.raises(WrongCredentials):
        accounts.reset_with_recovery_key(
            paths,
            recovery_key=keys.new_recovery_key(),
            user_name=DSL_USER,
            new_password="fresh start orchard 8832",
            clock=clock,
        )
    assert file_hashes(paths) == before


def test_another_dsl_resets_a_forgotten_password(
    dsl: SignedIn, paths: StorePaths, clock: FixedClock
) -> None:
    accounts.add_user(
        dsl,
        user_name="second.lead",
        full_name="Second Lead",
        role=Role.DSL,
        profession=Profession.TEACHER,
        password="temporary password 4471 kiwi",
    )
    dsl.lock()
    second = sign_in(
        paths, user_name="second.lead", password="temporary password 4471 kiwi", clock=clock
    )
    assert second.actor.must_change_password
    accounts.change_own_password(
        second, old_password="temporary password 4471 kiwi", new_password="second lead own 3390"
    )
    first_id = next(u.id for u in accounts.list_users(second) if u.user_name == DSL_USER)
    accounts.reset_password(second, user_id=first_id, new_password="given by a colleague 2280")
    second.lock()

    with pytest.raises(WrongCredentials):
        sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)
    first = sign_in(paths, user_name=DSL_USER, password="given by a colleague 2280", clock=clock)
    assert first.actor.must_change_password
    first.lock()


# --- rekey -------------------------------------------------------------------------------


def test_after_a_rekey_only_the_new_keys_open_the_file(
    dsl: SignedIn, paths: StorePaths, clock: FixedClock, recovery_key: str
) -> None:
    old_ring = keys.load_key_ring(paths.key_slots)
    old_key = master_key(paths)
    reporter_id = _user_id(dsl, REPORTER)

    rekeyed = accounts.rotate_key(dsl, password=DSL_PASSWORD)

    assert rekeyed.recovery_key != recovery_key
    _save_draft_works(dsl)
    dsl.lock()
    assert _verify(paths, clock) == []
    # The old slots, and the old key they hold, no longer open the file.
    old_dsl_key = next(
        k for s in old_ring.user_slots(DSL_USER) if (k := keys.unwrap(s, DSL_PASSWORD))
    )
    assert old_dsl_key == old_key
    assert not engine.key_opens(paths.database, old_dsl_key)
    with pytest.raises(WrongCredentials):
        access.unlock_with_recovery_key(paths, recovery_key=recovery_key, clock=clock)
    assert access.unlock_with_recovery_key(paths, recovery_key=rekeyed.recovery_key, clock=clock)
    ring = keys.load_key_ring(paths.key_slots)
    assert ring.pending is None and {s.generation for s in ring.slots} == {ring.generation}
    assert ring.generation != old_ring.generation
    # Everyone else needs a reset from the DSL.
    for role, (user, password) in ROLE_USERS.items():
        if role is not Role.DSL:
            with pytest.raises((WrongCredentials, KeyRotated)):
                sign_in(paths, user_name=user, password=password, clock=clock)
            clock.advance(access.LONGEST_WAIT_SECONDS)
    lead = sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)
    accounts.reset_password(lead, user_id=reporter_id, new_password="after the rekey 6604 yew")
    lead.lock()
    person = sign_in(paths, user_name=REPORTER, password="after the rekey 6604 yew", clock=clock)
    assert person.actor.must_change_password
    person.lock()
    assert ("database key rotated", "ok", "") in _audit_actions(paths)
    assert _verify(paths, clock) == []


def _save_draft_works(signed: SignedIn) -> None:
    draft = save_draft(signed, kind="note", payload={"text": "after the rekey"})
    assert draft in {d.id for d in my_drafts(signed)}


class _Crash(BaseException):
    """Stands for the power going off: nothing after it runs, nothing catches it."""


@pytest.fixture
def crash_during_rekey(monkeypatch: pytest.MonkeyPatch):
    """Run ``rotate_key`` up to a step, then stop as a crash would; returns the new
    recovery key it generated (printed only at the end, so a real DSL never saw it)."""

    def run(signed: SignedIn, *, after: str) -> str:
        made: list[str] = []
        real_new_recovery_key = keys.new_recovery_key

        def remember() -> str:
            made.append(real_new_recovery_key())
            return made[-1]

        monkeypatch.setattr(keys, "new_recovery_key", remember)
        real_save = keys.save_key_ring
        saves: list[keys.KeyRing] = []

        def save_then_crash(path: Path, ring: keys.KeyRing) -> None:
            saves.append(ring)
            if after == "the file was re-encrypted" and len(saves) == 2:
                raise _Crash  # the final ring is never written
            real_save(path, ring)
            if after == "the pending slots were written":
                raise _Crash  # the file is never re-encrypted

        monkeypatch.setattr(keys, "save_key_ring", save_then_crash)
        with pytest.raises(_Crash):
            accounts.rotate_key(signed, password=DSL_PASSWORD)
        monkeypatch.undo()
        signed.store.close()
        return made[0]

    return run


@pytest.mark.parametrize("first_in", ["the DSL's password", "a recovery key"])
@pytest.mark.parametrize("after", ["the pending slots were written", "the file was re-encrypted"])
def test_a_rekey_interrupted_between_its_steps_is_settled_at_the_next_sign_in(
    dsl: SignedIn,
    paths: StorePaths,
    clock: FixedClock,
    recovery_key: str,
    crash_during_rekey,
    after: str,
    first_in: str,
) -> None:
    new_recovery = crash_during_rekey(dsl, after=after)
    ring = keys.load_key_ring(paths.key_slots)
    assert ring.pending is not None, "the crash should leave the rekey half done"
    rekeyed = after == "the file was re-encrypted"
    working_recovery, dead_recovery = (
        (new_recovery, recovery_key) if rekeyed else (recovery_key, new_recovery)
    )

    if first_in == "a recovery key":
        # Someone whose slot belongs to the other key is told why, and changes nothing.
        if rekeyed:
            with pytest.raises(KeyRotated):
                sign_in(paths, user_name=REPORTER, password=REPORTER_PASSWORD, clock=clock)
            assert keys.load_key_ring(paths.key_slots) == ring
        unlocked = access.unlock_with_recovery_key(
            paths, recovery_key=working_recovery, clock=clock
        )
        assert engine.key_opens(paths.database, unlocked.key)
    else:
        sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock).lock()

    settled = keys.load_key_ring(paths.key_slots)
    assert settled.pending is None
    assert {s.generation for s in settled.slots} == {settled.generation}
    assert settled.generation == (ring.pending if rekeyed else ring.generation)
    assert _verify(paths, clock) == []
    sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock).lock()
    access.unlock_with_recovery_key(paths, recovery_key=working_recovery, clock=clock)
    with pytest.raises(WrongCredentials):
        access.unlock_with_recovery_key(paths, recovery_key=dead_recovery, clock=clock)
    if rekeyed:
        with pytest.raises((WrongCredentials, KeyRotated)):
            sign_in(paths, user_name=REPORTER, password=REPORTER_PASSWORD, clock=clock)
    else:
        sign_in(paths, user_name=REPORTER, password=REPORTER_PASSWORD, clock=clock).lock()


def test_the_key_slot_file_holds_no_user_name(paths: StorePaths) -> None:
    text = paths.key_slots.read_text("utf-8")
    ring = json.loads(text)
    assert len(ring["slots"]) == len(ROLE_USERS) + 1
    for user, _ in ROLE_USERS.values():
        assert user not in text and user.split(".")[0] not in text


def test_a_copy_of_the_store_opens_with_the_same_passwords(
    paths: StorePaths, tmp_path: Path, clock: FixedClock
) -> None:
    # Slots name no path: a store moved to another folder or computer still opens.
    moved = StorePaths(tmp_path / "moved")
    shutil.copytree(paths.root, moved.root)
    sign_in(moved, user_name=DEPUTY, password=DEPUTY_PASSWORD, clock=clock).lock()

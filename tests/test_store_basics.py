"""The store opens with the right password only, and the audit chain is whole."""

from __future__ import annotations

import pytest

from tests.factory import DSL_PASSWORD, DSL_USER, ROLE_USERS
from wtsc_desktop.errors import WrongCredentials
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in
from wtsc_desktop.services.audit_log import list_events
from wtsc_desktop.services.integrity import verify_store


def test_every_role_signs_in_with_its_own_password(paths: StorePaths, clock) -> None:
    for role, (user, password) in ROLE_USERS.items():
        signed = sign_in(paths, user_name=user, password=password, clock=clock)
        assert signed.actor.role is role
        signed.lock()


def test_wrong_password_is_refused(paths: StorePaths, clock) -> None:
    with pytest.raises(WrongCredentials):
        sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD + "x", clock=clock)


def test_user_name_is_matched_ignoring_case_and_spaces(paths: StorePaths, clock) -> None:
    signed = sign_in(paths, user_name="  DSL.Lead ", password=DSL_PASSWORD, clock=clock)
    assert signed.actor.user_name == DSL_USER
    signed.lock()


def test_fresh_store_verifies_clean(paths: StorePaths, clock) -> None:
    assert verify_store(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock) == []


def test_sign_in_is_audited_without_content(dsl) -> None:
    events = list_events(dsl)
    assert events[0].action == "signed in"
    assert events[0].record_type == "user"
    assert {e.action for e in events} >= {"record store created", "user added", "signed in"}


def test_only_sqlcipher_opens_the_file(tmp_path) -> None:
    """Two copies of SQLite in one process break each other's locks (reliability.md)."""
    import subprocess
    import sys

    script = (
        "import sys; from pathlib import Path;"
        "from wtsc_desktop.clock import FixedClock;"
        "from wtsc_desktop.paths import StorePaths;"
        "from wtsc_desktop.services.demo import create_demo_store;"
        "from wtsc_desktop.store.keys import KdfParams;"
        f"create_demo_store(StorePaths(Path({str(tmp_path)!r})), clock=FixedClock(),"
        " kdf=KdfParams(1, 8192, 1));"
        "print('sqlite3' in sys.modules, '_sqlite3' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["False", "False"]

"""Shared fixtures: offscreen Qt, a private runtime folder, and a template store built once
per run (cheap Argon2 parameters live in its key slots) and copied for each test.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
_runtime = (
    Path(tempfile.gettempdir()) / f"wtsc-test-runtime-{os.getuid() if hasattr(os, 'getuid') else 0}"
)
_runtime.mkdir(mode=0o700, exist_ok=True)
os.environ.setdefault("XDG_RUNTIME_DIR", str(_runtime))
# QSettings (window state, the palette) must not touch the developer's own settings.
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="wtsc-test-config-")
os.umask(0o077)

import pytest  # noqa: E402

from tests.factory import (  # noqa: E402
    DSL_PASSWORD,
    DSL_USER,
    ORGANISATION,
    build_template,
)
from wtsc_desktop.clock import FixedClock  # noqa: E402
from wtsc_desktop.paths import StorePaths  # noqa: E402
from wtsc_desktop.services.access import sign_in  # noqa: E402
from wtsc_desktop.services.context import SignedIn  # noqa: E402
from wtsc_desktop.store.keys import KdfParams  # noqa: E402

FAST_KDF = KdfParams(time_cost=1, memory_cost=8192, parallelism=1)


@pytest.fixture(scope="session")
def template_store(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """One store with a user of every role, built once per test run."""
    root = tmp_path_factory.mktemp("template")
    return build_template(StorePaths(root / "store"), kdf=FAST_KDF)


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def paths(tmp_path: Path, template_store: dict[str, object]) -> StorePaths:
    """A private copy of the template store."""
    source = template_store["paths"]
    assert isinstance(source, StorePaths)
    target = StorePaths(tmp_path / "store")
    shutil.copytree(source.root, target.root)
    return target


@pytest.fixture
def recovery_key(template_store: dict[str, object]) -> str:
    key = template_store["recovery_key"]
    assert isinstance(key, str)
    return key


@pytest.fixture
def dsl(paths: StorePaths, clock: FixedClock) -> Iterator[SignedIn]:
    signed = sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)
    yield signed
    signed.lock()


__all__ = ["ORGANISATION"]

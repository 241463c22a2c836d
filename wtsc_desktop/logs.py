"""The log file and crash references. Logs never hold personal data, passwords or keys:
a crash is logged as its exception type and the code locations it passed through, never
its message or local values (which could hold a child's name).
"""

from __future__ import annotations

import contextlib
import logging
import logging.handlers
import secrets
import traceback

from wtsc_desktop.paths import StorePaths

log = logging.getLogger("wtsc_desktop")


def disable_core_dumps() -> None:
    """A core dump would hold decrypted records and the key: switch them off."""
    try:
        import resource
    except ImportError:  # Windows has no core dumps of this kind
        return
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _configure(paths: StorePaths, name: str) -> None:
    disable_core_dumps()
    if any(isinstance(h, logging.handlers.RotatingFileHandler) for h in log.handlers):
        return
    try:
        paths.logs.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            paths.logs / f"{name}.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        return  # an unwritable log folder must not stop the app
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    log.propagate = False


def configure_headless(paths: StorePaths) -> None:
    _configure(paths, "commands")


def configure_gui(paths: StorePaths) -> None:
    _configure(paths, "app")


def describe(exc: BaseException) -> str:
    """The exception's type and where it passed, without its message or any values."""
    frames = traceback.extract_tb(exc.__traceback__)
    where = " <- ".join(
        f"{f.filename.rsplit('wtsc_desktop', 1)[-1]}:{f.lineno} {f.name}" for f in reversed(frames)
    )
    return f"{type(exc).__module__}.{type(exc).__qualname__} at {where or 'unknown'}"


def log_crash(exc: BaseException) -> str:
    """Log an unexpected error; returns the short reference shown to the user."""
    reference = secrets.token_hex(3).upper()
    log.error("unexpected error %s: %s", reference, describe(exc))
    return reference

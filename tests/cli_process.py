"""Running the real console command in a fresh process, as IT staff and scripts do."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

_SCRIPT = Path(sys.executable).with_name("wtsc-desktop")
COMMAND = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "wtsc_desktop"]


@dataclass(frozen=True)
class Finished:
    code: int
    stdout: str
    stderr: str

    def lines(self) -> list[str]:
        return [line for line in (self.stdout + self.stderr).splitlines() if line.strip()]


def _environment() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def start(args: list[str], password: str | None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [*COMMAND, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        env=_environment(),
    )


def finish(process: subprocess.Popen[str], password: str | None) -> Finished:
    stdin = None if password is None else password + "\n"
    stdout, stderr = process.communicate(stdin, timeout=120)
    return Finished(process.returncode, stdout, stderr)


def run(args: list[str], password: str | None = None) -> Finished:
    """``wtsc-desktop ARGS`` with ``password`` on standard input."""
    return finish(start(args, password), password)


def run_all(runs: list[tuple[list[str], str | None]]) -> list[Finished]:
    """Several commands at once, each on its own store (two cores halve the wait)."""
    started = [(start(args, password), password) for args, password in runs]
    return [finish(process, password) for process, password in started]


def assert_one_clean_line(done: Finished) -> None:
    """A refusal is one plain line: no traceback, no crash reference."""
    text = done.stdout + done.stderr
    assert "Traceback" not in text, text
    assert "Something went wrong" not in text, text
    assert len(done.stderr.strip().splitlines()) <= 1, done.stderr

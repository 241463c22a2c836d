"""The start-up benchmark still runs: each half once, so the script never rots.

The figures themselves are not checked here (no timed assertions in the normal suite);
run ``python tests/benchmarks/startup.py`` for them.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parent / "benchmarks" / "startup.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("startup_benchmark", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


startup = _load()


def _environment(tmp_path: Path) -> dict[str, str]:
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env: dict[str, str] = startup.child_environment(runtime)
    return env


def test_the_bare_window_is_shown_and_measured(tmp_path: Path) -> None:
    (run,) = startup.measure_bare(1, tmp_path, _environment(tmp_path))
    assert 0 < run.seconds < startup.TIMEOUT_SECONDS
    if sys.platform == "linux":
        assert run.peak_rss_mb is not None and run.peak_rss_mb > 10


def test_the_app_prints_its_marker_once_the_sign_in_window_is_shown(tmp_path: Path) -> None:
    # time_to_marker fails unless the process prints WTSC-SHOWN and then exits 0.
    (run,) = startup.measure_app(1, tmp_path, _environment(tmp_path))
    assert startup.APP_MARKER == "WTSC-SHOWN"
    assert 0 < run.seconds < startup.TIMEOUT_SECONDS
    if sys.platform == "linux":
        assert run.peak_rss_mb is not None and run.peak_rss_mb > 10


def test_the_readme_command_runs(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--runs", "1", "--bare-only"],
        capture_output=True,
        text=True,
        timeout=300,
        env=_environment(tmp_path),
    )
    assert done.returncode == 0, done.stderr
    assert "bare PySide6 window" in done.stdout
    assert "median" in done.stdout

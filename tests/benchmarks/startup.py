"""How long WTSC Desktop takes to show its sign-in window, beside a bare PySide6 window.

    python tests/benchmarks/startup.py [--runs N] [--bare-only]

Both are measured in the same run, N times each (default 5), as fresh processes started
with this same Python, offscreen unless QT_QPA_PLATFORM says otherwise:

- bare: a tiny script that shows an empty QWidget, prints a marker once it has been
  painted, and quits;
- app:  ``python -m wtsc_desktop --data-dir DIR`` on a store made beforehand with
  ``wtsc-desktop init`` (not timed), with ``WTSC_EXIT_WHEN_SHOWN=1``: the app prints
  ``WTSC-SHOWN`` once the sign-in window has been shown and painted, then quits.

Time is from just before the process is started to the moment its marker line arrives.
Peak memory is the process's own peak resident set size, as the kernel reports it when
the process is reaped (``os.wait4``: ``ru_maxrss`` of that one child, on Linux in KiB);
it is not available on Windows. The medians and the ratio app/bare are printed; the
target is at most 3x the bare window. Nothing here is a timed assertion.
"""

from __future__ import annotations

import argparse
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

TARGET_RATIO = 3.0
APP_MARKER = "WTSC-SHOWN"
BARE_MARKER = "BARE-SHOWN"
TIMEOUT_SECONDS = 120.0
PASSWORD = "benchmark lantern orchard 2031"  # an invented store, deleted afterwards

BARE_WINDOW = f"""
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


class Window(QWidget):
    painted = False

    def paintEvent(self, event):
        super().paintEvent(event)
        if not self.painted:
            self.painted = True
            print({BARE_MARKER!r}, flush=True)
            QTimer.singleShot(0, QApplication.quit)


app = QApplication(sys.argv)
window = Window()
window.setWindowTitle("Bare window")
window.resize(800, 600)
window.show()
sys.exit(app.exec())
"""


@dataclass(frozen=True)
class Run:
    seconds: float  # process start to its marker line
    peak_rss_mb: float | None  # None where the platform cannot say


class BenchmarkFailed(Exception):
    pass


def child_environment(runtime: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env.setdefault("XDG_RUNTIME_DIR", str(runtime))
    return env


def _reap(proc: subprocess.Popen[str]) -> tuple[int, float | None]:
    """Wait for the process; its exit code and its own peak RSS in MB."""
    if hasattr(os, "wait4"):
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        # ru_maxrss is in KiB on Linux and in bytes on macOS.
        scale = 1 / 1024 if sys.platform != "darwin" else 1 / (1024 * 1024)
        return proc.returncode, usage.ru_maxrss * scale
    return proc.wait(), None


def time_to_marker(command: list[str], marker: str, env: dict[str, str]) -> Run:
    """Start ``command``, time it until it prints ``marker``, then reap it."""
    lines: queue.Queue[tuple[str, float] | None] = queue.Queue()
    with tempfile.TemporaryFile("w+", encoding="utf-8") as errors:
        start = time.perf_counter()
        proc = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=errors, stdin=subprocess.DEVNULL,
            env=env, text=True, encoding="utf-8",
        )  # fmt: skip
        assert proc.stdout is not None
        stdout = proc.stdout

        def read() -> None:
            # The clock is read here, as each line arrives, not when the main thread wakes.
            for line in stdout:
                lines.put((line.rstrip("\n"), time.perf_counter()))
            lines.put(None)

        reader = threading.Thread(target=read, daemon=True)
        reader.start()
        shown_at: float | None = None
        deadline = start + TIMEOUT_SECONDS
        try:
            while shown_at is None:
                try:
                    item = lines.get(timeout=max(0.0, deadline - time.perf_counter()))
                except queue.Empty:
                    proc.kill()
                    raise BenchmarkFailed(
                        f"no {marker!r} line within {TIMEOUT_SECONDS:.0f} s from {command}"
                    ) from None
                if item is None:
                    break
                if item[0].strip() == marker:
                    shown_at = item[1]
        finally:
            code, peak = _reap(proc)
            reader.join(timeout=10)
            stdout.close()
        if shown_at is None or code != 0:
            errors.seek(0)
            raise BenchmarkFailed(
                f"{command} exited {code} "
                + ("before printing " + repr(marker) if shown_at is None else "after showing")
                + ":\n"
                + errors.read()[-2000:]
            )
    return Run(seconds=shown_at - start, peak_rss_mb=peak)


def make_store(data_dir: Path, env: dict[str, str]) -> None:
    """A fresh record store, so the app opens on its sign-in window (not the setup wizard)."""
    made = subprocess.run(
        [
            sys.executable, "-m", "wtsc_desktop", "init", "--data-dir", str(data_dir),
            "--organisation", "Benchmark Sports Club", "--type", "sports_club",
            "--user", "bench.lead", "--password-stdin",
        ],
        input=PASSWORD + "\n", capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    if made.returncode != 0:
        raise BenchmarkFailed(f"wtsc-desktop init exited {made.returncode}: {made.stderr}")


def measure_bare(runs: int, folder: Path, env: dict[str, str]) -> list[Run]:
    script = folder / "bare_window.py"
    script.write_text(BARE_WINDOW, "utf-8")
    return [time_to_marker([sys.executable, str(script)], BARE_MARKER, env) for _ in range(runs)]


def measure_app(runs: int, folder: Path, env: dict[str, str]) -> list[Run]:
    data_dir = folder / "store"
    make_store(data_dir, env)
    app_env = {**env, "WTSC_EXIT_WHEN_SHOWN": "1"}
    command = [sys.executable, "-m", "wtsc_desktop", "--data-dir", str(data_dir)]
    return [time_to_marker(command, APP_MARKER, app_env) for _ in range(runs)]


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _memory(runs: list[Run]) -> float | None:
    known = [r.peak_rss_mb for r in runs if r.peak_rss_mb is not None]
    return _median(known) if known else None


def report(name: str, runs: list[Run]) -> str:
    times = ", ".join(f"{r.seconds:.3f}" for r in runs)
    memory = _memory(runs)
    mem_text = "n/a" if memory is None else f"{memory:.0f} MB"
    return (
        f"{name:<22} median {_median([r.seconds for r in runs]):.3f} s"
        f"  (runs: {times})  peak memory {mem_text}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each (default 5)")
    parser.add_argument(
        "--bare-only", action="store_true", help="measure the bare window only (a quick check)"
    )
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    with tempfile.TemporaryDirectory(prefix="wtsc-startup-") as tmp:
        folder = Path(tmp)
        runtime = folder / "runtime"
        runtime.mkdir(mode=0o700)
        env = child_environment(runtime)
        python, platform = sys.version.split()[0], env["QT_QPA_PLATFORM"]
        print(f"Python {python}, QT_QPA_PLATFORM={platform}, {args.runs} run(s) of each")
        print("Time: from process start to the window painted and its marker line read.")
        try:
            bare = measure_bare(args.runs, folder, env)
            print(report("bare PySide6 window", bare))
            if args.bare_only:
                return 0
            app = measure_app(args.runs, folder, env)
            print(report("WTSC Desktop sign-in", app))
        except BenchmarkFailed as exc:
            print(f"Benchmark failed: {exc}", file=sys.stderr)
            return 1

    ratio = _median([r.seconds for r in app]) / _median([r.seconds for r in bare])
    verdict = "within" if ratio <= TARGET_RATIO else "OVER"
    target = f"the target of at most {TARGET_RATIO:g}x"
    print(f"start-up ratio app/bare: {ratio:.2f}x ({verdict} {target})")
    bare_mem, app_mem = _memory(bare), _memory(app)
    if bare_mem and app_mem:
        print(f"memory ratio app/bare:   {app_mem / bare_mem:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())

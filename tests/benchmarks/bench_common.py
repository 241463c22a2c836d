"""What the store benchmark's two workers share: the searches, the window size, how a
paint is waited for, memory figures, and the line each worker prints its results on.

Both workers (``bench_app.py``, ``bench_floor.py``) are started fresh by
``store_bench.py``, read the master key from standard input (derived beforehand, outside
every interval) and print one ``RESULTS {json}`` line.
"""

from __future__ import annotations

import gc
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

RESULTS = "RESULTS "
WINDOW = (1366, 768)
PAGE_SIZE = 100  # rows in the first page of the concern list (the app's model's page)
SEARCH_LIMIT = 20  # results the search box asks for
SEARCH_REPEATS = 5
CHRONOLOGY_REPEATS = 3
PDF_REPEATS = 2
# A name typed without its accents (Łucja Nowak), and a word from what staff wrote.
SEARCHES = ("lucja nowak", "bruise")


def read_key() -> bytes:
    """The master key, as hex on the first line of standard input."""
    return bytes.fromhex(sys.stdin.readline().strip())


def median_time(repeats: int, work: Callable[[], object]) -> tuple[float, object]:
    """The median of ``repeats`` timings of ``work``, and what its last run returned."""
    times, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def memory_mb() -> dict[str, float | None]:
    """This process's resident memory now (VmRSS) and its peak so far (VmHWM), in MB."""
    found: dict[str, float | None] = {"VmRSS": None, "VmHWM": None}
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            name, _, value = line.partition(":")
            if name in found:
                found[name] = int(value.split()[0]) / 1024
    return found


def warm_up_qt() -> None:
    """Work both sides do before the list interval, once the QApplication exists.

    PySide6 makes the Python classes of Qt's classes and enums lazily, the first time each
    is needed, so this is import work done late. The first widget a call hands back as a
    plain ``QWidget`` (``viewport()``) makes every lazy class of QtWidgets at once: about
    80 enum classes, some 10 ms. The app's own imports have already made many of them and
    a bare script none, so left inside the interval it would charge the floor for import
    work the app did beforehand. Done here, identically on both sides, before the key is
    used. (``PYSIDE6_OPTION_LAZY=0`` would make every class at import, but adds about 11 MB
    to each side's resident memory, which the real app never carries.) A full garbage
    collection follows, so that neither side's interval pays for the other work's garbage.
    """
    from PySide6.QtWidgets import QAbstractScrollArea

    QAbstractScrollArea().viewport()
    gc.collect()


def wait_for_paint(viewport: Any, ready: Callable[[], bool]) -> float:
    """Run the event loop until ``viewport`` has finished a paint while ``ready()`` holds;
    returns ``time.perf_counter()`` at that moment (the paint done, before the next event)."""
    from PySide6.QtCore import QEvent, QEventLoop, QObject, QTimer

    done: dict[str, float] = {}
    loop = QEventLoop()

    def mark() -> None:
        done.setdefault("at", time.perf_counter())
        loop.quit()

    class Watcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint and "at" not in done and ready():
                # The paint itself happens after this filter returns; the timer fires when
                # the event loop next turns, with the page painted.
                QTimer.singleShot(0, mark)
            return False

    watcher = Watcher()
    viewport.installEventFilter(watcher)
    QTimer.singleShot(120_000, loop.quit)
    loop.exec()
    viewport.removeEventFilter(watcher)
    if "at" not in done:
        raise RuntimeError("the table was never painted with rows in it")
    return done["at"]


def emit(results: dict[str, Any]) -> None:
    print(RESULTS + json.dumps(results), flush=True)

"""The app's side of the store benchmark: its own code paths, from the master key in hand.

    python tests/benchmarks/bench_app.py STORE_FOLDER FIXTURE_JSON  < key-as-hex

Started by ``store_bench.py``; prints one ``RESULTS {json}`` line. Everything imported
here, the QApplication and the PDF fonts are loaded, and ``warm_up_qt`` has run (as on
the floor's side), before the first interval starts.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication, QTableView

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_common import (
    CHRONOLOGY_REPEATS,
    PDF_REPEATS,
    SEARCH_LIMIT,
    SEARCH_REPEATS,
    SEARCHES,
    WINDOW,
    emit,
    median_time,
    memory_mb,
    read_key,
    wait_for_paint,
    warm_up_qt,
)

from wtsc_desktop.clock import SystemClock
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.reports import fonts
from wtsc_desktop.services.access import Unlocked, open_store, sign_in_opened
from wtsc_desktop.services.chronology import chronology
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.exports import export_chronology_pdf
from wtsc_desktop.services.search import search
from wtsc_desktop.store.keys import load_key_ring
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.views.concerns import ConcernsView


def usable_list(paths: StorePaths, unlocked: Unlocked, user: str) -> tuple[dict[str, Any], Any]:
    """From the key in hand to the Concerns view's first page painted, in its parts."""
    # As the sign-in screen does: the whole-file check runs just after sign-in, off the
    # window's thread (ui/session.py), so it is not part of reaching a usable list.
    start = time.perf_counter()
    store = open_store(paths, unlocked, SystemClock(), check_now=False)
    opened = time.perf_counter()
    signed = sign_in_opened(store, user)
    signed_in = time.perf_counter()
    parts = {"open_store": opened - start, "sign_in": signed_in - opened}
    view = ConcernsView(signed, DataBus())
    built = time.perf_counter()
    view.resize(*WINDOW)
    table = getattr(view, "table", None) or view.findChild(QTableView)
    view.show()
    painted = wait_for_paint(table.viewport(), lambda: table.model().rowCount() > 0)
    parts["view_built"] = built - signed_in
    parts["shown_and_painted"] = painted - built
    rows = table.model().rowCount()
    return {"seconds": painted - start, "parts": parts, "what": "view", "rows": rows}, (
        signed,
        view,
    )


def export_pdf(signed: SignedIn, child: int, folder: Path) -> int:
    """The app's chronology PDF of ``child``; returns its size in bytes."""
    target = folder / "chronology.pdf"
    export_chronology_pdf(signed, child_id=child, target=target)
    return target.stat().st_size


def main() -> None:
    store, fixture = sys.argv[1], json.loads(Path(sys.argv[2]).read_text("utf-8"))
    paths = StorePaths(Path(store))
    key = read_key()
    ring = load_key_ring(paths.key_slots)
    unlocked = Unlocked(bytearray(key), ring.user_slots(fixture["user"])[0], ring)
    app = QApplication([])
    fonts.register()  # both sides load their fonts before the PDF interval
    warm_up_qt()  # identical on both sides: PySide's lazy classes, then gc
    results: dict[str, Any] = {}

    results["list"], (signed, view) = usable_list(paths, unlocked, fixture["user"])
    for typed in SEARCHES:
        results[f"search:{typed}"], found = median_time(
            SEARCH_REPEATS, lambda t=typed: search(signed, text=t, limit=SEARCH_LIMIT)
        )
        results[f"search-count:{typed}"] = len(found.results)  # type: ignore[attr-defined]
    results["memory_list_and_search"] = memory_mb()
    results["chronology"], found = median_time(
        CHRONOLOGY_REPEATS, lambda: chronology(signed, child_id=fixture["chronology_child"])
    )
    results["chronology-entries"] = len(found.entries)  # type: ignore[attr-defined]
    folder = Path(store).parent / "exports"
    folder.mkdir(exist_ok=True)
    results["pdf"], size = median_time(
        PDF_REPEATS, lambda: export_pdf(signed, fixture["pdf_child"], folder)
    )
    results["pdf-bytes"] = size
    results["memory_end"] = memory_mb()
    if view is not None:
        view.close()
    signed.lock()
    app.processEvents()
    emit(results)


if __name__ == "__main__":
    main()

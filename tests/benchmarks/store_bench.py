"""How WTSC Desktop copes with a large record store, each figure beside its floor.

    python tests/benchmarks/store_bench.py [--children 50000] [--concerns 250000] [--runs 3]

The store (invented children and concerns, encrypted with the app's own key settings) is
built on the first run and kept in the temporary folder (``store_fixture.py``); each run
works on a copy. Each side runs in fresh processes, ``--runs`` times (medians printed):
``bench_app.py`` through the app's own code, ``bench_floor.py`` with the least code that
does the same work. Both are handed the master key: deriving it from the password
(Argon2id) happens once, here, before everything. Imports, the QApplication and the PDF
fonts are loaded before any interval, on both sides, and both run the same warm-up
(``bench_common.warm_up_qt``): PySide6 makes its Python classes of Qt's classes and enums
lazily, the first time each is needed, and the first ``viewport()`` call makes every one
of QtWidgets at once (about 80 enum classes, some 10 ms). That is import work: the app's
own imports have done most of it already and a bare script none, so without the warm-up
the floor's interval would carry import work the app's does not. A full garbage
collection ends the warm-up on both sides. What both sides still do inside interval (a),
alike, is Qt's first use of fonts (loading the font database and the first glyphs, some
5-10 ms each: the app when it measures its columns, the floor when it first paints).
Intervals:

(a) usable concern list: from the master key in hand to the first page of concerns
    painted. App: ``open_store`` (the file and key check and the schema check; the
    whole-file check runs after sign-in off the window's thread, as in the app),
    ``sign_in_opened`` (an audited, durable sign-in), the Concerns view
    (``ui/views/concerns.py``, its lazy model fetching the first page; the count of the
    rest follows the paint) shown in a 1366x768 window and painted with rows. Floor: a keyed
    sqlcipher3 connection, the same 100 newest concerns (with children, categories and
    reporter) in one query, a bare QTableWidget shown and painted.
(b) search: from the call to the best 20 results in hand. App: ``services.search.search``
    (titles and snippets included). Floor: a keyed connection and the same FTS5 ``MATCH``
    expression with ``ORDER BY rank LIMIT 20``.
(c) opening a child with 1,000 chronology entries: from the call to the entries in hand.
    App: ``services.chronology.chronology``. Floor: the same concerns, addenda and triage
    decisions in one query, in order.
(d) a 500-entry chronology PDF: from the call to the PDF written. App: the export service
    (``services/exports.py``). Floor: the same entries fetched, then bare ReportLab
    platypus with the same fonts (resources/fonts) and the same two-pass "Page X of Y".
(e) memory of each side's process: resident (VmRSS) once the list is shown and the
    searches done, and the peak (VmHWM) then and at the end.

Targets (printed with PASS or OVER, never asserted): list, search and PDF at most 1.5x
their floors; resident memory with the list shown and a search done at most 200 MB.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from bench_common import PAGE_SIZE, RESULTS, SEARCH_LIMIT, SEARCHES  # noqa: E402
from store_fixture import PASSWORD, USER, cached_fixture  # noqa: E402

from wtsc_desktop.clock import FixedClock  # noqa: E402
from wtsc_desktop.services.access import unlock_key  # noqa: E402
from wtsc_desktop.store import search_index  # noqa: E402

RATIO_TARGET = 1.5
MEMORY_TARGET_MB = 200.0
TIMEOUT_SECONDS = 1800


class BenchmarkFailed(Exception):
    pass


def run_side(script: str, store: Path, fixture_json: Path, key: bytes, env: dict[str, str]) -> Any:
    done = subprocess.run(
        [sys.executable, str(HERE / script), str(store), str(fixture_json)],
        input=key.hex() + "\n",
        capture_output=True,
        text=True,
        env=env,
        timeout=TIMEOUT_SECONDS,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULTS)]
    if done.returncode != 0 or not lines:
        raise BenchmarkFailed(f"{script} exited {done.returncode}:\n{done.stderr[-3000:]}")
    return json.loads(lines[-1][len(RESULTS) :])


def median(runs: list[dict[str, Any]], *path: str) -> Any:
    values = []
    for run in runs:
        value: Any = run
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        if value is not None:
            values.append(value)
    return statistics.median(values) if values else None


def verdict(ratio: float) -> str:
    return f"target <= {RATIO_TARGET:g}x: " + ("PASS" if ratio <= RATIO_TARGET else "OVER")


def line(label: str, seconds: float | None, how: str) -> str:
    shown = "   n/a   " if seconds is None else f"{seconds:7.3f} s"
    return f"    {label:<6}{shown}  {how}"


def ratio_line(app: float | None, floor: float | None, target: bool) -> str:
    if app is None or floor is None or floor <= 0:
        return "    ratio    n/a"
    ratio = app / floor
    return f"    ratio  {ratio:6.2f}x   " + (verdict(ratio) if target else "(no target)")


def report(app: list[dict[str, Any]], floor: list[dict[str, Any]], fixture: Any) -> list[str]:
    out = []
    what = app[0]["list"].get("what")
    parts = {
        k: median(app, "list", "parts", k)
        for k in (
            "open_store",
            "of_which_quick_check",
            "sign_in",
            "view_built",
            "shown_and_painted",
            "first_page",
        )
    }
    part_text = ", ".join(f"{k.replace('_', ' ')} {v:.3f} s" for k, v in parts.items() if v)
    part_text = part_text.replace(", of which quick check", " (of which PRAGMA quick_check")
    part_text = re.sub(r"(quick_check \d+\.\d+ s)", r"\1)", part_text)
    out.append(
        f"(a) usable concern list: from the master key in hand to the first {PAGE_SIZE} "
        "concerns painted"
    )
    if what == "view":
        how = "the Concerns view (ui/views/concerns.py) painted with rows: " + part_text
    else:
        how = (
            "services.concern_lists count_concerns + list_concerns first page (the Concerns "
            "view does not exist yet; nothing painted): " + part_text
        )
    app_list, floor_list = median(app, "list", "seconds"), median(floor, "list")
    out.append(line("app", app_list, how))
    out.append(
        line(
            "floor",
            floor_list,
            "sqlcipher3: connect, the same rows in one query, a bare QTableWidget painted",
        )
    )
    out.append(ratio_line(app_list, floor_list, True))
    for typed in SEARCHES:
        count = median(app, f"search-count:{typed}")
        out.append(
            f"(b) search {typed!r}: from the call to the best {SEARCH_LIMIT} results in hand "
            f"({count} found)"
        )
        a, f = median(app, f"search:{typed}"), median(floor, f"search:{typed}")
        out.append(line("app", a, "services.search.search, titles and snippets included"))
        out.append(
            line(
                "floor",
                f,
                f"sqlcipher3: connect, the same FTS5 MATCH, ORDER BY rank LIMIT {SEARCH_LIMIT}",
            )
        )
        out.append(ratio_line(a, f, True))
    entries = int(median(app, "chronology-entries") or 0)
    out.append(
        f"(c) opening a child with {entries:,} chronology entries: from the call to the "
        "entries in hand"
    )
    a, f = median(app, "chronology"), median(floor, "chronology")
    out.append(line("app", a, "services.chronology.chronology (with the pattern prompt)"))
    out.append(
        line(
            "floor",
            f,
            f"sqlcipher3: the same rows in one ordered query "
            f"({median(floor, 'chronology-entries')} rows)",
        )
    )
    out.append(ratio_line(a, f, False))
    out.append("(d) chronology PDF of a child with 500 entries: from the call to the PDF written")
    a, f = median(app, "pdf"), median(floor, "pdf")
    if a is not None:
        how = "services.exports.export_chronology_pdf (reads the chronology, renders, writes)"
    elif app[0].get("pdf-error"):
        how = f"services.exports.export_chronology_pdf failed: {app[0]['pdf-error']}"
    else:
        how = "services/exports.py has no export_chronology_pdf yet: not measured"
    out.append(line("app", a, how))
    out.append(
        line(
            "floor",
            f,
            "the same entries fetched, bare ReportLab platypus, same fonts, two-pass Page X of Y",
        )
    )
    out.append(ratio_line(a, f, True))
    out.append("(e) memory of each side's process")
    resident = median(app, "memory_list_and_search", "VmRSS")
    floor_resident = median(floor, "memory_list_and_search", "VmRSS")
    if resident is None:
        out.append("    resident memory: not available on this platform (/proc/self/status)")
    else:
        ok = "PASS" if resident <= MEMORY_TARGET_MB else "OVER"
        out.append(
            f"    resident with the list shown and the searches done: app {resident:.0f} MB "
            f"(floor {floor_resident:.0f} MB)  target <= {MEMORY_TARGET_MB:.0f} MB: {ok}"
        )
        peak = median(app, "memory_list_and_search", "VmHWM")
        out.append(
            f"    peak (VmHWM) by then: app {peak:.0f} MB "
            f"(floor {median(floor, 'memory_list_and_search', 'VmHWM'):.0f} MB); at the end, "
            f"after (c) and (d): app {median(app, 'memory_end', 'VmHWM'):.0f} MB "
            f"(floor {median(floor, 'memory_end', 'VmHWM'):.0f} MB)"
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--children", type=int, default=50_000)
    parser.add_argument("--concerns", type=int, default=250_000)
    parser.add_argument("--runs", type=int, default=3, help="processes of each side (default 3)")
    parser.add_argument("--rebuild", action="store_true", help="build the store again")
    args = parser.parse_args(argv)
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    fixture = cached_fixture(args.children, args.concerns, rebuild=args.rebuild)
    with tempfile.TemporaryDirectory(prefix="wtsc-store-bench-run-") as tmp:
        folder = Path(tmp)
        store = folder / "store"
        shutil.copytree(fixture.paths.root, store)  # the runs write audit events: not the cache
        key = bytes(
            unlock_key(fixture.paths, user_name=USER, password=PASSWORD, clock=FixedClock()).key
        )
        fixture_json = folder / "fixture.json"
        fixture_json.write_text(
            json.dumps(
                {
                    "user": USER,
                    "chronology_child": fixture.chronology_child,
                    "pdf_child": fixture.pdf_child,
                    "match_queries": [search_index.match_query(t) for t in SEARCHES],
                }
            ),
            "utf-8",
        )
        runtime = folder / "runtime"
        runtime.mkdir(mode=0o700)
        env = {**os.environ, "XDG_RUNTIME_DIR": str(runtime)}
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
        size = (store / "store.db").stat().st_size / 1e6
        print(
            f"WTSC Desktop store benchmark: {fixture.children:,} children, "
            f"{fixture.concerns:,} concerns (encrypted store of {size:.0f} MB)"
        )
        print(
            f"Python {sys.version.split()[0]}, QT_QPA_PLATFORM={env['QT_QPA_PLATFORM']}, "
            f"{args.runs} process(es) of each side, medians; no timed assertions."
        )
        print(
            "Outside every interval: imports, the QApplication, the PDF fonts, PySide's "
            "lazily made classes (the same warm-up on both sides), and the key derivation "
            "(done once here; each side is handed the master key)."
        )
        app_runs, floor_runs = [], []
        try:
            for _ in range(args.runs):
                floor_runs.append(run_side("bench_floor.py", store, fixture_json, key, env))
                app_runs.append(run_side("bench_app.py", store, fixture_json, key, env))
        except BenchmarkFailed as exc:
            print(f"Benchmark failed: {exc}", file=sys.stderr)
            return 1
    for text in report(app_runs, floor_runs, fixture):
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

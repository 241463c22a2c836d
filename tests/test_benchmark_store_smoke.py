"""The store benchmark, run small inside the normal suite so that it never rots: it must
run from start to end, as the README says to run it, and print every figure with its
floor and ratio. No timing is asserted here (the figures are the benchmark's own output).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "tests" / "benchmarks" / "store_bench.py"
HEADINGS = (
    "(a) usable concern list: from the master key in hand to the first 100 concerns painted",
    "(b) search 'lucja nowak': from the call to the best 20 results in hand",
    "(b) search 'bruise': from the call to the best 20 results in hand",
    "(c) opening a child with 1,000 chronology entries: from the call to the entries in hand",
    "(d) chronology PDF of a child with 500 entries: from the call to the PDF written",
    "(e) memory of each side's process",
)


def test_the_store_benchmark_runs_small_and_prints_every_figure() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--children", "500", "--concerns", "2500", "--runs", "1"],
        capture_output=True,
        text=True,
        timeout=900,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    out = done.stdout
    assert "500 children, 2,500 concerns" in out
    for heading in HEADINGS:
        assert heading in out, f"missing: {heading}\n{out}"
    # Each of the five intervals: the app's time and its floor's, then their ratio.
    times = re.findall(r"^    (app|floor) +(\d+\.\d{3}) s  \S", out, re.MULTILINE)
    assert [side for side, _ in times] == ["app", "floor"] * 5, out
    assert all(float(seconds) > 0 for _, seconds in times)
    ratios = re.findall(
        r"^    ratio +\d+\.\d\dx +(target <= 1\.5x: (PASS|OVER)|\(no target\))", out, re.M
    )
    assert len(ratios) == 5, out
    assert "the Concerns view (ui/views/concerns.py) painted with rows" in out
    assert re.search(
        r"resident with the list shown and the searches done: app \d+ MB "
        r"\(floor \d+ MB\)  target <= 200 MB: (PASS|OVER)",
        out,
    ), out
    assert re.search(r"peak \(VmHWM\) by then: app \d+ MB \(floor \d+ MB\); at the end", out), out

"""The floors of the store benchmark: the least code that does the same work, with no app
code inside any interval (sqlcipher3, a bare PySide6 window, bare ReportLab).

    python tests/benchmarks/bench_floor.py STORE_FOLDER FIXTURE_JSON  < key-as-hex

Started by ``store_bench.py``; prints one ``RESULTS {json}`` line. The same
``warm_up_qt`` as the app's side runs before the first interval. Every interval starts
with the master key in hand and opens its own keyed connection, as the app does for each
call (its engine keeps no connection open).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import sqlcipher3.dbapi2 as sqlcipher
from PySide6.QtWidgets import QApplication, QTableWidget, QTableWidgetItem
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_common import (
    CHRONOLOGY_REPEATS,
    PAGE_SIZE,
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

LONDON = ZoneInfo("Europe/London")
FONTS = Path(__file__).resolve().parents[2] / "wtsc_desktop" / "resources" / "fonts"
CJK_RUN = re.compile("[\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff]+")
HEADERS = (
    "Number",
    "Recorded",
    "Seen or heard",
    "Child or children",
    "Categories",
    "Reported by",
    "Urgent",
    "Seen by the DSL",
)

FIRST_PAGE = """
SELECT c.id, c.recorded_at, c.observed_at,
       (SELECT group_concat(ch.legal_forename || ' ' || ch.legal_surname, ', ')
          FROM concern_child AS cc JOIN child AS ch ON ch.id = cc.child_id
         WHERE cc.concern_id = c.id AND cc.part = 'subject'),
       (SELECT group_concat(code, ', ') FROM concern_category WHERE concern_id = c.id),
       u.full_name, c.urgent, c.acknowledged_at IS NOT NULL
  FROM concern AS c JOIN app_user AS u ON u.id = c.reporter_id
 ORDER BY c.recorded_at DESC, c.id DESC LIMIT ?
"""
SEARCH = "SELECT kind, ref FROM search_fts WHERE search_fts MATCH ? ORDER BY rank LIMIT ?"
CHRONOLOGY = """
SELECT c.observed_at AS happened, c.recorded_at, 'Concern',
       coalesce((SELECT group_concat(code, ', ') FROM concern_category
                  WHERE concern_id = c.id), 'Concern'),
       substr(CASE WHEN c.child_words != '' THEN c.child_words ELSE c.observed END, 1, 240),
       u.full_name
  FROM concern_child AS cc JOIN concern AS c ON c.id = cc.concern_id
  JOIN app_user AS u ON u.id = c.reporter_id WHERE cc.child_id = :child
UNION ALL
SELECT a.written_at, a.written_at, 'Addendum', 'Later information', substr(a.text, 1, 240),
       u.full_name
  FROM addendum AS a JOIN concern_child AS cc ON cc.concern_id = a.concern_id
  JOIN app_user AS u ON u.id = a.author_id WHERE cc.child_id = :child
UNION ALL
SELECT d.decided_at, d.decided_at, 'Triage decision', d.threshold, substr(d.rationale, 1, 240),
       u.full_name
  FROM triage_decision AS d JOIN concern_child AS cc ON cc.concern_id = d.concern_id
  JOIN app_user AS u ON u.id = d.decided_by WHERE cc.child_id = :child
ORDER BY 1, 2
"""


def connect(path: str, key: bytes) -> Any:
    conn = sqlcipher.connect(path)
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    return conn


def when(stored: str | None) -> str:
    if not stored:
        return ""
    value = dt.datetime.fromisoformat(stored).replace(tzinfo=dt.UTC).astimezone(LONDON)
    return value.strftime("%d/%m/%Y %H:%M")


def first_page(path: str, key: bytes, app: QApplication) -> tuple[float, Any]:
    """From the key in hand to a bare QTableWidget painted with the newest 100 concerns."""
    start = time.perf_counter()
    conn = connect(path, key)
    rows = conn.execute(FIRST_PAGE, (PAGE_SIZE,)).fetchall()
    conn.close()
    table = QTableWidget(len(rows), len(HEADERS))
    table.setHorizontalHeaderLabels(HEADERS)
    for r, (number, recorded, observed, names, codes, by, urgent, seen) in enumerate(rows):
        cells = (
            str(number),
            when(recorded),
            when(observed),
            names or "",
            codes or "",
            by,
            "Urgent" if urgent else "",
            "Yes" if seen else "Not yet",
        )
        for c, text in enumerate(cells):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resize(*WINDOW)
    table.show()
    painted = wait_for_paint(table.viewport(), lambda: table.rowCount() > 0)
    return painted - start, table


def search(path: str, key: bytes, query: str) -> list[Any]:
    conn = connect(path, key)
    try:
        return list(conn.execute(SEARCH, (query, SEARCH_LIMIT)).fetchall())
    finally:
        conn.close()


def chronology(path: str, key: bytes, child: int) -> list[Any]:
    conn = connect(path, key)
    try:
        return list(conn.execute(CHRONOLOGY, {"child": child}).fetchall())
    finally:
        conn.close()


def register_fonts() -> None:
    pdfmetrics.registerFont(TTFont("Floor-Sans", str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont("Floor-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFont(TTFont("Floor-CJK", str(FONTS / "wqy-microhei.ttc"), subfontIndex=0))


def escaped(text: str) -> str:
    from xml.sax.saxutils import escape

    return CJK_RUN.sub(lambda m: f'<font name="Floor-CJK">{m.group()}</font>', escape(text))


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """ReportLab's two-pass "Page X of Y": keep each page, number them all at the end."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self.pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for state in self.pages:
            self.__dict__.update(state)
            self.setFont("Floor-Bold", 8.5)
            self.drawRightString(
                A4[0] - 18 * mm, 18 * mm, f"Page {self._pageNumber} of {len(self.pages)}"
            )
            super().showPage()
        super().save()


def marking(canvas: Canvas, _doc: Any) -> None:
    canvas.setFont("Floor-Bold", 9)
    canvas.drawCentredString(A4[0] / 2, A4[1] - 10 * mm, "OFFICIAL-SENSITIVE")
    canvas.drawCentredString(A4[0] / 2, 8 * mm, "OFFICIAL-SENSITIVE")


def pdf(path: str, key: bytes, child: int) -> bytes:
    """The same entries, fetched and written as one paragraph each, in the same fonts."""
    rows = chronology(path, key, child)
    style = ParagraphStyle("body", fontName="Floor-Sans", fontSize=9.5, leading=12.5)
    story = [
        Paragraph(
            f"<b>{when(happened)} · {kind}</b><br/><b>{escaped(title)}</b><br/>"
            f"{escaped(detail)}<br/>By {escaped(by)}",
            style,
        )
        for happened, _recorded, kind, title, detail, by in rows
    ]
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, topMargin=22 * mm, bottomMargin=27 * mm)
    doc.build(story, onFirstPage=marking, onLaterPages=marking, canvasmaker=NumberedCanvas)
    return buffer.getvalue()


def main() -> None:
    store, fixture = sys.argv[1], json.loads(Path(sys.argv[2]).read_text("utf-8"))
    path = str(Path(store) / "store.db")
    key = read_key()
    app = QApplication([])
    register_fonts()  # both sides load their fonts before the PDF interval
    warm_up_qt()  # identical on both sides: PySide's lazy classes, then gc
    results: dict[str, Any] = {}

    results["list"], window = first_page(path, key, app)
    for typed, query in zip(SEARCHES, fixture["match_queries"], strict=True):
        results[f"search:{typed}"], found = median_time(
            SEARCH_REPEATS, lambda q=query: search(path, key, q)
        )
        results[f"search-count:{typed}"] = len(found)  # type: ignore[arg-type]
    results["memory_list_and_search"] = memory_mb()
    results["chronology"], entries = median_time(
        CHRONOLOGY_REPEATS, lambda: chronology(path, key, fixture["chronology_child"])
    )
    results["chronology-entries"] = len(entries)  # type: ignore[arg-type]
    results["pdf"], data = median_time(PDF_REPEATS, lambda: pdf(path, key, fixture["pdf_child"]))
    results["pdf-bytes"] = len(data)  # type: ignore[arg-type]
    results["memory_end"] = memory_mb()
    window.close()
    emit(results)


if __name__ == "__main__":
    main()

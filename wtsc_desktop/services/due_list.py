"""What is due and overdue, as the Dashboard shows it, in rows for ``wtsc-desktop due``.

Without names, each row says which records it is about ("referral 3, child 12") and a
label that holds no one's name; with names, the Dashboard's own title and detail. CSV
cells are written so that a spreadsheet shows them as text, never as a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass

from wtsc_desktop.services.dashboard import Dashboard, DashboardItem

HEADERS = (
    "status",
    "due",
    "rule",
    "records",
    "what",
    "detail",
    "kind of days",
    "whose clock",
    "source",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Labels without names, for items whose title may hold one.
_PLAIN = {
    "urgent_concern": "Urgent concern not yet acknowledged",
    "new_concern": "New concern not yet acknowledged",
    "action": "Action from a triage decision",
    "review": "Review a concern being monitored",
    "pattern": "Pattern of concerns about a child",
}


@dataclass(frozen=True)
class DueRow:
    status: str  # OVERDUE, DUE, URGENT, PATTERN
    due: str  # dd/mm/yyyy or ""
    rule: str
    records: str
    what: str
    detail: str
    days_kind: str
    whose_clock: str
    source: str

    def cells(self) -> tuple[str, ...]:
        """The row's cells, in the order of ``HEADERS``."""
        return (
            self.status,
            self.due,
            self.rule,
            self.records,
            self.what,
            self.detail,
            self.days_kind,
            self.whose_clock,
            self.source,
        )


def records_of(item: DashboardItem) -> str:
    """The records an item is about, by reference only, e.g. "referral 3, child 12"."""
    parts = []
    for label, value in (
        ("referral", item.referral_id),
        ("plan", item.plan_id),
        ("transfer", item.transfer_id),
        ("action", item.action_id),
        ("concern", item.concern_id),
        ("child", item.child_id),
    ):
        if value is not None:
            parts.append(f"{label} {value}")
    return ", ".join(parts)


def _row(status: str, item: DashboardItem, *, names: bool) -> DueRow:
    when = item.due_on or item.noted_on
    if names or item.kind in ("referral", "meeting", "transfer", "fgm_report"):
        # These titles never hold a name; their details do.
        what = item.title
        detail = item.detail if names else ""
    else:
        what, detail = _PLAIN.get(item.kind, item.kind), ""
    return DueRow(
        status=status,
        due="" if when is None else f"{when:%d/%m/%Y}",
        rule=item.rule_id,
        records=records_of(item),
        what=what,
        detail=detail,
        days_kind=item.days_kind,
        whose_clock=item.whose_clock,
        source=item.source,
    )


def due_rows(board: Dashboard, *, names: bool = False) -> list[DueRow]:
    """The Dashboard as rows: urgent, then overdue, then due this week, then patterns."""
    rows = [_row("URGENT", i, names=names) for i in board.urgent]
    rows += [_row("OVERDUE", i, names=names) for i in board.overdue]
    rows += [_row("DUE", i, names=names) for i in board.this_week]
    rows += [_row("PATTERN", i, names=names) for i in board.patterns]
    return rows


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text: one starting with =, +, -, @, tab or CR gets a
    leading single quote, so it is never taken for a formula."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def as_csv(rows: Sequence[DueRow]) -> str:
    """The rows as CSV with a header line, every cell made spreadsheet-safe."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow([spreadsheet_safe(c) for c in row.cells()])
    return out.getvalue()


def as_text(rows: Sequence[DueRow], *, as_of: str) -> str:
    """The rows as plain lines for a terminal or an email."""
    if not rows:
        return f"Nothing due or overdue as of {as_of}."
    lines = [f"Due and overdue as of {as_of}:"]
    for r in rows:
        head = " ".join(p for p in (r.status, r.due, r.rule, f"[{r.records}]", r.what) if p)
        lines.append(head)
        extra = "; ".join(p for p in (r.detail, r.days_kind, r.whose_clock, r.source) if p)
        if extra:
            lines.append(f"    {extra}")
    return "\n".join(lines)

"""One concern laid out as the record of concern in shared/forms.md, as HTML for a
read-only text view: the child or children, who recorded it and when (kept apart from
when it happened), where, the child's exact words, what was seen, the opinion labelled
as one, the body-map marks, witnesses, what was done at once and whom they told, the
attachments and addenda, and — for the DSL and deputies — each triage decision.

Every piece of typed text is escaped, and a blank answer reads "not recorded", never a
blank that looks filled in. ``RecordText`` shows it, with the body map drawn in as a
picture.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QTextBrowser

from wtsc_desktop.body_outline import region
from wtsc_desktop.guidance.categories import BY_CODE, THRESHOLD_RULES, category_label
from wtsc_desktop.guidance.information_sharing import Consent, LawfulBasis
from wtsc_desktop.services.concern_types import ConcernRecord, MarkInput
from wtsc_desktop.services.triage import DecisionView
from wtsc_desktop.ui.formats import date_text, datetime_text
from wtsc_desktop.ui.widgets.body_map import BodyMapWidget, Mark

NOT_RECORDED = "not recorded"
ADDENDUM_KINDS = {"later_fact": "A later fact", "correction": "A correction"}


BODY_MAP = "wtsc:body-map"


class RecordText(QTextBrowser):
    """The record as read-only text, with the body map drawn into it as a picture."""

    def __init__(self) -> None:
        super().__init__()
        self.body_map: QImage | None = None

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        address = name.toString() if isinstance(name, QUrl) else name
        if address == BODY_MAP and self.body_map is not None:
            return self.body_map
        return super().loadResource(kind, name)


def body_map_picture(marks: tuple[MarkInput, ...]) -> QImage:
    """The marks drawn on the front and back outlines, as the body map shows them."""
    drawing = BodyMapWidget()
    drawing.set_marks([Mark(m.number, m.side, m.x, m.y, m.label, m.size) for m in marks])
    drawing.select(0)  # no mark picked out
    drawing.resize(440, 420)
    picture = drawing.grab().toImage()
    drawing.deleteLater()
    return picture


def _text(value: str) -> str:
    """Typed text, escaped, with its line breaks kept."""
    if not value.strip():
        return f"<i>{NOT_RECORDED}</i>"
    return escape(value).replace("\n", "<br>")


def _rows(rows: Sequence[tuple[str, str]]) -> str:
    cells = "".join(
        f"<tr><td style='padding-right:14px; vertical-align:top'>{escape(label)}</td>"
        f"<td style='vertical-align:top'>{value}</td></tr>"
        for label, value in rows
    )
    return f"<table cellspacing='0' cellpadding='2'>{cells}</table>"


def _section(title: str, body: str) -> str:
    return f"<h3>{escape(title)}</h3>{body}"


def _children(record: ConcernRecord) -> str:
    if not record.children:
        return f"<p><i>{NOT_RECORDED}</i></p>"
    head = "".join(
        f"<th align='left' style='padding-right:14px'>{h}</th>"
        for h in ("Name", "Part in this concern", "Date of birth", "Year group or team")
    )
    body = "".join(
        "<tr>"
        f"<td style='padding-right:14px'><b>{escape(c.name)}</b></td>"
        f"<td style='padding-right:14px'>{escape(c.part.label)}</td>"
        f"<td style='padding-right:14px'>{date_text(c.date_of_birth) or NOT_RECORDED}</td>"
        f"<td>{escape(c.year_group_or_team) or NOT_RECORDED}</td>"
        "</tr>"
        for c in record.children
    )
    return f"<table cellspacing='0' cellpadding='2'><tr>{head}</tr>{body}</table>"


def _observed(record: ConcernRecord) -> str:
    if record.observed_time_known:
        return escape(datetime_text(record.observed_at))
    return escape(datetime_text(record.observed_at)[:10]) + " (the time is not known)"


def _categories(record: ConcernRecord) -> str:
    if not record.categories:
        return f"<i>{NOT_RECORDED}</i>"
    shown = []
    for code in record.categories:
        label = escape(category_label(code))
        found = BY_CODE.get(code)
        shown.append(f"{label} (outside the home)" if found and found.extra_familial else label)
    text = ", ".join(shown)
    if record.extra_familial:
        text += "<br><b>Extra-familial harm</b>: harm outside the home, assessed the same way (D2)."
    return text


def _marks(record: ConcernRecord, picture: str) -> str:
    if not record.marks:
        return "<p>No marks on the body map.</p>"
    drawn = f"<p><img src='{picture}' alt='The body map with its marks'></p>" if picture else ""
    items = "".join(
        f"<li>Mark {m.number}, {'front' if m.side == 'front' else 'back'} of the body "
        f"({escape(region(m.side, m.x, m.y))}): "
        f"{escape(m.label) or NOT_RECORDED}; size {escape(m.size) or NOT_RECORDED}</li>"
        for m in record.marks
    )
    return f"{drawn}<ul>{items}</ul>"


def _attachments(record: ConcernRecord) -> str:
    if not record.attachments:
        return "<p>None.</p>"
    items = "".join(
        f"<li>{escape(a.file_name)} ({_size(a.size)}, added {datetime_text(a.added_at)})</li>"
        for a in record.attachments
    )
    return f"<ul>{items}</ul>"


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def _addenda(record: ConcernRecord) -> str:
    if not record.addenda:
        return "<p>None yet.</p>"
    parts = []
    for a in record.addenda:
        kind = ADDENDUM_KINDS.get(a.kind, a.kind)
        parts.append(
            f"<p><b>{escape(kind)}</b>, written by {escape(a.author)} on "
            f"{datetime_text(a.written_at)}"
            + (
                f" · seen by the DSL {datetime_text(a.acknowledged_at)}"
                if a.acknowledged_at
                else ""
            )
            + f"</p><blockquote>{_text(a.text)}</blockquote>"
        )
    return "".join(parts)


def _label(enum: type[Consent] | type[LawfulBasis], value: str) -> str:
    try:
        return escape(enum(value).label)
    except ValueError:
        return escape(value) or NOT_RECORDED


def decision_html(decision: DecisionView) -> str:
    """One triage decision with its rule, reasons, consent, lawful basis and actions."""
    rule = THRESHOLD_RULES[decision.threshold]
    rows = [
        ("Decision", f"<b>{escape(decision.threshold_label)}</b>"),
        ("Rule", escape(rule.source)),
        ("Decided by", f"{escape(decision.decided_by)}, {datetime_text(decision.decided_at)}"),
        ("Reasons", _text(decision.rationale)),
    ]
    if decision.advice_sought:
        when = datetime_text(decision.advice_at) if decision.advice_at else "time not recorded"
        rows.append(("Advice sought", f"from {escape(decision.advice_from)}, {when}"))
    else:
        rows.append(("Advice sought", "No"))
    if decision.review_on is not None:
        rows.append(("Review by", date_text(decision.review_on)))
    if decision.consent:
        rows.append(("Consent", _label(Consent, decision.consent)))
        if decision.consent_reason.strip() or decision.consent != Consent.GIVEN.value:
            rows.append(("Why", _text(decision.consent_reason)))
    if decision.lawful_basis:
        rows.append(("Lawful basis", _label(LawfulBasis, decision.lawful_basis)))
    if decision.special_category:
        rows.append(("Special category data", escape(decision.special_category)))
    if decision.actions:
        items = []
        for a in decision.actions:
            done = (
                f" — <b>done</b> {datetime_text(a.done_at)}"
                + (f": {escape(a.done_note)}" if a.done_note else "")
                if a.done_at
                else ""
            )
            items.append(
                f"<li>{escape(a.description)} — {escape(a.owner) or NOT_RECORDED}, "
                f"due {date_text(a.due_on)}{done}</li>"
            )
        rows.append(("Actions", f"<ul style='margin:0'>{''.join(items)}</ul>"))
    else:
        rows.append(("Actions", "None"))
    return _rows(rows)


def record_html(
    record: ConcernRecord, decisions: Sequence[DecisionView] | None, *, body_map: str = ""
) -> str:
    """The whole record; ``decisions`` is None for someone who may not see the DSL's part.
    ``body_map`` is the address of a drawing of the marks, where the view has one."""
    recorded = [
        ("Recorded by", f"{escape(record.reporter)}"),
        ("Their role", _text(record.reporter_role)),
        ("Written down", escape(datetime_text(record.recorded_at))),
        ("Seen or heard", _observed(record)),
        ("Where", _text(record.location)),
        ("Child in immediate danger?", "<b>Yes</b>" if record.immediate_danger else "No"),
        ("Categories", _categories(record)),
    ]
    told_at = datetime_text(record.told_at) if record.told_at else NOT_RECORDED
    after = [
        ("What they did at once", _text(record.action_taken)),
        ("Whom they told", _text(record.told_whom)),
        ("When they told them", escape(told_at)),
    ]
    html = [
        _section("The child or children", _children(record)),
        _section("Who recorded it, and when", _rows(recorded)),
        _section(
            "What the child said — their exact words",
            f"<blockquote>{_text(record.child_words)}</blockquote>",
        ),
        _section("What was seen or heard (facts)", f"<p>{_text(record.observed)}</p>"),
        _section("Opinion — the reporter's view, not a fact", f"<p>{_text(record.opinion)}</p>"),
        _section("Body map", _marks(record, body_map)),
        _section("Witnesses", f"<p>{_text(record.witnesses)}</p>"),
        _section("What was done at once", _rows(after)),
        _section("Attachments", _attachments(record)),
        _section("Addenda: later facts and corrections", _addenda(record)),
    ]
    if decisions is not None:
        received = (
            f"Received by {escape(record.acknowledged_by)} on "
            f"{datetime_text(record.acknowledged_at)}, from {escape(record.reporter)}."
            if record.acknowledged_at
            else "Not yet acknowledged by the DSL or a deputy."
        )
        body = f"<p>{received}</p>"
        if decisions:
            body += "<hr>".join(decision_html(d) for d in decisions)
        else:
            body += "<p>No triage decision yet.</p>"
        html.append(_section("The DSL's part: triage", body))
    return "".join(html)

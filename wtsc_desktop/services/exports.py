"""Exporting records as PDFs: a child's chronology, and one record of concern.

Each export gathers plain data through the services that guard it (so the same role
rules hold), renders it with ``reports/`` (ReportLab is imported only here, when a PDF is
made), then, in one transaction, audits the export with the record's id, writes the file
atomically and commits. The footer's audit chain head is therefore the export's own
event, and a failed write leaves neither a file nor an event.

The referral summary and the transfer pack are in ``referral_exports``; the steps every
export shares (header, atomic write) in ``export_steps``.

Who may export: the chronology needs EXPORT_RECORDS (the DSL and deputies); a record of
concern its author, or someone with EXPORT_RECORDS. A staff reporter asking for someone
else's concern gets the same "not found" as for one that does not exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from wtsc_desktop.errors import NotFound
from wtsc_desktop.guidance.categories import Part, category_label
from wtsc_desktop.guidance.information_sharing import Consent, LawfulBasis
from wtsc_desktop.reports.document import (
    ActionLine,
    AddendumLine,
    ChronologyLine,
    ChronologyReport,
    ConcernChildLine,
    ConcernReport,
    DecisionLine,
    DslPart,
    MarkLine,
    ReportHeader,
)
from wtsc_desktop.services.child_types import ChildRow, DobStatus
from wtsc_desktop.services.children import children_by_id
from wtsc_desktop.services.chronology import KINDS, chronology
from wtsc_desktop.services.concern_types import ConcernChildView, ConcernRecord
from wtsc_desktop.services.concerns import get_concern
from wtsc_desktop.services.context import SignedIn, require, unit
from wtsc_desktop.services.export_steps import ExportedPdf, report_header, write
from wtsc_desktop.services.permissions import Action, allowed
from wtsc_desktop.services.settings import read_settings
from wtsc_desktop.services.triage import DecisionView, decisions_for


def _date_of_birth(child: ChildRow) -> str:
    if child.dob_status is DobStatus.UNBORN and child.expected_delivery is not None:
        return f"not born yet: expected {child.expected_delivery:%d/%m/%Y}"
    if child.date_of_birth is not None:
        return f"{child.date_of_birth:%d/%m/%Y}"
    return "not known" if child.dob_status is DobStatus.UNKNOWN else ""


# --- the chronology -------------------------------------------------------------------


def export_chronology_pdf(signed: SignedIn, *, child_id: int, target: Path) -> ExportedPdf:
    """Write a child's whole chronology to ``target`` as a PDF (DSL and deputies).

    Every entry, in the order observed, under the child's name, date of birth and year
    group or team. Audited as "chronology exported" with the child's id.
    """
    require(signed, Action.EXPORT_RECORDS)
    found = chronology(signed, child_id=child_id)
    rows = children_by_id(signed, ids=[child_id])
    if not rows:
        raise NotFound("That child")
    child = rows[0]
    settings = read_settings(signed)
    lines = tuple(
        ChronologyLine(
            happened_at=e.happened_at,
            recorded_at=e.recorded_at,
            kind=KINDS.get(e.kind, e.kind),
            title=e.title,
            detail=e.detail,
            by=e.by,
        )
        for e in found.entries
    )
    note = ""
    if found.prompt is not None:
        note = (
            f"Pattern: {found.prompt.reason} ({found.prompt.first:%d/%m/%Y} to "
            f"{found.prompt.last:%d/%m/%Y})"
        )
    identifiers = (
        ("Child", child.name),
        ("Date of birth", _date_of_birth(child)),
        ("Year group or team", child.year_group_or_team),
    )
    from wtsc_desktop.reports.chronology import render_chronology

    with unit(signed, Action.EXPORT_RECORDS) as work:
        work.audit("chronology exported", "child", child_id)
        header = report_header(
            work, settings, title="Chronology", identifiers=identifiers, running=child.name
        )
        rendered = render_chronology(ChronologyReport(header, lines, note))
        write(target, rendered)
    return ExportedPdf(target, rendered.pages)


# --- the record of concern ------------------------------------------------------------


def _may_export(signed: SignedIn, record: ConcernRecord) -> None:
    """Its author may export their own concern; anyone else needs EXPORT_RECORDS."""
    if record.reporter_id != signed.actor.user_id:
        require(signed, Action.EXPORT_RECORDS)


def _child_line(child: ConcernChildView) -> ConcernChildLine:
    return ConcernChildLine(child.name, child.date_of_birth, child.year_group_or_team,
                            child.part.label)  # fmt: skip


def _label(enum: type[Consent] | type[LawfulBasis], value: str) -> str:
    try:
        return enum(value).label.replace(" (say why)", "") if value else ""
    except ValueError:
        return value


def _decision_line(view: DecisionView) -> DecisionLine:
    return DecisionLine(
        decided_by=view.decided_by,
        decided_at=view.decided_at,
        threshold=view.threshold_label,
        rationale=view.rationale,
        advice_sought=view.advice_sought,
        advice_from=view.advice_from,
        advice_at=view.advice_at,
        review_on=view.review_on,
        consent=_label(Consent, view.consent),
        consent_reason=view.consent_reason,
        lawful_basis=_label(LawfulBasis, view.lawful_basis),
        special_category=view.special_category,
        actions=tuple(
            ActionLine(a.description, a.owner, a.due_on, a.done_at, a.done_note)
            for a in view.actions
        ),
    )


def _subjects(children: Sequence[ConcernChildView]) -> list[ConcernChildView]:
    return [c for c in children if c.part is Part.SUBJECT] or list(children[:1])


def _concern_identifiers(record: ConcernRecord) -> tuple[tuple[str, str], ...]:
    rows: list[tuple[str, str]] = []
    for child in _subjects(record.children):
        born = "" if child.date_of_birth is None else f"{child.date_of_birth:%d/%m/%Y}"
        rows += [
            ("Child", child.name),
            ("Date of birth", born),
            ("Class or team", child.year_group_or_team),
        ]
    rows.append(("Concern number", str(record.id)))
    return tuple(rows)


def _concern_report(
    record: ConcernRecord, header: ReportHeader, decisions: list[DecisionView] | None
) -> ConcernReport:
    return ConcernReport(
        header=header,
        number=record.id,
        children=tuple(_child_line(c) for c in record.children),
        reporter=record.reporter,
        reporter_role=record.reporter_role,
        observed_at=record.observed_at,
        observed_time_known=record.observed_time_known,
        recorded_at=record.recorded_at,
        location=record.location,
        immediate_danger=record.immediate_danger,
        categories=tuple(category_label(c) for c in record.categories),
        extra_familial=record.extra_familial,
        observed=record.observed,
        witnesses=record.witnesses,
        child_words=record.child_words,
        opinion=record.opinion,
        action_taken=record.action_taken,
        told_whom=record.told_whom,
        told_at=record.told_at,
        marks=tuple(MarkLine(m.number, m.side, m.x, m.y, m.label, m.size) for m in record.marks),
        attachments=tuple(f"{a.file_name} ({_size(a.size)})" for a in record.attachments),
        addenda=tuple(
            AddendumLine(
                a.author,
                a.written_at,
                "Correction" if a.kind == "correction" else "Later information",
                a.text,
            )
            for a in record.addenda
        ),
        dsl=None
        if decisions is None
        else DslPart(
            received_at=record.acknowledged_at,
            received_by=record.acknowledged_by,
            decisions=tuple(_decision_line(d) for d in decisions),
        ),
    )


def _size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    return f"{max(1, round(size / 1024))} KB"


def export_concern_pdf(signed: SignedIn, *, concern_id: int, target: Path) -> ExportedPdf:
    """Write one concern, with its addenda and the DSL's part, to ``target`` as a PDF laid
    out as the record of concern (its author, or the DSL and deputies).

    Someone else's concern is "not found" to a staff reporter, as everywhere. The DSL's
    part (triage) is printed for those who may triage; for anyone else the page says it
    is kept by the DSL. Audited as "record of concern exported" with the concern's id.
    """
    record = get_concern(signed, concern_id=concern_id)
    _may_export(signed, record)
    decisions = (
        decisions_for(signed, concern_id=concern_id)
        if allowed(signed.actor.role, Action.TRIAGE)
        else None
    )
    settings = read_settings(signed)
    subjects = _subjects(record.children)
    running = ", ".join(c.name for c in subjects) + f" — concern {record.id}"
    from wtsc_desktop.reports.record_of_concern import render_record_of_concern

    with unit(signed, Action.VIEW_OWN_CONCERNS) as work:
        work.audit("record of concern exported", "concern", record.id)
        header = report_header(
            work,
            settings,
            title="Record of concern",
            identifiers=_concern_identifiers(record),
            running=running,
        )
        rendered = render_record_of_concern(_concern_report(record, header, decisions))
        write(target, rendered)
    return ExportedPdf(target, rendered.pages)

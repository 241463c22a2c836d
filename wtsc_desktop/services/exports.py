"""Exporting records as PDFs: a child's chronology, and one record of concern.

Each export gathers plain data through the services that guard it (so the same role
rules hold), renders it with ``reports/`` (ReportLab is imported only here, when a PDF is
made), then, in one transaction, audits the export with the record's id, writes the file
atomically and commits. The footer's audit chain head is therefore the export's own
event, and a failed write leaves neither a file nor an event.

Who may export: the chronology needs EXPORT_RECORDS (the DSL and deputies); a record of
concern its author, or someone with EXPORT_RECORDS. A staff reporter asking for someone
else's concern gets the same "not found" as for one that does not exist.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from wtsc_desktop.errors import NotFound, WtscError
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
    RenderedPdf,
    ReportHeader,
)
from wtsc_desktop.reports.referral_document import ReferralSummary, Section, TransferPack
from wtsc_desktop.services import pack_sections as sections
from wtsc_desktop.services import referral_packs as packs
from wtsc_desktop.services.child_types import ChildRow, DobStatus
from wtsc_desktop.services.children import children_by_id, get_child
from wtsc_desktop.services.chronology import KINDS, chronology
from wtsc_desktop.services.concern_types import ConcernChildView, ConcernRecord
from wtsc_desktop.services.concerns import get_concern
from wtsc_desktop.services.context import SignedIn, Work, reading_as, require, unit
from wtsc_desktop.services.permissions import Action, Role, allowed
from wtsc_desktop.services.referrals import get_referral, referrals_for_child
from wtsc_desktop.services.settings import read_settings
from wtsc_desktop.services.transfers import transfers_for_child
from wtsc_desktop.services.triage import DecisionView, decisions_for
from wtsc_desktop.store import audit
from wtsc_desktop.store.files import atomic_replace, out_of_space
from wtsc_desktop.store.models import CpTransfer, User


@dataclass(frozen=True)
class ExportedPdf:
    path: Path
    pages: int


# --- shared steps ---------------------------------------------------------------------


def _chain_head(work: Work) -> str:
    """The chain head as the audit log prints it, read inside the export's transaction
    (``audit_log.chain_head_text`` needs VIEW_AUDIT_LOG, which a deputy lacks)."""
    head = audit.current_head(work.session)
    return "no events" if head is None else f"#{head.seq} {head.mac[:16]}"


def _header(
    work: Work,
    settings: dict[str, Any],
    *,
    title: str,
    identifiers: tuple[tuple[str, str], ...],
    running: str,
) -> ReportHeader:
    assert work.actor is not None
    person = work.session.get(User, work.actor.user_id)
    name = person.full_name if person is not None else work.actor.full_name
    role = Role(person.role) if person is not None else work.actor.role
    return ReportHeader(
        organisation=str(settings.get("org.name", "")),
        address=str(settings.get("org.address", "")),
        title=title,
        identifiers=identifiers,
        running=running,
        generated_by=name,
        generated_role=role.label,
        generated_at=work.now,
        chain_head=_chain_head(work),
    )


def _write(target: Path, rendered: RenderedPdf) -> None:
    """Write the PDF so that a crash leaves the old file or the new one, never a mix."""
    try:
        with atomic_replace(target) as handle:
            handle.write(rendered.data)
    except OSError as exc:
        if out_of_space(exc):
            raise
        reason = exc.strerror or "the folder cannot be written to"
        raise WtscError(
            f"The PDF could not be saved in {target.parent} ({reason.lower()}). Choose "
            "another folder, or a USB stick, and try again."
        ) from exc


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
        header = _header(
            work, settings, title="Chronology", identifiers=identifiers, running=child.name
        )
        rendered = render_chronology(ChronologyReport(header, lines, note))
        _write(target, rendered)
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
        header = _header(
            work,
            settings,
            title="Record of concern",
            identifiers=_concern_identifiers(record),
            running=running,
        )
        rendered = render_record_of_concern(_concern_report(record, header, decisions))
        _write(target, rendered)
    return ExportedPdf(target, rendered.pages)


# --- the referral summary and the transfer pack ---------------------------------------


def export_referral_pdf(
    signed: SignedIn, *, referral_id: int, target: Path, include_other_children: bool = False
) -> ExportedPdf:
    """Write the referral summary of one referral to ``target`` (DSL and deputies).

    Every field shared/forms.md expects on a referral to children's social care; an
    empty one prints "not recorded". Other children named in the concerns print as
    "another child" unless ``include_other_children``. Audited as "referral summary
    exported" with the referral's id.
    """
    require(signed, Action.MAKE_REFERRALS)
    view = get_referral(signed, referral_id=referral_id)
    child = get_child(signed, child_id=view.child_id)
    found = chronology(signed, child_id=view.child_id)
    records = packs.concerns_about(signed, found, view.concern_id)
    hide = packs.redactor(child, records, include=include_other_children)
    earlier = [r for r in referrals_for_child(signed, child_id=view.child_id) if r.id != view.id]
    history = packs.history(found, earlier)
    settings = read_settings(signed)
    org = str(settings.get("org.name", ""))
    contact = (str(settings.get("org.phone", "")), str(settings.get("org.email", "")))
    from wtsc_desktop.reports.referral_summary import render_referral_summary

    with unit(signed, Action.MAKE_REFERRALS) as work:
        work.audit("referral summary exported", "referral", referral_id)
        referrer = packs.person(work.session, view.made_by)
        dsl = packs.the_dsl(work.session)
        header = _header(
            work,
            settings,
            title="Referral summary",
            identifiers=(
                ("Child", child.name),
                ("Date of birth", packs.date_of_birth(child)),
                ("Referral number", str(view.id)),
            ),
            running=f"{child.name} — referral {view.id}",
        )
        summary = ReferralSummary(
            header,
            (packs.child_section(child, org),),
            packs.household(child),
            (
                sections.consent_section(view),
                *sections.worry_sections(child, view, records, history, hide),
                *sections.referral_sections(view, hide, referrer, dsl, org, contact),
            ),
            tuple(dict.fromkeys((referrer.name, dsl.name))),
        )
        rendered = render_referral_summary(summary)
        _write(target, rendered)
    return ExportedPdf(target, rendered.pages)


def export_transfer_pack_pdf(
    signed: SignedIn, *, transfer_id: int, target: Path, include_other_children: bool = False
) -> ExportedPdf:
    """Write the child protection file transfer pack to ``target`` (DSL and deputies):
    cover sheet, contents list, receipt slip, then the whole file in date order.

    Other children named in the file print as "another child" unless
    ``include_other_children``. Audited as "transfer pack exported" with the transfer's id.
    """
    require(signed, Action.MAKE_REFERRALS)
    with reading_as(signed, Action.MAKE_REFERRALS) as session:
        row = session.get(CpTransfer, transfer_id)
        if row is None:
            raise NotFound("That file transfer")
        child_id = row.child_id
    view = next(t for t in transfers_for_child(signed, child_id=child_id) if t.id == transfer_id)
    child = get_child(signed, child_id=child_id)
    found = chronology(signed, child_id=child_id)
    ids = dict.fromkeys(e.concern_id for e in found.entries if e.concern_id is not None)
    records = sorted((get_concern(signed, concern_id=i) for i in ids), key=lambda r: r.observed_at)
    hide = packs.redactor(child, records, include=include_other_children)
    settings = read_settings(signed)
    org = str(settings.get("org.name", ""))
    lines = packs.chronology_lines(found, hide)
    contents = (
        "Cover sheet",
        "Contents",
        "Receipt slip for the receiving DSL to sign, date and return",
        f"The chronology, in date order ({len(lines)} entries)",
        *(f"Record of concern {r.id}, {r.observed_at:%d/%m/%Y}" for r in records),
    )
    from wtsc_desktop.reports.transfer_pack import render_transfer_pack

    with unit(signed, Action.MAKE_REFERRALS) as work:
        work.audit("transfer pack exported", "transfer", transfer_id)
        dsl = packs.the_dsl(work.session)
        dob = packs.date_of_birth(child)
        header = _header(
            work,
            settings,
            title="Child protection file transfer",
            identifiers=(
                ("Pupil", child.name),
                ("Date of birth", dob),
                ("Receiving setting", view.new_setting),
            ),
            running=child.name,
        )
        pack = TransferPack(
            header,
            tuple(sections.transfer_cover(view, child, dob, org, dsl)),
            contents,
            sections.receipt_section(view, child.name),
            lines,
            tuple(
                Section(f"Record of concern {r.id}", packs.concern_fields(child, r, hide))
                for r in records
            ),
        )
        rendered = render_transfer_pack(pack)
        _write(target, rendered)
    return ExportedPdf(target, rendered.pages)

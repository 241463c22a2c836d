"""Exporting the referral summary and the child protection file transfer pack as PDFs
(issue 6), DSL and deputies only (MAKE_REFERRALS).

Like every export, each gathers its data through the guarded services, renders it with
``reports/`` (ReportLab imported only when a PDF is made), then audits the export and
writes the file atomically in one transaction.
"""

from __future__ import annotations

from pathlib import Path

from wtsc_desktop.errors import NotFound
from wtsc_desktop.reports.referral_document import ReferralSummary, Section, TransferPack
from wtsc_desktop.services import pack_sections as sections
from wtsc_desktop.services import referral_packs as packs
from wtsc_desktop.services.children import get_child
from wtsc_desktop.services.chronology import chronology
from wtsc_desktop.services.concerns import get_concern
from wtsc_desktop.services.context import SignedIn, reading_as, require, unit
from wtsc_desktop.services.export_steps import ExportedPdf, report_header, write
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.services.referrals import get_referral, referrals_for_child
from wtsc_desktop.services.settings import read_settings
from wtsc_desktop.services.transfers import transfers_for_child
from wtsc_desktop.store.models import CpTransfer


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
        header = report_header(
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
        write(target, rendered)
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
        work.audit("transfer pack exported", "cp_transfer", transfer_id)
        dsl = packs.the_dsl(work.session)
        dob = packs.date_of_birth(child)
        header = report_header(
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
        write(target, rendered)
    return ExportedPdf(target, rendered.pages)

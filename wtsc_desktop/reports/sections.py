"""Sections of labelled fields and a signature block, shared by the referral summary and
the transfer pack. Short answers sit in a two-column table, long ones in their own block;
an empty answer prints "not recorded"."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Table, TableStyle

from wtsc_desktop.reports.layout import RULE, TEXT_WIDTH, facts, heading, labelled, styles
from wtsc_desktop.reports.referral_document import Field, Section
from wtsc_desktop.reports.text import markup, or_not_recorded


def fields(items: tuple[Field, ...]) -> list[Flowable]:
    """The fields in order: runs of short ones as one table, long ones as blocks."""
    parts: list[Flowable] = []
    short: list[tuple[str, str]] = []
    for item in items:
        if not item.long:
            short.append((item.label, item.value))
            continue
        if short:
            parts.append(facts(short))
            short = []
        if item.quote:
            parts.append(Paragraph(f"<b>{markup(item.label)}</b>", styles().label))
            parts.append(Paragraph(or_not_recorded(item.value), styles().quote))
        else:
            parts += labelled(item.label, item.value)
    if short:
        parts.append(facts(short))
    return parts


def section(part: Section) -> list[Flowable]:
    """A heading, an optional small note, then the fields."""
    parts: list[Flowable] = [heading(part.title)]
    if part.note:
        parts.append(Paragraph(markup(part.note), styles().small))
    return parts + fields(part.fields)


def signature_block(
    names: tuple[str, ...], *, role_label: str = "Name", fill_in: bool = False
) -> Flowable:
    """Name, signature and date lines for each person, kept on one page. With
    ``fill_in`` an empty name is left blank for the signer to write in."""
    look = styles()
    rows = []
    for name in names:
        rows.append(
            [
                Paragraph(f"<b>{markup(role_label)}</b>", look.label),
                Paragraph(markup(name) if fill_in else or_not_recorded(name), look.body),
                Paragraph("<b>Date</b>", look.label),
                "",
            ]
        )
        rows.append([Paragraph("<b>Signature</b>", look.label), "", "", ""])
    table = Table(
        rows,
        colWidths=[0.16 * TEXT_WIDTH, 0.44 * TEXT_WIDTH, 0.12 * TEXT_WIDTH, 0.28 * TEXT_WIDTH],
        rowHeights=[None, 13 * mm] * len(names),
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle([("GRID", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "TOP")])
    )
    return KeepTogether([table])

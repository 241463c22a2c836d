"""The referral summary: the printed record of a referral to children's social care that
a DSL hands over or files, with every field shared/forms.md expects (the child, the
household and who holds parental responsibility, consent, the child's views, the worry in
the child's own words, what has been done, other professionals, the referral itself, the
outcome so far, the referrer and DSL with contact details) and a signature block.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from wtsc_desktop.reports.document import RenderedPdf
from wtsc_desktop.reports.layout import RULE, SHADE, TEXT_WIDTH, heading, opening, render, styles
from wtsc_desktop.reports.referral_document import HouseholdLine, ReferralSummary
from wtsc_desktop.reports.sections import section, signature_block
from wtsc_desktop.reports.text import or_not_recorded


def _yes_no(value: bool) -> str:
    return "Yes" if value else "No"


def household_table(people: tuple[HouseholdLine, ...]) -> list[Flowable]:
    """Every member of the household with their relationship, and who holds parental
    responsibility."""
    look = styles()
    head = (
        "Name",
        "Relationship to the child",
        "Parental responsibility",
        "Lives with the child",
        "Contact",
    )
    rows: list[list[object]] = [[Paragraph(f"<b>{h}</b>", look.label) for h in head]]
    for person in people:
        rows.append(
            [
                Paragraph(or_not_recorded(person.name), look.body),
                Paragraph(or_not_recorded(person.relationship), look.body),
                Paragraph(_yes_no(person.parental_responsibility), look.body),
                Paragraph(_yes_no(person.lives_with_child), look.body),
                Paragraph(or_not_recorded(person.contact), look.body),
            ]
        )
    if not people:
        rows.append([Paragraph(or_not_recorded(""), look.body), "", "", "", ""])
    widths = (0.24, 0.2, 0.16, 0.14, 0.26)
    table = Table(rows, colWidths=[w * TEXT_WIDTH for w in widths], repeatRows=1, hAlign="LEFT")
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("GRID", (0, 0), (-1, -1), 0.4, RULE),
            ]
        )
    )
    return [
        heading("The household and parental responsibility"),
        table,
    ]


def render_referral_summary(report: ReferralSummary) -> RenderedPdf:
    """The referral summary as a PDF on the shared layout."""
    story: list[Flowable] = opening(report.header)
    for part in report.before:
        story += section(part)
    story += household_table(report.household)
    for part in report.after:
        story += section(part)
    story.append(heading("Signed"))
    story.append(signature_block(report.signatories))
    return render(report.header, story)

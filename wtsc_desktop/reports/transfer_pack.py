"""The child protection file transfer pack (shared/forms.md): a cover sheet (the pupil,
the sending and receiving settings and each DSL, when and how it was sent, and that it
travels apart from the main file), a contents list, a receipt slip for the receiving DSL
to sign, date and return, then the whole file in date order: the chronology, and each
record of concern in full.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, PageBreak, Paragraph

from wtsc_desktop.reports.chronology import _entry as chronology_entry
from wtsc_desktop.reports.document import RenderedPdf
from wtsc_desktop.reports.layout import heading, opening, render, styles
from wtsc_desktop.reports.referral_document import TransferPack
from wtsc_desktop.reports.sections import fields, section, signature_block
from wtsc_desktop.reports.text import markup

RECEIPT_NOTE = (
    "To the receiving designated safeguarding lead: please sign and date this slip when "
    "the file reaches you, and return it to the sending setting's DSL at once. The sender "
    "keeps it as the record that the file arrived."
)


def render_transfer_pack(pack: TransferPack) -> RenderedPdf:
    """The transfer pack as a PDF on the shared layout."""
    look = styles()
    story: list[Flowable] = opening(pack.header)
    for part in pack.cover:
        story += section(part)
    story += [PageBreak(), heading("Contents")]
    story += [
        Paragraph(f"{i}. {markup(line)}", look.body)
        for i, line in enumerate(pack.contents, start=1)
    ]
    story += [PageBreak(), heading(pack.receipt.title)]
    story.append(Paragraph(RECEIPT_NOTE, look.body))
    story += fields(pack.receipt.fields)
    story.append(signature_block(("",), role_label="Received by", fill_in=True))
    story += [PageBreak(), heading("The chronology, in date order")]
    if pack.entries:
        story += [chronology_entry(line) for line in pack.entries]
    else:
        story.append(Paragraph("No entries.", look.body))
    for record in pack.records:
        story += section(record)
    return render(pack.header, story)

"""The "Save as PDF" buttons: the chronology on a child's file, the record of concern,
the referral summary and the child protection file transfer pack.

Each button asks ``ui.export_pdf.PdfExport`` to choose a file and make the PDF in the
background; the export services check who may print what and audit it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QPushButton, QWidget

from wtsc_desktop.services import exports, referral_exports
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.export_steps import ExportedPdf
from wtsc_desktop.ui.background import Runner
from wtsc_desktop.ui.export_pdf import PdfExport
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel

RecordId = Callable[[], int | None]


def pdf_button(
    owner: QWidget,
    *,
    text: str,
    title: str,
    file_stem: str,
    record_id: RecordId,
    export: Callable[[int, Path], ExportedPdf],
    feedback: FeedbackLabel,
    runner: Runner | None = None,
) -> QPushButton:
    """A button that saves record ``record_id()`` (nothing when it is None) through
    ``export(record_id, target)``, offering "<file_stem> <id>.pdf" as the file name."""
    button = QPushButton(text)
    button.setAccessibleName(title)

    def start() -> None:
        chosen = record_id()
        if chosen is None:
            return
        export_job = PdfExport(
            owner,
            title=title,
            file_name=f"{file_stem} {chosen}.pdf",
            make=lambda target: export(chosen, target),
            feedback=feedback,
            runner=runner,
        )
        owner.setProperty("last_pdf_export", export_job)  # kept alive while it runs
        export_job.start()

    button.clicked.connect(start)
    return button


def chronology_pdf_button(
    owner: QWidget,
    signed: SignedIn,
    child_id: RecordId,
    feedback: FeedbackLabel,
    runner: Runner | None = None,
) -> QPushButton:
    """Save the open child's chronology as a PDF (DSL and deputies)."""
    return pdf_button(
        owner,
        text="Save chronology as P&DF…",
        title="Save the chronology as a PDF",
        file_stem="Chronology",
        record_id=child_id,
        export=lambda i, target: exports.export_chronology_pdf(signed, child_id=i, target=target),
        feedback=feedback,
        runner=runner,
    )


def concern_pdf_button(
    owner: QWidget,
    signed: SignedIn,
    concern_id: RecordId,
    feedback: FeedbackLabel,
    runner: Runner | None = None,
) -> QPushButton:
    """Save the open record of concern as a PDF (its author, or the DSL and deputies)."""
    return pdf_button(
        owner,
        text="Save as &PDF…",
        title="Save the record of concern as a PDF",
        file_stem="Record of concern",
        record_id=concern_id,
        export=lambda i, target: exports.export_concern_pdf(signed, concern_id=i, target=target),
        feedback=feedback,
        runner=runner,
    )


PackExport = Callable[[SignedIn, int, Path, bool], ExportedPdf]
PACKS: dict[str, PackExport] = {
    "referral summary": lambda signed, i, target, others: referral_exports.export_referral_pdf(
        signed, referral_id=i, target=target, include_other_children=others
    ),
    "transfer pack": lambda signed, i, target, others: referral_exports.export_transfer_pack_pdf(
        signed, transfer_id=i, target=target, include_other_children=others
    ),
}


def pack_pdf_button(
    owner: QWidget,
    signed: SignedIn,
    what: str,
    record_id: RecordId,
    include_others: Callable[[], bool],
    feedback: FeedbackLabel,
    runner: Runner | None = None,
) -> QPushButton:
    """Save the chosen referral's summary (``what`` = "referral summary") or file
    transfer's pack ("transfer pack") as a PDF (DSL and deputies); other children print
    as "another child" unless ``include_others()``."""
    export = PACKS[what]
    return pdf_button(
        owner,
        text=f"Save {what} as &PDF…",
        title=f"Save the {what} as a PDF",
        file_stem=what.capitalize(),
        record_id=record_id,
        export=lambda i, target: export(signed, i, target, include_others()),
        feedback=feedback,
        runner=runner,
    )

"""The "Save as PDF" buttons of the child's file and the record of concern.

Each button asks ``ui.export_pdf.PdfExport`` to choose a file and make the PDF in the
background; the export services check who may print what and audit it.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QPushButton, QWidget

from wtsc_desktop.services import exports
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.background import Runner
from wtsc_desktop.ui.export_pdf import PdfExport
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel


def _pdf_button(
    owner: QWidget,
    *,
    text: str,
    name: str,
    title: str,
    file_name: Callable[[], str],
    make: Callable[[], Callable[..., exports.ExportedPdf] | None],
    feedback: FeedbackLabel,
    runner: Runner | None,
) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)

    def start() -> None:
        job = make()
        if job is None:
            return
        export = PdfExport(
            owner,
            title=title,
            file_name=file_name(),
            make=job,
            feedback=feedback,
            runner=runner,
        )
        owner.setProperty("last_pdf_export", export)  # kept alive while it runs
        export.start()

    button.clicked.connect(start)
    return button


def chronology_pdf_button(
    owner: QWidget,
    signed: SignedIn,
    child_id: Callable[[], int | None],
    feedback: FeedbackLabel,
    runner: Runner | None = None,
) -> QPushButton:
    """Save the open child's chronology as a PDF (DSL and deputies)."""

    def make() -> Callable[..., exports.ExportedPdf] | None:
        chosen = child_id()
        if chosen is None:
            return None
        return lambda target: exports.export_chronology_pdf(signed, child_id=chosen, target=target)

    return _pdf_button(
        owner,
        text="Save chronology as &PDF…",
        name="Save the chronology as a PDF",
        title="Save the chronology as a PDF",
        file_name=lambda: f"Chronology {child_id()}.pdf",
        make=make,
        feedback=feedback,
        runner=runner,
    )


def concern_pdf_button(
    owner: QWidget,
    signed: SignedIn,
    concern_id: Callable[[], int | None],
    feedback: FeedbackLabel,
    runner: Runner | None = None,
) -> QPushButton:
    """Save the open record of concern as a PDF (its author, or the DSL and deputies)."""

    def make() -> Callable[..., exports.ExportedPdf] | None:
        chosen = concern_id()
        if chosen is None:
            return None
        return lambda target: exports.export_concern_pdf(signed, concern_id=chosen, target=target)

    return _pdf_button(
        owner,
        text="Save as &PDF…",
        name="Save the record of concern as a PDF",
        title="Save the record of concern as a PDF",
        file_name=lambda: f"Record of concern {concern_id()}.pdf",
        make=make,
        feedback=feedback,
        runner=runner,
    )

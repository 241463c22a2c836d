"""The printed recovery-key sheet: what it says, and putting it on paper or in a PDF.

Building the sheet is kept apart from showing any dialog, so tests can read exactly what
would be printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from html import escape
from pathlib import Path

from PySide6.QtCore import QDir, QObject
from PySide6.QtGui import QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from wtsc_desktop.ui.formats import date_text
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel

PDF_NAME = "WTSC Desktop recovery key.pdf"

MONOSPACE = "'DejaVu Sans Mono', Consolas, 'Courier New', monospace"


def recovery_sheet_html(*, organisation: str, recovery_key: str, made_on: dt.date) -> str:
    """The sheet as HTML: the organisation, the key, the date, and where to keep it."""
    org = escape(organisation)
    key = escape(recovery_key)
    return f"""
<p style="font-weight: bold;">OFFICIAL-SENSITIVE</p>
<h1>WTSC Desktop recovery key</h1>
<table cellspacing="0" cellpadding="4">
<tr><td>Organisation:</td><td><b>{org}</b></td></tr>
<tr><td>Made on:</td><td>{date_text(made_on)}</td></tr>
</table>
<p style="font-family: {MONOSPACE}; font-size: 17pt; font-weight: bold; white-space: nowrap;
   margin-top: 18px; margin-bottom: 18px;">{key}</p>
<h3>What this key is for</h3>
<p>If every safeguarding lead's password is forgotten, this key is the only way to open
the safeguarding records of {org} again. Without it, those records are lost for good.
On the sign-in screen, choose &ldquo;Forgotten your password?&rdquo;, then type this key
(capitals, spaces and dashes do not matter), your user name and a new password.</p>
<h3>Where to keep it</h3>
<ul>
<li>Lock this sheet away in a safe or locked cabinet, away from the computer.</li>
<li>Do not photograph it, email it, or keep a copy on the computer.</li>
<li>Tell one other senior person (for example the head teacher, chair or welfare
officer) where it is kept.</li>
</ul>
<p>Anyone who has this key and a copy of the records file can open every record. If you
think someone else has seen it, sign in as the designated safeguarding lead and choose
&ldquo;Rotate database key&rdquo; under Users: that makes a new recovery key and stops this
one working.</p>
"""


def recovery_sheet_document(
    *, organisation: str, recovery_key: str, made_on: dt.date
) -> QTextDocument:
    """The sheet as a QTextDocument, ready to print or save as a PDF."""
    document = QTextDocument()
    document.setHtml(
        recovery_sheet_html(organisation=organisation, recovery_key=recovery_key, made_on=made_on)
    )
    return document


def save_pdf(document: QTextDocument, path: Path) -> bool:
    """Write ``document`` to ``path`` as an A4 PDF; False when the file could not be made."""
    before = _signature(path)
    try:
        # Qt only warns when it cannot open the file; find out first, and say so plainly.
        with path.open("ab"):
            pass
    except OSError:
        return False
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    printer.setOutputFileName(str(path))
    printer.setDocName("WTSC Desktop recovery key")
    document.print_(printer)
    # QTextDocument.print_ says nothing when it cannot open the file: look for it.
    after = _signature(path)
    return after is not None and after != before and after[1] > 0


def _signature(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_mtime_ns, stat.st_size)


class RecoveryKeyKeeper(QObject):
    """Print the recovery-key sheet, or save it as a PDF, for the screen that shows a key
    (the setup wizard's last page, and rotating the database key).

    ``document`` gives the sheet (None once the key is forgotten); what happened is said
    in ``feedback``.
    """

    def __init__(
        self,
        owner: QWidget,
        document: Callable[[], QTextDocument | None],
        feedback: Callable[[], FeedbackLabel],
    ) -> None:
        super().__init__(owner)
        self._owner = owner
        self._document = document
        self._feedback = feedback
        self._printer: QPrinter | None = None
        self._print_dialog: QPrintDialog | None = None
        self.file_dialog: QFileDialog | None = None

    def print_key(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName("WTSC Desktop recovery key")
        self._printer = printer
        dialog = QPrintDialog(printer, self._owner)
        dialog.setWindowTitle("Print the recovery key")
        dialog.setAccessibleName("Print the recovery key")
        dialog.finished.connect(self._print_finished)
        self._print_dialog = dialog
        QDialog.open(dialog)  # PySide6 hides the plain open() behind open(receiver, member)

    def _print_finished(self, result: int) -> None:
        if self._print_dialog is not None:
            self._print_dialog.deleteLater()
            self._print_dialog = None
        document = self._document()
        if result != QDialog.DialogCode.Accepted or self._printer is None or document is None:
            return
        document.print_(self._printer)
        self._feedback().show_ok("The recovery key was sent to the printer. Check it printed.")

    def choose_pdf_file(self) -> None:
        dialog = QFileDialog(self._owner, "Save the recovery key as a PDF")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter("PDF files (*.pdf)")
        dialog.setDefaultSuffix("pdf")
        dialog.setDirectory(QDir.homePath())
        dialog.selectFile(PDF_NAME)
        dialog.setAccessibleName("Save the recovery key as a PDF")
        dialog.fileSelected.connect(self.save_pdf_to)
        dialog.finished.connect(dialog.deleteLater)
        self.file_dialog = dialog
        dialog.open()

    def save_pdf_to(self, path: str | Path) -> None:
        document = self._document()
        if document is None:
            return
        target = Path(path)
        if save_pdf(document, target):
            self._feedback().show_ok(f"Saved {target.name}. Lock it away, then tick the box.")
        else:
            self._feedback().show_error(
                f"The PDF could not be saved in {target.parent}. Choose another folder or a "
                "USB stick, and try again."
            )

"""Exporting a PDF from any screen: choose where to save it, make it in the background
with a progress indicator, then say where it was saved, or in plain words why not.

    export = PdfExport(
        self,
        title="Save the chronology as a PDF",
        file_name="Chronology.pdf",
        make=lambda target: exports.export_chronology_pdf(signed, child_id=7, target=target),
        feedback=self.feedback,
    )
    export.start()  # a non-native save dialog, opened with open() (never exec())

The service does the checking, the writing and the audit; this only asks and tells.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDir, QObject, Signal
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QHeaderView, QTreeView, QWidget

from wtsc_desktop.errors import WtscError
from wtsc_desktop.services.export_steps import ExportedPdf
from wtsc_desktop.ui.background import Runner, shared_runner
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel

PDF_FILTER = "PDF files (*.pdf)"


def saved_text(result: ExportedPdf) -> str:
    pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
    return (
        f"Saved “{result.path.name}” ({pages}) in {result.path.parent}. It is marked "
        "OFFICIAL-SENSITIVE: keep it somewhere safe, and delete it when it is no longer needed."
    )


_DIALOG_NAMES = {
    "lookInCombo": "Folder",
    "fileNameEdit": "File name",
    "fileTypeCombo": "Type of file",
}


def tidy_dialog(dialog: QFileDialog) -> None:
    """Give Qt's own file-dialog controls the names a screen reader says (it leaves the
    folder, file name and type boxes and the two buttons unnamed), and let the file list
    show whole sizes and dates."""
    for object_name, name in _DIALOG_NAMES.items():
        widget = dialog.findChild(QWidget, object_name)
        if widget is not None:
            widget.setAccessibleName(name)
    files = dialog.findChild(QTreeView, "treeView")
    if files is not None:  # whole sizes and dates, the name taking what is left
        header = files.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    buttons = dialog.findChild(QDialogButtonBox)
    if buttons is not None:
        for button in buttons.buttons():
            button.setAccessibleName(button.text().replace("&", ""))


class PdfExport(QObject):
    """One "save as PDF" action of a screen. ``saved`` carries the file's path."""

    saved = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        *,
        title: str,
        file_name: str,
        make: Callable[[Path], ExportedPdf],
        feedback: FeedbackLabel,
        runner: Runner | None = None,
        folder: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.owner = parent
        self.title = title
        self.file_name = file_name
        self.make = make
        self.feedback = feedback
        self.runner = runner or shared_runner()
        self.folder = folder
        self.dialog: QFileDialog | None = None
        self.busy = False

    def start(self) -> None:
        """Ask where to save the PDF; the export starts once a file is chosen."""
        if self.busy or self.dialog is not None:
            return
        dialog = QFileDialog(self.owner, self.title)
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setNameFilter(PDF_FILTER)
        dialog.setDefaultSuffix("pdf")
        dialog.setDirectory(str(self.folder) if self.folder else QDir.homePath())
        dialog.selectFile(self.file_name)
        dialog.setAccessibleName(self.title)
        dialog.resize(860, 540)  # room for whole sizes and dates in the file list
        tidy_dialog(dialog)
        dialog.fileSelected.connect(self.save_to)
        dialog.finished.connect(self._closed)
        self.dialog = dialog
        dialog.open()

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None

    def save_to(self, path: str | Path) -> None:
        """Make the PDF at ``path`` in the background, then say how it went."""
        if self.busy:
            return
        target = Path(path)
        if target.suffix.lower() != ".pdf":
            target = target.with_name(target.name + ".pdf")
        self.busy = True
        self.feedback.clear_message()
        self.runner.run(
            lambda: self.make(target),
            self._done,
            self._failed,
            label="Making the PDF…",
            parent=self.owner,
        )

    def _done(self, result: ExportedPdf) -> None:
        self.busy = False
        self.folder = result.path.parent
        self.feedback.show_ok(saved_text(result))
        self.saved.emit(result.path)

    def _failed(self, error: BaseException) -> None:
        self.busy = False
        if not isinstance(error, WtscError):
            raise error  # a bug: the crash dialog takes it
        self.feedback.show_error(error)

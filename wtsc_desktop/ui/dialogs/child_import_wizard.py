"""Importing the register from a CSV export, as a wizard: choose the file; say which column
holds what (best guesses chosen already); check the preview, which lists every bad row
with its line and reason; confirm. Nothing is written before the last step, and then in
one go. The preview and the import run through the background runner.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QWidget,
    QWizard,
)

from wtsc_desktop.errors import WtscError
from wtsc_desktop.services import child_import
from wtsc_desktop.services.child_import import ImportResult
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.background import Runner
from wtsc_desktop.ui.dialogs.child_import_pages import (
    ConfirmPage,
    FilePage,
    MappingPage,
    PreviewPage,
    plural,
)
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.widgets.wizard_buttons import name_wizard_buttons

FILE, MAPPING, PREVIEW, CONFIRM = range(4)
NOT_IN_FILE = "(not in the file)"
W = QWizard.WizardButton


class ChildImportWizard(QWizard):
    """``result_counts`` says what was imported, once it has been."""

    def __init__(
        self,
        signed: SignedIn,
        bus: DataBus | None,
        *,
        runner: Runner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.signed = signed
        self.bus = bus
        self.runner = runner
        self.result_counts: str | None = None
        self._importing = False
        self._run = 0
        self.setWindowTitle("Import children from a CSV file")
        self.setAccessibleName("Import children from a CSV file")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        name_wizard_buttons(self, finish="&Import", commit="&Import")
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self._start_preview, self)
        self.confirm_page = ConfirmPage(self)
        for page_id, page in (
            (FILE, self.file_page),
            (MAPPING, self.mapping_page),
            (PREVIEW, self.preview_page),
            (CONFIRM, self.confirm_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(FILE)
        self.setMinimumSize(860, 600)
        self.currentIdChanged.connect(self._page_changed)

    def _page_changed(self, page_id: int) -> None:
        if page_id == MAPPING and self.file_page.table is not None:
            self.mapping_page.use(self.file_page.table)
        if page_id == CONFIRM and self.preview_page.preview is not None:
            self.confirm_page.describe(self.preview_page.preview)

    def _start_preview(self) -> None:
        data = self.file_page.data
        if data is None:
            return
        mapping = self.mapping_page.mapping()
        self._run += 1
        run = self._run

        def done(preview: Any) -> None:
            if run == self._run:  # a later preview (after Back) supersedes this one
                self.preview_page.show_preview(preview)

        def failed(error: BaseException) -> None:
            if not isinstance(error, WtscError):
                raise error  # a bug: to the crash dialog
            if run == self._run:
                self.preview_page.show_problem(error)

        self.runner.run(
            lambda: child_import.preview_import(self.signed, data=data, mapping=mapping),
            done,
            failed,
            label="Checking every row of the file…",
            parent=self,
        )

    def accept(self) -> None:
        preview = self.preview_page.preview
        if preview is None or self._importing:
            return
        self._importing = True
        self.button(W.FinishButton).setEnabled(False)
        self.button(W.BackButton).setEnabled(False)

        def done(result: Any) -> None:
            assert isinstance(result, ImportResult)
            self._importing = False
            self.result_counts = (
                f"Imported: {plural(result.added, 'child', 'children')} added, "
                f"{result.updated:,} updated, {result.unchanged:,} unchanged, "
                f"{plural(result.skipped, 'row', 'rows')} skipped."
            )
            if self.bus is not None:
                self.bus.announce("children")
            QWizard.accept(self)

        def failed(error: BaseException) -> None:
            self._importing = False
            self.button(W.FinishButton).setEnabled(True)
            self.button(W.BackButton).setEnabled(True)
            if not isinstance(error, WtscError):
                raise error
            self.confirm_page.feedback.show_error(error)

        self.runner.run(
            lambda: child_import.commit_import(self.signed, preview=preview),
            done,
            failed,
            label="Importing the children…",
            parent=self,
        )

    def reject(self) -> None:
        if not self._importing:  # an import under way finishes (or fails) whole
            super().reject()

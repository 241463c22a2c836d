"""The last pages of the concern wizard: what the reporter did and whom they told, files
attached, the check before submitting, and the word that the concern is now final.
"""

from __future__ import annotations

import datetime as dt
import mimetypes
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.clock import today_in_london
from wtsc_desktop.services.concern_types import (
    ATTACHMENT_WARNING,
    MAX_ATTACHMENT_BYTES,
    AttachmentInput,
)
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.dialogs.concern_account_pages import labelled
from wtsc_desktop.ui.dialogs.concern_pages import (
    ConcernPage,
    big_box,
    in_london,
    parse_date,
    parse_time,
)
from wtsc_desktop.ui.widgets.form_parts import paragraph, text_box

MEGABYTE = 1024 * 1024
FINAL_NOTE = (
    "Once you submit it, the concern is final and cannot be changed. Anything you learn "
    "later, or a correction, is added to it as an addendum with its own date."
)


def too_big(name: str, size: int) -> str:
    return (
        f"“{name}” is {size / MEGABYTE:.1f} MB: files can be at most "
        f"{MAX_ATTACHMENT_BYTES // MEGABYTE} MB. Attach a smaller copy, or a summary."
    )


class ActionsPage(ConcernPage):
    def __init__(self, signed: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(
            "What you did, and whom you told",
            "What you did straight away, who you told and when; then any documents to add.",
            parent,
        )
        self.signed = signed
        self.files: list[AttachmentInput] = []
        self.forgotten: list[str] = []  # files named in a draft, to attach again
        self.action = big_box(
            "What you did straight away",
            self,
            placeholder="For example: stayed with her, told the DSL in person, phoned 999.",
        )
        self.told_whom = text_box("Whom you told", self)
        self.told_whom.setPlaceholderText("Name and role, for example: Dana Lead, the DSL")
        self.told_at = text_box("When you told them", self, max_length=30)
        self.told_at.setPlaceholderText("dd/mm/yyyy HH:MM, or just HH:MM for today")
        form = QFormLayout()
        form.addRow("&Whom you told:", self.told_whom)
        form.addRow("When you &told them:", self.told_at)
        self.warning = QLabel(ATTACHMENT_WARNING, self)
        self.warning.setObjectName("urgent")
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName("Warning about attachments")
        self.list = QListWidget(self)
        self.list.setAccessibleName("Files attached")
        self.list.setMaximumHeight(90)
        self.add = QPushButton("Add a &file…", self)
        self.add.setAccessibleName("Add a file")
        self.add.clicked.connect(self.choose_file)
        self.remove = QPushButton("Remove the selected f&ile", self)
        self.remove.setAccessibleName("Remove the selected file")
        self.remove.clicked.connect(self._remove_file)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.remove)
        buttons.addStretch()
        files = QHBoxLayout()
        files.addWidget(self.list, 1)
        files.addLayout(buttons)
        self.column.addWidget(labelled("What you &did straight away:", self.action, self))
        self.column.addWidget(self.action, 1)
        self.column.addLayout(form)
        self.column.addWidget(QLabel("<b>Documents and images</b>", self))
        self.column.addWidget(self.warning)
        self.column.addWidget(
            paragraph(
                f"Each file can be at most {MAX_ATTACHMENT_BYTES // MEGABYTE} MB. It is kept "
                "encrypted with the concern.",
                self,
                hint=True,
            )
        )
        self.column.addLayout(files)
        self.finish_layout()
        self.fields = {"attachments": self.add, "told_at": self.told_at}
        self.dialog: QFileDialog | None = None

    # --- files --------------------------------------------------------------------

    def choose_file(self) -> None:
        """Open the (non-native) file dialog; the chosen file is checked, then added."""
        dialog = QFileDialog(self, "Add a file to the concern")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.setAccessibleName("Add a file to the concern")
        dialog.fileSelected.connect(self.add_file)
        dialog.finished.connect(self._dialog_closed)
        self.dialog = dialog
        dialog.destroyed.connect(self._dialog_gone)
        dialog.open()

    def _dialog_closed(self) -> None:
        # Give the keyboard back to the wizard (some window managers leave it nowhere).
        self.window().activateWindow()
        (self.list if self.files else self.add).setFocus(Qt.FocusReason.OtherFocusReason)

    def _dialog_gone(self) -> None:
        self.dialog = None

    def add_file(self, path_text: str) -> bool:
        """Attach the file at ``path_text``; says on the page why not, if it cannot be."""
        path = Path(path_text)
        self.feedback.clear_message()
        try:
            size = path.stat().st_size
            if size > MAX_ATTACHMENT_BYTES:
                return self.complain(too_big(path.name, size), self.add)
            data = path.read_bytes()
        except OSError as error:
            return self.complain(
                f"“{path.name}” could not be read ({error.strerror or 'unknown reason'}). "
                "Check the file is there and not open in another program, then try again.",
                self.add,
            )
        if len(data) > MAX_ATTACHMENT_BYTES:  # it grew while we looked
            return self.complain(too_big(path.name, len(data)), self.add)
        media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        self.files.append(AttachmentInput(path.name, data, media_type))
        self.forgotten = [name for name in self.forgotten if name != path.name]
        self._fill_list()
        self.feedback.show_ok(f"“{path.name}” is attached.")
        return True

    def _remove_file(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.files):
            del self.files[row]
            self._fill_list()

    def _fill_list(self) -> None:
        self.list.clear()
        for item in self.files:
            self.list.addItem(f"{item.file_name} ({max(len(item.data) // 1024, 1)} KB)")
        if self.files:
            self.list.setCurrentRow(len(self.files) - 1)
        self.remove.setEnabled(bool(self.files))

    # --- values -------------------------------------------------------------------

    def told_at_value(self) -> dt.datetime | None:
        """When they told someone; None if not given. ValueError if it cannot be read."""
        text = self.told_at.text().strip()
        if not text:
            return None
        if " " in text:
            day_text, time_text = text.rsplit(" ", 1)
            return in_london(parse_date(day_text), parse_time(time_text))
        return in_london(today_in_london(self.signed.store.clock), parse_time(text))

    def validatePage(self) -> bool:
        try:
            self.told_at_value()
        except ValueError as error:
            return self.complain(
                f"{error} Write when you told them as dd/mm/yyyy HH:MM.", self.told_at
            )
        return True

    def initializePage(self) -> None:
        super().initializePage()
        self._fill_list()
        if self.forgotten:
            self.feedback.show_error(
                "A draft keeps what you typed but not the files: add these again if you "
                "still want them: " + ", ".join(self.forgotten) + "."
            )

    def state(self) -> dict[str, Any]:
        # Files are not copied into the draft (it is saved every few seconds); their names
        # are, so that the person can add them again.
        return {
            "action": self.action.toPlainText(),
            "told_whom": self.told_whom.text(),
            "told_at": self.told_at.text(),
            "files": [item.file_name for item in self.files] + self.forgotten,
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.action.setPlainText(str(state.get("action", "")))
        self.told_whom.setText(str(state.get("told_whom", "")))
        self.told_at.setText(str(state.get("told_at", "")))
        attached = {item.file_name for item in self.files}
        self.forgotten = [str(n) for n in state.get("files", []) if str(n) not in attached]


class CheckPage(ConcernPage):
    """A summary of the concern; pressing Submit calls ``submit`` (False keeps the page)."""

    def __init__(self, submit: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(
            "Check and submit",
            "Read it through. Press Back to change anything.",
            parent,
        )
        self._submit = submit
        self.setCommitPage(True)
        self.summary = QTextBrowser(self)
        self.summary.setAccessibleName("Your concern, to check")
        self.summary.setTabChangesFocus(True)
        self.summary.setOpenLinks(False)
        self.column.addWidget(self.summary, 1)
        final = paragraph(FINAL_NOTE, self)
        final.setAccessibleName("After you submit")
        self.column.addWidget(final)
        self.finish_layout()

    def show_summary(self, html: str) -> None:
        self.summary.setHtml(html)

    def validatePage(self) -> bool:
        return self._submit()


class DonePage(ConcernPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Concern recorded", "Thank you for writing it down.", parent)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setAccessibleName("Concern recorded")
        self.column.addWidget(self.message)
        self.column.addStretch()
        self.finish_layout()

    def show_done(self, number: int, urgent: bool) -> None:
        text = (
            f"<p>Your concern is recorded as number <b>{number}</b>, and the safeguarding "
            "lead has been alerted.</p>"
            "<p>It is now final and cannot be changed. If you learn more, or need to correct "
            "something, add an addendum to it: it keeps its own date and your name.</p>"
        )
        if urgent:
            text += (
                "<p><b>The child is in immediate danger: if you have not already, call 999 "
                "now and tell the safeguarding lead in person.</b></p>"
            )
        self.message.setText(text)
        self.message.setAccessibleDescription(self.message.text())

"""Add an addendum to a concern: a later fact or a correction, with optional attachments.

The concern itself is never changed. The service records the author and the time; it
refuses someone who may not see the concern, and an attachment over the size limit.
"""

from __future__ import annotations

import mimetypes
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.errors import ValidationError
from wtsc_desktop.services import concerns
from wtsc_desktop.services.concern_types import (
    ATTACHMENT_WARNING,
    MAX_ATTACHMENT_BYTES,
    AttachmentInput,
)
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.dialogs.form_dialog import FormDialog
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.widgets.form_parts import paragraph

KINDS = (
    ("later_fact", "A &later fact (something learnt or seen since)"),
    ("correction", "A &correction (something in the concern was wrong)"),
)


class AddendumDialog(FormDialog):
    area = "concerns"

    def __init__(
        self, signed: SignedIn, bus: DataBus | None, concern_id: int, parent: QWidget | None
    ) -> None:
        super().__init__(
            signed,
            bus,
            title=f"Add an addendum to concern {concern_id}",
            ok_text="Add the addendum",
            parent=parent,
        )
        self.concern_id = concern_id
        self.added: int | None = None
        self.chosen: list[AttachmentInput] = []
        self.file_dialog: QFileDialog | None = None

        kinds = QWidget()
        kinds.setAccessibleName("What kind of addendum")
        kind_column = QVBoxLayout(kinds)
        kind_column.setContentsMargins(0, 0, 0, 0)
        self.kind_group = QButtonGroup(self)
        self.kind_buttons: dict[str, QRadioButton] = {}
        for code, label in KINDS:
            button = QRadioButton(label)
            button.setAccessibleName(label.replace("&", ""))
            self.kind_group.addButton(button)
            self.kind_buttons[code] = button
            kind_column.addWidget(button)
        self.kind_buttons["later_fact"].setChecked(True)

        self.text = QPlainTextEdit()
        self.text.setAccessibleName("The later fact or the correction")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(140)

        self.files = QListWidget()
        self.files.setAccessibleName("Files to attach")
        self.files.setMaximumHeight(72)
        self.attach_button = QPushButton("Attach a &file…")
        self.attach_button.setAccessibleName("Attach a file")
        self.remove_button = QPushButton("&Remove the file")
        self.remove_button.setAccessibleName("Remove the chosen file")
        self.remove_button.setEnabled(False)
        file_buttons = QHBoxLayout()
        file_buttons.addWidget(self.attach_button)
        file_buttons.addWidget(self.remove_button)
        file_buttons.addStretch()
        files = QVBoxLayout()
        files.addWidget(self.files)
        files.addLayout(file_buttons)
        files.addWidget(paragraph(ATTACHMENT_WARNING, hint=True))

        self.form.addRow("Kind", kinds)
        self.form.addRow("&What you want to add", self.text)
        self.form.addRow("Attachments (optional)", files)
        self.fields.update({"text": self.text, "kind": kinds, "attachments": self.attach_button})
        self.finish_layout(
            paragraph(
                "The concern itself is never changed: what you write here is added to it, "
                "with your name and the time. Keep facts apart from opinion, and label an "
                "opinion as yours."
            )
        )
        self.attach_button.clicked.connect(self.choose_file)
        self.remove_button.clicked.connect(self.remove_file)
        self.files.currentRowChanged.connect(
            lambda row: self.remove_button.setEnabled(row >= 0 and bool(self.chosen))
        )

    def kind(self) -> str:
        return next(code for code, button in self.kind_buttons.items() if button.isChecked())

    # --- attachments --------------------------------------------------------------

    def choose_file(self) -> None:
        dialog = QFileDialog(self, "Attach a file")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setAccessibleName("Attach a file")
        dialog.fileSelected.connect(self.add_file)
        self.file_dialog = dialog
        dialog.open()

    def add_file(self, path: str) -> None:
        """Read the file at ``path`` into the list, or say why it cannot be attached."""
        self.feedback.clear_message()
        file = Path(path)
        try:
            size = file.stat().st_size
            if size > MAX_ATTACHMENT_BYTES:
                raise ValidationError(
                    "attachments",
                    f"“{file.name}” is {size / 1048576:.1f} MB; the limit is "
                    f"{MAX_ATTACHMENT_BYTES // 1048576} MB. Attach a smaller copy or a summary.",
                )
            data = file.read_bytes()
        except ValidationError as error:
            self.show_problem(error)
            return
        except OSError as error:
            self.feedback.show_error(
                f"“{file.name}” could not be read ({error.strerror or error}). "
                "Check that the file is still there and try again."
            )
            return
        media_type = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        self.chosen.append(AttachmentInput(file.name, data, media_type))
        self.files.addItem(file.name)
        self.files.setCurrentRow(self.files.count() - 1)

    def remove_file(self) -> None:
        row = self.files.currentRow()
        if 0 <= row < len(self.chosen):
            del self.chosen[row]
            self.files.takeItem(row)
        self.remove_button.setEnabled(bool(self.chosen) and self.files.currentRow() >= 0)

    # --- across a lock --------------------------------------------------------------

    def draft(self) -> dict[str, Any] | None:
        """What is typed, to keep across a lock (chosen files are not kept), or None."""
        text = self.text.toPlainText()
        return {"kind": self.kind(), "text": text} if text.strip() else None

    def restore(self, state: dict[str, Any]) -> None:
        button = self.kind_buttons.get(str(state.get("kind", "")))
        if button is not None:
            button.setChecked(True)
        self.text.setPlainText(str(state.get("text", "")))
        self.feedback.show_ok(
            "What you were writing before the lock is back. Attach any files again."
        )

    # --- saving -------------------------------------------------------------------

    def save(self) -> None:
        self.added = concerns.add_addendum(
            self.signed,
            concern_id=self.concern_id,
            text=self.text.toPlainText(),
            kind=self.kind(),
            attachments=tuple(self.chosen),
        )

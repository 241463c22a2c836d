"""A concern's attachments: view a picture or text file inside the app, or save a copy
(through the app's own file dialog) with a plain warning that the copy is not encrypted.
Each opening is audited by ``services.concerns.attachment_data``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.errors import WtscError
from wtsc_desktop.services import concerns
from wtsc_desktop.services.concern_types import AttachmentView
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.dialogs.attachment_viewer import AttachmentViewer, can_show
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.form_parts import paragraph

SAVE_WARNING = (
    "The copy you save is not encrypted. Save it only where your organisation's policy "
    "allows, and delete it when you no longer need it."
)


class AttachmentsPanel(QGroupBox):
    def __init__(self, signed: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__("Attachments", parent)
        self.signed = signed
        self.dialog: QDialog | None = None  # the viewer or the file dialog, when open
        self.list = QListWidget()
        self.list.setAccessibleName("Attachments")
        self.list.setMaximumHeight(110)
        self.view_button = QPushButton("&View")
        self.view_button.setAccessibleName("View the attachment")
        self.save_button = QPushButton("&Save a copy…")
        self.save_button.setAccessibleName("Save a copy of the attachment")
        self.feedback = FeedbackLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.view_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch()
        column = QVBoxLayout(self)
        column.addWidget(self.list)
        column.addLayout(buttons)
        column.addWidget(paragraph(SAVE_WARNING, hint=True))
        column.addWidget(self.feedback)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.view_button.clicked.connect(self.view_attachment)
        self.save_button.clicked.connect(self.save_attachment)
        self.list.itemActivated.connect(lambda _item: self.view_attachment())
        self.list.currentRowChanged.connect(lambda _row: self._enable())
        self._enable()

    def show_attachments(self, attachments: tuple[AttachmentView, ...]) -> None:
        self.feedback.clear_message()
        self.list.clear()
        for attachment in attachments:
            item = QListWidgetItem(attachment.file_name)
            item.setData(Qt.ItemDataRole.UserRole, attachment)
            self.list.addItem(item)
        if attachments:
            self.list.setCurrentRow(0)
        else:
            item = QListWidgetItem("No attachments.")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.list.addItem(item)
        self._enable()

    def selected(self) -> AttachmentView | None:
        item = self.list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, AttachmentView) else None

    def _enable(self) -> None:
        attachment = self.selected()
        self.view_button.setEnabled(attachment is not None and can_show(attachment))
        self.save_button.setEnabled(attachment is not None)

    def _replace_dialog(self, dialog: QDialog) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()  # keep only the latest, for tests and for focus
        self.dialog = dialog

    def view_attachment(self) -> None:
        attachment = self.selected()
        if attachment is None or not can_show(attachment):
            return
        self.feedback.clear_message()
        try:
            name, data = concerns.attachment_data(self.signed, attachment_id=attachment.id)
        except WtscError as error:
            self.feedback.show_error(error)
            return
        viewer = AttachmentViewer(name, attachment.media_type, data, self)
        self._replace_dialog(viewer)
        viewer.open()

    def save_attachment(self) -> None:
        attachment = self.selected()
        if attachment is None:
            return
        dialog = QFileDialog(self, "Save a copy of the attachment")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.selectFile(attachment.file_name)
        dialog.setAccessibleName("Save a copy of the attachment")
        dialog.fileSelected.connect(lambda path: self._save_to(attachment, path))
        self._replace_dialog(dialog)
        dialog.open()

    def _save_to(self, attachment: AttachmentView, path: str) -> None:
        try:
            _name, data = concerns.attachment_data(self.signed, attachment_id=attachment.id)
        except WtscError as error:
            self.feedback.show_error(error)
            return
        try:
            Path(path).write_bytes(data)
        except OSError as error:
            self.feedback.show_error(
                f"The copy could not be saved there ({error.strerror or error}). "
                "Choose another folder or drive."
            )
            return
        self.feedback.show_ok(f"Saved a copy as {Path(path).name}. It is not encrypted.")

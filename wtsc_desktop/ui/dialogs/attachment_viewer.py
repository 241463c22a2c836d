"""Show an attached picture or text file inside the app, so that it never has to be
written to a plain file to be read. Other kinds of file can only be saved as a copy.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.services.concern_types import AttachmentView

_PICTURES = (".png", ".jpg", ".jpeg", ".gif", ".bmp")
_TEXTS = (".txt", ".text", ".csv")


def _kind(file_name: str, media_type: str) -> str:
    name = file_name.lower()
    if media_type.startswith("image/") or name.endswith(_PICTURES):
        return "picture"
    if media_type.startswith("text/") or name.endswith(_TEXTS):
        return "text"
    return ""


def can_show(attachment: AttachmentView) -> bool:
    """True for the pictures and plain text this viewer can show."""
    return bool(_kind(attachment.file_name, attachment.media_type))


class AttachmentViewer(QDialog):
    def __init__(
        self, file_name: str, media_type: str, data: bytes, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Attachment: {file_name}")
        self.setAccessibleName(f"Attachment {file_name}")
        self.resize(760, 560)
        column = QVBoxLayout(self)
        self.content: QWidget
        if _kind(file_name, media_type) == "picture":
            image = QImage.fromData(data)
            picture = QLabel()
            picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
            if image.isNull():
                picture.setText("This picture cannot be shown. Save a copy to open it.")
            else:
                picture.setPixmap(QPixmap.fromImage(image))
            picture.setAccessibleName(f"Picture {file_name}")
            area = QScrollArea()
            area.setWidget(picture)
            area.setWidgetResizable(True)
            area.setAccessibleName(f"Picture {file_name}")
            self.content = area
        else:
            text = QPlainTextEdit(data.decode("utf-8", errors="replace"))
            text.setReadOnly(True)
            text.setAccessibleName(f"Text of {file_name}")
            text.setTabChangesFocus(True)
            self.content = text
        column.addWidget(self.content, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close = buttons.button(QDialogButtonBox.StandardButton.Close)
        close.setText("Close")
        close.setAccessibleName("Close")
        buttons.rejected.connect(self.reject)
        column.addWidget(buttons)

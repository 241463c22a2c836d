"""Small parts every form here is made of, each with its accessible name set once.

A box for a password hides what is typed; the OK button of a dialog says what it does.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)


def text_box(name: str, parent: QWidget | None = None, *, max_length: int = 200) -> QLineEdit:
    box = QLineEdit(parent)
    box.setAccessibleName(name)
    box.setMaxLength(max_length)
    return box


def choice_box(name: str, choices: list[tuple[str, str]]) -> QComboBox:
    """A drop-down list of (label, value) choices; ``currentData()`` is the value."""
    box = QComboBox()
    box.setAccessibleName(name)
    for label, value in choices:
        box.addItem(label, value)
    return box


def note_box(name: str, height: int = 70) -> QPlainTextEdit:
    """A box for a few lines of text; Tab moves on rather than typing a tab."""
    box = QPlainTextEdit()
    box.setAccessibleName(name)
    box.setTabChangesFocus(True)
    box.setMinimumHeight(height)
    return box


def password_box(name: str, parent: QWidget | None = None) -> QLineEdit:
    box = QLineEdit(parent)
    box.setAccessibleName(name)
    box.setEchoMode(QLineEdit.EchoMode.Password)
    return box


def paragraph(text: str, parent: QWidget | None = None, *, hint: bool = False) -> QLabel:
    """A wrapped paragraph of plain text (``hint`` for the quieter explanatory lines)."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    if hint:
        label.setObjectName("hint")
    return label


def dialog_buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    """OK (labelled ``ok_text``) and Cancel. OK is left for the dialog to connect, so that it
    can check and save before it closes; Cancel closes it."""
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    ok = box.button(QDialogButtonBox.StandardButton.Ok)
    ok.setText(ok_text)
    ok.setAccessibleName(ok_text)
    cancel = box.button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setText("Cancel")
    cancel.setAccessibleName("Cancel")
    box.rejected.connect(dialog.reject)
    return box

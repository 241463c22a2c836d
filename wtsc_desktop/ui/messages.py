"""Showing a service's error to the person: a plain message box; what they typed stays."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from wtsc_desktop.errors import WtscError


def show_error(parent: QWidget | None, error: WtscError, title: str = "Please check") -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, str(error), QMessageBox.StandardButton.Ok, parent
    )
    box.setAccessibleName(title)
    box.setAccessibleDescription(str(error))
    box.open()


def show_info(parent: QWidget | None, title: str, text: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, parent
    )
    box.setAccessibleName(title)
    box.setAccessibleDescription(text)
    box.open()

"""A line under a form that says what went wrong and what to do, or that all went well.

Errors are shown here rather than in a pop-up where the person is typing, so what they
typed stays in front of them. Screen readers hear the text through the accessible
description, updated with it.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from wtsc_desktop.errors import WtscError


class FeedbackLabel(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setAccessibleName("Message")
        self.setObjectName("feedback")
        self.hide()

    def _say(self, text: str, kind: str) -> None:
        self.setProperty("kind", kind)
        self.setText(text)
        self.setAccessibleDescription(text)
        self.style().unpolish(self)
        self.style().polish(self)
        self.show()

    def show_error(self, error: WtscError | str) -> None:
        self._say(str(error), "error")

    def show_ok(self, text: str) -> None:
        self._say(text, "ok")

    def clear_message(self) -> None:
        self.setText("")
        self.setAccessibleDescription("")
        self.hide()

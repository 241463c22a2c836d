"""The "To whom" box of a referral: type any agency, or pick one from the directory
(the local contacts from Settings and the agencies of earlier referrals), with how to
reach the one chosen shown underneath.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from wtsc_desktop.services.agencies import Agency


class AgencyBox(QWidget):
    """An editable list of agencies; ``text()`` is what the DSL chose or typed."""

    def __init__(self, directory: list[Agency], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.directory = directory
        self.box = QComboBox()
        self.box.setEditable(True)
        self.box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.box.setAccessibleName("To whom: the agency")
        self.box.setAccessibleDescription(
            "Type the agency, or choose one from your local contacts and earlier referrals."
        )
        self.box.addItem("")
        for agency in directory:
            self.box.addItem(agency.name, agency.contact)
        line = self.box.lineEdit()
        assert line is not None  # an editable combo box always has one
        line.setMaxLength(200)
        line.setPlaceholderText("Type, or choose from the list")
        line.setAccessibleName("To whom: the agency")
        self.how = QLabel()
        self.how.setObjectName("hint")
        self.how.setTextFormat(Qt.TextFormat.PlainText)
        self.how.setWordWrap(True)
        self.how.setAccessibleName("How to reach the agency chosen")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(self.box)
        column.addWidget(self.how)
        self.setFocusProxy(self.box)
        self.box.currentTextChanged.connect(self._show_contact)
        self._show_contact(self.box.currentText())

    def text(self) -> str:
        return self.box.currentText()

    def setText(self, text: str) -> None:
        self.box.setEditText(text)

    def _show_contact(self, text: str) -> None:
        match = next((a for a in self.directory if a.name == text.strip()), None)
        self.how.setText(match.contact if match is not None else "")
        self.how.setVisible(match is not None)

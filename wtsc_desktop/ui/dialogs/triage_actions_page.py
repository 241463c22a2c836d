"""The triage wizard's actions page: what happens next, who does it (someone with an
account, chosen from a list, or a name typed in) and by when.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
)

from wtsc_desktop.services.triage import ActionInput, OwnerChoice
from wtsc_desktop.ui.dialogs.triage_pages import TriagePage, date_edit, label, pydate
from wtsc_desktop.ui.formats import date_text


class ActionsPage(TriagePage):
    def __init__(self, owners: list[OwnerChoice], today: dt.date) -> None:
        super().__init__(
            "Actions",
            "What happens next, who does it and by when. Each action shows on the "
            "Dashboard until it is marked done.",
        )
        self.description = QLineEdit()
        self.description.setAccessibleName("Action")
        self.description.setPlaceholderText("For example: phone the front door")
        self.owner_choices = owners
        self.owner = QComboBox()
        self.owner.setEditable(True)
        self.owner.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.owner.setAccessibleName("Who will do it")
        for person in owners:
            self.owner.addItem(f"{person.full_name} ({person.role_label.lower()})", person.user_id)
        self.owner.setCurrentIndex(-1)
        self.owner.setEditText("")
        typed = self.owner.lineEdit()
        assert typed is not None  # an editable combo box has one
        typed.setPlaceholderText("Choose someone, or type a name")
        typed.setAccessibleName("Who will do it")
        self.due = date_edit("Due by", today)
        self.add_button = QPushButton("&Add the action")
        self.add_button.setAccessibleName("Add the action")
        self.due.setMaximumWidth(160)
        form = QFormLayout()
        form.addRow("Ac&tion", self.description)
        form.addRow("&Who", self.owner)
        due_label = QLabel("&Due by")
        due_label.setBuddy(self.due)
        due_row = QHBoxLayout()
        due_row.addWidget(self.due)
        due_row.addWidget(self.add_button)
        due_row.addStretch()
        form.addRow(due_label, due_row)
        self.list = QListWidget()
        self.list.setAccessibleName("Actions to record")
        self.remove_button = QPushButton("&Remove the action")
        self.remove_button.setAccessibleName("Remove the chosen action")
        self.remove_button.setEnabled(False)
        self.column.addLayout(form)
        self.column.addWidget(label("Actions to record (a decision may have none):"))
        self.column.addWidget(self.list, 1)
        self.column.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.finish()
        self.planned: list[ActionInput] = []
        self.owners_shown: list[str] = []  # each action's owner as shown, for the summary
        self.add_button.clicked.connect(self.add_action)
        self.description.returnPressed.connect(self.add_action)
        self.remove_button.clicked.connect(self.remove_action)
        self.list.currentRowChanged.connect(lambda row: self.remove_button.setEnabled(row >= 0))

    def typed_owner(self) -> tuple[int | None, str]:
        text = self.owner.currentText().strip()
        index = self.owner.findText(text, Qt.MatchFlag.MatchFixedString)
        if index >= 0:
            return int(self.owner.itemData(index)), ""
        # A name typed in full is that person, not a stranger of the same name.
        same = [p for p in self.owner_choices if p.full_name.casefold() == text.casefold()]
        if len(same) == 1:
            return same[0].user_id, ""
        return None, text

    def add_action(self) -> None:
        self.feedback.clear_message()
        description = self.description.text().strip()
        owner_id, owner_name = self.typed_owner()
        if not description:
            self.feedback.show_error("Write what needs doing first.")
            self.description.setFocus()
            return
        if owner_id is None and not owner_name:
            self.feedback.show_error(f"Who will do “{description}”? Choose someone or type a name.")
            self.owner.setFocus()
            return
        self.keep(
            ActionInput(description, pydate(self.due), owner_id, owner_name),
            owner_name or self.owner.currentText(),
        )
        self.description.clear()
        self.owner.setCurrentIndex(-1)
        self.owner.setEditText("")
        self.description.setFocus()

    def keep(self, action: ActionInput, shown_owner: str) -> None:
        """Add ``action`` to the list to record, its owner shown as ``shown_owner``."""
        self.planned.append(action)
        self.owners_shown.append(shown_owner)
        self.list.addItem(
            QListWidgetItem(f"{action.description} — {shown_owner}, due {date_text(action.due_on)}")
        )

    def remove_action(self) -> None:
        row = self.list.currentRow()
        if 0 <= row < len(self.planned):
            del self.planned[row]
            del self.owners_shown[row]
            self.list.takeItem(row)

    def unadded(self) -> bool:
        """True when an action is typed but not yet added to the list."""
        return bool(self.description.text().strip())

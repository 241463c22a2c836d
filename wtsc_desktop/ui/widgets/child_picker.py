"""Choosing the children in a concern: find a child on the register by typing their name,
or describe a child who is not on it, and say each child's part.

Anyone logging a concern uses it, so it shows only what ``services.children.pick_children``
gives: a name and a year group or team, never the child's file. The first child added is
taken to be the one the concern is about; for each further child the person chooses
their part, so that categories and alerts land only on the child they belong to.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.errors import WtscError
from wtsc_desktop.guidance.categories import Part
from wtsc_desktop.services.children import ChildChoice, pick_children
from wtsc_desktop.services.concern_types import ChildInConcern
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.widgets.form_parts import paragraph

UNLISTED = "Not on the register — describe the child"
ID_ROLE = Qt.ItemDataRole.UserRole
RETURN_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


@dataclass(frozen=True)
class PickedChild:
    child_id: int | None
    name: str  # as the picker showed it; "" for a child not on the register
    year_group_or_team: str
    description: str
    part: Part | None

    def shown(self) -> str:
        if self.child_id is None:
            return self.description.strip() or "a child not on the register"
        return self.name


def choice_text(choice: ChildChoice) -> str:
    """How a child shows in the picker: the name and the year group or team, nothing else."""
    return f"{choice.name} — {choice.year_group_or_team or 'no year group or team recorded'}"


class ChosenChild(QWidget):
    """One child in the concern: their name (or a box describing them), part and Remove."""

    changed = Signal()
    remove_requested = Signal(object)

    def __init__(
        self,
        child_id: int | None,
        name: str,
        year: str,
        part: Part | None,
        description: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.child_id = child_id
        self.name = name
        self.year = year
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.description: QLineEdit | None = None
        if child_id is None:
            self.description = QLineEdit(description, self)
            self.description.setPlaceholderText("Name, age, class or team")
            self.description.setAccessibleName("Describe the child who is not on the register")
            self.description.setMaxLength(400)
            self.description.textChanged.connect(self.changed)
            row.addWidget(self.description, 3)
            who = "the child not on the register"
        else:
            label = QLabel(f"{name} ({year})" if year else name, self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            row.addWidget(label, 3)
            who = name
        self.part = QComboBox(self)
        for each in Part:
            self.part.addItem(each.label, each.value)
        self.part.setPlaceholderText("Choose their part")
        self.part.setCurrentIndex(-1 if part is None else self.part.findData(part.value))
        self.part.setAccessibleName(f"Part of {who} in the concern")
        self.part.currentIndexChanged.connect(self.changed)
        row.addWidget(self.part, 2)
        self.remove = QPushButton("Remove", self)
        self.remove.setAccessibleName(f"Remove {who}")
        self.remove.clicked.connect(lambda: self.remove_requested.emit(self))
        row.addWidget(self.remove)

    def picked(self) -> PickedChild:
        value = self.part.currentData()
        return PickedChild(
            self.child_id,
            self.name,
            self.year,
            self.description.text() if self.description is not None else "",
            Part(value) if value else None,
        )


class ChildPicker(QWidget):
    changed = Signal()

    def __init__(self, signed: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.signed = signed
        self.rows: list[ChosenChild] = []
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("Type the child's name")
        self.search.setAccessibleName("Find a child on the register by name")
        self.search.setClearButtonEnabled(False)
        self.search.textChanged.connect(self._find)
        self.results = QListWidget(self)
        self.results.setAccessibleName("Children found")
        self.results.setMaximumHeight(120)
        self.results.itemActivated.connect(lambda _item: self.add_current())
        self.add_button = QPushButton("&Add this child", self)
        self.add_button.setAccessibleName("Add this child")
        self.add_button.clicked.connect(self.add_current)
        self.note = paragraph("", self, hint=True)
        self.note.setAccessibleName("Search result")
        self.unlisted = QPushButton(UNLISTED, self)
        self.unlisted.setAccessibleName(UNLISTED)
        self.unlisted.clicked.connect(lambda: self.add_unlisted(focus=True))
        self.empty = paragraph("No child added yet.", self, hint=True)
        self.chosen_box = QVBoxLayout()
        self.chosen_box.setSpacing(4)

        find_row = QHBoxLayout()
        find_row.addWidget(self.results, 1)
        buttons = QVBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch()
        find_row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        heading = QLabel("Find the child (only their name and year group or team show here):")
        heading.setBuddy(self.search)
        layout.addWidget(heading)
        layout.addWidget(self.search)
        layout.addLayout(find_row)
        layout.addWidget(self.note)
        layout.addWidget(self.unlisted, 0, Qt.AlignmentFlag.AlignLeft)
        chosen_heading = QLabel("<b>Children in this concern, and each one's part</b>")
        layout.addWidget(chosen_heading)
        layout.addWidget(self.empty)
        layout.addLayout(self.chosen_box)
        for box in (self.search, self.results):
            box.installEventFilter(self)

    # --- finding ------------------------------------------------------------------

    def _find(self, text: str) -> None:
        self.results.clear()
        if not text.strip():
            self.note.setText("")
            return
        try:
            found = pick_children(self.signed, text=text)
        except WtscError as error:
            self.note.setText(str(error))
            return
        for choice in found:
            item = QListWidgetItem(choice_text(choice))
            item.setData(ID_ROLE, (choice.id, choice.name, choice.year_group_or_team))
            self.results.addItem(item)
        if found:
            self.results.setCurrentRow(0)
            self.note.setText(
                f"{len(found)} found: press Down to choose, Enter or Add this child to add."
            )
        else:
            self.note.setText(
                f"No child on the register matches “{text.strip()}”. Check the spelling, "
                f"or use “{UNLISTED}”."
            )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Enter adds the child rather than pressing the wizard's Next; Down goes from the
        # search box to the list of children found.
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in RETURN_KEYS:
                self.add_current()
                return True
            if watched is self.search and event.key() == Qt.Key.Key_Down and self.results.count():
                self.results.setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

    # --- choosing -----------------------------------------------------------------

    def add_current(self) -> None:
        item = self.results.currentItem()
        if item is None:
            self.note.setText("Type a name first, then choose the child from the list.")
            return
        child_id, name, year = item.data(ID_ROLE)
        if any(row.child_id == child_id for row in self.rows):
            self.note.setText(f"{name} is already in this concern.")
            return
        row = self._add_row(child_id, name, year, self._default_part())
        self.search.clear()
        row.part.setFocus(Qt.FocusReason.OtherFocusReason)

    def add_unlisted(self, *, focus: bool = False) -> ChosenChild:
        row = self._add_row(None, "", "", self._default_part())
        if focus and row.description is not None:
            row.description.setFocus(Qt.FocusReason.OtherFocusReason)
        return row

    def _default_part(self) -> Part | None:
        # The first child is the one the concern is about; for the others, a choice.
        return Part.SUBJECT if not self.rows else None

    def _add_row(
        self, child_id: int | None, name: str, year: str, part: Part | None, description: str = ""
    ) -> ChosenChild:
        row = ChosenChild(child_id, name, year, part, description, self)
        row.changed.connect(self.changed)
        row.remove_requested.connect(lambda gone: self._remove(gone, focus=True))
        self.rows.append(row)
        self.chosen_box.addWidget(row)
        self.empty.setVisible(False)
        self.changed.emit()
        return row

    def _remove(self, row: ChosenChild, *, focus: bool = False) -> None:
        self.rows.remove(row)
        self.chosen_box.removeWidget(row)
        row.hide()
        row.deleteLater()
        self.empty.setVisible(not self.rows)
        if focus:
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.changed.emit()

    def picked(self) -> list[PickedChild]:
        return [row.picked() for row in self.rows]

    def children_in_concern(self) -> list[ChildInConcern]:
        """What the service is given; a child whose part is not chosen is left out."""
        return [
            ChildInConcern(p.part, p.child_id, p.description.strip())
            for p in self.picked()
            if p.part is not None
        ]

    def problem(self) -> tuple[QWidget, str] | None:
        """The first thing to put right before going on, and the box to put it right in."""
        if not self.rows:
            return self.search, "Find the child the concern is about, or describe them."
        for row in self.rows:
            if row.description is not None and not row.description.text().strip():
                return row.description, "Describe the child who is not on the register."
            if row.part.currentIndex() < 0:
                return row.part, "Choose each child's part in the concern."
        if not any(p.part is Part.SUBJECT for p in self.picked()):
            return self.rows[0].part, "Say which child the concern is about."
        return None

    # --- drafts -------------------------------------------------------------------

    def state(self) -> list[dict[str, Any]]:
        return [
            {
                "child_id": p.child_id,
                "name": p.name,
                "year": p.year_group_or_team,
                "description": p.description,
                "part": p.part.value if p.part else None,
            }
            for p in self.picked()
        ]

    def restore(self, rows: list[dict[str, Any]]) -> None:
        for row in list(self.rows):
            self._remove(row)
        for saved in rows:
            part = saved.get("part")
            self._add_row(
                saved.get("child_id"),
                str(saved.get("name", "")),
                str(saved.get("year", "")),
                Part(part) if part else None,
                str(saved.get("description", "")),
            )

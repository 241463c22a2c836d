"""The account itself: what the child said (in their own words, kept apart), what the
reporter saw or heard with their opinion apart, and the kinds of harm it may be.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.guidance.categories import CATEGORIES
from wtsc_desktop.services.concern_types import WORDS_GUIDANCE
from wtsc_desktop.ui.dialogs.concern_pages import ConcernPage, big_box
from wtsc_desktop.ui.widgets.form_parts import paragraph, text_box

EXTRA_FAMILIAL = "harm outside the home"


def labelled(text: str, box: QWidget, parent: QWidget) -> QLabel:
    label = QLabel(text, parent)
    label.setBuddy(box)
    label.setWordWrap(True)
    return label


class WordsPage(ConcernPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "What the child said",
            "In the child's own words, exactly as they said them. What you saw, and what you "
            "did, go on the next pages.",
            parent,
        )
        self.words = big_box(
            "What the child said, in their own words",
            self,
            placeholder="Their exact words, even if rude or misspelt. Leave empty if the "
            "child said nothing.",
        )
        self.words.setMinimumHeight(260)
        guidance = QFrame(self)
        guidance.setObjectName("guidancePanel")
        guidance.setFrameShape(QFrame.Shape.StyledPanel)
        guidance.setFixedWidth(300)
        inner = QVBoxLayout(guidance)
        heading = QLabel("<b>Before you write</b>", guidance)
        inner.addWidget(heading)
        self.guidance = paragraph(WORDS_GUIDANCE, guidance)
        self.guidance.setAccessibleName("How to record the child's words")
        inner.addWidget(self.guidance)
        inner.addWidget(
            paragraph(
                "If you asked a question, write down your question too, with the answer.",
                guidance,
                hint=True,
            )
        )
        inner.addStretch()
        row = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(labelled("What the child &said:", self.words, self))
        left.addWidget(self.words, 1)
        row.addLayout(left, 1)
        row.addWidget(guidance)
        self.column.addLayout(row, 1)
        self.finish_layout()
        self.fields = {"child_words": self.words}

    def state(self) -> dict[str, Any]:
        return {"words": self.words.toPlainText()}

    def restore(self, state: dict[str, Any]) -> None:
        self.words.setPlainText(str(state.get("words", "")))


class FactsPage(ConcernPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "What you saw or heard",
            "The facts first. Anything you think, rather than saw or heard, goes in the "
            "opinion box, which is marked as your opinion.",
            parent,
        )
        self.facts = big_box(
            "What you saw or heard (facts)",
            self,
            placeholder="What happened, who was there, what you noticed.",
        )
        self.opinion = big_box(
            "Your opinion (optional)",
            self,
            placeholder="Only if it helps: say why you think it.",
        )
        self.witnesses = text_box("Witnesses", self, max_length=2000)
        self.witnesses.setPlaceholderText("Names and roles of anyone else who saw or heard it")
        self.column.addWidget(labelled("What you &saw or heard (facts):", self.facts, self))
        self.column.addWidget(self.facts, 3)
        self.column.addWidget(labelled("Your &opinion (optional, kept apart):", self.opinion, self))
        self.column.addWidget(self.opinion, 1)
        self.column.addWidget(labelled("&Witnesses:", self.witnesses, self))
        self.column.addWidget(self.witnesses)
        self.finish_layout()
        self.fields = {"observed": self.facts, "opinion": self.opinion, "witnesses": self.witnesses}

    def state(self) -> dict[str, Any]:
        return {
            "facts": self.facts.toPlainText(),
            "opinion": self.opinion.toPlainText(),
            "witnesses": self.witnesses.text(),
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.facts.setPlainText(str(state.get("facts", "")))
        self.opinion.setPlainText(str(state.get("opinion", "")))
        self.witnesses.setText(str(state.get("witnesses", "")))


def category_text(label: str, extra_familial: bool) -> str:
    return f"{label} ({EXTRA_FAMILIAL})" if extra_familial else label


class CategoriesPage(ConcernPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "What kind of harm might it be?",
            "Tick any that seem to fit. If you are not sure, leave them: the safeguarding "
            "lead decides.",
            parent,
        )
        self.boxes: dict[str, QCheckBox] = {}
        grid = QGridLayout()
        rows = (len(CATEGORIES) + 1) // 2
        for i, category in enumerate(CATEGORIES):
            text = category_text(category.label, category.extra_familial)
            box = QCheckBox(text, self)
            box.setAccessibleName(text)
            self.boxes[category.code] = box
            # Down the columns, so the order reads as the list in the guidance.
            grid.addWidget(box, i % rows, i // rows)
        self.column.addLayout(grid)
        self.column.addWidget(
            paragraph(
                f"Marked “{EXTRA_FAMILIAL}”: harm from outside the family, such as exploitation, "
                "county lines, child-on-child abuse or online harm. The lead assesses it the "
                "same way (rule D2).",
                self,
                hint=True,
            )
        )
        self.column.addStretch()
        self.finish_layout()
        first = next(iter(self.boxes.values()))
        self.fields = {"categories": first}
        for box in self.boxes.values():
            box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def chosen(self) -> list[str]:
        return [code for code, box in self.boxes.items() if box.isChecked()]

    def state(self) -> dict[str, Any]:
        return {"categories": self.chosen()}

    def restore(self, state: dict[str, Any]) -> None:
        wanted = set(state.get("categories", []))
        for code, box in self.boxes.items():
            box.setChecked(code in wanted)

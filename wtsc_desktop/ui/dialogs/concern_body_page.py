"""The body-map page of the concern wizard: the outlines, and beside them the list of marks
with what each one is and its approximate size.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.body_outline import SIDE_LABELS
from wtsc_desktop.services.concern_types import MarkInput
from wtsc_desktop.ui.dialogs.concern_pages import ConcernPage
from wtsc_desktop.ui.widgets.body_map import KEYS_HELP, BodyMapWidget, Mark
from wtsc_desktop.ui.widgets.form_parts import paragraph, text_box

COLUMNS = ("No.", "Side", "Where", "What it is", "Size")


class BodyMapPage(ConcernPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            "Body map",
            "Mark any injury or mark you saw. Never photograph an injury: mark it here.",
            parent,
        )
        self.map = BodyMapWidget(self)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setAccessibleName("Marks on the body map")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.label = text_box("What the selected mark is", self)
        self.label.setPlaceholderText("For example: bruise, red and purple")
        self.mark_size = text_box("Approximate size of the selected mark", self, max_length=80)
        self.mark_size.setPlaceholderText("For example: 3 cm across")
        self.remove = QPushButton("&Remove the selected mark", self)
        self.remove.setAccessibleName("Remove the selected mark")
        form = QFormLayout()
        form.addRow("&What it is:", self.label)
        form.addRow("Approximate si&ze:", self.mark_size)
        side = QVBoxLayout()
        side.addWidget(self.table, 1)
        side.addLayout(form)
        side.addWidget(self.remove, 0, Qt.AlignmentFlag.AlignLeft)
        row = QHBoxLayout()
        row.addWidget(self.map, 3)
        row.addLayout(side, 2)
        self.column.addWidget(
            paragraph(
                "Click where the mark is, or use the keyboard: " + KEYS_HELP + " Then say "
                "what each mark is and how big it is. Right and Left under the outlines are "
                "the child's right and left.",
                self,
                hint=True,
            )
        )
        self.column.addLayout(row, 1)
        self.finish_layout()
        self.fields = {"marks": self.map}
        self.map.marks_changed.connect(self._fill_table)
        self.map.selection_changed.connect(self._show_selected)
        self.table.itemSelectionChanged.connect(self._table_selected)
        self.label.textEdited.connect(
            lambda text: self.map.update_mark(self.map.selected, label=text)
        )
        self.mark_size.textEdited.connect(
            lambda text: self.map.update_mark(self.map.selected, size=text)
        )
        self.remove.clicked.connect(lambda: self.map.remove_mark(self.map.selected))
        self._show_selected(0)

    def _fill_table(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.map.marks))
        for row, mark in enumerate(self.map.marks):
            for column, value in enumerate(
                (str(mark.number), SIDE_LABELS[mark.side], mark.where(), mark.label, mark.size)
            ):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, mark.number)
                self.table.setItem(row, column, item)
        self._select_row(self.map.selected)
        self.table.blockSignals(False)

    def _select_row(self, number: int) -> None:
        numbers = [m.number for m in self.map.marks]
        if number in numbers:
            self.table.selectRow(numbers.index(number))
        else:
            self.table.clearSelection()

    def _show_selected(self, number: int) -> None:
        mark = self.map.mark(number)
        for box in (self.label, self.mark_size, self.remove):
            box.setEnabled(mark is not None)
        self.label.setText(mark.label if mark else "")
        self.mark_size.setText(mark.size if mark else "")
        heading = f"mark {number}" if mark else "no mark selected"
        self.label.setAccessibleDescription(f"For {heading}")
        self.mark_size.setAccessibleDescription(f"For {heading}")
        self.table.blockSignals(True)
        self._select_row(number)
        self.table.blockSignals(False)

    def _table_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            self.map.select(int(rows[0].data(Qt.ItemDataRole.UserRole)))

    def marks(self) -> list[MarkInput]:
        return [MarkInput(m.number, m.side, m.x, m.y, m.label, m.size) for m in self.map.marks]

    def state(self) -> dict[str, Any]:
        return {
            "marks": [
                {
                    "number": m.number,
                    "side": m.side,
                    "x": m.x,
                    "y": m.y,
                    "label": m.label,
                    "size": m.size,
                }
                for m in self.map.marks
            ]
        }

    def restore(self, state: dict[str, Any]) -> None:
        self.map.set_marks(
            [
                Mark(
                    int(m["number"]),
                    str(m["side"]),
                    float(m["x"]),
                    float(m["y"]),
                    str(m.get("label", "")),
                    str(m.get("size", "")),
                )
                for m in state.get("marks", [])
            ]
        )

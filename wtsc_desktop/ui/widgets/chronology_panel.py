"""A child's chronology on screen: the pattern prompt as a banner when it applies, the
filters (by kind, from checkboxes, and by date), and the entries as a table in the order
they happened. Enter or a double-click on an entry asks for its concern.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.clock import today_in_london
from wtsc_desktop.errors import WtscError
from wtsc_desktop.services import chronology
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.formats import date_text
from wtsc_desktop.ui.models.chronology_table import DETAIL, TITLE, ChronologyTableModel

# Drawn from the palette, so that the banner reads in light and dark alike.
BANNER_STYLE = (
    "QLabel { border: 2px solid palette(highlight); border-left-width: 8px; "
    "background: palette(alternate-base); padding: 8px; font-weight: bold; }"
)


def section_title(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setBold(True)
    font.setPointSizeF(font.pointSizeF() * 1.15)
    label.setFont(font)
    return label


def _date_edit(name: str, day: dt.date) -> QDateEdit:
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setDisplayFormat("dd/MM/yyyy")
    edit.setCalendarPopup(True)
    edit.setAccessibleName(name)
    edit.setEnabled(False)
    return edit


def _day(edit: QDateEdit) -> dt.date:
    chosen = edit.date()
    return dt.date(chosen.year(), chosen.month(), chosen.day())


KINDS_PER_ROW = 4


class ChronologyPanel(QWidget):
    """``problem`` carries a service's refusal for the file's feedback line."""

    open_concern = Signal(int)
    problem = Signal(str)

    def __init__(self, signed: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.signed = signed
        self.child_id: int | None = None
        self._build_chronology()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.banner)
        layout.addLayout(self.filters)
        layout.addWidget(self.table, 1)

    def show_for(self, child_id: int) -> None:
        self.child_id = child_id
        self._load_chronology()

    def reload(self) -> None:
        self._load_chronology()

    def _build_chronology(self) -> None:
        self.banner = QLabel()
        self.banner.setObjectName("patternBanner")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setAccessibleName("Pattern prompt")
        self.banner.hide()
        title = section_title("Chronology")
        self.filters = QHBoxLayout()
        self.filters.setSpacing(10)
        self.filters.addWidget(title)
        self.kind_boxes: dict[str, QCheckBox] = {}
        # Rows of four, so the file still fits a 1366-pixel screen as kinds are added.
        kinds = QGridLayout()
        kinds.setHorizontalSpacing(10)
        kinds.setVerticalSpacing(2)
        for number, (kind, label) in enumerate(chronology.KINDS.items()):
            box = QCheckBox(label)
            box.setAccessibleName(f"Show {label.lower()} entries")
            box.setChecked(True)
            box.toggled.connect(self._load_chronology)
            self.kind_boxes[kind] = box
            kinds.addWidget(box, number // KINDS_PER_ROW, number % KINDS_PER_ROW)
        self.filters.addLayout(kinds)
        today = today_in_london(self.signed.store.clock)
        self.use_from = QCheckBox("&From")
        self.use_from.setAccessibleName("Only entries from a date")
        self.from_date = _date_edit("From date", today - dt.timedelta(days=365))
        self.use_to = QCheckBox("&To")
        self.use_to.setAccessibleName("Only entries up to a date")
        self.to_date = _date_edit("To date", today)
        self.count = QLabel()
        self.count.setAccessibleName("Number of entries shown")
        self.filters.addSpacing(12)
        for box, edit in ((self.use_from, self.from_date), (self.use_to, self.to_date)):
            # Fusion measures a short label a little narrow in the dark palette: room for it.
            box.setMinimumWidth(box.sizeHint().width() + 6)
            self.filters.addWidget(box)
            self.filters.addWidget(edit)
        self.filters.addStretch()
        self.filters.addWidget(self.count)
        for box, edit in ((self.use_from, self.from_date), (self.use_to, self.to_date)):
            box.toggled.connect(edit.setEnabled)
            box.toggled.connect(self._load_chronology)
            edit.dateChanged.connect(self._load_chronology)

        self.model = ChronologyTableModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Chronology")
        self.table.setAccessibleDescription("Press Enter on an entry to open its concern.")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        header.setSectionResizeMode(DETAIL, QHeaderView.ResizeMode.Stretch)
        metrics = self.table.fontMetrics()
        for column, sample in enumerate(("00/00/0000 00:00", "Triage decision")):
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 24)
        header.resizeSection(TITLE, metrics.horizontalAdvance("x" * 34))
        self.table.activated.connect(self._activated)

    def _load_chronology(self) -> None:
        if self.child_id is None:
            return
        kinds = [kind for kind, box in self.kind_boxes.items() if box.isChecked()]
        since = _day(self.from_date) if self.use_from.isChecked() else None
        until = _day(self.to_date) if self.use_to.isChecked() else None
        try:
            result = chronology.chronology(
                self.signed, child_id=self.child_id, kinds=kinds, since=since, until=until
            )
        except WtscError as error:
            self.problem.emit(str(error))
            return
        self.model.set_entries(result.entries)
        count = len(result.entries)
        self.count.setText(f"{count} entr{'ies' if count != 1 else 'y'}")
        if result.prompt is not None:
            self.banner.setText(
                f"Pattern to review: {result.prompt.reason} (concerns observed from "
                f"{date_text(result.prompt.first)} to {date_text(result.prompt.last)})"
            )
            self.banner.setAccessibleDescription(self.banner.text())
        self.banner.setVisible(result.prompt is not None)

    def _activated(self) -> None:
        entry = self.model.entry_at(self.table.currentIndex().row())
        if entry is not None and entry.concern_id is not None:
            self.open_concern.emit(entry.concern_id)

"""What the "Plans and meetings" and "File transfers" dialogs share: a date box typed as
dd/mm/yyyy, a due date shown with its rule, kind of days, whose clock and source, a
read-only table, and the dialog both are built on (lists above, buttons below, each
button opening a small form whose save refreshes the lists).

A form saves through a service and announces "referrals", the casework area the
Dashboard listens to; the child's file reloads its chronology when the dialog closes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.clock import today_in_london
from wtsc_desktop.errors import ValidationError, WtscError
from wtsc_desktop.guidance.timescales import rule
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.plan_deadlines import CaseClock, case_clocks
from wtsc_desktop.ui.background import Runner
from wtsc_desktop.ui.dialogs.concern_pages import parse_date
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.formats import date_text
from wtsc_desktop.ui.pdf_buttons import pack_pdf_button
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.form_parts import paragraph, text_box
from wtsc_desktop.ui.widgets.warning_colour import warning_colour

AREA = "referrals"  # the Dashboard's casework clocks


def day_box(name: str, day: dt.date | None = None) -> QLineEdit:
    """A box for a date typed as dd/mm/yyyy, holding ``day`` to start with."""
    box = text_box(name, max_length=20)
    box.setPlaceholderText("dd/mm/yyyy")
    box.setText(date_text(day))
    return box


def day_value(field: str, box: QLineEdit) -> dt.date:
    """The date in ``box``, or ``ValidationError`` naming ``field`` (what was typed stays)."""
    try:
        return parse_date(box.text())
    except ValueError as error:
        raise ValidationError(field, str(error)) from None


def optional_day(field: str, box: QLineEdit) -> dt.date | None:
    """As ``day_value``, but a blank box means no date."""
    return day_value(field, box) if box.text().strip() else None


def clock_heading(clock: CaseClock) -> str:
    """What is due, by when, and the rule: "Initial conference expected by 23/09/2026 —
    T3, 15 working days"."""
    due = date_text(clock.due_on)
    head = clock.title if due in clock.title else f"{clock.title} (due by {due})"
    return f"{head} — {clock.rule_id}, {rule(clock.rule_id).amount} {clock.days_kind}"


def clock_detail(clock: CaseClock) -> str:
    """Which file (for a transfer), the rule's words, whose clock it is and its source."""
    found = rule(clock.rule_id)
    which = f"{clock.detail[:1].upper()}{clock.detail[1:]}. " if clock.kind == "transfer" else ""
    return (
        f"{which}{found.wording} Whose clock: {clock.whose_clock}. "
        f"Source: {clock.source} ({found.edition})."
    )


def clock_label(clock: CaseClock) -> QLabel:
    """A due date with its rule; the setting's own overdue duty in red."""
    heading = clock_heading(clock)
    label = paragraph("")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setText(f"<b>{escape(heading)}</b><br>{escape(clock_detail(clock))}")
    label.setAccessibleName(heading)
    if clock.overdue and clock.settings_duty:
        label.setStyleSheet(f"QLabel {{ color: {warning_colour(label).name()}; }}")
    return label


def open_clocks(signed: SignedIn, child_id: int) -> list[CaseClock]:
    """Every open meeting and transfer clock of one child, whenever due."""
    today = today_in_london(signed.store.clock)
    return case_clocks(signed, today=today, due_by=dt.date.max, child_id=child_id)


def read_only_table(name: str, columns: Sequence[str], *, wide: Sequence[int] = ()) -> QTableWidget:
    """A table of whole rows, one chosen at a time, that nobody types into. The ``wide``
    columns share the width left over and wrap their text; the others fit their contents."""
    table = QTableWidget(0, len(columns))
    table.setAccessibleName(name)
    table.setHorizontalHeaderLabels(list(columns))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)  # Tab moves on to the next control
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    for column in range(len(columns)):
        mode = (
            QHeaderView.ResizeMode.Stretch
            if column in wide
            else QHeaderView.ResizeMode.ResizeToContents
        )
        header.setSectionResizeMode(column, mode)
    header.setStretchLastSection(not wide)
    # Wrapped rows are as tall as their text at the widths the columns end up with.
    header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
    return table


def fit_rows(table: QTableWidget, most: int) -> None:
    """Make ``table`` as tall as its first ``most`` rows (at least one), no taller."""
    rows = max(1, min(table.rowCount(), most))
    height = table.horizontalHeader().height() + 2 * table.frameWidth()
    height += sum(table.rowHeight(r) if r < table.rowCount() else 30 for r in range(rows))
    table.setFixedHeight(height)


def fill_table(table: QTableWidget, rows: Sequence[Sequence[str]]) -> None:
    """Put ``rows`` in ``table``, keeping the chosen row where there still is one."""
    chosen = table.currentRow()
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(text))
    table.resizeRowsToContents()
    if rows:
        table.selectRow(chosen if 0 <= chosen < len(rows) else len(rows) - 1)


class CaseworkDialog(QDialog):
    """One child's casework of a kind. Subclasses lay out ``self.column`` with
    ``finish_layout``, add buttons with ``add_button`` and fill their lists in ``load``."""

    def __init__(
        self,
        signed: SignedIn,
        bus: DataBus | None,
        *,
        child_id: int,
        title: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.signed, self.bus, self.child_id = signed, bus, child_id
        self.form: QDialog | None = None  # the form opened last, for tests and focus
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.column = QVBoxLayout(self)
        self.feedback = FeedbackLabel(self)
        self.buttons = QHBoxLayout()
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close")
        self.close_button.clicked.connect(self.accept)
        self.clocks_box = QVBoxLayout()
        self.due_lines: list[str] = []  # the due dates shown, first lines only
        self.resize(1000, 640)

    def add_button(self, text: str, name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        self.buttons.addWidget(button)
        return button

    def add_pack_button(
        self, what: str, record_id: Callable[[], int | None], runner: Runner | None = None
    ) -> tuple[QCheckBox, QPushButton]:
        """The "Include other children's names" box and the "Save <what> as PDF…" button
        (``pdf_buttons.pack_pdf_button``) for the record ``record_id()``, for the subclass
        to place."""
        include = QCheckBox("&Include other children's names")
        include.setAccessibleName(f"Include other children's names in the {what}")
        include.setToolTip("Left unticked, other children named print as “another child”.")
        button = pack_pdf_button(
            self, self.signed, what, record_id, include.isChecked, self.feedback, runner
        )
        return include, button

    def finish_layout(self) -> None:
        """The clocks, the message line, then the buttons with Close on the right."""
        self.column.addLayout(self.clocks_box)
        self.column.addStretch()
        self.column.addWidget(self.feedback)
        self.buttons.addStretch()
        self.buttons.addWidget(self.close_button)
        self.column.addLayout(self.buttons)
        self.reload()

    def show_clocks(self, clocks: Sequence[CaseClock], nothing: str) -> None:
        while self.clocks_box.count():
            item = self.clocks_box.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        self.due_lines = [clock_heading(c) for c in clocks]
        labels = [clock_label(c) for c in clocks] or [paragraph(nothing, hint=True)]
        for label in labels:
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.clocks_box.addWidget(label)

    def load(self) -> None:
        """Fill the lists from the services (raise ``WtscError`` to show it)."""
        raise NotImplementedError

    def reload(self) -> None:
        try:
            self.load()
        except WtscError as error:
            self.feedback.show_error(error)

    def open_form(self, form: QDialog, done: str, *, also: str = "") -> None:
        """Open a form; once it saves, refresh the lists, announce ``also`` (another area
        the save changed, such as "children" for the plan flag) and say ``done``."""
        self.feedback.clear_message()
        if self.form is not None:
            self.form.deleteLater()
        self.form = form
        form.accepted.connect(lambda: self._saved(done, also))
        form.open()

    def _saved(self, done: str, also: str) -> None:
        if also and self.bus is not None:
            self.bus.announce(also)
        self.reload()
        self.feedback.show_ok(done)

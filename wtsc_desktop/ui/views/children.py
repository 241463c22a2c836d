"""Children: the register as a lazy table (filter box, archived on request, sorting by
name, date of birth or year group), Add child… and Import from CSV…, and each child's
file, opened with Enter or a double-click and left with Back.

``show_child(id)`` opens a file (other sections ask for it with ``open_child``); the file
asks for a concern with ``open_concern``, which this section passes on.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import Action, allowed
from wtsc_desktop.ui.background import Runner, shared_runner
from wtsc_desktop.ui.dialogs.child_dialogs import ChildDialog
from wtsc_desktop.ui.dialogs.child_import_wizard import ChildImportWizard
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.models.children_table import COLUMNS, NAME, SORTS, ChildrenTableModel
from wtsc_desktop.ui.views.base import View
from wtsc_desktop.ui.views.child_file import ChildFileView
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.form_parts import paragraph
from wtsc_desktop.ui.widgets.record_table import set_up_record_table

FILTER_DELAY_MS = 250
REGISTER, FILE = range(2)
# Typical widest text of each column, to size the columns without reading every row.
_SAMPLES = (
    "Siobhán Ó Briain-Kowalska (Siobhan)",
    "due 00/00/0000",
    "Under 12s Red",
    "A123456789012",
)


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    return button


class ChildrenView(View):
    title = "Children"
    needs = Action.VIEW_CHILDREN
    open_concern = Signal(int)

    def __init__(
        self,
        signed: SignedIn,
        bus: DataBus,
        parent: QWidget | None = None,
        *,
        runner: Runner | None = None,
    ) -> None:
        super().__init__(signed, bus, parent)
        self.runner: Runner = runner or shared_runner()
        self.dialog: QDialog | None = None
        self.pages = QStackedWidget()
        self.pages.addWidget(self._build_register())
        self.file_view = ChildFileView(signed, bus)
        self.file_view.back.connect(self.show_register)
        self.file_view.open_concern.connect(self.open_concern.emit)
        self.file_view.show_other.connect(self.show_child)
        self.pages.addWidget(self.file_view)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        bus.changed.connect(self._data_changed)
        self._stale = False
        self.refresh()

    def _build_register(self) -> QWidget:
        page = QWidget()
        heading = QLabel(self.title)
        heading.setObjectName("pageTitle")
        intro = paragraph(
            "Every child on the register. Type to find a child by any name, year group or "
            "pupil id; press Enter or double-click to open their file. Leavers are "
            "archived, never deleted.",
            hint=True,
        )
        self.filter_box = QLineEdit()
        self.filter_box.setAccessibleName("Find a child")
        self.filter_box.setPlaceholderText("Find a child: name, year group or pupil id")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setMinimumWidth(320)
        self.show_archived = QCheckBox("Show a&rchived")
        self.show_archived.setAccessibleName("Show archived children")
        self.add_button = _button("&Add child…", "Add child")
        self.import_button = _button("&Import from CSV…", "Import from CSV")
        may_edit = allowed(self.signed.actor.role, Action.EDIT_CHILDREN)
        self.add_button.setVisible(may_edit)
        self.import_button.setVisible(may_edit)
        tools = QHBoxLayout()
        find_label = QLabel("&Find")
        find_label.setBuddy(self.filter_box)
        for widget in (find_label, self.filter_box, self.show_archived):
            tools.addWidget(widget)
        tools.addStretch()
        tools.addWidget(self.add_button)
        tools.addWidget(self.import_button)

        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of children shown")
        self.model = ChildrenTableModel(self.signed, self)
        self.model.problem.connect(self._problem)
        self.table = QTableView()
        self.table.setAccessibleDescription("Press Enter to open the chosen child's file.")
        set_up_record_table(
            self.table, name="Children", model=self.model, headings=COLUMNS, samples=_SAMPLES
        )
        header = self.table.horizontalHeader()
        header.setSortIndicatorShown(True)
        header.setSortIndicator(NAME, Qt.SortOrder.AscendingOrder)
        header.setSectionsClickable(True)
        metrics = self.table.fontMetrics()
        header.resizeSection(len(_SAMPLES), metrics.horizontalAdvance("CP plan, CIN, Young carer"))
        self.feedback = FeedbackLabel()

        layout = QVBoxLayout(page)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(tools)
        layout.addWidget(self.count_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.feedback)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)
        self.filter_box.textChanged.connect(lambda _text: self._filter_timer.start())
        self.filter_box.returnPressed.connect(self._filter_now)
        self.show_archived.toggled.connect(lambda _on: self.apply_filter())
        header.sectionClicked.connect(self._sort_by)
        self.table.activated.connect(lambda index: self._open_row(index.row()))
        self.add_button.clicked.connect(self._add)
        self.import_button.clicked.connect(self._import)
        return page

    # --- the register ---------------------------------------------------------------

    def refresh(self) -> None:
        """Reload the register (and the open file, if one is shown)."""
        self._stale = False
        self.apply_filter()
        if self.pages.currentIndex() == FILE and self.file_view.child_id is not None:
            self.file_view.show_child(self.file_view.child_id)

    def apply_filter(self) -> None:
        self._filter_timer.stop()
        chosen = self.selected_child_id()
        listing = replace(
            self.model.listing,
            text=self.filter_box.text(),
            include_archived=self.show_archived.isChecked(),
        )
        self.model.set_listing(listing)
        count = self.model.rowCount()
        if count == 0 and listing.text.strip():
            self.count_label.setText("No child matches. Check the spelling, or tick Show archived.")
        elif count == 0:
            self.count_label.setText("No children yet. Add a child, or import your register.")
        else:
            shown = "archived children included" if listing.include_archived else "on the register"
            self.count_label.setText(f"{count:,} child{'ren' if count != 1 else ''} {shown}")
        if chosen is not None:
            self.select_child(chosen)

    def _filter_now(self) -> None:
        self.apply_filter()
        if self.model.rowCount():
            self.table.setFocus()
            if not self.table.selectionModel().hasSelection():
                self.table.selectRow(0)

    def _sort_by(self, column: int) -> None:
        header = self.table.horizontalHeader()
        listing = self.model.listing
        if column not in SORTS:
            # Only name, date of birth and year group sort; keep the arrow where it was.
            current = next(c for c, s in SORTS.items() if s is listing.sort)
            order = (
                Qt.SortOrder.DescendingOrder if listing.descending else Qt.SortOrder.AscendingOrder
            )
            header.setSortIndicator(current, order)
            return
        same = SORTS[column] is listing.sort
        descending = not listing.descending if same else False
        order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
        header.setSortIndicator(column, order)
        self.model.sort(column, order)

    def selected_child_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        child = self.model.child_at(rows[0].row()) if rows else None
        return None if child is None else child.id

    def select_child(self, child_id: int) -> None:
        row = self.model.row_of(child_id)
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def _open_row(self, row: int) -> None:
        child = self.model.child_at(row)
        if child is not None:
            self.show_child(child.id)

    def _data_changed(self, area: str) -> None:
        if area != "children":
            return
        if self.isVisible():
            self.apply_filter()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self.apply_filter()

    def _problem(self, message: str) -> None:
        self.feedback.show_error(message)

    # --- a child's file -------------------------------------------------------------

    def show_child(self, child_id: int) -> None:
        """Open a child's file in this section."""
        self.feedback.clear_message()
        if self.file_view.show_child(child_id):
            self.pages.setCurrentIndex(FILE)
            self.file_view.chronology.table.setFocus()
        else:
            self.feedback.show_error(self.file_view.feedback.text())

    def show_register(self) -> None:
        shown = self.file_view.child_id
        self.pages.setCurrentIndex(REGISTER)
        if shown is not None:
            self.select_child(shown)
        self.table.setFocus()

    # --- adding and importing -------------------------------------------------------

    def _show(self, dialog: QDialog) -> None:
        self.feedback.clear_message()
        if self.dialog is not None:
            self.dialog.deleteLater()  # keep only the latest, for tests and for focus
        self.dialog = dialog
        dialog.finished.connect(lambda _result: self.table.setFocus())
        dialog.open()

    def _add(self) -> None:
        dialog = ChildDialog(self.signed, self.bus, parent=self)

        def added() -> None:
            if dialog.added_id is not None:
                self.select_child(dialog.added_id)
                self.feedback.show_ok(
                    f"{dialog.legal_forename.text().strip()} {dialog.legal_surname.text().strip()} "
                    "is on the register. Press Enter to open their file."
                )

        dialog.accepted.connect(added)
        self._show(dialog)

    def _import(self) -> None:
        wizard = ChildImportWizard(self.signed, self.bus, runner=self.runner, parent=self)

        def imported() -> None:
            if wizard.result_counts is not None:
                self.feedback.show_ok(wizard.result_counts)

        wizard.accepted.connect(imported)
        self._show(wizard)

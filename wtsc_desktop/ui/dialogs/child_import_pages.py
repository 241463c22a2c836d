"""The pages of the CSV import wizard (``child_import_wizard``): choose the file, say which
column holds what, check the preview with every bad row listed, and confirm.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDir
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from wtsc_desktop.errors import WtscError
from wtsc_desktop.services import child_import
from wtsc_desktop.services.child_import import IMPORT_FIELDS, ImportPreview
from wtsc_desktop.services.csv_table import MAX_BYTES, CsvTable, read_table
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.form_parts import paragraph

NOT_IN_FILE = "(not in the file)"


def plural(count: int, one: str, many: str) -> str:
    return f"{count:,} {one if count == 1 else many}"


class FilePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Choose the file")
        self.setSubTitle(
            "Export the pupils or members from your MIS or membership system as a CSV file "
            "(names, date of birth, year group or team, and the pupil or member id)."
        )
        self.data: bytes | None = None
        self.table: CsvTable | None = None
        self.path = QLineEdit()
        self.path.setAccessibleName("File")
        self.path.setPlaceholderText("The CSV file's folder and name")
        self.choose = QPushButton("&Choose file…")
        self.choose.setAccessibleName("Choose file")
        self.described = paragraph("", hint=True)
        self.feedback = FeedbackLabel(self)
        row = QHBoxLayout()
        label = QLabel("&File")
        label.setBuddy(self.path)
        row.addWidget(label)
        row.addWidget(self.path, 1)
        row.addWidget(self.choose)
        column = QVBoxLayout(self)
        column.addLayout(row)
        column.addWidget(self.described)
        column.addWidget(self.feedback)
        column.addStretch()
        self.choose.clicked.connect(self._choose)
        self.path.editingFinished.connect(lambda: self.load(self.path.text()))
        self.file_dialog: QFileDialog | None = None

    def _choose(self) -> None:
        dialog = QFileDialog(self, "Choose the CSV file", QDir.homePath())
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilters(["CSV files (*.csv *.txt)", "All files (*)"])
        dialog.setAccessibleName("Choose the CSV file")
        dialog.fileSelected.connect(self.load)
        self.file_dialog = dialog
        dialog.open()

    def load(self, path: str) -> None:
        """Read and check the file; what is wrong is said here, and Next waits."""
        if path != self.path.text():
            self.path.setText(path)
        self.data, self.table = None, None
        self.described.setText("")
        self.feedback.clear_message()
        if not path.strip():
            self.completeChanged.emit()
            return
        try:
            file = Path(path.strip())
            if file.stat().st_size > MAX_BYTES:
                raise WtscError("That file is too large to be a register export.")
            data = file.read_bytes()
            self.table = read_table(data)
            self.data = data
            self.described.setText(f"{file.name}: {self.table.described()}")
        except WtscError as error:
            self.feedback.show_error(error)
        except OSError as error:
            self.feedback.show_error(
                f"That file cannot be opened ({error.strerror or 'unreadable'}). Check the "
                "folder and name, or choose it with “Choose file…”."
            )
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.table is not None


class MappingPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Say which column holds what")
        self.setSubTitle(
            "The likeliest columns are chosen already: check them against the example "
            "from the file's first row. Fields marked “needed” must have a column."
        )
        self.form = QFormLayout(self)
        self.boxes: dict[str, QComboBox] = {}
        self.examples: dict[str, QLabel] = {}
        self.table: CsvTable | None = None
        for field in IMPORT_FIELDS:
            box = QComboBox()
            box.setAccessibleName(f"Column for {field.label.lower()}")
            box.setMinimumContentsLength(24)
            example = QLabel()
            example.setObjectName("hint")
            row = QWidget()
            line = QHBoxLayout(row)
            line.setContentsMargins(0, 0, 0, 0)
            line.addWidget(box)
            line.addWidget(example, 1)
            row.setFocusProxy(box)
            label = field.label + (" (needed)" if field.required else "")
            self.form.addRow(label, row)
            self.boxes[field.key] = box
            self.examples[field.key] = example
            box.currentIndexChanged.connect(self._changed)
        self.note = paragraph(
            "A later import finds each child again by their pupil or member id, and "
            "updates them. A blank cell never erases what is already recorded.",
            hint=True,
        )
        self.form.addRow(self.note)

    def use(self, table: CsvTable) -> None:
        """Offer the file's columns, with the best guesses chosen."""
        if self.table is table:
            return
        self.table = table
        guesses = child_import.guess_mapping(table.headers)
        for key, box in self.boxes.items():
            box.blockSignals(True)
            box.clear()
            box.addItem(NOT_IN_FILE, None)
            for header in table.headers:
                box.addItem(header, header)
            box.setCurrentIndex(max(box.findData(guesses.get(key)), 0) if key in guesses else 0)
            box.blockSignals(False)
        self._changed()

    def mapping(self) -> dict[str, str]:
        return {k: box.currentData() for k, box in self.boxes.items() if box.currentData()}

    def _changed(self) -> None:
        first = self.table.rows[0].cells if self.table and self.table.rows else ()
        for key, box in self.boxes.items():
            header = box.currentData()
            text = ""
            if header and self.table is not None:
                cell = first[self.table.headers.index(header)]
                text = f"e.g. “{cell[:40]}”" if cell else "(blank in the first row)"
            self.examples[key].setText(text)
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        chosen = self.mapping()
        return all(f.key in chosen for f in IMPORT_FIELDS if f.required)


class PreviewPage(QWizardPage):
    def __init__(self, start: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Check the preview")
        self.setSubTitle("Nothing has been written yet.")
        self._start = start
        self.preview: ImportPreview | None = None
        self.counts = paragraph("")
        self.counts.setAccessibleName("What the import will do")
        self.bad_title = QLabel("Rows with problems (they will be skipped):")
        self.bad = QTableWidget(0, 3)
        self.bad.setAccessibleName("Rows with problems")
        self.bad.setHorizontalHeaderLabels(("Line", "Id or name", "Problem"))
        self.bad.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.bad.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.bad.setTabKeyNavigation(False)
        self.bad.setWordWrap(True)
        self.bad.verticalHeader().hide()
        header = self.bad.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.feedback = FeedbackLabel(self)
        column = QVBoxLayout(self)
        column.addWidget(self.counts)
        column.addWidget(self.bad_title)
        column.addWidget(self.bad, 1)
        column.addWidget(self.feedback)

    def initializePage(self) -> None:
        self.preview = None
        self.bad.setRowCount(0)
        self.bad_title.hide()
        self.bad.hide()
        self.feedback.clear_message()
        self.counts.setText("Checking every row…")
        self._start()

    def show_preview(self, preview: ImportPreview) -> None:
        self.preview = preview
        update = len(preview.to_update)
        lines = [
            f"{plural(len(preview.to_add), 'child', 'children')} to add.",
            f"{plural(update, 'child', 'children')} already on the register, found by "
            f"their id: {preview.unchanged:,} unchanged, {update - preview.unchanged:,} to update.",
        ]
        if preview.bad_rows:
            lines.append(
                f"{plural(len(preview.bad_rows), 'row has a problem', 'rows have problems')}: "
                "listed below, and skipped. Correct them in your system and import again "
                "later."
            )
        else:
            lines.append("No row has a problem.")
        self.counts.setText("\n".join(lines))
        self.bad.setRowCount(len(preview.bad_rows))
        for row, bad in enumerate(preview.bad_rows):
            for column, text in enumerate((str(bad.line), bad.label, bad.reason)):
                self.bad.setItem(row, column, QTableWidgetItem(text))
        self.bad.resizeRowsToContents()
        self.bad_title.setVisible(bool(preview.bad_rows))
        self.bad.setVisible(bool(preview.bad_rows))
        if not preview.to_add and not preview.to_update:
            self.feedback.show_error("There is nothing to import: every row has a problem.")
        self.completeChanged.emit()

    def show_problem(self, error: BaseException) -> None:
        self.counts.setText("")
        self.feedback.show_error(str(error))
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self.preview is not None and bool(self.preview.to_add or self.preview.to_update)


class ConfirmPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Import")
        self.setSubTitle("The last step: nothing is written until you press Import.")
        self.summary = paragraph("")
        self.summary.setAccessibleName("Summary")
        self.feedback = FeedbackLabel(self)
        column = QVBoxLayout(self)
        column.addWidget(self.summary)
        column.addWidget(self.feedback)
        column.addStretch()

    def describe(self, preview: ImportPreview) -> None:
        changed = len(preview.to_update) - preview.unchanged
        skipped = len(preview.bad_rows)
        self.summary.setText(
            f"Press Import to add {plural(len(preview.to_add), 'child', 'children')} and "
            f"update {plural(changed, 'child', 'children')}, all in one go"
            + (
                f"; {plural(skipped, 'row', 'rows')} with problems will be skipped."
                if skipped
                else "."
            )
            + "\n\nIf anything goes wrong, nothing is written at all."
        )
        self.feedback.clear_message()

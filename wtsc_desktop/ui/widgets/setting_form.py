"""A form built from setting declarations (``services.settings.SETTINGS``).

Each declaration gives the label, the help line, the kind of box and its choices, so a
setting is described once and every screen that asks for it (the setup wizard, the
Settings screen) shows the same words. Values are checked with ``settings.clean_value``,
so the rules are the service's, not the form's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.errors import ValidationError
from wtsc_desktop.services.settings import SettingSpec, clean_value, format_date_ranges

_LINES = {"multiline": 3, "date_ranges": 4}
_PLACEHOLDERS = {
    "date_ranges": "dd/mm/yyyy - dd/mm/yyyy",
}


def _editor(spec: SettingSpec, parent: QWidget) -> QWidget:
    editor: QWidget
    if spec.kind in ("multiline", "date_ranges"):
        box = QPlainTextEdit(parent)
        box.setTabChangesFocus(True)  # Tab leaves the box: keyboard users must get out
        lines = _LINES[spec.kind]
        height = box.fontMetrics().lineSpacing() * lines + 14
        box.setFixedHeight(height)
        box.setPlaceholderText(_PLACEHOLDERS.get(spec.kind, ""))
        editor = box
    elif spec.kind == "choice":
        combo = QComboBox(parent)
        for value, label in (spec.choices or {}).items():
            combo.addItem(label, value)
        editor = combo
    elif spec.kind == "int":
        spin = QSpinBox(parent)
        spin.setRange(spec.minimum, spec.maximum)
        editor = spin
    elif spec.kind == "bool":
        editor = QCheckBox(spec.label, parent)
    else:
        line = QLineEdit(parent)
        line.setMaxLength(2000)
        editor = line
    editor.setObjectName(spec.key)
    editor.setAccessibleName(spec.label)
    if spec.help:
        editor.setAccessibleDescription(spec.help)
    return editor


class SettingForm(QWidget):
    """Labelled boxes for ``specs``, in order, with each setting's help under its box."""

    def __init__(self, specs: Iterable[SettingSpec], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.specs = {spec.key: spec for spec in specs}
        self.editors: dict[str, QWidget] = {}
        self._rows: dict[str, QWidget] = {}
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in self.specs.values():
            editor = _editor(spec, self)
            self.editors[spec.key] = editor
            field: QWidget = editor
            if spec.help:
                field = QWidget(self)
                column = QVBoxLayout(field)
                column.setContentsMargins(0, 0, 0, 0)
                column.setSpacing(2)
                editor.setParent(field)
                column.addWidget(editor)
                hint = QLabel(spec.help, field)
                hint.setObjectName("hint")
                hint.setWordWrap(True)
                column.addWidget(hint)
            self._rows[spec.key] = field
            if spec.kind == "bool":
                self.form.addRow(field)
            else:
                label = QLabel(spec.label, self)
                label.setBuddy(editor)
                self.form.addRow(label, field)
            self.set_value(spec.key, spec.default)

    # --- values -------------------------------------------------------------------

    def raw_value(self, key: str) -> Any:
        """What the box holds, as typed (text for text boxes, the key for choices)."""
        editor = self.editors[key]
        if isinstance(editor, QPlainTextEdit):
            return editor.toPlainText()
        if isinstance(editor, QComboBox):
            return editor.currentData()
        if isinstance(editor, QSpinBox):
            return editor.value()
        if isinstance(editor, QCheckBox):
            return editor.isChecked()
        assert isinstance(editor, QLineEdit)
        return editor.text()

    def set_value(self, key: str, value: Any) -> None:
        editor = self.editors[key]
        spec = self.specs[key]
        if isinstance(editor, QPlainTextEdit):
            text = format_date_ranges(value) if spec.kind == "date_ranges" else str(value)
            editor.setPlainText(text)
        elif isinstance(editor, QComboBox):
            index = editor.findData(value)
            editor.setCurrentIndex(max(index, 0))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        elif isinstance(editor, QCheckBox):
            editor.setChecked(bool(value))
        else:
            assert isinstance(editor, QLineEdit)
            editor.setText(str(value))

    def applies(self, key: str, organisation_type: str | None) -> bool:
        only_for = self.specs[key].only_for
        return not only_for or organisation_type in only_for

    def show_for(self, organisation_type: str | None) -> None:
        """Show only the settings that apply to this type of organisation."""
        for key, field in self._rows.items():
            self.form.setRowVisible(field, self.applies(key, organisation_type))

    def clean_values(self, organisation_type: str | None = None) -> dict[str, Any]:
        """Every applicable value in its stored form.

        Raises the service's ValidationError for the first box that is wrong, after
        putting the keyboard focus in that box; what was typed stays as it was.
        """
        values: dict[str, Any] = {}
        for key, spec in self.specs.items():
            if not self.applies(key, organisation_type):
                continue
            try:
                values[key] = clean_value(spec, self.raw_value(key))
            except ValidationError as error:
                self.editors[key].setFocus()
                if error.field == key and not str(error).startswith(spec.label):
                    raise ValidationError(key, f"{spec.label}: {error}") from None
                raise
        return values

"""Boxes built from setting declarations (``services.settings.SETTINGS``).

Each declaration gives the label, the help line, the kind of box and its choices, so a
setting is described once and every screen that asks for it (the setup wizard, the
Settings screen) shows the same words and the same boxes. Values are checked with
``settings.clean_value``, so the rules are the service's, not the form's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.errors import ValidationError
from wtsc_desktop.services.settings import SettingSpec, clean_value, format_date_ranges
from wtsc_desktop.ui.widgets.form_parts import paragraph

_LINES = {"multiline": 3, "date_ranges": 4}
_PLACEHOLDERS = {"date_ranges": "For example: 01/09/2026 - 23/10/2026"}


def help_text(spec: SettingSpec) -> str:
    """The help line under a setting's box (a number's limits included)."""
    if spec.kind == "int":
        limits = f"A whole number from {spec.minimum} to {spec.maximum}."
        return f"{spec.help} {limits}".strip()
    return spec.help


def setting_editor(spec: SettingSpec) -> QWidget:
    """The box for one setting. Numbers are typed as text, so that a mistyped one is
    kept on screen with a message rather than silently corrected."""
    editor: QWidget
    if spec.kind in _LINES:
        box = QPlainTextEdit()
        box.setTabChangesFocus(True)  # keyboard users must be able to leave the box
        box.setFixedHeight(box.fontMetrics().lineSpacing() * _LINES[spec.kind] + 24)
        box.setPlaceholderText(_PLACEHOLDERS.get(spec.kind, ""))
        editor = box
    elif spec.kind == "choice":
        combo = QComboBox()
        for value, label in (spec.choices or {}).items():
            combo.addItem(label, value)
        editor = combo
    elif spec.kind == "bool":
        editor = QCheckBox(spec.label)
    else:
        line = QLineEdit()
        line.setMaxLength(2000)
        if spec.kind == "int":
            line.setMaximumWidth(line.fontMetrics().horizontalAdvance("0000000") + 20)
            line.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
        editor = line
    editor.setObjectName(spec.key)
    editor.setAccessibleName(spec.label)
    if help_text(spec):
        editor.setAccessibleDescription(help_text(spec))
    return editor


def add_setting_row(form: QFormLayout, spec: SettingSpec, editor: QWidget) -> QWidget:
    """Add ``editor`` to ``form`` with its label and its help under it; returns the row's
    field (to show or hide the row)."""
    field = editor
    if help_text(spec):
        field = QWidget()
        column = QVBoxLayout(field)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(editor)
        column.addWidget(paragraph(help_text(spec), hint=True))
        field.setFocusProxy(editor)
    if spec.kind == "bool":
        form.addRow(field)
    else:
        label = QLabel(spec.label)
        label.setWordWrap(True)
        label.setBuddy(editor)
        form.addRow(label, field)
    return field


def shown_value(spec: SettingSpec, value: Any) -> Any:
    """A stored value as its box shows it (text for text, numbers and dates)."""
    if spec.kind == "date_ranges":
        return format_date_ranges(value)
    if spec.kind in ("bool", "choice"):
        return value
    return str(value)


def raw_value(editor: QWidget) -> Any:
    """What a setting's box holds, as typed (text for text boxes, the key for choices)."""
    if isinstance(editor, QPlainTextEdit):
        return editor.toPlainText()
    if isinstance(editor, QComboBox):
        return editor.currentData()
    if isinstance(editor, QCheckBox):
        return editor.isChecked()
    assert isinstance(editor, QLineEdit)
    return editor.text()


def set_raw_value(editor: QWidget, value: Any) -> None:
    """Put ``value`` (as ``shown_value`` gives it) in a setting's box."""
    if isinstance(editor, QPlainTextEdit):
        editor.setPlainText(str(value))
    elif isinstance(editor, QComboBox):
        editor.setCurrentIndex(max(editor.findData(value), 0))
    elif isinstance(editor, QCheckBox):
        editor.setChecked(bool(value))
    else:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(value))


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
            editor = setting_editor(spec)
            self.editors[spec.key] = editor
            self._rows[spec.key] = add_setting_row(self.form, spec, editor)
            self.set_value(spec.key, spec.default)

    # --- values -------------------------------------------------------------------

    def raw_value(self, key: str) -> Any:
        """What the box holds, as typed (text for text boxes, the key for choices)."""
        return raw_value(self.editors[key])

    def set_value(self, key: str, value: Any) -> None:
        """Show a stored value in its box."""
        set_raw_value(self.editors[key], shown_value(self.specs[key], value))

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

"""Settings: built entirely from the declarations in ``services.settings.SETTINGS``, saved
with one button; and, beside them, the backups.

A setting that applies only to some types of organisation is shown only for those. What
the DSL typed stays on screen when a value is refused, and survives a lock as a draft.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.errors import ValidationError, WtscError
from wtsc_desktop.services import settings
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.services.settings import SPECS
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.views.base import View
from wtsc_desktop.ui.widgets.backup_panel import BackupPanel
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.form_parts import paragraph
from wtsc_desktop.ui.widgets.setting_form import (
    add_setting_row,
    raw_value,
    set_raw_value,
    setting_editor,
    shown_value,
)

ORG_TYPE = "org.type"


class SettingsView(View):
    title = "Settings"
    needs = Action.CHANGE_SETTINGS

    def __init__(self, signed: SignedIn, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(signed, bus, parent)
        heading = QLabel(self.title)
        heading.setObjectName("pageTitle")
        intro = paragraph(
            "Your organisation's details, local contacts and term dates. The app uses them "
            "on printed records and to count deadlines. Change what you need, then press "
            "Save changes.",
            hint=True,
        )
        self.editors: dict[str, QWidget] = {}
        self._rows: dict[str, tuple[QFormLayout, QWidget]] = {}
        self._saved: dict[str, Any] = {}

        metrics = self.fontMetrics()
        self._label_width = min(
            max(metrics.horizontalAdvance(spec.label) for spec in settings.SETTINGS) + 8,
            metrics.averageCharWidth() * 36,
        )
        form_page = QWidget()
        form_column = QVBoxLayout(form_page)
        for section in dict.fromkeys(spec.section for spec in settings.SETTINGS):
            form_column.addWidget(self._section(section))
        form_column.addStretch()
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(form_page)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)

        self.save_button = QPushButton("&Save changes")
        self.save_button.setAccessibleName("Save changes")
        self.undo_button = QPushButton("&Undo changes")
        self.undo_button.setAccessibleName("Undo changes")
        self.feedback = FeedbackLabel()
        bar = QHBoxLayout()
        for button in (self.undo_button, self.save_button):
            button.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Fixed)
        bar.addWidget(self.feedback, 1)
        bar.addStretch(0)  # takes the room while there is no message
        bar.addWidget(self.undo_button, 0, Qt.AlignmentFlag.AlignTop)
        bar.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)

        left = QVBoxLayout()
        left.addWidget(self.scroll_area, 1)
        left.addLayout(bar)
        self.backups = BackupPanel(signed, bus)
        right = QVBoxLayout()
        right.addWidget(self.backups)
        right.addStretch()
        columns = QHBoxLayout()
        columns.addLayout(left, 3)
        columns.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(columns, 1)

        self.save_button.clicked.connect(self.save)
        self.undo_button.clicked.connect(self.undo_changes)
        org_type = self.editors[ORG_TYPE]
        assert isinstance(org_type, QComboBox)
        org_type.currentIndexChanged.connect(lambda _i: self._show_applicable())
        bus.changed.connect(self._data_changed)
        self.refresh()

    def _section(self, section: str) -> QGroupBox:
        box = QGroupBox(section)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for spec in settings.SETTINGS:
            if spec.section != section:
                continue
            editor = setting_editor(spec)
            self.editors[spec.key] = editor
            field = add_setting_row(form, spec, editor)
            label = form.labelForField(field)
            if label is not None:
                # One label width for every section, so the boxes line up down the page.
                label.setMinimumWidth(self._label_width)
            self._rows[spec.key] = (form, field)
        return box

    # --- values -------------------------------------------------------------------

    def raw_value(self, key: str) -> Any:
        """What the box holds, as typed."""
        return raw_value(self.editors[key])

    def set_raw_value(self, key: str, value: Any) -> None:
        set_raw_value(self.editors[key], value)

    def applies(self, key: str) -> bool:
        only_for = SPECS[key].only_for
        return not only_for or self.raw_value(ORG_TYPE) in only_for

    def _show_applicable(self) -> None:
        for key, (form, field) in self._rows.items():
            form.setRowVisible(field, self.applies(key))

    def changes(self) -> dict[str, Any]:
        """The values changed since the last load or save, as typed (shown settings only)."""
        return {
            key: self.raw_value(key)
            for key in self.editors
            if self.applies(key) and self.raw_value(key) != self._saved.get(key)
        }

    # --- loading and saving -------------------------------------------------------

    def refresh(self) -> None:
        """Load the stored values; a box the DSL has changed keeps what they typed."""
        try:
            stored = settings.read_settings(self.signed)
        except WtscError as error:
            self.feedback.show_error(error)
            return
        edited = set(self.changes()) if self._saved else set()
        for key, spec in SPECS.items():
            value = shown_value(spec, stored[key])
            if key not in edited:
                self.set_raw_value(key, value)
            self._saved[key] = value
        self._show_applicable()

    def _data_changed(self, area: str) -> None:
        if area == "settings":
            self.refresh()

    def save(self) -> None:
        self.feedback.clear_message()
        changes = self.changes()
        if not changes:
            self.feedback.show_ok("Nothing to save: no setting has been changed.")
            return
        try:
            changed = settings.update_settings(self.signed, changes=changes)
        except ValidationError as error:
            self._point_at(error)
            return
        except WtscError as error:
            self.feedback.show_error(error)
            return
        self._saved.clear()
        self.refresh()
        self.bus.announce("settings")
        labels = ", ".join(SPECS[key].label for key in changed) or "nothing new"
        self.feedback.show_ok(f"Saved: {labels}.")

    def _point_at(self, error: ValidationError) -> None:
        """Say what is wrong, naming the setting, and put the cursor in its box."""
        spec = SPECS.get(error.field)
        message = str(error)
        if spec is not None and spec.label not in message:
            message = f"{spec.label}: {message}"
        self.feedback.show_error(message)
        editor = self.editors.get(error.field)
        if editor is not None:
            self.scroll_area.ensureWidgetVisible(editor, 50, 80)
            editor.setFocus()

    def undo_changes(self) -> None:
        for key, value in self._saved.items():
            self.set_raw_value(key, value)
        self._show_applicable()
        self.feedback.show_ok("Your changes were undone.")

    # --- drafts -------------------------------------------------------------------

    def draft_state(self) -> dict[str, Any] | None:
        changes = self.changes()
        return {"changes": changes} if changes else None

    def restore_draft(self, state: dict[str, Any]) -> None:
        for key, value in dict(state.get("changes", {})).items():
            if key in self.editors:
                self.set_raw_value(key, value)
        self._show_applicable()

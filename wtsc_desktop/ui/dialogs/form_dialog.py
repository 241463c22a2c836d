"""A dialog that saves through a service when its OK button is pressed.

A service's refusal (``WtscError``) is shown on the dialog's feedback line and the box it
names gets the keyboard focus; nothing typed is cleared, and the dialog stays open. Any
other exception is a bug and propagates to the crash handler. On success the dialog
announces the area it changed on the data bus, then closes.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.errors import ValidationError, WtscError
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.form_parts import dialog_buttons


class FormDialog(QDialog):
    """Subclasses fill ``self.form``, map error fields to boxes in ``self.fields``, and
    implement ``save``."""

    area = ""  # the data-bus area announced after a successful save

    def __init__(
        self,
        signed: SignedIn,
        bus: DataBus | None,
        *,
        title: str,
        ok_text: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.signed = signed
        self.bus = bus
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(560)
        self.fields: dict[str, QWidget] = {}
        self.column = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.feedback = FeedbackLabel(self)
        self.buttons = dialog_buttons(self, ok_text)
        self.buttons.accepted.connect(self.submit)

    def showEvent(self, event: QShowEvent) -> None:
        # Wrapped explanations need their height worked out for the width the dialog has;
        # the plain size hint would cut their last lines off.
        super().showEvent(event)
        if self.column.hasHeightForWidth():
            width = max(self.width(), self.minimumWidth())
            needed = self.column.totalHeightForWidth(width)
            if needed > self.height():
                self.resize(width, needed)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def finish_layout(self, *above: QWidget) -> None:
        """Lay out: the widgets given (an introduction), the form, the feedback, the buttons."""
        for widget in above:
            self.column.addWidget(widget)
        self.column.addLayout(self.form)
        self.column.addWidget(self.feedback)
        self.column.addStretch()
        self.column.addWidget(self.buttons)

    def save(self) -> None:
        """Call the service; raise WtscError to keep the dialog open with a message."""
        raise NotImplementedError

    def submit(self) -> None:
        self.feedback.clear_message()
        try:
            self.save()
        except WtscError as error:
            self.show_problem(error)
            return
        if self.area and self.bus is not None:
            self.bus.announce(self.area)
        self.accept()

    def show_problem(self, error: WtscError) -> None:
        self.feedback.show_error(error)
        field = error.field if isinstance(error, ValidationError) else ""
        box = self.fields.get(field)
        if box is not None:
            box.setFocus()
            if isinstance(box, QLineEdit):
                box.selectAll()

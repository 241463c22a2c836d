"""Mark a triage action done, with what came of it (DSL and deputies)."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QWidget

from wtsc_desktop.services import triage
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.triage import ActionView
from wtsc_desktop.ui.dialogs.form_dialog import FormDialog
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.formats import date_text
from wtsc_desktop.ui.widgets.form_parts import paragraph


class CompleteActionDialog(FormDialog):
    area = "triage"

    def __init__(
        self, signed: SignedIn, bus: DataBus | None, action: ActionView, parent: QWidget | None
    ) -> None:
        super().__init__(
            signed, bus, title="Mark an action done", ok_text="Mark done", parent=parent
        )
        self.action = action
        self.note = QPlainTextEdit()
        self.note.setAccessibleName("What came of it")
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText("For example: spoke to the front door; reference 4471.")
        self.note.setFixedHeight(110)
        self.form.addRow("&What came of it (optional)", self.note)
        self.fields["note"] = self.note
        self.finish_layout(
            paragraph(
                f"“{action.description}” — {action.owner}, due {date_text(action.due_on)} "
                f"(concern {action.concern_id}). Your name and the time are recorded with it."
            )
        )

    def save(self) -> None:
        triage.complete_action(
            self.signed, action_id=self.action.id, note=self.note.toPlainText().strip()
        )

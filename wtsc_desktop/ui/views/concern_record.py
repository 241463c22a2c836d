"""One concern's record: the whole record of concern as written, its attachments (view an
image or text file here, or save a copy), its addenda, and — for the DSL and deputies —
the triage decisions with their actions, which they can mark done.

The record is never edited here: "Add an addendum…" adds a later fact or a correction,
and "Triage…" adds a decision. Opening a record is audited by the service.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.clock import today_in_london
from wtsc_desktop.errors import WtscError
from wtsc_desktop.guidance.referral_routes import ReferralRoute
from wtsc_desktop.services import concerns, inbox, triage
from wtsc_desktop.services.concern_types import ConcernRecord
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import Action, allowed
from wtsc_desktop.services.triage import ActionView, DecisionView
from wtsc_desktop.ui.dialogs.addendum_dialog import AddendumDialog
from wtsc_desktop.ui.dialogs.complete_action import CompleteActionDialog
from wtsc_desktop.ui.dialogs.referral_wizard import ReferralWizard, referral_decisions
from wtsc_desktop.ui.dialogs.triage_draft import restore_wizard, wizard_draft
from wtsc_desktop.ui.dialogs.triage_wizard import TriageWizard
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.formats import date_text
from wtsc_desktop.ui.pdf_buttons import concern_pdf_button
from wtsc_desktop.ui.views.concern_record_text import (
    BODY_MAP,
    RecordText,
    body_map_picture,
    record_html,
)
from wtsc_desktop.ui.widgets.attachments_panel import AttachmentsPanel
from wtsc_desktop.ui.widgets.concern_route_box import ConcernRouteBox
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.warning_colour import warning_colour


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    return button


def _list(name: str) -> QListWidget:
    box = QListWidget()
    box.setAccessibleName(name)
    box.setWordWrap(True)
    return box


class ConcernRecordView(QWidget):
    """``back_requested`` asks the Concerns section to show its list again."""

    back_requested = Signal()
    open_child = Signal(int)  # a child's file (DSL and deputies), for the Children section

    def __init__(self, signed: SignedIn, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.signed = signed
        self.bus = bus
        self.leads = allowed(signed.actor.role, Action.TRIAGE)
        self.record: ConcernRecord | None = None
        self.decisions: list[DecisionView] = []
        self.dialog: QDialog | None = None
        self._stale = False
        self.setAccessibleName("Concern record")

        self.back_button = _button("← &Back to the list", "Back to the list of concerns")
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.urgent_label = QLabel("Urgent: the child was said to be in immediate danger")
        self.urgent_label.setObjectName("urgent")
        self.addendum_button = _button("Add an &addendum…", "Add an addendum")
        self.acknowledge_button = _button("Ac&knowledge", "Acknowledge this concern")
        self.triage_button = _button("&Triage…", "Triage this concern")
        self.refer_button = _button("&Refer…", "Make a referral for this concern's child")
        self.child_button = _button("C&hild's file", "Open a child's file")
        self.child_menu = QMenu(self.child_button)
        self.child_menu.setAccessibleName("Children in this concern")
        self.child_button.setMenu(self.child_menu)
        top = QHBoxLayout()
        top.addWidget(self.back_button)
        top.addWidget(self.heading)
        top.addWidget(self.urgent_label)
        top.addStretch()
        top.addWidget(self.addendum_button)
        self.feedback = FeedbackLabel()
        self.pdf_button = concern_pdf_button(
            self, signed, lambda: None if self.record is None else self.record.id, self.feedback
        )
        top.addWidget(self.pdf_button)
        if self.leads:
            top.addWidget(self.child_button)
            top.addWidget(self.acknowledge_button)
            top.addWidget(self.triage_button)
            top.addWidget(self.refer_button)
        else:
            for hidden in (
                self.child_button,
                self.acknowledge_button,
                self.triage_button,
                self.refer_button,
            ):
                hidden.setParent(self)
                hidden.hide()

        self.text = RecordText()
        self.text.setAccessibleName("The record of concern")
        self.text.setOpenLinks(False)
        self.text.setTabChangesFocus(True)

        self.attachments_panel = AttachmentsPanel(signed)

        self.action_list = _list("Open actions")
        self.done_button = _button("&Mark done…", "Mark the action done")
        self.actions_box = QGroupBox("Open actions")
        actions_column = QVBoxLayout(self.actions_box)
        actions_column.addWidget(self.action_list)
        actions_column.addWidget(self.done_button, 0, Qt.AlignmentFlag.AlignLeft)

        self.route_box = ConcernRouteBox(signed, bus)
        self.route_box.referral_requested.connect(
            lambda route: self.start_referral(route=ReferralRoute(route))
        )
        side = QVBoxLayout()
        side.addWidget(self.attachments_panel)
        if self.leads:
            side.addWidget(self.actions_box)
        else:
            self.actions_box.setParent(self)
            self.actions_box.hide()
        side.addWidget(self.feedback)
        side.addStretch()
        side_panel = QWidget()
        side_panel.setLayout(side)
        side_panel.setFixedWidth(340)

        body = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.route_box)
        left.addWidget(self.text, 1)
        body.addLayout(left, 1)
        body.addWidget(side_panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(body, 1)

        self.back_button.clicked.connect(self.back_requested)
        self.addendum_button.clicked.connect(self.add_addendum)
        self.acknowledge_button.clicked.connect(self.acknowledge)
        self.triage_button.clicked.connect(self.start_triage)
        self.refer_button.clicked.connect(self.start_referral)
        self.done_button.clicked.connect(self.mark_done)
        self.action_list.itemActivated.connect(lambda _item: self.mark_done())
        self.action_list.currentRowChanged.connect(lambda _row: self._enable())
        bus.changed.connect(self._data_changed)
        self._enable()

    # --- loading ------------------------------------------------------------------

    @property
    def concern_id(self) -> int | None:
        return None if self.record is None else self.record.id

    def show_concern(self, concern_id: int) -> bool:
        """Load and show one concern; False (with the reason shown) if it cannot be read."""
        self.feedback.clear_message()
        try:
            record = concerns.get_concern(self.signed, concern_id=concern_id)
            decisions = (
                triage.decisions_for(self.signed, concern_id=concern_id) if self.leads else []
            )
        except WtscError as error:
            self.feedback.show_error(error)
            return False
        same = self.record is not None and self.record.id == record.id
        self.record, self.decisions = record, decisions
        self._stale = False
        self._fill(keep_place=same)
        return True

    def clear(self) -> None:
        self.record, self.decisions = None, []
        self.text.clear()
        self.child_menu.clear()
        self.attachments_panel.show_attachments(())
        self.route_box.show_concern(None)
        self.action_list.clear()
        self._enable()

    def _fill(self, *, keep_place: bool) -> None:
        record = self.record
        assert record is not None
        self.heading.setText(f"Concern {record.id}")
        self.heading.setAccessibleName(f"Concern {record.id}")
        self.urgent_label.setVisible(record.urgent)
        # Re-read after a change, the reader keeps their place; another concern starts at the top.
        scroll = self.text.verticalScrollBar().value() if keep_place else 0
        self.text.body_map = body_map_picture(record.marks) if record.marks else None
        self.text.setHtml(
            record_html(
                record,
                self.decisions if self.leads else None,
                body_map=BODY_MAP if record.marks else "",
            )
        )
        self.text.verticalScrollBar().setValue(scroll)
        self.child_menu.clear()
        for child in record.children:
            if child.child_id is not None:
                chosen = self.child_menu.addAction(f"{child.name} — {child.part.label.lower()}")
                chosen.triggered.connect(partial(self.open_child.emit, child.child_id))
        self.attachments_panel.show_attachments(record.attachments)
        self.route_box.show_concern(record.id)
        self.action_list.clear()
        open_actions = [a for d in self.decisions for a in d.actions if a.done_at is None]
        today = today_in_london(self.signed.store.clock)
        for action in sorted(open_actions, key=lambda a: a.due_on):
            late = action.due_on < today
            item = QListWidgetItem(
                f"{action.description} — {action.owner}, due {date_text(action.due_on)}"
                + (" (overdue)" if late else "")
            )
            item.setData(Qt.ItemDataRole.UserRole, action)
            if late:
                item.setForeground(warning_colour(self))
            self.action_list.addItem(item)
        if not open_actions:
            self.action_list.addItem(self._placeholder("No open actions."))
        self._enable()

    @staticmethod
    def _placeholder(text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        return item

    # --- across a lock ------------------------------------------------------------

    def draft_state(self) -> dict[str, Any] | None:
        """The addendum or triage being written here, with its concern, or None."""
        dialog = self.dialog
        if self.record is None or dialog is None or not dialog.isVisible():
            return None
        if isinstance(dialog, AddendumDialog) and (typed := dialog.draft()):
            return {"concern_id": self.record.id, "addendum": typed}
        if isinstance(dialog, TriageWizard) and (answers := wizard_draft(dialog)):
            return {"concern_id": self.record.id, "triage": answers}
        return None

    def restore_draft(self, state: dict[str, Any]) -> None:
        """Open the concern again, and the addendum or triage with what was typed."""
        concern_id = state.get("concern_id")
        if not isinstance(concern_id, int) or not self.show_concern(concern_id):
            return
        if isinstance(state.get("addendum"), dict):
            self.add_addendum()
            if isinstance(self.dialog, AddendumDialog):
                self.dialog.restore(state["addendum"])
        elif isinstance(state.get("triage"), dict):
            self.start_triage()
            if isinstance(self.dialog, TriageWizard):
                restore_wizard(self.dialog, state["triage"])

    def _data_changed(self, area: str) -> None:
        if area not in ("concerns", "triage") or self.record is None:
            return
        # Reading a record is audited: re-read it when it is in front of someone.
        if self.isVisible():
            self.show_concern(self.record.id)
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale and self.record is not None:
            self.show_concern(self.record.id)

    def _enable(self) -> None:
        has = self.record is not None
        self.addendum_button.setEnabled(has)
        self.triage_button.setEnabled(has)
        self.refer_button.setEnabled(has and not self.child_menu.isEmpty())
        self.acknowledge_button.setEnabled(has and not self._seen())
        self.child_button.setEnabled(has and not self.child_menu.isEmpty())
        self.done_button.setEnabled(self.selected_action() is not None)

    def _seen(self) -> bool:
        return self.record is not None and self.record.acknowledged_at is not None

    def selected_action(self) -> ActionView | None:
        item = self.action_list.currentItem()
        value = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        return value if isinstance(value, ActionView) else None

    # --- what can be done -----------------------------------------------------------

    def _open(self, dialog: QDialog, done: str) -> None:
        self.feedback.clear_message()
        if self.dialog is not None:
            self.dialog.deleteLater()  # keep only the latest, for tests and for focus
        self.dialog = dialog
        dialog.accepted.connect(lambda: self.feedback.show_ok(done))
        dialog.open()

    def add_addendum(self) -> None:
        if self.record is not None:
            self._open(
                AddendumDialog(self.signed, self.bus, self.record.id, self),
                "The addendum was added with your name and the time.",
            )

    def start_triage(self) -> None:
        if self.record is not None and self.leads:
            try:
                wizard = TriageWizard(
                    self.signed, self.bus, self.record, self, decisions=self.decisions
                )
            except WtscError as error:
                self.feedback.show_error(error)
                return
            self._open(wizard, "The decision was recorded.")

    def start_referral(self, *, route: ReferralRoute | None = None) -> None:
        if self.record is not None and self.leads:
            children = [
                (child.child_id, child.name)
                for child in self.record.children
                if child.child_id is not None
            ]
            wizard = ReferralWizard(
                self.signed,
                self.bus,
                concern_id=self.record.id,
                children=children,
                decisions=referral_decisions(self.decisions),
                route=route,
                parent=self,
            )
            self._open(wizard, "The referral was recorded: its clocks are on the Dashboard.")

    def mark_done(self) -> None:
        action = self.selected_action()
        if action is not None:
            self._open(
                CompleteActionDialog(self.signed, self.bus, action, self),
                f"“{action.description}” is marked done.",
            )

    def acknowledge(self) -> None:
        if self.record is None:
            return
        try:
            inbox.acknowledge(self.signed, concern_id=self.record.id)
        except WtscError as error:
            self.feedback.show_error(error)
            return
        self.bus.announce("triage")
        self.feedback.show_ok("Acknowledged: it has left the inbox.")

"""The triage wizard: the DSL or a deputy reads the concern, chooses the threshold (D2)
with each one's meaning and consent position on screen, writes the reasons (required),
records any advice sought, consent and the lawful basis where information is shared
(D1, the seven golden rules beside it), a review date when monitoring, and the actions
with owners and due dates. Finish records it through ``services.triage.record_decision``.

Each step is checked with the service's own rules as the DSL goes; a refusal at the end
brings back the page holding the box to correct, with the message on it. Nothing typed
is lost.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget, QWizard

from wtsc_desktop.clock import today_in_london
from wtsc_desktop.errors import ValidationError, WtscError
from wtsc_desktop.guidance.categories import THRESHOLD_RULES
from wtsc_desktop.guidance.information_sharing import SPECIAL_CATEGORY_CONDITION, suggested_basis
from wtsc_desktop.services import triage
from wtsc_desktop.services.concern_types import ConcernRecord
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.settings import read_settings
from wtsc_desktop.services.triage import ActionView, DecisionView, TriageInput
from wtsc_desktop.ui.dialogs.triage_actions_page import ActionsPage
from wtsc_desktop.ui.dialogs.triage_pages import (
    CheckPage,
    ConcernPage,
    DecisionPage,
    ReasonsPage,
    SharingPage,
    TriagePage,
)
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.views.concern_record_text import decision_html, record_html
from wtsc_desktop.ui.widgets.wizard_buttons import name_wizard_buttons

CONCERN, DECISION, REASONS, SHARING, ACTIONS, CHECK = range(6)
REVIEW_AFTER_DAYS = 28

# Where each field the service may name lives.
FIELD_PAGES = {
    "threshold": DECISION,
    "rationale": REASONS,
    "review_on": REASONS,
    "advice_from": REASONS,
    "lawful_basis": SHARING,
    "consent": SHARING,
    "consent_reason": SHARING,
    "actions": ACTIONS,
}


class TriageWizard(QWizard):
    """Raises ``WtscError`` on construction if the owner list cannot be read."""

    def __init__(
        self,
        signed: SignedIn,
        bus: DataBus | None,
        record: ConcernRecord,
        parent: QWidget | None = None,
        *,
        decisions: Sequence[DecisionView] = (),
    ) -> None:
        super().__init__(parent)
        self.signed = signed
        self.bus = bus
        self.record = record
        self.recorded: int | None = None
        self.leave_box: QMessageBox | None = None  # "Stop the triage?", when asked
        self.today = today_in_london(signed.store.clock)
        owners = triage.action_owners(signed)
        organisation_type = str(read_settings(signed).get("org.type", ""))
        title = f"Triage concern {record.id}"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        name_wizard_buttons(self, finish="&Record the decision")

        self.concern_page = ConcernPage(record_html(record, list(decisions)))
        self.decision_page = DecisionPage()
        self.reasons_page = ReasonsPage(
            signed.store.now(), self.today + dt.timedelta(days=REVIEW_AFTER_DAYS)
        )
        self.sharing_page = SharingPage(suggested_basis(organisation_type))
        self.actions_page = ActionsPage(owners, self.today)
        self.check_page = CheckPage()
        self.pages: dict[int, TriagePage] = {
            CONCERN: self.concern_page,
            DECISION: self.decision_page,
            REASONS: self.reasons_page,
            SHARING: self.sharing_page,
            ACTIONS: self.actions_page,
            CHECK: self.check_page,
        }
        for page_id, page in self.pages.items():
            self.setPage(page_id, page)
        self.setStartId(CONCERN)
        self.resize(940, 660)
        self.currentIdChanged.connect(self._page_changed)

    # --- the answers --------------------------------------------------------------

    def shares(self) -> bool:
        chosen = self.decision_page.chosen()
        return chosen is not None and triage.shares_information(chosen)

    def decision(self) -> TriageInput | None:
        """What has been answered so far, or None before a threshold is chosen."""
        threshold = self.decision_page.chosen()
        if threshold is None:
            return None
        reasons, sharing = self.reasons_page, self.sharing_page
        shares = triage.shares_information(threshold)
        needs_review = THRESHOLD_RULES[threshold].needs_review_date
        return TriageInput(
            threshold=threshold,
            rationale=reasons.rationale.toPlainText(),
            advice_sought=reasons.advice.isChecked(),
            advice_from=reasons.advice_from.text() if reasons.advice.isChecked() else "",
            advice_at=reasons.advice_time(),
            review_on=self._review_on() if needs_review else None,
            consent=sharing.chosen_consent() if shares else None,
            consent_reason=sharing.reason.toPlainText() if shares else "",
            lawful_basis=sharing.chosen_basis() if shares else None,
            actions=tuple(self.actions_page.planned),
        )

    def _review_on(self) -> dt.date:
        value = self.reasons_page.review_on.date()
        return dt.date(value.year(), value.month(), value.day())

    # --- moving through the pages ---------------------------------------------------

    def nextId(self) -> int:
        current = self.currentId()
        if current == REASONS:
            return SHARING if self.shares() else ACTIONS
        if current in (CONCERN, DECISION, SHARING, ACTIONS):
            return {CONCERN: DECISION, DECISION: REASONS, SHARING: ACTIONS, ACTIONS: CHECK}[current]
        return -1

    def _page_changed(self, page_id: int) -> None:
        threshold = self.decision_page.chosen()
        if page_id == REASONS:
            self.reasons_page.set_threshold(threshold)
        elif page_id == SHARING:
            self.sharing_page.set_threshold(threshold)
        elif page_id == CHECK:
            self.check_page.summary.setHtml(self._summary_html())
        page = self.pages.get(page_id)
        if page is not None:
            page.feedback.clear_message()

    def validateCurrentPage(self) -> bool:
        page_id = self.currentId()
        page = self.pages[page_id]
        page.feedback.clear_message()
        if page_id == DECISION and self.decision_page.chosen() is None:
            page.feedback.show_error("Choose the decision that fits this concern.")
            next(iter(self.decision_page.buttons.values())).setFocus()
            return False
        if page_id == ACTIONS and self.actions_page.unadded():
            page.feedback.show_error(
                "You have typed an action but not added it: press “Add the action”, or "
                "clear the box."
            )
            self.actions_page.add_button.setFocus()
            return False
        if page_id in (REASONS, SHARING, ACTIONS):
            return self._check(page_id)
        if page_id == CHECK:
            return self._record()
        return True

    def _check(self, page_id: int) -> bool:
        """Check the answers with the service's rules; a problem on this page or an
        earlier one stops here, one on a later page waits for that page."""
        decision = self.decision()
        if decision is None:
            return True
        try:
            triage.validate_decision(decision=decision, today=self.today)
        except ValidationError as error:
            if FIELD_PAGES.get(error.field, page_id) <= page_id:
                self.show_problem(error)
                return False
        return True

    def _record(self) -> bool:
        decision = self.decision()
        if decision is None:
            self.show_problem(ValidationError("threshold", "Choose the decision first."))
            return False
        try:
            self.recorded = triage.record_decision(
                self.signed, concern_id=self.record.id, decision=decision
            )
        except WtscError as error:
            self.show_problem(error)
            return False
        if self.bus is not None:
            self.bus.announce("triage")
        return True

    def show_problem(self, error: WtscError) -> None:
        """Show ``error`` on the page holding the box it names (going back to it), with
        that box focused; other errors stay on the current page."""
        field = error.field if isinstance(error, ValidationError) else ""
        target = FIELD_PAGES.get(field, self.currentId())
        if target in self.visitedIds() or target == self.currentId():
            while self.currentId() != target and self.currentId() != CONCERN:
                self.back()
        self.pages[self.currentId()].feedback.show_error(error)
        box = self._box_for(field)
        if box is not None:
            box.setFocus()

    def _box_for(self, field: str) -> QWidget | None:
        reasons, sharing, actions = self.reasons_page, self.sharing_page, self.actions_page
        return {
            "rationale": reasons.rationale,
            "review_on": reasons.review_on,
            "advice_from": reasons.advice_from,
            "lawful_basis": sharing.basis,
            "consent": sharing.consent,
            "consent_reason": sharing.reason,
            "actions": actions.description,
        }.get(field)

    # --- the last check -------------------------------------------------------------

    def _summary_html(self) -> str:
        decision = self.decision()
        if decision is None:
            return ""
        owners = self.actions_page.owners_shown
        shares = triage.shares_information(decision.threshold)
        preview = DecisionView(
            id=0,
            concern_id=self.record.id,
            decided_by=self.signed.actor.full_name,
            decided_at=self.signed.store.now(),
            threshold=decision.threshold,
            threshold_label=THRESHOLD_RULES[decision.threshold].label,
            rationale=decision.rationale,
            advice_sought=decision.advice_sought,
            advice_from=decision.advice_from,
            advice_at=decision.advice_at,
            review_on=decision.review_on,
            consent=decision.consent.value if decision.consent else "",
            consent_reason=decision.consent_reason,
            lawful_basis=decision.lawful_basis.value if decision.lawful_basis else "",
            special_category=SPECIAL_CATEGORY_CONDITION if shares else "",
            actions=tuple(
                ActionView(
                    0,
                    self.record.id,
                    a.description,
                    owners[row],
                    a.due_on,
                    None,
                    "",
                )
                for row, a in enumerate(decision.actions)
            ),
        )
        return f"<h3>Concern {self.record.id}</h3>" + decision_html(preview)

    # --- leaving ------------------------------------------------------------------

    def reject(self) -> None:
        typed = self.reasons_page.rationale.toPlainText().strip() or self.actions_page.planned
        if self.recorded is not None or not typed:
            super().reject()
            return
        if self.leave_box is not None:
            self.leave_box.deleteLater()
        box = self.leave_box = QMessageBox(
            QMessageBox.Icon.Question,
            "Stop the triage?",
            "Stop the triage? Nothing has been recorded yet, so what you typed will be lost.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setObjectName("leaveTriage")
        box.setAccessibleName("Stop the triage?")
        box.setDefaultButton(QMessageBox.StandardButton.No)
        for which, text in (
            (QMessageBox.StandardButton.Yes, "Stop"),
            (QMessageBox.StandardButton.No, "Carry on"),
        ):
            box.button(which).setText(text)
            box.button(which).setAccessibleName(text)

        def answered(_result: int) -> None:
            if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
                QWizard.reject(self)

        box.finished.connect(answered)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.open()

"""The "Log a concern" wizard, for anyone signed in: immediate danger first, then the
children, when and where, the child's words, what was seen, the body map, the kind of
harm, what was done, files, and a check before it is submitted and becomes final.

Nothing typed is lost: every few seconds, when something has changed, what is typed is
saved as an encrypted draft (``services.drafts``, kind "concern"). Closing the wizard
keeps the draft; opening it again offers the draft back. The session flow calls
``keep_draft_now`` on an open wizard before a lock closes the store. Submitting removes
the draft (audited as "draft submitted").

``open_concern_wizard`` opens it (or brings forward the one already open) and announces
"concerns" on the data bus once a concern is submitted.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget, QWizard

from wtsc_desktop.errors import ValidationError, WtscError
from wtsc_desktop.logs import log
from wtsc_desktop.services.concern_types import NewConcern
from wtsc_desktop.services.concerns import submit_concern
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.drafts import DraftSummary, discard_draft, my_drafts, save_draft
from wtsc_desktop.services.special_route_deadlines import routes_for
from wtsc_desktop.ui.dialogs.concern_account_pages import CategoriesPage, FactsPage, WordsPage
from wtsc_desktop.ui.dialogs.concern_body_page import BodyMapPage
from wtsc_desktop.ui.dialogs.concern_draft_offer import ask_about_draft, started_at
from wtsc_desktop.ui.dialogs.concern_finish_pages import ActionsPage, CheckPage, DonePage
from wtsc_desktop.ui.dialogs.concern_pages import ConcernPage, DangerPage, WhenPage, WhoPage
from wtsc_desktop.ui.dialogs.concern_route_page import RoutePage
from wtsc_desktop.ui.dialogs.concern_summary import summary_html
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.formats import datetime_text
from wtsc_desktop.ui.widgets.wizard_buttons import name_wizard_buttons

CONCERN_DRAFT = "concern"
AUTOSAVE_MS = 5000
TITLE = "Log a concern"
DANGER, WHO, WHEN, WORDS, FACTS, BODY, CATEGORIES, ACTIONS, CHECK, DONE = range(10)
ROUTE = 10  # after CATEGORIES, only for FGM, modern slavery or private fostering
STEPS = (
    "Immediate danger",
    "Which children",
    "When and where",
    "What the child said",
    "What you saw or heard",
    "Body map",
    "Kind of harm",
    "What you did",
    "Check and submit",
    "Recorded",
)
# The page that holds the box a service's ValidationError names.
FIELD_PAGES = {
    "children": WHO,
    "observed_at": WHEN,
    "location": WHEN,
    "reporter_role": WHEN,
    "child_words": WORDS,
    "observed": FACTS,
    "opinion": FACTS,
    "witnesses": FACTS,
    "marks": BODY,
    "categories": CATEGORIES,
    "attachments": ACTIONS,
    "told_at": ACTIONS,
}


class ConcernWizard(QWizard):
    submitted = Signal(int)  # the new concern's number
    draft_saved = Signal(int)  # the draft's id

    def __init__(
        self, signed: SignedIn, *, autosave_ms: int = AUTOSAVE_MS, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.signed = signed
        self.draft_id: int | None = None
        self.started_at = signed.store.now()
        self.concern_id: int | None = None
        self.setWindowTitle(TITLE)  # no names in titles: they show in the taskbar
        self.setAccessibleName(TITLE)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        name_wizard_buttons(
            self,
            finish="&Close",
            commit="&Submit the concern",
            back="< &Back",
            next_="&Next >",
            cancel="Save draft and close",
        )
        self.danger_page = DangerPage(signed, self)
        self.who_page = WhoPage(signed, self)
        self.when_page = WhenPage(signed, self)
        self.words_page = WordsPage(self)
        self.facts_page = FactsPage(self)
        self.body_page = BodyMapPage(self)
        self.categories_page = CategoriesPage(self)
        self.actions_page = ActionsPage(signed, self)
        self.check_page = CheckPage(self._submit, self)
        self.done_page = DonePage(self)
        self.draft_pages: dict[str, ConcernPage] = {
            "danger": self.danger_page,
            "who": self.who_page,
            "when": self.when_page,
            "words": self.words_page,
            "facts": self.facts_page,
            "body": self.body_page,
            "categories": self.categories_page,
            "actions": self.actions_page,
        }
        for page_id, page in enumerate(
            (*self.draft_pages.values(), self.check_page, self.done_page)
        ):
            self.setPage(page_id, page)
        self.route_page = RoutePage(signed, self.when_page, self.categories_page, self)
        self.setPage(ROUTE, self.route_page)
        self.draft_pages["route"] = self.route_page
        self.setStartId(DANGER)
        self.steps = QLabel(self)
        self.steps.setAccessibleName("Steps")
        self.draft_note = QLabel("", self)
        self.draft_note.setObjectName("hint")
        self.draft_note.setWordWrap(True)
        self.draft_note.setAccessibleName("Draft")
        side = QWidget(self)
        side.setFixedWidth(190)
        column = QVBoxLayout(side)
        column.addWidget(self.steps)
        column.addStretch()
        column.addWidget(self.draft_note)
        self.setSideWidget(side)
        self.currentIdChanged.connect(self._page_changed)
        self._saved = self._content()
        self.timer = QTimer(self)
        self.timer.setInterval(autosave_ms)
        self.timer.timeout.connect(self.keep_draft_now)
        self._fit()
        self._page_changed(DANGER)

    def _fit(self) -> None:
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry() if screen is not None else None
        width, height = 1100, 680
        if room is not None:
            width, height = min(width, room.width() - 40), min(height, room.height() - 48)
        self.resize(width, height)

    # --- opening: offer a draft back ----------------------------------------------

    def open(self) -> None:
        """Show the wizard (not modal); offer back any concern draft first."""
        super().open()
        self._offer_next_draft()

    def _offer_next_draft(self) -> None:
        try:
            drafts = my_drafts(self.signed, kind=CONCERN_DRAFT)
        except WtscError as error:
            self._note(f"Your drafts could not be read: {error}")
            drafts = []
        drafts = [d for d in drafts if d.id != self.draft_id]
        if not drafts:
            self._start_saving()
            return
        self._offer(drafts[0])

    def _offer(self, draft: DraftSummary) -> None:
        ask_about_draft(
            self,
            draft,
            carry_on=lambda: self.carry_on(draft),
            throw_away=lambda: self._throw_away(draft),
        )

    def carry_on(self, draft: DraftSummary) -> None:
        """Put the draft back into the boxes and go on from the page it was left at."""
        self.draft_id = draft.id
        payload = draft.payload
        self.started_at = started_at(draft)
        pages = payload.get("pages", {})
        for name, page in self.draft_pages.items():
            page.restore(dict(pages.get(name, {})))
        target = int(payload.get("page", DANGER))
        while self.currentId() < min(target, CHECK):
            before = self.currentId()
            self.next()
            if self.currentId() == before:  # a page asks for something first
                break
        self._saved = self._content()
        self._note("Your draft is back.")
        self._start_saving()

    def _throw_away(self, draft: DraftSummary) -> None:
        try:
            discard_draft(self.signed, draft_id=draft.id, reason="discarded")
        except WtscError as error:
            self._note(f"The draft could not be thrown away: {error}")
        self._offer_next_draft()

    def _start_saving(self) -> None:
        if self.concern_id is None:
            self.timer.start()

    # --- drafts -------------------------------------------------------------------

    def _content(self) -> dict[str, Any]:
        return {name: page.state() for name, page in self.draft_pages.items()}

    def payload(self) -> dict[str, Any]:
        return {
            "version": 1,
            "started_at": self.started_at.isoformat(),
            "page": self.currentId(),
            "pages": self._content(),
        }

    def keep_draft_now(self) -> bool:
        """Save what is typed as a draft if it changed since the last save; True if saved.

        The timer calls it every few seconds; the session flow calls it before a lock.
        """
        if self.concern_id is not None or self.signed.store.closed:
            return False
        content = self._content()
        if content == self._saved:
            return False
        try:
            self.draft_id = save_draft(
                self.signed, kind=CONCERN_DRAFT, payload=self.payload(), draft_id=self.draft_id
            )
        except WtscError as error:
            log.warning("a concern draft could not be saved: %s", type(error).__name__)
            self._note(f"Your draft could not be saved: {error}")
            return False
        self._saved = content
        self._note(f"Draft saved at {datetime_text(self.signed.store.now())[-5:]}.")
        self.draft_saved.emit(self.draft_id)
        return True

    def _note(self, text: str) -> None:
        self.draft_note.setText(text)
        self.draft_note.setAccessibleDescription(text)

    # --- submitting ---------------------------------------------------------------

    def concern(self) -> NewConcern:
        """What has been typed, as the service takes it (ValueError if a date is unclear)."""
        observed_at, time_known = self.when_page.observed()
        actions = self.actions_page
        return NewConcern(
            immediate_danger=bool(self.danger_page.immediate_danger()),
            children=tuple(self.who_page.picker.children_in_concern()),
            observed_at=observed_at,
            observed_time_known=time_known,
            location=self.when_page.location.text(),
            reporter_role=self.when_page.role.text(),
            child_words=self.words_page.words.toPlainText(),
            observed=self.facts_page.facts.toPlainText(),
            opinion=self.facts_page.opinion.toPlainText(),
            witnesses=self.facts_page.witnesses.text(),
            marks=tuple(self.body_page.marks()),
            categories=tuple(self.categories_page.chosen()),
            action_taken=actions.action.toPlainText(),
            told_whom=actions.told_whom.text(),
            told_at=actions.told_at_value(),
            attachments=tuple(actions.files),
            fgm_source=self.route_page.fgm_source(),
        )

    def nextId(self) -> int:
        """After "Kind of harm", the special-route page when one of its kinds is ticked."""
        current = self.currentId()
        if current == CATEGORIES:
            return ROUTE if routes_for(tuple(self.categories_page.chosen())) else ACTIONS
        if current == ROUTE:
            return ACTIONS
        if current == DONE:
            return -1
        return super().nextId()

    def _page_changed(self, page_id: int) -> None:
        step = CATEGORIES if page_id == ROUTE else page_id  # the same step: the kind of harm
        self.steps.setText(
            "<br>".join(
                f"<b>› {name}</b>" if i == step else f"&nbsp;&nbsp;{name}"
                for i, name in enumerate(STEPS)
            )
        )
        self.steps.setAccessibleDescription(f"Step {step + 1} of {len(STEPS)}")
        if page_id == CHECK:
            self.check_page.feedback.clear_message()
            try:
                concern = self.concern()
            except ValueError as error:
                self.check_page.complain(str(error))
                return
            self.check_page.show_summary(
                summary_html(
                    concern,
                    children=self.who_page.picker.picked(),
                    reporter=self.signed.actor.full_name,
                    written_at=self.signed.store.now(),
                )
            )

    def _submit(self) -> bool:
        try:
            concern = self.concern()
            number = submit_concern(self.signed, concern=concern)
        except ValueError as error:
            return self.check_page.complain(str(error))
        except ValidationError as error:
            self.go_back_to(error.field, str(error))
            return False
        except WtscError as error:
            return self.check_page.complain(str(error))
        self.concern_id = number
        self.timer.stop()
        if self.draft_id is not None:
            try:
                discard_draft(self.signed, draft_id=self.draft_id, reason="submitted")
            except WtscError as error:
                log.warning("a submitted concern's draft stayed: %s", type(error).__name__)
            self.draft_id = None
        self._note("")
        self.done_page.show_done(number, concern.immediate_danger)
        self.submitted.emit(number)
        return True

    def go_back_to(self, field: str, message: str) -> None:
        """Go back to the page holding ``field`` and say there what to put right."""
        target = FIELD_PAGES.get(field)
        if target is None:
            self.check_page.complain(message)
            return
        while self.currentId() > target:
            self.back()
        page = self.currentPage()
        assert isinstance(page, ConcernPage)
        page.complain(message, page.fields.get(field))

    # --- closing ------------------------------------------------------------------

    def reject(self) -> None:
        """Close; what was typed stays as a draft, to be offered back next time."""
        self.keep_draft_now()
        super().reject()

    def done(self, result: int) -> None:
        self.timer.stop()
        super().done(result)


def open_concern_wizard(
    signed: SignedIn, bus: DataBus | None, parent: QWidget | None
) -> ConcernWizard:
    """Open the wizard (or bring forward the one already open); a submitted concern is
    announced as "concerns" on ``bus``."""
    # Parented to the main window (not to the Home screen that asked), so one wizard is
    # open at a time and the session flow finds it at a lock.
    window = parent.window() if parent is not None else None
    if window is not None:
        for existing in window.findChildren(ConcernWizard):
            if existing.isVisible():
                existing.activateWindow()
                return existing
    wizard = ConcernWizard(signed, parent=window)
    if bus is not None:
        wizard.submitted.connect(lambda _number: bus.announce("concerns"))
    wizard.finished.connect(wizard.deleteLater)
    wizard.open()
    return wizard


def offer_concern_drafts(signed: SignedIn, bus: DataBus | None, parent: QWidget | None) -> None:
    """At sign-in: if this person left a concern unfinished (a lock, a crash, a power
    cut), open the wizard, which offers it back."""
    try:
        waiting = my_drafts(signed, kind=CONCERN_DRAFT)
    except WtscError as error:
        log.warning("concern drafts could not be read: %s", type(error).__name__)
        return
    if waiting:
        open_concern_wizard(signed, bus, parent)

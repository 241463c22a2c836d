"""Making a referral (issue 6) — from a concern, following one of its triage decisions,
or on its own from a child's file — and recording the agency's decision.

The wizard asks what forms.md expects on a referral: the kind, how and to whom it was
made (the agency picked from the directory or typed), when (now unless changed), their
reference; whether the family knows and consents,
with why not when either is no; the child's views, what has been done already and the
other professionals involved. Finish records it through ``services.referrals``; a
refusal brings back the page holding the box to correct, with the message on it, and
nothing typed is lost.

``DecisionDialog`` records what the agency decided, which clears the T1 clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QDateTimeEdit,
    QFormLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from wtsc_desktop.clock import LONDON
from wtsc_desktop.errors import ValidationError, WtscError
from wtsc_desktop.guidance.categories import Threshold
from wtsc_desktop.guidance.referral_routes import ReferralMethod, ReferralOutcome, ReferralRoute
from wtsc_desktop.services import agencies, referrals
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.referrals import NewReferral
from wtsc_desktop.services.triage import DecisionView
from wtsc_desktop.ui.dialogs.form_dialog import FormDialog
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.widgets.agency_box import AgencyBox
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.form_parts import choice_box, note_box, paragraph, text_box
from wtsc_desktop.ui.widgets.wizard_buttons import name_wizard_buttons

AREA = "referrals"
REFERRAL, CONSENT, FURTHER = range(3)
FIELD_PAGES = {
    "child_id": REFERRAL,
    "route_other": REFERRAL,
    "agency": REFERRAL,
    "made_at": REFERRAL,
    "consent_reason": CONSENT,
}


def when_box(name: str, at: dt.datetime) -> QDateTimeEdit:
    """A date and time box in dd/mm/yyyy, London time, set to ``at``."""
    local = at.astimezone(LONDON)
    box = QDateTimeEdit(
        QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
    )
    box.setDisplayFormat("dd/MM/yyyy HH:mm")
    box.setCalendarPopup(True)
    box.setAccessibleName(name)
    return box


def when_value(box: QDateTimeEdit) -> dt.datetime:
    """The London time in a ``when_box``, with its time zone."""
    day, time = box.date(), box.time()
    return dt.datetime(
        day.year(), day.month(), day.day(), time.hour(), time.minute(), tzinfo=LONDON
    )


class ReferralPage(QWizardPage):
    def __init__(self, title: str, intro: str) -> None:
        super().__init__()
        self.setTitle(title)
        self.feedback = FeedbackLabel(self)
        self.form = QFormLayout()
        column = QVBoxLayout(self)
        column.addWidget(paragraph(intro, hint=True))
        column.addLayout(self.form)
        column.addWidget(self.feedback)
        column.addStretch()


YES_NO = [("Yes", "yes"), ("No", "no")]
ON_ITS_OWN = "Not following a triage decision"


@dataclass(frozen=True)
class Following:
    """A triage decision a referral can follow, and the kind of referral it points to."""

    decision_id: int
    label: str
    route: ReferralRoute


ROUTE_FOR = {
    Threshold.POLICE: ReferralRoute.POLICE_999,
    Threshold.SECTION_47: ReferralRoute.SOCIAL_CARE,
    Threshold.SECTION_17: ReferralRoute.SOCIAL_CARE,
    Threshold.EARLY_HELP: ReferralRoute.EARLY_HELP,
}


def referral_decisions(decisions: list[DecisionView]) -> list[Following]:
    """The triage decisions (oldest first) that lead to a referral (D2)."""
    return [
        Following(
            d.id,
            f"{d.decided_at.astimezone(LONDON):%d/%m/%Y}: {d.threshold_label}",
            ROUTE_FOR[d.threshold],
        )
        for d in sorted(decisions, key=lambda d: (d.decided_at, d.id))
        if d.threshold in ROUTE_FOR
    ]


def _directory(signed: SignedIn) -> list[agencies.Agency]:
    try:
        return agencies.agency_directory(signed)
    except WtscError:
        return []  # the box still takes any agency typed in


class ReferralWizard(QWizard):
    """Make a referral for one of ``children`` (id, name): from concern ``concern_id``,
    following one of ``decisions`` (the latest chosen first), or on its own."""

    def __init__(
        self,
        signed: SignedIn,
        bus: DataBus | None,
        *,
        concern_id: int | None,
        children: list[tuple[int, str]],
        decisions: list[Following] | None = None,
        route: ReferralRoute | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.signed, self.bus, self.concern_id = signed, bus, concern_id
        self.made: int | None = None
        if concern_id is not None:
            title = f"Make a referral from concern {concern_id}"
        else:
            title = f"Make a referral for {children[0][1]}" if children else "Make a referral"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        name_wizard_buttons(self, finish="&Record the referral")

        first = ReferralPage(
            "The referral",
            "Record the referral as it was made: the kind, how and to whom, when, and "
            "the reference they gave you.",
        )
        self.child = choice_box("Child referred", [(name, str(cid)) for cid, name in children])
        self.decisions = decisions or []
        self.following = choice_box(
            "The triage decision it follows",
            [(d.label, str(d.decision_id)) for d in reversed(self.decisions)] + [(ON_ITS_OWN, "")],
        )
        self.route = choice_box("Kind of referral", [(r.label, r.value) for r in ReferralRoute])
        self.route_other = text_box("What kind of referral, if other")
        self.method = choice_box("How it was made", [(m.label, m.value) for m in ReferralMethod])
        self.agency = AgencyBox(_directory(signed))
        self.agency_contact = text_box("Who you spoke to or wrote to", max_length=300)
        self.made_at = when_box("When the referral was made", signed.store.now())
        self.reference = text_box("Their reference", max_length=120)
        rows: list[tuple[str, QWidget]] = [("&Child:", self.child)]
        if self.decisions:
            rows.append(("&Following:", self.following))
        rows += [
            ("&Kind of referral:", self.route),
            ("If other, &what:", self.route_other),
            ("&How:", self.method),
            ("&To whom (agency):", self.agency),
            ("&Person contacted:", self.agency_contact),
            ("&When made:", self.made_at),
            ("Their &reference:", self.reference),
        ]
        for label, box in rows:
            first.form.addRow(label, box)
        self.following.currentIndexChanged.connect(self._follow)
        self._follow()
        if route is not None:  # chosen by a special route's advice (NRM, private fostering)
            self.route.setCurrentIndex(self.route.findData(route.value))

        second = ReferralPage(
            "Consent and the child's views",
            "If the family does not know, or has not agreed, say why: this is never left "
            "blank. Do not seek consent if asking could put the child at more risk.",
        )
        self.family_aware = choice_box("Does the family know about the referral?", YES_NO)
        self.family_consents = choice_box("Does the family consent?", YES_NO)
        self.consent_reason = note_box("Why not (if the family does not know or consent)")
        self.child_views = note_box("The child's views and wishes")
        for label, answer in (
            ("Family &knows:", self.family_aware),
            ("Family &consents:", self.family_consents),
            ("&Why not:", self.consent_reason),
            ("The child's &views:", self.child_views),
        ):
            second.form.addRow(label, answer)

        third = ReferralPage(
            "What has been done and who else is involved",
            "What the setting has done already, other professionals working with the "
            "family, and any earlier referrals you know of.",
        )
        self.done_already = note_box("What has been done already")
        self.professionals = note_box("Other professionals involved")
        self.previous = note_box("Previous referrals")
        for label, note in (
            ("&Done already:", self.done_already),
            ("&Other professionals:", self.professionals),
            ("&Previous referrals:", self.previous),
        ):
            third.form.addRow(label, note)

        self.pages = {REFERRAL: first, CONSENT: second, FURTHER: third}
        for page_id, page in self.pages.items():
            self.setPage(page_id, page)
        self.setStartId(REFERRAL)
        self.fields = {
            "child_id": self.child,
            "route_other": self.route_other,
            "agency": self.agency,
            "made_at": self.made_at,
            "consent_reason": self.consent_reason,
        }
        self.resize(820, 560)

    def _follow(self) -> None:
        """Choosing a triage decision sets the kind of referral it pointed to."""
        chosen = self.following.currentData()
        match = next((d for d in self.decisions if str(d.decision_id) == chosen), None)
        if match is not None:
            self.route.setCurrentIndex(self.route.findData(match.route.value))

    def answers(self) -> NewReferral:
        child = self.child.currentData()
        if child is None:
            raise ValidationError("child_id", "This concern has no child on the register.")
        return NewReferral(
            child_id=int(child),
            concern_id=self.concern_id,
            decision_id=int(self.following.currentData()) if self.following.currentData() else None,
            route=ReferralRoute(self.route.currentData()),
            route_other=self.route_other.text(),
            method=ReferralMethod(self.method.currentData()),
            agency=self.agency.text(),
            agency_contact=self.agency_contact.text(),
            made_at=when_value(self.made_at),
            their_reference=self.reference.text(),
            family_aware=self.family_aware.currentData() == "yes",
            family_consents=self.family_consents.currentData() == "yes",
            consent_reason=self.consent_reason.toPlainText(),
            child_views=self.child_views.toPlainText(),
            done_already=self.done_already.toPlainText(),
            professionals=self.professionals.toPlainText(),
            previous_referrals=self.previous.toPlainText(),
        )

    def validateCurrentPage(self) -> bool:
        page = self.currentId()
        self.pages[page].feedback.clear_message()
        try:
            answers = self.answers()
            referrals.validate_referral(referral=answers, now=self.signed.store.now())
        except WtscError as error:
            if self._show(error, only_before=page):
                return False
        if page != FURTHER:
            return True
        try:
            self.made = referrals.make_referral(self.signed, referral=self.answers())
        except WtscError as error:
            self._show(error, only_before=FURTHER)
            return False
        if self.bus is not None:
            self.bus.announce(AREA)
        return True

    def _show(self, error: WtscError, *, only_before: int) -> bool:
        """Show ``error`` on the page holding its box, if that page is at or before
        ``only_before``; True if shown (the DSL is taken there)."""
        field = error.field if isinstance(error, ValidationError) else ""
        target = FIELD_PAGES.get(field, only_before)
        if target > only_before:
            return False
        while self.currentId() > target:
            self.back()
        self.pages[target].feedback.show_error(error)
        box = self.fields.get(field)
        if box is not None:
            box.setFocus()
        return True


class DecisionDialog(FormDialog):
    """Record the receiving agency's decision on referral ``referral_id``."""

    area = AREA

    def __init__(
        self,
        signed: SignedIn,
        bus: DataBus | None,
        referral_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            signed,
            bus,
            title=f"Record the decision on referral {referral_id}",
            ok_text="Record the decision",
            parent=parent,
        )
        self.referral_id = referral_id
        self.decided_at = when_box("When the decision came", signed.store.now())
        self.outcome = choice_box("Outcome", [(o.label, o.value) for o in ReferralOutcome])
        self.decision: QPlainTextEdit = note_box("What the agency decided", 90)
        self.form.addRow("&When it came:", self.decided_at)
        self.form.addRow("&Outcome:", self.outcome)
        self.form.addRow("What they &decided:", self.decision)
        self.fields = {
            "decided_at": self.decided_at,
            "decision": self.decision,
            "outcome": self.outcome,
        }
        self.finish_layout(
            paragraph(
                "What children's social care (or the agency) decided, and when. Recording "
                "it clears the clock on the Dashboard.",
                hint=True,
            )
        )

    def save(self) -> None:
        referrals.record_agency_decision(
            self.signed,
            referral_id=self.referral_id,
            decided_at=when_value(self.decided_at),
            decision=self.decision.toPlainText(),
            outcome=ReferralOutcome(self.outcome.currentData()),
        )

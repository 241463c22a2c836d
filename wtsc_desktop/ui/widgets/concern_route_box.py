"""The special-route advice on a concern's record (FGM, trafficking or modern slavery,
private fostering), for its reporter and the DSL, with the reporter's "Record my FGM
report to the police…" and the DSL's "Make the NRM referral…" or "Make the private
fostering notification…".
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from wtsc_desktop.errors import WtscError
from wtsc_desktop.guidance.referral_routes import ReferralRoute
from wtsc_desktop.guidance.special_routes import SpecialRoute
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import Action, Profession, allowed
from wtsc_desktop.services.special_route_deadlines import ConcernRoutes, concern_routes
from wtsc_desktop.ui.dialogs.fgm_report_dialog import FgmReportDialog
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.formats import datetime_text
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.form_parts import paragraph
from wtsc_desktop.ui.widgets.route_advice import RouteAdvicePanel, scrolling

MAX_HEIGHT = 260  # of the advice, in pixels
DUTY_PROFESSIONS = (Profession.TEACHER, Profession.REGULATED)
# The referral a DSL makes for each route from the record, and its button.
REFERRALS = {
    SpecialRoute.MODERN_SLAVERY: (ReferralRoute.NRM, "Make the &NRM referral…"),
    SpecialRoute.PRIVATE_FOSTERING: (
        ReferralRoute.PRIVATE_FOSTERING,
        "Make the private &fostering notification…",
    ),
}


class ConcernRouteBox(QGroupBox):
    """A concern's special-route advice on its record, for its reporter and the DSL.

    The reporter's "Record my FGM report to the police…" opens ``FgmReportDialog`` (kept
    in ``dialog``); ``referral_requested`` (a ``ReferralRoute`` value) asks the record
    for the referral wizard with that kind chosen.
    """

    referral_requested = Signal(str)

    def __init__(self, signed: SignedIn, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__("What to do about this kind of harm", parent)
        self.signed, self.bus = signed, bus
        self.concern_id: int | None = None
        self.facts: ConcernRoutes | None = None
        self.dialog: FgmReportDialog | None = None
        self.panel = RouteAdvicePanel(signed, self)
        self.report_note = paragraph("", self)
        self.report_note.setAccessibleName("Your FGM report to the police")
        self.fgm_button = QPushButton("Record my FGM report to the po&lice…", self)
        self.fgm_button.setAccessibleName("Record my FGM report to the police")
        self.fgm_button.clicked.connect(self.record_fgm_report)
        self.referral_buttons: dict[SpecialRoute, QPushButton] = {}
        buttons = QHBoxLayout()
        buttons.addWidget(self.report_note, 1)
        buttons.addWidget(self.fgm_button)
        for route, (referral, text) in REFERRALS.items():
            button = QPushButton(text, self)
            button.setAccessibleName(text.replace("&", "").rstrip("…"))
            button.clicked.connect(
                lambda _checked=False, r=referral: self.referral_requested.emit(r.value)
            )
            self.referral_buttons[route] = button
            buttons.addWidget(button)
        self.feedback = FeedbackLabel(self)
        self.advice_area = scrolling(self.panel, self)
        column = QVBoxLayout(self)
        column.addWidget(self.advice_area)
        column.addLayout(buttons)
        column.addWidget(self.feedback)
        bus.changed.connect(self._data_changed)
        self.panel.changed.connect(self._fit)
        self.hide()

    def show_concern(self, concern_id: int | None) -> None:
        """Show the advice for concern ``concern_id`` (hidden without a special route)."""
        if concern_id != self.concern_id:
            self.panel.restore({})  # another concern: its own answers
        self.concern_id = concern_id
        self.feedback.clear_message()
        self.facts = None
        if concern_id is not None:
            try:
                self.facts = concern_routes(self.signed, concern_id=concern_id)
            except WtscError as error:
                self.feedback.show_error(error)
        facts = self.facts
        self.setVisible(facts is not None and bool(facts.routes))
        if facts is None or not facts.routes:
            return
        own = facts.reporter_is_me
        self.panel.set_case(
            routes=facts.routes,
            learned_on=facts.learned_on,
            girl_age=facts.girl_age,
            fgm_source=facts.fgm_source,
            profession=None if own else facts.reporter_profession,
            reporter=f"The person who logged it ({facts.reporter_profession.label.lower()})",
        )
        fgm = SpecialRoute.FGM in facts.routes
        report = facts.fgm_report
        duty = own and fgm and facts.reporter_profession in DUTY_PROFESSIONS
        self.fgm_button.setVisible(duty and report is None)
        if report is not None:
            self.report_note.setText(
                f"FGM report to the police recorded: made {datetime_text(report.reported_at)}, "
                f"police reference {report.police_reference}."
            )
        elif fgm and facts.reporter_profession in DUTY_PROFESSIONS:
            self.report_note.setText("No FGM report to the police is recorded yet.")
        else:
            self.report_note.setText("")
        self.report_note.setVisible(bool(self.report_note.text()))
        self._fit()
        leads = allowed(self.signed.actor.role, Action.MAKE_REFERRALS)
        for route, button in self.referral_buttons.items():
            button.setVisible(leads and route in facts.routes)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        # As tall as the advice, up to a point: the record below keeps most of a laptop's
        # screen, and a long piece of advice scrolls.
        width = max(self.advice_area.viewport().width(), 400)
        layout = self.panel.layout()
        needed = layout.totalHeightForWidth(width) if layout is not None else 200
        self.advice_area.setFixedHeight(min(needed, MAX_HEIGHT))

    def record_fgm_report(self) -> None:
        """Open the dialog for the reporter's own FGM report to the police."""
        if self.facts is None:
            return
        self.feedback.clear_message()
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = FgmReportDialog(
            self.signed,
            self.bus,
            concern_id=self.facts.concern_id,
            learned_on=self.facts.learned_on,
            parent=self,
        )
        self.dialog.recorded.connect(self.feedback.show_ok)
        self.dialog.open()

    def _data_changed(self, area: str) -> None:
        if area == "referrals" and self.concern_id is not None:
            self.show_concern(self.concern_id)

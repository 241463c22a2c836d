"""What to do about FGM, trafficking or modern slavery, or private fostering, in plain
words, where the person meets it: in the "Log a concern" wizard and on the record of
concern.

``RouteAdvicePanel`` asks the two facts FGM advice needs (the girl's age; how it came to
light) and shows the advice (``guidance.special_routes``) with its rules, dates and
sources. For FGM told to a teacher or a regulated health or social care professional by
the girl, or seen, it says that they must report to the police on 101 themselves, not the
DSL in their place. ``ui/widgets/concern_route_box.py`` puts it on a concern's record.
"""

from __future__ import annotations

import datetime as dt
import re
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QFrame,
    QLabel,
    QRadioButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.errors import WtscError
from wtsc_desktop.guidance.special_routes import (
    DutyHolder,
    FgmFacts,
    FgmSource,
    LearnerProfession,
    RouteAdvice,
    SpecialRoute,
    route_advice,
)
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import Profession
from wtsc_desktop.services.special_routes import advise
from wtsc_desktop.ui.formats import date_text

NO_AGE = -1
ASK_FGM = "Answer the two questions above to see what to do about the FGM."
# Each deadline of a route's advice, in plain words.
DEADLINE_WORDS = {
    "T8a": "By the close of the next working day",
    "T8b": "At the latest (the legal limit, one month)",
    "T13": "Tell the local authority today",
    "T1": "The local authority's decision is expected by",
}


def _deadline_lines(advice: RouteAdvice) -> list[str]:
    lines = []
    for deadline in advice.deadlines:
        what = DEADLINE_WORDS.get(deadline.rule_id, deadline.rule.what)
        lines.append(
            f"{escape(what)}: <b>{date_text(deadline.due)}</b> — rule "
            f"{escape(deadline.rule_id)}, {escape(deadline.clock_text)}"
        )
    return lines


def advice_html(advice: RouteAdvice, *, own: bool, reporter: str = "") -> str:
    """The advice as a few short paragraphs; ``own`` when it is addressed to the person
    who learned of it, otherwise to the DSL reading their concern."""
    head = f"<b>{escape(advice.route.label)}</b>"
    if advice.route is SpecialRoute.FGM and advice.duty_holder is DutyHolder.INDIVIDUAL:
        who = "You" if own else escape(reporter or "The person who logged this concern")
        words = f"<b>{who} must report this to the police personally, by phone on 101.</b> " + (
            "The DSL cannot do it in your place. Keep the DSL informed."
            if own
            else "Not the DSL in their place: the DSL cannot do it for them. They keep the "
            "DSL informed."
        )
    elif advice.route is SpecialRoute.FGM and not own:
        words = (
            "The DSL refers in the usual way (no personal report by the person who logged "
            f"it). {escape(advice.words.split(' Tell the DSL')[0])}"
        )
    else:
        words = escape(advice.words)
    dates = "".join(f"<li>{line}</li>" for line in _deadline_lines(advice))
    sources = "; ".join(s.replace("guidance.md ", "") for s in advice.sources)
    rules = ", ".join(advice.rule_ids)
    return (
        f"<p>{head}<br>{words}</p>"
        + (f"<ul style='margin-left:-20px'>{dates}</ul>" if dates else "")
        + f"<p>{escape(advice.consent)}<br>"
        + f"<small>Rules {escape(rules)}. {escape(sources)}</small></p>"
    )


def scrolling(panel: RouteAdvicePanel, parent: QWidget) -> QScrollArea:
    """``panel`` in a frameless area that scrolls up and down, never sideways."""
    scroll = QScrollArea(parent)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(panel)
    scroll.setAccessibleName("What to do")
    return scroll


class RouteAdvicePanel(QFrame):
    """The advice for a concern's special routes; for FGM it asks two facts first.

    ``changed`` is emitted when an answer changes (the advice is shown again).
    """

    changed = Signal()

    def __init__(self, signed: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.signed = signed
        self.setObjectName("guidancePanel")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAccessibleName("What to do about this kind of harm")
        self.routes: tuple[SpecialRoute, ...] = ()
        self.learned_on = dt.date.today()
        self.profession: Profession | None = None  # None: the signed-in person's own
        self.reporter = ""

        self.questions = QWidget(self)
        self.age = QSpinBox(self.questions)
        self.age.setRange(NO_AGE, 25)
        self.age.setSpecialValueText("choose")
        self.age.setSuffix(" years")
        self.age.setAccessibleName("The girl's age in years")
        self.age.setValue(NO_AGE)
        self.sources = QButtonGroup(self)
        source_column = QVBoxLayout()
        source_column.setContentsMargins(0, 0, 0, 0)
        for source in FgmSource:
            button = QRadioButton(source.label, self.questions)
            button.setAccessibleName(source.label)
            button.setProperty("source", source.value)
            self.sources.addButton(button)
            source_column.addWidget(button)
        form = QFormLayout(self.questions)
        form.setContentsMargins(0, 0, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        age_label = QLabel("The girl's a&ge:", self.questions)
        age_label.setBuddy(self.age)
        form.addRow(age_label, self.age)
        form.addRow(QLabel("How it came to light:", self.questions), source_column)

        self.advice = QLabel(self)
        self.advice.setTextFormat(Qt.TextFormat.RichText)
        self.advice.setWordWrap(True)
        self.advice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.advice.setAccessibleName("What to do")
        column = QVBoxLayout(self)
        column.addWidget(self.questions)
        column.addWidget(self.advice)
        column.addStretch()
        self.age.valueChanged.connect(self._answered)
        self.sources.buttonToggled.connect(self._toggled)

    def set_case(
        self,
        *,
        routes: tuple[SpecialRoute, ...],
        learned_on: dt.date,
        girl_age: int | None = None,
        fgm_source: FgmSource | None = None,
        profession: Profession | None = None,
        reporter: str = "",
    ) -> None:
        """Show the advice for ``routes``; ``profession`` is the reporter's when the DSL
        reads someone else's concern (None: the signed-in person's own). ``girl_age`` and
        ``fgm_source`` answer the FGM questions where they are already known."""
        self.routes, self.learned_on = routes, learned_on
        self.profession, self.reporter = profession, reporter
        if girl_age is not None and self.age.value() == NO_AGE:
            self.age.setValue(min(girl_age, self.age.maximum()))
        if fgm_source is not None and self.sources.checkedButton() is None:
            for button in self.sources.buttons():
                button.setChecked(button.property("source") == fgm_source.value)
        self.questions.setVisible(SpecialRoute.FGM in routes)
        self.refresh()

    def fgm_answers(self) -> tuple[int | None, FgmSource | None]:
        """The girl's age and how it came to light, or None where not answered."""
        chosen = self.sources.checkedButton()
        age = self.age.value()
        return (
            None if age == NO_AGE else age,
            None if chosen is None else FgmSource(str(chosen.property("source"))),
        )

    def unanswered(self) -> QWidget | None:
        """The FGM question still to answer (its control), or None."""
        if SpecialRoute.FGM not in self.routes:
            return None
        age, source = self.fgm_answers()
        if age is None:
            return self.age
        if source is None:
            return self.sources.buttons()[0]
        return None

    def advices(self) -> list[RouteAdvice]:
        """The advice for each route that can be given now (FGM once answered)."""
        found = []
        age, source = self.fgm_answers()
        for route in self.routes:
            if route is SpecialRoute.FGM and (age is None or source is None):
                continue
            if self.profession is None:
                found.append(
                    advise(
                        self.signed,
                        route=route,
                        learned_on=self.learned_on,
                        girl_age=age,
                        fgm_source=source,
                    )
                )
            else:
                facts = None
                if route is SpecialRoute.FGM and age is not None and source is not None:
                    learner = LearnerProfession(self.profession.value)
                    facts = FgmFacts(girl_age=age, source=source, profession=learner)
                found.append(route_advice(route, learned_on=self.learned_on, fgm=facts))
        return found

    def refresh(self) -> None:
        """Show the advice again for the answers given."""
        try:
            advices = self.advices()
        except WtscError as error:
            self._show(f"<b>{escape(str(error))}</b>")
            return
        own = self.profession is None
        blocks = [advice_html(a, own=own, reporter=self.reporter) for a in advices]
        if self.unanswered() is not None:
            blocks.insert(0, f"<p>{escape(ASK_FGM)}</p>")
        self._show("".join(blocks))

    def _show(self, html: str) -> None:
        self.advice.setText(html)
        self.advice.setAccessibleDescription(re.sub(r"<[^>]+>", " ", html))

    def _toggled(self, _button: QRadioButton, on: bool) -> None:
        if on:
            self._answered()

    def _answered(self) -> None:
        self.refresh()
        self.changed.emit()

    # --- for the concern wizard's draft --------------------------------------------

    def state(self) -> dict[str, Any]:
        age, source = self.fgm_answers()
        return {"age": age, "source": None if source is None else source.value}

    def restore(self, state: dict[str, Any]) -> None:
        age = state.get("age")
        self.age.setValue(age if isinstance(age, int) else NO_AGE)
        wanted = state.get("source")
        self.sources.setExclusive(False)  # so that the one chosen can be cleared too
        for button in self.sources.buttons():
            button.setChecked(button.property("source") == wanted)
        self.sources.setExclusive(True)

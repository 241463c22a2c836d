"""The concern wizard's page after "Kind of harm" when FGM, trafficking or modern slavery,
or private fostering is ticked: what to do, in plain words, before going on.

For FGM it asks the girl's age and how it came to light first, because those decide
whether the person must report to the police themselves (T8) or tell the DSL.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from wtsc_desktop.clock import today_in_london
from wtsc_desktop.guidance.special_routes import SpecialRoute
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.special_route_deadlines import routes_for
from wtsc_desktop.ui.dialogs.concern_account_pages import CategoriesPage
from wtsc_desktop.ui.dialogs.concern_pages import ConcernPage, WhenPage
from wtsc_desktop.ui.widgets.route_advice import RouteAdvicePanel, scrolling


class RoutePage(ConcernPage):
    """Shown only when a kind of harm with its own route is ticked on ``categories``;
    the advice counts from the day on ``when`` (today if that is not clear yet)."""

    def __init__(
        self,
        signed: SignedIn,
        when: WhenPage,
        categories: CategoriesPage,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "What to do about this kind of harm",
            "Some kinds of harm have their own route. Read this before you go on.",
            parent,
        )
        self.signed = signed
        self.when, self.categories = when, categories
        self.panel = RouteAdvicePanel(signed, self)
        scroll = scrolling(self.panel, self)
        self.column.addWidget(scroll, 1)
        self.finish_layout()
        self.fields = {"fgm": self.panel.age}

    def initializePage(self) -> None:
        super().initializePage()
        try:
            learned_on = self.when.observed()[0].date()
        except ValueError:
            learned_on = today_in_london(self.signed.store.clock)
        self.panel.set_case(
            routes=routes_for(tuple(self.categories.chosen())), learned_on=learned_on
        )

    def validatePage(self) -> bool:
        missing = self.panel.unanswered()
        if missing is not None:
            return self.complain(
                "Answer both questions about the FGM: her age (your best guess if you are "
                "not sure) and how you learned of it.",
                missing,
            )
        return True

    def fgm_source(self) -> str:
        """How the reporter learned of the FGM (an ``FgmSource`` value), when FGM is ticked
        and they said; "" otherwise."""
        if SpecialRoute.FGM not in routes_for(tuple(self.categories.chosen())):
            return ""
        source = self.panel.fgm_answers()[1]
        return "" if source is None else source.value

    def state(self) -> dict[str, Any]:
        return self.panel.state()

    def restore(self, state: dict[str, Any]) -> None:
        self.panel.restore(state)

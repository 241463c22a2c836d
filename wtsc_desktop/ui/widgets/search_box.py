"""The search box in the toolbar: one box that finds children and concerns by any word.

Typing searches after a short pause (once two characters are typed, or one Chinese,
Japanese or Korean character); Enter searches at once, whatever is typed. The search runs
off the GUI thread (``ui.background``), and an answer to an older search is dropped when
a newer one was asked. Results drop down in ``ResultsPopup`` while the cursor stays in
the box: Down moves into them, Enter opens one. Opening emits ``open_record(kind, id)``
and calls the ``opener`` given (the toolbar passes ``open_in_workspace``, which asks the
section that shows that kind of record to show it). What each person finds is decided by
``services.search``, not here; a search is not audited, opening a record is (by the
service that opens it).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLineEdit, QToolButton, QWidget
from shiboken6 import isValid

from wtsc_desktop.errors import WtscError
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import Action, allowed
from wtsc_desktop.services.search import SearchResults, search
from wtsc_desktop.ui.background import Runner, ThreadRunner
from wtsc_desktop.ui.widgets.search_results import ResultsPopup

PAUSE_MS = 350
MIN_TYPED = 2
LIMIT = 20

Opener = Callable[[str, int], bool]


def worth_searching(text: str) -> bool:
    """Enough typed to search while typing: two characters, or one CJK character (a
    Chinese name can be one or two characters long)."""
    typed = text.strip()
    return len(typed) >= MIN_TYPED or any(ord(ch) >= 0x2E80 and ch.isalpha() for ch in typed)


def status_text(found: SearchResults, *, leads: bool) -> str:
    """The line under the results: how many, or why none."""
    count = len(found.results)
    if count == 0:
        where = (
            "Check the spelling, or type the start of a name or of any word."
            if leads
            else "You can search the concerns you recorded yourself."
        )
        return f"Nothing found for “{found.text.strip()}”. {where}"
    if found.more:
        return f"The best {count} shown: add another word to narrow them down."
    return f"{count} found. Press Down to choose one, Enter to open it."


def open_in_workspace(window: QWidget, kind: str, record_id: int) -> bool:
    """Show a record in the section that shows its kind (``show_concern``/``show_child``);
    False when no section of this person's workspace can."""
    from wtsc_desktop.ui.workspace import Workspace

    pages = getattr(window, "pages", None)
    workspace = pages.currentWidget() if pages is not None else None
    if not isinstance(workspace, Workspace):
        return False
    for view in workspace.views:
        show = getattr(view, f"show_{kind}", None)
        if callable(show):
            workspace.show_section(view.title)
            show(record_id)
            return True
    return False


class SearchBox(QLineEdit):
    """``open_record(kind, id)``: a result was opened ("child" or "concern")."""

    open_record = Signal(str, int)

    def __init__(
        self,
        signed: SignedIn,
        *,
        opener: Opener | None = None,
        runner: Runner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.signed = signed
        self.opener = opener
        self.runner = runner or ThreadRunner()
        self.leads = allowed(signed.actor.role, Action.VIEW_CHILDREN)
        what = "children and concerns" if self.leads else "your concerns"
        self.setPlaceholderText(f"Search {what} (Ctrl+F)")
        self.setAccessibleName("Search")
        self.setAccessibleDescription(
            f"Search {what} by any word. Enter searches; Down goes to the results."
        )
        self.setClearButtonEnabled(True)
        for clear in self.findChildren(QToolButton):
            clear.setAccessibleName("Clear the search")  # by mouse; Escape clears too
        self.setMinimumWidth(300)
        self.setMaximumWidth(420)
        self.setMaxLength(400)  # the service says so, politely, above 200
        self.popup = ResultsPopup(self)
        self.popup.chosen.connect(self._chosen)
        # The results lie in the window, not in the box: they go when the box goes.
        self.destroyed.connect(self.popup.deleteLater)
        self.pause = QTimer(self)
        self.pause.setSingleShot(True)
        self.pause.setInterval(PAUSE_MS)
        self.pause.timeout.connect(lambda: self._search(self.text()))
        self.textEdited.connect(self._typed)
        self.returnPressed.connect(self.search_now)
        find = QShortcut(QKeySequence.StandardKey.Find, self)
        find.setContext(Qt.ShortcutContext.WindowShortcut)
        find.activated.connect(self.focus_box)
        self._asked = 0  # numbers each search; a late answer to an older one is dropped
        self.searches = 0  # searches started (for tests)

    # --- searching ----------------------------------------------------------------

    def focus_box(self) -> None:
        self.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.selectAll()

    def _typed(self, text: str) -> None:
        if worth_searching(text):
            self.pause.start()
        else:
            self.pause.stop()
            self._asked += 1
            self.popup.hide()

    def search_now(self) -> None:
        """Search for what is typed, at once (Enter)."""
        self.pause.stop()
        self._search(self.text())

    def _search(self, text: str) -> None:
        self._asked += 1
        if not text.strip():
            self.popup.hide()
            return
        asked = self._asked
        signed = self.signed
        self.searches += 1
        self.runner.run(
            lambda: search(signed, text=text, limit=LIMIT),
            lambda found: self._found(asked, found),
            lambda error: self._failed(asked, error),
            label="Searching…",
            parent=self.window(),
        )

    def _found(self, asked: int, found: SearchResults) -> None:
        if not isValid(self) or asked != self._asked:
            return
        self.popup.set_results(found.results, status_text(found, leads=self.leads))
        self.popup.show_under(self)

    def _failed(self, asked: int, error: BaseException) -> None:
        if not isValid(self) or self.signed.store.closed:
            return  # the box is gone, or the session locked while it searched
        if not isinstance(error, WtscError):
            raise error
        if asked == self._asked:
            self.popup.set_results((), str(error))
            self.popup.show_under(self)

    # --- keys and opening -----------------------------------------------------------

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.popup.hide()  # the toolbar is cleared at lock: no results may stay on screen

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Down and self.popup.records():
            self.popup.show_under(self)
            self.popup.enter()
            return
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            self._typed("")
            return
        super().keyPressEvent(event)

    def _chosen(self, kind: str, record_id: int) -> None:
        self.open_record.emit(kind, record_id)
        if self.opener is not None and not self.opener(kind, record_id):
            what = "A child's file" if kind == "child" else "That concern"
            self.popup.set_status(f"{what} cannot be opened from here yet.")
            self.popup.show_under(self)


def toolbar_search_box(signed: SignedIn, window: QWidget) -> SearchBox:
    """The box as the toolbar shows it: a result opens in ``window``'s workspace."""
    return SearchBox(signed, opener=partial(open_in_workspace, window), parent=window)

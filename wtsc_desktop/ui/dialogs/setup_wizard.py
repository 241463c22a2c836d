"""The first-run setup wizard: organisation, local contacts, term dates, the first
safeguarding lead's account, then the encrypted record store and its recovery key.

It ends in ``services.setup.create_store``; ``store_created`` then carries the new user
name so the app can show the sign-in screen.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from wtsc_desktop.clock import Clock, today_in_london
from wtsc_desktop.errors import WtscError
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.permissions import Profession
from wtsc_desktop.services.settings import SPECS, format_date_ranges
from wtsc_desktop.services.setup import DEFAULT_KDF, KdfParams, create_store
from wtsc_desktop.ui.dialogs.recovery_page import RecoveryKeyPage
from wtsc_desktop.ui.dialogs.setup_pages import (
    AccountPage,
    ContactsPage,
    OrganisationPage,
    TermsPage,
    WelcomePage,
    text_label,
)
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.wizard_buttons import name_wizard_buttons

WELCOME, ORGANISATION, CONTACTS, TERMS, ACCOUNT, CREATE, RECOVERY = range(7)

PAGE_WIDTH = 720
MESSAGE_ROOM = 90  # a two-line message, or the note for a nation other than England


class CreatePage(QWizardPage):
    """A summary of what was typed; pressing Create makes the store."""

    def __init__(self, create: Callable[[], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Check and create")
        self.setSubTitle("Check these details, then create the encrypted record store.")
        self.setCommitPage(True)  # once the store exists there is no going back
        self._create = create
        column = QVBoxLayout(self)
        self.summary = QTextBrowser(self)
        self.summary.setAccessibleName("Summary of your answers")
        self.summary.setTabChangesFocus(True)
        self.summary.setOpenLinks(False)
        column.addWidget(self.summary, 1)
        column.addWidget(
            text_label(
                "Press Back to change anything. You can change the organisation, contacts "
                "and term dates later in Settings.",
                self,
                name="hint",
            )
        )
        self.feedback = FeedbackLabel(self)
        column.addWidget(self.feedback)

    def show_summary(self, html: str) -> None:
        self.summary.setHtml(html)
        self.feedback.clear_message()

    def validatePage(self) -> bool:
        return self._create()


def summary_html(organisation: dict[str, Any], account: dict[str, Any], folder: str) -> str:
    """The Create page's summary: every answer under its declared label."""
    rows: list[tuple[str, str]] = []
    for key, value in organisation.items():
        spec = SPECS[key]
        if spec.kind == "choice" and spec.choices is not None:
            shown = spec.choices.get(value, str(value))
        elif spec.kind == "date_ranges":
            shown = format_date_ranges(value) if value else "none entered"
        else:
            shown = str(value) if str(value).strip() else "not given"
        rows.append((spec.label, shown))
    profession = account["profession"]
    assert isinstance(profession, Profession)
    rows += [
        ("Your user name", account["user_name"]),
        ("Your full name", account["full_name"]),
        ("Your profession", profession.label),
        ("Your role", "Designated safeguarding lead"),
        ("Record store folder", folder),
    ]
    cells = "".join(
        f"<tr><td style='padding-right: 12px'>{escape(label)}</td>"
        f"<td><b>{escape(value).replace(chr(10), '<br>')}</b></td></tr>"
        for label, value in rows
    )
    return f"<table cellspacing='0' cellpadding='3'>{cells}</table>"


class SetupWizard(QWizard):
    """First-run setup; emits ``store_created`` with the new DSL's user name on Finish."""

    store_created = Signal(str)

    def __init__(
        self,
        paths: StorePaths,
        clock: Clock,
        kdf: KdfParams = DEFAULT_KDF,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.paths = paths
        self.clock = clock
        self.kdf = kdf
        self.user_name: str | None = None
        self.recovery_key: str | None = None
        self.setWindowTitle("Set up WTSC Desktop")
        self.setAccessibleName("Set up WTSC Desktop")
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        name_wizard_buttons(self, finish="&Finish", commit="&Create the record store")

        self.welcome_page = WelcomePage(self)
        self.organisation_page = OrganisationPage(self)
        self.contacts_page = ContactsPage(self)
        self.terms_page = TermsPage(self)
        self.account_page = AccountPage(self)
        self.create_page = CreatePage(self._create_store, self)
        self.recovery_page = RecoveryKeyPage(self)
        for page_id, page in (
            (WELCOME, self.welcome_page),
            (ORGANISATION, self.organisation_page),
            (CONTACTS, self.contacts_page),
            (TERMS, self.terms_page),
            (ACCOUNT, self.account_page),
            (CREATE, self.create_page),
            (RECOVERY, self.recovery_page),
        ):
            self.setPage(page_id, page)
        self.setStartId(WELCOME)
        self._fit_pages()
        self.currentIdChanged.connect(self._page_changed)

    def _fit_pages(self) -> None:
        """Give every page the room the largest needs, so the window keeps one size.

        A wizard that grows from page to page jumps about on screen; pages are sized
        before the window is shown, with room left for a message under the boxes.
        """
        height = 0
        for page_id in self.pageIds():
            layout = self.page(page_id).layout()
            assert layout is not None
            if layout.hasHeightForWidth():
                needed = layout.totalHeightForWidth(PAGE_WIDTH)
            else:
                needed = layout.totalSizeHint().height()
            height = max(height, needed)
        for page_id in self.pageIds():
            self.page(page_id).setMinimumSize(PAGE_WIDTH, height + MESSAGE_ROOM)

    def organisation_values(self) -> dict[str, Any]:
        return {
            **self.organisation_page.values,
            **self.contacts_page.values,
            **self.terms_page.values,
        }

    def _page_changed(self, page_id: int) -> None:
        if page_id == CREATE:
            self.create_page.show_summary(
                summary_html(
                    self.organisation_values(),
                    self.account_page.values,
                    str(self.paths.root),
                )
            )

    def _create_store(self) -> bool:
        account = self.account_page.values
        organisation = self.organisation_values()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            made = create_store(
                self.paths,
                organisation=organisation,
                user_name=account["user_name"],
                full_name=account["full_name"],
                password=self.account_page.password.text(),
                profession=account["profession"],
                clock=self.clock,
                kdf=self.kdf,
            )
        except WtscError as error:
            self.create_page.feedback.show_error(error)
            return False
        finally:
            QApplication.restoreOverrideCursor()
        self.user_name = account["user_name"]
        self.recovery_key = made.recovery_key
        self.account_page.forget_password()
        self.recovery_page.show_key(
            organisation=str(organisation.get("org.name", "")),
            recovery_key=made.recovery_key,
            made_on=today_in_london(self.clock),
        )
        return True

    def accept(self) -> None:
        if self.user_name is None:
            return
        super().accept()
        # The key has been printed or saved: keep no copy of it in the window any longer.
        self.recovery_key = None
        self.recovery_page.forget_key()
        self.store_created.emit(self.user_name)

    def reject(self) -> None:
        if self.user_name is not None:
            # The store exists: leaving without the key saved would risk every record.
            if self.recovery_page.saved.isChecked():
                self.accept()
            else:
                self.recovery_page.remind()
            return
        if self.currentId() == WELCOME:
            super().reject()
            return
        self._ask_to_leave()

    def _ask_to_leave(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Stop setting up?",
            "Stop setting up WTSC Desktop? Nothing has been saved yet, so what you typed "
            "will be lost.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            self,
        )
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.button(QMessageBox.StandardButton.Yes).setText("Stop setting up")
        box.button(QMessageBox.StandardButton.Yes).setAccessibleName("Stop setting up")
        box.button(QMessageBox.StandardButton.No).setText("Carry on")
        box.button(QMessageBox.StandardButton.No).setAccessibleName("Carry on")
        box.setAccessibleName("Stop setting up?")
        box.setObjectName("leaveSetup")

        def answered(result: int) -> None:
            box.deleteLater()
            if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
                QWizard.reject(self)

        box.finished.connect(answered)
        box.open()

"""The form pages of the first-run setup wizard: welcome, organisation, local contacts,
term dates and the first safeguarding lead's account.

The organisation, contacts and term-date boxes are built from the setting declarations
(``services.settings``), so each setting is described in one place. Each page checks its
boxes when Next is pressed and says what is wrong on the page, keeping what was typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from wtsc_desktop.errors import ValidationError, WeakPassword
from wtsc_desktop.services.passwords import MIN_LENGTH, check_new_password
from wtsc_desktop.services.permissions import Profession
from wtsc_desktop.services.settings import (
    CONTACTS,
    NATIONS,
    ORGANISATION,
    SETTINGS,
    TERMS,
    SettingSpec,
)
from wtsc_desktop.services.setup import check_user_name
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.setting_form import SettingForm

# Each nation's own child-protection guidance, named so the note points somewhere useful.
OTHER_NATIONS_GUIDANCE = {
    "wales": "the Wales Safeguarding Procedures",
    "scotland": "the National Guidance for Child Protection in Scotland",
    "northern_ireland": ("Co-operating to Safeguard Children and Young People in Northern Ireland"),
}


PROFESSION_HELP = (
    "Teachers and regulated health or social care professionals must report known cases "
    "of FGM to the police themselves (rule T8)."
)
PASSWORD_HELP = (
    f"At least {MIN_LENGTH} characters. Three or four unrelated words make a strong password "
    "that is easy to remember."
)


def text_label(text: str, parent: QWidget, *, name: str = "") -> QLabel:
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if "<" in text else Qt.TextFormat.PlainText)
    if name:
        label.setObjectName(name)
    return label


def section(spec_section: str) -> list[SettingSpec]:
    return [spec for spec in SETTINGS if spec.section == spec_section]


def nation_note(nation: str) -> str:
    """What the organisation page says when the nation is not England ("" for England)."""
    if nation not in OTHER_NATIONS_GUIDANCE:
        return ""
    return (
        f"{NATIONS[nation]} has its own child-protection guidance "
        f"({OTHER_NATIONS_GUIDANCE[nation]}) and its own local procedures. The rules and "
        "timescales in this app are England's (Working Together to Safeguard Children and "
        "Keeping Children Safe in Education), so some will differ from yours: check each "
        "deadline against your local procedures. You can still carry on."
    )


class WelcomePage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Welcome to WTSC Desktop")
        self.setSubTitle("Setting up takes about five minutes.")
        column = QVBoxLayout(self)
        column.addWidget(
            text_label(
                "WTSC Desktop keeps your organisation's safeguarding records: the concerns "
                "staff and volunteers raise, the decisions you make about them, and the "
                "referrals you send. It shows what you must do next and by when, following "
                "<i>Working Together to Safeguard Children</i> and <i>Keeping Children Safe "
                "in Education</i>. It prints a record, or saves it as a PDF, when you need to "
                "pass it on.",
                self,
            )
        )
        column.addWidget(
            text_label(
                "<b>Everything you enter is kept encrypted on this PC.</b> The app sends "
                "nothing anywhere.",
                self,
            )
        )
        column.addWidget(
            text_label(
                "Have these to hand: your local authority's children's social care and LADO "
                "contact details, and your term dates if you are a school or nursery. You "
                "can change all of them later in Settings.",
                self,
                name="hint",
            )
        )
        column.addWidget(
            text_label(
                "At the end you get a recovery key, the way back in if a password is "
                "forgotten. Have a printer or a USB stick ready to keep a copy of it.",
                self,
                name="hint",
            )
        )
        column.addStretch(1)


class OrganisationPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Your organisation")
        self.setSubTitle("Its name appears on every record you print or save.")
        self.values: dict[str, Any] = {}
        column = QVBoxLayout(self)
        self.form = SettingForm(section(ORGANISATION), self)
        column.addWidget(self.form)
        self.note = text_label("", self)
        self.note.setObjectName("nationNote")
        font = self.note.font()
        font.setBold(True)
        self.note.setFont(font)
        self.note.hide()
        column.addWidget(self.note)
        self.feedback = FeedbackLabel(self)
        column.addWidget(self.feedback)
        column.addStretch(1)
        self.type_box = self.form.editors["org.type"]
        self.nation_box = self.form.editors["org.nation"]
        assert isinstance(self.type_box, QComboBox)
        assert isinstance(self.nation_box, QComboBox)
        self.type_box.currentIndexChanged.connect(self._type_changed)
        self.nation_box.currentIndexChanged.connect(self._nation_changed)
        self.registerField("org_name", self.form.editors["org.name"])
        self._type_changed()

    def organisation_type(self) -> str:
        return str(self.form.raw_value("org.type"))

    def _type_changed(self) -> None:
        self.form.show_for(self.organisation_type())

    def _nation_changed(self) -> None:
        note = nation_note(str(self.form.raw_value("org.nation")))
        self.note.setText(note)
        self.note.setAccessibleDescription(note)
        self.note.setVisible(bool(note))

    def validatePage(self) -> bool:
        try:
            self.values = self.form.clean_values(self.organisation_type())
        except ValidationError as error:
            self.feedback.show_error(error)
            return False
        self.feedback.clear_message()
        return True


class SettingsPage(QWizardPage):
    """A page of settings (one section of ``SETTINGS``), under a short introduction."""

    def __init__(
        self,
        specs: Sequence[SettingSpec],
        *,
        title: str,
        subtitle: str,
        intro: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setTitle(title)
        self.setSubTitle(subtitle)
        self.values: dict[str, Any] = {}
        column = QVBoxLayout(self)
        if intro:
            column.addWidget(text_label(intro, self))
        self.form = SettingForm(specs, self)
        column.addWidget(self.form)
        self.feedback = FeedbackLabel(self)
        column.addWidget(self.feedback)
        column.addStretch(1)

    def validatePage(self) -> bool:
        try:
            self.values = self.form.clean_values()
        except ValidationError as error:
            self.feedback.show_error(error)
            return False
        self.feedback.clear_message()
        return True


class ContactsPage(SettingsPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            section(CONTACTS),
            title="Local contacts",
            subtitle="Who you contact when a child may be at risk. Leave a box empty if you "
            "do not know it yet.",
            parent=parent,
        )


class TermsPage(SettingsPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(
            section(TERMS),
            title="Term dates (optional)",
            subtitle="You can leave this page empty and add your term dates later.",
            intro="Some deadlines count school days: for example, a child protection file "
            "goes to a pupil's new school within 5 school days (rule T7, Keeping Children "
            "Safe in Education, Annex C). With your term dates, the app counts only the "
            "days you are open. Without them, it counts Monday to Friday, less bank "
            "holidays. Clubs and charities can usually skip this page.",
            parent=parent,
        )


def _password_box(name: str, parent: QWidget) -> QLineEdit:
    box = QLineEdit(parent)
    box.setEchoMode(QLineEdit.EchoMode.Password)
    box.setAccessibleName(name)
    return box


class AccountPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle("Your account")
        self.setSubTitle("You will be the designated safeguarding lead (DSL) in the app.")
        self.values: dict[str, Any] = {}
        column = QVBoxLayout(self)
        form = QFormLayout()
        column.addLayout(form)
        self.user_name = QLineEdit(self)
        self.user_name.setAccessibleName("User name")
        self.user_name.setMaxLength(80)
        self.user_name.setPlaceholderText("For example: j.smith")
        self.full_name = QLineEdit(self)
        self.full_name.setAccessibleName("Full name")
        self.profession = QComboBox(self)
        self.profession.setAccessibleName("Profession")
        self.profession.addItem("Choose…", None)
        for profession in Profession:
            self.profession.addItem(profession.label, profession.value)
        self.profession.setAccessibleDescription(PROFESSION_HELP)
        self.password = _password_box("Password", self)
        self.password.setAccessibleDescription(PASSWORD_HELP)
        self.confirm = _password_box("Type the password again", self)
        self.show_password = QCheckBox("Show the password", self)
        self.show_password.setAccessibleName("Show the password")
        self.strength = QLabel(self)
        self.strength.setObjectName("feedback")
        self.strength.setWordWrap(True)
        self.strength.setAccessibleName("Password strength")
        form.addRow(self._buddy("&User name", self.user_name), self.user_name)
        form.addRow(self._buddy("&Full name", self.full_name), self.full_name)
        form.addRow(self._buddy("P&rofession", self.profession), self._with_hint(self.profession))
        form.addRow(self._buddy("&Password", self.password), self._with_hint(self.password))
        form.addRow(self._buddy("Type it &again", self.confirm), self.confirm)
        form.addRow("", self.show_password)
        form.addRow("", self.strength)
        self.feedback = FeedbackLabel(self)
        column.addWidget(self.feedback)
        column.addStretch(1)
        self.password.textChanged.connect(self._judge)
        self.show_password.toggled.connect(self._show_password)

    def _buddy(self, text: str, box: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(box)
        return label

    def _with_hint(self, box: QWidget) -> QWidget:
        """The box with its help line close under it (the help is its description too)."""
        field = QWidget(self)
        column = QVBoxLayout(field)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        box.setParent(field)
        column.addWidget(box)
        column.addWidget(text_label(box.accessibleDescription(), field, name="hint"))
        return field

    def _related(self) -> list[str]:
        return [self.user_name.text(), self.full_name.text(), str(self.field("org_name"))]

    def _show_password(self, shown: bool) -> None:
        mode = QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
        self.password.setEchoMode(mode)
        self.confirm.setEchoMode(mode)

    def _judge(self, password: str) -> None:
        """Say how strong the password is as it is typed (zxcvbn takes milliseconds)."""
        self.feedback.clear_message()  # an earlier refusal no longer fits what is typed
        if not password:
            text, kind = "", ""
        else:
            try:
                check_new_password(password, related=self._related())
            except WeakPassword as weak:
                text, kind = str(weak), "weak"
            else:
                text, kind = "This password is strong enough.", "ok"
        self.strength.setText(text)
        self.strength.setAccessibleDescription(text)
        self.strength.setProperty("kind", kind)
        self.strength.style().unpolish(self.strength)
        self.strength.style().polish(self.strength)
        self.strength.setVisible(bool(text))

    def _refuse(self, error: ValidationError | str, box: QWidget) -> bool:
        self.feedback.show_error(error)
        if str(error) == self.strength.text():
            self.strength.hide()  # said once, as the error, is enough
        box.setFocus()
        return False

    def validatePage(self) -> bool:
        try:
            user_name = check_user_name(self.user_name.text())
        except ValidationError as error:
            return self._refuse(error, self.user_name)
        if not self.full_name.text().strip():
            return self._refuse("Type your full name.", self.full_name)
        profession = self.profession.currentData()
        if profession is None:
            return self._refuse("Choose your profession.", self.profession)
        password = self.password.text()
        try:
            check_new_password(password, related=self._related())
        except WeakPassword as weak:
            return self._refuse(weak, self.password)
        if self.confirm.text() != password:
            return self._refuse(
                "The two passwords are not the same. Type the password again in the second box.",
                self.confirm,
            )
        self.feedback.clear_message()
        self.values = {
            "user_name": user_name,
            "full_name": self.full_name.text().strip(),
            "profession": Profession(profession),
        }
        return True

    def forget_password(self) -> None:
        """Empty the password boxes once the store holds the password's key slot."""
        self.password.clear()
        self.confirm.clear()

"""The DSL's dialogs for accounts: add someone, reset a password, change a role, switch an
account off. Each saves through ``services.accounts``. (Rotating the key: ``rotate_key``.)
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.errors import ValidationError
from wtsc_desktop.services import accounts
from wtsc_desktop.services.accounts import UserSummary
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import Profession, Role
from wtsc_desktop.ui.dialogs.form_dialog import FormDialog
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.widgets.form_parts import paragraph, password_box, text_box

ROLE_DESCRIPTIONS: dict[Role, str] = {
    Role.DSL: "Everything: records, decisions, referrals, users, settings and backups.",
    Role.DEPUTY: "As the lead, except users, the database key and settings.",
    Role.REPORTER: "Logs concerns, and sees and adds to only their own.",
    Role.ALLEGATIONS_MANAGER: "The register of allegations and low-level concerns about "
    "adults; no children's files.",
    Role.REVIEWER: "Anonymised reports and the audit log; no named records.",
}
PROFESSION_HINT = (
    "Duties depend on it: teachers and health or social care professionals must report "
    "FGM to the police themselves."
)
PASSWORD_HINT = "At least 12 characters. Three or four unrelated words make a strong one."  # noqa: S105


def _not_the_same() -> ValidationError:
    return ValidationError(
        "confirm", "The two passwords are not the same. Type the password again in both boxes."
    )


def _with_hint(box: QWidget, hint: QLabel) -> QWidget:
    """A box with a quieter line of explanation under it, as one form field."""
    field = QWidget()
    column = QVBoxLayout(field)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(box)
    column.addWidget(hint)
    field.setFocusProxy(box)  # the label's shortcut key lands in the box
    return field


def _role_box(current: Role) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName("Role")
    for role in Role:
        box.addItem(role.label, role.value)
    box.setCurrentIndex(box.findData(current.value))
    return box


def _profession_box(current: Profession) -> QComboBox:
    box = QComboBox()
    box.setAccessibleName("Profession")
    for profession in Profession:
        box.addItem(profession.label, profession.value)
    box.setCurrentIndex(box.findData(current.value))
    box.setAccessibleDescription(PROFESSION_HINT)
    return box


class _RoleFields:
    """The role and profession boxes with their explanations, shared by two dialogs."""

    def __init__(self, dialog: FormDialog, role: Role, profession: Profession) -> None:
        self.role = _role_box(role)
        self.role_hint = paragraph("", hint=True)
        self.profession = _profession_box(profession)
        self.role.currentIndexChanged.connect(self._describe)
        self._describe()
        dialog.form.addRow("&Role", _with_hint(self.role, self.role_hint))
        dialog.form.addRow(
            "&Profession", _with_hint(self.profession, paragraph(PROFESSION_HINT, hint=True))
        )
        dialog.fields["role"] = self.role
        dialog.fields["profession"] = self.profession

    def _describe(self) -> None:
        text = ROLE_DESCRIPTIONS[self.chosen_role()]
        self.role_hint.setText(text)
        self.role.setAccessibleDescription(text)

    def chosen_role(self) -> Role:
        return Role(self.role.currentData())

    def chosen_profession(self) -> Profession:
        return Profession(self.profession.currentData())


class AddUserDialog(FormDialog):
    """A new account with a first password, which the person changes when they first sign in."""

    area = "users"

    def __init__(self, signed: SignedIn, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(signed, bus, title="Add a user", ok_text="Add user", parent=parent)
        intro = paragraph(
            "Add someone who will sign in to WTSC Desktop. Tell them their first password in "
            "person or by phone, not by email: they must choose their own when they first "
            "sign in."
        )
        self.user_name = text_box("User name", max_length=80)
        self.full_name = text_box("Full name")
        self.role_fields = _RoleFields(self, Role.REPORTER, Profession.OTHER)
        self.email = text_box("Email (optional)")
        self.phone = text_box("Phone (optional)", max_length=40)
        self.password = password_box("First password")
        self.password.setAccessibleDescription(PASSWORD_HINT)
        self.confirm = password_box("First password again")
        self.form.insertRow(0, "&User name", self.user_name)
        self.form.insertRow(1, "&Full name", self.full_name)
        self.form.addRow("&Email (optional)", self.email)
        self.form.addRow("P&hone (optional)", self.phone)
        self.form.addRow(
            "First pass&word", _with_hint(self.password, paragraph(PASSWORD_HINT, hint=True))
        )
        self.form.addRow("First password &again", self.confirm)
        self.fields.update(
            user_name=self.user_name,
            full_name=self.full_name,
            password=self.password,
            confirm=self.confirm,
        )
        self.finish_layout(intro)
        self.added: UserSummary | None = None

    def save(self) -> None:
        if self.password.text() != self.confirm.text():
            raise _not_the_same()
        self.added = accounts.add_user(
            self.signed,
            user_name=self.user_name.text(),
            full_name=self.full_name.text(),
            role=self.role_fields.chosen_role(),
            profession=self.role_fields.chosen_profession(),
            password=self.password.text(),
            email=self.email.text(),
            phone=self.phone.text(),
        )


class ResetPasswordDialog(FormDialog):
    """A new password for someone who forgot theirs (or after the key was rotated)."""

    area = "users"

    def __init__(
        self, signed: SignedIn, bus: DataBus, user: UserSummary, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            signed, bus, title="Reset a password", ok_text="Reset password", parent=parent
        )
        self.user = user
        intro = paragraph(
            f"A new password for {user.full_name} ({user.user_name}). Tell them in person or "
            "by phone, not by email: they must choose their own when they next sign in."
        )
        self.password = password_box("New password")
        self.password.setAccessibleDescription(PASSWORD_HINT)
        self.confirm = password_box("New password again")
        self.form.addRow(
            "&New password", _with_hint(self.password, paragraph(PASSWORD_HINT, hint=True))
        )
        self.form.addRow("New password &again", self.confirm)
        self.fields.update(password=self.password, confirm=self.confirm)
        self.finish_layout(intro)

    def save(self) -> None:
        if self.password.text() != self.confirm.text():
            raise _not_the_same()
        accounts.reset_password(
            self.signed, user_id=self.user.id, new_password=self.password.text()
        )


class ChangeRoleDialog(FormDialog):
    """What someone may do, and their profession."""

    area = "users"

    def __init__(
        self, signed: SignedIn, bus: DataBus, user: UserSummary, parent: QWidget | None = None
    ) -> None:
        super().__init__(signed, bus, title="Change a role", ok_text="Change role", parent=parent)
        self.user = user
        intro = paragraph(
            f"What {user.full_name} ({user.user_name}) may do. The change applies at once, "
            "even if they are signed in now."
        )
        self.role_fields = _RoleFields(self, user.role, user.profession)
        self.finish_layout(intro)

    def save(self) -> None:
        accounts.change_role(
            self.signed,
            user_id=self.user.id,
            role=self.role_fields.chosen_role(),
            profession=self.role_fields.chosen_profession(),
        )


class DeactivateDialog(FormDialog):
    """Switch an account off: the person's key is removed; their history stays."""

    area = "users"

    def __init__(
        self, signed: SignedIn, bus: DataBus, user: UserSummary, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            signed, bus, title="Deactivate an account", ok_text="Deactivate", parent=parent
        )
        self.user = user
        intro = paragraph(
            f"Switch off the account of {user.full_name} ({user.user_name})?\n\n"
            "They will no longer be able to sign in: their key to the records is removed "
            "from this computer. Everything they recorded stays, with their name on it, and "
            "the audit log keeps their history. To let them back in later, add them again "
            "with a new user name."
        )
        self.ok_button.setAccessibleName(f"Deactivate {user.full_name}")
        # Enter must not switch an account off by accident: Cancel is the default.
        self.ok_button.setAutoDefault(False)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setDefault(True)
        cancel.setFocus()
        self.finish_layout(intro)

    def save(self) -> None:
        accounts.deactivate_user(self.signed, user_id=self.user.id)

"""Anyone's own password: the current one, then the new one twice.

The main window opens it from its menu, and at first sign-in when the password was set
by someone else (``signed.actor.must_change_password``).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from wtsc_desktop.errors import ValidationError, WrongCredentials
from wtsc_desktop.services import accounts
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.ui.dialogs.form_dialog import FormDialog
from wtsc_desktop.ui.dialogs.user_dialogs import PASSWORD_HINT
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.widgets.form_parts import paragraph, password_box


class ChangePasswordDialog(FormDialog):
    """``first_sign_in`` (by default: whether the person must change their password) says
    why they are asked now; the main window decides what a Cancel means then. With a
    ``bus``, "users" is announced after the change."""

    area = "users"

    def __init__(
        self,
        signed: SignedIn,
        bus: DataBus | None = None,
        parent: QWidget | None = None,
        *,
        first_sign_in: bool | None = None,
    ) -> None:
        super().__init__(
            signed, bus, title="Change your password", ok_text="Change password", parent=parent
        )
        if first_sign_in is None:
            first_sign_in = signed.actor.must_change_password
        if first_sign_in:
            why = (
                "The password you signed in with was set by someone else. Choose your own "
                "now: only you should know it."
            )
        else:
            why = "Type your current password, then the new one twice."
        self.old_password = password_box("Current password")
        self.new_password = password_box("New password")
        self.new_password.setAccessibleDescription(PASSWORD_HINT)
        self.confirm = password_box("New password again")
        self.form.addRow("&Current password", self.old_password)
        self.form.addRow("&New password", self.new_password)
        self.form.addRow("", paragraph(PASSWORD_HINT, hint=True))
        self.form.addRow("New password &again", self.confirm)
        self.fields.update(
            old_password=self.old_password, password=self.new_password, confirm=self.confirm
        )
        self.finish_layout(paragraph(why))

    def save(self) -> None:
        if self.new_password.text() != self.confirm.text():
            raise ValidationError(
                "confirm", "The two new passwords are not the same. Type the new one again."
            )
        try:
            accounts.change_own_password(
                self.signed,
                old_password=self.old_password.text(),
                new_password=self.new_password.text(),
            )
        except WrongCredentials:
            raise ValidationError(
                "old_password", "Your current password is not right. Type it again."
            ) from None

"""Users: who may sign in, with what role; add, reset, change, switch off; rotate the key."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.errors import WtscError
from wtsc_desktop.services import accounts
from wtsc_desktop.services.accounts import UserSummary
from wtsc_desktop.services.context import SignedIn
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.ui.dialogs.rotate_key import RotateKeyDialog
from wtsc_desktop.ui.dialogs.user_dialogs import (
    AddUserDialog,
    ChangeRoleDialog,
    DeactivateDialog,
    ResetPasswordDialog,
)
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.models.user_table import PROFESSION, UserTableModel
from wtsc_desktop.ui.views.base import View
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel
from wtsc_desktop.ui.widgets.form_parts import paragraph


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    return button


class UsersView(View):
    title = "Users"
    needs = Action.MANAGE_USERS

    def __init__(self, signed: SignedIn, bus: DataBus, parent: QWidget | None = None) -> None:
        super().__init__(signed, bus, parent)
        heading = QLabel(self.title)
        heading.setObjectName("pageTitle")
        intro = paragraph(
            "Everyone who can sign in to WTSC Desktop, and what their role lets them do. "
            "Switched-off accounts stay in the list because the records keep their names.",
            hint=True,
        )
        self.add_button = _button("&Add user…", "Add user")
        self.reset_button = _button("&Reset password…", "Reset password")
        self.role_button = _button("Change r&ole…", "Change role")
        self.deactivate_button = _button("&Deactivate…", "Deactivate")
        buttons = QHBoxLayout()
        for button in (
            self.add_button,
            self.reset_button,
            self.role_button,
            self.deactivate_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch()

        self.model = UserTableModel(self)
        self.table = QTableView()
        self.table.setAccessibleName("Users")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        # The long profession labels give way first when the window is narrow.
        self.table.horizontalHeader().setSectionResizeMode(
            PROFESSION, QHeaderView.ResizeMode.Stretch
        )
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.setTabKeyNavigation(False)  # Tab moves on to the next control
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self._change_role())

        self.feedback = FeedbackLabel()

        self.rotate_button = _button("Rotate database &key…", "Rotate database key")
        key_box = QGroupBox("Database key")
        key_column = QVBoxLayout(key_box)
        key_column.addWidget(
            paragraph(
                "The records are locked with a key that each person's password opens. "
                "Rotating it makes a new key and a new recovery key: do this when someone "
                "who knew a password or the recovery key leaves, or if either may have been "
                "seen. You will need your password, and everyone else will then need a new "
                "password from you.",
                hint=True,
            )
        )
        key_column.addWidget(self.rotate_button, 0, Qt.AlignmentFlag.AlignLeft)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.feedback)
        layout.addWidget(key_box)

        self.add_button.clicked.connect(self._add)
        self.reset_button.clicked.connect(self._reset)
        self.role_button.clicked.connect(self._change_role)
        self.deactivate_button.clicked.connect(self._deactivate)
        self.rotate_button.clicked.connect(self._rotate)
        bus.changed.connect(self._data_changed)
        self.dialog: QDialog | None = None
        self.refresh()

    # --- loading ------------------------------------------------------------------

    def refresh(self) -> None:
        chosen = self.selected_user()
        try:
            users = accounts.list_users(self.signed)
        except WtscError as error:  # the session locked, or the role changed meanwhile
            self.feedback.show_error(error)
            return
        self.model.set_users(users)
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            if column != PROFESSION:
                self.table.resizeColumnToContents(column)
                header.resizeSection(column, header.sectionSize(column) + 24)  # room to breathe
        if chosen is not None:
            self.select_user(chosen.id)
        self._selection_changed()

    def _data_changed(self, area: str) -> None:
        if area == "users":
            self.refresh()

    def selected_user(self) -> UserSummary | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.user_at(rows[0].row()) if rows else None

    def select_user(self, user_id: int) -> None:
        row = self.model.row_of(user_id)
        if row >= 0:
            self.table.selectRow(row)

    def _selection_changed(
        self, _selected: QItemSelection | None = None, _deselected: QItemSelection | None = None
    ) -> None:
        user = self.selected_user()
        active = user is not None and user.active
        self.reset_button.setEnabled(active)
        self.role_button.setEnabled(active)
        itself = user is not None and user.id == self.signed.actor.user_id
        self.deactivate_button.setEnabled(active and not itself)
        self.deactivate_button.setToolTip(
            "You cannot switch off your own account." if itself else ""
        )

    # --- dialogs ------------------------------------------------------------------

    def _show(self, dialog: QDialog, done: str) -> None:
        self.feedback.clear_message()
        if self.dialog is not None:
            self.dialog.deleteLater()  # keep only the latest, for tests and for focus
        self.dialog = dialog
        dialog.accepted.connect(lambda: self._done(done))
        dialog.finished.connect(lambda _result: self.table.setFocus())
        dialog.open()

    def _done(self, message: str) -> None:
        if message:
            self.feedback.show_ok(message)

    def _add(self) -> None:
        dialog = AddUserDialog(self.signed, self.bus, self)

        def added() -> None:
            if dialog.added is not None:
                self.select_user(dialog.added.id)
                self.feedback.show_ok(
                    f"{dialog.added.full_name} can now sign in as “{dialog.added.user_name}” "
                    "with the first password you gave them."
                )

        dialog.accepted.connect(added)
        self._show(dialog, "")

    def _reset(self) -> None:
        user = self.selected_user()
        if user is not None:
            self._show(
                ResetPasswordDialog(self.signed, self.bus, user, self),
                f"{user.full_name} has a new password. They must change it when they next sign in.",
            )

    def _change_role(self) -> None:
        user = self.selected_user()
        if user is not None and user.active:
            self._show(
                ChangeRoleDialog(self.signed, self.bus, user, self),
                f"{user.full_name}'s role was changed.",
            )

    def _deactivate(self) -> None:
        user = self.selected_user()
        if user is not None:
            self._show(
                DeactivateDialog(self.signed, self.bus, user, self),
                f"{user.full_name}'s account is switched off. Their records and history stay.",
            )

    def _rotate(self) -> None:
        self._show(
            RotateKeyDialog(self.signed, self.bus, self),
            "The database key was changed. Give every other user a new password "
            "(Reset password…) before they next sign in.",
        )

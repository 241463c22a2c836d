"""The accounts as a table: a handful of rows, so they are held whole (no paging)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from wtsc_desktop.services.accounts import UserSummary
from wtsc_desktop.ui.formats import datetime_text

_Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    "Full name",
    "User name",
    "Role",
    "Profession",
    "Active",
    "Must change password",
    "Last signed in",
)
PROFESSION = COLUMNS.index("Profession")


def _cells(user: UserSummary) -> tuple[str, ...]:
    return (
        user.full_name,
        user.user_name,
        user.role.label,
        user.profession.label,
        "Yes" if user.active else "No (switched off)",
        "Yes" if user.must_change_password else "No",
        datetime_text(user.last_sign_in_at) or "Never",
    )


class UserTableModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._users: list[UserSummary] = []

    def set_users(self, users: list[UserSummary]) -> None:
        self.beginResetModel()
        self._users = list(users)
        self.endResetModel()

    def user_at(self, row: int) -> UserSummary | None:
        return self._users[row] if 0 <= row < len(self._users) else None

    def row_of(self, user_id: int) -> int:
        return next((i for i, u in enumerate(self._users) if u.id == user_id), -1)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._users)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._users):
            return None
        user = self._users[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return _cells(user)[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == PROFESSION:
            return user.profession.label  # shortened in a narrow window
        if role == Qt.ItemDataRole.UserRole:
            return user.id
        if role == Qt.ItemDataRole.ForegroundRole and not user.active:
            return QApplication.palette().color(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text
            )
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

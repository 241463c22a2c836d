"""The sign-in screen, which is also the lock screen.

A wrong password keeps the user name and clears the password; repeated failures count
down before the next try. A damaged store is never opened: the screen says so and offers
the latest automatic backup. "Forgotten your password?" uses the recovery key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from wtsc_desktop.clock import Clock
from wtsc_desktop.errors import StoreDamaged, TooManyAttempts, WtscError
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.ui.widgets.feedback import FeedbackLabel

if TYPE_CHECKING:
    from wtsc_desktop.services.context import OpenStore, SignedIn
    from wtsc_desktop.services.demo import DemoAccount


class SignInWidget(QWidget):
    signed_in = Signal(object)  # SignedIn
    forgotten_password = Signal()
    restore_requested = Signal(str)  # a backup file to restore, or "" to choose one

    def __init__(
        self,
        paths: StorePaths,
        clock: Clock,
        *,
        locked_by: str = "",
        demo_accounts: Sequence[DemoAccount] = (),
        backup_before_migration: Callable[[OpenStore], object] | None = None,
        check_later: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._paths = paths
        self._clock = clock
        self._backup_before_migration = backup_before_migration
        self._check_later = check_later
        self._wait_timer = QTimer(self)
        self._wait_timer.setInterval(1000)
        self._wait_timer.timeout.connect(self._tick)
        self._wait_left = 0
        self.setAccessibleName("Sign in")

        title = QLabel("WTSC Desktop")
        title.setObjectName("pageTitle")
        self.intro = intro = QLabel(
            "This computer is locked. Sign in again to carry on, or sign in as someone else."
            if locked_by
            else "Sign in to your organisation's safeguarding record."
        )
        intro.setWordWrap(True)
        self.user_name = QLineEdit(locked_by)
        self.user_name.setAccessibleName("User name")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName("Password")
        self.sign_in_button = QPushButton("Sign in")
        self.sign_in_button.setAccessibleName("Sign in")
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.attempt)
        self.user_name.returnPressed.connect(self.password.setFocus)
        self.password.returnPressed.connect(self.attempt)
        self.feedback = FeedbackLabel()
        self.forgotten_button = QPushButton("Forgotten your password?")
        self.forgotten_button.setAccessibleName("Forgotten your password?")
        self.forgotten_button.setFlat(True)
        self.forgotten_button.clicked.connect(self.forgotten_password)
        self.restore_button = QPushButton("Restore a backup…")
        self.restore_button.setAccessibleName("Restore a backup")
        self.restore_button.setFlat(True)
        self.restore_button.clicked.connect(lambda: self.restore_requested.emit(""))
        self.restore_latest_button = QPushButton()
        self.restore_latest_button.setAccessibleName("Restore the latest backup")
        self.restore_latest_button.hide()
        self.restore_latest_button.clicked.connect(self._restore_latest)

        form = QFormLayout()
        form.addRow("&User name", self.user_name)
        form.addRow("&Password", self.password)
        links = QHBoxLayout()
        links.addWidget(self.forgotten_button)
        links.addWidget(self.restore_button)
        links.addStretch()

        card = QFrame()
        card.setFrameShape(QFrame.Shape.StyledPanel)
        card.setMaximumWidth(480)
        inner = QVBoxLayout(card)
        inner.addWidget(title)
        inner.addWidget(intro)
        inner.addLayout(form)
        inner.addWidget(self.sign_in_button)
        inner.addWidget(self.feedback)
        inner.addWidget(self.restore_latest_button)
        inner.addLayout(links)
        if demo_accounts:
            inner.addWidget(_demo_panel(demo_accounts))

        outer = QVBoxLayout(self)
        outer.addStretch()
        row = QHBoxLayout()
        row.addStretch()
        row.addWidget(card)
        row.addStretch()
        outer.addLayout(row)
        outer.addStretch()
        self.setTabOrder(self.user_name, self.password)
        self.setTabOrder(self.password, self.sign_in_button)
        self.setTabOrder(self.sign_in_button, self.forgotten_button)
        self.setTabOrder(self.forgotten_button, self.restore_button)
        (self.password if locked_by else self.user_name).setFocus()

    def focus_first(self) -> None:
        (self.password if self.user_name.text() else self.user_name).setFocus()

    def attempt(self) -> None:
        """Try to sign in with what is typed; say plainly what went wrong if it fails."""
        if self._wait_left:
            return
        user, password = self.user_name.text(), self.password.text()
        if not user.strip() or not password:
            self.feedback.show_error("Type your user name and password.")
            self.focus_first()
            return
        self.feedback.clear_message()
        # Imported here, not at the top: the screen is shown before the database code loads.
        from wtsc_desktop.services.access import sign_in

        try:
            signed: SignedIn = sign_in(
                self._paths,
                user_name=user,
                password=password,
                clock=self._clock,
                backup_before_migration=self._backup_before_migration,
                check_now=not self._check_later,
            )
        except TooManyAttempts as exc:
            self._start_wait(exc.retry_after_seconds)
            return
        except StoreDamaged as exc:
            self.password.clear()
            self.show_damage(exc)
            return
        except WtscError as exc:
            self.password.clear()
            self.password.setFocus()
            self.feedback.show_error(exc)
            return
        self.password.clear()
        self.signed_in.emit(signed)

    def show_damage(self, error: StoreDamaged) -> None:
        """Say the store is damaged and offer the latest automatic backup."""
        self.feedback.show_error(error)
        self._offer_latest_backup()

    def _offer_latest_backup(self) -> None:
        from wtsc_desktop.services.backups import latest_automatic_backup

        latest = latest_automatic_backup(self._paths)
        if latest is None:
            return
        self.restore_latest_button.setText("Restore the latest automatic backup…")
        self.restore_latest_button.setProperty("backup", str(latest))
        self.restore_latest_button.show()

    def _restore_latest(self) -> None:
        self.restore_requested.emit(str(self.restore_latest_button.property("backup")))

    def _start_wait(self, seconds: int) -> None:
        self._wait_left = seconds
        self.sign_in_button.setEnabled(False)
        self._tick_text()
        self._wait_timer.start()

    def _tick(self) -> None:
        self._wait_left -= 1
        if self._wait_left <= 0:
            self._wait_left = 0
            self._wait_timer.stop()
            self.sign_in_button.setEnabled(True)
            self.feedback.clear_message()
            self.focus_first()
            return
        self._tick_text()

    def _tick_text(self) -> None:
        self.feedback.show_error(
            f"Too many failed sign-ins. You can try again in {self._wait_left} seconds."
        )


def _demo_panel(accounts: Sequence[DemoAccount]) -> QLabel:
    rows = "".join(
        f"<tr><td>{a.role.label}</td><td><b>{a.user_name}</b></td><td>{a.password}</td></tr>"
        for a in accounts
    )
    label = QLabel(
        "<p><b>Demo only</b> — invented organisation and people. Accounts:</p>"
        f"<table cellspacing='4'>{rows}</table>"
    )
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setAccessibleName("Demo accounts")
    label.setAccessibleDescription(
        "; ".join(f"{a.role.label}: {a.user_name}, password {a.password}" for a in accounts)
    )
    return label

"""The session flow: set up, sign in, lock (on idle, on wake, on Ctrl+L), unlock, sign out,
and close. Locking saves what was being typed as an encrypted draft, then closes the
database and destroys every view; unlocking as the same person brings the draft back.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from wtsc_desktop.clock import Clock
from wtsc_desktop.errors import StoreDamaged, WtscError
from wtsc_desktop.logs import log
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.ui.background import Runner, shared_runner
from wtsc_desktop.ui.events import DataBus
from wtsc_desktop.ui.idle import IdleWatcher
from wtsc_desktop.ui.main_window import MainWindow
from wtsc_desktop.ui.sign_in import SignInWidget
from wtsc_desktop.ui.theme import apply_theme, save_theme

# The services (and SQLAlchemy, argon2, cryptography beneath them) are imported inside the
# methods that use them, so the sign-in screen shows before they load (start-up benchmark).
if TYPE_CHECKING:
    from wtsc_desktop.services.context import OpenStore, SignedIn
    from wtsc_desktop.services.demo import DemoAccount
    from wtsc_desktop.services.setup import KdfParams
    from wtsc_desktop.ui.workspace import Workspace

LOCK_DRAFT = "lock"


class SessionFlow(QObject):
    def __init__(
        self,
        window: MainWindow,
        paths: StorePaths,
        clock: Clock,
        *,
        kdf: KdfParams | None = None,
        demo_accounts: Sequence[DemoAccount] = (),
        runner: Runner | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        # Runs the whole-file check after sign-in, so a large store opens at once.
        self.runner: Runner = runner or shared_runner()
        self.paths = paths
        self.clock = clock
        self.kdf = kdf
        self.demo_accounts = tuple(demo_accounts)
        self.signed: SignedIn | None = None
        self.workspace: Workspace | None = None
        self.sign_in_screen: SignInWidget | None = None
        self.idle: IdleWatcher | None = None
        self.bus: DataBus | None = None
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(5000)
        self._status_timer.timeout.connect(self._update_lock_countdown)
        window.lock_requested.connect(self.lock)
        window.sign_out_requested.connect(self.sign_out)
        window.change_password_requested.connect(self.change_password)
        window.theme_toggled.connect(self._toggle_theme)
        window.closing.connect(self.close)

    # --- screens ----------------------------------------------------------------

    def start(self) -> None:
        if self.paths.exists():
            self.show_sign_in()
        else:
            self.show_setup()

    def show_setup(self) -> None:
        from wtsc_desktop.services.setup import DEFAULT_KDF
        from wtsc_desktop.ui.dialogs.setup_wizard import SetupWizard

        page = QWidget()
        page.setAccessibleName("Set up")
        text = QLabel(
            "Welcome to WTSC Desktop. There is no record store on this computer yet: "
            "set one up now, or restore a backup from the sign-in screen of another copy."
        )
        text.setWordWrap(True)
        again = QPushButton("Set up WTSC Desktop…")
        again.setAccessibleName("Set up WTSC Desktop")
        layout = QVBoxLayout(page)
        layout.addWidget(text)
        layout.addWidget(again)
        layout.addStretch()
        self.window.show_page(page)
        wizard = SetupWizard(self.paths, self.clock, self.kdf or DEFAULT_KDF, parent=self.window)
        wizard.store_created.connect(self.show_sign_in)
        again.clicked.connect(wizard.open)
        self.setup_wizard = wizard
        wizard.open()

    def show_sign_in(self, user_name: str = "", *, locked: bool = False) -> None:
        screen = SignInWidget(
            self.paths,
            self.clock,
            locked_by=user_name if locked else "",
            demo_accounts=self.demo_accounts,
            backup_before_migration=self._backup_before_migration,
            check_later=True,
        )
        if user_name and not locked:
            screen.user_name.setText(user_name)
        screen.signed_in.connect(self._signed_in)
        screen.forgotten_password.connect(self._forgotten_password)
        screen.restore_requested.connect(self._restore)
        self.sign_in_screen = screen
        self.window.show_page(screen)
        screen.focus_first()

    def _forgotten_password(self) -> None:
        from wtsc_desktop.ui.dialogs.recovery import ForgottenPasswordDialog

        dialog = ForgottenPasswordDialog(self.paths, self.clock, self.window)
        dialog.accepted.connect(self._password_was_reset)
        dialog.open()

    def _password_was_reset(self) -> None:
        if self.sign_in_screen is not None:
            self.sign_in_screen.feedback.show_ok("Your new password is set. Sign in with it.")

    def _restore(self, backup: str) -> None:
        from wtsc_desktop.ui.dialogs.recovery import RestoreDialog

        dialog = RestoreDialog(self.paths, self.clock, backup, self.window)
        dialog.accepted.connect(self._restored)
        dialog.open()

    def _restored(self) -> None:
        self.show_sign_in()
        if self.sign_in_screen is not None:
            self.sign_in_screen.feedback.show_ok(
                "The backup passed every check and has been restored. Sign in to carry on."
            )

    @staticmethod
    def _backup_before_migration(store: OpenStore) -> None:
        from wtsc_desktop.services.backups import automatic_backup

        automatic_backup(store)

    # --- signed in --------------------------------------------------------------

    def _signed_in(self, signed: SignedIn) -> None:
        from wtsc_desktop.services.settings import read_settings
        from wtsc_desktop.ui.workspace import Workspace

        self.signed = signed
        self.bus = DataBus()
        self.workspace = Workspace(signed, self.bus)
        self.sign_in_screen = None
        self.window.show_page(self.workspace)
        self.window.set_signed_in(signed.actor)
        from wtsc_desktop.ui.toolbar import toolbar_items

        self.window.set_tools(toolbar_items(signed, self.bus, self.window))
        minutes = int(read_settings(signed)["security.idle_lock_minutes"])
        self.idle = IdleWatcher(self.clock, minutes, self)
        self.idle.timed_out.connect(self.lock)
        self.idle.woke.connect(self.lock)
        self.bus.changed.connect(self._data_changed)
        self._update_lock_countdown()
        self._update_backup_status()
        self._status_timer.start()
        self._bring_back_drafts(signed)
        self._check_store_soon(signed)
        if signed.actor.must_change_password:
            self.change_password()

    def _check_store_soon(self, signed: SignedIn) -> None:
        """The whole-file check deferred from sign-in; a damaged store locks at once."""
        from wtsc_desktop.services.integrity import check_open_store

        def failed(error: BaseException) -> None:
            if not isinstance(error, StoreDamaged):
                raise error
            if self.signed is signed:
                self._end_session()
            self.show_sign_in()
            if self.sign_in_screen is not None:
                self.sign_in_screen.show_damage(error)

        self.runner.run(
            lambda: check_open_store(signed),
            lambda _result: None,
            failed,
            label="Checking the record store…",
            parent=self.window,
        )

    def _bring_back_drafts(self, signed: SignedIn) -> None:
        from wtsc_desktop.services.drafts import discard_draft, my_drafts

        assert self.workspace is not None
        for draft in my_drafts(signed, kind=LOCK_DRAFT):
            restored = self.workspace.restore_drafts(draft.payload)
            discard_draft(signed, draft_id=draft.id, reason="restored")
            if restored:
                self.workspace.show_section(restored[0])
        # A concern left unfinished (at a lock, a crash or a power cut) is offered back.
        from wtsc_desktop.ui.dialogs.concern_wizard import offer_concern_drafts

        offer_concern_drafts(signed, self.bus, self.window)

    def _data_changed(self, area: str) -> None:
        from wtsc_desktop.services.settings import read_settings

        if self.signed is None or self.idle is None:
            return
        if area == "settings":
            self.idle.set_minutes(int(read_settings(self.signed)["security.idle_lock_minutes"]))
            self._update_lock_countdown()
        self._update_backup_status()

    def _update_lock_countdown(self) -> None:
        if self.idle is not None:
            self.window.set_lock_countdown(self.idle.seconds_left(), self.idle.minutes)

    def _update_backup_status(self) -> None:
        from wtsc_desktop.services.backups import backup_status
        from wtsc_desktop.services.permissions import Action, allowed

        if self.signed is None:
            return
        if not allowed(self.signed.actor.role, Action.MAKE_BACKUP):
            # Backups are the leads' job: nobody else needs the reminder.
            self.window.set_backup_status(None)
            return
        try:
            self.window.set_backup_status(backup_status(self.signed))
        except WtscError:
            self.window.set_backup_status(None)

    def change_password(self) -> None:
        from wtsc_desktop.ui.dialogs.change_password import ChangePasswordDialog

        if self.signed is None:
            return
        dialog = ChangePasswordDialog(self.signed, self.bus, parent=self.window)
        dialog.open()

    def _toggle_theme(self, dark: bool) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, "dark" if dark else "light")
            save_theme("dark" if dark else "light")

    # --- leaving ----------------------------------------------------------------

    def lock(self) -> None:
        """Save what is being typed as a draft, close the store, clear every view."""
        signed = self.signed
        if signed is None:
            return
        from wtsc_desktop.services.drafts import save_draft

        # A dialog that keeps its own drafts (the concern wizard's ``keep_draft_now``)
        # saves what is typed in it now, while the store is still open.
        for dialog in self.window.findChildren(QDialog):
            keep = getattr(dialog, "keep_draft_now", None)
            if callable(keep):
                keep()
        if self.workspace is not None:
            state = self.workspace.draft_state()
            if state:
                try:
                    save_draft(signed, kind=LOCK_DRAFT, payload=state)
                except WtscError as exc:
                    log.warning("a draft could not be saved at lock: %s", type(exc).__name__)
        user_name = signed.actor.user_name
        self._end_session()
        self.show_sign_in(user_name, locked=True)

    def sign_out(self) -> None:
        if self.signed is None:
            return
        self._end_session()
        self.show_sign_in()

    def close(self) -> None:
        """The app is closing: take the automatic backup, then close the store."""
        signed = self.signed
        if signed is None:
            return
        from wtsc_desktop.services.backups import automatic_backup

        try:
            automatic_backup(signed.store, signed)
        except WtscError as exc:
            log.warning("the automatic backup at close failed: %s", type(exc).__name__)
        self._end_session()

    def _end_session(self) -> None:
        self._status_timer.stop()
        if self.idle is not None:
            self.idle.stop()
            self.idle.deleteLater()
            self.idle = None
        for dialog in self.window.findChildren(QDialog):
            dialog.close()
            dialog.deleteLater()
        if self.signed is not None:
            self.signed.lock()
            self.signed = None
        self.workspace = None
        self.bus = None
        self.window.set_signed_in(None)

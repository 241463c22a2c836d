"""Every error the app raises on purpose, each with a message a DSL can act on.

Services raise these; the user interface decides how to show them. Anything that is
not a ``WtscError`` is a bug and goes to the crash dialog.
"""

from __future__ import annotations


class WtscError(Exception):
    """Base class: ``str(error)`` is a plain-English message that says what to do."""


class WrongCredentials(WtscError):
    def __init__(self) -> None:
        super().__init__("Wrong user name or password.")


class TooManyAttempts(WtscError):
    def __init__(self, retry_after_seconds: int) -> None:
        self.retry_after_seconds = retry_after_seconds
        super().__init__(
            f"Too many failed sign-ins. Wait {retry_after_seconds} seconds and try again."
        )


class PermissionDenied(WtscError):
    def __init__(self, action: str, role: str) -> None:
        self.action = action
        self.role = role
        super().__init__(
            f"Your role ({role}) may not do this ({action}). Ask your designated "
            "safeguarding lead if you think you should."
        )


class ValidationError(WtscError):
    """Bad input: ``field`` names the box to correct, the message says how."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


class WeakPassword(ValidationError):
    def __init__(self, message: str) -> None:
        super().__init__("password", message)


class StoreNotFound(WtscError):
    def __init__(self) -> None:
        super().__init__(
            "There is no record store in this folder yet. Run the first-time setup, "
            "or restore a backup."
        )


class StoreAlreadyExists(WtscError):
    def __init__(self) -> None:
        super().__init__("A record store already exists in this folder. Choose an empty folder.")


class StoreDamaged(WtscError):
    """The file is unreadable or fails a check. Never show its data; offer a backup."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(
            f"This record store is damaged ({detail}). Restore the latest good backup, "
            "and keep the damaged file for your IT support."
        )


class StoreTooNew(WtscError):
    def __init__(self) -> None:
        super().__init__(
            "This record store was written by a newer version of WTSC Desktop. "
            "Install the newer version to open it."
        )


class StoreInUse(WtscError):
    def __init__(self) -> None:
        super().__init__(
            "WTSC Desktop is already open with this record store on this computer. "
            "Switch to the open window instead."
        )


class BackupInvalid(WtscError):
    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(
            f"This backup cannot be used ({detail}). Nothing was changed. Try another backup file."
        )


class StorageFull(WtscError):
    def __init__(self) -> None:
        super().__init__(
            "The disk is full, so nothing was saved. What you typed is still here: "
            "free some space, then try again."
        )


class NotFound(WtscError):
    def __init__(self, what: str) -> None:
        super().__init__(f"{what} was not found. It may have been removed.")

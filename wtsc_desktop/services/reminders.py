"""What the signed-in person should do next about the store itself: the reminders that
keep records safe (a second DSL account, a backup on another drive, a test restore).
Later features add their deadlines to the Dashboard beside these.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from wtsc_desktop.services.backups import backup_status
from wtsc_desktop.services.context import SignedIn, reading
from wtsc_desktop.services.permissions import Action, Role, allowed
from wtsc_desktop.store.models import User


@dataclass(frozen=True)
class Reminder:
    key: str
    text: str
    urgent: bool = False


def reminders(signed: SignedIn) -> list[Reminder]:
    """Reminders for this person, most pressing first."""
    found: list[Reminder] = []
    role = signed.actor.role
    if signed.actor.must_change_password:
        found.append(
            Reminder("password", "Choose your own password now (Account menu).", urgent=True)
        )
    if allowed(role, Action.MANAGE_USERS):
        with reading(signed.store) as session:
            leads = session.scalar(
                select(func.count(User.id)).where(
                    User.active.is_(True), User.role.in_([Role.DSL.value, Role.DEPUTY.value])
                )
            )
        if (leads or 0) < 2:
            found.append(
                Reminder(
                    "second_lead",
                    "Add a second designated safeguarding lead or a deputy (Users). With only "
                    "one account and no printed recovery key, a forgotten password loses "
                    "every record.",
                    urgent=True,
                )
            )
    if allowed(role, Action.MAKE_BACKUP):
        status = backup_status(signed)
        if status.last_other_drive_at is None:
            found.append(
                Reminder(
                    "backup_elsewhere",
                    "No backup has been made to another drive yet. Back up to a USB stick "
                    "kept locked away (Settings, Backups).",
                )
            )
        if status.test_restore_due:
            found.append(
                Reminder(
                    "test_restore",
                    "Test that a backup can be restored (Settings, Backups, Test a restore).",
                )
            )
    return found

"""Who may do what: the five roles of design.md, set out as one role x action table.

The table is the only place a permission is decided; the README prints it, and every
service checks it through ``services.context.unit`` (so hiding a button in the UI is a
courtesy, not the guard).
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    DSL = "dsl"
    DEPUTY = "deputy_dsl"
    REPORTER = "reporter"
    ALLEGATIONS_MANAGER = "allegations_manager"
    REVIEWER = "reviewer"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.DSL: "Designated safeguarding lead",
    Role.DEPUTY: "Deputy safeguarding lead",
    Role.REPORTER: "Staff reporter",
    Role.ALLEGATIONS_MANAGER: "Allegations manager",
    Role.REVIEWER: "Read-only reviewer",
}


class Profession(StrEnum):
    """Some duties fall on the person, by profession (FGM reporting, T8)."""

    TEACHER = "teacher"
    REGULATED = "regulated_health_social_care"
    OTHER = "other"

    @property
    def label(self) -> str:
        return PROFESSION_LABELS[self]


PROFESSION_LABELS: dict[Profession, str] = {
    Profession.TEACHER: "Teacher",
    Profession.REGULATED: "Regulated health or social care professional",
    Profession.OTHER: "Other (coach, volunteer, support staff…)",
}


class Action(StrEnum):
    MANAGE_USERS = "manage users"
    ROTATE_KEY = "rotate the database key"
    CHANGE_SETTINGS = "change settings"
    VIEW_AUDIT_LOG = "view the audit log"
    MAKE_BACKUP = "make a backup"
    RESTORE_BACKUP = "restore a backup"
    VERIFY_STORE = "check the record store"
    VIEW_CHILDREN = "view children's records"
    EDIT_CHILDREN = "add or change children's records"
    LOG_CONCERN = "log a concern"
    PICK_CHILD = "pick a child by name and year group or team"
    VIEW_OWN_CONCERNS = "see and add to own concerns"
    VIEW_CONCERNS = "see every concern"
    TRIAGE = "triage concerns and set actions"
    EXPORT_RECORDS = "print or export named records"
    CHANGE_OWN_PASSWORD = "change own password"  # noqa: S105 (a label, not a secret)
    KEEP_DRAFTS = "keep drafts"
    VIEW_DEADLINES = "see statutory deadlines"
    MAKE_REFERRALS = "make and follow up referrals"
    RECORD_OWN_FGM_REPORT = "record own mandatory FGM report to police"


_ALL = frozenset(Role)
_LEADS = frozenset({Role.DSL, Role.DEPUTY})

PERMISSIONS: dict[Action, frozenset[Role]] = {
    Action.MANAGE_USERS: frozenset({Role.DSL}),
    Action.ROTATE_KEY: frozenset({Role.DSL}),
    Action.CHANGE_SETTINGS: frozenset({Role.DSL}),
    Action.VIEW_AUDIT_LOG: frozenset({Role.DSL, Role.REVIEWER}),
    Action.MAKE_BACKUP: _LEADS,
    Action.RESTORE_BACKUP: frozenset({Role.DSL}),
    Action.VERIFY_STORE: frozenset({Role.DSL, Role.DEPUTY, Role.REVIEWER}),
    Action.VIEW_CHILDREN: _LEADS,
    Action.EDIT_CHILDREN: _LEADS,
    Action.LOG_CONCERN: _ALL,
    Action.PICK_CHILD: _ALL,
    Action.VIEW_OWN_CONCERNS: _ALL,
    Action.VIEW_CONCERNS: _LEADS,
    Action.TRIAGE: _LEADS,
    Action.EXPORT_RECORDS: _LEADS,
    Action.CHANGE_OWN_PASSWORD: _ALL,
    Action.KEEP_DRAFTS: _ALL,
    Action.VIEW_DEADLINES: _LEADS,
    Action.MAKE_REFERRALS: _LEADS,
    # The duty is personal (T8): the service itself refuses anyone whose profession
    # does not carry it, whatever their role.
    Action.RECORD_OWN_FGM_REPORT: _ALL,
}


def allowed(role: Role, action: Action) -> bool:
    """True when ``role`` may do ``action``."""
    return role in PERMISSIONS[action]


def permission_table_markdown() -> str:
    """The table as Markdown, for the README (a test keeps the README in step)."""
    roles = list(Role)
    lines = [
        "| action | " + " | ".join(r.label for r in roles) + " |",
        "|---|" + "---|" * len(roles),
    ]
    for action in Action:
        marks = " | ".join("yes" if allowed(r, action) else "—" for r in roles)
        lines.append(f"| {action.value} | {marks} |")
    return "\n".join(lines)

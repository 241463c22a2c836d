"""Settings, declared once: key, kind, default, label, help. The Settings screen and the
setup wizard are built from these declarations; values live in the encrypted database.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from wtsc_desktop.errors import ValidationError
from wtsc_desktop.services.context import SignedIn, Work, reading, unit
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.store.models import Setting

Kind = Literal["text", "multiline", "int", "choice", "date_ranges", "bool"]

ORGANISATION_TYPES = {
    "school": "School or college",
    "early_years": "Early years or childcare",
    "sports_club": "Sports club",
    "charity": "Charity or voluntary group",
    "other": "Other",
}
NATIONS = {
    "england": "England",
    "wales": "Wales",
    "scotland": "Scotland",
    "northern_ireland": "Northern Ireland",
}


@dataclass(frozen=True)
class SettingSpec:
    key: str
    kind: Kind
    default: Any
    label: str
    section: str
    help: str = ""
    choices: Mapping[str, str] | None = None
    minimum: int = 0
    maximum: int = 0
    required: bool = False
    only_for: tuple[str, ...] = ()  # organisation types the setting applies to


ORGANISATION = "Organisation"
CONTACTS = "Local contacts"
TERMS = "Term dates"
SECURITY = "Security and backups"
RECORDS = "Records"

SETTINGS: tuple[SettingSpec, ...] = (
    SettingSpec("org.name", "text", "", "Organisation name", ORGANISATION, required=True),
    SettingSpec(
        "org.type",
        "choice",
        "school",
        "Type of organisation",
        ORGANISATION,
        choices=ORGANISATION_TYPES,
        required=True,
    ),
    SettingSpec(
        "org.nation",
        "choice",
        "england",
        "Nation",
        ORGANISATION,
        choices=NATIONS,
        help="The rules in this app are England's.",
    ),
    SettingSpec("org.address", "multiline", "", "Address", ORGANISATION),
    SettingSpec("org.local_authority", "text", "", "Local authority", ORGANISATION),
    SettingSpec(
        "org.governing_body",
        "text",
        "",
        "National governing body of the sport",
        ORGANISATION,
        only_for=("sports_club",),
    ),
    SettingSpec(
        "org.charity_number",
        "text",
        "",
        "Charity number",
        ORGANISATION,
        only_for=("charity",),
    ),
    SettingSpec("org.phone", "text", "", "Organisation phone", ORGANISATION),
    SettingSpec(
        "org.email",
        "text",
        "",
        "Safeguarding email",
        ORGANISATION,
        help="Printed on referrals so that agencies can reply.",
    ),
    SettingSpec(
        "contacts.front_door_phone",
        "text",
        "",
        "Children's social care front door: phone",
        CONTACTS,
    ),
    SettingSpec(
        "contacts.front_door_email",
        "text",
        "",
        "Children's social care front door: email",
        CONTACTS,
    ),
    SettingSpec(
        "contacts.out_of_hours_phone", "text", "", "Out-of-hours social care team: phone", CONTACTS
    ),
    SettingSpec("contacts.lado_name", "text", "", "LADO: name or team", CONTACTS),
    SettingSpec("contacts.lado_phone", "text", "", "LADO: phone", CONTACTS),
    SettingSpec("contacts.lado_email", "text", "", "LADO: email", CONTACTS),
    SettingSpec(
        "contacts.police_non_emergency", "text", "101", "Police non-emergency number", CONTACTS
    ),
    SettingSpec(
        "contacts.escalation_steps",
        "multiline",
        "",
        "Local escalation steps",
        CONTACTS,
        help="What your local safeguarding partnership says to do when you disagree with a "
        "decision or no reply comes: one step a line.",
    ),
    SettingSpec(
        "terms.dates",
        "date_ranges",
        [],
        "Term dates",
        TERMS,
        help="One term a line, as dd/mm/yyyy - dd/mm/yyyy. School-day deadlines count only "
        "these days; with none entered, Monday to Friday less bank holidays are used.",
    ),
    SettingSpec(
        "terms.closures",
        "date_ranges",
        [],
        "Closure days (half terms, training days)",
        TERMS,
        help="One closure a line, as dd/mm/yyyy or dd/mm/yyyy - dd/mm/yyyy.",
    ),
    SettingSpec(
        "pattern.count",
        "int",
        3,
        "Prompt a review after this many concerns about a child…",
        RECORDS,
        minimum=2,
        maximum=20,
    ),
    SettingSpec(
        "pattern.count_days",
        "int",
        30,
        "…within this many days",
        RECORDS,
        minimum=1,
        maximum=365,
    ),
    SettingSpec(
        "pattern.reporters",
        "int",
        2,
        "Or after concerns from this many different people…",
        RECORDS,
        minimum=2,
        maximum=10,
    ),
    SettingSpec(
        "pattern.reporter_days",
        "int",
        7,
        "…within this many days",
        RECORDS,
        minimum=1,
        maximum=90,
    ),
    SettingSpec(
        "security.idle_lock_minutes",
        "int",
        10,
        "Lock after this many idle minutes",
        SECURITY,
        minimum=1,
        maximum=120,
    ),
    SettingSpec(
        "backup.keep",
        "int",
        10,
        "Automatic backups to keep",
        SECURITY,
        minimum=1,
        maximum=100,
    ),
    SettingSpec(
        "backup.test_restore_days",
        "int",
        90,
        "Remind me to test a restore every (days)",
        SECURITY,
        minimum=7,
        maximum=365,
    ),
)
SPECS: dict[str, SettingSpec] = {spec.key: spec for spec in SETTINGS}


def _parse_date(text: str, key: str) -> dt.date:
    try:
        return dt.datetime.strptime(text.strip(), "%d/%m/%Y").date()
    except ValueError:
        raise ValidationError(
            key, f"“{text.strip()}” is not a date. Write dates as dd/mm/yyyy."
        ) from None


_RANGE_SEPARATOR = re.compile(r"\s*(?:–|—|-|\bto\b)\s*", re.IGNORECASE)


def parse_date_ranges(text: str, key: str = "dates") -> list[list[str]]:
    """Lines of ``dd/mm/yyyy`` or ``dd/mm/yyyy - dd/mm/yyyy`` as ISO pairs, checked."""
    ranges: list[list[str]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        parts = [p for p in _RANGE_SEPARATOR.split(line.strip()) if p]
        if len(parts) > 2:
            raise ValidationError(
                key,
                f"“{line.strip()}” is not a date or a pair of dates. "
                "Write dd/mm/yyyy, or dd/mm/yyyy - dd/mm/yyyy.",
            )
        start = _parse_date(parts[0], key)
        end = _parse_date(parts[1], key) if len(parts) > 1 else start
        if end < start:
            raise ValidationError(key, f"“{line.strip()}” ends before it starts.")
        ranges.append([start.isoformat(), end.isoformat()])
    return ranges


def format_date_ranges(value: list[list[str]]) -> str:
    lines = []
    for start, end in value:
        s, e = dt.date.fromisoformat(start), dt.date.fromisoformat(end)
        lines.append(f"{s:%d/%m/%Y}" if s == e else f"{s:%d/%m/%Y} - {e:%d/%m/%Y}")
    return "\n".join(lines)


def clean_value(spec: SettingSpec, raw: Any) -> Any:
    """The stored form of ``raw``, or a ValidationError naming the setting."""
    if spec.kind in ("text", "multiline"):
        text = str(raw).strip()
        if spec.required and not text:
            raise ValidationError(spec.key, f"{spec.label} is needed.")
        if len(text) > 2000:
            raise ValidationError(spec.key, f"{spec.label} is too long (2,000 characters at most).")
        return text
    if spec.kind == "int":
        try:
            number = int(str(raw).strip())
        except ValueError:
            raise ValidationError(spec.key, f"{spec.label}: type a whole number.") from None
        if not spec.minimum <= number <= spec.maximum:
            raise ValidationError(
                spec.key, f"{spec.label}: choose from {spec.minimum} to {spec.maximum}."
            )
        return number
    if spec.kind == "choice":
        assert spec.choices is not None
        if raw not in spec.choices:
            raise ValidationError(spec.key, f"{spec.label}: choose one of the options.")
        return raw
    if spec.kind == "bool":
        return bool(raw)
    if isinstance(raw, str):
        return parse_date_ranges(raw, spec.key)
    return [[str(a), str(b)] for a, b in raw]


def read_values(session: Session) -> dict[str, Any]:
    """Every setting's value (defaults filled in), inside a caller's own transaction."""
    values = {spec.key: spec.default for spec in SETTINGS}
    for row in session.scalars(select(Setting)):
        if row.key in SPECS:
            values[row.key] = json.loads(row.value)
    return values


def write_values(work: Work, changes: Mapping[str, Any]) -> list[str]:
    """Store cleaned values inside an open unit; returns the keys that changed."""
    current = read_values(work.session)
    changed = []
    for key, raw in changes.items():
        spec = SPECS.get(key)
        if spec is None:
            raise ValidationError(key, f"There is no setting called {key}.")
        value = clean_value(spec, raw)
        if value != current[key]:
            work.session.merge(Setting(key=key, value=json.dumps(value)))
            changed.append(key)
    return changed


def read_settings(signed: SignedIn) -> dict[str, Any]:
    """Every setting's value (defaults filled in). Any signed-in person may read them."""
    with reading(signed.store) as session:
        return read_values(session)


def update_settings(signed: SignedIn, *, changes: Mapping[str, Any]) -> list[str]:
    """Change settings (DSL only). Every value is checked before any is stored.

    The audit event names the settings that changed, never their values.
    """
    with unit(signed, Action.CHANGE_SETTINGS) as work:
        changed = write_values(work, changes)
        if changed:
            work.audit("settings changed", "setting", detail=", ".join(changed))
    return changed

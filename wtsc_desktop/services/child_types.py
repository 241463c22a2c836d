"""What a child's record is made of, going in (from a form or an import) and coming out
(to the register, the child's file and the picker): plain frozen dataclasses, and the
checks every way in shares, so a form and a CSV import refuse the same things.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, replace
from enum import StrEnum

from wtsc_desktop.errors import ValidationError


class DobStatus(StrEnum):
    KNOWN = "known"
    UNKNOWN = "unknown"
    UNBORN = "unborn"  # the expected date of delivery stands in

    @property
    def label(self) -> str:
        return {
            DobStatus.KNOWN: "Known",
            DobStatus.UNKNOWN: "Not known",
            DobStatus.UNBORN: "Not born yet (expected date of delivery)",
        }[self]


class Send(StrEnum):
    NONE = ""
    SEN_SUPPORT = "sen_support"
    EHCP = "ehcp"

    @property
    def label(self) -> str:
        return {
            Send.NONE: "None recorded",
            Send.SEN_SUPPORT: "SEN support",
            Send.EHCP: "Education, health and care plan (EHCP)",
        }[self]


class ChildSort(StrEnum):
    NAME = "name"
    DATE_OF_BIRTH = "date_of_birth"
    YEAR_GROUP = "year_group"
    NEWEST = "newest"


# Each flag: (field, label on the child's file, short text in the register).
FLAGS: tuple[tuple[str, str, str], ...] = (
    ("cp_plan", "Child protection plan", "CP plan"),
    ("child_in_need", "Child in need", "CIN"),
    ("looked_after", "Looked after", "Looked after"),
    ("previously_looked_after", "Previously looked after", "Prev. looked after"),
    ("young_carer", "Young carer", "Young carer"),
    ("private_fostering", "Private fostering", "Private fostering"),
)
FLAG_FIELDS = tuple(field for field, _, _ in FLAGS)


@dataclass(frozen=True)
class ChildFlags:
    cp_plan: bool = False
    child_in_need: bool = False
    looked_after: bool = False
    previously_looked_after: bool = False
    young_carer: bool = False
    private_fostering: bool = False

    def labels(self) -> tuple[str, ...]:
        """The flags that are set, in full, most serious first."""
        return tuple(label for field, label, _ in FLAGS if getattr(self, field))

    def short_text(self) -> str:
        """The flags that are set, briefly, for a table cell."""
        return ", ".join(short for field, _, short in FLAGS if getattr(self, field))

    def union(self, other: ChildFlags) -> ChildFlags:
        """Every flag either record has (merging never drops a child protection plan)."""
        return ChildFlags(**{f: getattr(self, f) or getattr(other, f) for f in FLAG_FIELDS})


NO_FLAGS = ChildFlags()

# The longest text each box holds (the columns' sizes).
LIMITS = {
    "legal_forename": 120,
    "legal_surname": 120,
    "preferred_name": 120,
    "other_names": 240,
    "address": 1000,
    "gender": 60,
    "ethnicity": 120,
    "year_group_or_team": 60,
    "external_id": 60,
    "archive_reason": 200,
    "name": 160,
    "relationship": 80,
    "phone": 60,
    "email": 200,
    "notes": 4000,
}
LABELS = {
    "legal_forename": "legal forename",
    "legal_surname": "legal surname",
    "preferred_name": "preferred name",
    "other_names": "other names",
    "address": "address",
    "gender": "gender",
    "ethnicity": "ethnicity",
    "year_group_or_team": "year group or team",
    "external_id": "pupil or member id",
    "archive_reason": "reason",
    "name": "name",
    "relationship": "relationship",
    "phone": "phone",
    "email": "email",
    "notes": "notes",
    "date_of_birth": "date of birth",
    "expected_delivery": "expected date of delivery",
}
OLDEST_YEARS = 30  # a date of birth further back is taken as a typing slip
LONGEST_PREGNANCY_DAYS = 300
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_BUT_LINES = re.compile(r"[\x00-\x09\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(field: str, value: str, *, lines: bool = False) -> str:
    """``value`` trimmed and in one Unicode form (so Zoë typed two ways is one name);
    refused when too long, or when a one-line box holds a line break or control code."""
    text = unicodedata.normalize("NFC", value).strip()
    label = LABELS.get(field, field)
    if (_CONTROL_BUT_LINES if lines else _CONTROL).search(text):
        raise ValidationError(
            field, f"The {label} has a line break or an unusual hidden character in it."
        )
    limit = LIMITS.get(field)
    if limit is not None and len(text) > limit:
        raise ValidationError(
            field, f"The {label} is too long: at most {limit} characters ({len(text)} given)."
        )
    return text


_UK_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MIDNIGHT = re.compile(r"\s+00:00(:00)?$")


def parse_date(field: str, text: str) -> dt.date | None:
    """A date typed as dd/mm/yyyy (or yyyy-mm-dd, as many exports write it); None if blank.

    A time of midnight after it, as spreadsheets add, is ignored.
    """
    value = _MIDNIGHT.sub("", text.strip())
    if not value:
        return None
    label = LABELS.get(field, field)
    uk = _UK_DATE.fullmatch(value)
    iso = _ISO_DATE.fullmatch(value)
    if uk:
        day, month, year = (int(part) for part in uk.groups())
    elif iso:
        year, month, day = (int(part) for part in iso.groups())
    else:
        raise ValidationError(field, f"Write the {label} as dd/mm/yyyy, for example 01/09/2015.")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValidationError(
            field, f"The {label} {value} is not a real date. Check the day and the month."
        ) from None


def age_on(born: dt.date, day: dt.date) -> int:
    """Whole years from ``born`` to ``day``."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


@dataclass(frozen=True)
class ChildDetails:
    """Everything on a child's file header: what the add and edit forms hand in."""

    legal_forename: str
    legal_surname: str
    preferred_name: str = ""
    other_names: str = ""
    dob_status: DobStatus = DobStatus.KNOWN
    date_of_birth: dt.date | None = None
    expected_delivery: dt.date | None = None
    address: str = ""
    gender: str = ""
    ethnicity: str = ""
    send: Send = Send.NONE
    year_group_or_team: str = ""
    external_id: str = ""
    flags: ChildFlags = NO_FLAGS


def check_dates(details: ChildDetails, today: dt.date) -> ChildDetails:
    """The date of birth (or expected delivery) that goes with the status, checked."""
    status = DobStatus(details.dob_status)
    if status is DobStatus.KNOWN:
        born = details.date_of_birth
        if born is None:
            raise ValidationError(
                "date_of_birth",
                "Type the date of birth as dd/mm/yyyy, or choose “Not known”.",
            )
        if born > today:
            raise ValidationError(
                "date_of_birth",
                "The date of birth is in the future. For a baby not born yet, choose "
                "“Not born yet” and give the expected date of delivery.",
            )
        if born.year < today.year - OLDEST_YEARS:
            raise ValidationError(
                "date_of_birth",
                f"The date of birth {born:%d/%m/%Y} is more than {OLDEST_YEARS} years ago. "
                "Check the year.",
            )
        return replace(details, dob_status=status, expected_delivery=None)
    if status is DobStatus.UNBORN:
        due = details.expected_delivery
        if due is None:
            raise ValidationError(
                "expected_delivery", "Type the expected date of delivery as dd/mm/yyyy."
            )
        if (due - today).days > LONGEST_PREGNANCY_DAYS:
            raise ValidationError(
                "expected_delivery",
                "The expected date of delivery is more than ten months away. Check the year.",
            )
        return replace(details, dob_status=status, date_of_birth=None)
    return replace(details, dob_status=status, date_of_birth=None, expected_delivery=None)


def checked_details(details: ChildDetails, today: dt.date) -> ChildDetails:
    """``details`` cleaned and checked, or a ValidationError naming the box to correct."""
    texts = {
        name: clean_text(name, getattr(details, name), lines=name == "address")
        for name in (
            "legal_forename",
            "legal_surname",
            "preferred_name",
            "other_names",
            "address",
            "gender",
            "ethnicity",
            "year_group_or_team",
            "external_id",
        )
    }
    if not texts["legal_forename"]:
        raise ValidationError("legal_forename", "Type the child's legal forename.")
    if not texts["legal_surname"]:
        raise ValidationError("legal_surname", "Type the child's legal surname.")
    try:
        send = Send(details.send)
    except ValueError:
        raise ValidationError("send", "Choose none, SEN support or an EHC plan.") from None
    cleaned = replace(details, send=send, **texts)  # type: ignore[arg-type]
    return check_dates(cleaned, today)


@dataclass(frozen=True)
class ContactDetails:
    """Someone around a child: a parent, carer or anyone in the household."""

    name: str
    relationship: str = ""
    parental_responsibility: bool = False
    lives_with_child: bool = False
    phone: str = ""
    email: str = ""
    address: str = ""
    notes: str = ""


def checked_contact(contact: ContactDetails) -> ContactDetails:
    """``contact`` cleaned and checked."""
    texts = {
        name: clean_text(name, getattr(contact, name), lines=name in ("address", "notes"))
        for name in ("name", "relationship", "phone", "email", "address", "notes")
    }
    if not texts["name"]:
        raise ValidationError("name", "Type the person's name.")
    if texts["email"] and ("@" not in texts["email"] or " " in texts["email"]):
        raise ValidationError("email", "That email address looks wrong: check it, or leave it out.")
    return ContactDetails(
        parental_responsibility=bool(contact.parental_responsibility),
        lives_with_child=bool(contact.lives_with_child),
        **texts,
    )


@dataclass(frozen=True)
class ContactRecord:
    id: int
    details: ContactDetails


@dataclass(frozen=True)
class ChildRow:
    """One line of the register."""

    id: int
    name: str
    dob_status: DobStatus
    date_of_birth: dt.date | None
    expected_delivery: dt.date | None
    year_group_or_team: str
    external_id: str
    flags: ChildFlags
    archived: bool


@dataclass(frozen=True)
class ChildFile:
    """A child's whole file header, with the people around them and any records merged in."""

    id: int
    name: str
    details: ChildDetails
    contacts: tuple[ContactRecord, ...]
    retention_review: dt.date | None
    archived_at: dt.datetime | None
    archive_reason: str
    merged_into_id: int | None
    merged_records: tuple[ChildRow, ...]
    created_at: dt.datetime
    updated_at: dt.datetime | None

    @property
    def flags(self) -> ChildFlags:
        return self.details.flags

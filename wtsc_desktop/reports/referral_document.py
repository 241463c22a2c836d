"""Plain input for the referral summary and the transfer pack (no ReportLab here).

Both are built from labelled fields in sections, so that every field shared/forms.md
expects is printed with its label, and an empty answer prints "not recorded".
"""

from __future__ import annotations

from dataclasses import dataclass

from wtsc_desktop.reports.document import ChronologyLine, ReportHeader


@dataclass(frozen=True)
class Field:
    """One labelled answer. ``long`` text gets its own block (it may run over a page);
    ``quote`` prints it as the child's own words."""

    label: str
    value: str
    long: bool = False
    quote: bool = False


@dataclass(frozen=True)
class Section:
    title: str
    fields: tuple[Field, ...]
    note: str = ""


@dataclass(frozen=True)
class HouseholdLine:
    """A person in the child's household or with parental responsibility."""

    name: str
    relationship: str
    parental_responsibility: bool
    lives_with_child: bool
    contact: str


@dataclass(frozen=True)
class ReferralSummary:
    """``before`` the household table (the child), ``after`` it (consent, the worry, the
    referral...); ``signatories`` are the people who sign at the end."""

    header: ReportHeader
    before: tuple[Section, ...]
    household: tuple[HouseholdLine, ...]
    after: tuple[Section, ...]
    signatories: tuple[str, ...]


@dataclass(frozen=True)
class TransferPack:
    """A cover sheet, a contents list, a receipt slip, then the file in date order."""

    header: ReportHeader
    cover: tuple[Section, ...]
    contents: tuple[str, ...]
    receipt: Section
    entries: tuple[ChronologyLine, ...]
    records: tuple[Section, ...]

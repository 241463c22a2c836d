"""Importing the children register from a CSV export of an MIS or membership system.

Three steps, and nothing is written before the last: ``guess_mapping`` proposes which
column holds what (the person can change it); ``preview_import`` checks every row and
lists each bad one with its line and reason, the rows that will add a child, and the
rows that will update one already on the register (matched on the pupil or member id);
``commit_import`` writes every good row in one transaction, with one audit event that
holds counts only. A termly re-import therefore updates, and makes no duplicates. A
blank cell never erases what is already recorded.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from wtsc_desktop.clock import LONDON, today_in_london
from wtsc_desktop.errors import ValidationError
from wtsc_desktop.services.child_rows import apply_details, details_of, entry_parts, reindex
from wtsc_desktop.services.child_types import (
    ChildDetails,
    DobStatus,
    Send,
    checked_details,
    clean_text,
    parse_date,
)
from wtsc_desktop.services.context import SignedIn, reading_as, unit
from wtsc_desktop.services.csv_table import CsvRow, CsvTable, read_table
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.store import search_index
from wtsc_desktop.store.models import Child


@dataclass(frozen=True)
class ImportField:
    key: str
    label: str
    required: bool
    headers: tuple[str, ...]  # header names it is guessed from, folded (see _plain)


IMPORT_FIELDS: tuple[ImportField, ...] = (
    ImportField(
        "external_id",
        "Pupil or member id",
        True,
        ("upn", "pupilid", "pupilnumber", "memberid", "membershipnumber", "membernumber",
         "membershipid", "admissionnumber", "adno", "uln", "misid", "id"),
    ),
    ImportField(
        "legal_forename",
        "Legal forename",
        True,
        ("legalforename", "forename", "firstname", "givenname", "legalfirstname", "forenames"),
    ),
    ImportField(
        "legal_surname",
        "Legal surname",
        True,
        ("legalsurname", "surname", "lastname", "familyname", "legallastname"),
    ),
    ImportField(
        "preferred_name",
        "Preferred name",
        False,
        ("preferredname", "preferredforename", "knownas", "chosenname", "preferredfirstname"),
    ),
    ImportField("date_of_birth", "Date of birth", False, ("dob", "dateofbirth", "birthdate")),
    ImportField(
        "year_group_or_team",
        "Year group or team",
        False,
        ("yeargroup", "year", "ncyear", "curriculumyear", "team", "squad", "agegroup", "group"),
    ),
    ImportField("gender", "Gender", False, ("gender", "sex")),
    ImportField("ethnicity", "Ethnicity", False, ("ethnicity", "ethnicgroup", "ethnicorigin")),
    ImportField(
        "send", "SEN", False, ("sen", "send", "senstatus", "senprovision", "sendstatus")
    ),
)  # fmt: skip
FIELDS_BY_KEY = {f.key: f for f in IMPORT_FIELDS}
# SEN as MIS exports write it: the DfE codes N, K, E (and S for an old statement).
SEN_VALUES = {
    "": Send.NONE,
    "n": Send.NONE,
    "no": Send.NONE,
    "none": Send.NONE,
    "k": Send.SEN_SUPPORT,
    "sen support": Send.SEN_SUPPORT,
    "sen_support": Send.SEN_SUPPORT,
    "support": Send.SEN_SUPPORT,
    "e": Send.EHCP,
    "ehcp": Send.EHCP,
    "ehc plan": Send.EHCP,
    "s": Send.EHCP,
    "statement": Send.EHCP,
}
_TEXT_FIELDS = (
    "legal_forename",
    "legal_surname",
    "preferred_name",
    "year_group_or_team",
    "gender",
    "ethnicity",
    "external_id",
)


def _plain(header: str) -> str:
    return re.sub(r"[^a-z0-9]", "", search_index.fold(header).casefold())


def guess_mapping(headers: tuple[str, ...]) -> dict[str, str]:
    """Our field -> the header of the column that most likely holds it (UPN, Forename,
    Legal Surname, DOB, Member ID...). Fields with no likely column are left out."""
    plain = {header: _plain(header) for header in headers}
    mapping: dict[str, str] = {}
    for field in IMPORT_FIELDS:
        for wanted in field.headers:
            found = next(
                (h for h in headers if plain[h] == wanted and h not in mapping.values()), None
            )
            if found is not None:
                mapping[field.key] = found
                break
    return mapping


@dataclass(frozen=True)
class ImportRow:
    """A good row: the values it gives (blank cells left out), and the child it updates."""

    line: int
    external_id: str
    name: str
    values: tuple[tuple[str, Any], ...]
    child_id: int | None = None  # set when it updates a child already on the register
    changed: bool = True


@dataclass(frozen=True)
class BadRow:
    line: int
    reason: str
    label: str  # the row's id or name as the file gives it, to find it in the spreadsheet


@dataclass(frozen=True)
class ImportPreview:
    table: CsvTable
    mapping: tuple[tuple[str, str], ...]
    to_add: tuple[ImportRow, ...]
    to_update: tuple[ImportRow, ...]
    bad_rows: tuple[BadRow, ...]

    @property
    def unchanged(self) -> int:
        """Rows matching a child whose record they would not change."""
        return sum(1 for row in self.to_update if not row.changed)


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    skipped: int


def _columns(table: CsvTable, mapping: Mapping[str, str]) -> dict[str, int]:
    unknown = sorted(set(mapping) - set(FIELDS_BY_KEY))
    if unknown:
        raise ValidationError("mapping", f"There is no field called {unknown[0]!r} to import.")
    columns = {}
    for key, header in mapping.items():
        if header not in table.headers:
            raise ValidationError("mapping", f"The file has no column called “{header}”.")
        columns[key] = table.headers.index(header)
    missing = [f.label for f in IMPORT_FIELDS if f.required and f.key not in columns]
    if missing:
        raise ValidationError(
            "mapping",
            f"Choose the column that holds: {', '.join(missing).lower()}. (The pupil or "
            "member id is how a later import finds the same child again.)",
        )
    used = Counter(columns.values())
    twice = next((table.headers[c] for c, n in used.items() if n > 1), None)
    if twice is not None:
        raise ValidationError("mapping", f"The column “{twice}” is chosen for two fields.")
    return columns


def _label(values: Mapping[str, str]) -> str:
    name = " ".join(filter(None, (values.get("legal_forename"), values.get("legal_surname"))))
    text = values.get("external_id") or name or "(blank)"
    return text if len(text) <= 60 else text[:59] + "…"


def _check_row(row: CsvRow, columns: Mapping[str, int], today: dt.date) -> ImportRow | BadRow:
    cells = {key: row.cells[index] for key, index in columns.items()}
    problems: list[str] = []
    values: dict[str, Any] = {}
    for key in _TEXT_FIELDS:
        if cells.get(key):
            try:
                values[key] = clean_text(key, cells[key])
            except ValidationError as error:
                problems.append(str(error))
    for key, what in (
        ("external_id", "no pupil or member id"),
        ("legal_forename", "no legal forename"),
        ("legal_surname", "no legal surname"),
    ):
        if not cells.get(key):
            problems.append(f"There is {what}.")
    if cells.get("date_of_birth"):
        try:
            values["date_of_birth"] = parse_date("date_of_birth", cells["date_of_birth"])
        except ValidationError as error:
            problems.append(f"{error} (“{cells['date_of_birth'][:20]}” in the file)")
    if "send" in cells:
        send = SEN_VALUES.get(cells["send"].casefold())
        if send is None:
            problems.append(f"The SEN value “{cells['send'][:20]}” is not N, K or E.")
        elif send is not Send.NONE:
            values["send"] = send
    if not problems:
        try:  # the checks a form makes: a date of birth in the future, say
            checked_details(_new_details(values), today)
        except ValidationError as error:
            problems.append(str(error))
    if problems:
        return BadRow(row.line, " ".join(problems), _label(cells))
    name = f"{values['legal_forename']} {values['legal_surname']}"
    return ImportRow(row.line, values["external_id"], name, tuple(values.items()))


def _new_details(values: Mapping[str, Any]) -> ChildDetails:
    status = DobStatus.KNOWN if values.get("date_of_birth") else DobStatus.UNKNOWN
    return ChildDetails(**{"legal_forename": "", "legal_surname": "", **values}, dob_status=status)


def _updated_details(existing: ChildDetails, values: Mapping[str, Any]) -> ChildDetails:
    # The id found the record; it never changes it (it may have been a merged record's id).
    changes = {key: value for key, value in values.items() if key != "external_id"}
    if "date_of_birth" in changes:
        changes |= {"dob_status": DobStatus.KNOWN, "expected_delivery": None}
    return replace(existing, **changes)


def _duplicates(rows: list[ImportRow | BadRow]) -> list[ImportRow | BadRow]:
    """Both rows of an id given twice are bad: which one is right cannot be told."""
    lines: dict[str, list[int]] = {}
    for row in rows:
        if isinstance(row, ImportRow):
            lines.setdefault(row.external_id, []).append(row.line)
    result: list[ImportRow | BadRow] = []
    for row in rows:
        if isinstance(row, ImportRow) and len(lines[row.external_id]) > 1:
            others = ", ".join(str(n) for n in lines[row.external_id] if n != row.line)
            reason = f"The same pupil or member id is on line {others} too."
            result.append(BadRow(row.line, reason, row.external_id))
        else:
            result.append(row)
    return result


def _existing(session: Session, ids: list[str]) -> dict[str, Child]:
    """external id -> the child on the register it belongs to (the record kept, for one
    that was merged into another)."""
    found: dict[str, Child] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for child in session.scalars(select(Child).where(Child.external_id.in_(chunk))):
            kept = child
            if child.merged_into_id is not None:
                kept = session.get(Child, child.merged_into_id) or child
            found[child.external_id or ""] = kept
    return found


def preview_import(signed: SignedIn, *, data: bytes, mapping: Mapping[str, str]) -> ImportPreview:
    """Check every row of the file, writing nothing (DSL and deputies): each bad row with
    its line and reason, the rows that add a child and the rows that update one."""
    today = today_in_london(signed.store.clock)
    to_add: list[ImportRow] = []
    to_update: list[ImportRow] = []
    with reading_as(signed, Action.EDIT_CHILDREN) as session:
        table = read_table(data)
        columns = _columns(table, mapping)
        rows = _duplicates([_check_row(row, columns, today) for row in table.rows])
        good = [r for r in rows if isinstance(r, ImportRow)]
        bad = [r for r in rows if isinstance(r, BadRow)]
        existing = _existing(session, [r.external_id for r in good])
        claimed: dict[int, int] = {}
        for row in good:
            child = existing.get(row.external_id)
            if child is None:
                to_add.append(row)
            elif child.id in claimed:
                reason = f"It matches the same child as line {claimed[child.id]} (merged records)."
                bad.append(BadRow(row.line, reason, row.external_id))
            else:
                claimed[child.id] = row.line
                current = details_of(child)
                changed = _updated_details(current, dict(row.values)) != current
                to_update.append(replace(row, child_id=child.id, changed=changed))
    return ImportPreview(
        table=table,
        mapping=tuple(mapping.items()),
        to_add=tuple(to_add),
        to_update=tuple(to_update),
        bad_rows=tuple(sorted(bad, key=lambda b: b.line)),
    )


def _line_error(line: int, error: ValidationError) -> ValidationError:
    return ValidationError("file", f"Line {line}: {error} Nothing was imported.")


def commit_import(signed: SignedIn, *, preview: ImportPreview) -> ImportResult:
    """Write every good row of a preview in one transaction (DSL and deputies).

    Rows are matched on the pupil or member id again as they are written, so a child
    added meanwhile is updated rather than added twice. One audit event, counts only.
    """
    rows = preview.to_add + preview.to_update
    today = today_in_london(signed.store.clock)
    added = updated = 0
    with unit(signed, Action.EDIT_CHILDREN) as work:
        if not rows:
            raise ValidationError("file", "There is nothing to import: every row has a problem.")
        existing = _existing(work.session, [r.external_id for r in rows])
        new: list[Child] = []
        for row in sorted(rows, key=lambda r: r.line):
            child = existing.get(row.external_id)
            try:
                if child is None:
                    details = checked_details(_new_details(dict(row.values)), today)
                    child = Child(created_at=work.now)
                    apply_details(child, details, today)
                    new.append(child)
                    continue
                current = details_of(child)
                details = checked_details(_updated_details(current, dict(row.values)), today)
            except ValidationError as error:
                raise _line_error(row.line, error) from None
            if details != current:
                apply_details(child, details, child.created_at.astimezone(LONDON).date())
                child.updated_at = work.now
                reindex(work.session, child)
                updated += 1
        work.session.add_all(new)
        work.session.flush()
        for child in new:
            search_index.put_entry(work.session, "child", child.id, *entry_parts(child))
        added = len(new)
        unchanged = len(rows) - added - updated
        skipped = len(preview.bad_rows)
        work.audit(
            "children imported",
            "child",
            detail=f"{added} added, {updated} updated, {unchanged} unchanged, {skipped} skipped",
        )
    return ImportResult(added, updated, unchanged, skipped)

"""The children register: add, change, open and list children's records.

Reading a file needs VIEW_CHILDREN and changing one EDIT_CHILDREN (the DSL and deputies);
anyone logging a concern may only pick a child by name and year group or team
(``pick_children``). Every change re-indexes the child for search; opening a file is
audited. Nothing is ever deleted: leavers are archived, and a duplicate record is merged
into the one kept, keeping its own concerns (the chronology follows ``merged_into_id``).
Archiving and merging are in ``archive_and_merge``, the people around a child in
``child_contacts``, CSV import in ``child_import``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Integer, Select, column, func, select, text
from sqlalchemy.orm import Session

from wtsc_desktop.clock import LONDON, today_in_london
from wtsc_desktop.errors import ValidationError
from wtsc_desktop.services.child_rows import (
    apply_details,
    check_id_free,
    child_row,
    contact_details_of,
    details_of,
    not_merged,
    reindex,
    row_of,
)
from wtsc_desktop.services.child_types import (
    NO_FLAGS,
    ChildDetails,
    ChildFile,
    ChildFlags,
    ChildRow,
    ChildSort,
    ContactRecord,
    DobStatus,
    Send,
    checked_details,
)
from wtsc_desktop.services.concern_types import display_name
from wtsc_desktop.services.context import SignedIn, reading_as, unit
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.store import search_index
from wtsc_desktop.store.models import Child, ChildContact

PAGE_LIMIT = 1000  # the most rows one call returns


def add_child(
    signed: SignedIn,
    *,
    legal_forename: str,
    legal_surname: str,
    preferred_name: str = "",
    other_names: str = "",
    dob_status: DobStatus | None = None,
    date_of_birth: dt.date | None = None,
    expected_delivery: dt.date | None = None,
    address: str = "",
    gender: str = "",
    ethnicity: str = "",
    send: Send = Send.NONE,
    year_group_or_team: str = "",
    external_id: str = "",
    flags: ChildFlags = NO_FLAGS,
) -> int:
    """Put a child on the register (DSL and deputies); returns the new record's id.

    Without ``dob_status`` the date of birth counts as known when one is given, and as
    not known otherwise. R1's review date is set from it at once.
    """
    today = today_in_london(signed.store.clock)
    status = dob_status or (DobStatus.KNOWN if date_of_birth else DobStatus.UNKNOWN)
    details = checked_details(
        ChildDetails(
            legal_forename=legal_forename,
            legal_surname=legal_surname,
            preferred_name=preferred_name,
            other_names=other_names,
            dob_status=status,
            date_of_birth=date_of_birth,
            expected_delivery=expected_delivery,
            address=address,
            gender=gender,
            ethnicity=ethnicity,
            send=send,
            year_group_or_team=year_group_or_team,
            external_id=external_id,
            flags=flags,
        ),
        today,
    )
    with unit(signed, Action.EDIT_CHILDREN) as work:
        check_id_free(work.session, details.external_id, None)
        row = Child(created_at=work.now)
        apply_details(row, details, today)
        work.session.add(row)
        work.session.flush()
        reindex(work.session, row)
        work.audit("child added", "child", row.id)
        return row.id


def update_child(signed: SignedIn, *, child_id: int, details: ChildDetails) -> None:
    """Change a child's file header (every field, as given). R1's review date follows a
    changed date of birth; the search index follows the names."""
    with unit(signed, Action.EDIT_CHILDREN) as work:
        checked = checked_details(details, today_in_london(signed.store.clock))
        row = child_row(work, child_id)
        not_merged(row)
        check_id_free(work.session, checked.external_id, child_id)
        apply_details(row, checked, row.created_at.astimezone(LONDON).date())
        row.updated_at = work.now
        reindex(work.session, row)
        work.audit("child changed", "child", child_id)


# --- reading --------------------------------------------------------------------------


def get_child(signed: SignedIn, *, child_id: int) -> ChildFile:
    """A child's whole file header with the people around them (DSL and deputies).
    Opening a named record is audited."""
    with unit(signed, Action.VIEW_CHILDREN) as work:
        row = child_row(work, child_id)
        contacts = work.session.scalars(
            select(ChildContact)
            .where(ChildContact.child_id == child_id)
            .order_by(ChildContact.parental_responsibility.desc(), ChildContact.id)
        ).all()
        merged = work.session.scalars(
            select(Child).where(Child.merged_into_id == child_id).order_by(Child.id)
        ).all()
        work.audit("child opened", "child", child_id)
        return ChildFile(
            id=row.id,
            name=display_name(row),
            details=details_of(row),
            contacts=tuple(ContactRecord(c.id, contact_details_of(c)) for c in contacts),
            retention_review=row.retention_review,
            archived_at=row.archived_at,
            archive_reason=row.archive_reason,
            merged_into_id=row.merged_into_id,
            merged_records=tuple(row_of(m) for m in merged),
            created_at=row.created_at,
            updated_at=row.updated_at,
        )


def _matching(typed: str) -> ColumnElement[bool] | None:
    """Children whose index entry matches the words typed (None when nothing searchable)."""
    query = search_index.match_query(typed)
    if not query:
        return None
    refs = (
        text("SELECT ref FROM search_fts WHERE search_fts MATCH :query AND kind = 'child'")
        .bindparams(query=query)
        .columns(column("ref", Integer))
    )
    return Child.id.in_(refs)


@dataclass(frozen=True)
class _Wanted:
    include_archived: bool
    text: str

    def where(self) -> list[ColumnElement[bool]]:
        conditions: list[ColumnElement[bool]] = [Child.merged_into_id.is_(None)]
        if not self.include_archived:
            conditions.append(Child.archived_at.is_(None))
        if self.text.strip():
            match = _matching(self.text)
            # Typed words with nothing searchable in them (punctuation only) match nobody.
            conditions.append(match if match is not None else Child.id.is_(None))
        return conditions


def _order(sort: ChildSort, descending: bool) -> list[Any]:
    """ORDER BY keys; unknown dates and blank groups stay at the end either way."""
    surname = Child.legal_surname.collate("NOCASE")
    forename = Child.legal_forename.collate("NOCASE")
    if sort is ChildSort.NEWEST:
        return [Child.id if descending else Child.id.desc()]
    blanks_last: list[Any] = []
    keys: list[Any]
    if sort is ChildSort.DATE_OF_BIRTH:
        born = func.coalesce(Child.date_of_birth, Child.expected_delivery)
        blanks_last, keys = [born.is_(None)], [born, surname, forename]
    elif sort is ChildSort.YEAR_GROUP:
        group = Child.year_group_or_team
        blanks_last, keys = [group == ""], [group.collate("NOCASE"), surname, forename]
    else:
        keys = [surname, forename]
    keys.append(Child.id)
    return blanks_last + [key.desc() if descending else key for key in keys]


def _listing(wanted: _Wanted, sort: ChildSort, descending: bool) -> Select[int]:
    return select(Child.id).where(*wanted.where()).order_by(*_order(sort, descending))


def child_ids(
    signed: SignedIn,
    *,
    include_archived: bool = False,
    sort: ChildSort = ChildSort.NAME,
    descending: bool = False,
    text: str = "",
) -> tuple[int, ...]:
    """The ids of every child listed, in order (one query, fast at 50,000 children): the
    register's table holds these and fetches rows a page at a time (``children_by_id``).
    ``text`` filters through the search index, as the search box does."""
    with reading_as(signed, Action.VIEW_CHILDREN) as session:
        listing = _listing(_Wanted(include_archived, text), sort, descending)
        # Through the connection, not the ORM: 50,000 plain ids load a third faster.
        return tuple(session.connection().execute(listing).scalars())


def _rows(session: Session, ids: Iterable[int]) -> dict[int, ChildRow]:
    wanted = list(ids)
    found: dict[int, ChildRow] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        for child in session.scalars(select(Child).where(Child.id.in_(chunk))):
            found[child.id] = row_of(child)
    return found


def children_by_id(signed: SignedIn, *, ids: Sequence[int]) -> list[ChildRow]:
    """The register's lines for ``ids`` (at most 1,000), in that order; missing ids are
    left out."""
    if len(ids) > PAGE_LIMIT:
        raise ValidationError("ids", f"Ask for at most {PAGE_LIMIT} children at a time.")
    with reading_as(signed, Action.VIEW_CHILDREN) as session:
        found = _rows(session, ids)
    return [found[i] for i in ids if i in found]


def list_children(
    signed: SignedIn,
    *,
    offset: int = 0,
    limit: int = 200,
    include_archived: bool = False,
    sort: ChildSort = ChildSort.NAME,
    descending: bool = False,
    text: str = "",
) -> list[ChildRow]:
    """One page of the register (archived children only when asked; merged records never)."""
    if not 0 < limit <= PAGE_LIMIT or offset < 0:
        raise ValidationError("limit", f"Ask for between 1 and {PAGE_LIMIT} children.")
    with reading_as(signed, Action.VIEW_CHILDREN) as session:
        ids = list(
            session.scalars(
                _listing(_Wanted(include_archived, text), sort, descending)
                .offset(offset)
                .limit(limit)
            )
        )
        found = _rows(session, ids)
    return [found[i] for i in ids]


def count_children(signed: SignedIn, *, include_archived: bool = False, text: str = "") -> int:
    """How many children are on the register (archived ones too when asked; merged-away
    records never count)."""
    with reading_as(signed, Action.VIEW_CHILDREN) as session:
        wanted = _Wanted(include_archived, text)
        return int(session.scalar(select(func.count(Child.id)).where(*wanted.where())) or 0)


@dataclass(frozen=True)
class ChildChoice:
    """What anyone logging a concern sees of a child: a name and a year group or team."""

    id: int
    name: str
    year_group_or_team: str


def pick_children(signed: SignedIn, *, text: str, limit: int = 20) -> list[ChildChoice]:
    """Children whose names start with the words typed, for the concern wizard's picker.

    Any role may use it; it shows nothing of a child's file. Archived and merged-away
    records are left out.
    """
    match = _matching(text)
    if match is None:
        return []
    with reading_as(signed, Action.PICK_CHILD) as session:
        # Filtered in the one query, so archived matches never crowd out current ones.
        rows = session.scalars(
            select(Child)
            .where(match, Child.archived_at.is_(None), Child.merged_into_id.is_(None))
            .order_by(*_order(ChildSort.NAME, descending=False))
            .limit(limit)
        )
        return [ChildChoice(c.id, display_name(c), c.year_group_or_team) for c in rows]

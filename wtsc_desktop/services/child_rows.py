"""A child's row in the store, turned into the dataclasses of ``child_types`` and back,
with its entry in the search index: shared by every children's service.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import fields

from sqlalchemy import select
from sqlalchemy.orm import Session

from wtsc_desktop.errors import NotFound, ValidationError
from wtsc_desktop.guidance.retention import child_file_review_date
from wtsc_desktop.services.child_types import (
    FLAG_FIELDS,
    ChildDetails,
    ChildFlags,
    ChildRow,
    ContactDetails,
    DobStatus,
    Send,
)
from wtsc_desktop.services.concern_types import display_name
from wtsc_desktop.services.context import Work
from wtsc_desktop.store import search_index
from wtsc_desktop.store.models import Child, ChildContact


def flags_of(child: Child) -> ChildFlags:
    """The row's flags."""
    return ChildFlags(**{f: bool(getattr(child, f)) for f in FLAG_FIELDS})


def details_of(child: Child) -> ChildDetails:
    """The row's file header, as the forms and the import hand it in."""
    return ChildDetails(
        legal_forename=child.legal_forename,
        legal_surname=child.legal_surname,
        preferred_name=child.preferred_name,
        other_names=child.other_names,
        dob_status=DobStatus(child.dob_status),
        date_of_birth=child.date_of_birth,
        expected_delivery=child.expected_delivery,
        address=child.address,
        gender=child.gender,
        ethnicity=child.ethnicity,
        send=Send(child.send),
        year_group_or_team=child.year_group_or_team,
        external_id=child.external_id or "",
        flags=flags_of(child),
    )


def row_of(child: Child) -> ChildRow:
    """The row as one line of the register."""
    return ChildRow(
        id=child.id,
        name=display_name(child),
        dob_status=DobStatus(child.dob_status),
        date_of_birth=child.date_of_birth,
        expected_delivery=child.expected_delivery,
        year_group_or_team=child.year_group_or_team,
        external_id=child.external_id or "",
        flags=flags_of(child),
        archived=child.archived_at is not None,
    )


def contact_details_of(row: ChildContact) -> ContactDetails:
    """Someone around a child, as the contact form hands them in."""
    return ContactDetails(
        name=row.name,
        relationship=row.relationship,
        parental_responsibility=row.parental_responsibility,
        lives_with_child=row.lives_with_child,
        phone=row.phone,
        email=row.email,
        address=row.address,
        notes=row.notes,
    )


def entry_parts(child: Child, merged: Sequence[Child] = ()) -> tuple[str, ...]:
    """What the child is found by: their names, group and id, and the names of any record
    merged into theirs (so a search for either spelling finds the record kept)."""
    extra = tuple(
        part
        for other in merged
        for part in (
            other.legal_forename,
            other.legal_surname,
            other.preferred_name,
            other.other_names,
            other.external_id or "",
        )
    )
    own = search_index.child_entry_parts(
        child.legal_forename,
        child.legal_surname,
        child.preferred_name,
        child.other_names,
        child.year_group_or_team,
        child.external_id,
    )
    return own + extra


def reindex(session: Session, child: Child) -> None:
    """Put the child in the search index again, after any change."""
    merged = session.scalars(select(Child).where(Child.merged_into_id == child.id)).all()
    search_index.put_entry(session, "child", child.id, *entry_parts(child, merged))


def apply_details(child: Child, details: ChildDetails, recorded_on: dt.date) -> None:
    """Copy checked ``details`` onto the row; R1's review date follows the date of birth."""
    for f in fields(details):
        if f.name == "flags":
            continue
        value = getattr(details, f.name)
        if f.name == "external_id":
            value = value or None  # blank ids are not unique, so they are stored as NULL
        setattr(child, f.name, value)
    for name in FLAG_FIELDS:
        setattr(child, name, getattr(details.flags, name))
    child.retention_review = child_file_review_date(
        date_of_birth=child.date_of_birth,
        expected_delivery=child.expected_delivery,
        recorded_on=recorded_on,
    )


def check_id_free(session: Session, external_id: str, child_id: int | None) -> None:
    """Refuse a pupil or member id that another record (other than ``child_id``) has."""
    if not external_id:
        return
    query = select(Child.id).where(Child.external_id == external_id)
    if child_id is not None:
        query = query.where(Child.id != child_id)
    if session.scalar(query) is not None:
        raise ValidationError(
            "external_id",
            f"Another record already has the pupil or member id {external_id}. Check it, "
            "or open that record instead.",
        )


def child_row(work: Work, child_id: int) -> Child:
    """The child's row, or NotFound."""
    row = work.session.get(Child, child_id)
    if row is None:
        raise NotFound("That child's record")
    return row


def not_merged(row: Child) -> None:
    """Refuse to change a record merged into another: the record kept is the one to change."""
    if row.merged_into_id is not None:
        raise ValidationError(
            "merged",
            "This record was merged into another one. Open the record that was kept and "
            "make the change there.",
        )

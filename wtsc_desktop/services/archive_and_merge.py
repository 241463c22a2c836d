"""Leavers and duplicates: archive a record (never delete it) and bring it back; merge two
records of one child so that both histories show on the one kept.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from wtsc_desktop.clock import LONDON
from wtsc_desktop.errors import ValidationError
from wtsc_desktop.services.child_rows import (
    apply_details,
    child_row,
    details_of,
    not_merged,
    reindex,
)
from wtsc_desktop.services.child_types import ChildDetails, DobStatus, Send, clean_text
from wtsc_desktop.services.context import SignedIn, unit
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.store import search_index
from wtsc_desktop.store.models import Child, ChildContact


def archive_child(signed: SignedIn, *, child_id: int, reason: str) -> None:
    """Archive a leaver: the record stays, but leaves the register and the picker."""
    with unit(signed, Action.EDIT_CHILDREN) as work:
        why = clean_text("archive_reason", reason)
        if not why:
            raise ValidationError("archive_reason", "Say why the record is archived (e.g. left).")
        row = child_row(work, child_id)
        not_merged(row)
        if row.archived_at is not None:
            raise ValidationError("archive_reason", "This record is already archived.")
        row.archived_at = work.now
        row.archive_reason = why
        row.updated_at = work.now
        work.audit("child archived", "child", child_id)


def unarchive_child(signed: SignedIn, *, child_id: int) -> None:
    """Bring an archived record back onto the register."""
    with unit(signed, Action.EDIT_CHILDREN) as work:
        row = child_row(work, child_id)
        not_merged(row)
        if row.archived_at is None:
            raise ValidationError("archived", "This record is not archived.")
        row.archived_at = None
        row.archive_reason = ""
        row.updated_at = work.now
        work.audit("child unarchived", "child", child_id)


def _fill_gaps(kept: ChildDetails, other: ChildDetails) -> ChildDetails:
    """What the kept record lacks, taken from the other; flags from either."""
    blanks = {
        name: getattr(other, name)
        for name in ("preferred_name", "other_names", "address", "gender", "ethnicity")
        if not getattr(kept, name) and getattr(other, name)
    }
    if kept.dob_status is not DobStatus.KNOWN and other.dob_status is not DobStatus.UNKNOWN:
        blanks |= {
            "dob_status": other.dob_status,
            "date_of_birth": other.date_of_birth,
            "expected_delivery": other.expected_delivery,
        }
    if kept.send is Send.NONE:
        blanks["send"] = other.send
    return replace(kept, flags=kept.flags.union(other.flags), **blanks)


def merge_children(signed: SignedIn, *, keep_id: int, merge_id: int) -> None:
    """Merge two records of one child (Zoe and Zoë): ``keep_id`` stays; ``merge_id`` leaves
    the lists and points at it, keeping its own concerns, so both histories show on the
    kept child's chronology. The kept record takes the other's flags, the people around
    the child it lacks, and any blank detail; records merged earlier follow along.
    """
    if keep_id == merge_id:
        raise ValidationError("merge", "A record cannot be merged into itself.")
    with unit(signed, Action.EDIT_CHILDREN) as work:
        kept, other = child_row(work, keep_id), child_row(work, merge_id)
        if kept.merged_into_id is not None or other.merged_into_id is not None:
            raise ValidationError(
                "merge",
                "One of these records was already merged into another. Merge with the "
                "record that was kept.",
            )
        other.merged_into_id = kept.id
        other.updated_at = work.now
        for earlier in work.session.scalars(select(Child).where(Child.merged_into_id == other.id)):
            earlier.merged_into_id = kept.id
        if not kept.external_id and other.external_id:
            moved, other.external_id = other.external_id, None
            work.session.flush()  # the id is unique: free it before the kept record takes it
            kept.external_id = moved
        merged = _fill_gaps(details_of(kept), details_of(other))
        apply_details(kept, merged, kept.created_at.astimezone(LONDON).date())
        kept.updated_at = work.now
        _take_contacts(work.session, kept.id, other.id)
        work.session.flush()
        reindex(work.session, kept)
        work.audit("children merged", "child", kept.id, detail=f"record {other.id} merged in")


def _take_contacts(session: Session, kept_id: int, other_id: int) -> None:
    known = {
        search_index.fold(name).casefold()
        for name in session.scalars(
            select(ChildContact.name).where(ChildContact.child_id == kept_id)
        )
    }
    for contact in session.scalars(select(ChildContact).where(ChildContact.child_id == other_id)):
        if search_index.fold(contact.name).casefold() not in known:
            contact.child_id = kept_id

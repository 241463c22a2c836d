"""The people around a child: parents and carers (and who holds parental responsibility),
their contact details, and everyone in the household with their relationship to the child.

They are read with the child's file (``children.get_child``); changing them needs
EDIT_CHILDREN. The audit names the child and the contact by number only.
"""

from __future__ import annotations

from wtsc_desktop.errors import NotFound
from wtsc_desktop.services.child_rows import child_row, not_merged
from wtsc_desktop.services.child_types import ContactDetails, checked_contact
from wtsc_desktop.services.context import SignedIn, Work, unit
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.store.models import ChildContact


def _apply(row: ChildContact, contact: ContactDetails) -> None:
    row.name = contact.name
    row.relationship = contact.relationship
    row.parental_responsibility = contact.parental_responsibility
    row.lives_with_child = contact.lives_with_child
    row.phone = contact.phone
    row.email = contact.email
    row.address = contact.address
    row.notes = contact.notes


def add_contact(signed: SignedIn, *, child_id: int, contact: ContactDetails) -> int:
    """Add someone around a child (DSL and deputies); returns the contact's id."""
    with unit(signed, Action.EDIT_CHILDREN) as work:
        checked = checked_contact(contact)
        child = child_row(work, child_id)
        not_merged(child)
        row = ChildContact(child_id=child_id)
        _apply(row, checked)
        work.session.add(row)
        work.session.flush()
        child.updated_at = work.now
        work.audit("contact added", "child", child_id, detail=f"contact {row.id}")
        return row.id


def _contact(work: Work, contact_id: int) -> ChildContact:
    row = work.session.get(ChildContact, contact_id)
    if row is None:
        raise NotFound("That person")
    return row


def update_contact(signed: SignedIn, *, contact_id: int, contact: ContactDetails) -> None:
    """Change someone's details or relationship to the child."""
    with unit(signed, Action.EDIT_CHILDREN) as work:
        checked = checked_contact(contact)
        row = _contact(work, contact_id)
        child = child_row(work, row.child_id)
        not_merged(child)
        _apply(row, checked)
        child.updated_at = work.now
        work.audit("contact changed", "child", row.child_id, detail=f"contact {row.id}")


def remove_contact(signed: SignedIn, *, contact_id: int) -> None:
    """Take someone off a child's list of people (they moved out, or were added by mistake).
    The audit trail keeps that they were removed, and when."""
    with unit(signed, Action.EDIT_CHILDREN) as work:
        row = _contact(work, contact_id)
        child = child_row(work, row.child_id)
        not_merged(child)
        work.session.delete(row)
        child.updated_at = work.now
        work.audit("contact removed", "child", row.child_id, detail=f"contact {contact_id}")

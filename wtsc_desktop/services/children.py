"""The children register. The concerns feature builds the whole file on this."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from wtsc_desktop.errors import ValidationError
from wtsc_desktop.services.concern_types import display_name
from wtsc_desktop.services.context import SignedIn, reading_as, unit
from wtsc_desktop.services.permissions import Action
from wtsc_desktop.store import search_index
from wtsc_desktop.store.models import Child


@dataclass(frozen=True)
class ChildSummary:
    id: int
    legal_forename: str
    legal_surname: str
    preferred_name: str
    date_of_birth: dt.date | None
    year_group_or_team: str


def add_child(
    signed: SignedIn,
    *,
    legal_forename: str,
    legal_surname: str,
    preferred_name: str = "",
    date_of_birth: dt.date | None = None,
    year_group_or_team: str = "",
) -> int:
    """Put a child on the register (DSL and deputies); returns the new record's id."""
    if not legal_forename.strip() or not legal_surname.strip():
        raise ValidationError("name", "Type the child's legal forename and surname.")
    with unit(signed, Action.EDIT_CHILDREN) as work:
        row = Child(
            legal_forename=legal_forename.strip(),
            legal_surname=legal_surname.strip(),
            preferred_name=preferred_name.strip(),
            date_of_birth=date_of_birth,
            year_group_or_team=year_group_or_team.strip(),
            created_at=work.now,
        )
        work.session.add(row)
        work.session.flush()
        search_index.put_entry(
            work.session,
            "child",
            row.id,
            *search_index.child_entry_parts(
                row.legal_forename,
                row.legal_surname,
                row.preferred_name,
                "",
                row.year_group_or_team,
            ),
        )
        work.audit("child added", "child", row.id)
        return row.id


def count_children(signed: SignedIn) -> int:
    """How many children are on the register (DSL and deputies)."""
    with reading_as(signed, Action.VIEW_CHILDREN) as session:
        return int(session.scalar(select(func.count(Child.id))) or 0)


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
    query = search_index.match_query(text)
    if not query:
        return []
    with reading_as(signed, Action.PICK_CHILD) as session:
        ids = search_index.matching_refs(session, "child", query, limit=limit * 5)
        rows = session.scalars(
            select(Child)
            .where(Child.id.in_(ids), Child.archived_at.is_(None), Child.merged_into_id.is_(None))
            .order_by(Child.legal_surname, Child.legal_forename)
            .limit(limit)
        )
        return [ChildChoice(c.id, display_name(c), c.year_group_or_team) for c in rows]

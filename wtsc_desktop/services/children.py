"""The children register. The concerns feature builds the whole file on this."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from wtsc_desktop.errors import ValidationError
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

"""Alembic environment: runs on the keyed connection that ``store.schema`` hands over."""

from __future__ import annotations

from typing import Any

from alembic import context

from wtsc_desktop.store.models import Base

config = context.config


def _include(obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any) -> bool:
    # FTS5 virtual tables and their shadow tables are made by hand in migrations.
    return not (type_ == "table" and name is not None and "_fts" in name)


connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    include_object=_include,
)
with context.begin_transaction():
    context.run_migrations()

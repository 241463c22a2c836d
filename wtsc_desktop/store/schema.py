"""Bringing a database to this version's schema: back up first, refuse a newer file.

Whether a migration is pending is read from ``alembic_version`` without importing
alembic, so a normal start pays nothing for it. ``HEAD_REVISION`` must name the newest
file in ``migrations/versions`` (a test checks that it does).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from sqlalchemy import Connection, Engine, text

from wtsc_desktop.errors import StoreTooNew

HEAD_REVISION = "0006"
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005", "0006")
MIGRATIONS = Path(__file__).with_name("migrations")


def current_revision(conn: Connection) -> str | None:
    has_table = conn.execute(
        text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
        if conn.dialect.name == "sqlite"
        else text("SELECT 1 FROM information_schema.tables WHERE table_name='alembic_version'")
    ).first()
    if has_table is None:
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def alembic_config(conn: Connection) -> object:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = conn
    return config


def upgrade(engine: Engine, *, backup_first: Callable[[], object] | None) -> bool:
    """Apply pending migrations; True when any ran. ``backup_first`` runs before them."""
    with engine.connect() as conn:
        revision = current_revision(conn)
    if revision == HEAD_REVISION:
        return False
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise StoreTooNew()
    if revision is not None and backup_first is not None:
        backup_first()
    from alembic import command

    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "head")  # type: ignore[arg-type]
    return True

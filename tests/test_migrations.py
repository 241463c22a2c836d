"""Migrations run on open, after an automatic backup, and a newer file is refused."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sqlalchemy import text

from tests.factory import DSL_PASSWORD, DSL_USER
from wtsc_desktop.errors import StoreTooNew
from wtsc_desktop.paths import StorePaths
from wtsc_desktop.services.access import sign_in, unlock_key
from wtsc_desktop.services.backups import automatic_backup
from wtsc_desktop.store import engine, schema

EXTRA = '''"""a later version adds a column"""

import sqlalchemy as sa
from alembic import op

revision = "0999"
down_revision = "{head}"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("child") as batch:
        batch.add_column(sa.Column("added_later", sa.String(20), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("child") as batch:
        batch.drop_column("added_later")
'''


def _set_revision(paths: StorePaths, clock, revision: str) -> None:
    key = unlock_key(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock).key
    conn = engine.connect(paths.database, key)
    try:
        conn.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        conn.commit()
    finally:
        conn.close()


def test_head_revision_names_the_newest_migration() -> None:
    from alembic.script import ScriptDirectory

    from wtsc_desktop.store.schema import alembic_config

    config = alembic_config(None)  # type: ignore[arg-type]
    script = ScriptDirectory.from_config(config)  # type: ignore[arg-type]
    assert script.get_current_head() == schema.HEAD_REVISION
    assert set(schema.KNOWN_REVISIONS) == {r.revision for r in script.walk_revisions()}


def test_pending_migration_runs_after_a_backup(
    paths: StorePaths, clock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    migrations = tmp_path / "migrations"
    shutil.copytree(schema.MIGRATIONS, migrations)
    (migrations / "versions" / "0999_later.py").write_text(
        EXTRA.format(head=schema.HEAD_REVISION), "utf-8"
    )
    monkeypatch.setattr(schema, "MIGRATIONS", migrations)
    monkeypatch.setattr(schema, "HEAD_REVISION", "0999")
    monkeypatch.setattr(schema, "KNOWN_REVISIONS", (*schema.KNOWN_REVISIONS, "0999"))

    signed = sign_in(
        paths,
        user_name=DSL_USER,
        password=DSL_PASSWORD,
        clock=clock,
        backup_before_migration=automatic_backup,
    )
    try:
        with signed.store.engine.connect() as conn:
            columns = [row[1] for row in conn.execute(text("PRAGMA table_info(child)"))]
            version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    finally:
        signed.lock()
    assert "added_later" in columns
    assert version == "0999"
    backups = list(paths.backups.glob("automatic-*.wtscbackup"))
    assert len(backups) == 1


def test_a_store_from_a_newer_app_is_refused(paths: StorePaths, clock) -> None:
    _set_revision(paths, clock, "9999")
    with pytest.raises(StoreTooNew):
        sign_in(paths, user_name=DSL_USER, password=DSL_PASSWORD, clock=clock)


def test_the_migrations_build_exactly_the_tables_the_models_declare(dsl) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from wtsc_desktop.store.models import Base

    def not_search_index(obj, name, type_, reflected, compare_to) -> bool:
        return not (type_ == "table" and name is not None and "_fts" in name)

    with dsl.store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_object": not_search_index})
        assert compare_metadata(context, Base.metadata) == []

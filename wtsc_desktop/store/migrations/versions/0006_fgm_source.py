"""How the reporter learned of FGM on a concern (the girl told them, signs were seen, or
someone else told them): only the first two bring a teacher's own duty to report (T8).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25 19:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("concern") as batch:
        # Concerns recorded before this was asked hold "" (not known).
        batch.add_column(
            sa.Column("fgm_source", sa.String(length=20), nullable=False, server_default="")
        )


def downgrade() -> None:
    with op.batch_alter_table("concern") as batch:
        batch.drop_column("fgm_source")

"""Who recorded a referral's written confirmation and the agency's decision, so that the
chronology can say so beside each step.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 19:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

COLUMNS = ("confirmation_recorded_by", "decision_recorded_by")


def upgrade() -> None:
    with op.batch_alter_table("referral") as batch:
        for name in COLUMNS:
            batch.add_column(sa.Column(name, sa.Integer(), nullable=True))
            batch.create_foreign_key(f"fk_referral_{name}", "app_user", [name], ["id"])


def downgrade() -> None:
    with op.batch_alter_table("referral") as batch:
        for name in COLUMNS:
            batch.drop_constraint(f"fk_referral_{name}", type_="foreignkey")
            batch.drop_column(name)

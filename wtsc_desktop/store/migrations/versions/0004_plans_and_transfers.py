"""Child protection plans, their meetings and child protection file transfers.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 17:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def _who_and_when() -> list[sa.Column[object]]:
    return [
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    ]


def _keys() -> list[sa.ForeignKeyConstraint | sa.PrimaryKeyConstraint]:
    return [
        sa.ForeignKeyConstraint(["child_id"], ["child.id"]),
        sa.ForeignKeyConstraint(["recorded_by"], ["app_user.id"]),
        sa.PrimaryKeyConstraint("id"),
    ]


def upgrade() -> None:
    op.create_table(
        "cp_plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("end_reason", sa.Text(), nullable=False),
        *_who_and_when(),
        *_keys(),
    )
    op.create_table(
        "cp_meeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("s47_started", sa.Boolean(), nullable=True),
        sa.Column("attended", sa.Boolean(), nullable=True),
        sa.Column("attendee", sa.String(length=200), nullable=False),
        sa.Column("absence_reason", sa.Text(), nullable=False),
        sa.Column("report_submitted_on", sa.Date(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        *_who_and_when(),
        *_keys(),
    )
    op.create_table(
        "cp_transfer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("new_setting", sa.String(length=200), nullable=False),
        sa.Column("new_dsl_name", sa.String(length=200), nullable=False),
        sa.Column("new_contact", sa.String(length=300), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("sent_on", sa.Date(), nullable=True),
        sa.Column("method", sa.String(length=30), nullable=False),
        sa.Column("kept_separate", sa.Boolean(), nullable=True),
        sa.Column("receipt_by", sa.String(length=200), nullable=False),
        sa.Column("receipt_on", sa.Date(), nullable=True),
        *_who_and_when(),
        *_keys(),
    )
    for table in ("cp_plan", "cp_meeting", "cp_transfer"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(batch_op.f(f"ix_{table}_child_id"), ["child_id"], unique=False)


def downgrade() -> None:
    for table in ("cp_transfer", "cp_meeting", "cp_plan"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(batch_op.f(f"ix_{table}_child_id"))
        op.drop_table(table)

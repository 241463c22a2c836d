"""Referrals to other agencies and their escalation steps.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 17:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "referral",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("child_id", sa.Integer(), nullable=False),
        sa.Column("concern_id", sa.Integer(), nullable=True),
        sa.Column("decision_id", sa.Integer(), nullable=True),
        sa.Column("route", sa.String(length=30), nullable=False),
        sa.Column("route_other", sa.String(length=200), nullable=False),
        sa.Column("made_by", sa.Integer(), nullable=False),
        sa.Column("made_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("agency", sa.String(length=200), nullable=False),
        sa.Column("agency_contact", sa.String(length=300), nullable=False),
        sa.Column("their_reference", sa.String(length=120), nullable=False),
        sa.Column("family_aware", sa.Boolean(), nullable=False),
        sa.Column("family_consents", sa.Boolean(), nullable=False),
        sa.Column("consent_reason", sa.Text(), nullable=False),
        sa.Column("child_views", sa.Text(), nullable=False),
        sa.Column("professionals", sa.Text(), nullable=False),
        sa.Column("done_already", sa.Text(), nullable=False),
        sa.Column("previous_referrals", sa.Text(), nullable=False),
        sa.Column("confirmation_due_on", sa.Date(), nullable=True),
        sa.Column("confirmation_sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmation_method", sa.String(length=20), nullable=False),
        sa.Column("decision_expected_on", sa.Date(), nullable=True),
        sa.Column("decision_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_text", sa.Text(), nullable=False),
        sa.Column("outcome", sa.String(length=30), nullable=False),
        sa.ForeignKeyConstraint(["child_id"], ["child.id"]),
        sa.ForeignKeyConstraint(["concern_id"], ["concern.id"]),
        sa.ForeignKeyConstraint(["decision_id"], ["triage_decision.id"]),
        sa.ForeignKeyConstraint(["made_by"], ["app_user.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_referral_child_id"), ["child_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_referral_made_at"), ["made_at"], unique=False)

    op.create_table(
        "referral_escalation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("referral_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("step", sa.String(length=300), nullable=False),
        sa.Column("by_whom", sa.String(length=200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["recorded_by"], ["app_user.id"]),
        sa.ForeignKeyConstraint(["referral_id"], ["referral.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("referral_escalation", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_referral_escalation_referral_id"), ["referral_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("referral_escalation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referral_escalation_referral_id"))
    op.drop_table("referral_escalation")
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referral_made_at"))
        batch_op.drop_index(batch_op.f("ix_referral_child_id"))
    op.drop_table("referral")

"""The children register: each child's file header, and the people around them."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from wtsc_desktop.store.models.base import Base, UtcDateTime


class Child(Base):
    """A child on the register. Leavers are archived, never deleted; a record merged into
    another keeps its id and points at the one kept (``merged_into_id``)."""

    __tablename__ = "child"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    legal_forename: Mapped[str] = mapped_column(String(120))
    legal_surname: Mapped[str] = mapped_column(String(120))
    preferred_name: Mapped[str] = mapped_column(String(120), default="")
    other_names: Mapped[str] = mapped_column(String(240), default="")
    # "known", "unknown", or "unborn" (then expected_delivery stands in).
    dob_status: Mapped[str] = mapped_column(String(10), default="known")
    date_of_birth: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    expected_delivery: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    address: Mapped[str] = mapped_column(Text, default="")
    gender: Mapped[str] = mapped_column(String(60), default="")
    ethnicity: Mapped[str] = mapped_column(String(120), default="")
    send: Mapped[str] = mapped_column(String(20), default="")  # "", sen_support, ehcp
    year_group_or_team: Mapped[str] = mapped_column(String(60), default="")
    external_id: Mapped[str | None] = mapped_column(String(60), unique=True, nullable=True)
    cp_plan: Mapped[bool] = mapped_column(Boolean, default=False)
    child_in_need: Mapped[bool] = mapped_column(Boolean, default=False)
    looked_after: Mapped[bool] = mapped_column(Boolean, default=False)
    previously_looked_after: Mapped[bool] = mapped_column(Boolean, default=False)
    young_carer: Mapped[bool] = mapped_column(Boolean, default=False)
    private_fostering: Mapped[bool] = mapped_column(Boolean, default=False)
    retention_review: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    archived_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    archive_reason: Mapped[str] = mapped_column(String(200), default="")
    merged_into_id: Mapped[int | None] = mapped_column(
        ForeignKey("child.id"), nullable=True, index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)


class ChildContact(Base):
    """Someone around a child: a parent, carer or household member."""

    __tablename__ = "child_contact"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    name: Mapped[str] = mapped_column(String(160))
    relationship: Mapped[str] = mapped_column(String(80), default="")
    parental_responsibility: Mapped[bool] = mapped_column(Boolean, default=False)
    lives_with_child: Mapped[bool] = mapped_column(Boolean, default=False)
    phone: Mapped[str] = mapped_column(String(60), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")

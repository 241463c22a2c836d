"""Child protection plans, the meetings around them (strategy discussions, conferences,
core groups) and the transfer of a child protection file to a new setting. Content is
never audited: only the record type and id."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from wtsc_desktop.store.models.base import Base, UtcDateTime


class CpPlan(Base):
    """A child protection plan: when it started and, once ended, when."""

    __tablename__ = "cp_plan"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    started_on: Mapped[dt.date] = mapped_column(Date)
    ended_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    end_reason: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class CpMeeting(Base):
    """A strategy discussion, initial or review conference, or core group meeting, with
    the setting's attendance and the report it submitted."""

    __tablename__ = "cp_meeting"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    held_on: Mapped[dt.date] = mapped_column(Date)
    s47_started: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    attended: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    attendee: Mapped[str] = mapped_column(String(200), default="")
    absence_reason: Mapped[str] = mapped_column(Text, default="")
    report_submitted_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class CpTransfer(Base):
    """A child protection file sent to the child's new setting (T7), and its receipt."""

    __tablename__ = "cp_transfer"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    new_setting: Mapped[str] = mapped_column(String(200))
    new_dsl_name: Mapped[str] = mapped_column(String(200))
    new_contact: Mapped[str] = mapped_column(String(300), default="")
    last_day: Mapped[dt.date] = mapped_column(Date)
    due_on: Mapped[dt.date] = mapped_column(Date)
    sent_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    method: Mapped[str] = mapped_column(String(30), default="")
    kept_separate: Mapped[bool | None] = mapped_column(Boolean, nullable=True)
    receipt_by: Mapped[str] = mapped_column(String(200), default="")
    receipt_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    recorded_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)

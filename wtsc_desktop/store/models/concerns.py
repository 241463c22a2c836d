"""Concerns and what follows them: the children in each, categories, body-map marks,
attachments, addenda, the DSL's triage decision and its actions.

A concern row exists only once submitted (what is being typed is a ``Draft``), and is
never updated afterwards except for the DSL's acknowledgement: later facts and
corrections are ``Addendum`` rows.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, Float, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from wtsc_desktop.store.models.base import Base, UtcDateTime


class Concern(Base):
    __tablename__ = "concern"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reporter_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    reporter_role: Mapped[str] = mapped_column(String(120), default="")
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)
    observed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)
    observed_time_known: Mapped[bool] = mapped_column(Boolean, default=True)
    location: Mapped[str] = mapped_column(String(200), default="")
    immediate_danger: Mapped[bool] = mapped_column(Boolean, default=False)
    urgent: Mapped[bool] = mapped_column(Boolean, default=False)
    child_words: Mapped[str] = mapped_column(Text, default="")
    observed: Mapped[str] = mapped_column(Text, default="")
    opinion: Mapped[str] = mapped_column(Text, default="")
    action_taken: Mapped[str] = mapped_column(Text, default="")
    told_whom: Mapped[str] = mapped_column(String(200), default="")
    told_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    witnesses: Mapped[str] = mapped_column(Text, default="")
    extra_familial: Mapped[bool] = mapped_column(Boolean, default=False)
    # FGM only: how the reporter learned of it (guidance/special_routes.py FgmSource), or "".
    fgm_source: Mapped[str] = mapped_column(String(20), default="")
    # Indexed: the inbox asks for everything not yet acknowledged, often.
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(
        UtcDateTime, nullable=True, index=True
    )
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)


class ConcernChild(Base):
    """A child in a concern with their part; ``child_id`` is empty for a child not on the
    register, who is described instead."""

    __tablename__ = "concern_child"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    concern_id: Mapped[int] = mapped_column(ForeignKey("concern.id"), index=True)
    child_id: Mapped[int | None] = mapped_column(ForeignKey("child.id"), nullable=True, index=True)
    description: Mapped[str] = mapped_column(String(400), default="")
    part: Mapped[str] = mapped_column(String(20))


class ConcernCategory(Base):
    __tablename__ = "concern_category"
    concern_id: Mapped[int] = mapped_column(ForeignKey("concern.id"), primary_key=True)
    code: Mapped[str] = mapped_column(String(40), primary_key=True)


class BodyMapMark(Base):
    """A numbered mark on the front or back outline; x and y run from 0 to 1."""

    __tablename__ = "body_map_mark"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    concern_id: Mapped[int] = mapped_column(ForeignKey("concern.id"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    side: Mapped[str] = mapped_column(String(10))
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)
    label: Mapped[str] = mapped_column(String(200), default="")
    size: Mapped[str] = mapped_column(String(80), default="")


class Attachment(Base):
    """A document or image, kept inside the encrypted database, never as a loose file."""

    __tablename__ = "attachment"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    concern_id: Mapped[int] = mapped_column(ForeignKey("concern.id"), index=True)
    addendum_id: Mapped[int | None] = mapped_column(ForeignKey("addendum.id"), nullable=True)
    file_name: Mapped[str] = mapped_column(String(255))
    media_type: Mapped[str] = mapped_column(String(120), default="application/octet-stream")
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    added_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    added_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))


class Addendum(Base):
    """A later fact or a correction to a submitted concern, with its own author and time."""

    __tablename__ = "addendum"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    concern_id: Mapped[int] = mapped_column(ForeignKey("concern.id"), index=True)
    author_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    written_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    kind: Mapped[str] = mapped_column(String(20), default="later_fact")  # or correction
    text: Mapped[str] = mapped_column(Text)
    # Indexed: the inbox asks for everything not yet acknowledged, often.
    acknowledged_at: Mapped[dt.datetime | None] = mapped_column(
        UtcDateTime, nullable=True, index=True
    )
    acknowledged_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)


class TriageDecision(Base):
    """The DSL's threshold decision on a concern (D2), with its reasons."""

    __tablename__ = "triage_decision"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    concern_id: Mapped[int] = mapped_column(ForeignKey("concern.id"), index=True)
    decided_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    decided_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    threshold: Mapped[str] = mapped_column(String(30))
    rationale: Mapped[str] = mapped_column(Text)
    advice_sought: Mapped[bool] = mapped_column(Boolean, default=False)
    advice_from: Mapped[str] = mapped_column(String(200), default="")
    advice_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    review_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    consent: Mapped[str] = mapped_column(String(20), default="")
    consent_reason: Mapped[str] = mapped_column(Text, default="")
    lawful_basis: Mapped[str] = mapped_column(String(40), default="")
    special_category: Mapped[str] = mapped_column(String(300), default="")
    outcome: Mapped[str] = mapped_column(Text, default="")


class TriageAction(Base):
    """Something to be done after a decision, by someone, by a date."""

    __tablename__ = "triage_action"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("triage_decision.id"), index=True)
    concern_id: Mapped[int] = mapped_column(ForeignKey("concern.id"), index=True)
    description: Mapped[str] = mapped_column(Text)
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    owner_name: Mapped[str] = mapped_column(String(160), default="")
    due_on: Mapped[dt.date] = mapped_column(Date, index=True)
    done_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    done_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), nullable=True)
    done_note: Mapped[str] = mapped_column(Text, default="")

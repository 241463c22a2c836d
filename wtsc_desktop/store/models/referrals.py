"""Referrals to other agencies and the escalation steps that follow an unanswered or
disputed one. Content is never audited: only the record type and id."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from wtsc_desktop.store.models.base import Base, UtcDateTime


class Referral(Base):
    """A referral about one child, from a triage decision or on its own."""

    __tablename__ = "referral"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    child_id: Mapped[int] = mapped_column(ForeignKey("child.id"), index=True)
    concern_id: Mapped[int | None] = mapped_column(ForeignKey("concern.id"), nullable=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("triage_decision.id"), nullable=True)
    route: Mapped[str] = mapped_column(String(30))
    route_other: Mapped[str] = mapped_column(String(200), default="")
    made_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    made_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    method: Mapped[str] = mapped_column(String(20))
    agency: Mapped[str] = mapped_column(String(200))
    agency_contact: Mapped[str] = mapped_column(String(300), default="")
    their_reference: Mapped[str] = mapped_column(String(120), default="")
    family_aware: Mapped[bool] = mapped_column(Boolean)
    family_consents: Mapped[bool] = mapped_column(Boolean)
    consent_reason: Mapped[str] = mapped_column(Text, default="")
    child_views: Mapped[str] = mapped_column(Text, default="")
    professionals: Mapped[str] = mapped_column(Text, default="")
    done_already: Mapped[str] = mapped_column(Text, default="")
    previous_referrals: Mapped[str] = mapped_column(Text, default="")
    confirmation_due_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    confirmation_sent_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    confirmation_method: Mapped[str] = mapped_column(String(20), default="")
    confirmation_recorded_by: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", name="fk_referral_confirmation_recorded_by"), nullable=True
    )
    decision_expected_on: Mapped[dt.date | None] = mapped_column(Date, nullable=True)
    decision_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, nullable=True)
    decision_text: Mapped[str] = mapped_column(Text, default="")
    outcome: Mapped[str] = mapped_column(String(30), default="")
    decision_recorded_by: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", name="fk_referral_decision_recorded_by"), nullable=True
    )


class ReferralEscalation(Base):
    """One step of the local escalation policy: who escalated to whom, when, and why."""

    __tablename__ = "referral_escalation"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    referral_id: Mapped[int] = mapped_column(ForeignKey("referral.id"), index=True)
    reason: Mapped[str] = mapped_column(String(20))
    step: Mapped[str] = mapped_column(String(300))
    by_whom: Mapped[str] = mapped_column(String(200))
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[int] = mapped_column(ForeignKey("app_user.id"))
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)

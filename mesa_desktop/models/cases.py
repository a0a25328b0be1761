"""Case referrals: sensitive data under Ley 1581, kept to the minimum."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mesa_desktop.models.base import Record, code_checks
from mesa_desktop.models.mesa import MesaOwned
from mesa_desktop.vocabulary import CaseStatus, codes

CASE_STATUSES = codes(CaseStatus)


class CaseReferral(MesaOwned):
    __tablename__ = "case_referral"
    __table_args__ = code_checks("case_referral")

    code: Mapped[str] = mapped_column(String(40))
    referred_on: Mapped[date] = mapped_column(Date)
    referring_actor: Mapped[str] = mapped_column(String(200))  # an invited actor, a dependency or free text
    need: Mapped[str] = mapped_column(String(60))
    route: Mapped[str | None] = mapped_column(String(200))  # to whom the mesa referred it
    responsible: Mapped[str | None] = mapped_column(String(200))  # who follows it up in the mesa
    population: Mapped[str | None] = mapped_column(String(40))
    age_group: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(16), default=CaseStatus.RECEIVED.value)  # the last event's
    closed_on: Mapped[date | None] = mapped_column(Date)
    next_follow_up: Mapped[date | None] = mapped_column(Date)
    # Names are stored only when the user opts in; never exported (bundles carry aggregates).
    identifies_person: Mapped[bool] = mapped_column(Boolean, default=False)
    person_name: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)


class CaseEvent(Record):
    """One dated line of a case's history: a status change (``status`` set) or a follow-up note."""

    __tablename__ = "case_event"
    __table_args__ = code_checks("case_event")

    case_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("case_referral.id", ondelete="CASCADE"), index=True)
    on: Mapped[date] = mapped_column(Date)
    # Order within the case: two events of one day keep the order they were entered in.
    seq: Mapped[int] = mapped_column(Integer)
    status: Mapped[str | None] = mapped_column(String(16))
    note: Mapped[str | None] = mapped_column(Text)

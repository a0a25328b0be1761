"""Case referrals: sensitive data under Ley 1581, kept to the minimum."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from mesa_desktop.models.base import code_checks
from mesa_desktop.models.mesa import MesaOwned
from mesa_desktop.vocabulary import CaseStatus, codes

CASE_STATUSES = codes(CaseStatus)


class CaseReferral(MesaOwned):
    __tablename__ = "case_referral"
    __table_args__ = code_checks("case_referral")

    code: Mapped[str] = mapped_column(String(40))
    referred_on: Mapped[date] = mapped_column(Date)
    referring_actor: Mapped[str] = mapped_column(String(200))
    need: Mapped[str] = mapped_column(String(60))
    population: Mapped[str | None] = mapped_column(String(40))
    age_group: Mapped[str | None] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(16), default=CaseStatus.OPEN.value)
    closed_on: Mapped[date | None] = mapped_column(Date)
    # Names are stored only when the user opts in; never exported (bundles carry aggregates).
    identifies_person: Mapped[bool] = mapped_column(Boolean, default=False)
    person_name: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)

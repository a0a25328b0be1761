"""Informes periódicos of the secretaría técnica (guideline 2.6 e): a draft, then issued
(frozen, numbered per mesa and year, its PDF and hash kept), then sent to the ministry."""

from __future__ import annotations

from datetime import date

from sqlalchemy import CheckConstraint, Date, Integer, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mesa_desktop.models.mesa import MesaOwned

REPORT_STATUSES = ("draft", "issued", "sent")
REPORT_FREQUENCIES = ("semestral", "trimestral", "anual")


class PeriodicReport(MesaOwned):
    __tablename__ = "periodic_report"
    __table_args__ = (
        UniqueConstraint("mesa_id", "year", "sequence"),
        CheckConstraint("status IN ('draft', 'issued', 'sent')", name="status_code"),
        CheckConstraint("period_end >= period_start", name="period_order"),
    )

    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(8), default="draft")
    progress: Mapped[str] = mapped_column(Text, default="")
    challenges: Mapped[str] = mapped_column(Text, default="")
    opportunities: Mapped[str] = mapped_column(Text, default="")
    articulations: Mapped[str] = mapped_column(Text, default="")
    psychosocial: Mapped[str] = mapped_column(Text, default="")
    # Set when issued: IP-NNN-YYYY, NNN counting the mesa's reports issued that year.
    year: Mapped[int | None] = mapped_column(Integer)
    sequence: Mapped[int | None] = mapped_column(Integer)
    number: Mapped[str | None] = mapped_column(String(16))
    issued_on: Mapped[date | None] = mapped_column(Date)
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    sent_on: Mapped[date | None] = mapped_column(Date)

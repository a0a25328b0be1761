"""Actas: one per session and version; an approved version is immutable."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mesa_desktop.models.base import code_checks
from mesa_desktop.models.mesa import MesaOwned
from mesa_desktop.vocabulary import ActaStatus, codes

ACTA_STATUSES = codes(ActaStatus)


class Acta(MesaOwned):
    __tablename__ = "acta"
    __table_args__ = (UniqueConstraint("session_id", "version"), *code_checks("acta"))

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("meeting_session.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Integer, default=1)
    number: Mapped[str] = mapped_column(String(12))  # NNN-YYYY, the session's number
    status: Mapped[str] = mapped_column(String(12), default=ActaStatus.DRAFT.value)
    # Free text of the acta not held elsewhere (opening, closing remarks, next session).
    opening_notes: Mapped[str | None] = mapped_column(Text)
    closing_notes: Mapped[str | None] = mapped_column(Text)
    next_session_note: Mapped[str | None] = mapped_column(Text)
    # Frozen content at approval: the acta never changes after that, even if data does.
    approved_content: Mapped[str | None] = mapped_column(Text)
    content_sha256: Mapped[str | None] = mapped_column(String(64))
    approved_in_session_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("meeting_session.id", ondelete="SET NULL")
    )
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    sent_on: Mapped[date | None] = mapped_column(Date)
    supersedes_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("acta.id", ondelete="SET NULL"))
    correction_reason: Mapped[str | None] = mapped_column(Text)

"""Commitments agreed in sessions, and their follow-up notes."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mesa_desktop.models.base import Record, code_checks
from mesa_desktop.models.members import Dependency
from mesa_desktop.models.mesa import MesaOwned
from mesa_desktop.vocabulary import CommitmentStatus, codes

COMMITMENT_STATUSES = codes(CommitmentStatus)


class Commitment(MesaOwned):
    __tablename__ = "commitment"
    __table_args__ = code_checks("commitment")

    session_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("meeting_session.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    responsible_dependency_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("dependency.id", ondelete="SET NULL")
    )
    responsible_person: Mapped[str | None] = mapped_column(String(200))
    due_date: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), default=CommitmentStatus.PENDING.value)
    done_on: Mapped[date | None] = mapped_column(Date)

    responsible_dependency: Mapped[Dependency | None] = relationship()
    notes: Mapped[list[CommitmentNote]] = relationship(
        order_by="CommitmentNote.at", cascade="all, delete-orphan"
    )


class CommitmentNote(Record):
    __tablename__ = "commitment_note"

    commitment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("commitment.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    text: Mapped[str] = mapped_column(Text)
    session_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("meeting_session.id", ondelete="SET NULL")
    )

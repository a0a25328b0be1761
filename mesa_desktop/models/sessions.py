"""Sessions of the mesa, their agenda, attendance, quorum events and decisions."""

from __future__ import annotations

import datetime as dt
import uuid
from datetime import datetime, time

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mesa_desktop.models.base import Record, code_checks
from mesa_desktop.models.members import Person
from mesa_desktop.models.mesa import MesaOwned
from mesa_desktop.vocabulary import (
    AgendaPurpose,
    Modality,
    SessionKind,
    SessionStatus,
    SessionTemplate,
    codes,
)

SESSION_KINDS = codes(SessionKind)
SESSION_TEMPLATES = codes(SessionTemplate)
MODALITIES = codes(Modality)
SESSION_STATUSES = codes(SessionStatus)


class MeetingSession(MesaOwned):
    """A session of the mesa (named so it is never confused with a database session)."""

    __tablename__ = "meeting_session"
    __table_args__ = (UniqueConstraint("mesa_id", "year", "number"), *code_checks("meeting_session"))

    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(16))
    template: Mapped[str] = mapped_column(String(16))
    modality: Mapped[str] = mapped_column(String(16), default=Modality.IN_PERSON.value)
    date: Mapped[dt.date] = mapped_column(Date, index=True)  # dt: the column is named date
    start_time: Mapped[time | None] = mapped_column(Time)
    end_time: Mapped[time | None] = mapped_column(Time)
    place: Mapped[str | None] = mapped_column(String(200))
    virtual_link: Mapped[str | None] = mapped_column(String(500))
    convocation_date: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), default=SessionStatus.PLANNED.value)
    ministry_participated: Mapped[bool] = mapped_column(Boolean, default=False)
    president_name: Mapped[str | None] = mapped_column(String(200))
    president_position: Mapped[str | None] = mapped_column(String(200))
    objective: Mapped[str | None] = mapped_column(Text)
    # What really happened, as the acta records it; the planned times stay on the convocation.
    opened_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    agenda: Mapped[list[AgendaItem]] = relationship(
        order_by="AgendaItem.position", cascade="all, delete-orphan"
    )
    attendance: Mapped[list[Attendance]] = relationship(cascade="all, delete-orphan")
    presiders: Mapped[list[Presider]] = relationship(
        order_by="Presider.position", cascade="all, delete-orphan"
    )

    @property
    def label(self) -> str:
        return f"{self.number:03d}-{self.year}"


class AgendaItem(Record):
    __tablename__ = "agenda_item"
    __table_args__ = code_checks("agenda_item")

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("meeting_session.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    # What the item is for, so the app can fill it (e.g. open commitments) and check it.
    purpose: Mapped[str] = mapped_column(String(32), default=AgendaPurpose.OTHER.value)
    mandatory: Mapped[bool] = mapped_column(Boolean, default=False)
    development: Mapped[str | None] = mapped_column(Text)


class Attendance(Record):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("session_id", "person_id"), *code_checks("attendance"))

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("meeting_session.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    dependency_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("dependency.id", ondelete="SET NULL"))
    capacity: Mapped[str] = mapped_column(String(16))
    check_in_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    check_out_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    virtual: Mapped[bool] = mapped_column(Boolean, default=False)
    signature_png: Mapped[bytes | None] = mapped_column(LargeBinary)

    person: Mapped[Person] = relationship()


class QuorumEvent(Record):
    """Timestamped moment when quorum was established or lost during a session."""

    __tablename__ = "quorum_event"
    __table_args__ = code_checks("quorum_event")

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("meeting_session.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    kind: Mapped[str] = mapped_column(String(16))  # QuorumEventKind
    present: Mapped[int] = mapped_column(Integer)
    required: Mapped[int] = mapped_column(Integer)
    total: Mapped[int] = mapped_column(Integer)


class Decision(Record):
    __tablename__ = "decision"

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("meeting_session.id", ondelete="CASCADE"), index=True
    )
    agenda_item_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL")
    )
    text: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # The quorum at the moment of the decision, as the acta must state it.
    quorum_present: Mapped[int] = mapped_column(Integer)
    quorum_required: Mapped[int] = mapped_column(Integer)
    quorum_total: Mapped[int] = mapped_column(Integer)
    quorum_met: Mapped[bool] = mapped_column(Boolean)
    votes_for: Mapped[int | None] = mapped_column(Integer)
    votes_against: Mapped[int | None] = mapped_column(Integer)
    abstentions: Mapped[int | None] = mapped_column(Integer)
    # Recorded although the ordinary session had no quorum: the acta says it is not valid.
    without_quorum: Mapped[bool] = mapped_column(Boolean, default=False)
    # Set when the decision is the approval of an earlier session's acta.
    approves_acta_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("acta.id", ondelete="SET NULL"))
    observations: Mapped[str | None] = mapped_column(Text)


class Presider(Record):
    """Who presided a session (one signature line each in the acta)."""

    __tablename__ = "presider"

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("meeting_session.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    person_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    full_name: Mapped[str] = mapped_column(String(200))
    role_title: Mapped[str | None] = mapped_column(String(200))  # cargo
    entity: Mapped[str | None] = mapped_column(String(200))


class Absence(Record):
    """The excuse a member dependency gave for not attending a session."""

    __tablename__ = "absence"
    __table_args__ = (UniqueConstraint("session_id", "dependency_id"),)

    session_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("meeting_session.id", ondelete="CASCADE"), index=True
    )
    dependency_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("dependency.id", ondelete="CASCADE"))
    excuse: Mapped[str | None] = mapped_column(Text)

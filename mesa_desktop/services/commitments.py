"""Commitments: who does what by when, their follow-up, and what is overdue."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from mesa_desktop import clock
from mesa_desktop.clock import utcnow
from mesa_desktop.errors import InvalidInput, NotFound
from mesa_desktop.labels import COMMITMENT_STATUS_LABELS
from mesa_desktop.models import Commitment, CommitmentNote, MeetingSession
from mesa_desktop.models.commitments import COMMITMENT_STATUSES
from mesa_desktop.services.lookup import find_dependency, find_session, the_mesa
from mesa_desktop.store import Store

STATUS_LABELS = COMMITMENT_STATUS_LABELS
OPEN_STATUSES = ("pending", "in_progress")


@dataclass(frozen=True)
class CommitmentInfo:
    id: uuid.UUID
    text: str
    responsible_dependency_id: uuid.UUID | None
    responsible_dependency: str | None
    responsible_person: str | None
    due_date: date | None
    status: str
    done_on: date | None
    session_number: str | None
    notes: tuple[tuple[datetime, str], ...]

    def is_overdue(self, today: date | None = None) -> bool:
        today = today or clock.today()
        return self.status in OPEN_STATUSES and self.due_date is not None and self.due_date < today

    @property
    def responsible(self) -> str:
        parts = [p for p in (self.responsible_dependency, self.responsible_person) if p]
        return " — ".join(parts) or "Sin responsable"


def commitment_info(c: Commitment, session_labels: Mapping[uuid.UUID | None, str]) -> CommitmentInfo:
    return CommitmentInfo(
        id=c.id,
        text=c.text,
        responsible_dependency_id=c.responsible_dependency_id,
        responsible_dependency=c.responsible_dependency.name if c.responsible_dependency else None,
        responsible_person=c.responsible_person,
        due_date=c.due_date,
        status=c.status,
        done_on=c.done_on,
        session_number=session_labels.get(c.session_id),
        notes=tuple((n.at, n.text) for n in c.notes),
    )


def _labels(db: Session, mesa_id: uuid.UUID) -> dict[uuid.UUID | None, str]:
    return {
        s.id: s.label for s in db.scalars(select(MeetingSession).where(MeetingSession.mesa_id == mesa_id))
    }


def add_commitment(
    store: Store,
    text: str,
    *,
    responsible_dependency: str | uuid.UUID | None = None,
    responsible_person: str | None = None,
    due_date: date | None = None,
    session: str | uuid.UUID | None = None,
) -> CommitmentInfo:
    text = text.strip()
    if not text:
        raise InvalidInput("El compromiso necesita una descripción.")
    with store.transaction() as db:
        mesa = the_mesa(db)
        dep = find_dependency(db, mesa, responsible_dependency) if responsible_dependency else None
        source = find_session(db, mesa, session) if session else None
        if due_date and source and due_date < source.date:
            raise InvalidInput("La fecha límite no puede ser anterior a la sesión en que se acordó.")
        commitment = Commitment(
            mesa_id=mesa.id,
            text=text,
            responsible_dependency=dep,
            responsible_person=responsible_person,
            due_date=due_date,
            session_id=source.id if source else None,
        )
        db.add(commitment)
        db.flush()
        return commitment_info(commitment, _labels(db, mesa.id))


def set_status(
    store: Store, commitment_id: uuid.UUID, status: str, *, on: date | None = None, note: str | None = None
) -> CommitmentInfo:
    if status not in COMMITMENT_STATUSES:
        raise InvalidInput(f"Estado desconocido «{status}»; use: {', '.join(COMMITMENT_STATUSES)}.")
    with store.transaction() as db:
        commitment = _get(db, commitment_id)
        commitment.status = status
        commitment.done_on = (on or clock.today()) if status == "done" else None
        if note:
            commitment.notes.append(CommitmentNote(at=utcnow(), text=note))
        db.flush()
        return commitment_info(commitment, _labels(db, commitment.mesa_id))


def add_note(
    store: Store, commitment_id: uuid.UUID, text: str, *, session: str | uuid.UUID | None = None
) -> CommitmentInfo:
    if not text.strip():
        raise InvalidInput("La nota de seguimiento está vacía.")
    with store.transaction() as db:
        commitment = _get(db, commitment_id)
        mesa = the_mesa(db)
        source = find_session(db, mesa, session) if session else None
        commitment.notes.append(
            CommitmentNote(at=utcnow(), text=text.strip(), session_id=source.id if source else None)
        )
        db.flush()
        return commitment_info(commitment, _labels(db, mesa.id))


def update_commitment(
    store: Store,
    commitment_id: uuid.UUID,
    *,
    text: str | None = None,
    due_date: date | None = None,
    responsible_person: str | None = None,
    responsible_dependency: str | uuid.UUID | None = None,
) -> CommitmentInfo:
    with store.transaction() as db:
        commitment = _get(db, commitment_id)
        mesa = the_mesa(db)
        if text is not None:
            if not text.strip():
                raise InvalidInput("El compromiso necesita una descripción.")
            commitment.text = text.strip()
        if due_date is not None:
            commitment.due_date = due_date
        if responsible_person is not None:
            commitment.responsible_person = responsible_person
        if responsible_dependency is not None:
            commitment.responsible_dependency = find_dependency(db, mesa, responsible_dependency)
        db.flush()
        return commitment_info(commitment, _labels(db, mesa.id))


def list_commitments(
    store: Store,
    *,
    status: str | None = None,
    dependency: str | uuid.UUID | None = None,
    overdue_only: bool = False,
    open_only: bool = False,
    session: str | uuid.UUID | None = None,
    today: date | None = None,
) -> list[CommitmentInfo]:
    today = today or clock.today()
    with store.reading() as db:
        mesa = the_mesa(db)
        query = select(Commitment).where(Commitment.mesa_id == mesa.id)
        if status:
            query = query.where(Commitment.status == status)
        if open_only or overdue_only:
            query = query.where(Commitment.status.in_(OPEN_STATUSES))
        if dependency:
            query = query.where(
                Commitment.responsible_dependency_id == find_dependency(db, mesa, dependency).id
            )
        if session:
            query = query.where(Commitment.session_id == find_session(db, mesa, session).id)
        rows = db.scalars(query.order_by(Commitment.due_date, Commitment.created_at)).all()
        labels = _labels(db, mesa.id)
        infos = [commitment_info(c, labels) for c in rows]
    if overdue_only:
        infos = [c for c in infos if c.is_overdue(today)]
    return infos


def _get(db: Session, commitment_id: uuid.UUID) -> Commitment:
    commitment = db.get(Commitment, commitment_id)
    if commitment is None:
        raise NotFound("El compromiso ya no existe.")
    return commitment

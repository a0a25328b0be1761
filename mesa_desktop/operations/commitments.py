"""Commitments: added from the board or the acta, their status, notes and edits; the board's read-model."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from mesa_desktop.services import commitments, conformation, sessions
from mesa_desktop.services.changes import Changed, Topic, changed
from mesa_desktop.services.commitments import CommitmentInfo
from mesa_desktop.services.conformation import MesaInfo
from mesa_desktop.services.sessions import SessionInfo
from mesa_desktop.store import Store


@dataclass(frozen=True)
class Board:
    """Everything the commitments board shows, from one snapshot."""

    mesa: MesaInfo
    items: tuple[CommitmentInfo, ...]
    dependencies: tuple[tuple[uuid.UUID, str], ...]  # active member dependencies and actors
    sessions: tuple[SessionInfo, ...]  # newest first, for "agreed in session"


def board(store: Store) -> Board:
    with store.reading():
        members = conformation.list_members(store)
        return Board(
            mesa=conformation.get_mesa(store),
            items=tuple(commitments.list_commitments(store)),
            dependencies=tuple((d.id, d.name) for d in members if d.active),
            sessions=tuple(reversed(sessions.list_sessions(store))),
        )


def days_overdue(item: CommitmentInfo, today: date) -> int:
    """How many days past its due date an open commitment is (0 when it is not overdue)."""
    return (today - item.due_date).days if item.is_overdue(today) and item.due_date else 0


def matches(
    item: CommitmentInfo, dependency: str | None, status: str, overdue_only: bool, today: date
) -> bool:
    """The board's filter: a dependency's id (as text) or None; a status, "open" (pending or in
    progress) or "all"; only the overdue ones."""
    if dependency is not None and str(item.responsible_dependency_id) != dependency:
        return False
    if status == "open" and item.status not in commitments.OPEN_STATUSES:
        return False
    if status not in ("all", "open") and item.status != status:
        return False
    return not overdue_only or item.is_overdue(today)


def add_commitment(
    store: Store,
    text: str,
    *,
    responsible_dependency: str | uuid.UUID | None = None,
    responsible_person: str | None = None,
    due_date: date | None = None,
    session: str | uuid.UUID | None = None,
) -> Changed[CommitmentInfo]:
    with store.transaction():
        item = commitments.add_commitment(
            store,
            text,
            responsible_dependency=responsible_dependency,
            responsible_person=responsible_person,
            due_date=due_date,
            session=session,
        )
    return changed(item, Topic.COMMITMENTS)


def set_status(
    store: Store, commitment_id: uuid.UUID, status: str, *, on: date | None = None, note: str | None = None
) -> Changed[CommitmentInfo]:
    with store.transaction():
        item = commitments.set_status(store, commitment_id, status, on=on, note=note)
    return changed(item, Topic.COMMITMENTS)


def add_note(store: Store, commitment_id: uuid.UUID, text: str) -> Changed[CommitmentInfo]:
    with store.transaction():
        item = commitments.add_note(store, commitment_id, text)
    return changed(item, Topic.COMMITMENTS)


def update_commitment(
    store: Store,
    commitment_id: uuid.UUID,
    *,
    text: str | None = None,
    due_date: date | None = None,
    responsible_person: str | None = None,
    responsible_dependency: str | uuid.UUID | None = None,
) -> Changed[CommitmentInfo]:
    with store.transaction():
        item = commitments.update_commitment(
            store,
            commitment_id,
            text=text,
            due_date=due_date,
            responsible_person=responsible_person,
            responsible_dependency=responsible_dependency,
        )
    return changed(item, Topic.COMMITMENTS)

"""The sessions screen: new sessions, their details and status, the agenda; its read-model."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from mesa_desktop.services import commitments, conformation, sessions
from mesa_desktop.services.changes import Changed, Topic, changed
from mesa_desktop.services.commitments import CommitmentInfo
from mesa_desktop.services.conformation import MesaInfo
from mesa_desktop.services.sessions import AgendaItemInfo, SessionInfo
from mesa_desktop.store import Store


@dataclass(frozen=True)
class SessionsView:
    """The year's sessions, the open commitments (the follow-up item lists them) and the mesa."""

    sessions: tuple[SessionInfo, ...]
    open_commitments: tuple[CommitmentInfo, ...]
    mesa: MesaInfo


def sessions_view(store: Store) -> SessionsView:
    with store.reading():
        return SessionsView(
            sessions=tuple(sessions.list_sessions(store)),
            open_commitments=tuple(commitments.list_commitments(store, open_only=True)),
            mesa=conformation.get_mesa(store),
        )


def session_list(store: Store) -> tuple[SessionInfo, ...]:
    """Every session, for the session chooser of the attendance and acta screens."""
    return tuple(sessions.list_sessions(store))


def new_session(
    store: Store,
    *,
    on: date,
    template: str,
    start_time: time | None = None,
    end_time: time | None = None,
    modality: str = "in_person",
    place: str | None = None,
    virtual_link: str | None = None,
    convocation_date: date | None = None,
    ministry_participated: bool = False,
    objective: str | None = None,
) -> Changed[SessionInfo]:
    """A session from a template; its kind follows from the template."""
    with store.transaction():
        session = sessions.new_session(
            store,
            on=on,
            kind=sessions.kind_of_template(template),
            template=template,
            start_time=start_time,
            end_time=end_time,
            modality=modality,
            place=place,
            virtual_link=virtual_link,
            convocation_date=convocation_date,
            ministry_participated=ministry_participated,
            objective=objective,
        )
    return changed(session, Topic.SESSIONS)


def update_session(store: Store, session_id: uuid.UUID, **changes: Any) -> Changed[SessionInfo]:
    """The details of a session (``sessions.update_session``'s fields: date, times, place…)."""
    with store.transaction():
        session = sessions.update_session(store, session_id, **changes)
    return changed(session, Topic.SESSIONS)


def set_status(store: Store, session_id: uuid.UUID, status: str) -> Changed[SessionInfo]:
    with store.transaction():
        session = sessions.set_status(store, session_id, status)
    return changed(session, Topic.SESSIONS)


def move_to_today(store: Store, session_id: uuid.UUID) -> Changed[SessionInfo]:
    with store.transaction():
        session = sessions.move_to_today(store, session_id)
    return changed(session, Topic.SESSIONS)


def open_session(
    store: Store, session_id: uuid.UUID, *, at: datetime | time | None = None
) -> Changed[SessionInfo]:
    with store.transaction():
        session = sessions.open_session(store, session_id, at=at)
    return changed(session, Topic.SESSIONS, Topic.ACTAS)


def close_session(
    store: Store, session_id: uuid.UUID, *, at: datetime | time | None = None
) -> Changed[SessionInfo]:
    with store.transaction():
        session = sessions.close_session(store, session_id, at=at)
    return changed(session, Topic.SESSIONS, Topic.ACTAS)


def set_presiders(
    store: Store, session_id: uuid.UUID, presiders: list[str | uuid.UUID | tuple[str, str | None, str | None]]
) -> Changed[SessionInfo]:
    """``presiders``: a person's id or (name, cargo, entity) each, as ``sessions.set_presiders``."""
    with store.transaction():
        session = sessions.set_presiders(store, session_id, presiders)
    return changed(session, Topic.SESSIONS, Topic.ACTAS)


def add_agenda_item(store: Store, session_id: uuid.UUID, title: str) -> Changed[SessionInfo]:
    with store.transaction():
        session = sessions.add_agenda_item(store, session_id, title)
    return changed(session, Topic.SESSIONS)


def rename_agenda_item(store: Store, item_id: uuid.UUID, title: str) -> Changed[AgendaItemInfo]:
    with store.transaction():
        item = sessions.update_agenda_item(store, item_id, title=title)
    return changed(item, Topic.SESSIONS)


def write_agenda_development(store: Store, item_id: uuid.UUID, text: str) -> Changed[AgendaItemInfo]:
    """What was said on an agenda item, typed on the acta screen. It announces nothing: the
    text on screen is already the truth, and a broadcast would rebuild the editors under the
    person typing."""
    with store.transaction():
        item = sessions.update_agenda_item(store, item_id, development=text)
    return changed(item)


def move_agenda_item(store: Store, item_id: uuid.UUID, offset: int) -> Changed[SessionInfo]:
    with store.transaction():
        session = sessions.move_agenda_item(store, item_id, offset)
    return changed(session, Topic.SESSIONS)


def remove_agenda_item(store: Store, item_id: uuid.UUID) -> Changed[SessionInfo]:
    with store.transaction():
        session = sessions.remove_agenda_item(store, item_id)
    return changed(session, Topic.SESSIONS)

"""The room's screen (projector or TV): what the people in the room may see, one read.

Only the mesa, the session's public details, its agenda titles and the quorum with the names
of the member dependencies: no person's name, e-mail or document ever reaches this view.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, time

from mesa_desktop import clock
from mesa_desktop.errors import NotFound
from mesa_desktop.labels import MODALITY_LABELS, SESSION_KIND_LABELS
from mesa_desktop.services import attendance, conformation, sessions
from mesa_desktop.store import Store


@dataclass(frozen=True)
class RoomSession:
    """A session as the room sees it (no president's or presiders' names)."""

    id: uuid.UUID
    number: str
    kind: str  # "ordinary" / "extraordinary"
    kind_label: str  # "ordinaria"
    date: date
    start_time: time | None
    end_time: time | None
    modality_label: str  # "Híbrida"
    place: str | None
    agenda: tuple[str, ...]  # the items' titles, in order


@dataclass(frozen=True)
class RoomQuorum:
    present: int  # member dependencies represented right now
    required: int  # 0 when the session needs no quorum
    total: int
    met: bool
    quorum_required: bool
    present_dependencies: tuple[str, ...]  # full names, in the mesa's order
    missing_dependencies: tuple[str, ...]

    @property
    def conformed(self) -> bool:
        return self.total > 0

    @property
    def shortfall(self) -> int:
        return max(0, self.required - self.present)


@dataclass(frozen=True)
class RoomView:
    mesa_name: str
    session: RoomSession | None  # None: no session chosen and none today
    quorum: RoomQuorum | None


def todays_session_id(store: Store) -> uuid.UUID | None:
    """The session held today on Colombia's clock (not cancelled), if any."""
    today = clock.today()
    found = [s for s in sessions.list_sessions(store, year=today.year) if s.date == today]
    live = [s for s in found if s.status != "cancelled"]
    return live[0].id if live else None


def room_view(store: Store, session_id: uuid.UUID | None = None) -> RoomView:
    """The room's screen for ``session_id``, or for today's session when it is ``None``."""
    with store.reading():
        mesa = conformation.get_mesa(store)
        info = None
        if session_id is not None:
            try:
                info = sessions.get_session(store, session_id)
            except NotFound:  # deleted since it was chosen: fall back to today's
                info = None
        if info is None:
            today = todays_session_id(store)
            if today is None:
                return RoomView(mesa.name, None, None)
            info = sessions.get_session(store, today)
        view = attendance.get_quorum(store, info.id)
    status = view.status
    return RoomView(
        mesa_name=mesa.name,
        session=RoomSession(
            id=info.id,
            number=info.number,
            kind=info.kind,
            kind_label=SESSION_KIND_LABELS.get(info.kind, info.kind),
            date=info.date,
            start_time=info.start_time,
            end_time=info.end_time,
            modality_label=MODALITY_LABELS.get(info.modality, info.modality),
            place=info.place,
            agenda=tuple(item.title for item in sorted(info.agenda, key=lambda i: i.position)),
        ),
        quorum=RoomQuorum(
            present=status.present,
            required=status.required,
            total=status.total,
            met=status.met,
            quorum_required=status.quorum_required,
            present_dependencies=view.present_dependencies,
            missing_dependencies=view.missing_dependencies,
        ),
    )


def short_names(store: Store) -> dict[str, str]:
    """Each dependency's short name ("Salud Mental") by its name, where the mesa gave one.

    Apart from ``room_view`` because it changes only with the members, and reading them (with
    their people) costs more than the rest of the room's view: a check-in must not pay it."""
    return {d.name: d.short_name for d in conformation.list_members(store) if d.short_name}

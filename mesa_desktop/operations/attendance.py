"""Live attendance: check-in, check-out, walk-ins, signatures, the virtual report; its read-models."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time

from mesa_desktop import person_codes
from mesa_desktop.services import attendance, conformation
from mesa_desktop.services.attendance import AttendeeInfo, CheckResult, QuorumView
from mesa_desktop.services.changes import Changed, Topic, changed
from mesa_desktop.services.conformation import DependencyInfo, PersonInfo
from mesa_desktop.services.lookup import the_mesa
from mesa_desktop.store import Store


@dataclass(frozen=True)
class AttendanceView:
    """Everything the live-attendance screen shows about one session, from one snapshot."""

    attendees: tuple[AttendeeInfo, ...]
    quorum: QuorumView
    events: tuple[tuple[datetime, str, int, int, int], ...]


@dataclass(frozen=True)
class Directory:
    """Everyone who can be checked in, and the dependencies / invited actors for walk-ins."""

    people: tuple[PersonInfo, ...]
    members: tuple[DependencyInfo, ...]


def attendance_view(store: Store, session_id: uuid.UUID) -> AttendanceView:
    with store.reading():
        return AttendanceView(
            attendees=tuple(attendance.list_attendance(store, session_id)),
            quorum=attendance.get_quorum(store, session_id),
            events=tuple(attendance.quorum_events(store, session_id)),
        )


def directory(store: Store) -> Directory:
    with store.reading():
        return Directory(tuple(conformation.list_people(store)), tuple(conformation.list_members(store)))


def check_in(
    store: Store,
    session_id: uuid.UUID,
    person_id: uuid.UUID,
    *,
    at: datetime | time | None = None,
    virtual: bool = False,
) -> Changed[CheckResult]:
    with store.transaction():
        result = attendance.check_in(store, session_id, person_id, at=at, virtual=virtual)
    return changed(result, Topic.ATTENDANCE)


def check_in_by_code(
    store: Store, session_id: uuid.UUID, code: str, *, at: datetime | time | None = None
) -> Changed[CheckResult]:
    """Check in the person whose personal code was scanned or typed (``XXXX-XXXX``, forgiving
    of case, a missing hyphen and O/I/L for 0/1), exactly as ``check_in`` does."""
    with store.transaction() as db:
        person = person_codes.find_person_by_code(db, the_mesa(db).id, code)
        result = attendance.check_in(store, session_id, person.id, at=at)
    return changed(result, Topic.ATTENDANCE)


def check_in_all(store: Store, session_id: uuid.UUID, person_ids: Iterable[uuid.UUID]) -> Changed[int]:
    """Check several people in as virtual attendees (the report import), all or none; how many
    of them this changed."""
    with store.transaction():
        count = sum(
            attendance.check_in(store, session_id, person_id, virtual=True).changed
            for person_id in person_ids
        )
    return changed(count, Topic.ATTENDANCE)


def undo_check_in(store: Store, session_id: uuid.UUID, person_id: uuid.UUID) -> Changed[QuorumView]:
    with store.transaction():
        quorum = attendance.undo_check_in(store, session_id, person_id)
    return changed(quorum, Topic.ATTENDANCE)


def check_out(
    store: Store, session_id: uuid.UUID, person_id: uuid.UUID, *, at: datetime | time | None = None
) -> Changed[CheckResult]:
    with store.transaction():
        result = attendance.check_out(store, session_id, person_id, at=at)
    return changed(result, Topic.ATTENDANCE)


def set_signature(store: Store, session_id: uuid.UUID, person_id: uuid.UUID, png: bytes) -> Changed[None]:
    with store.transaction():
        attendance.set_signature(store, session_id, person_id, png)
    return changed(None, Topic.ATTENDANCE)


def register_walk_in(
    store: Store,
    session_id: uuid.UUID,
    *,
    full_name: str,
    consent_given: bool,
    dependency: str | uuid.UUID | None = None,
    role: str | None = None,
    position: str | None = None,
    entity: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    signature_png: bytes | None = None,
    virtual: bool = False,
) -> Changed[CheckResult]:
    """A person not registered yet: added to the mesa's people and checked in, together."""
    with store.transaction():
        result = attendance.register_walk_in(
            store,
            session_id,
            full_name=full_name,
            consent_given=consent_given,
            dependency=dependency,
            role=role,
            position=position,
            entity=entity,
            email=email,
            phone=phone,
            signature_png=signature_png,
            virtual=virtual,
        )
    return changed(result, Topic.MEMBERS, Topic.ATTENDANCE)

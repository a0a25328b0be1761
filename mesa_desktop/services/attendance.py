"""Live attendance: check-in/out (idempotent), walk-ins, virtual attendees, live quorum."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, TypeVar

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from mesa_desktop import clock, formatting
from mesa_desktop.clock import COLOMBIA, to_utc, utcnow
from mesa_desktop.errors import Conflict, InvalidInput
from mesa_desktop.models import Attendance, Dependency, MeetingSession, Mesa, Person, QuorumEvent
from mesa_desktop.rules import quorum
from mesa_desktop.services.lookup import find_dependency, find_person, find_session, the_mesa
from mesa_desktop.store import Store
from mesa_desktop.vocabulary import Capacity, Role, codes

_T = TypeVar("_T")
_MEMBER_CAPACITIES = codes(Capacity)


@dataclass(frozen=True)
class AttendeeInfo:
    person_id: uuid.UUID
    full_name: str
    position: str | None
    entity: str | None
    email: str | None
    phone: str | None
    dependency_id: uuid.UUID | None
    dependency_name: str | None
    capacity: str
    counts_for_quorum: bool
    check_in_at: datetime
    check_out_at: datetime | None
    virtual: bool
    has_signature: bool

    @property
    def present(self) -> bool:
        return self.check_out_at is None


@dataclass(frozen=True)
class QuorumView:
    """The quorum status plus the names a focal point needs on screen."""

    status: quorum.QuorumStatus
    missing_dependencies: tuple[str, ...]  # every member dependency without anyone here now
    present_dependencies: tuple[str, ...]
    # Those of ``missing_dependencies`` whose delegation came and left: not "still to arrive".
    left_dependencies: tuple[str, ...] = ()

    @property
    def not_arrived(self) -> tuple[str, ...]:
        """The missing dependencies nobody came for yet."""
        return tuple(name for name in self.missing_dependencies if name not in self.left_dependencies)

    def as_json(self) -> dict[str, Any]:
        s = self.status
        return {
            "present": s.present,
            "required": s.required,
            "total": s.total,
            "met": s.met,
            "rule": s.rule,
            "quorum_required": s.quorum_required,
            "summary": s.summary,
            "missing": list(self.missing_dependencies),
            "left": list(self.left_dependencies),
        }


@dataclass(frozen=True)
class CheckResult:
    attendee: AttendeeInfo
    quorum: QuorumView
    changed: bool  # False when the call repeated what was already true (idempotent)
    quorum_event: str | None  # "established" / "lost" when this action flipped quorum


def member_dependencies(db: Session, mesa: Mesa, on: date) -> list[Dependency]:
    deps = db.scalars(
        select(Dependency)
        .where(Dependency.mesa_id == mesa.id, Dependency.invited.is_(False))
        .order_by(Dependency.position, Dependency.name)
    ).all()
    return [d for d in deps if d.is_active_on(on)]


def quorum_view(db: Session, mesa: Mesa, session: MeetingSession) -> QuorumView:
    members = member_dependencies(db, mesa, session.date)
    present_ids = db.scalars(
        select(Attendance.dependency_id).where(
            Attendance.session_id == session.id,
            Attendance.check_out_at.is_(None),
            Attendance.dependency_id.is_not(None),
        )
    ).all()
    status = quorum.evaluate(
        member_dependency_ids=[str(d.id) for d in members],
        present_dependency_ids=[str(i) for i in present_ids],
        rule=mesa.quorum_rule,
        quorum_required=session.kind == "ordinary",
    )
    names = {str(d.id): d.name for d in members}
    came = {
        str(i)
        for i in db.scalars(
            select(Attendance.dependency_id).where(
                Attendance.session_id == session.id, Attendance.dependency_id.is_not(None)
            )
        ).all()
    }
    return QuorumView(
        status=status,
        missing_dependencies=tuple(names[i] for i in status.missing_dependency_ids),
        present_dependencies=tuple(names[i] for i in status.present_dependency_ids),
        left_dependencies=tuple(names[i] for i in status.missing_dependency_ids if i in came),
    )


def represents_on(dependency: Any, on: date) -> bool:
    """Whether a person of ``dependency`` (a ``Dependency`` or a ``DependencyInfo``; ``None``
    for another entity) represents a member of the mesa on ``on``, and so counts for quorum."""
    return dependency is not None and not dependency.invited and dependency.is_active_on(on)


def attending_capacity(role: str, counts_for_quorum: bool) -> str:
    """The capacity an attendee is shown and recorded in: their role when they represent a
    member dependency that day; otherwise a head / delegate / alternate of an inactive (or
    no longer existing) dependency attends as a plain guest, not as "Delegado(a)"."""
    if not counts_for_quorum and role in _MEMBER_CAPACITIES:
        return Role.GUEST.value
    return role


def moment_in(session: MeetingSession, at: datetime | time | None) -> datetime:
    """The UTC moment of ``at``: now when ``None``; a bare time is Colombia's wall clock on the
    session's date (a paper list transcribed after the fact)."""
    if isinstance(at, time):
        return to_utc(datetime.combine(session.date, at.replace(tzinfo=None), tzinfo=COLOMBIA))
    return to_utc(at)


def refuse_if_future(session: MeetingSession, action: str) -> None:
    """Nothing that happens *in* a session may be recorded before its day comes."""
    if session.date > clock.today():
        from mesa_desktop.documents.text import long_date

        raise Conflict(
            f"La sesión {session.label} está programada para el {long_date(session.date)}: aún no se "
            f"puede {action}. Si la sesión se realiza hoy, cambie su fecha a hoy."
        )


def refuse_later_than_now(moment: datetime) -> None:
    """A moment of the session (an arrival, its opening or closing) cannot lie in the future."""
    # A few minutes of slack for laptops whose clock runs a little ahead.
    if moment > utcnow() + timedelta(minutes=5):
        raise InvalidInput(f"La hora {formatting.hour(moment)} aún no ha llegado; indique una hora pasada.")


def presence_events(db: Session, session: MeetingSession) -> list[quorum.PresenceEvent]:
    """Arrivals and departures of the member delegations, from the attendance rows."""
    rows = db.execute(
        select(
            Attendance.person_id, Attendance.dependency_id, Attendance.check_in_at, Attendance.check_out_at
        ).where(Attendance.session_id == session.id, Attendance.dependency_id.is_not(None))
    ).all()
    events = []
    for person_id, dependency_id, arrived, left in rows:
        events.append(
            quorum.PresenceEvent(to_utc(arrived), str(person_id), quorum.CHECK_IN, str(dependency_id))
        )
        if left is not None:
            events.append(quorum.PresenceEvent(to_utc(left), str(person_id), quorum.CHECK_OUT))
    return events


def status_at(
    db: Session, mesa: Mesa, session: MeetingSession, at: datetime, *, quorum_required: bool | None = None
) -> quorum.QuorumStatus:
    """The quorum at a past moment of the session, replayed from the attendance rows.

    ``quorum_required=True`` asks for the mesa's quorum even in an extraordinary session
    (approving an acta binds the mesa whatever the session's kind)."""
    members = member_dependencies(db, mesa, session.date)
    return quorum.status_at(
        presence_events(db, session),
        to_utc(at),
        member_dependency_ids=[str(d.id) for d in members],
        rule=mesa.quorum_rule,
        quorum_required=(session.kind == "ordinary") if quorum_required is None else quorum_required,
    )


def rebuild_quorum_events(db: Session, mesa: Mesa, session: MeetingSession) -> None:
    """Replace the session's quorum events by those its attendance rows imply, so that an
    arrival or departure typed in after the fact lands at its own time."""
    members = member_dependencies(db, mesa, session.date)
    replayed = quorum.replay(
        presence_events(db, session),
        member_dependency_ids=[str(d.id) for d in members],
        rule=mesa.quorum_rule,
        quorum_required=session.kind == "ordinary",
    )
    db.execute(delete(QuorumEvent).where(QuorumEvent.session_id == session.id))
    for event in replayed:
        s = event.status
        db.add(
            QuorumEvent(
                session_id=session.id,
                at=event.at,
                kind=event.kind,
                present=s.present,
                required=s.required,
                total=s.total,
            )
        )


def _latest_moment(db: Session, session: MeetingSession) -> datetime | None:
    moments = [
        m
        for row in db.execute(
            select(Attendance.check_in_at, Attendance.check_out_at).where(Attendance.session_id == session.id)
        ).all()
        for m in row
        if m is not None
    ]
    moments += db.scalars(select(QuorumEvent.at).where(QuorumEvent.session_id == session.id)).all()
    return max((to_utc(m) for m in moments), default=None)


def get_quorum(store: Store, session_ref: str | uuid.UUID) -> QuorumView:
    with store.reading() as db:
        mesa = the_mesa(db)
        return quorum_view(db, mesa, find_session(db, mesa, session_ref))


def _attendee(row: Attendance) -> AttendeeInfo:
    person = row.person
    dep = person.dependency
    return AttendeeInfo(
        person_id=person.id,
        full_name=person.full_name,
        position=person.position,
        entity=person.entity or (dep.name if dep else None),
        email=person.email,
        phone=person.phone,
        dependency_id=row.dependency_id,
        dependency_name=dep.name if dep else None,
        capacity=attending_capacity(row.capacity, row.dependency_id is not None),
        counts_for_quorum=row.dependency_id is not None,
        check_in_at=row.check_in_at,
        check_out_at=row.check_out_at,
        virtual=row.virtual,
        has_signature=row.signature_png is not None,
    )


def _open_session(db: Session, session_ref: str | uuid.UUID) -> tuple[Mesa, MeetingSession]:
    mesa = the_mesa(db)
    session = find_session(db, mesa, session_ref)
    if session.status in ("cancelled", "acta_approved"):
        state = "cancelada" if session.status == "cancelled" else "cerrada (acta aprobada)"
        raise Conflict(f"La sesión {session.label} está {state}: no se puede registrar asistencia.")
    return mesa, session


def _record_quorum_change(
    db: Session, session: MeetingSession, before: QuorumView, after: QuorumView, at: datetime
) -> str | None:
    kind = quorum.transition(before.status, after.status)
    if kind:
        s = after.status
        db.add(
            QuorumEvent(
                session_id=session.id, at=at, kind=kind, present=s.present, required=s.required, total=s.total
            )
        )
    return kind


def _attendance_row(db: Session, session: MeetingSession, person_id: uuid.UUID) -> Attendance | None:
    return db.scalar(
        select(Attendance).where(Attendance.session_id == session.id, Attendance.person_id == person_id)
    )


def _change_presence(
    db: Session, mesa: Mesa, session: MeetingSession, at: datetime, change: Callable[[], _T]
) -> tuple[_T, QuorumView, str | None]:
    """Apply ``change()`` and record quorum established/lost if it flipped; returns
    (what change returned, quorum after, event).

    Live, in order, the flip is recorded as it happens; a moment earlier than what the
    session already holds (a transcription) replays the whole session instead."""
    latest = _latest_moment(db, session)
    before = quorum_view(db, mesa, session)
    outcome = change()
    db.flush()
    after = quorum_view(db, mesa, session)
    if latest is not None and at < latest:
        rebuild_quorum_events(db, mesa, session)
        return outcome, after, quorum.transition(before.status, after.status)
    return outcome, after, _record_quorum_change(db, session, before, after, at)


def _check_in(
    db: Session,
    mesa: Mesa,
    session: MeetingSession,
    person: Person,
    *,
    at: datetime,
    virtual: bool,
    signature_png: bytes | None,
) -> CheckResult:
    if virtual and session.modality == "in_person":
        raise InvalidInput(f"La sesión {session.label} es presencial: no admite asistentes virtuales.")
    refuse_if_future(session, "registrar asistencia")
    refuse_later_than_now(at)
    row = _attendance_row(db, session, person.id)

    def arrive() -> tuple[Attendance, bool]:
        if row is None:
            dep = person.dependency
            counts = represents_on(dep, session.date)
            added = Attendance(
                session_id=session.id,
                person_id=person.id,
                person=person,
                dependency_id=dep.id if dep is not None and counts else None,
                capacity=attending_capacity(person.role, counts),
                check_in_at=at,
                virtual=virtual,
                signature_png=None if virtual else signature_png,
            )
            db.add(added)
            return added, True
        if row.check_out_at is not None:  # came back after leaving
            row.check_out_at = None
            return row, True
        if at < to_utc(row.check_in_at):  # the paper list says they arrived earlier
            row.check_in_at = at
            return row, True
        if signature_png is not None and row.signature_png is None and not row.virtual:
            row.signature_png = signature_png
            return row, True
        return row, False

    (present, changed), after, event = _change_presence(db, mesa, session, at, arrive)
    return CheckResult(_attendee(present), after, changed, event)


def check_in(
    store: Store,
    session_ref: str | uuid.UUID,
    person_ref: str | uuid.UUID,
    *,
    at: datetime | time | None = None,
    virtual: bool = False,
    signature_png: bytes | None = None,
) -> CheckResult:
    """``at``: when the person arrived (default now; a bare time is on the session's date)."""
    with store.transaction() as db:
        mesa, session = _open_session(db, session_ref)
        refuse_if_future(session, "registrar asistencia")
        at = moment_in(session, at)
        person = find_person(db, mesa, person_ref)
        return _check_in(db, mesa, session, person, at=at, virtual=virtual, signature_png=signature_png)


def check_out(
    store: Store,
    session_ref: str | uuid.UUID,
    person_ref: str | uuid.UUID,
    *,
    at: datetime | time | None = None,
) -> CheckResult:
    """``at``: when the person left (default now; a bare time is on the session's date)."""
    with store.transaction() as db:
        mesa, session = _open_session(db, session_ref)
        refuse_if_future(session, "registrar asistencia")
        at = moment_in(session, at)
        person = find_person(db, mesa, person_ref)
        row = _attendance_row(db, session, person.id)
        if row is None:
            raise InvalidInput(f"{person.full_name} no ha registrado llegada en la sesión {session.label}.")
        refuse_later_than_now(at)
        if at < to_utc(row.check_in_at):
            raise InvalidInput(
                f"{person.full_name} llegó a las {formatting.hour(row.check_in_at)}: la salida "
                "no puede ser anterior a la llegada."
            )

        def leave() -> bool:
            if row.check_out_at is not None:
                return False
            row.check_out_at = at
            return True

        changed, after, event = _change_presence(db, mesa, session, at, leave)
        return CheckResult(_attendee(row), after, changed, event)


def undo_check_in(store: Store, session_ref: str | uuid.UUID, person_id: uuid.UUID) -> QuorumView:
    """Remove a check-in made by mistake (the UI offers it right after a check-in)."""
    with store.transaction() as db:
        mesa, session = _open_session(db, session_ref)
        row = _attendance_row(db, session, person_id)

        def forget() -> None:
            if row is not None:
                db.delete(row)

        _done, after, _event = _change_presence(db, mesa, session, utcnow(), forget)
        if row is not None and row.dependency_id is not None:
            rebuild_quorum_events(db, mesa, session)  # the undone arrival may have won the quorum
        return after


def set_signature(store: Store, session_ref: str | uuid.UUID, person_id: uuid.UUID, png: bytes) -> None:
    with store.transaction() as db:
        _mesa, session = _open_session(db, session_ref)
        row = _attendance_row(db, session, person_id)
        if row is None:
            raise InvalidInput("Registre primero la llegada de la persona.")
        if row.virtual:
            raise InvalidInput("Los asistentes virtuales no firman.")
        row.signature_png = png


def list_attendance(store: Store, session_ref: str | uuid.UUID) -> list[AttendeeInfo]:
    with store.reading() as db:
        mesa = the_mesa(db)
        session = find_session(db, mesa, session_ref)
        # Read after every check-in, so plain columns rather than ORM objects (a tenth of the
        # time at a meeting of 500), and the signature images stay on disk.
        rows = db.execute(
            select(
                Attendance.person_id,
                Person.full_name,
                Person.position,
                Person.entity,
                Person.email,
                Person.phone,
                Attendance.dependency_id,
                Dependency.name,
                Attendance.capacity,
                Attendance.check_in_at,
                Attendance.check_out_at,
                Attendance.virtual,
                Attendance.signature_png.is_not(None),
            )
            .join(Person, Person.id == Attendance.person_id)
            .outerjoin(Dependency, Dependency.id == Person.dependency_id)
            .where(Attendance.session_id == session.id)
            .order_by(Attendance.check_in_at)
        ).all()
        return [
            AttendeeInfo(
                person_id=person_id,
                full_name=full_name,
                position=position,
                entity=entity or dependency_name,
                email=email,
                phone=phone,
                dependency_id=dependency_id,
                dependency_name=dependency_name,
                capacity=attending_capacity(capacity, dependency_id is not None),
                counts_for_quorum=dependency_id is not None,
                check_in_at=check_in_at,
                check_out_at=check_out_at,
                virtual=virtual,
                has_signature=bool(signed),
            )
            for (
                person_id,
                full_name,
                position,
                entity,
                email,
                phone,
                dependency_id,
                dependency_name,
                capacity,
                check_in_at,
                check_out_at,
                virtual,
                signed,
            ) in rows
        ]


def signature_of(store: Store, session_ref: str | uuid.UUID, person_id: uuid.UUID) -> bytes | None:
    with store.reading() as db:
        session = find_session(db, the_mesa(db), session_ref)
        return db.scalar(
            select(Attendance.signature_png).where(
                Attendance.session_id == session.id, Attendance.person_id == person_id
            )
        )


def quorum_events(store: Store, session_ref: str | uuid.UUID) -> list[tuple[datetime, str, int, int, int]]:
    with store.reading() as db:
        session = find_session(db, the_mesa(db), session_ref)
        rows = db.scalars(
            select(QuorumEvent).where(QuorumEvent.session_id == session.id).order_by(QuorumEvent.at)
        ).all()
        return [(e.at, e.kind, e.present, e.required, e.total) for e in rows]


def active_member_dependencies(store: Store, session_ref: str | uuid.UUID) -> list[tuple[uuid.UUID, str]]:
    """(id, name) of the member dependencies active on the session's date: the only ones a
    walk-in may be registered for as a delegation (others attend as guests)."""
    with store.reading() as db:
        mesa = the_mesa(db)
        session = find_session(db, mesa, session_ref)
        return [(d.id, d.name) for d in member_dependencies(db, mesa, session.date)]


def register_walk_in(
    store: Store,
    session_ref: str | uuid.UUID,
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
    at: datetime | time | None = None,
) -> CheckResult:
    """Someone not yet registered arrives: record them (with consent) and check them in,
    in one transaction (a refused check-in leaves no half-registered person)."""
    from mesa_desktop.services import conformation

    if not consent_given:
        raise InvalidInput(
            "Para registrar a una persona se necesita su autorización para el tratamiento de datos "
            "personales (Ley 1581 de 2012)."
        )
    with store.transaction() as db:
        mesa, session = _open_session(db, session_ref)
        refuse_if_future(session, "registrar asistencia")
        at = moment_in(session, at)
        person = conformation.add_person_in(
            db,
            mesa,
            full_name,
            dependency=find_dependency(db, mesa, dependency) if dependency else None,
            role=role,
            position=position,
            entity=entity,
            email=email,
            phone=phone,
            consent_given=True,
        )
        return _check_in(db, mesa, session, person, at=at, virtual=virtual, signature_png=signature_png)

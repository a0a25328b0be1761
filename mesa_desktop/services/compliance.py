"""Compliance of the mesa with the guideline (DESIGN §2), built from the store's facts."""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from datetime import date
from functools import cache
from typing import Any, cast

from sqlalchemy import String, select, type_coerce
from sqlalchemy.orm import Session as Db
from sqlalchemy.orm import load_only
from sqlalchemy.sql.elements import ColumnElement

from mesa_desktop import clock
from mesa_desktop.models import (
    Absence,
    Acta,
    ActionPlan,
    AgendaItem,
    Attendance,
    Commitment,
    Dependency,
    Liaison,
    MeetingSession,
    Mesa,
    PeriodicReport,
    Person,
    Presider,
    QuorumEvent,
    WorkGroup,
)
from mesa_desktop.models.members import active_on
from mesa_desktop.rules import compliance
from mesa_desktop.services.lookup import fold, the_mesa
from mesa_desktop.store import Store
from mesa_desktop.vocabulary import AgendaPurpose, MesaKind, Role

# Who receives a session's convocation (document_data.convocation_data addresses the same).
_CONVOKED_ROLES = frozenset({Role.HEAD, Role.DELEGATE, Role.ALTERNATE, Role.INVITED})
# "Secretario(a) de Salud", "Secretaria Departamental de Salud", "Delegado del Secretario de
# Salud"; not "Subsecretario", "Profesional de la Secretaría" (the office, with its accent) nor
# "Secretaria del Instituto de Salud" (an assistant).
_SECRETARY = re.compile(
    r"\bsecretari[oa]s?(?:\(a\))? (?:(?:departamental|seccional|distrital|municipal|general) )?de salud\b"
)
# Where no secretaría does the job, a departmental institute's head does (IDS Norte de
# Santander, IDSN): "Director(a)", "Gerente", alone or naming the institute.
_HEAD = re.compile(r"^(?:director|directora|director\(a\)|gerente)(?: general)?(?:$| (?P<of>.+)$)")
_DELEGATE = re.compile(r"^delegad[oa](?:\(a\))?(?:$| (?P<of>.+)$)")
_ROLE_ONLY = re.compile(
    r"^(?:del?|de la|por el|por la) (?:director|directora|director\(a\)|gerente)(?: general)?$"
)
_DEPARTMENTAL = re.compile(
    r"\bdepartament|\bgobernacion\b|\bseccional de salud\b|\binstituto departamental de salud\b"
    r"|\bidsn?\b|\bunidad administrativa especial de salud\b|\buaesa\b"
)
_HEALTH_BODY = re.compile(r"\bsalud\b|\bidsn?\b|\buaesa\b")
# A non-municipal mesa's own authority: its departmental or district Secretaría de Salud.
_OWN_SECRETARIAT = re.compile(r"\bsecretaria (?:(?:departamental|distrital|seccional) )?de salud\b")
# "Secretaría de Salud de Cundinamarca", "... del Cesar": what follows names the territory.
_NAMED_AFTER = re.compile(r"\bsalud(?: y proteccion social)? (?:de la |del |de )(?P<place>.+)")
# The Ministry, as people write it; not another country's ("Ministerio de Salud Pública").
_MINISTRY = re.compile(r"\bministerio de salud\b(?! publica)|\bmsps\b|\bmin\.? ?salud\b")


def is_ministry(*texts: str | None) -> bool:
    """Whether an entity, dependency or cargo names the Ministerio de Salud (MSPS, MinSalud)."""
    return _MINISTRY.search(fold(" ".join(t for t in texts if t))) is not None


def is_health_secretary(position: str | None, *context: str | None, kind: str = MesaKind.MUNICIPAL) -> bool:
    """Whether a cargo is the Secretario(a) de Salud, the head of the departmental institute
    that acts as one (IDS, IDSN), or a delegate of either (guideline 2.7). A municipal mesa
    convenes the departmental one, so there the cargo, entity or dependency must name it
    (departamental, gobernación, seccional, the institute, or «de <departamento>»)."""
    if not position:
        return False
    cargo = fold(position)
    texts = [cargo, *(fold(t) for t in context if t)]
    if _SECRETARY.search(" ".join(position.casefold().split())):
        return kind != MesaKind.MUNICIPAL or any(_departmental(t) for t in texts)
    role = _HEAD.match(cargo) or _DELEGATE.match(cargo)
    if role is None:
        return False
    of = (role["of"] or "").strip()

    def authority(text: str) -> bool:
        own = kind != MesaKind.MUNICIPAL and _OWN_SECRETARIAT.search(text) is not None
        return _HEALTH_BODY.search(text) is not None and (_departmental(text) or own)

    if authority(of):  # "Directora del IDSN", "Delegada de la Directora del IDSN"
        return True
    # Otherwise the cargo is the bare role ("Director(a)", "Delegado de la Directora") and the
    # entity or dependency names the authority; "Director de Epidemiología" heads something else.
    bare = not of or (role.re is _DELEGATE and _ROLE_ONLY.match(of) is not None)
    return bare and any(authority(t) for t in texts[1:])


def _departmental(text: str) -> bool:
    """Whether a folded text names a departmental body, or a health body after a department
    whose name is no municipality's: "de Cundinamarca" yes; "de Cúcuta", "de Santander de
    Quilichao" or "de Nariño" (a town too, in three departments) no."""
    if _DEPARTMENTAL.search(text):
        return True
    departments, municipalities = _place_names()
    for found in _NAMED_AFTER.finditer(text):
        words = found["place"].split()
        # The longest name the text starts with (a few words: set look-ups, not a scan).
        starts = [" ".join(words[:n]) for n in range(min(len(words), 8), 0, -1)]
        department = next((len(name) for name in starts if name in departments), 0)
        municipality = next((len(name) for name in starts if name in municipalities), 0)
        if department > municipality:
            return True
    return False


@cache
def _place_names() -> tuple[frozenset[str], frozenset[str]]:
    """The folded names of the departments (and "valle") and of the municipalities."""
    from mesa_desktop import territories

    every = territories.all_territories()
    departments = {fold(t.name) for t in every if t.is_department} | {"valle"}
    return frozenset(departments), frozenset(fold(t.name) for t in every if not t.is_department)


def mesa_facts(store: Store, *, year: int | None = None, today: date | None = None) -> compliance.MesaFacts:
    today = today or clock.today()
    year = year or today.year
    with store.reading() as db:
        return facts_of(db, the_mesa(db), year=year, today=today)


def facts_of(db: Db, mesa: Mesa, *, year: int, today: date) -> compliance.MesaFacts:
    """The facts of any one mesa of an open session (a territory's own, or one consolidated
    at the ministry): :func:`facts_for_mesas` for that mesa alone."""
    return facts_for_mesas(db, [mesa], year=year, today=today)[mesa.id]


# What a mesa's stored rows can raise when they fall outside the rules' vocabulary.
INVALID_FACTS = (ValueError, TypeError, KeyError, OverflowError)


def facts_for_mesas(
    db: Db, mesas: Sequence[Mesa], *, year: int, today: date, skip_invalid: bool = False
) -> dict[uuid.UUID, compliance.MesaFacts]:
    """The facts of every mesa of ``mesas``, each kind of row read once for all of them (the
    ministry's national view builds a thousand). With ``skip_invalid`` a mesa whose rows the
    rules refuse (``INVALID_FACTS``) is left out instead of failing the others."""
    rows = _MesaRows(db, mesas)
    facts: dict[uuid.UUID, compliance.MesaFacts] = {}
    for mesa in mesas:
        try:
            facts[mesa.id] = _facts(mesa, rows, year=year, today=today)
        except INVALID_FACTS:
            if not skip_invalid:
                raise
    return facts


# Ids per IN (...) list: far below SQLite's variable limit (999 before 3.32) and PostgreSQL's.
_CHUNK = 500


def id_chunks(ids: Sequence[uuid.UUID]) -> Iterator[list[uuid.UUID]]:
    """``ids`` in lists short enough for one ``IN (...)`` on every backend."""
    ids = list(ids)
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


# A result row read by column name (its columns differ per query).
_Columns = Any


def _as_uuid(key: Any) -> uuid.UUID:
    """A key of ``_key`` back as the id it stores, to bind in a query."""
    return key if isinstance(key, uuid.UUID) else uuid.UUID(key)


def _key(column: Any) -> ColumnElement[Any]:
    """A UUID column's stored value as the driver gives it (hex text on SQLite, a uuid on
    PostgreSQL), only ever compared with other such keys: turning a hundred thousand ids into
    ``uuid.UUID`` costs more than the rest of reading them."""
    return type_coerce(column, String())


class _MesaRows:
    """The rows the facts of some mesas are built from, grouped by mesa (or by session), each
    kind read once per ``_CHUNK`` mesas, as plain columns rather than records. A session's rows
    are reached through a join on its mesa, so no list of session ids is ever sent. Within a
    mesa the rows keep one order however many mesas are read together: ``ORDER BY`` the
    meaningful columns, then creation and id.

    Who is of the ministry or a secretary of health is judged here, once per person, and only
    what the facts ask of attendance is read: which of those people attended each session, and
    which of the secretaries' dependencies were present (the rest of a long attendance list
    changes no fact)."""

    def __init__(self, db: Db, mesas: Sequence[Mesa]) -> None:
        self.mesa_keys: dict[uuid.UUID, Any] = {}
        self.dependencies: dict[Any, list[_Columns]] = defaultdict(list)
        self.people: dict[Any, list[_Columns]] = defaultdict(list)
        self.sessions: dict[Any, list[tuple[MeetingSession, Any]]] = defaultdict(list)
        self.actas: dict[Any, _Columns] = {}  # by session: its latest version
        self.plan_sessions: dict[Any, set[Any]] = defaultdict(set)
        self.commitments: dict[Any, list[_Columns]] = defaultdict(list)
        self.quorate: set[Any] = set()
        self.ministry_people: set[Any] = set()
        self.secretaries: set[Any] = set()
        # By session: the ministry people and secretaries who attended, in check-in order, and
        # which dependencies of those secretaries were present.
        self.attended: dict[Any, list[Any]] = defaultdict(list)
        self.present_dependencies: dict[Any, set[Any]] = defaultdict(set)
        # Recorded absences: an invited actor's means it was convened and did not come.
        self.absences: dict[Any, set[Any]] = defaultdict(set)
        self.presiders: dict[Any, list[_Columns]] = defaultdict(list)
        self.guidelines: set[Any] = set()
        self.reports: dict[Any, list[_Columns]] = defaultdict(list)
        self.groups: dict[Any, list[_Columns]] = defaultdict(list)
        self.liaisons: dict[Any, list[_Columns]] = defaultdict(list)
        # The same cargos and entities recur in every mesa: each text is judged once.
        self.ministry_texts: dict[tuple[str | None, ...], bool] = {}
        self.secretary_texts: dict[tuple[str | None, ...], bool] = {}
        kinds = {mesa.id: mesa.kind for mesa in mesas}
        for chunk in id_chunks(list(kinds)):
            self._read(db, chunk, kinds)

    def ministry(self, *texts: str | None) -> bool:
        if texts not in self.ministry_texts:
            self.ministry_texts[texts] = is_ministry(*texts)
        return self.ministry_texts[texts]

    def secretary(self, kind: str, position: str | None, *context: str | None) -> bool:
        texts = (kind, position, *context)
        if texts not in self.secretary_texts:
            self.secretary_texts[texts] = is_health_secretary(position, *context, kind=kind)
        return self.secretary_texts[texts]

    def _judge_people(self, mesa: Any, kind: str) -> set[Any]:
        """Sort the mesa's people into ministry and secretaries; the secretaries' member
        dependencies, whose absence the acta lists."""
        dependencies = {d.key: d for d in self.dependencies[mesa]}
        absent_candidates = set()
        for person in self.people[mesa]:
            dependency = dependencies.get(person.dependency) if person.dependency else None
            dependency_name = dependency.name if dependency else None
            if self.ministry(person.entity, dependency_name):
                self.ministry_people.add(person.key)
            if self.secretary(kind, person.position, person.entity, dependency_name):
                self.secretaries.add(person.key)
                if dependency is not None:  # an invited actor's counts once recorded absent
                    absent_candidates.add(dependency.key)
        return absent_candidates

    def _read(self, db: Db, ids: list[uuid.UUID], kinds: dict[uuid.UUID, str]) -> None:
        row: _Columns
        # Plain columns through the session's connection (same transaction), without the
        # ORM's per-row bookkeeping; only the sessions are loaded as records.
        columns = db.connection()
        for mesa_id, key in columns.execute(
            select(Mesa.id, _key(Mesa.id).label("key")).where(Mesa.id.in_(ids))
        ).all():
            self.mesa_keys[mesa_id] = key
        for row in columns.execute(
            select(
                _key(Dependency.mesa_id).label("mesa"),
                _key(Dependency.id).label("key"),
                Dependency.id,
                Dependency.name,
                Dependency.invited,
                Dependency.active_from,
                Dependency.active_until,
                Dependency.delegation_notified_on,
            )
            .where(Dependency.mesa_id.in_(ids))
            .order_by(Dependency.position, Dependency.created_at, Dependency.id)
        ).all():
            self.dependencies[row.mesa].append(row)
        for row in columns.execute(
            select(
                _key(Person.mesa_id).label("mesa"),
                _key(Person.id).label("key"),
                _key(Person.dependency_id).label("dependency"),
                Person.full_name,
                Person.position,
                Person.entity,
                Person.role,
                Person.active,
            )
            .where(Person.mesa_id.in_(ids))
            .order_by(Person.created_at, Person.id)
        ).all():
            self.people[row.mesa].append(row)
        # Only the columns the facts read (their dates and times cost most to load).
        sessions = select(
            MeetingSession, _key(MeetingSession.mesa_id).label("mesa"), _key(MeetingSession.id).label("key")
        )
        for session, mesa_key, key in db.execute(
            sessions.options(
                load_only(
                    MeetingSession.year,
                    MeetingSession.number,
                    MeetingSession.kind,
                    MeetingSession.template,
                    MeetingSession.date,
                    MeetingSession.convocation_date,
                    MeetingSession.status,
                    MeetingSession.president_name,
                    MeetingSession.president_position,
                    raiseload=True,
                )
            )
            .where(MeetingSession.mesa_id.in_(ids))
            .order_by(MeetingSession.date, MeetingSession.number, MeetingSession.id)
        ):
            self.sessions[mesa_key].append((session, key))
        for row in columns.execute(
            select(
                _key(Acta.mesa_id).label("mesa"),
                _key(Acta.session_id).label("session"),
                Acta.status,
                Acta.sent_on,
            )
            .where(Acta.mesa_id.in_(ids))
            .order_by(Acta.version, Acta.created_at, Acta.id)
        ).all():
            self.actas[row.mesa, row.session] = row  # the latest version wins
        for mesa_key, session_key in columns.execute(
            select(_key(ActionPlan.mesa_id), _key(ActionPlan.approved_in_session_id)).where(
                ActionPlan.mesa_id.in_(ids)
            )
        ).all():
            self.plan_sessions[mesa_key].add(session_key)
        # The responsible dependency's name joined in, not loaded per commitment.
        for row in columns.execute(
            select(
                _key(Commitment.mesa_id).label("mesa"),
                Commitment.id,
                Commitment.text,
                Commitment.due_date,
                Commitment.status,
                Commitment.done_on,
                Commitment.responsible_person,
                Dependency.name.label("responsible_dependency"),
            )
            .outerjoin(Dependency, Dependency.id == Commitment.responsible_dependency_id)
            .where(Commitment.mesa_id.in_(ids))
            .order_by(Commitment.created_at, Commitment.id)
        ).all():
            self.commitments[row.mesa].append(row)
        of_these = MeetingSession.mesa_id.in_(ids)
        # Quorum reached at some moment of the session (its attendance recorded it).
        self.quorate.update(
            columns.scalars(
                select(_key(QuorumEvent.session_id))
                .join(MeetingSession, MeetingSession.id == QuorumEvent.session_id)
                .where(of_these, QuorumEvent.kind == "established")
            )
        )
        for session_key, dependency_key in columns.execute(
            select(_key(Absence.session_id), _key(Absence.dependency_id))
            .join(MeetingSession, MeetingSession.id == Absence.session_id)
            .where(of_these)
        ).all():
            self.absences[session_key].add(dependency_key)
        watched: list[uuid.UUID] = []  # people and dependencies, as ids to bind
        dependencies: list[uuid.UUID] = []
        for mesa_id in ids:
            key = self.mesa_keys[mesa_id]
            dependencies += map(_as_uuid, self._judge_people(key, kinds[mesa_id]))
            watched += (
                _as_uuid(p.key)
                for p in self.people[key]
                if p.key in self.ministry_people or p.key in self.secretaries
            )
        attended: list[Any] = []
        for chunk in id_chunks(watched):
            attended += columns.execute(
                select(
                    _key(Attendance.session_id),
                    _key(Attendance.person_id),
                    Attendance.created_at,
                    _key(Attendance.id),
                ).where(Attendance.person_id.in_(chunk))
            ).all()
        # Check-in order within each session, as one query with ORDER BY would give.
        for session_key, person_key, *_order in sorted(attended, key=lambda row: (row[2], row[3])):
            self.attended[session_key].append(person_key)
        for chunk in id_chunks(dependencies):
            for session_key, dependency_key in columns.execute(
                select(_key(Attendance.session_id), _key(Attendance.dependency_id))
                .where(Attendance.dependency_id.in_(chunk))
                .distinct()
            ).all():
                self.present_dependencies[session_key].add(dependency_key)
        for row in columns.execute(
            select(
                _key(Presider.session_id).label("session"),
                _key(Presider.person_id).label("person"),
                Presider.full_name,
                Presider.role_title,
                Presider.entity,
            )
            .join(MeetingSession, MeetingSession.id == Presider.session_id)
            .where(of_these)
            .order_by(Presider.position, Presider.created_at, Presider.id)
        ).all():
            self.presiders[row.session].append(row)
        self.guidelines.update(
            columns.scalars(
                select(_key(AgendaItem.session_id))
                .join(MeetingSession, MeetingSession.id == AgendaItem.session_id)
                .where(of_these, AgendaItem.purpose == AgendaPurpose.NATIONAL_GUIDELINES)
            )
        )
        for row in columns.execute(
            select(
                _key(PeriodicReport.mesa_id).label("mesa"),
                PeriodicReport.period_start,
                PeriodicReport.period_end,
                PeriodicReport.issued_on,
                PeriodicReport.sent_on,
                PeriodicReport.number,
            )
            .where(PeriodicReport.mesa_id.in_(ids), PeriodicReport.issued_on.is_not(None))
            .order_by(PeriodicReport.created_at, PeriodicReport.id)
        ).all():
            self.reports[row.mesa].append(row)
        for row in columns.execute(
            select(
                _key(WorkGroup.mesa_id).label("mesa"),
                _key(WorkGroup.id).label("key"),
                WorkGroup.name,
                WorkGroup.created_at,
            )
            .where(WorkGroup.mesa_id.in_(ids))
            .order_by(WorkGroup.position, WorkGroup.name, WorkGroup.id)
        ).all():
            self.groups[row.mesa].append(row)
        for row in columns.execute(
            select(
                _key(Liaison.mesa_id).label("mesa"),
                _key(Liaison.work_group_id).label("work_group"),
                Liaison.dependency_id,
                Liaison.designated_on,
                Dependency.name.label("dependency"),
                Person.full_name.label("person"),
            )
            .join(Dependency, Dependency.id == Liaison.dependency_id)
            .join(Person, Person.id == Liaison.person_id)
            .where(Liaison.mesa_id.in_(ids))
            .order_by(Liaison.created_at, Liaison.id)
        ).all():
            self.liaisons[row.mesa].append(row)


def _facts(mesa: Mesa, rows: _MesaRows, *, year: int, today: date) -> compliance.MesaFacts:
    key = rows.mesa_keys[mesa.id]
    sessions = rows.sessions[key]
    plan_sessions = rows.plan_sessions[key]
    people = _SessionPeople(rows, key, mesa.kind)
    created = clock.local(mesa.created_at).date() if mesa.created_at else None
    groups = rows.groups[key]
    group_names = {g.key: g.name for g in groups}
    return compliance.MesaFacts(
        today=today,
        year=year,
        kind=mesa.kind,
        created_on=min(created, today) if created else None,
        guideline_communicated_on=mesa.guideline_communicated_on,
        resolution_effective_on=mesa.resolution_effective_on,
        focal_point_reported_on=mesa.focal_point_reported_on,
        acto_number=mesa.acto_number,
        acto_date=mesa.acto_date,
        acto_issued_by=mesa.acto_authority,
        convocation_lead_days=mesa.convocation_lead_days,
        dependencies=tuple(
            compliance.DependencyFacts(
                name=d.name, delegation_notified_on=d.delegation_notified_on, id=str(d.id)
            )
            for d in rows.dependencies[key]
            if not d.invited and (d.active_until is None or d.active_until.year >= year)
        ),
        sessions=tuple(
            compliance.SessionFacts(
                session_date=s.date,
                kind=s.kind,
                template=s.template,
                status=s.status,
                convened_on=s.convocation_date,
                # A ministry person checked in or presided; the session's checkbox is
                # only a plan (2.7 counts meetings that happened).
                ministry_participated=people.ministry_attended(s_key),
                ministry_presided=people.ministry_presided(s_key),
                guidelines_on_agenda=s_key in rows.guidelines,
                secretary_convened=people.secretary_convened(s.date),
                secretary_in_acta=people.secretary_in_acta(s, s_key),
                action_plan_approved_here=s_key in plan_sessions,
                acta_status=acta.status if (acta := rows.actas.get((key, s_key))) else compliance.ACTA_NONE,
                acta_sent_on=acta.sent_on if acta else None,
                id=str(s.id),
                number=s.label,
                reached_quorum=s.kind != "ordinary" or s_key in rows.quorate,
            )
            for s, s_key in sessions
        ),
        commitments=tuple(
            compliance.CommitmentFacts(
                text=c.text,
                due_on=c.due_date,
                status=c.status,
                done_on=c.done_on,
                id=str(c.id),
                responsible=c.responsible_dependency
                if c.responsible_dependency is not None
                else c.responsible_person,
            )
            for c in rows.commitments[key]
        ),
        periodic_report_frequency=mesa.periodic_report_frequency or "semestral",
        periodic_reports=tuple(
            compliance.PeriodicReportFacts(
                r.period_start, r.period_end, cast(date, r.issued_on), r.sent_on, r.number
            )
            for r in rows.reports[key]
        ),
        work_groups=tuple(g.name for g in groups),
        # A group without a known creation takes the mesa's start as its term.
        work_group_dates=tuple((g.name, clock.local(g.created_at).date()) for g in groups if g.created_at),
        liaisons=tuple(
            compliance.LiaisonFacts(
                dependency=row.dependency,
                work_group=group_names[row.work_group],
                person=row.person,
                designated_on=row.designated_on,
                dependency_id=str(row.dependency_id),
            )
            for row in rows.liaisons[key]
        ),
    )


def check(store: Store, *, year: int | None = None, today: date | None = None) -> list[compliance.Finding]:
    return compliance.evaluate(mesa_facts(store, year=year, today=today))


class _SessionPeople:
    """Who was convened to, attended and presided each session of one mesa, from its rows.
    Whether a person is of the ministry or a secretary of health is judged once per person;
    the secretaries a session may convene or list as absent are found once per mesa, and
    each session keeps those whose dependency is active on its date."""

    def __init__(self, rows: _MesaRows, mesa: Any, kind: str) -> None:
        self.rows = rows
        self.kind = kind
        self.dependencies = {d.key: d for d in rows.dependencies[mesa]}
        self.people = {p.key: p for p in rows.people[mesa]}
        # Only this mesa's: someone of another mesa in one of its sessions counts for nothing.
        self.ministry_people = {key for key in self.people if key in rows.ministry_people}
        self.secretaries = {key for key in self.people if key in rows.secretaries}
        self._convocable: list[tuple[_Columns, _Columns]] = []  # (person, dependency)
        self._absent_candidates: list[tuple[_Columns, _Columns]] = []
        for person in self.people.values():
            if person.key not in self.secretaries or not person.active or not person.dependency:
                continue
            dependency = self.dependencies.get(person.dependency)
            if dependency is None:
                continue
            if person.role in _CONVOKED_ROLES:
                self._convocable.append((person, dependency))
            self._absent_candidates.append((person, dependency))

    def _ministry(self, *texts: str | None) -> bool:
        return self.rows.ministry(*texts)

    def _secretary(self, position: str | None, *context: str | None) -> bool:
        return self.rows.secretary(self.kind, position, *context)

    @staticmethod
    def _name(person: _Columns) -> str:
        return f"{person.full_name} ({person.position})" if person.position else person.full_name

    def ministry_presided(self, session: Any) -> bool:
        for presider in self.rows.presiders.get(session, ()):
            if (
                self._ministry(presider.entity, presider.role_title)
                or presider.person in self.ministry_people
            ):
                return True
        return False

    def ministry_attended(self, session: Any) -> bool:
        ministry = self.ministry_people
        return any(person in ministry for person in self.rows.attended.get(session, ())) or (
            self.ministry_presided(session)
        )

    def secretary_convened(self, day: date) -> tuple[str, ...]:
        return tuple(
            sorted(
                self._name(person)
                for person, dependency in self._convocable
                if active_on(day, dependency.active_from, dependency.active_until)
            )
        )

    def secretary_in_acta(self, session: MeetingSession, key: Any) -> tuple[str, ...]:
        """The secretary (or delegate) among the acta's attendees, presiders or absent
        dependencies (an absent member dependency is listed in the acta)."""
        names: list[str] = []
        presiders = self.rows.presiders.get(key, ())
        for person_key in self.rows.attended.get(key, ()):
            if person_key in self.secretaries:
                names.append(self._name(self.people[person_key]))
        for presider in presiders:
            person = self.people.get(presider.person) if presider.person else None
            if (person is not None and person.key in self.secretaries) or self._secretary(
                presider.role_title, presider.entity
            ):
                title = presider.role_title or (person.position if person else None)
                names.append(f"{presider.full_name} ({title}, presidencia)" if title else presider.full_name)
        if not presiders and self._secretary(session.president_position):
            names.append(f"{session.president_name} ({session.president_position}, presidencia)")
        present = self.rows.present_dependencies.get(key, ())
        absent = self.rows.absences.get(key, ())
        for _person, dependency in self._absent_candidates:
            if (
                (not dependency.invited or dependency.key in absent)
                and active_on(session.date, dependency.active_from, dependency.active_until)
                and dependency.key not in present
            ):
                names.append(f"{dependency.name} (ausente)")
        return tuple(dict.fromkeys(names))

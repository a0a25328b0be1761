"""Compliance of the mesa with the guideline (DESIGN §2), built from the store's facts."""

from __future__ import annotations

import re
import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import cast

from sqlalchemy import select
from sqlalchemy.orm import Session as Db

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
_PLACES: tuple[frozenset[str], frozenset[str]] | None = None
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


def _place_names() -> tuple[frozenset[str], frozenset[str]]:
    """The folded names of the departments (and "valle") and of the municipalities."""
    global _PLACES
    if _PLACES is None:
        from mesa_desktop import territories

        every = territories.all_territories()
        departments = {fold(t.name) for t in every if t.is_department} | {"valle"}
        _PLACES = frozenset(departments), frozenset(fold(t.name) for t in every if not t.is_department)
    return _PLACES


def mesa_facts(store: Store, *, year: int | None = None, today: date | None = None) -> compliance.MesaFacts:
    today = today or clock.today()
    year = year or today.year
    with store.reading() as db:
        return facts_of(db, the_mesa(db), year=year, today=today)


def facts_of(
    db: Db, mesa: Mesa, *, year: int, today: date, quorate: set[uuid.UUID] | None = None
) -> compliance.MesaFacts:
    """The facts of any one mesa of an open session: a territory's own, or each consolidated
    one at the ministry (``quorate`` read once for all of them there)."""
    deps = db.scalars(
        select(Dependency)
        .where(Dependency.mesa_id == mesa.id, Dependency.invited.is_(False))
        .order_by(Dependency.position)
    ).all()
    sessions = db.scalars(
        select(MeetingSession).where(MeetingSession.mesa_id == mesa.id).order_by(MeetingSession.date)
    ).all()
    actas: dict[uuid.UUID, Acta] = {}
    for acta in db.scalars(select(Acta).where(Acta.mesa_id == mesa.id).order_by(Acta.version)):
        actas[acta.session_id] = acta  # the latest version wins
    plan_sessions = set(
        db.scalars(select(ActionPlan.approved_in_session_id).where(ActionPlan.mesa_id == mesa.id))
    )
    commitments = db.scalars(select(Commitment).where(Commitment.mesa_id == mesa.id)).all()
    # Quorum reached at some moment of the session (its attendance recorded it).
    if quorate is None:
        quorate = quorate_sessions(db)
    people = _SessionPeople(db, mesa.id, mesa.kind, [s.id for s in sessions])
    created = clock.local(mesa.created_at).date() if mesa.created_at else None
    reports = db.scalars(
        select(PeriodicReport).where(PeriodicReport.mesa_id == mesa.id, PeriodicReport.issued_on.is_not(None))
    ).all()
    groups = db.scalars(
        select(WorkGroup).where(WorkGroup.mesa_id == mesa.id).order_by(WorkGroup.position, WorkGroup.name)
    ).all()
    group_names = {g.id: g.name for g in groups}
    liaisons = db.scalars(select(Liaison).where(Liaison.mesa_id == mesa.id)).all()
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
            for d in deps
            if d.active_until is None or d.active_until.year >= year
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
                ministry_participated=people.ministry_attended(s),
                ministry_presided=people.ministry_presided(s),
                guidelines_on_agenda=s.id in people.guidelines,
                secretary_convened=people.secretary_convened(s),
                secretary_in_acta=people.secretary_in_acta(s),
                action_plan_approved_here=s.id in plan_sessions,
                acta_status=actas[s.id].status if s.id in actas else compliance.ACTA_NONE,
                acta_sent_on=actas[s.id].sent_on if s.id in actas else None,
                id=str(s.id),
                number=s.label,
                reached_quorum=s.kind != "ordinary" or s.id in quorate,
            )
            for s in sessions
        ),
        commitments=tuple(
            compliance.CommitmentFacts(
                text=c.text,
                due_on=c.due_date,
                status=c.status,
                done_on=c.done_on,
                id=str(c.id),
                responsible=c.responsible_dependency.name
                if c.responsible_dependency
                else c.responsible_person,
            )
            for c in commitments
        ),
        periodic_report_frequency=mesa.periodic_report_frequency or "semestral",
        periodic_reports=tuple(
            compliance.PeriodicReportFacts(
                r.period_start, r.period_end, cast(date, r.issued_on), r.sent_on, r.number
            )
            for r in reports
        ),
        work_groups=tuple(g.name for g in groups),
        # A group without a known creation (a row read without it) takes the mesa's start as its term.
        work_group_dates=tuple(
            (g.name, clock.local(created).date())
            for g in groups
            if (created := getattr(g, "created_at", None))
        ),
        liaisons=tuple(
            compliance.LiaisonFacts(
                dependency=row.dependency.name,
                work_group=group_names[row.work_group_id],
                person=row.person.full_name,
                designated_on=row.designated_on,
                dependency_id=str(row.dependency_id),
            )
            for row in liaisons
        ),
    )


def quorate_sessions(db: Db) -> set[uuid.UUID]:
    """Sessions whose attendance reached quorum at some moment."""
    return set(db.scalars(select(QuorumEvent.session_id).where(QuorumEvent.kind == "established")))


def check(store: Store, *, year: int | None = None, today: date | None = None) -> list[compliance.Finding]:
    return compliance.evaluate(mesa_facts(store, year=year, today=today))


class _SessionPeople:
    """Who was convened to, attended and presided each session, read in a few queries."""

    def __init__(self, db: Db, mesa_id: uuid.UUID, kind: str, session_ids: Iterable[uuid.UUID]) -> None:
        ids = list(session_ids)
        self.kind = kind
        self.dependencies = {
            d.id: d for d in db.scalars(select(Dependency).where(Dependency.mesa_id == mesa_id))
        }
        self.people = {p.id: p for p in db.scalars(select(Person).where(Person.mesa_id == mesa_id))}
        self._ministry_people: dict[uuid.UUID, bool] = {}
        self._secretaries: dict[uuid.UUID, bool] = {}
        self.attended: dict[uuid.UUID, list[Attendance]] = defaultdict(list)
        for row in db.scalars(select(Attendance).where(Attendance.session_id.in_(ids))):
            self.attended[row.session_id].append(row)
        self.presiders: dict[uuid.UUID, list[Presider]] = defaultdict(list)
        for presider in db.scalars(select(Presider).where(Presider.session_id.in_(ids))):
            self.presiders[presider.session_id].append(presider)
        self.guidelines = set(
            db.scalars(
                select(AgendaItem.session_id).where(
                    AgendaItem.session_id.in_(ids), AgendaItem.purpose == AgendaPurpose.NATIONAL_GUIDELINES
                )
            )
        )
        # Recorded absences: an invited actor's means it was convened and did not come.
        self.absences: dict[uuid.UUID, set[uuid.UUID]] = defaultdict(set)
        for session_id, dependency_id in db.execute(
            select(Absence.session_id, Absence.dependency_id).where(Absence.session_id.in_(ids))
        ):
            self.absences[session_id].add(dependency_id)

    def _dependency_name(self, person: Person) -> str | None:
        dependency = self.dependencies.get(person.dependency_id) if person.dependency_id else None
        return dependency.name if dependency else None

    # Memoised per person: every session asks again, and the ministry asks for every mesa.
    def _is_ministry_person(self, person: Person) -> bool:
        if person.id not in self._ministry_people:
            self._ministry_people[person.id] = is_ministry(person.entity, self._dependency_name(person))
        return self._ministry_people[person.id]

    def _is_secretary(self, person: Person) -> bool:
        if person.id not in self._secretaries:
            self._secretaries[person.id] = is_health_secretary(
                person.position, person.entity, self._dependency_name(person), kind=self.kind
            )
        return self._secretaries[person.id]

    @staticmethod
    def _name(person: Person) -> str:
        return f"{person.full_name} ({person.position})" if person.position else person.full_name

    def ministry_presided(self, session: MeetingSession) -> bool:
        for presider in self.presiders[session.id]:
            person = self.people.get(presider.person_id) if presider.person_id else None
            if is_ministry(presider.entity, presider.role_title) or (
                person and self._is_ministry_person(person)
            ):
                return True
        return False

    def ministry_attended(self, session: MeetingSession) -> bool:
        present = (self.people.get(row.person_id) for row in self.attended[session.id])
        return any(p is not None and self._is_ministry_person(p) for p in present) or self.ministry_presided(
            session
        )

    def secretary_convened(self, session: MeetingSession) -> tuple[str, ...]:
        names = []
        for person in self.people.values():
            dependency = self.dependencies.get(person.dependency_id) if person.dependency_id else None
            if (
                dependency is not None
                and dependency.is_active_on(session.date)
                and person.active
                and person.role in _CONVOKED_ROLES
                and self._is_secretary(person)
            ):
                names.append(self._name(person))
        return tuple(sorted(names))

    def secretary_in_acta(self, session: MeetingSession) -> tuple[str, ...]:
        """The secretary (or delegate) among the acta's attendees, presiders or absent
        dependencies (an absent member dependency is listed in the acta)."""
        names: list[str] = []
        present_dependencies = {row.dependency_id for row in self.attended[session.id]}
        for row in self.attended[session.id]:
            person = self.people.get(row.person_id)
            if person is not None and self._is_secretary(person):
                names.append(self._name(person))
        for presider in self.presiders[session.id]:
            person = self.people.get(presider.person_id) if presider.person_id else None
            if (person is not None and self._is_secretary(person)) or is_health_secretary(
                presider.role_title, presider.entity, kind=self.kind
            ):
                title = presider.role_title or (person.position if person else None)
                names.append(f"{presider.full_name} ({title}, presidencia)" if title else presider.full_name)
        if not self.presiders[session.id] and is_health_secretary(session.president_position, kind=self.kind):
            names.append(f"{session.president_name} ({session.president_position}, presidencia)")
        for person in self.people.values():
            dependency = self.dependencies.get(person.dependency_id) if person.dependency_id else None
            if (
                dependency is not None
                and (not dependency.invited or dependency.id in self.absences[session.id])
                and dependency.is_active_on(session.date)
                and dependency.id not in present_dependencies
                and person.active
                and self._is_secretary(person)
            ):
                names.append(f"{dependency.name} (ausente)")
        return tuple(dict.fromkeys(names))

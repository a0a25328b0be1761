"""Enlaces permanentes of the national mesa (guideline 1.4): the Plan's work groups and, for
each member dependency, the professional of that dependency designated for each group."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mesa_desktop import clock
from mesa_desktop.errors import Conflict, InvalidInput, NotFound
from mesa_desktop.formatting import long_date
from mesa_desktop.models import Dependency, Liaison, Mesa, Person, WorkGroup
from mesa_desktop.resources import resource_path
from mesa_desktop.services.lookup import find_dependency, find_person, fold, the_mesa
from mesa_desktop.store import Store
from mesa_desktop.vocabulary import MesaKind

PRESET_FILE = "grupos_de_trabajo.json"


@dataclass(frozen=True)
class WorkGroupInfo:
    id: uuid.UUID
    name: str
    position: int


@dataclass(frozen=True)
class LiaisonInfo:
    dependency_id: uuid.UUID
    dependency_name: str
    work_group_id: uuid.UUID
    work_group_name: str
    person_id: uuid.UUID | None  # None: the dependency has not designated anybody yet
    person_name: str | None
    designated_on: date | None


@dataclass(frozen=True)
class LiaisonMatrix:
    """Rows are the active member dependencies, columns the work groups; every pair has a cell."""

    national: bool
    work_groups: list[WorkGroupInfo]
    dependencies: list[tuple[uuid.UUID, str]]
    cells: dict[tuple[uuid.UUID, uuid.UUID], LiaisonInfo]
    # The people each dependency may designate (its active people), for the chooser.
    candidates: dict[uuid.UUID, list[tuple[uuid.UUID, str]]]

    def cell(self, dependency_id: uuid.UUID, work_group_id: uuid.UUID) -> LiaisonInfo:
        return self.cells[(dependency_id, work_group_id)]

    @property
    def missing(self) -> list[LiaisonInfo]:
        return [
            self.cells[(d, g.id)]
            for d, _ in self.dependencies
            for g in self.work_groups
            if self.cells[(d, g.id)].person_id is None
        ]


def preset_work_groups() -> list[str]:
    with open(resource_path("presets", PRESET_FILE), encoding="utf-8") as handle:
        names: list[str] = json.load(handle)["work_groups"]
    return names


def _clean_name(name: str) -> str:
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("El nombre del grupo de trabajo no puede estar vacío.")
    if len(name) > 200:
        raise InvalidInput("El nombre del grupo de trabajo no puede pasar de 200 caracteres.")
    return name


def same_name(a: str, b: str) -> bool:
    """Work group names match regardless of case, accents and spacing."""
    return fold(a) == fold(b)


def _group_named(db: Session, mesa: Mesa, name: str) -> WorkGroup | None:
    wanted = fold(name)
    for group in db.scalars(select(WorkGroup).where(WorkGroup.mesa_id == mesa.id)):
        if fold(group.name) == wanted:
            return group
    return None


def _find_group(db: Session, mesa: Mesa, reference: str | uuid.UUID) -> WorkGroup:
    if isinstance(reference, uuid.UUID):
        group = db.get(WorkGroup, reference)
        if group is None or group.mesa_id != mesa.id:
            raise NotFound("Ese grupo de trabajo ya no existe.")
        return group
    found = _group_named(db, mesa, reference)
    if found is None:
        names = ", ".join(g.name for g in _groups(db, mesa)) or "ninguno"
        raise NotFound(f"No existe el grupo de trabajo «{reference}». Grupos de la mesa: {names}.")
    return found


def _groups(db: Session, mesa: Mesa) -> list[WorkGroup]:
    return list(
        db.scalars(
            select(WorkGroup).where(WorkGroup.mesa_id == mesa.id).order_by(WorkGroup.position, WorkGroup.name)
        )
    )


def _group_info(group: WorkGroup) -> WorkGroupInfo:
    return WorkGroupInfo(group.id, group.name, group.position)


def list_work_groups(store: Store) -> list[WorkGroupInfo]:
    with store.reading() as db:
        return [_group_info(g) for g in _groups(db, the_mesa(db))]


def add_work_group(store: Store, name: str) -> WorkGroupInfo:
    name = _clean_name(name)
    with store.transaction() as db:
        mesa = the_mesa(db)
        if _group_named(db, mesa, name) is not None:
            raise Conflict(f"Ya existe el grupo de trabajo «{name}».")
        last = db.scalar(select(func.max(WorkGroup.position)).where(WorkGroup.mesa_id == mesa.id))
        group = WorkGroup(mesa_id=mesa.id, name=name, position=(last or 0) + 1)
        db.add(group)
        db.flush()
        return _group_info(group)


def rename_work_group(store: Store, work_group_id: uuid.UUID, name: str) -> WorkGroupInfo:
    name = _clean_name(name)
    with store.transaction() as db:
        mesa = the_mesa(db)
        group = _find_group(db, mesa, work_group_id)
        other = _group_named(db, mesa, name)
        if other is not None and other.id != group.id:
            raise Conflict(f"Ya existe el grupo de trabajo «{name}».")
        group.name = name
        db.flush()
        return _group_info(group)


def remove_work_group(store: Store, work_group_id: uuid.UUID) -> None:
    """The group and its designations go (the designations are about that group only)."""
    with store.transaction() as db:
        group = _find_group(db, the_mesa(db), work_group_id)
        for liaison in db.scalars(select(Liaison).where(Liaison.work_group_id == group.id)):
            db.delete(liaison)
        db.delete(group)
        db.flush()


def load_preset_work_groups(store: Store) -> list[WorkGroupInfo]:
    """Adds the Plan's groups the mesa does not have yet; the ones it has stay."""
    with store.transaction() as db:
        mesa = the_mesa(db)
        first = len(_groups(db, mesa))
        for offset, name in enumerate(preset_work_groups(), start=1):
            if _group_named(db, mesa, name) is None:
                db.add(WorkGroup(mesa_id=mesa.id, name=name, position=first + offset))
        db.flush()
        return [_group_info(g) for g in _groups(db, mesa)]


def _member_dependencies(db: Session, mesa: Mesa, today: date) -> list[Dependency]:
    deps = db.scalars(
        select(Dependency)
        .where(Dependency.mesa_id == mesa.id, Dependency.invited.is_(False))
        .order_by(Dependency.position, Dependency.name)
    )
    return [d for d in deps if d.is_active_on(today)]


def matrix(store: Store, *, today: date | None = None) -> LiaisonMatrix:
    """Every (dependency, work group) pair with its designation, from one read."""
    today = today or clock.today()
    with store.reading() as db:
        mesa = the_mesa(db)
        groups = _groups(db, mesa)
        deps = _member_dependencies(db, mesa, today)
        designated = {
            (row.dependency_id, row.work_group_id): row
            for row in db.scalars(select(Liaison).where(Liaison.mesa_id == mesa.id))
        }
        people = db.scalars(
            select(Person).where(Person.mesa_id == mesa.id, Person.active).order_by(Person.full_name)
        ).all()
        candidates: dict[uuid.UUID, list[tuple[uuid.UUID, str]]] = {d.id: [] for d in deps}
        for person in people:
            if person.dependency_id in candidates:
                candidates[person.dependency_id].append((person.id, person.full_name))
        cells = {}
        for dep in deps:
            for group in groups:
                row = designated.get((dep.id, group.id))
                cells[(dep.id, group.id)] = LiaisonInfo(
                    dependency_id=dep.id,
                    dependency_name=dep.name,
                    work_group_id=group.id,
                    work_group_name=group.name,
                    person_id=row.person_id if row else None,
                    person_name=row.person.full_name if row else None,
                    designated_on=row.designated_on if row else None,
                )
        return LiaisonMatrix(
            national=mesa.kind == MesaKind.NATIONAL,
            work_groups=[_group_info(g) for g in groups],
            dependencies=[(d.id, d.name) for d in deps],
            cells=cells,
            candidates=candidates,
        )


def _national_mesa(db: Session) -> Mesa:
    mesa = the_mesa(db)
    if mesa.kind != MesaKind.NATIONAL:
        raise InvalidInput(
            "Los enlaces permanentes por grupo de trabajo son de la mesa nacional (numeral 1.4); "
            "esta es una mesa territorial."
        )
    return mesa


def _resolve(
    db: Session, mesa: Mesa, dependency: str | uuid.UUID, work_group: str | uuid.UUID
) -> tuple[Dependency, WorkGroup]:
    dep = find_dependency(db, mesa, dependency)
    if dep.invited:
        raise InvalidInput(
            f"«{dep.name}» es un actor invitado; solo las dependencias miembro designan enlaces."
        )
    return dep, _find_group(db, mesa, work_group)


def designate(
    store: Store,
    *,
    dependency: str | uuid.UUID,
    work_group: str | uuid.UUID,
    person: str | uuid.UUID,
    on: date | None = None,
) -> LiaisonInfo:
    """Designates (or changes) the dependency's enlace for the group; ``on`` defaults to today."""
    on = on or clock.today()
    if on > clock.today():
        # A designation announced for later is not one yet: compliance would count it today.
        raise InvalidInput(
            f"La fecha de designación {long_date(on)} aún no ha llegado; indique la fecha de hoy o una pasada."
        )
    with store.transaction() as db:
        mesa = _national_mesa(db)
        dep, group = _resolve(db, mesa, dependency, work_group)
        who = find_person(db, mesa, person)
        if who.dependency_id != dep.id:
            raise InvalidInput(
                f"{who.full_name} no pertenece a «{dep.name}»; el enlace permanente es un "
                "profesional del equipo técnico de la dependencia que lo designa."
            )
        if not who.active:
            raise InvalidInput(f"{who.full_name} está inactivo(a) en la mesa.")
        row = db.scalar(
            select(Liaison).where(Liaison.dependency_id == dep.id, Liaison.work_group_id == group.id)
        )
        if row is None:
            row = Liaison(mesa_id=mesa.id, dependency_id=dep.id, work_group_id=group.id, person_id=who.id)
            db.add(row)
        row.person_id = who.id
        row.designated_on = on
        db.flush()
        return LiaisonInfo(dep.id, dep.name, group.id, group.name, who.id, who.full_name, on)


def remove_designation(
    store: Store, *, dependency: str | uuid.UUID, work_group: str | uuid.UUID
) -> LiaisonInfo:
    with store.transaction() as db:
        mesa = _national_mesa(db)
        dep, group = _resolve(db, mesa, dependency, work_group)
        row = db.scalar(
            select(Liaison).where(Liaison.dependency_id == dep.id, Liaison.work_group_id == group.id)
        )
        if row is None:
            raise NotFound(f"«{dep.name}» no tiene enlace designado para «{group.name}».")
        db.delete(row)
        db.flush()
        return LiaisonInfo(dep.id, dep.name, group.id, group.name, None, None, None)

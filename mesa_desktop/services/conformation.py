"""Conformation of the mesa: creating it, its dependencies, invited actors and people."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from mesa_desktop import clock, labels, territories
from mesa_desktop.clock import utcnow
from mesa_desktop.email_address import check_email, is_valid_email
from mesa_desktop.errors import Conflict, InvalidInput, NotFound
from mesa_desktop.models import Dependency, Mesa, Person
from mesa_desktop.models.members import ROLES
from mesa_desktop.models.mesa import MESA_KINDS
from mesa_desktop.person_codes import unused_code
from mesa_desktop.resources import resource_path
from mesa_desktop.rules import quorum
from mesa_desktop.services.lookup import find_dependency, fold, the_mesa
from mesa_desktop.store import Store
from mesa_desktop.vocabulary import MesaKind

PRESETS = {"nacional": "nacional.json", "territorial": "territorial.json"}
KIND_LABELS = {kind.value: kind.label.lower() for kind in MesaKind}  # "distrital", inside a sentence
ROLE_LABELS = labels.ROLE_LABELS


@dataclass(frozen=True)
class MesaInfo:
    id: uuid.UUID
    territory_code: str
    territory_name: str
    kind: str
    name: str
    entity_name: str
    quorum_rule: str
    acto_number: str | None
    acto_date: date | None
    acto_authority: str | None
    focal_point_name: str | None
    focal_point_email: str | None
    convocation_lead_days: int
    focal_point_position: str | None = None
    focal_point_phone: str | None = None
    focal_point_reported_on: date | None = None
    guideline_communicated_on: date | None = None
    resolution_effective_on: date | None = None
    default_place: str | None = None


@dataclass(frozen=True)
class PersonInfo:
    id: uuid.UUID
    full_name: str
    position: str | None
    entity: str | None
    email: str | None
    phone: str | None
    role: str
    dependency_id: uuid.UUID | None
    dependency_name: str | None
    consent_given: bool
    check_in_code: str | None = None  # XXXX-XXXX, mesa_desktop/person_codes.py


@dataclass(frozen=True)
class DependencyInfo:
    id: uuid.UUID
    name: str
    short_name: str | None
    invited: bool
    active: bool
    delegation_notified_on: date | None
    people: tuple[PersonInfo, ...] = field(default=())
    active_until: date | None = None
    active_from: date | None = None  # member since (None: since the mesa began)

    def is_active_on(self, day: date) -> bool:
        """Whether it belongs to the mesa on ``day`` (walk-ins and absences of that session)."""
        return (self.active_from is None or self.active_from <= day) and (
            self.active_until is None or day <= self.active_until
        )


def mesa_info(mesa: Mesa) -> MesaInfo:
    return MesaInfo(
        id=mesa.id,
        territory_code=mesa.territory_code,
        territory_name=territories.get(mesa.territory_code).full_name,
        kind=mesa.kind,
        name=mesa.name,
        entity_name=mesa.entity_name,
        quorum_rule=mesa.quorum_rule,
        acto_number=mesa.acto_number,
        acto_date=mesa.acto_date,
        acto_authority=mesa.acto_authority,
        focal_point_name=mesa.focal_point_name,
        focal_point_email=mesa.focal_point_email,
        convocation_lead_days=mesa.convocation_lead_days,
        focal_point_position=mesa.focal_point_position,
        focal_point_phone=mesa.focal_point_phone,
        focal_point_reported_on=mesa.focal_point_reported_on,
        guideline_communicated_on=mesa.guideline_communicated_on,
        resolution_effective_on=mesa.resolution_effective_on,
        default_place=mesa.default_place,
    )


def person_info(person: Person) -> PersonInfo:
    return PersonInfo(
        id=person.id,
        full_name=person.full_name,
        position=person.position,
        entity=person.entity or (person.dependency.name if person.dependency else None),
        email=person.email,
        phone=person.phone,
        role=person.role,
        dependency_id=person.dependency_id,
        dependency_name=person.dependency.name if person.dependency else None,
        consent_given=person.consent_given,
        check_in_code=person.check_in_code,
    )


def load_preset(name: str) -> dict[str, Any]:
    if name not in PRESETS:
        raise InvalidInput(f"No existe la plantilla «{name}»; use: {', '.join(PRESETS)}.")
    with open(resource_path("presets", PRESETS[name]), encoding="utf-8") as handle:
        preset: dict[str, Any] = json.load(handle)
        return preset


def default_kind(territory_code: str) -> str:
    if territory_code == territories.NATIONAL_CODE:
        return "national"
    if territory_code == "11001":
        return "district"
    return "departmental" if len(territory_code) == 2 else "municipal"


def init_mesa(
    store: Store,
    *,
    territory_code: str,
    kind: str | None = None,
    preset: str | None = None,
    entity_name: str | None = None,
    quorum_rule: str = quorum.DEFAULT_RULE,
    focal_point_name: str | None = None,
    focal_point_email: str | None = None,
    acto_number: str | None = None,
    acto_date: date | None = None,
    acto_authority: str | None = None,
) -> MesaInfo:
    territory = territories.get(territory_code)
    kind = kind or default_kind(territory.code)
    if kind not in MESA_KINDS:
        raise InvalidInput(f"Tipo de mesa desconocido «{kind}»; use: {', '.join(MESA_KINDS)}.")
    if quorum_rule not in quorum.RULES:
        raise InvalidInput(f"Regla de quórum desconocida «{quorum_rule}».")
    preset_data = load_preset(preset) if preset else None
    with store.transaction() as db:
        if db.scalar(select(Mesa.id).limit(1)) is not None:
            raise Conflict("Este almacén ya tiene una mesa; no se creó otra.")
        if kind == "national":
            name = "Mesa técnica de migración y salud del Ministerio de Salud y Protección Social"
            default_entity = "Ministerio de Salud y Protección Social"
        else:
            name = f"Mesa técnica territorial de migración y salud de {territory.name}"
            default_entity = f"Secretaría de Salud de {territory.name}"
        mesa = Mesa(
            territory_code=territory.code,
            kind=kind,
            name=name,
            entity_name=entity_name or default_entity,
            quorum_rule=quorum_rule,
            focal_point_name=focal_point_name,
            focal_point_email=focal_point_email,
            acto_number=acto_number,
            acto_date=acto_date,
            acto_authority=acto_authority,
        )
        db.add(mesa)
        db.flush()
        if preset_data:
            _add_preset_members(db, mesa, preset_data)
        # No work groups (1.4) by default: the guideline does not list the Plan's, and example
        # ones loaded silently would pass for official. The secretaría técnica registers them,
        # or loads the example ones on purpose (`liaison group-preset`, the Enlaces page).
        return mesa_info(mesa)


def _add_preset_members(db: Session, mesa: Mesa, preset_data: dict[str, Any]) -> None:
    for position, dep in enumerate(preset_data["dependencies"], start=1):
        db.add(
            Dependency(mesa_id=mesa.id, name=dep["name"], short_name=dep.get("short_name"), position=position)
        )
    for position, actor in enumerate(preset_data.get("invited", []), start=100):
        db.add(Dependency(mesa_id=mesa.id, name=actor, invited=True, position=position))


def get_mesa(store: Store) -> MesaInfo:
    with store.reading() as db:
        return mesa_info(the_mesa(db))


MESA_EDITABLE = {
    "entity_name",
    "acto_number",
    "acto_date",
    "acto_authority",
    "focal_point_name",
    "focal_point_position",
    "focal_point_email",
    "focal_point_phone",
    "focal_point_reported_on",
    "guideline_communicated_on",
    "resolution_effective_on",
    "quorum_rule",
    "convocation_lead_days",
    "default_place",
    "name",
}


def update_mesa(store: Store, **changes: Any) -> MesaInfo:
    unknown = set(changes) - MESA_EDITABLE
    if unknown:
        raise InvalidInput(f"Campos no editables: {', '.join(sorted(unknown))}.")
    if "quorum_rule" in changes and changes["quorum_rule"] not in quorum.RULES:
        raise InvalidInput(f"Regla de quórum desconocida «{changes['quorum_rule']}».")
    focal_email = (changes.get("focal_point_email") or "").strip()
    if focal_email and not is_valid_email(focal_email):
        raise InvalidInput(
            f"El correo del punto focal no es válido: «{focal_email}». Corríjalo o déjelo vacío."
        )
    with store.transaction() as db:
        mesa = the_mesa(db)
        for key, value in changes.items():
            setattr(mesa, key, value)
        return mesa_info(mesa)


def add_dependency(
    store: Store,
    name: str,
    *,
    short_name: str | None = None,
    invited: bool = False,
    delegation_notified_on: date | None = None,
    active_from: date | None = None,
    reuse_existing: bool = True,
) -> DependencyInfo:
    """A new member dependency (or invited actor), a member from ``active_from`` (default
    today): it neither counts for nor appears among the absent of earlier sessions.

    An existing one of the same name is reused (``mesa member add`` names the dependency a
    person joins); with ``reuse_existing=False``, the screen's "add", it is refused."""

    with store.transaction() as db:
        mesa = the_mesa(db)
        if not reuse_existing:
            _refuse_existing(db, mesa, name)
        dep = add_dependency_in(
            db,
            mesa,
            name,
            short_name=short_name,
            invited=invited,
            delegation_notified_on=delegation_notified_on,
            active_from=active_from or clock.today(),
        )
        return _dependency_info(dep)


def add_dependency_in(
    db: Session,
    mesa: Mesa,
    name: str,
    *,
    short_name: str | None = None,
    invited: bool = False,
    delegation_notified_on: date | None = None,
    active_from: date | None = None,
) -> Dependency:
    """``add_dependency`` inside the caller's transaction (a member import is one action).

    ``active_from=None`` is a founding member (presets, imports of an existing conformation)."""
    name = " ".join(name.split())
    if not name:
        raise InvalidInput("El nombre de la dependencia no puede estar vacío.")
    dep = _dependency_named(db, mesa, name)
    if dep is None:
        position = len(mesa.dependencies) + (100 if invited else 1)
        dep = Dependency(
            mesa_id=mesa.id,
            name=name,
            short_name=short_name,
            invited=invited,
            position=position,
            delegation_notified_on=delegation_notified_on,
            active_from=active_from,
        )
        db.add(dep)
        db.flush()
    elif dep.invited != invited:
        kind = "actor invitado" if dep.invited else "dependencia miembro"
        raise Conflict(f"«{name}» ya está registrada como {kind}.")
    return dep


def update_dependency(
    store: Store,
    dependency_id: uuid.UUID,
    *,
    name: str | None = None,
    short_name: str | None = None,
    active_from: date | None = None,
) -> DependencyInfo:
    """Rename a dependency, change its short name or the date it became a member."""
    with store.transaction() as db:
        dep = _get_dependency(db, dependency_id)
        if active_from is not None:
            if dep.active_until is not None and active_from > dep.active_until:
                raise InvalidInput("La fecha de ingreso no puede ser posterior a la de retiro.")
            dep.active_from = active_from
        if name is not None:
            name = " ".join(name.split())
            if not name:
                raise InvalidInput("El nombre de la dependencia no puede estar vacío.")
            other = _dependency_named(db, dep.mesa, name)
            if other is not None and other.id != dep.id:
                raise Conflict(f"Ya existe otra dependencia o actor llamado «{other.name}».")
            dep.name = name
        if short_name is not None:
            dep.short_name = short_name.strip() or None
        return _dependency_info(dep)


def _refuse_existing(db: Session, mesa: Mesa, name: str) -> None:
    dep = _dependency_named(db, mesa, " ".join(name.split()))
    if dep is None:
        return
    kind = "actor invitado" if dep.invited else "dependencia miembro"
    message = f"«{dep.name}» ya está registrada como {kind}; no se registró de nuevo."
    if dep.active_until is not None:
        message += " Está desactivada: selecciónela y pulse «Reactivar»."
    raise Conflict(message)


def _dependency_named(db: Session, mesa: Mesa, name: str) -> Dependency | None:
    wanted = fold(name)
    for dep in db.scalars(select(Dependency).where(Dependency.mesa_id == mesa.id)):
        if fold(dep.name) == wanted:
            return dep
    return None


def add_person(
    store: Store,
    full_name: str,
    *,
    dependency: str | uuid.UUID | None = None,
    role: str | None = None,
    position: str | None = None,
    entity: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    id_number: str | None = None,
    consent_given: bool = False,
) -> PersonInfo:
    with store.transaction() as db:
        mesa = the_mesa(db)
        dep = find_dependency(db, mesa, dependency) if dependency else None
        person = add_person_in(
            db,
            mesa,
            full_name,
            dependency=dep,
            role=role,
            position=position,
            entity=entity,
            email=email,
            phone=phone,
            id_number=id_number,
            consent_given=consent_given,
        )
        return person_info(person)


def add_person_in(
    db: Session,
    mesa: Mesa,
    full_name: str,
    *,
    dependency: Dependency | None = None,
    role: str | None = None,
    position: str | None = None,
    entity: str | None = None,
    email: str | None = None,
    phone: str | None = None,
    id_number: str | None = None,
    consent_given: bool = False,
) -> Person:
    """``add_person`` inside the caller's transaction (a member import is one action)."""
    full_name = " ".join(full_name.split())
    if not full_name:
        raise InvalidInput("El nombre de la persona no puede estar vacío.")
    dep = dependency
    if role is None:
        role = "invited" if dep is not None and dep.invited else ("delegate" if dep else "guest")
    if role not in ROLES:
        raise InvalidInput(f"Rol desconocido «{role}»; use: head, delegate o alternate.")
    if dep is not None and dep.invited and role in ("head", "delegate", "alternate"):
        role = "invited"
    if dep is not None and not dep.invited and role in ("invited", "guest"):
        raise InvalidInput("Las personas de una dependencia miembro son jefe, delegado(a) o suplente.")
    email = check_email(email, full_name)
    person = Person(
        mesa_id=mesa.id,
        full_name=full_name,
        dependency=dep,
        role=role,
        position=position,
        entity=entity or (dep.name if dep else None),
        email=email,
        phone=phone,
        id_number=id_number,
        consent_given=consent_given,
        consent_at=utcnow() if consent_given else None,
        check_in_code=unused_code(db, mesa.id),
    )
    db.add(person)
    db.flush()
    return person


def update_person(store: Store, person_id: uuid.UUID, **changes: Any) -> PersonInfo:
    allowed = {
        "full_name",
        "position",
        "entity",
        "email",
        "phone",
        "id_number",
        "role",
        "active",
        "consent_given",
    }
    if set(changes) - allowed:
        raise InvalidInput("Hay campos que no se pueden editar en una persona.")
    # Consent is recorded with its moment (Ley 1581); it is withdrawn only on the holder's request.
    consent = changes.pop("consent_given", None)
    with store.transaction() as db:
        person = db.get(Person, person_id)
        if person is None:
            raise InvalidInput("La persona ya no existe.")
        if "email" in changes:
            changes["email"] = check_email(changes["email"], changes.get("full_name", person.full_name))
        for key, value in changes.items():
            setattr(person, key, value)
        if consent and not person.consent_given:
            person.consent_given, person.consent_at = True, utcnow()
        elif consent is False:
            person.consent_given, person.consent_at = False, None
        return person_info(person)


def set_delegation_notified(store: Store, dependency_id: uuid.UUID, on: date | None) -> DependencyInfo:
    with store.transaction() as db:
        dep = db.get_one(Dependency, dependency_id)
        dep.delegation_notified_on = on
        return _dependency_info(dep)


def deactivate_dependency(store: Store, dependency_id: uuid.UUID, since: date) -> DependencyInfo:
    """Dependencies are never deleted: past actas and quorum counts must stay true."""
    with store.transaction() as db:
        dep = _get_dependency(db, dependency_id)
        dep.active_until = since
        return _dependency_info(dep)


def reactivate_dependency(store: Store, dependency_id: uuid.UUID) -> DependencyInfo:
    """Undo a deactivation: the dependency counts for quorum again from now on."""
    with store.transaction() as db:
        dep = _get_dependency(db, dependency_id)
        dep.active_until = None
        return _dependency_info(dep)


def _get_dependency(db: Session, dependency_id: uuid.UUID) -> Dependency:
    dep = db.get(Dependency, dependency_id)
    if dep is None:
        raise NotFound("La dependencia ya no existe.")
    return dep


def list_members(store: Store, *, on: date | None = None) -> list[DependencyInfo]:
    """Dependencies first, then invited actors, each with its people."""
    on = on or clock.today()
    with store.reading() as db:
        mesa = the_mesa(db)
        deps = db.scalars(
            select(Dependency)
            .where(Dependency.mesa_id == mesa.id)
            .order_by(Dependency.invited, Dependency.position, Dependency.name)
        ).all()
        return [_dependency_info(dep, on) for dep in deps]


def find_person_info(store: Store, reference: str | uuid.UUID) -> PersonInfo:
    """The active person a user names (full name, a part only they have, or the id)."""
    from mesa_desktop.services.lookup import find_person

    with store.reading() as db:
        return person_info(find_person(db, the_mesa(db), reference))


def list_people(store: Store) -> list[PersonInfo]:
    with store.reading() as db:
        mesa = the_mesa(db)
        people = db.scalars(
            select(Person).where(Person.mesa_id == mesa.id, Person.active).order_by(Person.full_name)
        ).all()
        return [person_info(p) for p in people]


def _dependency_info(dep: Dependency, on: date | None = None) -> DependencyInfo:
    on = on or clock.today()
    people = tuple(
        person_info(p)
        for p in sorted(dep.people, key=lambda p: (ROLES.index(p.role), p.full_name))
        if p.active
    )
    return DependencyInfo(
        id=dep.id,
        name=dep.name,
        short_name=dep.short_name,
        invited=dep.invited,
        active=dep.is_active_on(on),
        delegation_notified_on=dep.delegation_notified_on,
        people=people,
        active_until=dep.active_until,
        active_from=dep.active_from,
    )

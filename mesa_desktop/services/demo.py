"""A realistic year of a mesa (Cúcuta by default), built through the same services the app uses."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TypedDict

from mesa_desktop import clock, territories
from mesa_desktop.clock import COLOMBIA
from mesa_desktop.errors import Conflict
from mesa_desktop.services import (
    actas,
    action_plan,
    attendance,
    cases,
    commitments,
    conformation,
    sessions,
)
from mesa_desktop.services.conformation import DependencyInfo, PersonInfo
from mesa_desktop.services.sessions import SessionInfo
from mesa_desktop.store import Store


class DemoSummary(TypedDict):
    """What ``build_demo`` created: the mesa's name and counts."""

    mesa: str
    dependencies: int
    sessions: int
    people: int


FIRST_NAMES = [
    "María Fernanda",
    "Carlos Andrés",
    "Luz Marina",
    "José Gregorio",
    "Ana Milena",
    "Jorge Eliécer",
    "Diana Carolina",
    "Óscar Iván",
    "Yolanda",
    "Ramiro",
    "Sandra Patricia",
    "Héctor Julio",
    "Claudia Inés",
    "Edwin Alexis",
    "Nubia Esperanza",
    "Wilmer",
    "Paola Andrea",
    "Fabián Ernesto",
    "Gladys",
    "Julián David",
    "Mónica Liliana",
    "Álvaro",
    "Ángela María",
    "Freddy Alonso",
    "Rocío del Pilar",
    "Germán",
    "Lina Marcela",
    "Néstor Raúl",
    "Zulay Carolina",
    "Iván Darío",
    "Marisol",
    "Édgar Mauricio",
    "Leidy Johana",
    "Fredy Humberto",
    "Patricia Elena",
    "Juan Pablo",
    "Yenny Paola",
    "Hernando",
    "Sofía",
]
LAST_NAMES = [
    "Rodríguez Peñaranda",
    "Contreras Villamizar",
    "Jaimes Ortega",
    "Pabón Sánchez",
    "Rincón Duarte",
    "Quintero Ibáñez",
    "Carrascal León",
    "Vergel Bautista",
    "Mogollón Ruiz",
    "Ramírez Cañas",
    "Suárez Niño",
    "Gélvez Parada",
    "Ortiz Lizcano",
    "Sepúlveda Jaimes",
    "Acevedo Maldonado",
    "Moncada Rolón",
    "Mendoza Ovallos",
    "Uribe Colmenares",
    "Peñaranda Guerrero",
    "Durán Arévalo",
    "Castellanos Mora",
    "Núñez Ardila",
    "Yáñez Ropero",
    "Villamizar Ortiz",
    "Galvis Botello",
    "Torres Ascanio",
]
INVITED_PEOPLE = {
    "Migración Colombia": ("Regional Oriente — Oficial de enlace",),
    "Organización Internacional para las Migraciones (OIM)": ("Oficial de salud",),
    "ACNUR": ("Asociada de protección",),
    "Cruz Roja Colombiana": ("Coordinador de salud seccional",),
    "GIFMM local": ("Coordinadora del subgrupo de salud",),
}


def _names(rng: random.Random, n: int) -> list[str]:
    seen: set[str] = set()
    names: list[str] = []
    while len(names) < n:
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _at(day: date, hour: int, minute: int) -> datetime:
    """A Bogotá wall-clock moment, in UTC as the store keeps every moment."""
    return datetime.combine(day, time(hour, minute), tzinfo=COLOMBIA).astimezone(UTC)


def _email(name: str, domain: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode()
    parts = plain.split()
    return f"{parts[0][0]}{parts[-2] if len(parts) > 2 else parts[-1]}@{domain}"


def build_demo(store: Store, *, territory_code: str = "54001", year: int | None = None) -> DemoSummary:
    """Fill an empty store; returns counts of what was created. All or nothing: the demo is
    made of many service calls, so a SQLite store gets it built aside and copied in at once
    (a kill at any moment leaves the empty store); on a server, a failure empties it again."""
    if _has_mesa(store):
        raise Conflict("El almacén ya tiene datos: la demostración solo se carga en un almacén vacío.")
    if store.file is not None:
        return _build_aside(store, territory_code, year)
    try:
        return _build(store, territory_code, year)
    except BaseException:
        _empty(store)
        raise


def _build_aside(store: Store, territory_code: str, year: int | None) -> DemoSummary:
    import os

    from mesa_desktop.atomic import TEMP_SUFFIX, temp_prefix
    from mesa_desktop.store import backup

    file = store.file
    assert file is not None  # build_demo builds aside only a store with a file
    # Named like every temp file, so a killed build's leftover is swept on the next open.
    staging = file.with_name(f"{temp_prefix(file)}{os.urandom(6).hex()}{TEMP_SUFFIX}")
    try:
        backup.copy_database(file, staging)  # starts from this store: same settings
        aside = Store(staging, migrate=False)
        try:
            result = _build(aside, territory_code, year)
        finally:
            aside.close()
        store.engine.dispose()
        # One transaction of the store: it goes from empty to the whole demo, nothing between.
        backup.copy_into(staging, file)
        return result
    finally:
        for leftover in ("", "-wal", "-shm", "-journal"):
            Path(f"{staging}{leftover}").unlink(missing_ok=True)


def _empty(store: Store) -> None:
    from mesa_desktop.models import Base

    with store.transaction() as db:
        for table in reversed(Base.metadata.sorted_tables):
            db.execute(table.delete())


def _build(store: Store, territory_code: str, year: int | None) -> DemoSummary:
    territory = territories.get(territory_code)
    year = year or clock.today().year
    rng = random.Random(f"{territory_code}-{year}")
    domain = "saludcucuta.gov.co" if territory_code == "54001" else "salud.gov.co"
    mesa = conformation.init_mesa(
        store,
        territory_code=territory.code,
        preset="territorial",
        focal_point_name="Marcela Jaimes Villamizar",
        focal_point_email=f"migracionysalud@{domain}",
    )
    conformation.update_mesa(
        store,
        focal_point_position="Profesional especializada — Punto focal de migración y salud",
        guideline_communicated_on=date(year, 1, 19),
        resolution_effective_on=date(year, 1, 13),
        focal_point_reported_on=date(year, 2, 6),
        acto_number=f"Decreto 0142 de {year}",
        acto_date=date(year, 2, 20),
        acto_authority=f"Alcaldía de {territory.name}",
        default_place="Salón de reuniones, Secretaría de Salud, piso 2",
    )
    members = conformation.list_members(store)
    deps = [d for d in members if not d.invited]
    names = iter(_names(rng, len(deps) * 3 + 10))
    delegates: dict[str, list[PersonInfo]] = {}
    for index, dep in enumerate(deps):
        # Most dependencies notified their delegation on time; two were late, one never did.
        if index < 9:
            conformation.set_delegation_notified(store, dep.id, date(year, 1, 26) + timedelta(days=index % 5))
        elif index < 11:
            conformation.set_delegation_notified(store, dep.id, date(year, 2, 16 + index))
        people = []
        for role in ("head", "delegate", "alternate"):
            name = next(names)
            people.append(
                conformation.add_person(
                    store,
                    name,
                    dependency=dep.id,
                    role=role,
                    consent_given=True,
                    position={
                        "head": "Jefe de dependencia",
                        "delegate": "Profesional universitario",
                        "alternate": "Técnico administrativo",
                    }[role],
                    email=_email(name, domain),
                    phone=f"31{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                )
            )
        delegates[dep.name] = people
    invited_people = []
    for actor, (position,) in INVITED_PEOPLE.items():
        name = next(names)
        invited_people.append(
            conformation.add_person(
                store,
                name,
                dependency=actor,
                position=position,
                consent_given=True,
                email=_email(name, "org.co"),
            )
        )
    ministry_person = conformation.add_person(
        store,
        "Edda Yecenia Sierra Gil",
        position="Profesional especializada, Oficina de Promoción Social",
        entity="Ministerio de Salud y Protección Social",
        consent_given=True,
    )

    plan_id = _demo_plan(store, year, [d.name for d in deps])
    held = []
    specs = [
        ("installation", date(year, 2, 26), True, 10),
        ("ordinary", date(year, 5, 21), False, 9),
        ("extraordinary", date(year, 7, 9), False, 6),
        ("ordinary", date(year, 8, 27), True, 8),
        ("closing", date(year, 11, 19), False, 11),
    ]
    for template, day, with_ministry, n_deps in specs:
        kind = "extraordinary" if template == "extraordinary" else "ordinary"
        lead = 7 if template == "extraordinary" else (15 if template != "ordinary" or day.month != 8 else 10)
        info = sessions.new_session(
            store,
            on=day,
            kind=kind,
            template=template,
            start_time=time(9, 0),
            end_time=time(12, 0),
            modality="hybrid" if kind == "ordinary" else "virtual",
            place=None if kind == "extraordinary" else "Salón de reuniones, Secretaría de Salud, piso 2",
            virtual_link="https://meet.example.gov.co/mesa-migracion-salud",
            convocation_date=day - timedelta(days=lead),
            ministry_participated=with_ministry,
            objective=(
                "Atender el aumento de casos de sarampión importados en población migrante en tránsito"
                if kind == "extraordinary"
                else None
            ),
        )
        sessions.update_session(
            store,
            info.id,
            president_name="Dr. Ricardo Peñaranda Ortiz",
            president_position=f"Secretario de Salud de {territory.name}",
        )
        _demo_attendance(
            store,
            info,
            day,
            deps,
            delegates,
            invited_people,
            rng,
            n_deps,
            ministry_person if with_ministry else None,
        )
        if day < clock.today():  # a session of today is still to be held: the hours have not come
            held.append(info)
    _demo_proceedings(store, held, deps, plan_id, year)
    _demo_cases(store, year, rng)
    return {
        "mesa": mesa.name,
        "dependencies": len(deps),
        "sessions": len(specs),
        "people": len(deps) * 3 + len(invited_people) + 1,
    }


def _has_mesa(store: Store) -> bool:
    try:
        conformation.get_mesa(store)
    except Exception:  # NotFound: an empty store
        return False
    return True


def _demo_attendance(
    store: Store,
    info: SessionInfo,
    day: date,
    deps: list[DependencyInfo],
    delegates: dict[str, list[PersonInfo]],
    invited_people: list[PersonInfo],
    rng: random.Random,
    n_deps: int,
    ministry_person: PersonInfo | None,
) -> None:
    if day >= clock.today():
        return
    minute = 0
    chosen = deps[:n_deps]
    representative = {}
    for dep in chosen:
        person = delegates[dep.name][1 if rng.random() < 0.7 else 0]
        representative[dep.name] = person
        minute += rng.randint(1, 4)
        virtual = info.modality == "virtual" or (info.modality == "hybrid" and rng.random() < 0.2)
        attendance.check_in(
            store,
            info.id,
            person.id,
            at=_at(day, 8, 40 + minute) if minute < 20 else _at(day, 9, minute - 20),
            virtual=virtual,
            signature_png=None if virtual else _signature(person.full_name),
        )
    # Two people of one dependency: counts once.
    attendance.check_in(
        store,
        info.id,
        delegates[chosen[0].name][2].id,
        at=_at(day, 9, 5),
        virtual=info.modality == "virtual",
        signature_png=None if info.modality == "virtual" else _signature("x"),
    )
    for person in invited_people[: rng.randint(2, len(invited_people))]:
        attendance.check_in(
            store,
            info.id,
            person.id,
            at=_at(day, 9, 10),
            virtual=info.modality == "virtual",
            signature_png=None if info.modality == "virtual" else _signature(person.full_name),
        )
    if ministry_person:
        attendance.check_in(
            store, info.id, ministry_person.id, at=_at(day, 9, 0), virtual=info.modality != "in_person"
        )
    # Someone leaves early.
    attendance.check_out(store, info.id, representative[chosen[-1].name].id, at=_at(day, 11, 30))


def _signature(seed: str) -> bytes:
    """A small hand-drawn-looking signature PNG (stdlib only: zlib + struct)."""
    import struct
    import zlib

    width, height = 160, 48
    rng = random.Random(seed)
    pixels = [[255] * width for _ in range(height)]
    x, y = 8.0, height / 2
    for _ in range(260):
        x += rng.uniform(0.2, 0.8)
        y += rng.uniform(-2.5, 2.5)
        y = max(4.0, min(height - 5.0, y))
        if x >= width - 4:
            break
        for dy in (0, 1):
            pixels[int(y) + dy][int(x)] = 20
    raw = b"".join(b"\x00" + bytes(row) for row in pixels)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def _demo_plan(store: Store, year: int, dep_names: list[str]) -> uuid.UUID:
    plan_id = action_plan.create_plan(
        store,
        year,
        "Garantizar el acceso efectivo a la salud de la población migrante, refugiada, retornada "
        "y de las comunidades de acogida del territorio, mediante la articulación de las "
        "dependencias de la Secretaría de Salud y de los actores del sector.",
    )
    axes = [
        (
            "Gobernanza y articulación territorial en migración y salud",
            [
                (
                    "Institucionalizar la mesa técnica territorial y su secretaría técnica",
                    [
                        "Expedir el acto administrativo de la mesa",
                        "Notificar delegaciones de las dependencias",
                        "Reportar el punto focal al Ministerio",
                    ],
                ),
                (
                    "Articular la oferta de servicios de los actores de cooperación",
                    ["Actualizar el mapa de actores y su oferta", "Definir la ruta de remisión de casos"],
                ),
            ],
        ),
        (
            "Acceso y aseguramiento en salud",
            [
                (
                    "Promover la afiliación al SGSSS de la población migrante regularizada",
                    [
                        "Jornadas de afiliación con Migración Colombia",
                        "Seguimiento mensual de afiliaciones",
                        "Capacitar a las EPS en rutas de afiliación con PPT",
                    ],
                ),
                (
                    "Garantizar la atención de urgencias y materno perinatal",
                    [
                        "Socializar la ruta materno perinatal con las IPS",
                        "Auditoría de atención de urgencias",
                    ],
                ),
            ],
        ),
        (
            "Salud pública y vigilancia epidemiológica",
            [
                (
                    "Fortalecer la vacunación de la población migrante en tránsito",
                    ["Puestos de vacunación en el puente Simón Bolívar", "Cerco epidemiológico de sarampión"],
                ),
                (
                    "Implementar la estrategia de acompañamiento psicosocial",
                    [
                        "Formar equipos de salud mental en primeros auxilios psicológicos",
                        "Atención psicosocial en albergues",
                    ],
                ),
            ],
        ),
    ]
    cuts = [date(year, 3, 31), date(year, 6, 30), date(year, 9, 30)]
    for axis_name, actions in axes:
        axis_id = action_plan.add_axis(store, plan_id, axis_name)
        for a_index, (action_name, tasks) in enumerate(actions):
            action_id = action_plan.add_action(
                store, axis_id, action_name, dep_names[(len(action_name) + a_index) % len(dep_names)]
            )
            for t_index, task_name in enumerate(tasks):
                task_id = action_plan.add_task(
                    store,
                    action_id,
                    task_name,
                    responsible=None,
                    start_date=date(year, 3, 1),
                    end_date=date(year, 12, 15),
                )
                for c_index, cut in enumerate(cuts):
                    percent = min(100, (c_index + 1) * (20 + 7 * ((t_index + a_index) % 4)))
                    action_plan.report_task_progress(store, task_id, cut, percent)
            for cut in cuts:
                action_plan.report_action(
                    store,
                    action_id,
                    cut,
                    f"Con corte a {cut.strftime('%d/%m/%Y')} se avanzó en {len(tasks)} tareas. "
                    "Se realizaron mesas de trabajo con las dependencias responsables y los actores "
                    "de cooperación; persisten dificultades de contratación del talento humano.",
                )
            indicator = action_plan.add_indicator(
                store, action_id, "Personas atendidas", unit="personas", target=1200
            )
            for c_index, cut in enumerate(cuts):
                action_plan.report_indicator(store, indicator, cut, 250 * (c_index + 1) + 37 * a_index)
    return plan_id


def _demo_proceedings(
    store: Store, held: list[SessionInfo], deps: list[DependencyInfo], plan_id: uuid.UUID, year: int
) -> None:
    texts = [
        ("Actualizar la ruta de atención materno perinatal para gestantes migrantes", "pending"),
        ("Consolidar el reporte de afiliaciones de población con PPT", "in_progress"),
        ("Enviar el mapa de actores de cooperación actualizado", "done"),
        ("Organizar jornada de vacunación en el puente Simón Bolívar", "done"),
        ("Presentar propuesta de albergue temporal (descartada por falta de recursos)", "cancelled"),
        ("Socializar los lineamientos nacionales con las IPS de la red pública", "in_progress"),
        ("Elaborar el informe periódico del primer semestre", "pending"),
        ("Revisar el acto administrativo de la mesa con la Oficina Jurídica", "done"),
    ]
    made = 0
    for index, info in enumerate(held):
        items = sessions.get_session(store, info.id).agenda
        for item in items:
            sessions.update_agenda_item(
                store,
                item.id,
                development=f"Se desarrolló el punto «{item.title}». La secretaría técnica presentó "
                "el contexto y las dependencias hicieron sus aportes; quedó constancia de las "
                "observaciones de los actores invitados.",
            )
        sessions.open_session(store, info.id, at=time(9, 15))
        present = actas.quorum_at(store, info.id, time(10, 0)).present
        actas.record_decision(
            store,
            info.id,
            "Se aprueba el orden del día propuesto.",
            agenda_item_id=items[1].id,
            votes_for=present,
            votes_against=0,
            abstentions=0,
            at=time(10, 0),
        )
        if info.template == "installation":
            actas.record_decision(
                store,
                info.id,
                "Se aprueba el plan de acción de la mesa para el año.",
                agenda_item_id=items[-3].id,
                votes_for=present - 1,
                votes_against=0,
                abstentions=1,
                at=time(10, 40),
            )
            action_plan.approve_plan(store, plan_id, info.id)
        for text, status in texts[made : made + 2]:
            due = info.date + timedelta(days=30 + 15 * (made % 3))
            commitment = commitments.add_commitment(
                store,
                text,
                responsible_dependency=deps[made % len(deps)].id,
                responsible_person=None,
                due_date=due,
                session=info.id,
            )
            if status != "pending" and due - timedelta(days=3) <= clock.today():
                commitments.set_status(
                    store,
                    commitment.id,
                    status,
                    on=due - timedelta(days=3),
                    note="Avance reportado en sesión.",
                )
            made += 1
        sessions.close_session(store, info.id, at=time(12, 10))
        acta = actas.ensure_draft(store, info.id)
        actas.update_draft(
            store,
            acta.id,
            next_session_note="La próxima sesión se convocará con dos semanas de anticipación.",
        )
        # The draft went out for review within the week, except once (a late acta to follow up).
        if index != 1 and info.date + timedelta(days=6) <= clock.today():
            actas.mark_sent(store, acta.id, info.date + timedelta(days=6))
        # An acta is approved by the next session that has the mesa's quorum (an extraordinary
        # session with few delegations cannot approve it).
        if index > 0 and actas.quorum_at(store, info.id, time(10, 20), mesa_quorum=True).met:
            for earlier in held[:index]:
                previous = actas.current_acta(store, earlier.id)
                if previous is not None and not previous.locked:
                    actas.approve(store, previous.id, info.id, at=time(10, 20))
    # Leave one commitment overdue and one due ahead, so the board shows both.
    if len(held) > 1:
        commitments.add_commitment(
            store,
            "Entregar el censo de albergues y asentamientos informales",
            responsible_dependency=deps[5].id,
            due_date=held[-1].date - timedelta(days=20),
            session=held[-2].id,
        )
    if held:
        commitments.add_commitment(
            store,
            "Presentar el balance anual de la mesa al Comité de Política Social",
            responsible_dependency=deps[0].id,
            due_date=date(year, 12, 15),
            session=held[-1].id,
        )


def _demo_cases(store: Store, year: int, rng: random.Random) -> None:
    actors = [
        "Cruz Roja Colombiana",
        "OIM",
        "Médicos sin Fronteras",
        "ESE Hospital Universitario Erasmo Meoz",
        "Pastoral Social",
    ]
    routes = ["ESE Hospital Universitario Erasmo Meoz", "EPS del régimen subsidiado", "IPS Cruz Roja"]
    needs = list(cases.NEEDS)
    today = clock.today()
    index = 0
    for month in range(1, 11):
        for _ in range(rng.randint(1, 4)):
            index += 1  # no extra draws from rng: the rest of the demo stays as it was
            day = date(year, month, rng.randint(1, 28))
            if day > today:
                continue  # built early in the year: only the cases referred so far
            case = cases.add_case(
                store,
                referred_on=day,
                referring_actor=rng.choice(actors),
                need=rng.choice(needs),
                route=routes[index % len(routes)],
                responsible="Punto focal de migración y salud",
                population=rng.choice(["migrante", "retornado", "acogida"]),
                age_group=rng.choice(["0-5", "6-17", "18-59", "60+"]),
            )
            cases.set_status(store, case.id, "referred", on=day, next_follow_up=day + timedelta(days=15))
            if month < 9 and date(year, month, 28) <= today:
                outcome = "unresolved" if index % 7 == 0 else "resolved"
                cases.set_status(store, case.id, outcome, on=date(year, month, 28))
            elif index % 2:
                cases.add_note(store, case.id, "La IPS confirmó la cita; se espera el resultado.", on=day)

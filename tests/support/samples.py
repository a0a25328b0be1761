"""Realistic, deterministic sample inputs for every document.

Used by the tests, by ``tools/render_documents.py`` (previews) and by the benchmark (an acta
with 80 signed attendees and 30 commitments). Names, places and texts are invented but read
like those of a border municipality's mesa.
"""

from __future__ import annotations

import io
import random
from datetime import date, time, timedelta

from mesa_desktop.documents.data import (
    AbsentDependency,
    ActaApproval,
    ActaData,
    ActionPlanReport,
    Addressee,
    AgendaItem,
    AttendanceSheetData,
    Attendee,
    Commitment,
    CommitmentStatus,
    ConvocationData,
    Decision,
    Indicator,
    MesaInfo,
    NextSession,
    PeriodicReportData,
    PlanAction,
    PlanTask,
    QuorumCheck,
    SessionInfo,
    SessionRecord,
    Signatory,
    StrategicAxis,
)
from mesa_desktop.vocabulary import ActaStatus, Capacity, Modality, SessionKind

RULE = "Mitad más una de las delegaciones previstas"

DEPENDENCIES = (
    "Despacho de la Secretaría de Salud",
    "Subsecretaría de Salud Pública",
    "Dirección de Aseguramiento en Salud",
    "Oficina de Prestación de Servicios y Atención Primaria",
    "Oficina de Promoción Social",
    "Oficina de Vigilancia en Salud Pública y Epidemiología",
    "Dirección de Calidad en Salud",
    "Oficina Asesora de Planeación Sectorial",
    "Oficina de Salud Mental y Convivencia Social",
    "Dirección Administrativa y Financiera",
    "Oficina de Atención al Usuario",
    "Grupo de Gestión del Riesgo, Emergencias y Desastres",
)
INVITED_ENTITIES = (
    "Migración Colombia – Regional Oriente",
    "Organización Internacional para las Migraciones (OIM)",
    "ACNUR – Agencia de la ONU para los Refugiados",
    "Cruz Roja Colombiana – Seccional Norte de Santander",
    "Profamilia",
    "E.S.E. Hospital Universitario Erasmo Meoz",
    "Universidad de Pamplona – Facultad de Salud",
    "SISBEN – Alcaldía de San José de Cúcuta",
    "Fundación Corazón Migrante (organización de base comunitaria)",
    "Consejo Noruego para Refugiados (NRC)",
)
FIRST_NAMES = (
    "María José",
    "Andrés Felipe",
    "Luz Ángela",
    "Jesús Alberto",
    "Sofía",
    "Néstor Iván",
    "Ángela María",
    "José Martín",
    "Lucía",
    "Sebastián",
    "Mónica Patricia",
    "Raúl",
    "Inés",
    "Germán Darío",
    "Beatriz Elena",
    "Julián",
    "Nohemí",
    "Óscar Eduardo",
    "Yésica Paola",
    "Ramón Elías",
    "Adriana Marcela",
    "Iván Darío",
    "Marisol",
    "Héctor Fabián",
)
SURNAMES = (
    "Peñaranda",
    "Ibáñez",
    "Gómez",
    "Rincón",
    "Suárez",
    "Jaimes",
    "Ordóñez",
    "Castañeda",
    "Muñoz",
    "Pérez",
    "Villamizar",
    "Quintero",
    "Hernández",
    "Báez",
    "Zúñiga",
    "Galán",
    "Sánchez",
    "Ortíz",
    "Díaz",
    "Martínez",
    "Lizcano",
    "Carrascal",
    "Durán",
    "Ramírez",
)
POSITIONS = (
    "Profesional universitario",
    "Profesional especializado",
    "Técnico operativo",
    "Coordinador(a) de programa",
    "Enfermero(a) jefe",
    "Médico(a) epidemiólogo(a)",
    "Psicólogo(a)",
    "Trabajador(a) social",
    "Contratista de apoyo a la gestión",
    "Referente de salud mental",
)

MESA = MesaInfo(
    entity_name="Alcaldía de San José de Cúcuta – Secretaría de Salud Municipal",
    mesa_name="Mesa técnica territorial de migración y salud de San José de Cúcuta",
    territory_name="San José de Cúcuta, Norte de Santander",
    city="San José de Cúcuta",
    divipola_code="54001",
    acto_administrativo="Decreto 0127 del 4 de febrero de 2026",
    address="Calle 11 No. 5-49, Palacio Municipal, San José de Cúcuta",
    contact_email="migracionysalud@cucuta.gov.co",
    contact_phone="(607) 578 4949",
)

SESSION = SessionInfo(
    number="003-2026",
    kind=SessionKind.ORDINARY,
    date=date(2026, 3, 17),
    modality=Modality.HYBRID,
    start_time=time(8, 30),
    end_time=time(12, 15),
    place="Auditorio Eustorgio Colmenares, Palacio Municipal",
    virtual_link="https://meet.cucuta.gov.co/mesa-migracion-salud-003-2026",
    uid="5d0f0c6e-8a39-4f47-9c55-3e6f4d1b2a77",
)

PRESIDENT = Signatory(
    name="Ángela Rocío Peñaranda Ibáñez",
    role="Presidente(a) de la mesa",
    position="Secretaria de Salud Municipal",
)
SECRETARY = Signatory(
    name="Julián Andrés Castañeda Zúñiga",
    role="Secretaría técnica",
    position="Punto focal de migración y salud – Oficina de Promoción Social",
)


def signature_png(seed: int, width: int = 360, height: int = 120) -> bytes:
    """A plausible handwritten-looking signature, as the check-in pad would capture it."""
    from PIL import Image, ImageDraw

    rng = random.Random(seed)
    image = Image.new("RGBA", (width, height), (255, 255, 255, 0))
    pen = ImageDraw.Draw(image)
    x, y = 14.0, height * (0.45 + rng.random() * 0.2)
    points = [(x, y)]
    while x < width - 20:
        x += rng.uniform(6, 16)
        y = min(height - 12, max(12, y + rng.uniform(-26, 26)))
        points.append((x, y))
    pen.line(points, fill=(20, 40, 110, 255), width=3, joint="curve")
    flourish_y = height * 0.8
    pen.line(
        [(20, flourish_y), (width * rng.uniform(0.5, 0.9), flourish_y - rng.uniform(0, 14))],
        fill=(20, 40, 110, 255),
        width=2,
    )
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=False)
    return buffer.getvalue()


def _name(rng: random.Random) -> str:
    first = rng.choice(FIRST_NAMES)
    return f"{first} {rng.choice(SURNAMES)} {rng.choice(SURNAMES)}"


def _email(name: str, domain: str) -> str:
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    parts = ascii_name.split()
    return f"{parts[0]}.{parts[-2]}@{domain}"


def attendees(count: int = 80, *, seed: int = 7, signatures: bool = True) -> tuple[Attendee, ...]:
    """``count`` people: about two thirds representing the 12 dependencies, the rest invited."""
    rng = random.Random(seed)
    people = []
    arrival = time(8, 5)
    members = round(count * 0.65)
    for index in range(count):
        name = _name(rng)
        minutes = arrival.hour * 60 + arrival.minute + index // 3
        check_in = time(minutes // 60, minutes % 60)
        virtual = rng.random() < 0.12
        if index < members:
            dependency = DEPENDENCIES[index % 11]  # the last dependency stays absent
            capacity = (
                Capacity.HEAD
                if index < 11
                else rng.choice([Capacity.DELEGATE, Capacity.DELEGATE, Capacity.ALTERNATE])
            )
            people.append(
                Attendee(
                    name=name,
                    position=rng.choice(POSITIONS),
                    entity="Secretaría de Salud Municipal",
                    dependency=dependency,
                    capacity=capacity,
                    email=_email(name, "cucuta.gov.co"),
                    phone=f"31{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                    check_in=check_in,
                    signature_png=None if virtual or not signatures else signature_png(index),
                    virtual=virtual,
                )
            )
        else:
            entity = INVITED_ENTITIES[index % len(INVITED_ENTITIES)]
            people.append(
                Attendee(
                    name=name,
                    position=rng.choice(POSITIONS),
                    entity=entity,
                    email=_email(name, "correo.org.co"),
                    phone=f"30{rng.randint(0, 9)} {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
                    check_in=check_in,
                    signature_png=None if virtual or not signatures else signature_png(index),
                    virtual=virtual,
                    invited=True,
                )
            )
    return tuple(people)


COMMITMENT_TOPICS = (
    ("Consolidar el reporte de atenciones en salud a población migrante del trimestre", 4),
    (
        "Socializar la ruta de atención integral en salud materno-perinatal para gestantes migrantes",
        3,
    ),
    (
        "Actualizar el directorio de organizaciones de base comunitaria que atienden población migrante",
        4,
    ),
    (
        "Gestionar con las EPS la afiliación de oficio de la población con Permiso por Protección Temporal",
        2,
    ),
    ("Presentar el análisis de morbilidad atendida en población migrante del SIVIGILA", 5),
    ("Programar jornadas de vacunación extramural en asentamientos del área metropolitana", 1),
    (
        "Remitir a la Oficina de Promoción Social del Ministerio el informe de avance del plan de acción",
        7,
    ),
    (
        "Coordinar con Migración Colombia la verificación de documentos para la afiliación al régimen subsidiado",
        4,
    ),
    ("Elaborar la propuesta de acto administrativo de ajuste a la conformación de la mesa", 7),
    (
        "Capacitar al talento humano de las IPS en la atención con enfoque diferencial e intercultural",
        6,
    ),
    ("Hacer seguimiento a los casos remitidos por las organizaciones de cooperación", 4),
    (
        "Incluir en el Plan Territorial de Salud las metas del Plan de atención para población migrante",
        7,
    ),
    ("Gestionar la contratación del equipo psicosocial con los recursos transferidos", 9),
    ("Documentar las barreras de acceso reportadas por la línea de atención al usuario", 10),
    (
        "Preparar la agenda de la sesión conjunta con la Oficina de Promoción Social del Ministerio",
        4,
    ),
)


def commitments(
    count: int = 30, *, seed: int = 11, first_due: date = date(2026, 4, 10)
) -> tuple[Commitment, ...]:
    rng = random.Random(seed)
    items = []
    for index in range(count):
        topic, dependency = COMMITMENT_TOPICS[index % len(COMMITMENT_TOPICS)]
        suffix = "" if index < len(COMMITMENT_TOPICS) else " (segunda entrega, con corte al 30 de junio)"
        items.append(
            Commitment(
                text=f"{topic}{suffix}.",
                responsible=DEPENDENCIES[dependency],
                due_date=first_due + timedelta(days=7 * (index % 10)),
                status=CommitmentStatus.PENDING,
                source_session=SESSION.number,
            )
        )
    rng.shuffle(items)
    return tuple(items)


AGENDA = (
    AgendaItem(
        "Verificación de asistencia y del quórum",
        "La secretaría técnica verificó la asistencia de las dependencias integrantes y de los "
        "actores invitados, según consta en el registro anexo, y declaró el quórum en los "
        "términos del numeral 4 de esta acta.",
        presenter="Secretaría técnica",
    ),
    AgendaItem(
        "Lectura y aprobación del acta de la sesión 002-2026",
        "Se dio lectura al acta de la sesión ordinaria 002-2026, enviada a las dependencias el 2 de "
        "marzo. La Subsecretaría de Salud Pública solicitó precisar la fecha del compromiso 4; con "
        "ese ajuste, el acta fue aprobada por unanimidad de las dependencias presentes.",
        presenter="Secretaría técnica",
    ),
    AgendaItem(
        "Seguimiento de compromisos",
        "Se revisaron los compromisos adquiridos en las sesiones anteriores. El detalle de su "
        "estado figura en la sección de seguimiento de compromisos de esta acta.",
        presenter="Secretaría técnica",
    ),
    AgendaItem(
        "Socialización de los lineamientos nacionales de migración y salud",
        "La Oficina de Promoción Social presentó el Documento técnico 4 del Ministerio de Salud y "
        "Protección Social, con los lineamientos para la conformación y el fortalecimiento de las "
        "mesas técnicas territoriales de migración y salud: objeto, alcance, funciones, "
        "conformación y funcionamiento.\n\n"
        "Se destacó que las dependencias deben notificar a la secretaría técnica el nombre de sus "
        "delegados dentro de los diez días hábiles siguientes a la comunicación del lineamiento, y "
        "que la mesa debe reunirse al menos dos veces al año con la Oficina de Promoción Social del "
        "Ministerio.",
        presenter="Oficina de Promoción Social",
    ),
    AgendaItem(
        "Situación de salud de la población migrante: análisis de la vigilancia epidemiológica",
        "La Oficina de Vigilancia en Salud Pública presentó el comportamiento de los eventos de "
        "interés en salud pública notificados en población migrante durante el primer bimestre: "
        "se observó un aumento de la notificación de sífilis gestacional y de desnutrición aguda en "
        "menores de cinco años en los asentamientos del área metropolitana.\n\n"
        "Los actores de cooperación informaron sobre sus puntos de atención y ofrecieron apoyo para "
        "las jornadas de búsqueda activa comunitaria. Migración Colombia recordó el calendario de "
        "entrega de Permisos por Protección Temporal.",
        presenter="Oficina de Vigilancia en Salud Pública y Epidemiología",
    ),
    AgendaItem(
        "Avance del plan de acción 2026",
        "La secretaría técnica presentó el avance del plan de acción con corte al 28 de febrero: "
        "un avance total del 18 %, con mayor progreso en el eje de gobernanza y rezago en el eje de "
        "acompañamiento psicosocial, por la demora en la contratación del equipo.",
        presenter="Secretaría técnica",
    ),
    AgendaItem("Proposiciones y varios", "No se presentaron proposiciones adicionales."),
)


def quorum(present: int, at: time | None = None, total: int = 12) -> QuorumCheck:
    required = min(total, -(-total // 2) + 1)
    return QuorumCheck(RULE, present=present, required=required, total=total, met=present >= required, at=at)


def acta(*, approved: bool = False, attendee_count: int = 80, commitment_count: int = 30) -> ActaData:
    """The acta of session 003-2026; by default a draft with 80 attendees and 30 commitments."""
    people = attendees(attendee_count)
    previous = commitments(5, seed=3, first_due=date(2026, 2, 20))
    review = tuple(
        Commitment(
            text=item.text,
            responsible=item.responsible,
            due_date=item.due_date,
            status=status,
            source_session="002-2026",
            follow_up=note,
        )
        for item, (status, note) in zip(
            previous,
            [
                (CommitmentStatus.DONE, "Se entregó el reporte el 27 de febrero."),
                (
                    CommitmentStatus.IN_PROGRESS,
                    "Avance del 60 %; se reprograma para el 31 de marzo.",
                ),
                (CommitmentStatus.OVERDUE, "No se ha recibido respuesta de dos EPS."),
                (CommitmentStatus.DONE, "Socializado en el comité de IPS del 5 de marzo."),
                (CommitmentStatus.CANCELLED, "Se integra al compromiso 7 de esta sesión."),
            ],
            strict=True,
        )
    )
    data = ActaData(
        mesa=MESA,
        session=SESSION,
        attendees=people,
        absent_dependencies=(
            AbsentDependency(
                DEPENDENCIES[11],
                excused=True,
                note="Presentó excusa por atención de emergencia en el puente Simón Bolívar",
            ),
        ),
        opening_quorum=quorum(11, time(8, 40)),
        agenda=AGENDA,
        decisions=(
            Decision(
                "Aprobar el acta de la sesión ordinaria 002-2026 con el ajuste solicitado.",
                quorum(11, time(8, 55)),
                11,
                0,
                0,
                2,
            ),
            Decision(
                "Adoptar el cronograma de sesiones ordinarias de 2026: marzo, junio, septiembre y noviembre.",
                quorum(11, time(10, 40)),
                10,
                0,
                1,
                6,
            ),
            Decision(
                "Solicitar a la Oficina de Promoción Social del Ministerio una sesión conjunta en el segundo trimestre.",
                quorum(10, time(11, 50)),
                10,
                0,
                0,
                6,
            ),
        ),
        commitments=commitments(commitment_count),
        commitment_review=review,
        next_session=NextSession(
            date=date(2026, 6, 16),
            start_time=time(8, 30),
            place="Auditorio Eustorgio Colmenares, Palacio Municipal",
            modality=Modality.HYBRID,
        ),
        signatories=(PRESIDENT, SECRETARY),
    )
    if not approved:
        return data
    from dataclasses import replace

    from mesa_desktop.documents.acta import content_sha256

    return replace(
        data,
        status=ActaStatus.APPROVED,
        approval=ActaApproval("004-2026", date(2026, 6, 16), content_sha256(data)),
    )


def attendance_sheet(count: int = 80) -> AttendanceSheetData:
    return AttendanceSheetData(mesa=MESA, session=SESSION, attendees=attendees(count))


def convocation() -> ConvocationData:
    rng = random.Random(5)
    addressees = []
    for dependency in DEPENDENCIES:
        name = _name(rng)
        addressees.append(Addressee(name, "Jefe de dependencia", dependency, _email(name, "cucuta.gov.co")))
    addressees.append(Addressee("Coordinación regional", "", INVITED_ENTITIES[0], ""))
    return ConvocationData(
        mesa=MESA,
        session=SESSION,
        convocation_date=date(2026, 3, 2),
        agenda=AGENDA,
        addressees=tuple(addressees),
        sender=SECRETARY,
        sender_email="migracionysalud@cucuta.gov.co",
        reference="SSM-OPS-2026-0318",
    )


LONG_REPORT = (
    "Durante el periodo se realizaron {n} jornadas de atención extramural en los asentamientos "
    "de El Escobal, La Fortaleza y Camilo Torres, articuladas con la E.S.E. Hospital Erasmo Meoz, "
    "la Cruz Roja Colombiana y la OIM. En ellas se atendieron personas migrantes, retornadas y de "
    "la comunidad de acogida con servicios de medicina general, vacunación, tamizaje nutricional y "
    "orientación para la afiliación al régimen subsidiado."
)


def action_plan(cut_off: date = date(2026, 11, 30)) -> ActionPlanReport:
    long_text = "\n\n".join(LONG_REPORT.format(n=n) for n in range(3, 17))
    axes = (
        StrategicAxis(
            "Fortalecer la gobernanza y la gestión territorial de la migración en salud",
            (
                PlanAction(
                    "1. Formalizar la mesa técnica territorial mediante acto administrativo y notificar las delegaciones",
                    (
                        PlanTask("Proyectar el decreto de conformación de la mesa", 100),
                        PlanTask("Recibir las delegaciones oficiales de las dependencias", 100),
                        PlanTask("Reportar al Ministerio el punto focal y los mecanismos de la mesa", 100),
                    ),
                    "Se expidió el Decreto 0127 del 4 de febrero de 2026. Las once dependencias "
                    "notificaron sus delegados dentro del plazo; la Oficina de Gestión del Riesgo lo "
                    "hizo de manera extemporánea el 3 de marzo.",
                    responsible="Oficina de Promoción Social",
                ),
                PlanAction(
                    "2. Realizar las sesiones ordinarias trimestrales y hacer seguimiento a los compromisos",
                    (
                        PlanTask("Sesión de instalación y aprobación del plan de acción", 100),
                        PlanTask("Sesiones ordinarias del segundo y tercer trimestre", 100),
                        PlanTask("Sesión de evaluación y cierre", 0),
                    ),
                    "Se realizaron tres sesiones ordinarias (marzo, junio y septiembre) y una "
                    "extraordinaria por el aumento de casos de sarampión en la frontera. Se han "
                    "cumplido 41 de 58 compromisos.",
                    indicators=(
                        Indicator(
                            "Sesiones ordinarias realizadas",
                            3,
                            "sesiones",
                            "San José de Cúcuta",
                            "2026",
                        ),
                        Indicator(
                            "Compromisos cumplidos",
                            41,
                            "compromisos",
                            "San José de Cúcuta",
                            "Corte noviembre 2026",
                        ),
                    ),
                ),
            ),
        ),
        StrategicAxis(
            "Garantizar el acceso efectivo a los servicios de salud de la población migrante, refugiada y retornada",
            (
                PlanAction(
                    "3. Implementar jornadas extramurales de atención integral en salud en asentamientos",
                    (
                        PlanTask("Caracterizar los asentamientos priorizados", 100),
                        PlanTask("Programar las jornadas con la E.S.E. y la cooperación", 90),
                        PlanTask("Realizar las jornadas y reportar las atenciones", 70),
                        PlanTask("Evaluar la cobertura alcanzada", 0),
                    ),
                    long_text,
                    indicators=(
                        Indicator(
                            "Personas atendidas en jornadas extramurales",
                            13442,
                            "personas",
                            "El Escobal",
                            "I–III trimestre 2026",
                        ),
                        Indicator(
                            "Personas atendidas en jornadas extramurales",
                            8231,
                            "personas",
                            "La Fortaleza",
                            "I–III trimestre 2026",
                        ),
                        Indicator(
                            "Dosis de vacuna aplicadas",
                            5117,
                            "dosis",
                            "Área metropolitana",
                            "I–III trimestre 2026",
                        ),
                    ),
                ),
                PlanAction(
                    "4. Promover la afiliación al SGSSS de la población con Permiso por Protección Temporal",
                    (
                        PlanTask("Cruzar bases de PPT con la BDUA", 100),
                        PlanTask("Realizar jornadas de afiliación de oficio", 60),
                    ),
                    "Se afiliaron de oficio 2.318 personas con PPT en el régimen subsidiado. Persisten "
                    "barreras por inconsistencias en los documentos.",
                ),
            ),
        ),
        StrategicAxis(
            "Implementar la estrategia de acompañamiento psicosocial para población migrante y de acogida",
            (
                PlanAction(
                    "5. Contratar el equipo psicosocial con los recursos transferidos por el Ministerio",
                    (
                        PlanTask("Suscribir el contrato con la E.S.E.", 100),
                        PlanTask("Conformar el equipo", 50),
                    ),
                    "El contrato se suscribió en agosto; el equipo quedó conformado por una psicóloga "
                    "y un gestor territorial. Está pendiente la vinculación de la trabajadora social.",
                ),
            ),
        ),
        StrategicAxis(
            "Promover la convivencia y la integración con las comunidades de acogida",
            (
                PlanAction(
                    "6. Desarrollar espacios de participación comunitaria sobre derechos en salud",
                    (PlanTask("Talleres en los centros Intégrate", 40),),
                    "",
                ),
            ),
        ),
    )
    return ActionPlanReport(
        mesa=MESA,
        year=cut_off.year,
        cut_off_date=cut_off,
        objective=(
            "Garantizar el acceso efectivo a la salud de la población migrante, refugiada, "
            "retornada y de las comunidades de acogida de San José de Cúcuta, mediante la "
            "articulación de las dependencias de la Secretaría de Salud y de los actores del "
            "territorio, en el marco del Plan de atención del sector salud."
        ),
        axes=axes,
        prepared_by=SECRETARY,
    )


def periodic_report() -> PeriodicReportData:
    sessions = (
        SessionRecord(
            "001-2026",
            date(2026, 2, 10),
            SessionKind.ORDINARY,
            Modality.IN_PERSON,
            42,
            quorum(10),
            True,
            ActaStatus.APPROVED,
        ),
        SessionRecord(
            "002-2026",
            date(2026, 2, 24),
            SessionKind.EXTRAORDINARY,
            Modality.VIRTUAL,
            18,
            quorum(6),
            False,
            ActaStatus.APPROVED,
        ),
        SessionRecord(
            "003-2026",
            date(2026, 3, 17),
            SessionKind.ORDINARY,
            Modality.HYBRID,
            80,
            quorum(11),
            False,
            ActaStatus.DRAFT,
        ),
        SessionRecord(
            "004-2026",
            date(2026, 6, 16),
            SessionKind.ORDINARY,
            Modality.HYBRID,
            37,
            quorum(6),
            True,
            None,
        ),
    )
    statuses = (
        [CommitmentStatus.DONE] * 14
        + [CommitmentStatus.IN_PROGRESS] * 7
        + [CommitmentStatus.PENDING] * 5
        + [CommitmentStatus.OVERDUE] * 3
        + [CommitmentStatus.CANCELLED]
    )
    items = tuple(
        Commitment(c.text, c.responsible, c.due_date, status, c.source_session)
        for c, status in zip(commitments(30), statuses, strict=True)
    )
    plan = action_plan(date(2026, 6, 30))
    return PeriodicReportData(
        mesa=MESA,
        period_start=date(2026, 1, 1),
        period_end=date(2026, 6, 30),
        report_date=date(2026, 7, 8),
        progress=(
            "La mesa quedó formalizada mediante el Decreto 0127 de 2026 y sesionó de manera "
            "ordinaria en febrero, marzo y junio, con quórum en las sesiones de febrero y marzo. "
            "Se aprobó el plan de acción 2026 y se consolidó el reporte trimestral de atenciones.\n\n"
            "Con la cooperación internacional se realizaron jornadas extramurales en tres "
            "asentamientos, con más de trece mil atenciones."
        ),
        challenges=(
            "La sesión de junio no alcanzó el quórum por la coincidencia con el comité de "
            "vigilancia epidemiológica. La contratación del equipo psicosocial se retrasó y "
            "persisten barreras de afiliación por inconsistencias documentales."
        ),
        opportunities=(
            "La transferencia de recursos para la estrategia de acompañamiento psicosocial y el "
            "interés de la OIM y ACNUR en cofinanciar jornadas permiten ampliar la cobertura en el "
            "segundo semestre."
        ),
        sessions=sessions,
        commitments=items,
        axes=plan.axes,
        prepared_by=SECRETARY,
    )

"""Sessions: numbering per year, templates with mandatory agenda items, status transitions."""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mesa_desktop import clock, formatting
from mesa_desktop.clock import to_utc
from mesa_desktop.errors import Conflict, InvalidInput, NotFound

# The label tables are re-exported here (``X as X``) for the CLI and the screens.
from mesa_desktop.labels import MODALITY_LABELS as MODALITY_LABELS
from mesa_desktop.labels import SESSION_KIND_LABELS
from mesa_desktop.labels import SESSION_STATUS_LABELS as SESSION_STATUS_LABELS
from mesa_desktop.labels import TEMPLATE_LABELS as TEMPLATE_LABELS
from mesa_desktop.models import AgendaItem, Attendance, MeetingSession, Presider
from mesa_desktop.models.sessions import MODALITIES, SESSION_KINDS, SESSION_TEMPLATES
from mesa_desktop.rules.compliance import DEFAULT_CONVOCATION_LEAD_DAYS
from mesa_desktop.services.lookup import find_session, the_mesa
from mesa_desktop.store import Store
from mesa_desktop.vocabulary import MesaKind, Modality, SessionKind, SessionTemplate
from mesa_desktop.vocabulary import SessionStatus as Status

KIND_LABELS = SESSION_KIND_LABELS
# Presidencies each template expects (guideline 2.7: the installation is co-presided by the
# territorial entity and the ministry); the screen offers one field per slot.
PRESIDER_SLOTS: dict[str, tuple[str, ...]] = {
    SessionTemplate.INSTALLATION: ("Entidad territorial", "Ministerio de Salud y Protección Social"),
    SessionTemplate.ORDINARY: ("Presidencia de la mesa",),
    SessionTemplate.CLOSING: ("Presidencia de la mesa",),
    SessionTemplate.EXTRAORDINARY: ("Presidencia de la mesa",),
}
STATUS_LABELS = SESSION_STATUS_LABELS
# Which moves make sense; anything else is refused with an explanation.
TRANSITIONS: dict[str, set[str]] = {
    Status.PLANNED: {Status.CONVENED, Status.HELD, Status.CANCELLED},
    Status.CONVENED: {Status.HELD, Status.CANCELLED, Status.PLANNED},
    Status.HELD: {Status.ACTA_APPROVED},
    Status.ACTA_APPROVED: set(),
    Status.CANCELLED: {Status.PLANNED},
}

# (title, purpose, mandatory). Purposes let the app fill and check items (guideline 1.5, 2.7).
_OPENING = [
    ("Verificación de asistencia y quórum", "quorum", True),
    ("Lectura y aprobación del orden del día", "agenda_approval", True),
]
_CLOSING_ITEMS = [
    ("Proposiciones y varios", "other", False),
    ("Definición de compromisos y próxima sesión", "next_session", True),
]
AGENDA_TEMPLATES: dict[str, list[tuple[str, str, bool]]] = {
    "installation": _OPENING
    + [
        (
            "Instalación de la mesa por el/la Secretario(a) de Salud y el Ministerio de Salud y "
            "Protección Social (presidencia conjunta)",
            "installation",
            True,
        ),
        ("Socialización de los lineamientos nacionales de migración y salud", "national_guidelines", True),
        ("Designación del punto focal como secretaría técnica de la mesa", "technical_secretariat", True),
        (
            "Definición y aprobación del plan de acción y del cronograma de trabajo",
            "action_plan_approval",
            True,
        ),
    ]
    + _CLOSING_ITEMS,
    "ordinary": _OPENING
    + [
        ("Lectura y aprobación del acta de la sesión anterior", "previous_acta", True),
        ("Seguimiento de compromisos", "commitments_followup", True),
        ("Avance del plan de acción", "action_plan_progress", True),
    ]
    + _CLOSING_ITEMS,
    "closing": _OPENING
    + [
        ("Lectura y aprobación del acta de la sesión anterior", "previous_acta", True),
        ("Seguimiento de compromisos", "commitments_followup", True),
        ("Evaluación del plan de acción del año", "action_plan_evaluation", True),
        ("Cierre del periodo y recomendaciones para el siguiente año", "closing", True),
    ]
    + _CLOSING_ITEMS,
    "extraordinary": [
        ("Verificación de asistencia (no requiere quórum)", "quorum", True),
        ("Situación que motiva la sesión extraordinaria", "extraordinary_topic", True),
        ("Definición de acciones y compromisos", "next_session", True),
    ],
}
# The national mesa is the ministry's own (guideline 1.4-1.6): its installation is by the
# ministry's authorities and its secretaría técnica is the Oficina de Promoción Social, not a
# territorial Secretario(a) de Salud and punto focal. Its other templates are the territorial ones.
NATIONAL_AGENDA_TEMPLATES: dict[str, list[tuple[str, str, bool]]] = {
    "installation": _OPENING
    + [
        (
            "Instalación de la mesa por las directivas del Ministerio de Salud y Protección Social",
            "installation",
            True,
        ),
        (
            "Socialización del Plan de atención del sector salud para la población migrante, "
            "refugiada, retornada y comunidades de acogida, y de la conformación y el "
            "funcionamiento de la mesa",
            "national_guidelines",
            True,
        ),
        (
            "Presentación de la Oficina de Promoción Social como secretaría técnica de la mesa y "
            "de sus funciones",
            "technical_secretariat",
            True,
        ),
        (
            "Designación, por cada dependencia, de los enlaces permanentes ante los grupos de "
            "trabajo del Plan",
            "other",
            False,
        ),
        (
            "Definición y aprobación del plan de acción, del plan de trabajo y del cronograma de "
            "seguimiento a los compromisos",
            "action_plan_approval",
            True,
        ),
    ]
    + _CLOSING_ITEMS,
}


def agenda_template(template: str, mesa_kind: str | None = None) -> list[tuple[str, str, bool]]:
    """The (title, purpose, mandatory) items a new session of ``template`` starts with in a
    mesa of ``mesa_kind`` (the territorial texts when the kind is not known)."""
    if mesa_kind == MesaKind.NATIONAL and template in NATIONAL_AGENDA_TEMPLATES:
        return NATIONAL_AGENDA_TEMPLATES[template]
    return AGENDA_TEMPLATES[template]


@dataclass(frozen=True)
class AgendaItemInfo:
    id: uuid.UUID
    position: int
    title: str
    purpose: str
    mandatory: bool
    development: str | None


@dataclass(frozen=True)
class SessionInfo:
    id: uuid.UUID
    number: str  # NNN-YYYY
    year: int
    date: date
    start_time: time | None
    end_time: time | None
    kind: str
    template: str
    modality: str
    place: str | None
    virtual_link: str | None
    convocation_date: dt.date | None  # `date` is a field of this class
    status: str
    ministry_participated: bool
    president_name: str | None
    objective: str | None
    agenda: tuple[AgendaItemInfo, ...] = ()
    opened_at: datetime | None = None  # real start (UTC); the planned one is start_time
    closed_at: datetime | None = None  # real end (UTC)
    presiders: tuple[PresiderInfo, ...] = ()
    # Things the user should know but that do not stop the action (a holiday, a weekend).
    warnings: tuple[str, ...] = ()

    @property
    def opened(self) -> bool:
        return self.opened_at is not None or self.status in (Status.HELD, Status.ACTA_APPROVED)

    @property
    def title(self) -> str:
        return f"Sesión {KIND_LABELS[self.kind]} {self.number}"

    def as_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "number": self.number,
            "date": self.date.isoformat(),
            "time": self.start_time.strftime("%H:%M") if self.start_time else None,
            "kind": self.kind,
            "template": self.template,
            "modality": self.modality,
            "status": self.status,
            "place": self.place,
        }


@dataclass(frozen=True)
class PresiderInfo:
    full_name: str
    position: str | None  # cargo
    entity: str | None
    person_id: uuid.UUID | None = None


def date_warnings(day: date) -> tuple[str, ...]:
    """Why a session date deserves a second look: a weekend or a Colombian public holiday."""
    from mesa_desktop.documents.text import long_date
    from mesa_desktop.rules import calendar

    found = []
    holiday = calendar.holiday_name(day)
    if holiday:
        found.append(
            f"El {long_date(day)} es festivo en Colombia ({holiday}); confirme la fecha de la sesión."
        )
    elif day.weekday() >= 5:
        weekday = "sábado" if day.weekday() == 5 else "domingo"
        found.append(f"El {long_date(day)} es {weekday}; confirme la fecha de la sesión.")
    return tuple(found)


def session_info(session: MeetingSession, warnings: tuple[str, ...] = ()) -> SessionInfo:
    return SessionInfo(
        id=session.id,
        number=session.label,
        year=session.year,
        date=session.date,
        start_time=session.start_time,
        end_time=session.end_time,
        kind=session.kind,
        template=session.template,
        modality=session.modality,
        place=session.place,
        virtual_link=session.virtual_link,
        convocation_date=session.convocation_date,
        status=session.status,
        ministry_participated=session.ministry_participated,
        president_name=session.president_name,
        objective=session.objective,
        agenda=tuple(
            AgendaItemInfo(i.id, i.position, i.title, i.purpose, i.mandatory, i.development)
            for i in session.agenda
        ),
        opened_at=session.opened_at,
        closed_at=session.closed_at,
        presiders=tuple(
            PresiderInfo(p.full_name, p.role_title, p.entity, p.person_id) for p in session.presiders
        ),
        warnings=warnings,
    )


def new_session(
    store: Store,
    *,
    on: date,
    kind: str = SessionKind.ORDINARY,
    template: str | None = None,
    start_time: time | None = None,
    end_time: time | None = None,
    modality: str = Modality.IN_PERSON,
    place: str | None = None,
    virtual_link: str | None = None,
    convocation_date: date | None = None,
    ministry_participated: bool = False,
    objective: str | None = None,
) -> SessionInfo:
    if kind not in SESSION_KINDS:
        raise InvalidInput(f"Tipo de sesión desconocido «{kind}»; use ordinary o extraordinary.")
    template = template or kind
    if template not in SESSION_TEMPLATES:
        raise InvalidInput(f"Plantilla desconocida «{template}»; use: {', '.join(SESSION_TEMPLATES)}.")
    if (kind == SessionKind.EXTRAORDINARY) != (template == SessionTemplate.EXTRAORDINARY):
        raise InvalidInput("Las plantillas de instalación, ordinaria y cierre son de sesiones ordinarias.")
    if modality not in MODALITIES:
        raise InvalidInput(f"Modalidad desconocida «{modality}»; use in_person, virtual o hybrid.")
    if end_time and start_time and end_time <= start_time:
        raise InvalidInput("La hora de fin debe ser posterior a la de inicio.")
    with store.transaction() as db:
        mesa = the_mesa(db)
        last = db.scalar(
            select(func.max(MeetingSession.number)).where(
                MeetingSession.mesa_id == mesa.id, MeetingSession.year == on.year
            )
        )
        session = MeetingSession(
            mesa_id=mesa.id,
            year=on.year,
            number=(last or 0) + 1,
            kind=kind,
            template=template,
            modality=modality,
            date=on,
            start_time=start_time,
            end_time=end_time,
            place=place or (mesa.default_place if modality != Modality.VIRTUAL else None),
            virtual_link=virtual_link,
            convocation_date=convocation_date,
            status=Status.CONVENED.value if convocation_date else Status.PLANNED.value,
            ministry_participated=ministry_participated,
            objective=objective,
        )
        session.agenda = [
            AgendaItem(position=position, title=title, purpose=purpose, mandatory=mandatory)
            for position, (title, purpose, mandatory) in enumerate(agenda_template(template, mesa.kind), 1)
        ]
        db.add(session)
        db.flush()
        return session_info(session, date_warnings(on))


def list_sessions(store: Store, *, year: int | None = None) -> list[SessionInfo]:
    with store.reading() as db:
        mesa = the_mesa(db)
        query = select(MeetingSession).where(MeetingSession.mesa_id == mesa.id)
        if year:
            query = query.where(MeetingSession.year == year)
        sessions = db.scalars(query.order_by(MeetingSession.date, MeetingSession.number)).all()
        return [session_info(s) for s in sessions]


def get_session(store: Store, reference: str | uuid.UUID) -> SessionInfo:
    with store.reading() as db:
        return session_info(find_session(db, the_mesa(db), reference))


EDITABLE = {
    "date",
    "start_time",
    "end_time",
    "modality",
    "place",
    "virtual_link",
    "convocation_date",
    "ministry_participated",
    "president_name",
    "president_position",
    "objective",
}


def update_session(store: Store, reference: str | uuid.UUID, **changes: Any) -> SessionInfo:
    if set(changes) - EDITABLE:
        raise InvalidInput(f"Campos no editables: {', '.join(sorted(set(changes) - EDITABLE))}.")
    with store.transaction() as db:
        session = find_session(db, the_mesa(db), reference)
        _refuse_if_closed(session)
        if "date" in changes and changes["date"].year != session.year:
            raise InvalidInput("Una sesión no puede cambiar de año: cancélela y cree una nueva.")
        for key, value in changes.items():
            setattr(session, key, value)
        return session_info(session, date_warnings(session.date) if "date" in changes else ())


def set_status(store: Store, reference: str | uuid.UUID, status: str) -> SessionInfo:
    with store.transaction() as db:
        session = find_session(db, the_mesa(db), reference)
        move_status(session, status)
        warnings: tuple[str, ...] = ()
        if status == Status.HELD and not _attended(db, session):
            # Allowed (a session recorded afterwards), but it counts as held with nobody present.
            warnings = (
                f"Nadie ha registrado asistencia en la sesión {session.label}: el acta dirá que "
                "no asistió ninguna dependencia. Registre la asistencia de la lista en papel, con "
                "su hora de llegada.",
            )
        return session_info(session, warnings)


def _attended(db: Session, session: MeetingSession) -> bool:
    """Whether anyone's attendance is recorded in the session."""
    return db.scalar(select(Attendance.id).where(Attendance.session_id == session.id).limit(1)) is not None


def move_status(session: MeetingSession, status: str) -> None:
    if status not in STATUS_LABELS:
        raise InvalidInput(f"Estado desconocido «{status}».")
    if status == session.status:
        return
    if status not in TRANSITIONS[session.status]:
        raise Conflict(
            f"La sesión {session.label} está «{STATUS_LABELS[session.status]}» y no puede pasar a "
            f"«{STATUS_LABELS[status]}»."
        )
    if status == Status.HELD:
        from mesa_desktop.services.attendance import refuse_if_future

        refuse_if_future(session, "marcar como realizada")
    if status == Status.CONVENED and session.convocation_date is None:
        session.convocation_date = clock.today()
    session.status = status


def open_session(
    store: Store, reference: str | uuid.UUID, *, at: datetime | time | None = None
) -> SessionInfo:
    """The session really starts (default now; a bare time is Colombia's clock on its date)."""
    from mesa_desktop.services.attendance import moment_in, refuse_if_future, refuse_later_than_now

    with store.transaction() as db:
        session = find_session(db, the_mesa(db), reference)
        _refuse_if_closed(session)
        refuse_if_future(session, "abrir")
        moment = moment_in(session, at)
        refuse_later_than_now(moment)
        if session.closed_at is not None and moment > to_utc(session.closed_at):
            raise InvalidInput("La hora de apertura debe ser anterior a la de cierre.")
        session.opened_at = moment
        return session_info(session)


def close_session(
    store: Store, reference: str | uuid.UUID, *, at: datetime | time | None = None
) -> SessionInfo:
    """The session really ends (default now); it is then held. A session nobody attended was
    not held: closing it is refused, with what to do instead."""
    from mesa_desktop.services.attendance import moment_in, refuse_if_future, refuse_later_than_now

    with store.transaction() as db:
        session = find_session(db, the_mesa(db), reference)
        _refuse_if_closed(session)
        refuse_if_future(session, "cerrar")
        moment = moment_in(session, at)
        refuse_later_than_now(moment)
        if session.opened_at is None:
            raise Conflict(f"La sesión {session.label} no se ha abierto; ábrala antes de cerrarla.")
        if not _attended(db, session):
            raise Conflict(
                f"Nadie ha registrado asistencia en la sesión {session.label}: no se puede cerrar "
                "como realizada. Registre la asistencia (la de una lista en papel, con su hora de "
                "llegada); si la sesión no se realizó, cancélela o cámbiele la fecha."
            )
        if moment < to_utc(session.opened_at):
            raise InvalidInput(
                f"La sesión se abrió a las {formatting.hour(session.opened_at)}: el cierre no "
                "puede ser anterior."
            )
        session.closed_at = moment
        move_status(session, Status.HELD)
        return session_info(session)


def move_to_today(store: Store, reference: str | uuid.UUID) -> SessionInfo:
    """A session being held today although it was planned for a later date moves to today."""

    today = clock.today()
    with store.transaction() as db:
        session = find_session(db, the_mesa(db), reference)
        _refuse_if_closed(session)
        if session.date.year != today.year:
            raise InvalidInput("Una sesión no puede cambiar de año: cancélela y cree una nueva.")
        session.date = today
        return session_info(session, date_warnings(today))


def set_presiders(
    store: Store,
    reference: str | uuid.UUID,
    presiders: list[str | uuid.UUID | tuple[str, str | None, str | None]],
) -> SessionInfo:
    """Who presided: each one a person present (by name or id) or typed as (name, cargo, entity)."""
    from mesa_desktop.services.lookup import find_person

    if not presiders:
        raise InvalidInput("Indique al menos una persona que presidió la sesión.")
    with store.transaction() as db:
        mesa = the_mesa(db)
        session = find_session(db, mesa, reference)
        _refuse_if_closed(session)
        rows = []
        for position, given in enumerate(presiders, 1):
            if isinstance(given, tuple):
                name, cargo, entity = given
                if not name or not name.strip():
                    raise InvalidInput("El nombre de quien presidió no puede estar vacío.")
                rows.append(
                    Presider(
                        position=position,
                        full_name=" ".join(name.split()),
                        role_title=cargo or None,
                        entity=entity or None,
                    )
                )
                continue
            if not str(given).strip():
                raise InvalidInput("El nombre de quien presidió no puede estar vacío.")
            try:
                person = find_person(db, mesa, given)
            except NotFound:  # someone not registered: typed by name
                rows.append(Presider(position=position, full_name=" ".join(str(given).split())))
                continue
            present = db.scalar(
                select(Attendance.id).where(
                    Attendance.session_id == session.id, Attendance.person_id == person.id
                )
            )
            if present is None:
                raise InvalidInput(
                    f"{person.full_name} no figura en la asistencia de la sesión {session.label}; "
                    "registre su llegada o escriba su nombre, cargo y entidad."
                )
            rows.append(
                Presider(
                    position=position,
                    person_id=person.id,
                    full_name=person.full_name,
                    role_title=person.position,
                    entity=person.entity or (person.dependency.name if person.dependency else None),
                )
            )
        session.presiders = rows
        # The single-president columns stay in step for screens that still read them.
        session.president_name, session.president_position = rows[0].full_name, rows[0].role_title
        return session_info(session)


def _refuse_if_closed(session: MeetingSession) -> None:
    if session.status in (Status.ACTA_APPROVED, Status.CANCELLED):
        raise Conflict(
            f"La sesión {session.label} está «{STATUS_LABELS[session.status]}»: ya no se puede modificar."
        )


def add_agenda_item(
    store: Store, reference: str | uuid.UUID, title: str, *, after_position: int | None = None
) -> SessionInfo:
    title = " ".join(title.split())
    if not title:
        raise InvalidInput("El punto del orden del día no puede estar vacío.")
    with store.transaction() as db:
        session = find_session(db, the_mesa(db), reference)
        _refuse_if_closed(session)
        items = list(session.agenda)
        index = len(items) if after_position is None else min(after_position, len(items))
        # Keep "compromisos y próxima sesión" last unless told otherwise.
        if after_position is None and items and items[-1].purpose == "next_session":
            index = len(items) - 1
        items.insert(index, AgendaItem(title=title, purpose="other", mandatory=False, position=0))
        _renumber(session, items)
        db.flush()  # assigns the new item's id before it is reported back
        return session_info(session)


def update_agenda_item(
    store: Store, item_id: uuid.UUID, *, title: str | None = None, development: str | None = None
) -> AgendaItemInfo:
    with store.transaction() as db:
        item = _agenda_item(db, item_id)
        session = db.get_one(MeetingSession, item.session_id)
        if not (development is not None and title is None and _correcting(db, session)):
            _refuse_if_closed(session)
        if title is not None:
            if item.mandatory and " ".join(title.split()) == "":
                raise InvalidInput("Un punto obligatorio no puede quedar sin título.")
            item.title = " ".join(title.split())
        if development is not None:
            item.development = development
        return AgendaItemInfo(
            item.id, item.position, item.title, item.purpose, item.mandatory, item.development
        )


def move_agenda_item(store: Store, item_id: uuid.UUID, offset: int) -> SessionInfo:
    with store.transaction() as db:
        item = _agenda_item(db, item_id)
        session = db.get_one(MeetingSession, item.session_id)
        _refuse_if_closed(session)
        items = list(session.agenda)
        index = items.index(item)
        target = max(0, min(len(items) - 1, index + offset))
        items.insert(target, items.pop(index))
        _renumber(session, items)
        return session_info(session)


def remove_agenda_item(store: Store, item_id: uuid.UUID) -> SessionInfo:
    with store.transaction() as db:
        item = _agenda_item(db, item_id)
        session = db.get_one(MeetingSession, item.session_id)
        _refuse_if_closed(session)
        if item.mandatory:
            raise Conflict(f"«{item.title}» es un punto obligatorio del orden del día; no se puede quitar.")
        items = [i for i in session.agenda if i.id != item.id]
        session.agenda.remove(item)
        _renumber(session, items)
        return session_info(session)


def _correcting(db: Session, session: MeetingSession) -> bool:
    """A correction of an approved acta is being drafted: its proceedings may be amended."""
    from mesa_desktop.models import Acta

    latest = db.scalar(select(Acta).where(Acta.session_id == session.id).order_by(Acta.version.desc()))
    return latest is not None and latest.version > 1 and latest.status == "draft"


def _agenda_item(db: Session, item_id: uuid.UUID) -> AgendaItem:
    item = db.get(AgendaItem, item_id) if item_id is not None else None
    if item is None:
        raise NotFound("El punto del orden del día ya no existe.")
    return item


def _renumber(session: MeetingSession, items: list[AgendaItem]) -> None:
    session.agenda = items
    for position, item in enumerate(items, 1):
        item.position = position


# --- what a screen may offer for a session ---------------------------------------------------
# The rules live here so the sessions, attendance and acta screens (and their tests) agree.

# A session whose acta was approved keeps what was approved; a cancelled one is only consulted.
CLOSED_STATUSES = (Status.ACTA_APPROVED, Status.CANCELLED)
VIRTUAL_MODALITIES = ("virtual", "hybrid")


def held_by_approval(status: str) -> bool:
    """Whether approving the session's acta marks it held first (it was still planned or convened)."""
    return status in ("planned", "convened")


def kind_of_template(template: str) -> str:
    """The session kind a template makes: only the extraordinary template is extraordinary."""
    return "extraordinary" if template == "extraordinary" else "ordinary"


def is_editable(status: str) -> bool:
    """Whether a session's details and agenda can still change."""
    return status not in CLOSED_STATUSES


def offered_moves(status: str | None) -> frozenset[str]:
    """The status changes the sessions screen offers as buttons: convene only a planned session,
    reschedule ("planned") only a cancelled one; the rest as ``TRANSITIONS`` allows."""
    if status is None:
        return frozenset()
    allowed = TRANSITIONS.get(status, set())
    offered: set[str] = {move for move in ("held", "cancelled") if move in allowed}
    if status == "planned" and "convened" in allowed:
        offered.add("convened")
    if status == "cancelled":
        offered.add("planned")
    return frozenset(offered)


def convocation_lead_days(lead_days: int | None) -> int:
    """The mesa's own notice period, or the guideline's when the mesa is not known yet."""
    return lead_days if lead_days is not None else DEFAULT_CONVOCATION_LEAD_DAYS


def takes_attendance(session: SessionInfo, today: date | None = None) -> bool:
    """Attendance is recorded from the session's day on, and until its acta is approved."""
    return is_editable(session.status) and not is_upcoming(session, today)


def is_upcoming(session: SessionInfo, today: date | None = None) -> bool:
    """A session still open whose day has not come (nothing is recorded in it yet)."""
    return is_editable(session.status) and session.date > (today or clock.today())


def takes_virtual_attendance(session: SessionInfo, today: date | None = None) -> bool:
    return takes_attendance(session, today) and session.modality in VIRTUAL_MODALITIES

"""Plain, frozen inputs of the document generators.

The services build these from the store; the generators never see an ORM object. Each
document's top-level dataclass (``ActaData``, ``AttendanceSheetData``, ``ConvocationData``,
``ActionPlanReport``, ``PeriodicReportData``) carries everything that document prints, so a
generator needs nothing else. Enumerations are the ``StrEnum``s of ``mesa_desktop.vocabulary``,
whose values are the store's plain strings; a field typed with one also accepts that string
(``kind="ordinary"``).

Inconsistent data raises ``InvalidInput`` with a Spanish message at construction time, so a
bad value is reported where it was made, not halfway through a PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from datetime import date, time
from enum import StrEnum
from typing import Any

from mesa_desktop.errors import InvalidInput
from mesa_desktop.vocabulary import ActaStatus, Capacity, CommitmentState, Modality, SessionKind

SESSION_NUMBER = re.compile(r"^\d{3}-\d{4}$")


# A document's commitment status is the stored one or "overdue" (see CommitmentState).
CommitmentStatus = CommitmentState


def _coerce(instance: Any, name: str, enum: type[StrEnum], label: str) -> None:
    """Turn a plain string field into its enum, with a Spanish error for unknown values."""
    value = getattr(instance, name)
    if value is None or isinstance(value, enum):
        return
    try:
        object.__setattr__(instance, name, enum(value))
    except ValueError:
        allowed = ", ".join(member.value for member in enum)
        raise InvalidInput(f"Valor no válido para {label}: {value!r} (se espera {allowed}).") from None


def _require_text(value: str, label: str) -> None:
    if not value or not value.strip():
        raise InvalidInput(f"Falta {label}.")


def _check_percent(value: float | None, label: str) -> None:
    if value is not None and not 0 <= value <= 100:
        raise InvalidInput(f"El avance de {label} debe estar entre 0 y 100 % (es {value}).")


def _as_tuple(instance: Any, *names: str) -> None:
    # Callers often hand in lists; tuples keep the dataclass hashable and truly frozen.
    for name in names:
        value = getattr(instance, name)
        if not isinstance(value, tuple):
            object.__setattr__(instance, name, tuple(value))


# Fields marked this way are left out of an acta's content hash (see ``acta.content_sha256``):
# the approval itself, and contact details and decoration the acta does not print.
NOT_HASHED = {"hashed": False}


@dataclass(frozen=True)
class MesaInfo:
    """The body that issues every document."""

    entity_name: str  # "Instituto Departamental de Salud de Norte de Santander"
    mesa_name: str  # "Mesa técnica territorial de migración y salud de Norte de Santander"
    territory_name: str  # display name: "San José de Cúcuta, Norte de Santander"
    city: str = ""  # where letters are dated: "San José de Cúcuta"
    divipola_code: str = ""
    acto_administrativo: str = ""  # "Decreto 0123 del 2 de febrero de 2026"
    address: str = field(default="", metadata=NOT_HASHED)
    contact_email: str = field(default="", metadata=NOT_HASHED)
    contact_phone: str = field(default="", metadata=NOT_HASHED)
    logo_png: bytes | None = field(default=None, metadata=NOT_HASHED)

    def __post_init__(self) -> None:
        _require_text(self.entity_name, "el nombre de la entidad")
        _require_text(self.mesa_name, "el nombre de la mesa")


@dataclass(frozen=True)
class SessionInfo:
    number: str  # "NNN-YYYY"
    kind: SessionKind
    date: date
    modality: Modality = Modality.IN_PERSON
    start_time: time | None = None
    end_time: time | None = None
    place: str = ""
    virtual_link: str = ""
    uid: str = ""  # the session's UUID in the store; keeps the iCalendar UID stable
    installation: bool = False  # the mesa's installation session (DESIGN §2)
    closing: bool = False  # the year's final evaluation and closing session (guideline 1.5 a)
    # Printed by the convocation; the acta prints its own copy (ActaData.objective), hashed there.
    objective: str = field(default="", metadata=NOT_HASHED)

    def __post_init__(self) -> None:
        if not SESSION_NUMBER.match(self.number or ""):
            raise InvalidInput(
                f"Número de sesión no válido: {self.number!r}. Debe tener la forma NNN-AAAA, "
                "por ejemplo 003-2026."
            )
        _coerce(self, "kind", SessionKind, "el tipo de sesión")
        _coerce(self, "modality", Modality, "la modalidad")
        if self.start_time and self.end_time and self.end_time < self.start_time:
            raise InvalidInput(
                f"La hora de finalización de la sesión {self.number} es anterior a la de inicio."
            )

    @property
    def is_ordinary(self) -> bool:
        return self.kind is SessionKind.ORDINARY


@dataclass(frozen=True)
class Attendee:
    """A person who attended: a member's representative, or an invited actor."""

    name: str
    position: str = ""  # cargo
    entity: str = ""  # entidad u organización
    dependency: str = ""  # member dependency represented; empty for invited actors
    capacity: Capacity | None = None  # head / delegate / alternate; None for invited actors
    email: str = field(default="", metadata=NOT_HASHED)
    phone: str = field(default="", metadata=NOT_HASHED)
    check_in: time | None = None
    check_out: time | None = None  # the acta says "se retiró a las …"
    signature_png: bytes | None = None
    virtual: bool = False  # registered by the secretaría técnica; no signature
    invited: bool = False  # invited actor: attends and signs, never counts for quorum
    presiding: bool = False  # presides (or co-presides) the session: listed as such, not as invited

    def __post_init__(self) -> None:
        _require_text(self.name, "el nombre de un asistente")
        _coerce(self, "capacity", Capacity, f"la calidad de {self.name}")
        if not self.invited:
            if not self.dependency.strip():
                raise InvalidInput(f"{self.name} no tiene dependencia y no está marcado como invitado.")
            if self.capacity is None:
                raise InvalidInput(
                    f"Falta la calidad (jefe, delegado o suplente) de {self.name} en {self.dependency}."
                )


@dataclass(frozen=True)
class AbsentDependency:
    name: str
    excused: bool = False
    note: str = ""  # e.g. "Presentó excusa por escrito"


@dataclass(frozen=True)
class QuorumCheck:
    """A quorum verification as the rules computed it (DESIGN §3)."""

    rule_label: str  # "Mitad más una de las delegaciones previstas"
    present: int  # member dependencies present
    required: int
    total: int  # delegaciones previstas
    met: bool
    at: time | None = None

    def __post_init__(self) -> None:
        if min(self.present, self.required, self.total) < 0 or self.present > self.total:
            raise InvalidInput(
                f"Conteo de quórum no válido: {self.present} presentes de {self.total} dependencias."
            )
        if self.total and self.met != (self.present >= self.required):
            raise InvalidInput(
                f"Verificación de quórum inconsistente: {self.present} presentes, "
                f"{self.required} requeridas, pero marcada como {'cumplida' if self.met else 'no cumplida'}."
            )


@dataclass(frozen=True)
class AgendaItem:
    title: str
    development: str = ""  # what happened; paragraphs separated by blank lines
    presenter: str = ""


@dataclass(frozen=True)
class Decision:
    text: str
    quorum: QuorumCheck | None = None  # verification when the decision was taken
    votes_for: int | None = None
    votes_against: int | None = None
    abstentions: int | None = None
    agenda_item: int | None = None  # 1-based position in the agenda
    at: time | None = None  # when it was taken
    without_quorum: bool = False  # recorded without quorum in an ordinary session: not valid


@dataclass(frozen=True)
class Commitment:
    text: str
    responsible: str
    due_date: date | None = None
    status: CommitmentStatus = CommitmentStatus.PENDING
    source_session: str = ""  # "NNN-YYYY" where it was agreed
    follow_up: str = ""  # latest follow-up note

    def __post_init__(self) -> None:
        _require_text(self.text, "el texto de un compromiso")
        _coerce(self, "status", CommitmentStatus, "el estado del compromiso")


@dataclass(frozen=True)
class NextSession:
    date: date | None = None
    start_time: time | None = None
    place: str = ""
    modality: Modality | None = None
    kind: SessionKind = SessionKind.ORDINARY
    notes: str = ""

    def __post_init__(self) -> None:
        _coerce(self, "modality", Modality, "la modalidad de la próxima sesión")
        _coerce(self, "kind", SessionKind, "el tipo de la próxima sesión")


QUORUM_EVENT_KINDS = ("established", "lost", "re-established")


@dataclass(frozen=True)
class QuorumEventLine:
    """A moment the quorum was established, lost or re-established, as the acta records it."""

    kind: str
    at: time | None
    present: int
    required: int
    total: int

    def __post_init__(self) -> None:
        if self.kind not in QUORUM_EVENT_KINDS:
            raise InvalidInput(f"Evento de quórum desconocido: {self.kind!r}.")


@dataclass(frozen=True)
class Signatory:
    name: str
    role: str  # "Presidente(a) de la mesa", "Secretaría técnica"
    position: str = ""  # cargo
    signature_png: bytes | None = None


@dataclass(frozen=True)
class ActaApproval:
    session_number: str  # session where the acta was approved, "NNN-YYYY"
    session_date: date
    sha256: str  # content_sha256() of the acta, as recorded in the store

    def __post_init__(self) -> None:
        if not re.fullmatch(r"[0-9a-f]{64}", self.sha256 or ""):
            raise InvalidInput("La huella SHA-256 del acta debe tener 64 caracteres hexadecimales.")


@dataclass(frozen=True)
class ActaData:
    mesa: MesaInfo
    session: SessionInfo
    status: ActaStatus = field(default=ActaStatus.DRAFT, metadata=NOT_HASHED)
    attendees: tuple[Attendee, ...] = ()  # members and invited actors who attended
    absent_dependencies: tuple[AbsentDependency, ...] = ()
    absent_invited: tuple[AbsentDependency, ...] = ()  # invited actors convened who did not come
    opening_quorum: QuorumCheck | None = None
    agenda: tuple[AgendaItem, ...] = ()
    decisions: tuple[Decision, ...] = ()
    commitments: tuple[Commitment, ...] = ()  # agreed in this session
    commitment_review: tuple[Commitment, ...] = ()  # earlier ones followed up in this session
    next_session: NextSession | None = None
    signatories: tuple[Signatory, ...] = ()  # president(s) and secretaría técnica
    approval: ActaApproval | None = field(default=None, metadata=NOT_HASHED)
    version: int = 1
    corrects: str = ""  # for a correction: which approved acta (and version) it replaces
    objective: str = ""  # the session's objective (the motive of an extraordinary session)
    opening_text: str = ""  # the apertura as typed
    closing_text: str = ""  # the cierre as typed
    quorum_events: tuple[QuorumEventLine, ...] = ()
    presiders: tuple[Signatory, ...] = ()  # who presided (also among the signatories)

    def __post_init__(self) -> None:
        _coerce(self, "status", ActaStatus, "el estado del acta")
        _as_tuple(self, "quorum_events", "presiders")
        _as_tuple(
            self,
            "attendees",
            "absent_dependencies",
            "absent_invited",
            "agenda",
            "decisions",
            "commitments",
            "commitment_review",
            "signatories",
        )
        if self.status is ActaStatus.APPROVED and self.approval is None:
            raise InvalidInput(f"El acta {self.number} figura aprobada pero no indica en qué sesión.")
        if self.status is ActaStatus.DRAFT and self.approval is not None:
            raise InvalidInput(f"El acta {self.number} es un borrador y no puede tener aprobación.")

    @property
    def number(self) -> str:
        return self.session.number

    @property
    def is_draft(self) -> bool:
        return self.status is ActaStatus.DRAFT

    @property
    def members(self) -> tuple[Attendee, ...]:
        return tuple(a for a in self.attendees if not a.invited)

    @property
    def invited(self) -> tuple[Attendee, ...]:
        return tuple(a for a in self.attendees if a.invited and not a.presiding)

    @property
    def co_presiding_guests(self) -> tuple[Attendee, ...]:
        """Presiders who do not represent a member dependency (the ministry's delegate)."""
        return tuple(a for a in self.attendees if a.invited and a.presiding)


@dataclass(frozen=True)
class AttendanceSheetData:
    mesa: MesaInfo
    session: SessionInfo
    attendees: tuple[Attendee, ...]

    def __post_init__(self) -> None:
        _as_tuple(self, "attendees")


@dataclass(frozen=True)
class Addressee:
    name: str
    position: str = ""
    dependency: str = ""  # dependency or entity
    email: str = ""
    check_in_code: str = ""  # personal code (mesa_desktop/person_codes.py), printed as a QR


@dataclass(frozen=True)
class ConvocationData:
    mesa: MesaInfo
    session: SessionInfo
    convocation_date: date
    agenda: tuple[AgendaItem, ...]
    addressees: tuple[Addressee, ...]
    sender: Signatory  # the secretaría técnica who signs the letter
    sender_email: str = ""  # From: of the e-mail and ORGANIZER of the invitation
    body: str = ""  # replaces the standard opening paragraph when given
    reference: str = ""  # the entity's filing number (radicado), if any
    sequence: int = 0  # iCalendar SEQUENCE: raise it when re-sending a changed invitation
    min_lead_days: int = 14  # the mesa's configured convocation lead time (DESIGN §2)

    @property
    def without_email(self) -> tuple[str, ...]:
        """Names of the addressees the e-mail cannot reach: convene them another way."""
        return tuple(p.name for p in self.addressees if not p.email.strip())

    def __post_init__(self) -> None:
        _as_tuple(self, "agenda", "addressees")
        if self.session.start_time is None:
            raise InvalidInput(
                f"La sesión {self.session.number} no tiene hora de inicio; indíquela antes de convocar."
            )


@dataclass(frozen=True)
class Indicator:
    """A quantitative figure reported for an action (per territory and period, as in the CNIM report)."""

    name: str
    value: float | int
    unit: str = ""
    territory: str = ""
    period: str = ""  # "III trimestre 2025"


@dataclass(frozen=True)
class PlanTask:
    description: str
    progress: float | None = None  # 0-100
    responsible: str = ""
    start_date: date | None = None
    end_date: date | None = None

    def __post_init__(self) -> None:
        _check_percent(self.progress, f"la tarea «{self.description[:40]}»")


@dataclass(frozen=True)
class PlanAction:
    title: str
    tasks: tuple[PlanTask, ...] = ()
    qualitative_report: str = ""  # the report for the cut-off date; paragraphs by blank lines
    progress: float | None = None  # None: mean of the tasks' progress
    responsible: str = ""
    indicators: tuple[Indicator, ...] = ()

    def __post_init__(self) -> None:
        _as_tuple(self, "tasks", "indicators")
        _check_percent(self.progress, f"la acción «{self.title[:40]}»")

    @property
    def effective_progress(self) -> float | None:
        if self.progress is not None:
            return self.progress
        return _mean(task.progress for task in self.tasks)


@dataclass(frozen=True)
class StrategicAxis:
    title: str
    actions: tuple[PlanAction, ...] = ()
    progress: float | None = None  # None: mean of the actions' progress

    def __post_init__(self) -> None:
        _as_tuple(self, "actions")
        _check_percent(self.progress, f"el eje «{self.title[:40]}»")

    @property
    def effective_progress(self) -> float | None:
        if self.progress is not None:
            return self.progress
        return _mean(action.effective_progress for action in self.actions)


@dataclass(frozen=True)
class ActionPlanReport:
    mesa: MesaInfo
    year: int
    cut_off_date: date
    objective: str
    axes: tuple[StrategicAxis, ...]
    overall_progress: float | None = None  # None: mean of the axes' progress
    prepared_by: Signatory | None = None

    def __post_init__(self) -> None:
        _as_tuple(self, "axes")
        _check_percent(self.overall_progress, "el plan")

    @property
    def effective_progress(self) -> float | None:
        if self.overall_progress is not None:
            return self.overall_progress
        return _mean(axis.effective_progress for axis in self.axes)


@dataclass(frozen=True)
class SessionRecord:
    """One session in a periodic report."""

    number: str
    date: date
    kind: SessionKind
    modality: Modality = Modality.IN_PERSON
    attendee_count: int = 0
    quorum: QuorumCheck | None = None  # at opening
    ministry_present: bool = False
    acta_status: ActaStatus | None = None  # None: no acta yet
    cancelled: bool = False

    def __post_init__(self) -> None:
        _coerce(self, "kind", SessionKind, "el tipo de sesión")
        _coerce(self, "modality", Modality, "la modalidad")
        _coerce(self, "acta_status", ActaStatus, "el estado del acta")


@dataclass(frozen=True)
class Articulation:
    """An invited actor of the period: the sessions it attended and the commitments it holds."""

    actor: str
    sessions_attended: int = 0
    commitments: int = 0
    commitments_done: int = 0


@dataclass(frozen=True)
class CaseTotals:
    """Referred cases of one need (a ``CaseNeed`` code) in a period, by current status: totals
    only, never a case (Ley 1581)."""

    need: str
    by_status: tuple[tuple[str, int], ...]  # (CaseStatus code, count), in the vocabulary's order
    total: int


@dataclass(frozen=True)
class PeriodicReportData:
    mesa: MesaInfo
    period_start: date
    period_end: date
    report_date: date
    progress: str  # avances
    challenges: str  # desafíos
    opportunities: str  # oportunidades
    sessions: tuple[SessionRecord, ...] = ()
    commitments: tuple[Commitment, ...] = ()  # due in the period, status at its end
    axes: tuple[StrategicAxis, ...] = ()  # action plan, for its progress
    overall_progress: float | None = None
    prepared_by: Signatory | None = None
    articulations_text: str = ""  # articulaciones requeridas con otros actores
    psychosocial: str = ""  # estrategia de acompañamiento psicosocial
    articulations: tuple[Articulation, ...] = ()
    cases: tuple[CaseTotals, ...] = ()  # referred in the period (guideline 2.7)
    overdue_cases: int = 0  # open cases past their next follow-up at the period's end
    number: str = ""  # "IP-003-2026" once issued; empty on a draft

    def __post_init__(self) -> None:
        _as_tuple(self, "sessions", "commitments", "axes", "articulations", "cases")
        if self.period_end < self.period_start:
            raise InvalidInput("El periodo del informe termina antes de empezar.")

    @property
    def effective_progress(self) -> float | None:
        if self.overall_progress is not None:
            return self.overall_progress
        return _mean(axis.effective_progress for axis in self.axes)


def _mean(values: Any) -> float | None:
    known = [value for value in values if value is not None]
    return sum(known) / len(known) if known else None


def hashed_fields(instance: Any) -> list[str]:
    """Names of the dataclass fields that belong in a content hash."""
    return [f.name for f in fields(instance) if f.metadata.get("hashed", True)]

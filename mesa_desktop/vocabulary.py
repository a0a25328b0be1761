"""Every code the store keeps, with its Spanish label beside it.

One ``StrEnum`` per stored vocabulary: models, rules, documents, bundle validation, the CLI's
``choices`` and the screens all read these, and the store's CHECK constraints are generated
from them (``models/base.py``'s ``code_check`` and migration ``0005_vocabulary_checks``), so a
code cannot be added in one place and forgotten in another. A member is a ``str``: it
compares equal to the plain code the store holds (``SessionKind.ORDINARY == "ordinary"``).

Kept free of SQLAlchemy on purpose: the desktop app reads the labels before the store is open.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Self

__all__ = [
    "ActaStatus",
    "AgendaPurpose",
    "BundleOutcome",
    "Capacity",
    "CaseNeed",
    "CLOSED_CASE_STATUSES",
    "CaseStatus",
    "LEGACY_CASE_STATUSES",
    "Coded",
    "CommitmentState",
    "CommitmentStatus",
    "KeyChangeStatus",
    "MesaKind",
    "Modality",
    "QuorumEventKind",
    "QuorumRule",
    "ReceiptVerdict",
    "Role",
    "SessionKind",
    "SessionStatus",
    "SessionTemplate",
    "STORED_CODES",
    "codes",
    "in_list_sql",
    "labels",
]


class Coded(StrEnum):
    """A stored code whose members are declared as ``NAME = "code", "Etiqueta"``."""

    _label: str

    def __new__(cls, value: str, label: str = "") -> Self:
        member = str.__new__(cls, value)
        member._value_ = value
        member._label = label or value
        return member

    @property
    def label(self) -> str:
        """The Spanish word the screens and documents print for this code."""
        return self._label


def codes(enum: type[StrEnum]) -> tuple[str, ...]:
    """The plain codes of ``enum``, in declaration order."""
    return tuple(member.value for member in enum)


def labels(enum: type[Coded]) -> Mapping[str, str]:
    """``{code: label}`` of ``enum``, read-only, in declaration order."""
    return MappingProxyType({member.value: member.label for member in enum})


def in_list_sql(column: str, allowed: Iterable[str]) -> str:
    """The SQL of a CHECK constraint that keeps ``column`` to ``allowed`` (NULL passes)."""
    quoted = ", ".join("'" + code.replace("'", "''") + "'" for code in allowed)
    return f"{column} IN ({quoted})"


# --- the mesa -----------------------------------------------------------------------------


class MesaKind(Coded):
    NATIONAL = "national", "Nacional"
    DEPARTMENTAL = "departmental", "Departamental"
    DISTRICT = "district", "Distrital"
    MUNICIPAL = "municipal", "Municipal"


class QuorumRule(Coded):
    # The acta states the rule in these words; the default is the guideline's own phrase (1.5 b).
    MITAD_MAS_UNO = "mitad_mas_uno", "la mitad más una de las delegaciones"
    MAYORIA_ABSOLUTA = "mayoria_absoluta", "mayoría absoluta"


class Role(Coded):
    """A person's role in the mesa; the first three represent a member dependency."""

    HEAD = "head", "Jefe de dependencia"
    DELEGATE = "delegate", "Delegado(a)"
    ALTERNATE = "alternate", "Suplente"
    INVITED = "invited", "Actor invitado"
    GUEST = "guest", "Asistente"


class Capacity(Coded):
    """How a person represents a member dependency: the roles that count for quorum."""

    HEAD = Role.HEAD.value, Role.HEAD.label
    DELEGATE = Role.DELEGATE.value, Role.DELEGATE.label
    ALTERNATE = Role.ALTERNATE.value, Role.ALTERNATE.label


# --- sessions -----------------------------------------------------------------------------


class SessionKind(Coded):
    ORDINARY = "ordinary", "ordinaria"
    EXTRAORDINARY = "extraordinary", "extraordinaria"


class SessionTemplate(Coded):
    INSTALLATION = "installation", "Instalación"
    ORDINARY = "ordinary", "Ordinaria"
    EXTRAORDINARY = "extraordinary", "Extraordinaria"
    CLOSING = "closing", "Evaluación y cierre"


class Modality(Coded):
    IN_PERSON = "in_person", "Presencial"
    VIRTUAL = "virtual", "Virtual"
    HYBRID = "hybrid", "Híbrida"


class SessionStatus(Coded):
    PLANNED = "planned", "Programada"
    CONVENED = "convened", "Convocada"
    HELD = "held", "Realizada"
    ACTA_APPROVED = "acta_approved", "Acta aprobada"
    CANCELLED = "cancelled", "Cancelada"


class AgendaPurpose(Coded):
    """What an agenda item is for, so the app can fill it and check it (guideline 1.5, 2.7)."""

    QUORUM = "quorum", "Verificación de asistencia y quórum"
    AGENDA_APPROVAL = "agenda_approval", "Aprobación del orden del día"
    INSTALLATION = "installation", "Instalación de la mesa"
    NATIONAL_GUIDELINES = "national_guidelines", "Socialización de los lineamientos nacionales"
    TECHNICAL_SECRETARIAT = "technical_secretariat", "Designación de la secretaría técnica"
    ACTION_PLAN_APPROVAL = "action_plan_approval", "Aprobación del plan de acción"
    PREVIOUS_ACTA = "previous_acta", "Aprobación del acta anterior"
    COMMITMENTS_FOLLOWUP = "commitments_followup", "Seguimiento de compromisos"
    ACTION_PLAN_PROGRESS = "action_plan_progress", "Avance del plan de acción"
    ACTION_PLAN_EVALUATION = "action_plan_evaluation", "Evaluación del plan de acción"
    CLOSING = "closing", "Cierre del periodo"
    EXTRAORDINARY_TOPIC = "extraordinary_topic", "Situación que motiva la sesión"
    NEXT_SESSION = "next_session", "Compromisos y próxima sesión"
    OTHER = "other", "Otro punto"


class QuorumEventKind(Coded):
    ESTABLISHED = "established", "Quórum establecido"
    LOST = "lost", "Quórum perdido"


class ActaStatus(Coded):
    DRAFT = "draft", "Borrador"
    APPROVED = "approved", "Aprobada"


# --- follow-up ----------------------------------------------------------------------------


class CommitmentStatus(Coded):
    PENDING = "pending", "Pendiente"
    IN_PROGRESS = "in_progress", "En curso"
    DONE = "done", "Cumplido"
    CANCELLED = "cancelled", "Anulado"


class CommitmentState(Coded):
    """What a document prints for a commitment: its stored status, or overdue (never stored)."""

    PENDING = "pending", "Pendiente"
    IN_PROGRESS = "in_progress", "En curso"
    DONE = "done", "Cumplido"
    OVERDUE = "overdue", "Vencido"
    CANCELLED = "cancelled", "Cancelado"


class CaseStatus(Coded):
    """Where a referred case stands (guideline 2.7, gestión de casos remitidos)."""

    RECEIVED = "received", "Recibido"
    REFERRED = "referred", "Remitido"
    IN_PROGRESS = "in_progress", "En gestión"
    RESOLVED = "resolved", "Resuelto"
    UNRESOLVED = "unresolved", "Cerrado sin resolver"


# Final states: leaving one needs a stated reason (services/cases.py).
CLOSED_CASE_STATUSES = frozenset({CaseStatus.RESOLVED, CaseStatus.UNRESOLVED})
# Codes of schema 0006 and earlier, and of the bundles those versions wrote. "closed" said
# nothing about the outcome; it becomes "resolved" and the history keeps the old word.
LEGACY_CASE_STATUSES: Mapping[str, CaseStatus] = MappingProxyType(
    {"open": CaseStatus.RECEIVED, "in_progress": CaseStatus.IN_PROGRESS, "closed": CaseStatus.RESOLVED}
)


class CaseNeed(Coded):
    URGENCIAS = "urgencias", "Atención de urgencias"
    MATERNO_PERINATAL = "materno_perinatal", "Salud materna y perinatal"
    VACUNACION = "vacunacion", "Vacunación"
    CRONICAS = "cronicas", "Enfermedades crónicas"
    SALUD_MENTAL = "salud_mental", "Salud mental"
    AFILIACION = "afiliacion", "Afiliación al SGSSS"
    VIH_ITS = "vih_its", "VIH / ITS"
    NUTRICION = "nutricion", "Nutrición"
    OTRA = "otra", "Otra necesidad"


# --- exchange with the ministry -----------------------------------------------------------


class ReceiptVerdict(Coded):
    IMPORTED = "imported", "importado: sus datos son los vigentes en el Ministerio"
    SUPERSEDED = "superseded", "recibido: el Ministerio ya tenía un paquete más reciente de este territorio"


class BundleOutcome(Coded):
    APPLIED = "applied", "Aplicado"
    SUPERSEDED = "superseded", "Reemplazado por uno más reciente"


class KeyChangeStatus(Coded):
    PENDING = "pending", "Pendiente de decisión"
    ACCEPTED = "accepted", "Aceptada"


# Which column holds which vocabulary: the CHECK constraints, the migration that adds them and
# the bundle validation all read this table.
STORED_CODES: Mapping[tuple[str, str], type[Coded]] = MappingProxyType(
    {
        ("mesa", "kind"): MesaKind,
        ("mesa", "quorum_rule"): QuorumRule,
        ("person", "role"): Role,
        ("meeting_session", "kind"): SessionKind,
        ("meeting_session", "template"): SessionTemplate,
        ("meeting_session", "modality"): Modality,
        ("meeting_session", "status"): SessionStatus,
        ("agenda_item", "purpose"): AgendaPurpose,
        ("attendance", "capacity"): Role,  # a person's role when they arrive
        ("quorum_event", "kind"): QuorumEventKind,
        ("acta", "status"): ActaStatus,
        ("commitment", "status"): CommitmentStatus,
        ("case_referral", "status"): CaseStatus,
        ("case_referral", "need"): CaseNeed,
        ("case_event", "status"): CaseStatus,
        ("case_aggregate", "status"): CaseStatus,
        ("case_aggregate", "need"): CaseNeed,
        ("receipt", "verdict"): ReceiptVerdict,
        ("imported_bundle", "outcome"): BundleOutcome,
        ("pending_key_change", "status"): KeyChangeStatus,
    }
)

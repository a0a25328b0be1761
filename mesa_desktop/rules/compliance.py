"""Compliance of a mesa with the guideline: one :class:`Finding` per rule and subject.

Each rule of DESIGN §2 that the app can check from its records becomes findings with a
status a focal point reads at a glance:

* ``ok`` — done, and on time;
* ``pending`` — not done yet, but not due yet either (a deadline falling today is pending);
* ``late`` — done, after the deadline;
* ``missing`` — the deadline has passed and it is not done (for a standing requirement
  with no deadline, such as the acto administrativo, simply "not done");
* ``not_applicable`` — the rule does not apply to this mesa, or a date it is reckoned
  from has not been recorded (the detail says which).

Periods before the mesa began (see :attr:`MesaFacts.start`) get no findings at all: a mesa
created in November does not owe the year's first quarters, its plan de acción or its
installation in an earlier year.

The input is :class:`MesaFacts`, plain values the service layer reads from the store; the
evaluation is a pure function of it, ``today`` included, so it is reproducible and safe
to run on any thread.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

from mesa_desktop.formatting import long_date
from mesa_desktop.rules.calendar import add_business_days, business_days_between
from mesa_desktop.vocabulary import (
    ActaStatus,
    CommitmentStatus,
    MesaKind,
    SessionKind,
    SessionStatus,
    SessionTemplate,
    codes,
)

__all__ = [
    "ACTA_SEND_BUSINESS_DAYS",
    "DEFAULT_CONVOCATION_LEAD_DAYS",
    "DELEGATION_NOTICE_BUSINESS_DAYS",
    "FOCAL_POINT_REPORT_BUSINESS_DAYS",
    "MINISTRY_MEETINGS_PER_YEAR",
    "PERIODIC_REPORT_FREQUENCIES",
    "RULES",
    "STATUSES",
    "STATUS_LABELS",
    "CommitmentFacts",
    "ComplianceSummary",
    "DependencyFacts",
    "Finding",
    "LiaisonFacts",
    "MesaFacts",
    "PeriodicReportFacts",
    "SessionFacts",
    "evaluate",
    "summary",
]

# --- statuses ---------------------------------------------------------------------------

OK = "ok"
PENDING = "pending"
LATE = "late"
MISSING = "missing"
NOT_APPLICABLE = "not_applicable"
STATUSES = (OK, PENDING, LATE, MISSING, NOT_APPLICABLE)
STATUS_LABELS: Mapping[str, str] = MappingProxyType(
    {
        OK: "Cumplido",
        PENDING: "Pendiente",
        LATE: "Cumplido con retraso",
        MISSING: "Incumplido",
        NOT_APPLICABLE: "No aplica",
    }
)

# --- vocabulary of the facts (the same words the store uses) ----------------------------

MESA_NATIONAL = MesaKind.NATIONAL
MESA_DEPARTMENTAL = MesaKind.DEPARTMENTAL
MESA_DISTRICT = MesaKind.DISTRICT
MESA_MUNICIPAL = MesaKind.MUNICIPAL
MESA_KINDS = codes(MesaKind)

SESSION_ORDINARY = SessionKind.ORDINARY
SESSION_EXTRAORDINARY = SessionKind.EXTRAORDINARY
SESSION_KINDS = codes(SessionKind)

TEMPLATE_INSTALLATION = SessionTemplate.INSTALLATION
TEMPLATE_ORDINARY = SessionTemplate.ORDINARY
TEMPLATE_EXTRAORDINARY = SessionTemplate.EXTRAORDINARY
TEMPLATE_CLOSING = SessionTemplate.CLOSING
SESSION_TEMPLATES = codes(SessionTemplate)

SESSION_PLANNED = SessionStatus.PLANNED
SESSION_CONVENED = SessionStatus.CONVENED
SESSION_HELD = SessionStatus.HELD
SESSION_ACTA_APPROVED = SessionStatus.ACTA_APPROVED
SESSION_CANCELLED = SessionStatus.CANCELLED
SESSION_STATUSES = codes(SessionStatus)
# A session whose acta is approved was, necessarily, held.
_HELD_STATUSES = frozenset({SESSION_HELD, SESSION_ACTA_APPROVED})

ACTA_NONE = "none"  # a fact, not a stored code: the session has no acta yet
ACTA_DRAFT = ActaStatus.DRAFT
ACTA_APPROVED = ActaStatus.APPROVED
ACTA_STATUSES = (ACTA_NONE, *codes(ActaStatus))

COMMITMENT_PENDING = CommitmentStatus.PENDING
COMMITMENT_IN_PROGRESS = CommitmentStatus.IN_PROGRESS
COMMITMENT_DONE = CommitmentStatus.DONE
COMMITMENT_CANCELLED = CommitmentStatus.CANCELLED
COMMITMENT_STATUSES = codes(CommitmentStatus)

# --- the guideline's numbers ------------------------------------------------------------

# 1.5 a: "convocatoria … por lo menos con dos semanas de anticipación". Calendar days;
# a mesa may set its own value.
DEFAULT_CONVOCATION_LEAD_DAYS = 14
# 2.5: "dentro de los 10 días hábiles siguientes a la comunicación de este lineamiento".
DELEGATION_NOTICE_BUSINESS_DAYS = 10
# 2.6: "en un tiempo no mayor a 20 días hábiles" after the resolution enters into force.
FOCAL_POINT_REPORT_BUSINESS_DAYS = 20
# 2.7: "por lo menos, dos reuniones al año con la Oficina de Promoción Social".
MINISTRY_MEETINGS_PER_YEAR = 2
# 2.6 f d asks for "envío oportuno" of each acta without a number of days. The app uses
# this reference term and says so in every finding, so nobody mistakes it for the
# guideline's own.
ACTA_SEND_BUSINESS_DAYS = 15
# 2.6 e asks for "informes periódicos" without saying how often nor by when. The app owes one
# per semester unless the mesa sets another frequency, and counts it on time when it is sent
# to the ministry within the month after the period ends; every finding says so.
PERIODIC_REPORT_FREQUENCIES: Mapping[str, int] = MappingProxyType(
    {"trimestral": 3, "semestral": 6, "anual": 12}
)
DEFAULT_PERIODIC_REPORT_FREQUENCY = "semestral"

# --- rule families, in the order findings are reported ----------------------------------

RULE_ACTO_ADMINISTRATIVO = "acto_administrativo"
RULE_FOCAL_POINT_REPORTED = "focal_point_reported"
RULE_DELEGATION_NOTIFIED = "delegation_notified"
RULE_INSTALLATION = "installation_session"
RULE_SECRETARY_CONVENED = "secretary_convened"
RULE_SESSIONS_PER_QUARTER = "sessions_per_quarter"
RULE_ACTION_PLAN = "action_plan_first_session"
RULE_CLOSING = "closing_session"
RULE_MINISTRY_MEETINGS = "ministry_meetings"
RULE_PERIODIC_REPORT = "periodic_report"
RULE_CONVOCATION_LEAD = "convocation_lead"
RULE_ACTA_SENT = "acta_sent"
RULE_COMMITMENT = "commitment"
RULE_PERMANENT_LIAISON = "permanent_liaison"
RULES = (
    RULE_ACTO_ADMINISTRATIVO,
    RULE_FOCAL_POINT_REPORTED,
    RULE_DELEGATION_NOTIFIED,
    RULE_INSTALLATION,
    RULE_SECRETARY_CONVENED,
    RULE_SESSIONS_PER_QUARTER,
    RULE_ACTION_PLAN,
    RULE_CLOSING,
    RULE_MINISTRY_MEETINGS,
    RULE_PERIODIC_REPORT,
    RULE_CONVOCATION_LEAD,
    RULE_ACTA_SENT,
    RULE_COMMITMENT,
    RULE_PERMANENT_LIAISON,
)

_QUARTER_ORDINALS = {1: "primer", 2: "segundo", 3: "tercer", 4: "cuarto"}
_COMMITMENT_TITLE_CHARS = 80


def _check_choice(field: str, value: str, allowed: tuple[str, ...]) -> None:
    if value not in allowed:
        raise ValueError(f"{field} must be one of {allowed}, got {value!r}")


def _freeze(obj: object, field: str) -> None:
    # Callers naturally pass lists; a frozen fact must not change under the evaluation.
    object.__setattr__(obj, field, tuple(getattr(obj, field)))


@dataclass(frozen=True)
class DependencyFacts:
    """A permanent member dependency and when it notified its delegation (2.5).

    ``id`` (the record's UUID) makes the finding code stable across renames; without it the
    name is used.
    """

    name: str
    delegation_notified_on: date | None = None
    id: str | None = None


@dataclass(frozen=True)
class LiaisonFacts:
    """The enlace permanente a dependency of the national mesa designated for one work group
    of the Plan (1.4). ``dependency_id`` matches :attr:`DependencyFacts.id` (the name when
    either has no id)."""

    dependency: str
    work_group: str
    person: str
    designated_on: date | None = None
    dependency_id: str | None = None


@dataclass(frozen=True)
class SessionFacts:
    """One session of the mesa, as far as compliance is concerned.

    ``number`` is the acta/session number ``NNN-YYYY`` used in messages when present.
    ``acta_sent_on`` is when the acta was sent to the dependencies (2.6 f d).
    ``ministry_participated``: a person of the Ministerio de Salud checked in (in person or
    virtually) or presided; the store reads it from attendance, not from a checkbox.
    ``ministry_presided``: a presider of the session belongs to the ministry (2.7 co-presidency).
    ``guidelines_on_agenda``: the agenda has the item socialising the national guidelines.
    ``secretary_convened``: names of the Secretario(a) de Salud or delegate among the
    convocation's recipients; ``secretary_in_acta``: the same among the acta's attendees,
    presiders or absent dependencies (2.7).
    """

    session_date: date
    kind: str = SESSION_ORDINARY
    template: str = TEMPLATE_ORDINARY
    status: str = SESSION_PLANNED
    convened_on: date | None = None
    ministry_participated: bool = False
    action_plan_approved_here: bool = False
    acta_status: str = ACTA_NONE
    acta_sent_on: date | None = None
    id: str | None = None
    number: str | None = None
    # An ordinary session that never had quorum could not deliberate nor decide (1.5 b).
    reached_quorum: bool = True
    ministry_presided: bool = False
    guidelines_on_agenda: bool = False
    secretary_convened: tuple[str, ...] = ()
    secretary_in_acta: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_choice("kind", self.kind, SESSION_KINDS)
        _check_choice("template", self.template, SESSION_TEMPLATES)
        _check_choice("status", self.status, SESSION_STATUSES)
        _check_choice("acta_status", self.acta_status, ACTA_STATUSES)
        for field in ("secretary_convened", "secretary_in_acta"):
            _freeze(self, field)

    @property
    def held(self) -> bool:
        return self.status in _HELD_STATUSES


@dataclass(frozen=True)
class CommitmentFacts:
    """A commitment made in a session and followed up by the secretaría técnica (2.6 f e)."""

    text: str
    due_on: date | None = None
    status: str = COMMITMENT_PENDING
    done_on: date | None = None
    id: str | None = None
    responsible: str | None = None

    def __post_init__(self) -> None:
        _check_choice("status", self.status, COMMITMENT_STATUSES)

    @property
    def is_open(self) -> bool:
        return self.status in (COMMITMENT_PENDING, COMMITMENT_IN_PROGRESS)


@dataclass(frozen=True)
class PeriodicReportFacts:
    """An issued informe periódico (2.6 e): its period, when it was issued and sent."""

    period_start: date
    period_end: date
    issued_on: date
    sent_on: date | None = None
    number: str | None = None


@dataclass(frozen=True)
class MesaFacts:
    """Everything the compliance rules look at, as plain values.

    ``year`` is the year being checked; ``today`` decides what is already due.
    ``dependencies`` are the active permanent members (not invited actors). ``sessions``
    and ``commitments`` may span several years: each rule picks what concerns ``year``
    (an installation session in an earlier year still tells when the mesa started, and an
    open commitment from an earlier year is still overdue). ``created_on`` is the day the
    mesa was registered in the app.
    """

    today: date
    year: int
    kind: str = MESA_MUNICIPAL
    created_on: date | None = None
    guideline_communicated_on: date | None = None
    resolution_effective_on: date | None = None
    focal_point_reported_on: date | None = None
    acto_number: str | None = None
    acto_date: date | None = None
    acto_issued_by: str | None = None
    convocation_lead_days: int = DEFAULT_CONVOCATION_LEAD_DAYS
    dependencies: tuple[DependencyFacts, ...] = ()
    sessions: tuple[SessionFacts, ...] = ()
    commitments: tuple[CommitmentFacts, ...] = ()
    periodic_report_frequency: str = DEFAULT_PERIODIC_REPORT_FREQUENCY
    periodic_reports: tuple[PeriodicReportFacts, ...] = ()
    # 1.4, national mesa only: the Plan's work groups and the designations made for them.
    work_groups: tuple[str, ...] = ()
    liaisons: tuple[LiaisonFacts, ...] = ()
    # (work group, day it was registered): a group added later gets its own term.
    work_group_dates: tuple[tuple[str, date], ...] = ()

    def __post_init__(self) -> None:
        _check_choice("kind", self.kind, MESA_KINDS)
        _check_choice(
            "periodic_report_frequency", self.periodic_report_frequency, tuple(PERIODIC_REPORT_FREQUENCIES)
        )
        if self.convocation_lead_days < 0:
            raise ValueError(f"convocation_lead_days must be >= 0, got {self.convocation_lead_days}")
        for field in (
            "dependencies",
            "sessions",
            "commitments",
            "periodic_reports",
            "work_groups",
            "liaisons",
            "work_group_dates",
        ):
            _freeze(self, field)

    @property
    def is_national(self) -> bool:
        return self.kind == MESA_NATIONAL

    @property
    def start(self) -> date | None:
        """The first day the mesa owes anything: when it began, or when the guideline was
        communicated if that came later. It began when it was registered, or at its first
        held session if that is earlier (a mesa older than the app, its past sessions typed
        in afterwards); ``None`` if neither date is known."""
        began = self.created_on
        held = [s.session_date for s in self.sessions if s.held]
        if began is not None and held:
            began = min(began, *held)
        communicated = self.guideline_communicated_on
        if began is None or communicated is None:
            return began or communicated
        return max(began, communicated)

    def started_after(self, day: date) -> bool:
        """Whether the mesa began after ``day``: a period ending then gets no finding."""
        start = self.start
        return start is not None and start > day


@dataclass(frozen=True)
class Finding:
    """The verdict of one rule on one subject (a quarter, a session, a dependency…).

    ``code`` is stable across evaluations (``rule`` plus the subject's id), so the UI can
    keep its selection and the ministry can compare territories. ``section`` cites the
    guideline ("2.5", "1.5 a"). ``title`` and ``detail`` are Spanish; the detail says what
    to do.
    """

    code: str
    title: str
    status: str
    due: date | None
    section: str
    detail: str
    rule: str

    def __post_init__(self) -> None:
        _check_choice("status", self.status, STATUSES)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.status]

    @property
    def is_problem(self) -> bool:
        """Late or missing: what the dashboard highlights."""
        return self.status in (LATE, MISSING)


@dataclass(frozen=True)
class ComplianceSummary:
    """How many findings have each status."""

    ok: int = 0
    pending: int = 0
    late: int = 0
    missing: int = 0
    not_applicable: int = 0

    @property
    def total(self) -> int:
        return self.ok + self.pending + self.late + self.missing + self.not_applicable

    @property
    def problems(self) -> int:
        return self.late + self.missing

    def as_dict(self) -> dict[str, int]:
        return {status: getattr(self, status) for status in STATUSES}


def summary(findings: Iterable[Finding]) -> ComplianceSummary:
    """Count ``findings`` by status."""
    counts = dict.fromkeys(STATUSES, 0)
    for finding in findings:
        counts[finding.status] += 1
    return ComplianceSummary(**counts)


# --- helpers ----------------------------------------------------------------------------


def _fecha(day: date) -> str:
    return long_date(day)  # Babel-free, so the rules stay cheap to import in the CLI


def _plural(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n == 1 else plural}"


def _deadline_status(done_on: date | None, due: date, today: date) -> str:
    if done_on is not None:
        return OK if done_on <= due else LATE
    return MISSING if today > due else PENDING


def _quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    first_month = 3 * (quarter - 1) + 1
    start = date(year, first_month, 1)
    next_start = date(year + 1, 1, 1) if quarter == 4 else date(year, first_month + 3, 1)
    return start, next_start - timedelta(days=1)


def _session_label(session: SessionFacts) -> str:
    if session.number:
        return f"sesión {session.number} ({_fecha(session.session_date)})"
    return f"sesión del {_fecha(session.session_date)}"


def _unique_keys(raw_keys: list[str]) -> list[str]:
    # Records without an id fall back to a natural key that two records may share (two
    # sessions on one day); a suffix keeps every finding code distinct.
    seen: dict[str, int] = {}
    keys = []
    for key in raw_keys:
        seen[key] = seen.get(key, 0) + 1
        keys.append(key if seen[key] == 1 else f"{key}#{seen[key]}")
    return keys


def _session_keys(sessions: list[SessionFacts]) -> list[str]:
    return _unique_keys([s.id or s.number or s.session_date.isoformat() for s in sessions])


def _sessions_of_year(facts: MesaFacts) -> list[SessionFacts]:
    return sorted(
        (s for s in facts.sessions if s.session_date.year == facts.year),
        key=lambda s: s.session_date,
    )


def _installed_on(facts: MesaFacts) -> date | None:
    installations = [s.session_date for s in facts.sessions if s.template == TEMPLATE_INSTALLATION and s.held]
    return min(installations, default=None)


def _not_for_national(rule: str, title: str, section: str) -> Finding:
    return Finding(
        code=rule,
        title=title,
        status=NOT_APPLICABLE,
        due=None,
        section=section,
        detail="Esta regla es para las mesas territoriales; no aplica a la mesa nacional.",
        rule=rule,
    )


# --- the rules --------------------------------------------------------------------------


def _acto_administrativo(facts: MesaFacts) -> list[Finding]:
    code = RULE_ACTO_ADMINISTRATIVO
    title = "Acto administrativo que formaliza la mesa"
    section = "2.6"
    if facts.is_national:
        return [_not_for_national(code, title, section)]
    if facts.started_after(date(facts.year, 12, 31)):
        return []
    if facts.acto_number and facts.acto_date:
        issuer = f", expedido por {facts.acto_issued_by}" if facts.acto_issued_by else ""
        detail = f"Acto administrativo n.º {facts.acto_number} del {_fecha(facts.acto_date)}{issuer}."
        return [Finding(code, title, OK, None, section, detail, code)]
    if facts.acto_number:
        detail = f"Falta registrar la fecha del acto administrativo n.º {facts.acto_number}."
    elif facts.acto_date:
        detail = f"Falta registrar el número del acto administrativo del {_fecha(facts.acto_date)}."
    else:
        detail = (
            "No se ha registrado el acto administrativo que formaliza la mesa. La guía pide "
            "formalizarla por acto administrativo (número, fecha y autoridad que lo expide) "
            "para asegurar su continuidad; si ya existe, regístrelo."
        )
    return [Finding(code, title, MISSING, None, section, detail, code)]


def _focal_point_reported(facts: MesaFacts) -> list[Finding]:
    code = RULE_FOCAL_POINT_REPORTED
    title = "Reporte del punto focal y de la mesa al Ministerio"
    section = "2.6"
    if facts.is_national:
        return [_not_for_national(code, title, section)]
    effective = facts.resolution_effective_on
    if effective is None:
        detail = (
            "Registre la fecha de entrada en vigencia de la resolución del Plan de atención "
            f"para calcular el plazo de {FOCAL_POINT_REPORT_BUSINESS_DAYS} días hábiles."
        )
        return [Finding(code, title, NOT_APPLICABLE, None, section, detail, code)]
    due = add_business_days(effective, FOCAL_POINT_REPORT_BUSINESS_DAYS)
    reported = facts.focal_point_reported_on
    status = _deadline_status(reported, due, facts.today)
    term = (
        f"{FOCAL_POINT_REPORT_BUSINESS_DAYS} días hábiles desde la entrada en vigencia de la "
        f"resolución, el {_fecha(effective)}"
    )
    if status == OK and reported is not None:
        detail = f"Se informó al Ministerio el {_fecha(reported)}, dentro del plazo ({term})."
    elif status == LATE and reported is not None:
        overdue = business_days_between(due, reported)
        detail = (
            f"Se informó al Ministerio el {_fecha(reported)}, "
            f"{_plural(overdue, 'día hábil', 'días hábiles')} después del vencimiento "
            f"({_fecha(due)}; {term})."
        )
    elif status == MISSING:
        detail = (
            f"El plazo venció el {_fecha(due)} ({term}). Informe cuanto antes al Ministerio el "
            "punto focal y los mecanismos de la mesa, por ejemplo enviando el paquete de "
            "sincronización, y registre la fecha de envío."
        )
    else:
        detail = (
            f"Informe al Ministerio el punto focal y los mecanismos de la mesa a más tardar el "
            f"{_fecha(due)} ({term})."
        )
    return [Finding(code, title, status, due, section, detail, code)]


def _delegations_notified(facts: MesaFacts) -> list[Finding]:
    rule = RULE_DELEGATION_NOTIFIED
    section = "2.5"
    title = "Delegaciones notificadas por las dependencias"
    if facts.is_national:
        return [_not_for_national(rule, title, section)]
    communicated = facts.guideline_communicated_on
    if communicated is None:
        detail = (
            "Registre la fecha en que se comunicó el lineamiento para calcular el plazo de "
            f"{DELEGATION_NOTICE_BUSINESS_DAYS} días hábiles que tiene cada dependencia para "
            "notificar a sus delegados."
        )
        return [Finding(rule, title, NOT_APPLICABLE, None, section, detail, rule)]
    due = add_business_days(communicated, DELEGATION_NOTICE_BUSINESS_DAYS)
    term = (
        f"{DELEGATION_NOTICE_BUSINESS_DAYS} días hábiles desde la comunicación del lineamiento, "
        f"el {_fecha(communicated)}"
    )
    if not facts.dependencies:
        status = MISSING if facts.today > due else PENDING
        detail = (
            "No hay dependencias registradas en la mesa. Registre las dependencias que la "
            "conforman y la fecha en que cada una notificó a sus delegados "
            f"(plazo: {_fecha(due)}; {term})."
        )
        return [Finding(rule, title, status, due, section, detail, rule)]

    findings = []
    keys = _unique_keys([d.id or d.name for d in facts.dependencies])
    for key, dependency in zip(keys, facts.dependencies, strict=True):
        notified = dependency.delegation_notified_on
        status = _deadline_status(notified, due, facts.today)
        if status == OK and notified is not None:
            detail = f"La delegación se notificó el {_fecha(notified)}, dentro del plazo ({term})."
        elif status == LATE and notified is not None:
            overdue = business_days_between(due, notified)
            detail = (
                f"La delegación se notificó el {_fecha(notified)}, "
                f"{_plural(overdue, 'día hábil', 'días hábiles')} después del vencimiento "
                f"({_fecha(due)}; {term})."
            )
        elif status == MISSING:
            detail = (
                f"El plazo venció el {_fecha(due)} ({term}) y no se ha registrado la delegación. "
                "Solicite al jefe de la dependencia la notificación oficial de sus delegados y "
                "registre la fecha."
            )
        else:
            detail = f"La dependencia debe notificar a sus delegados a más tardar el {_fecha(due)} ({term})."
        findings.append(
            Finding(
                code=f"{rule}_{key}",
                title=f"Delegación notificada — {dependency.name}",
                status=status,
                due=due,
                section=section,
                detail=detail,
                rule=rule,
            )
        )
    return findings


def _sessions_per_quarter(facts: MesaFacts) -> list[Finding]:
    rule = RULE_SESSIONS_PER_QUARTER
    section = "1.5" if facts.is_national else "2.7"
    installed_on = _installed_on(facts)
    sessions = _sessions_of_year(facts)
    findings = []
    for quarter in range(1, 5):
        start, end = _quarter_bounds(facts.year, quarter)
        if facts.started_after(end):
            continue
        span = f"entre el {_fecha(start)} y el {_fecha(end)}"
        in_quarter = [s for s in sessions if s.kind == SESSION_ORDINARY and start <= s.session_date <= end]
        without_quorum = [s for s in in_quarter if s.held and not s.reached_quorum]
        held = [s for s in in_quarter if s.held and s.reached_quorum]
        not_counted = ""
        if without_quorum:
            labels = ", ".join(_session_label(s) for s in without_quorum)
            not_counted = (
                f" La {labels} se reunió pero nunca alcanzó el quórum: no cuenta como "
                "sesión ordinaria del trimestre."
            )
        if held:
            status = OK
            if len(held) == 1:
                detail = f"Se realizó la {_session_label(held[0])}."
            else:
                labels = ", ".join(_session_label(s) for s in held)
                detail = f"Se realizaron {len(held)} sesiones ordinarias: {labels}."
        elif installed_on is not None and installed_on > end:
            status = NOT_APPLICABLE
            detail = f"La mesa se instaló el {_fecha(installed_on)}, después de este trimestre."
        elif facts.today > end:
            status = MISSING
            detail = (
                f"No se registró ninguna sesión ordinaria realizada {span}; la guía pide una por "
                "trimestre. Si se realizó, regístrela con su acta."
            )
        else:
            status = PENDING
            not_held = [s for s in in_quarter if s.status != SESSION_CANCELLED]
            ahead = [s for s in not_held if s.session_date >= facts.today]
            if ahead:
                detail = f"Está programada la {_session_label(ahead[0])}."
            elif not_held:
                detail = (
                    f"La {_session_label(not_held[-1])} ya pasó y no figura como realizada; "
                    f"actualice su estado o reprográmela antes del {_fecha(end)}."
                )
            else:
                detail = (
                    f"Aún no hay una sesión ordinaria programada {span}. Convóquela con al menos "
                    f"{_plural(facts.convocation_lead_days, 'día', 'días')} de anticipación."
                )
        if not held and not_counted:
            detail = not_counted.strip() + " " + detail
        findings.append(
            Finding(
                code=f"{rule}_q{quarter}",
                title=f"Sesión ordinaria del {_QUARTER_ORDINALS[quarter]} trimestre de {facts.year}",
                status=status,
                due=end,
                section=section,
                detail=detail,
                rule=rule,
            )
        )
    return findings


def _action_plan(facts: MesaFacts) -> list[Finding]:
    code = RULE_ACTION_PLAN
    title = f"Plan de acción aprobado en la primera sesión ordinaria de {facts.year}"
    section = "1.5" if facts.is_national else "1.5, 2.7"
    year_end = date(facts.year, 12, 31)
    if facts.started_after(year_end):
        return []
    installed_on = _installed_on(facts)
    if installed_on is not None and installed_on > year_end:
        detail = (
            f"La mesa se instaló el {_fecha(installed_on)}; en {facts.year} no tenía plan de "
            "acción que aprobar."
        )
        return [Finding(code, title, NOT_APPLICABLE, None, section, detail, code)]

    sessions = _sessions_of_year(facts)
    held = [s for s in sessions if s.held and (s.reached_quorum or s.kind != SESSION_ORDINARY)]
    first_ordinary = next((s for s in held if s.kind == SESSION_ORDINARY), None)
    approval = next((s for s in held if s.action_plan_approved_here), None)
    due = first_ordinary.session_date if first_ordinary else None
    invalid = next(
        (
            s
            for s in sessions
            if s.held and s.action_plan_approved_here and s.kind == SESSION_ORDINARY and not s.reached_quorum
        ),
        None,
    )
    if approval is None and invalid is not None:
        detail = (
            f"El plan de acción figura aprobado en la {_session_label(invalid)}, que nunca alcanzó "
            "el quórum: esa aprobación no es válida. Apruébelo en una sesión con quórum."
        )
        return [Finding(code, title, MISSING, due, section, detail, code)]

    if approval is not None:
        # Approving it before the first ordinary session (say, in an extraordinary one) is
        # still meeting the rule: the plan exists when the ordinary cycle starts.
        if first_ordinary is None or approval.session_date <= first_ordinary.session_date:
            detail = f"El plan de acción se aprobó en la {_session_label(approval)}."
            return [Finding(code, title, OK, due, section, detail, code)]
        detail = (
            f"El plan de acción se aprobó en la {_session_label(approval)}, después de la primera "
            f"sesión ordinaria del año, la {_session_label(first_ordinary)}, que debía aprobarlo."
        )
        return [Finding(code, title, LATE, due, section, detail, code)]

    if first_ordinary is not None:
        detail = (
            f"En la primera sesión ordinaria del año, la {_session_label(first_ordinary)}, no se "
            "registró la aprobación del plan de acción. Si se aprobó, márquelo en esa sesión; si "
            "no, apruébelo en la próxima."
        )
        return [Finding(code, title, MISSING, due, section, detail, code)]
    if facts.today > year_end:
        detail = f"No se realizó ninguna sesión ordinaria en {facts.year} ni se aprobó el plan de acción."
        return [Finding(code, title, MISSING, None, section, detail, code)]
    upcoming = next(
        (
            s
            for s in sessions
            if s.kind == SESSION_ORDINARY and s.status != SESSION_CANCELLED and s.session_date >= facts.today
        ),
        None,
    )
    if upcoming is not None:
        detail = (
            f"Incluya la aprobación del plan de acción en el orden del día de la {_session_label(upcoming)}."
        )
        due = upcoming.session_date
    else:
        detail = (
            "Aún no hay sesión ordinaria programada este año; la primera debe definir y aprobar "
            "el plan de acción."
        )
    return [Finding(code, title, PENDING, due, section, detail, code)]


def _ministry_meetings(facts: MesaFacts) -> list[Finding]:
    code = RULE_MINISTRY_MEETINGS
    section = "2.7"
    year_end = date(facts.year, 12, 31)
    start = facts.start
    required = MINISTRY_MEETINGS_PER_YEAR
    prorated = []
    # Two a year is one a semester: a mesa that began in the second half owes one that year.
    if start is not None and start.year == facts.year and start > date(facts.year, 6, 30):
        required = 1
        prorated = [
            f"La mesa empezó el {_fecha(start)}, en el segundo semestre: en {facts.year} se exige una reunión."
        ]
    title = f"Reuniones con el Ministerio en {facts.year} (al menos {required})"
    if facts.is_national:
        return [_not_for_national(code, title, section)]
    if facts.started_after(year_end):
        return []
    with_ministry = [s for s in _sessions_of_year(facts) if s.held and s.ministry_participated]
    count = len(with_ministry)
    dates = ", ".join(_fecha(s.session_date) for s in with_ministry)
    so_far = (
        [f"Sesiones a las que asistió una persona del Ministerio (presencial o virtual): {dates}."]
        if with_ministry
        else []
    )
    tally = f"{count} de {required}"
    if count >= required:
        status = OK
        parts = [
            f"Se {'realizó' if count == 1 else 'realizaron'} {_plural(count, 'reunión', 'reuniones')} con el Ministerio.",
            *so_far,
        ]
    elif facts.today > year_end:
        status = MISSING
        parts = [f"Solo se registraron {tally} reuniones con el Ministerio en {facts.year}.", *so_far]
    else:
        status = PENDING
        parts = [
            f"Van {tally} reuniones con el Ministerio.",
            *so_far,
            "Convoque a la Oficina de Promoción Social del Ministerio a las próximas sesiones "
            "y registre la asistencia de sus profesionales (cuenta la asistencia virtual).",
        ]
    return [Finding(code, title, status, year_end, section, " ".join([*parts, *prorated]), code)]


# --- informe periódico (2.6 e) ----------------------------------------------------------

_PERIOD_NAMES = {3: "trimestre", 6: "semestre", 12: "año"}


def _report_periods(year: int, months: int) -> list[tuple[date, date]]:
    periods = []
    for first in range(1, 13, months):
        start = date(year, first, 1)
        after = date(year + 1, 1, 1) if first + months > 12 else date(year, first + months, 1)
        periods.append((start, after - timedelta(days=1)))
    return periods


def _month_after(day: date) -> date:
    """The last day of the month after ``day``'s month: the report's reference term."""
    first_next = date(day.year + (day.month + 1) // 13, day.month % 12 + 1, 1)
    after = date(first_next.year + (first_next.month + 1) // 13, first_next.month % 12 + 1, 1)
    return after - timedelta(days=1)


def _periodic_report(facts: MesaFacts) -> list[Finding]:
    rule = RULE_PERIODIC_REPORT
    section = "2.6 e"
    months = PERIODIC_REPORT_FREQUENCIES[facts.periodic_report_frequency]
    name = _PERIOD_NAMES[months]
    if facts.is_national:
        return [_not_for_national(rule, "Informes periódicos de la secretaría técnica", section)]
    term = (
        f"La app lo da por oportuno si se envía al Ministerio dentro del mes siguiente al cierre "
        f"del {name} (la guía no fija plazo); la mesa lo informa con periodicidad "
        f"{facts.periodic_report_frequency}."
    )
    findings = []
    periods = _report_periods(facts.year, months)
    for index, (start, end) in enumerate(periods, start=1):
        if facts.started_after(end):
            continue
        due = _month_after(end)
        label = f"{_QUARTER_ORDINALS[index]} {name} de {facts.year}" if months < 12 else f"año {facts.year}"
        span = f"del {_fecha(start)} al {_fecha(end)}"
        # A report counts for the period its own period ends in (a report may start earlier).
        covering = sorted(
            (r for r in facts.periodic_reports if start <= r.period_end <= end),
            key=lambda r: (r.sent_on is None, r.sent_on or r.issued_on),
        )
        report = covering[0] if covering else None
        which = ("El informe " + (f"{report.number} " if report.number else "")) if report else ""
        if report is not None and report.sent_on is not None:
            on_time = report.sent_on <= due
            status = OK if on_time else LATE
            detail = (
                f"{which}se emitió el {_fecha(report.issued_on)} y se envió al Ministerio el "
                f"{_fecha(report.sent_on)}, "
                + ("dentro del mes siguiente al periodo." if on_time else f"después del {_fecha(due)}.")
            )
        elif facts.today <= end:
            status = PENDING
            detail = f"El periodo {span} aún no termina; el informe vence el {_fecha(due)}."
        elif facts.today <= due:
            status = PENDING
            detail = (
                f"{which}se emitió el {_fecha(report.issued_on)}; márquelo como enviado al Ministerio "
                f"cuando lo envíe, a más tardar el {_fecha(due)}."
                if report
                else f"Elabore, emita y envíe al Ministerio el informe del periodo {span} antes del "
                f"{_fecha(due)}."
            )
        else:
            status = MISSING
            detail = (
                f"{which}se emitió el {_fecha(report.issued_on)} pero no figura como enviado al "
                "Ministerio; si ya lo envió, registre la fecha."
                if report
                else f"No hay un informe emitido del periodo {span}. Elabórelo en Informe periódico."
            )
        findings.append(
            Finding(
                code=f"{rule}_{start.isoformat()}",
                title=f"Informe periódico del {label}",
                status=status,
                due=due,
                section=section,
                detail=f"{detail[0].upper()}{detail[1:]} {term}",
                rule=rule,
            )
        )
    return findings


# --- installation, secretary and closing (1.5 a, 2.7) -----------------------------------


def _held_sessions(facts: MesaFacts) -> list[SessionFacts]:
    return sorted((s for s in facts.sessions if s.held), key=lambda s: s.session_date)


def _first_session(facts: MesaFacts) -> tuple[SessionFacts | None, bool]:
    """The mesa's first session and whether it was held: the earliest held one, or else the
    next one not cancelled (the one to convene), or ``None``."""
    held = _held_sessions(facts)
    if held:
        return held[0], True
    upcoming = sorted(
        (s for s in facts.sessions if s.status != SESSION_CANCELLED), key=lambda s: s.session_date
    )
    return (upcoming[0] if upcoming else None), False


def _first_session_year_applies(facts: MesaFacts) -> bool:
    """The first-session rules speak of one session: they are judged in its year only (or,
    while none is held, in every year since the mesa began)."""
    if facts.started_after(date(facts.year, 12, 31)):
        return False
    held = _held_sessions(facts)
    return not held or held[0].session_date.year == facts.year


def _installation(facts: MesaFacts) -> list[Finding]:
    code = RULE_INSTALLATION
    title = "Primera sesión: instalación copresidida por el Ministerio"
    section = "2.7"
    if facts.is_national:
        return [_not_for_national(code, title, section)]
    if not _first_session_year_applies(facts):
        return []
    first, was_held = _first_session(facts)
    what = (
        "debe ser la sesión de instalación, presidida de manera conjunta con el Ministerio de "
        "Salud y Protección Social y con un punto de socialización de los lineamientos nacionales"
    )
    if not was_held:
        if facts.today > date(facts.year, 12, 31):
            detail = f"No se realizó ninguna sesión en {facts.year}: la mesa no se instaló. La primera sesión {what}."
            return [Finding(code, title, MISSING, None, section, detail, code)]
        if first is not None:
            kind = "de instalación" if first.template == TEMPLATE_INSTALLATION else "que no es de instalación"
            detail = f"La primera sesión programada es la {_session_label(first)}, {kind}. La primera sesión {what}."
            return [Finding(code, title, PENDING, first.session_date, section, detail, code)]
        detail = f"Aún no hay sesiones. La primera sesión {what}; prográmela en Sesiones con la plantilla de instalación."
        return [Finding(code, title, PENDING, None, section, detail, code)]

    assert first is not None
    parts = []
    subject = first
    status_if_met = OK
    if first.template != TEMPLATE_INSTALLATION:
        later = next(
            (
                s
                for s in _held_sessions(facts)
                if s.template == TEMPLATE_INSTALLATION and s.session_date >= first.session_date
            ),
            None,
        )
        if later is None:
            detail = (
                f"La primera sesión registrada, la {_session_label(first)}, no fue una sesión de "
                f"instalación: la primera sesión {what}. Si la mesa se instaló antes, registre esa "
                "sesión con su asistencia."
            )
            return [Finding(code, title, MISSING, first.session_date, section, detail, code)]
        subject, status_if_met = later, LATE
        parts.append(
            f"La instalación (la {_session_label(later)}) se hizo después de la primera sesión, "
            f"la {_session_label(first)}."
        )
    gaps = []
    if subject.ministry_presided:
        parts.append("El Ministerio de Salud y Protección Social figura en la presidencia de la sesión.")
    elif subject.ministry_participated:
        parts.append(
            "Asistió una persona del Ministerio de Salud y Protección Social (no figura en la "
            "presidencia de la sesión)."
        )
    else:
        gaps.append(
            "no se registró la asistencia ni la copresidencia de una persona del Ministerio de "
            "Salud y Protección Social"
        )
    if subject.guidelines_on_agenda:
        parts.append("El orden del día incluyó la socialización de los lineamientos nacionales.")
    else:
        gaps.append("el orden del día no incluyó la socialización de los lineamientos nacionales")
    if gaps:
        detail = (
            f"En la {_session_label(subject)} " + " y ".join(gaps) + ". Registre la asistencia o "
            "la presidencia y el punto del orden del día si los hubo."
        )
        return [Finding(code, title, MISSING, first.session_date, section, detail, code)]
    if status_if_met == OK:
        parts.insert(0, f"La mesa se instaló en la {_session_label(subject)}.")
    return [Finding(code, title, status_if_met, first.session_date, section, " ".join(parts), code)]


def _secretary_title(facts: MesaFacts) -> str:
    # 2.7 names the departmental secretary; in a departmental or district mesa that is its own.
    if facts.kind == MESA_MUNICIPAL:
        return "Secretario(a) Departamental de Salud"
    return "Secretario(a) de Salud"


def _secretary_convened(facts: MesaFacts) -> list[Finding]:
    code = RULE_SECRETARY_CONVENED
    who = _secretary_title(facts)
    title = f"{who} o su delegado(a) convocado(a) a la primera sesión"
    section = "2.7"
    if facts.is_national:
        return [_not_for_national(code, title, section)]
    if not _first_session_year_applies(facts):
        return []
    first, was_held = _first_session(facts)
    register = (
        f"Registre en Conformación al/la {who} o a su delegado(a), con su cargo, en una "
        "dependencia o como actor invitado, para que reciba la convocatoria"
    )
    if first is None:
        status = MISSING if facts.today > date(facts.year, 12, 31) else PENDING
        detail = f"Aún no hay sesiones. {register} de la primera sesión."
        return [Finding(code, title, status, None, section, detail, code)]
    label = _session_label(first)
    convened = ", ".join(first.secretary_convened)
    in_acta = ", ".join(first.secretary_in_acta)
    if not was_held:
        if convened:
            detail = f"{convened} figura entre los destinatarios de la convocatoria de la {label}."
        else:
            detail = f"{register} de la {label}."
        return [Finding(code, title, PENDING, first.session_date, section, detail, code)]
    if convened and in_acta:
        detail = (
            f"{convened} figura entre los destinatarios de la convocatoria de la {label}, y "
            f"{in_acta} en su acta (asistentes, presidencia o dependencias ausentes)."
        )
        return [Finding(code, title, OK, first.session_date, section, detail, code)]
    gaps = []
    if not convened:
        gaps.append("no figura entre los destinatarios de la convocatoria")
    else:
        gaps.append(
            f"figura en la convocatoria ({convened}) pero no en el acta, ni como asistente ni como ausente"
        )
    detail = f"En la primera sesión, la {label}, el/la {who} o su delegado(a) " + "; ".join(gaps) + "."
    if in_acta and not convened:
        detail += f" En el acta figura {in_acta}."
    if not convened:
        detail += (
            " Regístrelo(a) en Conformación, en una dependencia o como actor invitado, con su cargo "
            f"(por ejemplo, «{who}» o «Delegado(a) del {who}»): la aplicación lo(a) reconoce por el cargo."
        )
    return [Finding(code, title, MISSING, first.session_date, section, detail, code)]


def _closings_held(facts: MesaFacts, year: int) -> list[SessionFacts]:
    return [
        s for s in _held_sessions(facts) if s.template == TEMPLATE_CLOSING and s.session_date.year == year
    ]


def _late_closing(facts: MesaFacts, year: int) -> SessionFacts | None:
    """A closing session of ``year`` held in the next year's first quarter, before that year's
    first ordinary session; none when ``year`` had its own."""
    if _closings_held(facts, year):
        return None
    for session in _held_sessions(facts):
        if session.session_date.year != year + 1 or session.session_date.month > 3:
            continue
        if session.template == TEMPLATE_CLOSING:
            return session
        if session.kind == SESSION_ORDINARY:
            return None
    return None


def _closing(facts: MesaFacts) -> list[Finding]:
    code = RULE_CLOSING
    title = f"Sesión final de evaluación y cierre de {facts.year}"
    section = "1.5 a"
    year_end = date(facts.year, 12, 31)
    last_quarter = date(facts.year, 10, 1)
    if facts.started_after(year_end):
        return []
    start = facts.start
    if start is not None and start >= last_quarter:
        detail = (
            f"La mesa empezó el {_fecha(start)}, en el último trimestre del año: la sesión de "
            f"cierre se exige desde {facts.year + 1}."
        )
        return [Finding(code, title, NOT_APPLICABLE, year_end, section, detail, code)]
    previous_late = _late_closing(facts, facts.year - 1)
    closings = [s for s in _closings_held(facts, facts.year) if s is not previous_late]
    if closings:
        closing = closings[0]
        detail = f"Se realizó la {_session_label(closing)}."
        if closing.session_date < last_quarter:
            detail += " La guía la prevé como la última sesión del año (último trimestre)."
        return [Finding(code, title, OK, year_end, section, detail, code)]
    late = _late_closing(facts, facts.year)
    if late is not None:
        detail = f"La sesión de cierre de {facts.year}, la {_session_label(late)}, se realizó después del {_fecha(year_end)}."
        return [Finding(code, title, LATE, year_end, section, detail, code)]
    if facts.today > year_end:
        detail = (
            f"No se registró la sesión de evaluación y cierre de {facts.year}. Si se realizó, "
            "regístrela con la plantilla de evaluación y cierre; si no, realícela al comienzo "
            f"de {facts.year + 1}, antes de la primera sesión ordinaria."
        )
        return [Finding(code, title, MISSING, year_end, section, detail, code)]
    planned_closing = next(
        (
            s
            for s in _sessions_of_year(facts)
            if s.template == TEMPLATE_CLOSING and s.status != SESSION_CANCELLED and not s.held
        ),
        None,
    )
    if planned_closing is not None:
        detail = f"Está programada la {_session_label(planned_closing)}."
    else:
        detail = (
            "Programe la sesión final de evaluación y cierre del año en el último trimestre, "
            f"a más tardar el {_fecha(year_end)}, con la plantilla de evaluación y cierre."
        )
    return [Finding(code, title, PENDING, year_end, section, detail, code)]


def _convocation_lead(facts: MesaFacts) -> list[Finding]:
    # 1.5 a names ordinary and extraordinary sessions alike, so both are checked.
    rule = RULE_CONVOCATION_LEAD
    section = "1.5 a"
    lead = facts.convocation_lead_days
    lead_text = _plural(lead, "día calendario", "días calendario")
    sessions = _sessions_of_year(facts)
    findings = []
    for key, session in zip(_session_keys(sessions), sessions, strict=True):
        if session.status == SESSION_CANCELLED:
            continue
        due = session.session_date - timedelta(days=lead)
        label = _session_label(session)
        convened = session.convened_on
        if convened is not None:
            days = (session.session_date - convened).days
            if days >= lead:
                status = OK
                days_text = _plural(days, "día", "días")
                detail = f"Convocada el {_fecha(convened)}, {days_text} antes de la sesión."
            else:
                status = LATE
                if days < 0:
                    detail = (
                        f"La fecha de convocatoria ({_fecha(convened)}) es posterior a la de la "
                        "sesión; revise las fechas registradas."
                    )
                else:
                    detail = (
                        f"Convocada el {_fecha(convened)}, solo {_plural(days, 'día', 'días')} antes; "
                        f"la convocatoria debe hacerse con al menos {lead_text} de anticipación "
                        f"(a más tardar el {_fecha(due)})."
                    )
        elif facts.today > due:
            status = MISSING
            if session.held or session.status == SESSION_CONVENED:
                detail = (
                    "No se registró la fecha de convocatoria. Regístrela para verificar que se "
                    f"convocó con al menos {lead_text} de anticipación."
                )
            else:
                detail = (
                    f"El plazo para convocar con {lead_text} de anticipación venció el "
                    f"{_fecha(due)}. Convoque cuanto antes o reprograme la sesión."
                )
        else:
            status = PENDING
            detail = f"Convoque a más tardar el {_fecha(due)} ({lead_text} antes de la sesión)."
        findings.append(
            Finding(
                code=f"{rule}_{key}",
                title=f"Convocatoria con anticipación — {label}",
                status=status,
                due=due,
                section=section,
                detail=detail,
                rule=rule,
            )
        )
    return findings


def _actas_sent(facts: MesaFacts) -> list[Finding]:
    rule = RULE_ACTA_SENT
    section = "1.5 c" if facts.is_national else "2.6 f"
    term = (
        f"plazo de referencia de la aplicación: {ACTA_SEND_BUSINESS_DAYS} días hábiles después "
        "de la sesión; la guía pide el envío oportuno"
    )
    sessions = _sessions_of_year(facts)
    findings = []
    for key, session in zip(_session_keys(sessions), sessions, strict=True):
        if not session.held:
            continue
        due = add_business_days(session.session_date, ACTA_SEND_BUSINESS_DAYS)
        sent = session.acta_sent_on
        status = _deadline_status(sent, due, facts.today)
        if status == OK and sent is not None:
            detail = f"El acta se envió a las dependencias el {_fecha(sent)} (a tiempo; {term})."
        elif status == LATE and sent is not None:
            overdue = business_days_between(due, sent)
            detail = (
                f"El acta se envió el {_fecha(sent)}, {_plural(overdue, 'día hábil', 'días hábiles')} "
                f"después del {_fecha(due)} ({term})."
            )
        else:
            if session.acta_status == ACTA_NONE:
                todo = "Elabore el acta y envíela a las dependencias"
            elif session.acta_status == ACTA_DRAFT:
                todo = "El acta está en borrador: envíela a las dependencias"
            else:
                todo = "Envíe el acta a las dependencias"
            if status == MISSING:
                detail = (
                    f"{todo} cuanto antes y registre la fecha de envío; venció el {_fecha(due)} ({term})."
                )
            else:
                detail = f"{todo} a más tardar el {_fecha(due)} ({term})."
        findings.append(
            Finding(
                code=f"{rule}_{key}",
                title=f"Envío del acta — {_session_label(session)}",
                status=status,
                due=due,
                section=section,
                detail=detail,
                rule=rule,
            )
        )
    return findings


def _commitment_title(text: str) -> str:
    text = " ".join(text.split())
    if len(text) > _COMMITMENT_TITLE_CHARS:
        text = text[: _COMMITMENT_TITLE_CHARS - 1].rstrip() + "…"
    return f"Compromiso: {text}"


def _commitments(facts: MesaFacts) -> list[Finding]:
    rule = RULE_COMMITMENT
    section = "1.5 c" if facts.is_national else "2.6 f"
    keys = _unique_keys([c.id or str(i) for i, c in enumerate(facts.commitments, start=1)])
    chosen = []
    for key, commitment in zip(keys, facts.commitments, strict=True):
        if commitment.status == COMMITMENT_CANCELLED:
            continue
        due = commitment.due_on
        if due is None:
            # Only open ones: a finished commitment without a due date needs nothing more.
            if commitment.is_open:
                chosen.append((key, commitment))
        elif due.year == facts.year or (due.year < facts.year and commitment.is_open):
            # An open commitment from an earlier year is still overdue this year.
            chosen.append((key, commitment))
    # Undated ones last: they need a due date before they can be followed up.
    chosen.sort(key=lambda pair: (pair[1].due_on is None, pair[1].due_on or date.min))

    findings = []
    for key, commitment in chosen:
        due = commitment.due_on
        who = f" Responsable: {commitment.responsible}." if commitment.responsible else ""
        if due is None:
            status = NOT_APPLICABLE
            detail = "El compromiso no tiene fecha límite; asígnele una para poder hacerle seguimiento."
        elif commitment.status == COMMITMENT_DONE:
            done_on = commitment.done_on
            if done_on is None:
                status = OK
                detail = f"Cumplido (sin fecha de cumplimiento registrada); vencía el {_fecha(due)}."
            elif done_on <= due:
                status = OK
                detail = f"Cumplido el {_fecha(done_on)}; vencía el {_fecha(due)}."
            else:
                status = LATE
                late_days = (done_on - due).days
                detail = (
                    f"Cumplido el {_fecha(done_on)}, {_plural(late_days, 'día', 'días')} después "
                    f"de la fecha límite ({_fecha(due)})."
                )
        elif facts.today > due:
            status = MISSING
            overdue = (facts.today - due).days
            state = "en curso" if commitment.status == COMMITMENT_IN_PROGRESS else "pendiente"
            detail = (
                f"Vencido desde el {_fecha(due)} (hace {_plural(overdue, 'día', 'días')}) y sigue "
                f"{state}.{who} Haga seguimiento con la dependencia responsable y registre el "
                "avance en la próxima sesión."
            )
        else:
            status = PENDING
            detail = f"Vence el {_fecha(due)}.{who}"
        findings.append(
            Finding(
                code=f"{rule}_{key}",
                title=_commitment_title(commitment.text),
                status=status,
                due=due,
                section=section,
                detail=detail,
                rule=rule,
            )
        )
    return findings


# --- enlaces permanentes of the national mesa (1.4) -------------------------------------


def _liaison_due(facts: MesaFacts, since: date | None) -> date | None:
    """The term to designate an enlace: 10 business days after both the mesa and the work
    group exist (``since``), the term 2.5 gives the dependencies to designate their delegates."""
    days = [d for d in (facts.start, since) if d is not None]
    return add_business_days(max(days), DELEGATION_NOTICE_BUSINESS_DAYS) if days else None


def _liaison_term(due: date | None, today: date) -> tuple[str, str]:
    """Status and sentence for a designation still to be made by ``due``."""
    term = (
        f"{DELEGATION_NOTICE_BUSINESS_DAYS} días hábiles desde que existen la mesa y el grupo de "
        "trabajo, el término que el numeral 2.5 da para designar delegados"
    )
    if due is None:
        return MISSING, f"Plazo de referencia: {term}."
    if today > due:
        return MISSING, f"El plazo venció el {_fecha(due)} ({term})."
    return PENDING, f"Plazo: a más tardar el {_fecha(due)} ({term})."


def _permanent_liaisons(facts: MesaFacts) -> list[Finding]:
    """One finding per member dependency: which work groups still lack its enlace. A
    territorial mesa has no work groups of the Plan, so the rule gives it no finding."""
    rule = RULE_PERMANENT_LIAISON
    section = "1.4"
    if not facts.is_national or facts.started_after(date(facts.year, 12, 31)):
        return []
    title = "Enlaces permanentes por grupo de trabajo del Plan"
    if not facts.work_groups or not facts.dependencies:
        due = _liaison_due(facts, None)
        status, when = _liaison_term(due, facts.today)
        if not facts.work_groups:
            detail = (
                "No hay grupos de trabajo del Plan de atención configurados. Regístrelos en Enlaces del "
                "Plan (o cargue los de ejemplo y ajústelos) para que cada dependencia designe su "
                "enlace permanente en cada uno."
            )
        else:
            detail = (
                "No hay dependencias registradas en la mesa. Registre las dependencias que la "
                "conforman y el profesional que cada una designa para cada grupo de trabajo."
            )
        return [Finding(rule, title, status, due, section, f"{detail} {when}", rule)]
    designated: dict[tuple[str, str], LiaisonFacts] = {
        (liaison.dependency_id or liaison.dependency, liaison.work_group): liaison
        for liaison in facts.liaisons
    }
    registered = dict(facts.work_group_dates)
    findings = []
    keys = _unique_keys([d.id or d.name for d in facts.dependencies])
    for key, dependency in zip(keys, facts.dependencies, strict=True):
        match = dependency.id or dependency.name
        named = [(g, designated.get((match, g))) for g in facts.work_groups]
        missing = [g for g, liaison in named if liaison is None]
        done = [
            f"{g}: {liaison.person}"
            + (f" (designado el {_fecha(liaison.designated_on)})" if liaison.designated_on else "")
            for g, liaison in named
            if liaison is not None
        ]
        due = None
        if missing:
            dues = [_liaison_due(facts, registered.get(g)) for g in missing]
            # The earliest term is the one that decides; an unknown one counts as already due.
            due = None if None in dues else min(d for d in dues if d is not None)
            status, when = _liaison_term(due, facts.today)
            parts = [
                f"Falta designar el enlace permanente para {_plural(len(missing), 'grupo', 'grupos')} "
                f"de trabajo: {'; '.join(missing)}.",
                "Solicite al directivo de la dependencia que designe un profesional de su equipo "
                "técnico para cada grupo y regístrelo.",
                when,
            ]
            if done:
                parts.append(f"Designados: {'; '.join(done)}.")
        else:
            status = OK
            parts = [f"Enlaces designados: {'; '.join(done)}."]
        findings.append(
            Finding(
                code=f"{rule}_{key}",
                title=f"Enlaces permanentes — {dependency.name}",
                status=status,
                due=due,
                section=section,
                detail=" ".join(parts),
                rule=rule,
            )
        )
    return findings


_RULE_FUNCTIONS = (
    _acto_administrativo,
    _focal_point_reported,
    _delegations_notified,
    _installation,
    _secretary_convened,
    _sessions_per_quarter,
    _action_plan,
    _closing,
    _ministry_meetings,
    _periodic_report,
    _convocation_lead,
    _actas_sent,
    _commitments,
    _permanent_liaisons,
)


def evaluate(facts: MesaFacts) -> list[Finding]:
    """Every finding for ``facts.year`` as of ``facts.today``, grouped by rule (see ``RULES``).

    Within a rule: dependencies in the order given, quarters 1–4, sessions by date,
    commitments by due date (undated last).
    """
    findings: list[Finding] = []
    for rule in _RULE_FUNCTIONS:
        findings.extend(rule(facts))
    return findings

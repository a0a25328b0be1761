"""The national view: one line per territory from the ministry's consolidation store.

For every department and municipality of DIVIPOLA (or only those that reported): whether
the mesa is formalised by acto administrativo, whether the focal point was reported (and on
time, by the same rule the focal points see), the ordinary sessions held per quarter, how
many of them reached quorum, the overdue commitments, the action plan's progress and the
date of the last bundle, flagged when older than ``STALE_AFTER_DAYS``. The guideline's rules
(installation, sessions per quarter, closing, ministry meetings, periodic reports, acto,
focal point) are evaluated per mesa with the very rule functions the territories run, over the
consolidated rows (issued periodic reports travel in the bundle); case totals come from the
bundles' aggregates.

The counts come from a handful of grouped queries over all mesas at once, and so do the facts
the rules read (``facts_for_mesas``: each kind of row read once for every reported mesa).

Thread affinity: the store's database thread.
"""

from __future__ import annotations

import contextlib
import gc
import uuid
from collections import Counter, defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TypedDict

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from mesa_desktop import clock, formatting, territories
from mesa_desktop.clock import to_utc, utcnow
from mesa_desktop.models import (
    ActionPlan,
    CaseAggregate,
    Commitment,
    ImportedBundle,
    MeetingSession,
    Mesa,
    PlanAction,
    PlanAxis,
    PlanTask,
    QuorumEvent,
    TaskProgress,
    TerritoryKey,
)
from mesa_desktop.rules import compliance
from mesa_desktop.services.compliance import INVALID_FACTS, facts_for_mesas, id_chunks
from mesa_desktop.store import Store
from mesa_desktop.vocabulary import (
    CLOSED_CASE_STATUSES,
    CaseNeed,
    CaseStatus,
    QuorumEventKind,
    SessionKind,
    SessionStatus,
    codes,
)

STALE_AFTER_DAYS = 120
_BOGOTA_DEPARTMENT = "11"
HELD = (SessionStatus.HELD.value, SessionStatus.ACTA_APPROVED.value)
OPEN_COMMITMENTS = ("pending", "in_progress")
# The rules shown per territory and department, in the order of the report's columns.
TRACKED_RULES = (
    compliance.RULE_INSTALLATION,
    compliance.RULE_SESSIONS_PER_QUARTER,
    compliance.RULE_CLOSING,
    compliance.RULE_MINISTRY_MEETINGS,
    compliance.RULE_PERIODIC_REPORT,
    compliance.RULE_ACTO_ADMINISTRATIVO,
    compliance.RULE_FOCAL_POINT_REPORTED,
)
RULE_SHORT_NAMES = {
    compliance.RULE_INSTALLATION: "Instalación",
    compliance.RULE_SESSIONS_PER_QUARTER: "Sesiones por trimestre",
    compliance.RULE_CLOSING: "Sesión de cierre",
    compliance.RULE_MINISTRY_MEETINGS: "Reuniones con el Ministerio",
    compliance.RULE_PERIODIC_REPORT: "Informes periódicos",
    compliance.RULE_ACTO_ADMINISTRATIVO: "Acto administrativo",
    compliance.RULE_FOCAL_POINT_REPORTED: "Punto focal reportado",
}
# A rule's several findings (one per quarter, per session…) shown as the worst of them.
_SEVERITY = {"missing": 4, "late": 3, "pending": 2, "ok": 1, "not_applicable": 0}


class _CurrentBundle(TypedDict):
    mesa_id: uuid.UUID
    sequence: int
    created_at: datetime
    key: tuple[datetime, datetime, int]


@dataclass(frozen=True)
class TerritoryLine:
    department_code: str
    department_name: str
    territory_code: str
    territory_name: str
    reported: bool  # the ministry holds at least one bundle
    mesa_kind: str | None = None
    acto: str | None = None  # "Decreto 0142 de 2026 (2026-02-20)"; None when not formalised
    focal_point: str | None = None
    focal_point_status: str | None = None  # compliance status of the report (ok, late, …)
    sessions_per_quarter: tuple[int, int, int, int] = (0, 0, 0, 0)
    ordinary_held: int = 0
    with_quorum: int = 0
    overdue_commitments: int = 0
    open_commitments: int = 0
    plan_progress: float | None = None  # mean latest task progress, 0–100
    last_bundle_at: datetime | None = None
    last_sequence: int | None = None
    days_since_bundle: int | None = None
    # Whether an analyst confirmed the signing key's fingerprint from the territory's oficio.
    key_verified: bool = False
    # Worst compliance status per rule of TRACKED_RULES; empty when it never reported.
    statuses: dict[str, str] = field(default_factory=dict)
    cases_total: int | None = None  # referrals of the year in the bundle's aggregates
    cases_open: int | None = None  # of them, not resolved nor closed

    def status(self, rule: str) -> str | None:
        return self.statuses.get(rule)

    def status_label(self, rule: str) -> str:
        status = self.statuses.get(rule)
        return "—" if status is None else compliance.STATUS_LABELS.get(status, status)

    def meets(self, rule: str) -> bool:
        """Reported and not failing the rule (late or not yet due counts as not failing)."""
        return self.reported and rule in self.statuses and self.statuses[rule] != "missing"

    @property
    def compliant(self) -> bool:
        """Reported and failing none of the tracked rules: what the map colours."""
        return self.reported and all(self.meets(rule) for rule in TRACKED_RULES)

    @property
    def formalised(self) -> bool:
        return self.acto is not None

    @property
    def is_department(self) -> bool:
        return len(self.territory_code) == 2

    @property
    def stale(self) -> bool:
        return self.days_since_bundle is not None and self.days_since_bundle > STALE_AFTER_DAYS

    @property
    def focal_point_label(self) -> str:
        if self.focal_point_status is None:
            return "—"
        return compliance.STATUS_LABELS.get(self.focal_point_status, self.focal_point_status)


@dataclass(frozen=True)
class DepartmentSummary:
    code: str
    name: str
    territories: int
    reported: int
    formalised: int
    focal_point_reported: int
    stale: int
    overdue_commitments: int
    # Reporting territories meeting each rule of TRACKED_RULES, and meeting all of them.
    meeting: dict[str, int] = field(default_factory=dict)
    compliant: int = 0
    cases_total: int = 0

    @property
    def share(self) -> float | None:
        """Share of the reporting territories that meet every rule; None when none reported."""
        return self.compliant / self.reported if self.reported else None


@dataclass(frozen=True)
class NationalView:
    year: int
    today: date
    generated_at: datetime
    lines: list[TerritoryLine]
    departments: list[DepartmentSummary] = field(default_factory=list)
    # The country's referred cases of the year per need, by status: (need, {status: count}).
    case_totals: tuple[tuple[str, dict[str, int]], ...] = ()

    @property
    def reported(self) -> int:
        return sum(1 for line in self.lines if line.reported)


# --- the view ---------------------------------------------------------------------------------


def national_view(
    store: Store, *, year: int | None = None, today: date | None = None, only_reported: bool = False
) -> NationalView:
    today = today or clock.today()
    year = year or today.year
    with _cycle_collection_paused(), store.reading() as db:
        current = _current_bundles(db)
        verified = _verified_territories(db)
        mesa_ids = [bundle["mesa_id"] for bundle in current.values()]
        mesas = {m.id: m for m in db.scalars(select(Mesa).where(Mesa.id.in_(mesa_ids)))} if mesa_ids else {}
        quarters, ordinary, with_quorum = _sessions(db, year)
        overdue, open_counts = _commitments(db, today)
        progress = _plan_progress(db, year, today)
        cases = _cases(db, year)
        # Only the territories that reported have facts; all of them read at once.
        reported = [mesas[b["mesa_id"]] for b in current.values() if b["mesa_id"] in mesas]
        facts = facts_for_mesas(db, reported, year=year, today=today, skip_invalid=True)
        lines = []
        for territory in _territories(current):
            bundle = current.get(territory.code)
            mesa = mesas.get(bundle["mesa_id"]) if bundle else None
            if bundle is None or mesa is None:
                if not only_reported:
                    lines.append(_silent_line(territory))
                continue
            lines.append(
                _line(
                    territory,
                    mesa,
                    bundle,
                    year,
                    today,
                    quarters,
                    ordinary,
                    with_quorum,
                    overdue,
                    open_counts,
                    progress,
                    key_verified=territory.code in verified,
                    statuses=_statuses(facts.get(mesa.id)),
                    cases=cases.get(mesa.id),
                )
            )
        case_totals = _case_totals(db, year, set(mesas))
    return NationalView(year, today, utcnow(), lines, _departments(lines), case_totals)


@contextlib.contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """The view holds a few hundred thousand rows and facts at once, none of them garbage, and
    every full pass of the cyclic collector would walk them all again: about a fifth of the
    build's time. Paused, not stopped: re-enabled after, unless someone else had paused it."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _territories(reported: Collection[str] = ()) -> list[territories.Territory]:
    # Departments first within each department, then its municipalities by code. Bogotá, D.C.
    # has one Secretaría Distrital de Salud: it is one territory, the district (11001), and its
    # department entry (11) counts only when a mesa did send bundles under that code.
    return sorted(
        (t for t in territories.all_territories() if t.code != _BOGOTA_DEPARTMENT or t.code in reported),
        key=lambda t: (t.department_code, len(t.code), t.code),
    )


def _current_bundles(db: Session) -> dict[str, _CurrentBundle]:
    """Per territory, the applied bundle whose data the store holds (the newest one)."""
    current: dict[str, _CurrentBundle] = {}
    query = select(
        ImportedBundle.territory_code,
        ImportedBundle.mesa_id,
        ImportedBundle.sequence,
        ImportedBundle.bundle_created_at,
        ImportedBundle.imported_at,
    ).where(ImportedBundle.outcome == "applied")
    for code, mesa_id, sequence, created, imported in db.execute(query).all():
        key = (to_utc(imported), to_utc(created), sequence)
        if code not in current or key > current[code]["key"]:
            current[code] = {
                "mesa_id": mesa_id,
                "sequence": sequence,
                "created_at": to_utc(created),
                "key": key,
            }
    return current


def _sessions(
    db: Session, year: int
) -> tuple[dict[uuid.UUID, list[int]], Counter[uuid.UUID], Counter[uuid.UUID]]:
    quarters: dict[uuid.UUID, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    ordinary: Counter[uuid.UUID] = Counter()
    rows = db.execute(
        select(MeetingSession.mesa_id, MeetingSession.id, MeetingSession.date).where(
            MeetingSession.year == year,
            MeetingSession.kind == SessionKind.ORDINARY.value,
            MeetingSession.status.in_(HELD),
        )
    ).all()
    session_mesa: dict[uuid.UUID, uuid.UUID] = {}
    for mesa_id, session_id, day in rows:
        quarters[mesa_id][(day.month - 1) // 3] += 1
        ordinary[mesa_id] += 1
        session_mesa[session_id] = mesa_id
    with_quorum: Counter[uuid.UUID] = Counter()
    established = db.execute(
        select(QuorumEvent.session_id)
        .join(MeetingSession, MeetingSession.id == QuorumEvent.session_id)
        .where(MeetingSession.year == year, QuorumEvent.kind == QuorumEventKind.ESTABLISHED.value)
        .distinct()
    ).scalars()
    for session_id in established:
        if session_id in session_mesa:
            with_quorum[session_mesa[session_id]] += 1
    return quarters, ordinary, with_quorum


def _commitments(db: Session, today: date) -> tuple[Counter[uuid.UUID], Counter[uuid.UUID]]:
    open_filter = Commitment.status.in_(OPEN_COMMITMENTS)
    overdue = Counter(
        dict(
            db.execute(
                select(Commitment.mesa_id, func.count())
                .where(open_filter, Commitment.due_date < today)
                .group_by(Commitment.mesa_id)
            ).all()
        )
    )
    open_counts = Counter(
        dict(
            db.execute(
                select(Commitment.mesa_id, func.count()).where(open_filter).group_by(Commitment.mesa_id)
            ).all()
        )
    )
    return overdue, open_counts


def _case_totals(db: Session, year: int, mesa_ids: set[uuid.UUID]) -> tuple[tuple[str, dict[str, int]], ...]:
    """The country's referred cases of the year per need (catalogue order), by status and total."""
    table: dict[str, dict[str, int]] = {}
    for chunk in id_chunks(sorted(mesa_ids)):
        for need, status, n in db.execute(
            select(CaseAggregate.need, CaseAggregate.status, func.sum(CaseAggregate.count))
            .where(CaseAggregate.year == year, CaseAggregate.mesa_id.in_(chunk))
            .group_by(CaseAggregate.need, CaseAggregate.status)
        ).all():
            row = table.setdefault(need, {**dict.fromkeys(codes(CaseStatus), 0), "total": 0})
            row[status] = row.get(status, 0) + n
            row["total"] += n
    return tuple((need, table[need]) for need in codes(CaseNeed) if need in table)


def _plan_progress(db: Session, year: int, today: date) -> dict[uuid.UUID, float]:
    """Mean over the year's plan tasks of each task's latest reported percent (0 if none),
    summed in the database: a task has one report per cut date, so the latest is one row."""
    latest = (
        select(func.max(TaskProgress.cut_date))
        .where(TaskProgress.task_id == PlanTask.id, TaskProgress.cut_date <= today)
        .correlate(PlanTask)
        .scalar_subquery()
    )
    rows = db.execute(
        select(ActionPlan.mesa_id, func.count(PlanTask.id), func.sum(func.coalesce(TaskProgress.percent, 0)))
        .join(PlanAxis, PlanAxis.plan_id == ActionPlan.id)
        .join(PlanAction, PlanAction.axis_id == PlanAxis.id)
        .join(PlanTask, PlanTask.action_id == PlanAction.id)
        .outerjoin(TaskProgress, and_(TaskProgress.task_id == PlanTask.id, TaskProgress.cut_date == latest))
        .where(ActionPlan.year == year)
        .group_by(ActionPlan.mesa_id)
    ).all()
    return {mesa_id: total / tasks for mesa_id, tasks, total in rows}


def _cases(db: Session, year: int) -> dict[uuid.UUID, tuple[int, int]]:
    """Per mesa, the year's referrals (total, still open) from the bundles' aggregates."""
    closed = CLOSED_CASE_STATUSES
    totals: dict[uuid.UUID, list[int]] = defaultdict(lambda: [0, 0])
    rows = db.execute(
        select(CaseAggregate.mesa_id, CaseAggregate.status, func.sum(CaseAggregate.count))
        .where(CaseAggregate.year == year)
        .group_by(CaseAggregate.mesa_id, CaseAggregate.status)
    ).all()
    for mesa_id, status, count in rows:
        totals[mesa_id][0] += count or 0
        if status not in closed:
            totals[mesa_id][1] += count or 0
    return {mesa_id: (total, still_open) for mesa_id, (total, still_open) in totals.items()}


def _verified_territories(db: Session) -> set[str]:
    from mesa_desktop.bundle.importer import verified_keys

    confirmed = verified_keys(db)
    return {
        key.territory_code
        for key in db.scalars(select(TerritoryKey))
        if confirmed.get(key.territory_code) == key.public_key
    }


def _line(
    territory: territories.Territory,
    mesa: Mesa,
    bundle: _CurrentBundle,
    year: int,
    today: date,
    quarters: dict[uuid.UUID, list[int]],
    ordinary: Counter[uuid.UUID],
    with_quorum: Counter[uuid.UUID],
    overdue: Counter[uuid.UUID],
    open_counts: Counter[uuid.UUID],
    progress: dict[uuid.UUID, float],
    *,
    key_verified: bool,
    statuses: dict[str, str],
    cases: tuple[int, int] | None,
) -> TerritoryLine:
    formalised = statuses.get(compliance.RULE_ACTO_ADMINISTRATIVO) == "ok"
    created: datetime = bundle["created_at"]
    q1, q2, q3, q4 = quarters.get(mesa.id, (0, 0, 0, 0))
    return TerritoryLine(
        department_code=territory.department_code,
        department_name=territory.department_name,
        territory_code=territory.code,
        territory_name=territory.name,
        reported=True,
        mesa_kind=mesa.kind,
        acto=f"{mesa.acto_number} ({formatting.long_date(mesa.acto_date) if mesa.acto_date else 's. f.'})"
        if formalised
        else None,
        focal_point=mesa.focal_point_name,
        focal_point_status=statuses.get(compliance.RULE_FOCAL_POINT_REPORTED),
        sessions_per_quarter=(q1, q2, q3, q4),
        ordinary_held=ordinary.get(mesa.id, 0),
        with_quorum=with_quorum.get(mesa.id, 0),
        overdue_commitments=overdue.get(mesa.id, 0),
        open_commitments=open_counts.get(mesa.id, 0),
        plan_progress=progress.get(mesa.id),
        last_bundle_at=created,
        last_sequence=bundle["sequence"],
        days_since_bundle=(today - created.date()).days,
        key_verified=key_verified,
        statuses=statuses,
        cases_total=cases[0] if cases else None,
        cases_open=cases[1] if cases else None,
    )


def _statuses(facts: compliance.MesaFacts | None) -> dict[str, str]:
    """The worst status of each tracked rule for one mesa; none when its stored facts are
    outside the rules' vocabulary (import refuses such values, but one bad row must not take
    down the report for the whole country: ``facts_for_mesas`` leaves such a mesa out)."""
    if facts is None:
        return {}
    try:
        findings = compliance.evaluate(facts)
    except INVALID_FACTS:
        return {}
    worst: dict[str, str] = {}
    for finding in findings:
        if finding.rule in TRACKED_RULES and _SEVERITY.get(finding.status, 0) >= _SEVERITY.get(
            worst.get(finding.rule, "not_applicable"), 0
        ):
            worst[finding.rule] = finding.status
    return worst


def _silent_line(territory: territories.Territory) -> TerritoryLine:
    return TerritoryLine(
        territory.department_code, territory.department_name, territory.code, territory.name, reported=False
    )


def _departments(lines: list[TerritoryLine]) -> list[DepartmentSummary]:
    groups: dict[str, list[TerritoryLine]] = defaultdict(list)
    for line in lines:
        groups[line.department_code].append(line)
    return [
        DepartmentSummary(
            code=code,
            name=group[0].department_name,
            territories=len(group),
            reported=sum(line.reported for line in group),
            formalised=sum(line.formalised for line in group),
            focal_point_reported=sum(line.focal_point_status in ("ok", "late") for line in group),
            stale=sum(line.stale for line in group),
            overdue_commitments=sum(line.overdue_commitments for line in group),
            meeting={rule: sum(line.meets(rule) for line in group) for rule in TRACKED_RULES},
            compliant=sum(line.compliant for line in group),
            cases_total=sum(line.cases_total or 0 for line in group),
        )
        for code, group in sorted(groups.items())
    ]

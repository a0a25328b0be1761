"""The national view: one line per territory from the ministry's consolidation store.

For every department and municipality of DIVIPOLA (or only those that reported): whether
the mesa is formalised by acto administrativo, whether the focal point was reported (and on
time, by the same rule the focal points see), the ordinary sessions held per quarter, how
many of them reached quorum, the overdue commitments, the action plan's progress and the
date of the last bundle, flagged when older than ``STALE_AFTER_DAYS``.

Everything is computed with a handful of grouped queries over all mesas at once, never one
query per territory, so 1,100 territories take well under a second.

Thread affinity: the store's database thread.
"""

from __future__ import annotations

import uuid
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import TypedDict

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mesa_desktop import clock, territories
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
HELD = (SessionStatus.HELD.value, SessionStatus.ACTA_APPROVED.value)
OPEN_COMMITMENTS = ("pending", "in_progress")


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
    cases: int = 0  # referred cases of the year (the bundle's case_aggregate totals)
    cases_open: int = 0  # of them, not yet resolved or closed

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
    cases: int = 0
    cases_open: int = 0


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
    with store.reading() as db:
        current = _current_bundles(db)
        verified = _verified_territories(db)
        mesa_ids = [bundle["mesa_id"] for bundle in current.values()]
        mesas = {m.id: m for m in db.scalars(select(Mesa).where(Mesa.id.in_(mesa_ids)))} if mesa_ids else {}
        quarters, ordinary, with_quorum = _sessions(db, year)
        overdue, open_counts = _commitments(db, today)
        progress = _plan_progress(db, year, today)
        case_counts = _case_counts(db, year, set(mesas))
        lines = []
        for territory in _territories():
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
                )
            )
            by_status = case_counts.get(mesa.id, Counter())
            closed = sum(by_status[s] for s in CLOSED_CASE_STATUSES)
            lines[-1] = replace(lines[-1], cases=by_status.total(), cases_open=by_status.total() - closed)
    return NationalView(year, today, utcnow(), lines, _departments(lines), _case_totals(db, year, set(mesas)))


def _territories() -> list[territories.Territory]:
    # Departments first within each department, then its municipalities by code.
    return sorted(territories.all_territories(), key=lambda t: (t.department_code, len(t.code), t.code))


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
    for code, mesa_id, sequence, created, imported in db.execute(query):
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
    )
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


def _case_counts(db: Session, year: int, mesa_ids: set[uuid.UUID]) -> dict[uuid.UUID, Counter[str]]:
    """Per mesa (current bundles only), the year's referred cases by status."""
    counts: dict[uuid.UUID, Counter[str]] = defaultdict(Counter)
    for mesa_id, status, n in db.execute(
        select(CaseAggregate.mesa_id, CaseAggregate.status, func.sum(CaseAggregate.count))
        .where(CaseAggregate.year == year)
        .group_by(CaseAggregate.mesa_id, CaseAggregate.status)
    ).all():
        if mesa_id in mesa_ids:
            counts[mesa_id][status] += int(n or 0)
    return counts


def _case_totals(db: Session, year: int, mesa_ids: set[uuid.UUID]) -> tuple[tuple[str, dict[str, int]], ...]:
    """The country's referred cases of the year per need (catalogue order), by status and total."""
    table: dict[str, dict[str, int]] = {}
    for mesa_id, need, status, n in db.execute(
        select(CaseAggregate.mesa_id, CaseAggregate.need, CaseAggregate.status, CaseAggregate.count).where(
            CaseAggregate.year == year
        )
    ).all():
        if mesa_id not in mesa_ids:
            continue
        row = table.setdefault(need, {**dict.fromkeys(codes(CaseStatus), 0), "total": 0})
        row[status] = row.get(status, 0) + n
        row["total"] += n
    return tuple((need, table[need]) for need in codes(CaseNeed) if need in table)


def _plan_progress(db: Session, year: int, today: date) -> dict[uuid.UUID, float]:
    """Mean over the year's plan tasks of each task's latest reported percent (0 if none)."""
    tasks = db.execute(
        select(ActionPlan.mesa_id, PlanTask.id)
        .join(PlanAxis, PlanAxis.plan_id == ActionPlan.id)
        .join(PlanAction, PlanAction.axis_id == PlanAxis.id)
        .join(PlanTask, PlanTask.action_id == PlanAction.id)
        .where(ActionPlan.year == year)
    ).all()
    latest: dict[uuid.UUID, tuple[date, int]] = {}
    reports = db.execute(
        select(TaskProgress.task_id, TaskProgress.cut_date, TaskProgress.percent)
        .join(PlanTask, PlanTask.id == TaskProgress.task_id)
        .join(PlanAction, PlanAction.id == PlanTask.action_id)
        .join(PlanAxis, PlanAxis.id == PlanAction.axis_id)
        .join(ActionPlan, ActionPlan.id == PlanAxis.plan_id)
        .where(ActionPlan.year == year, TaskProgress.cut_date <= today)
    )
    for task_id, cut, percent in reports:
        if task_id not in latest or cut > latest[task_id][0]:
            latest[task_id] = (cut, percent)
    per_mesa: dict[uuid.UUID, list[int]] = defaultdict(list)
    for mesa_id, task_id in tasks:
        per_mesa[mesa_id].append(latest.get(task_id, (None, 0))[1])
    return {mesa_id: sum(values) / len(values) for mesa_id, values in per_mesa.items()}


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
) -> TerritoryLine:
    statuses = _statuses(mesa, year, today)
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
        acto=f"{mesa.acto_number} ({mesa.acto_date.isoformat() if mesa.acto_date else 's. f.'})"
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
    )


def _statuses(mesa: Mesa, year: int, today: date) -> dict[str, str]:
    """The acto and focal-point rules for one mesa; none when its stored facts are outside the
    rules' vocabulary (import refuses such values, but one bad row must not take down the
    report for the whole country)."""
    try:
        facts = compliance.MesaFacts(
            today=today,
            year=year,
            kind=mesa.kind,
            guideline_communicated_on=mesa.guideline_communicated_on,
            resolution_effective_on=mesa.resolution_effective_on,
            focal_point_reported_on=mesa.focal_point_reported_on,
            acto_number=mesa.acto_number,
            acto_date=mesa.acto_date,
            acto_issued_by=mesa.acto_authority,
        )
        findings = compliance.evaluate(facts)
    except (ValueError, TypeError, KeyError, OverflowError):
        return {}
    return {
        f.rule: f.status
        for f in findings
        if f.rule in (compliance.RULE_ACTO_ADMINISTRATIVO, compliance.RULE_FOCAL_POINT_REPORTED)
    }


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
            cases=sum(line.cases for line in group),
            cases_open=sum(line.cases_open for line in group),
        )
        for code, group in sorted(groups.items())
    ]

"""Plan de acción: axes → actions → tasks; progress computed from tasks at a cut-off date."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Protocol, TypeVar

from sqlalchemy import select

from mesa_desktop.errors import InvalidInput, NotFound
from mesa_desktop.models import (
    ActionPlan,
    ActionReport,
    IndicatorValue,
    PlanAction,
    PlanAxis,
    PlanIndicator,
    PlanTask,
    TaskProgress,
)
from mesa_desktop.services.lookup import find_dependency, find_session, the_mesa
from mesa_desktop.store import Store


@dataclass(frozen=True)
class TaskStatus:
    id: uuid.UUID
    name: str
    responsible: str | None
    start_date: date | None
    end_date: date | None
    percent: int  # as of the cut-off date (latest report on or before it)
    note: str | None


@dataclass(frozen=True)
class IndicatorStatus:
    name: str
    unit: str | None
    target: float | None
    value: float | None


@dataclass(frozen=True)
class ActionStatus:
    id: uuid.UUID
    name: str
    responsible: str | None
    percent: int
    tasks: tuple[TaskStatus, ...]
    qualitative: str | None
    indicators: tuple[IndicatorStatus, ...]
    report_cut: date | None = None  # cut-off date of the qualitative report shown


@dataclass(frozen=True)
class AxisStatus:
    id: uuid.UUID
    name: str
    percent: int
    actions: tuple[ActionStatus, ...]


@dataclass(frozen=True)
class PlanStatus:
    id: uuid.UUID
    year: int
    objective: str | None
    cut_date: date
    percent: int
    approved_in_session: str | None
    approved_on: date | None
    axes: tuple[AxisStatus, ...]


def _mean(values: list[int]) -> int:
    return round(sum(values) / len(values)) if values else 0


class _Dated(Protocol):
    @property
    def cut_date(self) -> date: ...


_D = TypeVar("_D", bound=_Dated)


def _latest(items: Sequence[_D], cut: date) -> _D | None:
    eligible = [i for i in items if i.cut_date <= cut]
    return eligible[-1] if eligible else None


def create_plan(store: Store, year: int, objective: str | None = None) -> uuid.UUID:
    with store.transaction() as db:
        mesa = the_mesa(db)
        if db.scalar(select(ActionPlan).where(ActionPlan.mesa_id == mesa.id, ActionPlan.year == year)):
            raise InvalidInput(f"Ya existe un plan de acción para {year}.")
        plan = ActionPlan(mesa_id=mesa.id, year=year, objective=objective)
        db.add(plan)
        db.flush()
        return plan.id


def add_axis(store: Store, plan_id: uuid.UUID, name: str) -> uuid.UUID:
    with store.transaction() as db:
        plan = db.get(ActionPlan, plan_id)
        if plan is None:
            raise NotFound("El plan de acción no existe.")
        axis = PlanAxis(name=name.strip(), position=len(plan.axes) + 1)
        plan.axes.append(axis)
        db.flush()
        return axis.id


def add_action(
    store: Store, axis_id: uuid.UUID, name: str, responsible_dependency: str | uuid.UUID | None = None
) -> uuid.UUID:
    with store.transaction() as db:
        axis = db.get_one(PlanAxis, axis_id)
        dep = find_dependency(db, the_mesa(db), responsible_dependency) if responsible_dependency else None
        action = PlanAction(
            name=name.strip(),
            position=len(axis.actions) + 1,
            responsible_dependency_id=dep.id if dep else None,
        )
        axis.actions.append(action)
        db.flush()
        return action.id


def add_task(
    store: Store,
    action_id: uuid.UUID,
    name: str,
    *,
    responsible: str | None = None,
    start_date: date | None = None,
    end_date: date | None = None,
) -> uuid.UUID:
    if start_date and end_date and end_date < start_date:
        raise InvalidInput("La fecha de fin de la tarea es anterior a la de inicio.")
    with store.transaction() as db:
        action = db.get_one(PlanAction, action_id)
        task = PlanTask(
            name=name.strip(),
            position=len(action.tasks) + 1,
            responsible=responsible,
            start_date=start_date,
            end_date=end_date,
        )
        action.tasks.append(task)
        db.flush()
        return task.id


def report_task_progress(
    store: Store, task_id: uuid.UUID, cut_date: date, percent: int, note: str | None = None
) -> None:
    if not 0 <= percent <= 100:
        raise InvalidInput("El avance de una tarea va de 0 a 100 %.")
    with store.transaction() as db:
        task = db.get_one(PlanTask, task_id)
        existing = next((p for p in task.progress if p.cut_date == cut_date), None)
        if existing:
            existing.percent, existing.note = percent, note
        else:
            task.progress.append(TaskProgress(cut_date=cut_date, percent=percent, note=note))


def report_action(store: Store, action_id: uuid.UUID, cut_date: date, qualitative: str) -> None:
    with store.transaction() as db:
        action = db.get_one(PlanAction, action_id)
        existing = next((r for r in action.reports if r.cut_date == cut_date), None)
        if existing:
            existing.qualitative = qualitative
        else:
            action.reports.append(ActionReport(cut_date=cut_date, qualitative=qualitative))


def add_indicator(
    store: Store, action_id: uuid.UUID, name: str, *, unit: str | None = None, target: float | None = None
) -> uuid.UUID:
    with store.transaction() as db:
        indicator = PlanIndicator(action_id=action_id, name=name, unit=unit, target=target)
        db.add(indicator)
        db.flush()
        return indicator.id


def report_indicator(store: Store, indicator_id: uuid.UUID, cut_date: date, value: float) -> None:
    with store.transaction() as db:
        indicator = db.get_one(PlanIndicator, indicator_id)
        existing = next((v for v in indicator.values if v.cut_date == cut_date), None)
        if existing:
            existing.value = value
        else:
            indicator.values.append(IndicatorValue(cut_date=cut_date, value=value))


def approve_plan(store: Store, plan_id: uuid.UUID, session_ref: str | uuid.UUID) -> None:
    with store.transaction() as db:
        plan = db.get_one(ActionPlan, plan_id)
        session = find_session(db, the_mesa(db), session_ref)
        plan.approved_in_session_id, plan.approved_on = session.id, session.date


def plan_status(store: Store, year: int, cut_date: date) -> PlanStatus:
    with store.reading() as db:
        mesa = the_mesa(db)
        plan = db.scalar(select(ActionPlan).where(ActionPlan.mesa_id == mesa.id, ActionPlan.year == year))
        if plan is None:
            raise NotFound(f"No hay plan de acción para {year}.")
        from mesa_desktop.models import Dependency, MeetingSession

        # Looked up by an action's responsible dependency, which may be none.
        dep_names: dict[uuid.UUID | None, str] = {
            d.id: d.name for d in db.scalars(select(Dependency).where(Dependency.mesa_id == mesa.id))
        }
        approved = (
            db.get(MeetingSession, plan.approved_in_session_id) if plan.approved_in_session_id else None
        )
        axes = []
        for axis in plan.axes:
            actions = []
            for action in axis.actions:
                tasks = []
                for task in action.tasks:
                    latest = _latest(task.progress, cut_date)
                    tasks.append(
                        TaskStatus(
                            task.id,
                            task.name,
                            task.responsible,
                            task.start_date,
                            task.end_date,
                            latest.percent if latest else 0,
                            latest.note if latest else None,
                        )
                    )
                report = _latest(action.reports, cut_date)
                indicators = tuple(
                    IndicatorStatus(
                        i.name, i.unit, i.target, v.value if (v := _latest(i.values, cut_date)) else None
                    )
                    for i in action.indicators
                )
                actions.append(
                    ActionStatus(
                        action.id,
                        action.name,
                        dep_names.get(action.responsible_dependency_id),
                        _mean([t.percent for t in tasks]),
                        tuple(tasks),
                        report.qualitative if report else None,
                        indicators,
                        report.cut_date if report else None,
                    )
                )
            axes.append(AxisStatus(axis.id, axis.name, _mean([a.percent for a in actions]), tuple(actions)))
        return PlanStatus(
            id=plan.id,
            year=plan.year,
            objective=plan.objective,
            cut_date=cut_date,
            percent=_mean([a.percent for a in axes]),
            approved_in_session=approved.label if approved else None,
            approved_on=plan.approved_on,
            axes=tuple(axes),
        )


def plan_years(store: Store) -> list[int]:
    with store.reading() as db:
        mesa = the_mesa(db)
        return list(
            db.scalars(select(ActionPlan.year).where(ActionPlan.mesa_id == mesa.id).order_by(ActionPlan.year))
        )

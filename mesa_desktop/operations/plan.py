"""The action plan: the plan of a year, its axes, actions and tasks, progress at a cut date; its read-model."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from mesa_desktop import clock
from mesa_desktop.errors import NotFound
from mesa_desktop.services import action_plan, conformation
from mesa_desktop.services.action_plan import PlanStatus
from mesa_desktop.services.changes import Changed, Topic, changed
from mesa_desktop.services.conformation import MesaInfo
from mesa_desktop.store import Store


@dataclass(frozen=True)
class PlanView:
    years: tuple[int, ...]
    year: int
    cut: date
    status: PlanStatus | None  # None: no plan for the year
    mesa: MesaInfo
    dependencies: tuple[tuple[str, str], ...]  # (id, name) of active member dependencies


def default_cut(year: int, today: date | None = None) -> date:
    """The cut date a plan opens at: today for the current year, the last day of a past year,
    the first day of a future one."""
    today = today or clock.today()
    if year == today.year:
        return today
    return date(year, 12, 31) if year < today.year else date(year, 1, 1)


def plan_view(store: Store, year: int | None, cut: date) -> PlanView:
    """The plan of ``year`` (default: this year's, else the latest) at ``cut``, from one snapshot."""
    with store.reading():
        years = tuple(action_plan.plan_years(store))
        if year is None:
            this_year = clock.today().year
            year = this_year if this_year in years or not years else years[-1]
        try:
            status = action_plan.plan_status(store, year, cut)
        except NotFound:
            status = None
        members = conformation.list_members(store)
        return PlanView(
            years,
            year,
            cut,
            status,
            conformation.get_mesa(store),
            tuple((str(d.id), d.name) for d in members if d.active and not d.invited),
        )


def create_plan(store: Store, year: int) -> Changed[uuid.UUID]:
    with store.transaction():
        plan_id = action_plan.create_plan(store, year)
    return changed(plan_id, Topic.PLAN)


def add_axis(store: Store, plan_id: uuid.UUID, name: str) -> Changed[uuid.UUID]:
    with store.transaction():
        axis_id = action_plan.add_axis(store, plan_id, name)
    return changed(axis_id, Topic.PLAN)


def add_action(
    store: Store, axis_id: uuid.UUID, name: str, responsible_dependency: str | uuid.UUID | None = None
) -> Changed[uuid.UUID]:
    with store.transaction():
        action_id = action_plan.add_action(store, axis_id, name, responsible_dependency)
    return changed(action_id, Topic.PLAN)


def add_task(
    store: Store,
    action_id: uuid.UUID,
    name: str,
    *,
    responsible: str | None = None,
    start_date: date | None = None,
    end_date: date | None = None,
) -> Changed[uuid.UUID]:
    with store.transaction():
        task_id = action_plan.add_task(
            store, action_id, name, responsible=responsible, start_date=start_date, end_date=end_date
        )
    return changed(task_id, Topic.PLAN)


def report_task_progress(
    store: Store, task_id: uuid.UUID, cut_date: date, percent: int, note: str | None = None
) -> Changed[None]:
    with store.transaction():
        action_plan.report_task_progress(store, task_id, cut_date, percent, note)
    return changed(None, Topic.PLAN)


def report_action(store: Store, action_id: uuid.UUID, cut_date: date, qualitative: str) -> Changed[None]:
    """An action's qualitative report at a cut, saved as it is typed. No topic: no other screen
    shows the text, and the plan screen reloads itself once the event loop is free."""
    with store.transaction():
        action_plan.report_action(store, action_id, cut_date, qualitative)
    return changed(None)

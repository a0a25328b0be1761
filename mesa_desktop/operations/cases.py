"""Referred cases (sensitive data, Ley 1581): registering them, their status and follow-up notes; the screen's read-model."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from mesa_desktop import clock
from mesa_desktop.models.cases import CASE_STATUSES
from mesa_desktop.services import cases, conformation
from mesa_desktop.services.cases import CaseEventInfo, CaseInfo
from mesa_desktop.services.changes import Changed, Topic, changed
from mesa_desktop.store import Store
from mesa_desktop.vocabulary import Role


@dataclass(frozen=True)
class CasesView:
    items: tuple[CaseInfo, ...]
    aggregates: tuple[dict[str, Any], ...]  # year, need, status, count
    today: date = date.min
    # The mesa's dependencies and invited actors' entities: who refers and who follows up.
    actors: tuple[str, ...] = ()

    @property
    def overdue(self) -> tuple[CaseInfo, ...]:
        return tuple(c for c in self.items if c.overdue(self.today))


@dataclass(frozen=True)
class CaseDetail:
    case: CaseInfo
    history: tuple[CaseEventInfo, ...]  # oldest first


def cases_view(store: Store, today: date | None = None) -> CasesView:
    with store.reading():
        items = tuple(cases.list_cases(store))
        names = [d.name for d in conformation.list_members(store) if d.active]
        names += [p.entity for p in conformation.list_people(store) if p.role == Role.INVITED and p.entity]
        names += [c.referring_actor for c in items]
        actors = tuple(sorted(set(names), key=str.casefold))
        return CasesView(items, tuple(cases.aggregates(store)), today or clock.today(), actors)


def case_detail(store: Store, case_id: uuid.UUID) -> CaseDetail:
    with store.reading():
        return CaseDetail(cases.get_case(store, case_id), tuple(cases.history(store, case_id)))


def add_case(
    store: Store,
    *,
    referred_on: date,
    referring_actor: str,
    need: str,
    code: str | None = None,
    route: str | None = None,
    responsible: str | None = None,
    next_follow_up: date | None = None,
    population: str | None = None,
    age_group: str | None = None,
    person_name: str | None = None,
    notes: str | None = None,
) -> Changed[CaseInfo]:
    with store.transaction():
        case = cases.add_case(
            store,
            referred_on=referred_on,
            referring_actor=referring_actor,
            need=need,
            code=code,
            route=route,
            responsible=responsible,
            next_follow_up=next_follow_up,
            population=population,
            age_group=age_group,
            person_name=person_name,
            notes=notes,
        )
    return changed(case, Topic.CASES)


def set_status(
    store: Store,
    case_id: uuid.UUID,
    status: str,
    on: date | None = None,
    note: str | None = None,
    next_follow_up: date | None = None,
) -> Changed[CaseInfo]:
    with store.transaction():
        case = cases.set_status(store, case_id, status, on, note, next_follow_up)
    return changed(case, Topic.CASES)


def update_by_code(
    store: Store, code: str, status: str, note: str | None = None, next_follow_up: date | None = None
) -> Changed[CaseInfo]:
    """``mesa case update CODE``: the status change of the case with that code, today."""
    with store.transaction():
        case = cases.set_status(store, cases.case_by_code(store, code).id, status, None, note, next_follow_up)
    return changed(case, Topic.CASES)


def add_note(
    store: Store, case_id: uuid.UUID, text: str, on: date | None = None, next_follow_up: date | None = None
) -> Changed[CaseInfo]:
    with store.transaction():
        case = cases.add_note(store, case_id, text, on, next_follow_up)
    return changed(case, Topic.CASES)


def totals_by_need(aggregates: Iterable[dict[str, Any]], year: int) -> list[tuple[str, dict[str, int]]]:
    """Per need (in the catalogue's order): counts by status and the total, for ``year``."""
    table: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys((*CASE_STATUSES, "total"), 0))
    for row in aggregates:
        if row["year"] != year:
            continue
        counts = table[row["need"]]
        counts[row["status"]] = counts.get(row["status"], 0) + row["count"]
        counts["total"] += row["count"]
    return [(need, table[need]) for need in cases.NEEDS if need in table]

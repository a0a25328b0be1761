"""Referred cases (sensitive data, Ley 1581): registering them and their status; the screen's read-model."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from mesa_desktop.models.cases import CASE_STATUSES
from mesa_desktop.services import cases
from mesa_desktop.services.cases import CaseInfo
from mesa_desktop.services.changes import Changed, Topic, changed
from mesa_desktop.store import Store


@dataclass(frozen=True)
class CasesView:
    items: tuple[CaseInfo, ...]
    aggregates: tuple[dict[str, Any], ...]  # year, need, status, count


def cases_view(store: Store) -> CasesView:
    with store.reading():
        return CasesView(tuple(cases.list_cases(store)), tuple(cases.aggregates(store)))


def add_case(
    store: Store,
    *,
    referred_on: date,
    referring_actor: str,
    need: str,
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
            population=population,
            age_group=age_group,
            person_name=person_name,
            notes=notes,
        )
    return changed(case, Topic.CASES)


def set_status(store: Store, case_id: uuid.UUID, status: str, on: date | None = None) -> Changed[CaseInfo]:
    with store.transaction():
        case = cases.set_status(store, case_id, status, on)
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

"""Case referrals (sensitive data, Ley 1581): minimum data in, aggregates out."""

from __future__ import annotations

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select

from mesa_desktop import clock
from mesa_desktop.errors import InvalidInput, NotFound
from mesa_desktop.models import CaseReferral
from mesa_desktop.models.cases import CASE_STATUSES
from mesa_desktop.services.lookup import the_mesa
from mesa_desktop.store import Store
from mesa_desktop.vocabulary import CaseNeed, labels

SENSITIVE_NOTICE = (
    "Los casos remitidos contienen datos sensibles de salud de personas migrantes (Ley 1581 de "
    "2012). Registre solo lo necesario: un código de caso, no el nombre. Estos datos nunca salen "
    "en el paquete para el Ministerio: solo se envían totales."
)
NEEDS = labels(CaseNeed)


@dataclass(frozen=True)
class CaseInfo:
    id: uuid.UUID
    code: str
    referred_on: date
    referring_actor: str
    need: str
    population: str | None
    age_group: str | None
    status: str
    closed_on: date | None
    person_name: str | None
    notes: str | None


def _info(c: CaseReferral) -> CaseInfo:
    return CaseInfo(
        c.id,
        c.code,
        c.referred_on,
        c.referring_actor,
        c.need,
        c.population,
        c.age_group,
        c.status,
        c.closed_on,
        c.person_name if c.identifies_person else None,
        c.notes,
    )


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
) -> CaseInfo:
    if need not in NEEDS:
        raise InvalidInput(f"Necesidad desconocida «{need}».")
    if not referring_actor.strip():
        raise InvalidInput("Indique el actor que remite el caso.")
    with store.transaction() as db:
        mesa = the_mesa(db)
        year_codes = db.scalars(select(CaseReferral.referred_on).where(CaseReferral.mesa_id == mesa.id))
        count = sum(1 for day in year_codes if day.year == referred_on.year)
        case = CaseReferral(
            mesa_id=mesa.id,
            code=f"C-{mesa.territory_code}-{referred_on.year}-{count + 1:04d}",
            referred_on=referred_on,
            referring_actor=referring_actor.strip(),
            need=need,
            population=population,
            age_group=age_group,
            identifies_person=bool(person_name),
            person_name=person_name or None,
            notes=notes,
        )
        db.add(case)
        db.flush()
        return _info(case)


def set_status(store: Store, case_id: uuid.UUID, status: str, on: date | None = None) -> CaseInfo:
    if status not in CASE_STATUSES:
        raise InvalidInput(f"Estado de caso desconocido «{status}».")
    with store.transaction() as db:
        case = db.get(CaseReferral, case_id)
        if case is None:
            raise NotFound("El caso no existe.")
        case.status = status
        case.closed_on = (on or clock.today()) if status == "closed" else None
        return _info(case)


def list_cases(store: Store) -> list[CaseInfo]:
    with store.reading() as db:
        mesa = the_mesa(db)
        return [
            _info(c)
            for c in db.scalars(
                select(CaseReferral).where(CaseReferral.mesa_id == mesa.id).order_by(CaseReferral.referred_on)
            )
        ]


def aggregates(store: Store) -> list[dict[str, Any]]:
    """Counts per year, need and status: the only case data that ever leaves the laptop."""
    counts = Counter((c.referred_on.year, c.need, c.status) for c in list_cases(store))
    return [{"year": y, "need": n, "status": s, "count": k} for (y, n, s), k in sorted(counts.items())]

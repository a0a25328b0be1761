"""Case referrals (sensitive data, Ley 1581): minimum data in, aggregates out.

Guideline 2.7 (gestión de casos remitidos): each case has its referring actor, need, route,
responsible, a dated status history and follow-up notes, and a next follow-up date. A case
leaves a closed state (resuelto, cerrado sin resolver) only with a stated reason: reopening
is a fact the history must explain.
"""

from __future__ import annotations

import re
import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from mesa_desktop import clock
from mesa_desktop.errors import InvalidInput, NotFound
from mesa_desktop.formatting import long_date
from mesa_desktop.models import CaseEvent, CaseReferral
from mesa_desktop.models.cases import CASE_STATUSES
from mesa_desktop.services.lookup import the_mesa
from mesa_desktop.store import Store
from mesa_desktop.vocabulary import CLOSED_CASE_STATUSES, CaseNeed, CaseStatus, labels

SENSITIVE_NOTICE = (
    "Los casos remitidos contienen datos sensibles de salud de personas migrantes (Ley 1581 de "
    "2012). Registre solo lo necesario: un código de caso, no el nombre. Estos datos nunca salen "
    "en el paquete para el Ministerio: solo se envían totales."
)
NEEDS = labels(CaseNeed)
STATUSES = labels(CaseStatus)
CODE_MAX = 40


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
    route: str | None = None
    responsible: str | None = None
    next_follow_up: date | None = None

    @property
    def closed(self) -> bool:
        return self.status in CLOSED_CASE_STATUSES

    def overdue(self, today: date) -> bool:
        """An open case whose next follow-up date has passed."""
        return not self.closed and self.next_follow_up is not None and self.next_follow_up < today


@dataclass(frozen=True)
class CaseEventInfo:
    on: date
    status: str | None  # None: a follow-up note
    note: str | None


def _info(c: CaseReferral) -> CaseInfo:
    return CaseInfo(
        id=c.id,
        code=c.code,
        referred_on=c.referred_on,
        referring_actor=c.referring_actor,
        need=c.need,
        population=c.population,
        age_group=c.age_group,
        status=c.status,
        closed_on=c.closed_on,
        person_name=c.person_name if c.identifies_person else None,
        notes=c.notes,
        route=c.route,
        responsible=c.responsible,
        next_follow_up=c.next_follow_up,
    )


def _text(value: str | None, limit: int = 200) -> str | None:
    value = (value or "").strip()
    if len(value) > limit:
        raise InvalidInput(f"El texto «{value[:30]}…» pasa de {limit} caracteres.")
    return value or None


def _case(db: Session, case_id: uuid.UUID) -> CaseReferral:
    case = db.get(CaseReferral, case_id)
    if case is None:
        raise NotFound("El caso no existe.")
    return case


def _last_event(db: Session, case_id: uuid.UUID) -> CaseEvent | None:
    return db.scalars(
        select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq.desc()).limit(1)
    ).first()


def _refuse_future(on: date) -> None:
    # A case's dates are facts: a day yet to come would count in the totals and lock the history.
    if on > clock.today():
        raise InvalidInput(
            f"La fecha {long_date(on)} aún no ha llegado; indique la fecha de hoy o una pasada."
        )


def _refuse_past_follow_up(follow_up: date | None, on: date) -> None:
    # A follow-up set on a day is for after it: an earlier date would leave the case overdue at once.
    if follow_up is not None and follow_up < on:
        raise InvalidInput(
            f"La fecha del próximo seguimiento ({long_date(follow_up)}) es anterior a la del registro "
            f"({long_date(on)}): indique una fecha nueva, de ese día en adelante."
        )


def _add_event(db: Session, case: CaseReferral, on: date, status: str | None, note: str | None) -> None:
    _refuse_future(on)
    last = _last_event(db, case.id)
    earliest = last.on if last is not None else case.referred_on
    if on < earliest:
        raise InvalidInput(
            f"La fecha {on:%d/%m/%Y} es anterior al último registro del caso ({earliest:%d/%m/%Y})."
        )
    db.add(CaseEvent(case_id=case.id, on=on, seq=(last.seq if last else 0) + 1, status=status, note=note))


# A person's name (words separated by spaces) or an ID number (six digits or more, also written
# 1.090.123.456) typed where the code goes: the code must not identify the person (Ley 1581).
_LETTER = re.compile(r"[^\W\d_]")
_ID_LIKE = re.compile(r"\d(?:[.,\s]?\d){5,}")


def _refuse_identifying_code(code: str) -> None:
    if (any(ch.isspace() for ch in code) and _LETTER.search(code)) or _ID_LIKE.search(code):
        raise InvalidInput(
            f"«{code}» parece un nombre o un número de documento. Registre solo lo necesario: un código "
            "de caso, no el nombre (Ley 1581 de 2012). Deje el código vacío para que se genere uno "
            "(C-territorio-año-número) o use uno sin nombres ni números de documento."
        )


def _free_code(db: Session, mesa_id: uuid.UUID, territory: str, year: int) -> str:
    taken = set(db.scalars(select(CaseReferral.code).where(CaseReferral.mesa_id == mesa_id)))
    number = sum(1 for code in taken if code.startswith(f"C-{territory}-{year}-")) + 1
    while f"C-{territory}-{year}-{number:04d}" in taken:
        number += 1
    return f"C-{territory}-{year}-{number:04d}"


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
) -> CaseInfo:
    """A case as received; ``code`` is generated (C-territory-year-NNNN) unless given."""
    if need not in NEEDS:
        raise InvalidInput(f"Necesidad desconocida «{need}». Use una de: {', '.join(NEEDS)}.")
    actor = _text(referring_actor)
    if actor is None:
        raise InvalidInput("Indique el actor que remite el caso.")
    given = _text(code, CODE_MAX)
    if given is not None:
        _refuse_identifying_code(given)
    _refuse_future(referred_on)
    _refuse_past_follow_up(next_follow_up, referred_on)
    with store.transaction() as db:
        mesa = the_mesa(db)
        if given is not None:
            clash = db.scalar(
                select(func.count())
                .select_from(CaseReferral)
                .where(CaseReferral.mesa_id == mesa.id, func.lower(CaseReferral.code) == given.lower())
            )
            if clash:
                raise InvalidInput(f"Ya hay un caso con el código «{given}».")
        case = CaseReferral(
            mesa_id=mesa.id,
            code=given or _free_code(db, mesa.id, mesa.territory_code, referred_on.year),
            referred_on=referred_on,
            referring_actor=actor,
            need=need,
            route=_text(route),
            responsible=_text(responsible),
            next_follow_up=next_follow_up,
            population=population,
            age_group=age_group,
            status=CaseStatus.RECEIVED.value,
            identifies_person=bool(person_name),
            person_name=person_name or None,
            notes=notes,
        )
        db.add(case)
        db.flush()
        _add_event(db, case, referred_on, CaseStatus.RECEIVED.value, None)
        db.flush()
        return _info(case)


def set_status(
    store: Store,
    case_id: uuid.UUID,
    status: str,
    on: date | None = None,
    note: str | None = None,
    next_follow_up: date | None = None,
) -> CaseInfo:
    """A dated status change; leaving a closed state needs ``note`` (the reason)."""
    if status not in CASE_STATUSES:
        raise InvalidInput(f"Estado de caso desconocido «{status}». Use uno de: {', '.join(CASE_STATUSES)}.")
    on = on or clock.today()
    note = _text(note, 2000)
    if status not in CLOSED_CASE_STATUSES:
        _refuse_past_follow_up(next_follow_up, on)
    with store.transaction() as db:
        case = _case(db, case_id)
        if status == case.status:
            raise InvalidInput(f"El caso {case.code} ya está «{STATUSES[status]}».")
        if case.status in CLOSED_CASE_STATUSES and note is None:
            raise InvalidInput(
                f"El caso {case.code} está «{STATUSES[case.status]}»: para cambiar su estado escriba el motivo."
            )
        _add_event(db, case, on, status, note)
        case.status = status
        if status in CLOSED_CASE_STATUSES:
            case.closed_on, case.next_follow_up = on, None
        else:
            case.closed_on = None
            if next_follow_up is not None:
                case.next_follow_up = next_follow_up
        db.flush()
        return _info(case)


def add_note(
    store: Store, case_id: uuid.UUID, text: str, on: date | None = None, next_follow_up: date | None = None
) -> CaseInfo:
    """A dated follow-up note; ``next_follow_up``, when given, is the case's next date."""
    note = _text(text, 2000)
    if note is None:
        raise InvalidInput("Escriba la nota de seguimiento.")
    on = on or clock.today()
    with store.transaction() as db:
        case = _case(db, case_id)
        if case.status not in CLOSED_CASE_STATUSES:
            _refuse_past_follow_up(next_follow_up, on)
        _add_event(db, case, on, None, note)
        if next_follow_up is not None and case.status not in CLOSED_CASE_STATUSES:
            case.next_follow_up = next_follow_up
        db.flush()
        return _info(case)


def set_next_follow_up(store: Store, case_id: uuid.UUID, on: date | None) -> CaseInfo:
    with store.transaction() as db:
        case = _case(db, case_id)
        if on is not None and case.status in CLOSED_CASE_STATUSES:
            raise InvalidInput(f"El caso {case.code} está cerrado: no tiene próximo seguimiento.")
        case.next_follow_up = on
        db.flush()
        return _info(case)


def get_case(store: Store, case_id: uuid.UUID) -> CaseInfo:
    with store.reading() as db:
        return _info(_case(db, case_id))


def case_by_code(store: Store, code: str) -> CaseInfo:
    with store.reading() as db:
        mesa = the_mesa(db)
        case = db.scalars(
            select(CaseReferral).where(
                CaseReferral.mesa_id == mesa.id, func.lower(CaseReferral.code) == code.strip().lower()
            )
        ).first()
        if case is None:
            raise NotFound(f"No hay un caso con el código «{code.strip()}».")
        return _info(case)


def history(store: Store, case_id: uuid.UUID) -> list[CaseEventInfo]:
    """Status changes and notes, oldest first (in the order they were entered)."""
    with store.reading() as db:
        _case(db, case_id)
        return [
            CaseEventInfo(e.on, e.status, e.note)
            for e in db.scalars(select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.seq))
        ]


def list_cases(store: Store) -> list[CaseInfo]:
    with store.reading() as db:
        mesa = the_mesa(db)
        return [
            _info(c)
            for c in db.scalars(
                select(CaseReferral)
                .where(CaseReferral.mesa_id == mesa.id)
                .order_by(CaseReferral.referred_on, CaseReferral.code)
            )
        ]


def overdue(store: Store, today: date | None = None) -> list[CaseInfo]:
    """Open cases whose next follow-up has passed, the most overdue first."""
    today = today or clock.today()
    late = [c for c in list_cases(store) if c.overdue(today)]
    return sorted(late, key=lambda c: (c.next_follow_up or today, c.code))


def aggregates(store: Store) -> list[dict[str, Any]]:
    """Counts per year, need and status: the only case data that ever leaves the laptop."""
    counts = Counter((c.referred_on.year, c.need, c.status) for c in list_cases(store))
    return [{"year": y, "need": n, "status": s, "count": k} for (y, n, s), k in sorted(counts.items())]


def statuses_on(store: Store, day: date) -> dict[uuid.UUID, str]:
    """Each case referred by ``day`` and its status that day, from the dated history: a report
    on a past period counts what was true then, not what happened since."""
    with store.reading() as db:
        mesa = the_mesa(db)
        rows = db.execute(
            select(CaseReferral.id, CaseReferral.status, CaseEvent.seq, CaseEvent.status)
            .outerjoin(
                CaseEvent,
                (CaseEvent.case_id == CaseReferral.id)
                & (CaseEvent.on <= day)
                & CaseEvent.status.is_not(None),
            )
            .where(CaseReferral.mesa_id == mesa.id, CaseReferral.referred_on <= day)
        ).all()
    latest: dict[uuid.UUID, tuple[int, str]] = {}
    for case_id, current, seq, status in rows:
        if status is None:  # no dated status (a store from before the history): the current one
            latest.setdefault(case_id, (-1, current))
        elif seq > latest.get(case_id, (-1, ""))[0]:
            latest[case_id] = (seq, status)
    return {case_id: status for case_id, (_, status) in latest.items()}


def period_totals(store: Store, start: date, end: date) -> list[tuple[str, dict[str, int]]]:
    """Cases referred in ``start``–``end`` per need (catalogue order): counts by their status at
    ``end`` (from the dated history, as the report's commitments) and the total."""
    at_end = statuses_on(store, end)
    table: dict[str, dict[str, int]] = {}
    for c in list_cases(store):
        if start <= c.referred_on <= end:
            counts = table.setdefault(c.need, dict.fromkeys((*CASE_STATUSES, "total"), 0))
            counts[at_end.get(c.id, c.status)] += 1
            counts["total"] += 1
    return [(need, table[need]) for need in NEEDS if need in table]

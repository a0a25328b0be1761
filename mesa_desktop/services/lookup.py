"""Finding the records a user names: the store's mesa, a session by number, a person by name."""

from __future__ import annotations

import re
import unicodedata
import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from mesa_desktop.errors import InvalidInput, NotFound
from mesa_desktop.models import Dependency, MeetingSession, Mesa, Person

_SESSION_NUMBER = re.compile(r"^(\d{1,3})-(\d{4})$")


def fold(text: str) -> str:
    """Lower case without accents, for matching what people type ("jose" finds "José")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def the_mesa(db: Session) -> Mesa:
    mesas = db.scalars(select(Mesa).limit(2)).all()
    if not mesas:
        raise NotFound(
            "Este almacén aún no tiene una mesa. Créela con «mesa init --territory CÓDIGO» "
            "o cargue la mesa de demostración con «mesa demo»."
        )
    if len(mesas) > 1:
        raise InvalidInput(
            "Este almacén es de consolidación (contiene varias mesas); use los comandos del Ministerio."
        )
    return mesas[0]


def parse_uuid(text: str) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(text))
    except ValueError:
        return None


def find_session(db: Session, mesa: Mesa, reference: str | uuid.UUID) -> MeetingSession:
    ref = str(reference).strip()
    as_id = parse_uuid(ref)
    if as_id is not None:
        found = db.get(MeetingSession, as_id)
    else:
        match = _SESSION_NUMBER.match(ref)
        if not match:
            raise InvalidInput(
                f"«{ref}» no es un número de sesión válido; use el formato NNN-AAAA (p. ej. 003-2026)."
            )
        found = db.scalar(
            select(MeetingSession).where(
                MeetingSession.mesa_id == mesa.id,
                MeetingSession.number == int(match[1]),
                MeetingSession.year == int(match[2]),
            )
        )
    if found is None or found.mesa_id != mesa.id:
        raise NotFound(f"No existe la sesión {ref}. Vea las sesiones con «mesa session list».")
    return found


def find_person(db: Session, mesa: Mesa, reference: str | uuid.UUID) -> Person:
    ref = str(reference).strip()
    as_id = parse_uuid(ref)
    if as_id is not None:
        person = db.get(Person, as_id)
        if person is None or person.mesa_id != mesa.id:
            raise NotFound(f"No existe la persona con identificador {ref}.")
        return person
    wanted = fold(ref)
    people = db.scalars(select(Person).where(Person.mesa_id == mesa.id, Person.active)).all()
    exact = [p for p in people if fold(p.full_name) == wanted]
    if len(exact) == 1:
        return exact[0]
    partial = exact or [p for p in people if wanted and wanted in fold(p.full_name)]
    if len(partial) == 1:
        return partial[0]
    if not partial:
        raise NotFound(
            f"No hay ninguna persona registrada como «{ref}». "
            "Regístrela con «mesa member add» o como asistente nuevo."
        )
    names = ", ".join(sorted(p.full_name for p in partial)[:5])
    raise InvalidInput(f"«{ref}» coincide con varias personas ({names}); escriba el nombre completo.")


def find_dependency(db: Session, mesa: Mesa, reference: str | uuid.UUID) -> Dependency:
    ref = str(reference).strip()
    as_id = parse_uuid(ref)
    deps = db.scalars(select(Dependency).where(Dependency.mesa_id == mesa.id)).all()
    if as_id is not None:
        matches = [d for d in deps if d.id == as_id]
    else:
        wanted = fold(ref)
        matches = [d for d in deps if fold(d.name) == wanted or fold(d.short_name or "") == wanted]
    if not matches:
        raise NotFound(f"No existe la dependencia «{ref}» en esta mesa.")
    return matches[0]

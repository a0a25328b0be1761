"""Participant reports of virtual meetings (Teams, Meet, Zoom) matched to registered people.

Pure functions, no store and no Qt: the desktop app reads the file, shows the preview and then
checks the matched people in as virtual attendees through ``attendance.check_in``.

The reports differ by tool, version and language:

* Teams writes UTF-16 with tabs, a "1. Resumen / Summary" block before the participants table
  ("Nombre/Name", "Primera unión/First Join", "Correo electrónico/Email", "Id. de participante
  (UPN)"); older Teams lists every join and leave ("Full Name", "User Action", "Timestamp").
* Zoom writes UTF-8 with commas, sometimes a meeting block first, then "Name (Original Name)",
  "User Email", "Join Time".
* Meet's attendance report has "First name"/"Last name" (or "Nombre"/"Apellido") and "Email".
* Excel re-saves any of them with semicolons (Spanish regional settings) and cp1252.

Matching goes by e-mail first, then by the name with accents, case, word order and Teams
suffixes such as "(Invitado)" ignored; a name that fits several people is never guessed.
"""

from __future__ import annotations

import csv
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from mesa_desktop.errors import InvalidInput
from mesa_desktop.services.lookup import fold

_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_NON_WORD = re.compile(r"[^\w@.+-]+")

NAME_HEADERS = {
    "name",
    "nombre",
    "full name",
    "nombre completo",
    "participant",
    "participante",
    "display name",
    "nombre para mostrar",
    "attendee",
    "asistente",
    "user name",
    "nombre de usuario",
    "participant name",
    "nombre del participante",
}
FIRST_NAME_HEADERS = {"first name", "given name", "nombre", "nombres", "primer nombre"}
LAST_NAME_HEADERS = {"last name", "surname", "family name", "apellido", "apellidos"}
EMAIL_HEADERS = {
    "email",
    "e-mail",
    "correo",
    "correo electronico",
    "user email",
    "email address",
    "direccion de correo",
    "direccion de correo electronico",
    "correo electronico del usuario",
    "attendee email",
    "correo del participante",
    "participant email",
}
# Teams' "Participant ID (UPN)" is usually the e-mail; used only when it looks like one.
ID_HEADERS = {"participant id", "id. de participante", "id de participante", "upn", "user principal name"}
JOIN_HEADERS = {
    "join time",
    "first join",
    "joined",
    "time joined",
    "joined at",
    "timestamp",
    "hora de union",
    "primera union",
    "hora de entrada",
    "hora de ingreso",
    "marca de tiempo",
    "hora de conexion",
    "fecha y hora de union",
    "primera entrada",
}
DELIMITERS = ("\t", ";", ",")


@dataclass(frozen=True)
class Participant:
    """One person as the report lists them (first appearance; joins and leaves merged)."""

    name: str
    email: str | None
    joined: str | None  # as written in the report
    line: int  # 1-based line in the file, for messages


@dataclass(frozen=True)
class Match:
    participant: Participant
    person_id: uuid.UUID
    person_name: str
    how: str  # "correo" or "nombre"


class RegisteredPerson(Protocol):
    """What matching needs of a registered person (an ORM row or a screen's plain copy)."""

    @property
    def id(self) -> uuid.UUID: ...
    @property
    def full_name(self) -> str: ...
    @property
    def email(self) -> str | None: ...


@dataclass(frozen=True)
class Unmatched:
    participant: Participant
    reason: str


@dataclass(frozen=True)
class ImportPreview:
    matched: tuple[Match, ...]
    unmatched: tuple[Unmatched, ...]

    @property
    def person_ids(self) -> tuple[uuid.UUID, ...]:
        return tuple(m.person_id for m in self.matched)


def decode(data: bytes) -> str:
    """Text of a report whatever its encoding: UTF-16 (Teams), UTF-8 with or without BOM, cp1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    sample = data[:400]
    if sample and sample.count(b"\x00") > len(sample) // 4:
        # UTF-16 without a BOM: the zero bytes tell the byte order.
        return data.decode("utf-16-le" if sample[1:2] == b"\x00" else "utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _header_key(cell: str) -> str:
    return " ".join(_PARENTHESES.sub(" ", fold(cell.strip().strip('"'))).replace(":", " ").split())


@dataclass(frozen=True)
class _Columns:
    name: int | None
    first: int | None
    last: int | None
    email: int | None
    upn: int | None
    joined: int | None


def _columns(cells: list[str]) -> _Columns | None:
    keys = [_header_key(c) for c in cells]

    def find(options: set[str]) -> int | None:
        return next((i for i, k in enumerate(keys) if k in options), None)

    last = find(LAST_NAME_HEADERS)
    first = find(FIRST_NAME_HEADERS) if last is not None else None
    name = None if first is not None else find(NAME_HEADERS)
    if name is None and first is None:
        return None
    return _Columns(
        name=name,
        first=first,
        last=last,
        email=find(EMAIL_HEADERS),
        upn=find(ID_HEADERS),
        joined=find(JOIN_HEADERS),
    )


def _split(line: str, delimiter: str) -> list[str]:
    return next(csv.reader([line], delimiter=delimiter), [])


def _cell(row: list[str], index: int | None) -> str:
    if index is None or index >= len(row):
        return ""
    return row[index].strip().strip('"').strip()


def _rows_under(lines: list[str], start: int, delimiter: str, columns: _Columns) -> list[Participant]:
    found: dict[str, Participant] = {}
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if not line.strip() or not line.strip(delimiter + " "):
            if found:
                break  # the end of the participants block (Teams has more sections below)
            continue
        row = _split(line, delimiter)
        if columns.first is not None:
            name = " ".join(p for p in (_cell(row, columns.first), _cell(row, columns.last)) if p)
        else:
            name = _cell(row, columns.name)
        if not name or name.replace(" ", "").isdigit() or _header_key(name) in NAME_HEADERS:
            continue
        cell = _cell(row, columns.email)
        if "@" not in cell:
            upn = _cell(row, columns.upn)
            cell = upn if "@" in upn else ""
        email = cell.lower() or None
        key = email or fold(name)
        if key not in found:
            found[key] = Participant(
                name=" ".join(name.split()),
                email=email,
                joined=_cell(row, columns.joined) or None,
                line=number + 1,
            )
    return list(found.values())


def parse_report(data: bytes | str) -> list[Participant]:
    """The participants of a Teams / Meet / Zoom report, each once, in report order."""
    text = decode(data) if isinstance(data, bytes) else data
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for index, line in enumerate(lines):
        if not line.strip():
            continue
        # The delimiter that splits this line into the most cells is the table's.
        delimiter = max(DELIMITERS, key=lambda d: len(_split(line, d)))
        cells = _split(line, delimiter)
        if len(cells) < 1:
            continue
        columns = _columns(cells)
        if columns is None:
            continue
        participants = _rows_under(lines, index, delimiter, columns)
        if participants:
            return participants
    raise InvalidInput(
        "No se encontró la lista de participantes en el archivo. Use el informe de asistencia "
        "descargado de Teams, Meet o Zoom (debe tener una columna «Nombre» o «Name»)."
    )


def _name_tokens(name: str) -> tuple[str, ...]:
    cleaned = _PARENTHESES.sub(" ", name)
    if cleaned.count(",") == 1:  # "Rodríguez Peñaranda, María Fernanda"
        last, first = cleaned.split(",")
        cleaned = f"{first} {last}"
    return tuple(fold(cleaned).replace(",", " ").replace(".", " ").split())


def match_participants(
    participants: Iterable[Participant], people: Iterable[RegisteredPerson]
) -> ImportPreview:
    """Pair each participant with one registered person (``people``: ``.id``, ``.full_name``, ``.email``)."""
    people = list(people)
    by_email: dict[str, list[RegisteredPerson]] = {}
    tokens_of: dict[uuid.UUID, tuple[str, ...]] = {}
    person: RegisteredPerson | None
    for person in people:
        if person.email:
            by_email.setdefault(person.email.strip().lower(), []).append(person)
        tokens_of[person.id] = _name_tokens(person.full_name)
    matched: list[Match] = []
    unmatched: list[Unmatched] = []
    taken: set[uuid.UUID] = set()
    for participant in participants:
        person, how, reason = None, "", ""
        candidates = by_email.get(participant.email or "", [])
        if len(candidates) == 1:
            person, how = candidates[0], "correo"
        else:
            wanted = _name_tokens(participant.name)
            same = [p for p in people if sorted(tokens_of[p.id]) == sorted(wanted)]
            if not same and len(wanted) >= 2:
                # "María Rodríguez" for "María Fernanda Rodríguez Peñaranda"
                same = [p for p in people if set(wanted) <= set(tokens_of[p.id])]
            if len(same) == 1:
                person, how = same[0], "nombre"
            elif len(same) > 1:
                names = ", ".join(sorted(p.full_name for p in same)[:4])
                reason = f"Coincide con varias personas ({names}): regístrela a mano."
            else:
                reason = "No está registrada: regístrela como asistente nuevo si corresponde."
        if person is None:
            unmatched.append(Unmatched(participant, reason))
        elif person.id not in taken:
            taken.add(person.id)
            matched.append(Match(participant, person.id, person.full_name, how))
    return ImportPreview(tuple(matched), tuple(unmatched))


def preview(data: bytes | str, people: Iterable[RegisteredPerson]) -> ImportPreview:
    return match_participants(parse_report(data), people)

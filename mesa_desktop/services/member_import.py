"""Importing a member list from a spreadsheet (.xlsx) or a .csv file.

Focal points already keep their mesa's members in Excel, with headers written by hand
("Dependencia", "Nombres y apellidos", "Calidad", "Correo electrónico", "¿Autoriza el
tratamiento de datos?"…). The import is two steps, so nothing is written until the person
has seen what will be:

1. :func:`preview_member_file` reads the file and checks every row against the rules and
   the store, giving a :class:`ImportPreview` whose rows each carry a list of Spanish errors;
2. :func:`apply_import` writes the valid rows in one transaction (all or nothing), after a
   backup of the store.

Pure Python; no Qt. Reading runs on any thread; both public functions take the store first
so the UI runs them on the database thread.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select

from mesa_desktop.email_address import is_valid_email
from mesa_desktop.errors import InvalidInput, MesaError
from mesa_desktop.models import Dependency, Person
from mesa_desktop.services import conformation
from mesa_desktop.services.lookup import fold, the_mesa
from mesa_desktop.store import Store

MAX_ROWS = 2000
HEADER_SCAN_ROWS = 10
MAX_COLUMNS = 60  # a member list has about ten; a stray cell in column XFD must not make rows of 16,384
MAX_FILE_BYTES = 20 * 2**20
MAX_XLSX_UNPACKED = 200 * 2**20  # a workbook is a zip: its parts are bounded before openpyxl reads them

FIELD_LABELS = {
    "dependency": "Dependencia",
    "full_name": "Nombre",
    "last_name": "Apellidos",
    "role": "Rol",
    "position": "Cargo",
    "email": "Correo",
    "phone": "Teléfono",
    "entity": "Entidad",
    "consent": "Autoriza datos",
}

# Checked in this order, so that "Nombre de la dependencia" is a dependency and
# "Correo de la entidad" an email: the more specific words win over "nombre" and "entidad".
_HEADER_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "consent",
        ("autoriza", "autorizacion", "consentimiento", "habeas", "1581", "tratamiento de datos", "acepta"),
    ),
    ("email", ("correo", "email", "e mail", "mail")),
    ("phone", ("telefono", "celular", "movil", "tel", "whatsapp")),
    (
        "role",
        ("rol", "calidad", "tipo de integrante", "tipo de participante", "participa como", "participacion"),
    ),
    ("position", ("cargo",)),
    ("dependency", ("dependencia", "oficina", "subsecretaria", "area", "actor")),
    ("entity", ("entidad", "institucion", "organizacion")),
    ("full_name", ("nombre", "nombres", "nombre completo", "integrante", "persona", "funcionario")),
    ("last_name", ("apellidos", "apellido")),
)

ROLE_WORDS = {
    "head": (
        "jefe",
        "jefa",
        "jefe de dependencia",
        "jefa de dependencia",
        "titular",
        "director",
        "directora",
        "subsecretario",
        "subsecretaria",
        "secretario",
        "secretaria",
        "head",
    ),
    "delegate": ("delegado", "delegada", "delegado(a)", "delegado a", "principal", "delegate"),
    "alternate": ("suplente", "alterno", "alterna", "alternate"),
    "invited": (
        "invitado",
        "invitada",
        "invitado(a)",
        "invitado a",
        "actor invitado",
        "invitado permanente",
        "invitada permanente",
        "invited",
    ),
}
ROLE_LABELS = {
    "head": "Jefe(a)",
    "delegate": "Delegado(a)",
    "alternate": "Suplente",
    "invited": "Invitado(a)",
}
_YES = {"si", "s", "x", "yes", "y", "true", "verdadero", "1", "autoriza", "acepta", "ok"}
_NO = {"no", "n", "false", "falso", "0", "no autoriza", "no acepta"}


@dataclass(frozen=True)
class ImportRow:
    """One data row of the file and what will happen to it."""

    line: int  # row number as the spreadsheet shows it (the header row counts)
    dependency: str
    full_name: str
    role: str | None  # head / delegate / alternate / invited; None when unreadable
    position: str | None
    email: str | None
    phone: str | None
    entity: str | None
    consent: bool
    errors: tuple[str, ...] = ()
    new_dependency: bool = False  # the dependency or actor will be created

    @property
    def valid(self) -> bool:
        return not self.errors

    @property
    def role_label(self) -> str:
        return ROLE_LABELS.get(self.role or "", "—")


@dataclass(frozen=True)
class ImportPreview:
    source: str
    columns: dict[str, str]  # field → header text as written in the file
    rows: tuple[ImportRow, ...]
    notes: tuple[str, ...] = field(default=())  # file-level remarks (defaults applied…)

    @property
    def valid_rows(self) -> tuple[ImportRow, ...]:
        return tuple(r for r in self.rows if r.valid)

    @property
    def invalid_rows(self) -> tuple[ImportRow, ...]:
        return tuple(r for r in self.rows if not r.valid)


@dataclass(frozen=True)
class ImportResult:
    people_added: int
    dependencies_added: int
    invited_added: int
    skipped: int
    backup: Path | None


# --- reading files -----------------------------------------------------------------------


def read_table(path: str | Path) -> list[list[str]]:
    """The file's cells as text, row by row (first sheet of a workbook)."""
    path = Path(path)
    if not path.is_file():
        raise InvalidInput(f"No existe el archivo {path}.")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise InvalidInput(
            f"{path.name} pesa más de {MAX_FILE_BYTES // 2**20} MB: una lista de integrantes "
            "no ocupa tanto. Revise que sea el archivo correcto."
        )
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(path.read_bytes())
    if suffix == ".xls":
        raise InvalidInput(
            f"{path.name} está en el formato antiguo de Excel (.xls). Ábralo en Excel o LibreOffice "
            "y guárdelo como «Libro de Excel (.xlsx)» o como CSV."
        )
    raise InvalidInput(f"{path.name} no es un archivo de Excel (.xlsx) ni CSV.")


def _too_many_rows(name: str) -> InvalidInput:
    limit = f"{MAX_ROWS:,}".replace(",", ".")  # es-CO writes 2.000
    return InvalidInput(f"{name} tiene más de {limit} filas de datos; divídalo en partes.")


def _read_xlsx(path: Path) -> list[list[str]]:
    import zipfile

    from openpyxl import load_workbook

    unreadable = InvalidInput(
        f"No se pudo leer {path.name} como libro de Excel: el archivo está dañado o no "
        "es un .xlsx. Ábralo en Excel o LibreOffice y guárdelo otra vez como .xlsx o CSV."
    )
    try:
        with zipfile.ZipFile(path) as archive:
            if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNPACKED:
                raise InvalidInput(f"{path.name} es demasiado grande para una lista de integrantes.")
    except zipfile.BadZipFile as error:
        raise unreadable from error
    try:
        # Streaming mode: rows are read one by one and never held as a whole workbook.
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds (in English) for a damaged file
        raise unreadable from error
    try:
        sheet = workbook.worksheets[0]
        rows = []
        for values in sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True):
            rows.append([_cell_text(v) for v in values])
            if len(rows) > MAX_ROWS + HEADER_SCAN_ROWS:
                raise _too_many_rows(path.name)
        merged = _merged_ranges(path, getattr(sheet, "_worksheet_path", ""))
    except MesaError:
        raise
    except Exception as error:
        raise unreadable from error
    finally:
        workbook.close()
    return _fill_merged(rows, merged)


def _merged_ranges(path: Path, sheet_part: str) -> list[tuple[int, int, int, int]]:
    """(first row, first column, last row, last column), 0-based, of the sheet's merged cells.

    openpyxl's streaming mode does not read them, so they are found in the sheet's XML, read
    in chunks (a tree of a large sheet would cost more than the rows themselves). A
    dependency typed once for several people is a merged cell."""
    import re
    import zipfile

    from openpyxl.utils.cell import range_boundaries

    if not sheet_part:
        return []
    pattern = re.compile(rb"<(?:\w+:)?mergeCell\b[^>]*\bref=\"([A-Z]+[0-9]+:[A-Z]+[0-9]+)\"")
    found, tail = [], b""
    with zipfile.ZipFile(path) as archive, archive.open(sheet_part) as xml:
        while chunk := xml.read(2**20):
            text = tail + chunk
            matches = list(pattern.finditer(text))
            for match in matches:
                min_col, min_row, max_col, max_row = range_boundaries(match.group(1).decode())
                found.append((min_row - 1, min_col - 1, max_row - 1, max_col - 1))
            # Keep what could be the start of an element cut by the chunk's end.
            start = matches[-1].end() if matches else 0
            tail = text[max(start, len(text) - 200) :]
    return found


def _fill_merged(rows: list[list[str]], merged: list[tuple[int, int, int, int]]) -> list[list[str]]:
    """Every cell of a merged range shows its first cell's text, as the spreadsheet displays it."""
    for first_row, first_col, last_row, last_col in merged:
        if first_row >= len(rows) or first_col >= MAX_COLUMNS:
            continue
        top = rows[first_row]
        value = top[first_col] if first_col < len(top) else ""
        for r in range(first_row, min(last_row, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(first_col, min(last_col, MAX_COLUMNS - 1) + 1):
                if c >= len(row):
                    row.extend([""] * (c + 1 - len(row)))
                if not row[c]:
                    row[c] = value
    return rows


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "sí" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # phone numbers typed as numbers: 3001234567.0
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _read_csv(data: bytes) -> list[list[str]]:
    text = _decode(data)
    sample = text[:4096]
    first_line = sample.splitlines()[0] if sample.splitlines() else ""
    # Excel in a Spanish locale saves "CSV" with semicolons; elsewhere commas; its
    # "Texto Unicode" (UTF-16) uses tabs.
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    if "\t" in first_line and first_line.count("\t") > max(first_line.count(";"), first_line.count(",")):
        delimiter = "\t"
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = []
    try:
        for row in reader:
            rows.append([cell.strip() for cell in row[:MAX_COLUMNS]])
            if len(rows) > MAX_ROWS + HEADER_SCAN_ROWS:
                raise _too_many_rows("El archivo")
    except csv.Error as error:
        raise InvalidInput(
            f"La línea {reader.line_num} del archivo no se puede leer como CSV (¿unas comillas sin cerrar?)."
        ) from error
    return rows


def _decode(data: bytes) -> str:
    """The text of a CSV as Excel and LibreOffice save it: UTF-8 (with or without BOM),
    UTF-16 ("Texto Unicode") or Windows-1252 ("CSV" on a Spanish Windows). A file that mixes
    UTF-8 with another encoding is refused with the line, rather than stored as mojibake."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8")
    if len(data) >= 4 and data.count(b"\x00") > len(data) // 4:  # UTF-16 without its BOM
        return _strict(data, "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lines = data.split(b"\n")
    utf8_line = bad_line = None
    for number, line in enumerate(lines, 1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_line = utf8_line or number
        except UnicodeDecodeError:
            bad_line = bad_line or number
        if utf8_line and bad_line:
            raise InvalidInput(
                f"El archivo mezcla codificaciones de texto: la línea {utf8_line} está en UTF-8 y la "
                f"línea {bad_line} no. Ábralo en Excel o LibreOffice y guárdelo de nuevo como "
                "«CSV UTF-8» para no dañar las tildes y las eñes."
            )
    return _strict(data, "cp1252")


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n" if "16" not in encoding else "\n".encode(encoding)) + 1
        raise InvalidInput(
            f"La línea {line} del archivo tiene caracteres que no son texto válido ({encoding.upper()}). "
            "Guárdelo de nuevo como «CSV UTF-8» desde Excel o LibreOffice."
        ) from error


# --- understanding the table ------------------------------------------------------------------


def _header_key(text: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", fold(text)).split())


def match_header(text: str) -> str | None:
    """The field a header names ("Correo electrónico" → "email"), or None."""
    key = _header_key(text)
    if not key:
        return None
    padded = f" {key} "
    for field_name, words in _HEADER_WORDS:
        if any(f" {word} " in padded for word in words):
            return field_name
    return None


def _map_headers(row: list[str]) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for index, cell in enumerate(row):
        field_name = match_header(cell)
        if field_name and field_name not in mapping:
            mapping[field_name] = index
    return mapping


def _find_header(rows: list[list[str]]) -> tuple[int, dict[str, int]]:
    """The header row: among the first rows, the one naming the most known columns."""
    best: dict[str, int]
    best_index, best = -1, {}
    for index, row in enumerate(rows[:HEADER_SCAN_ROWS]):
        mapping = _map_headers(row)
        if len(mapping) > len(best):
            best_index, best = index, mapping
    if "full_name" not in best or len(best) < 2:
        raise InvalidInput(
            "No se encontró la fila de títulos. La primera fila debe tener al menos las columnas "
            "«Dependencia» y «Nombre» (también se reconocen Rol o Calidad, Cargo, Correo, "
            "Teléfono, Entidad y Autoriza datos)."
        )
    return best_index, best


def parse_role(text: str) -> str | None:
    key = _header_key(text)
    for role, words in ROLE_WORDS.items():
        if key in {_header_key(w) for w in words}:
            return role
    for role, words in ROLE_WORDS.items():  # "Delegado principal", "Suplente 1"
        if any(key.startswith(_header_key(w) + " ") for w in words):
            return role
    return None


def parse_consent(text: str) -> bool | None:
    key = _header_key(text)
    if not key:
        return False
    if key in _YES:
        return True
    if key in _NO:
        return False
    return None


@dataclass
class _Existing:
    """What the store already holds, to refuse duplicates and role clashes before writing."""

    dependencies: dict[str, bool]  # folded name or short name → invited
    people: set[tuple[str, str]]  # (folded dependency name, folded person name)


def _existing(store: Store) -> _Existing:
    with store.reading() as db:
        mesa = the_mesa(db)
        deps = db.scalars(select(Dependency).where(Dependency.mesa_id == mesa.id)).all()
        names: dict[str, bool] = {}
        for dep in deps:
            names[fold(dep.name)] = dep.invited
            if dep.short_name:
                names.setdefault(fold(dep.short_name), dep.invited)
        people = set()
        for person in db.scalars(select(Person).where(Person.mesa_id == mesa.id, Person.active)):
            if person.dependency is not None:
                people.add((fold(person.dependency.name), fold(person.full_name)))
                if person.dependency.short_name:
                    people.add((fold(person.dependency.short_name), fold(person.full_name)))
        return _Existing(names, people)


def parse_member_table(
    rows: list[list[str]], existing: _Existing | None = None, source: str = ""
) -> ImportPreview:
    """Check every data row of ``rows``; pure, given what the store already holds."""
    existing = existing or _Existing({}, set())
    header_index, columns = _find_header(rows)
    header = rows[header_index]
    notes = []
    if "dependency" not in columns:
        raise InvalidInput(
            "Falta la columna «Dependencia»: cada persona debe pertenecer a una dependencia "
            "o a un actor invitado."
        )
    if "role" not in columns:
        notes.append(
            "El archivo no tiene columna «Rol» o «Calidad»: todas las personas se "
            "registran como delegado(a) de su dependencia."
        )
    if "consent" not in columns:
        notes.append(
            "El archivo no tiene columna «Autoriza datos»: nadie queda con autorización "
            "de tratamiento de datos (Ley 1581); regístrela al editar cada persona."
        )

    def cell(row: list[str], name: str) -> str:
        index = columns.get(name)
        if index is None or index >= len(row):
            return ""
        return " ".join(str(row[index]).split())

    data_rows = rows[header_index + 1 :]
    if len(data_rows) > MAX_ROWS:
        raise InvalidInput(f"El archivo tiene más de {MAX_ROWS} filas; divídalo en partes.")
    parsed: list[ImportRow] = []
    seen: dict[tuple[str, str], int] = {}
    new_in_file: dict[str, bool] = {}  # dependencies the import will create → invited
    for offset, row in enumerate(data_rows):
        line = header_index + 2 + offset
        if not any(str(c).strip() for c in row):
            continue
        errors: list[str] = []
        name = cell(row, "full_name")
        if "last_name" in columns and cell(row, "last_name"):
            name = f"{name} {cell(row, 'last_name')}".strip()
        dependency = cell(row, "dependency")
        entity = cell(row, "entity") or None
        role_text = cell(row, "role")
        role: str | None = "delegate"
        if "role" in columns:
            if not role_text:
                role = None
                errors.append("Falta el rol: escriba jefe, delegado, suplente o invitado.")
            else:
                role = parse_role(role_text)
                if role is None:
                    errors.append(
                        f"Rol no reconocido «{role_text}»: use jefe, delegado, suplente o invitado."
                    )
        if role == "invited" and not dependency and entity:
            dependency = entity  # an invited person's organisation is their "dependency"
        if not name:
            errors.append("Falta el nombre de la persona.")
        if not dependency:
            errors.append("Falta la dependencia (o la organización, si es un actor invitado).")
        email = cell(row, "email") or None
        if email and not is_valid_email(email):  # the same rule the save applies
            errors.append(f"El correo «{email}» no es válido (un solo correo por persona).")
        phone = cell(row, "phone") or None
        consent_text = cell(row, "consent")
        consent = parse_consent(consent_text)
        if consent is None:
            errors.append(f"En «Autoriza datos» escriba sí o no (dice «{consent_text}»).")
            consent = False
        new_dependency = False
        if dependency and role is not None:
            key = fold(dependency)
            wants_invited = role == "invited"
            known = existing.dependencies.get(key, new_in_file.get(key))
            if known is None:
                new_dependency = True
                new_in_file[key] = wants_invited
            elif known != wants_invited:
                if known:
                    errors.append(f"«{dependency}» es un actor invitado: sus personas van con rol invitado.")
                else:
                    errors.append(
                        f"«{dependency}» es una dependencia miembro: use jefe, delegado o suplente."
                    )
        if name and dependency:
            pair = (fold(dependency), fold(name))
            if pair in existing.people:
                errors.append(f"{name} ya está registrada en «{dependency}».")
            elif pair in seen:
                errors.append(f"Repite la fila {seen[pair]}.")
            else:
                seen[pair] = line
        parsed.append(
            ImportRow(
                line=line,
                dependency=dependency,
                full_name=name,
                role=role,
                position=cell(row, "position") or None,
                email=email,
                phone=phone,
                entity=entity,
                consent=consent,
                errors=tuple(errors),
                new_dependency=new_dependency,
            )
        )
    if not parsed:
        raise InvalidInput("El archivo no tiene filas de datos debajo de los títulos.")
    found = {name: header[index] for name, index in columns.items()}
    return ImportPreview(source=source, columns=found, rows=tuple(parsed), notes=tuple(notes))


def preview_member_file(store: Store, path: str | Path) -> ImportPreview:
    """Read ``path`` and check each row against the rules and the store. Writes nothing."""
    path = Path(path)
    rows = read_table(path)
    return parse_member_table(rows, _existing(store), source=path.name)


# --- writing --------------------------------------------------------------------------------


def apply_import(store: Store, preview: ImportPreview) -> ImportResult:
    """Add the preview's valid rows in one transaction: all of them, or none.

    A backup of the store is taken first (DESIGN: the store protects itself before imports).
    """
    rows = preview.valid_rows
    if not rows:
        raise InvalidInput("No hay filas válidas para importar.")
    backup = None
    if store.file is not None and store.backups_dir is not None:
        from mesa_desktop.store import backup as backups

        backup = store.backup_to(store.backups_dir / backups.timestamped_name("antes-de-importar"))
    deps_added = invited_added = 0
    with store.transaction() as db:
        mesa = the_mesa(db)
        known = {fold(d.name): d for d in db.scalars(select(Dependency).where(Dependency.mesa_id == mesa.id))}
        dep: Dependency | None
        for dep in list(known.values()):
            if dep.short_name:
                known.setdefault(fold(dep.short_name), dep)
        for row in rows:
            try:
                dep = known.get(fold(row.dependency))
                if dep is None:
                    dep = conformation.add_dependency_in(
                        db, mesa, row.dependency, invited=row.role == "invited"
                    )
                    known[fold(dep.name)] = dep
                    if dep.invited:
                        invited_added += 1
                    else:
                        deps_added += 1
                elif dep.invited != (row.role == "invited"):
                    kind = "un actor invitado" if dep.invited else "una dependencia miembro"
                    raise InvalidInput(f"«{dep.name}» es ahora {kind} y el rol de la fila no corresponde.")
                conformation.add_person_in(
                    db,
                    mesa,
                    row.full_name,
                    dependency=dep,
                    role=row.role,
                    position=row.position,
                    entity=row.entity,
                    email=row.email,
                    phone=row.phone,
                    consent_given=row.consent,
                )
            except MesaError as error:
                # The whole import is rolled back: a half-imported list is worse than none.
                raise InvalidInput(f"Fila {row.line}: {error} No se importó ninguna fila.") from error
    return ImportResult(
        people_added=len(rows),
        dependencies_added=deps_added,
        invited_added=invited_added,
        skipped=len(preview.rows) - len(rows),
        backup=backup,
    )

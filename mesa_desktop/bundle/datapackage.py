"""What a bundle shares with the ministry, as a Frictionless Data Package (one CSV per table).

The tables and their columns come from the ORM models, minus what must never leave the
focal point's laptop (DESIGN §6, Ley 1581 de 2012):

* case referrals: only their totals per year, need and status (``case_aggregate``);
* people: name, position, entity, dependency and role only — no ID number, e-mail, phone,
  consent record or personal check-in code. Names and positions are printed in every acta, which is a public
  record sent to the dependencies anyway; the ministry never needs to reach a delegate
  directly, it reaches the focal point, whose institutional contact is in ``mesa``;
* attendance: no signature images;
* sessions: no virtual meeting link (it lets anyone into the next meeting);
* actas: not their frozen content (the PDF says it; the SHA-256 stays to check the PDF);
* informes periódicos: only the issued ones, their texts and metadata; not the PDF (its
  SHA-256 travels, to check the copy sent to the ministry);
* the mesa's free notes, export history, receipts and settings stay local.

``TABLES`` lists the shared tables parents first, each with its fields, foreign keys and
its *owner*: the column that ties each row to its mesa, directly (``mesa_id``) or through
its parent (``agenda_item.session_id`` → ``meeting_session``). The same description makes
``datapackage.json``, writes and reads the CSV files, and checks a received package.

Thread affinity: none.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from functools import cache
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    Time,
    Uuid,
)

from mesa_desktop.bundle import validation
from mesa_desktop.bundle.errors import InvalidData
from mesa_desktop.vocabulary import LEGACY_CASE_STATUSES

DATA_FOLDER = "data"

SHARED_TABLES = (
    "mesa", "dependency", "person", "meeting_session", "agenda_item", "attendance",
    "quorum_event", "decision", "commitment", "commitment_note", "action_plan", "plan_axis",
    "plan_action", "plan_task", "task_progress", "action_report", "plan_indicator",
    "indicator_value", "acta", "case_aggregate", "periodic_report", "work_group", "liaison",
)  # fmt: skip
EXCLUDED_COLUMNS: Mapping[str, frozenset[str]] = {
    "mesa": frozenset({"notes"}),
    # The check-in code is local: it lets its holder check in at this mesa, nothing else.
    "person": frozenset({"id_number", "email", "phone", "consent_given", "consent_at", "check_in_code"}),
    "attendance": frozenset({"signature_png"}),
    "meeting_session": frozenset({"virtual_link"}),
    "acta": frozenset({"approved_content"}),
}
ROOT_TABLE = "mesa"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    name: str
    type: str  # Table Schema type: string, integer, number, boolean, date, datetime, time
    required: bool
    format: str | None = None  # "uuid" for identifiers

    def descriptor(self) -> dict[str, Any]:
        field: dict[str, Any] = {"name": self.name, "type": self.type}
        if self.format:
            field["format"] = self.format
        if self.required:
            field["constraints"] = {"required": True}
        return field


@dataclass(frozen=True, slots=True)
class ForeignKey:
    field: str
    table: str


@dataclass(frozen=True, slots=True)
class TableSpec:
    name: str
    fields: tuple[FieldSpec, ...]
    foreign_keys: tuple[ForeignKey, ...]
    owner: ForeignKey | None  # None for the mesa itself

    @property
    def path(self) -> str:
        return f"{DATA_FOLDER}/{self.name}.csv"

    @property
    def field_names(self) -> tuple[str, ...]:
        return tuple(field.name for field in self.fields)

    def field(self, name: str) -> FieldSpec | None:
        return next((field for field in self.fields if field.name == name), None)

    def descriptor(self) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "fields": [field.descriptor() for field in self.fields],
            "primaryKey": ["id"],
        }
        if self.foreign_keys:
            schema["foreignKeys"] = [
                {
                    "fields": [fk.field],
                    # Table Schema: an empty resource name refers to this same resource.
                    "reference": {"resource": "" if fk.table == self.name else fk.table, "fields": ["id"]},
                }
                for fk in self.foreign_keys
            ]
        return {
            "name": self.name,
            "path": self.path,
            "profile": "tabular-data-resource",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": schema,
        }


# --- the shared tables, from the models ------------------------------------------------


def _table_schema_type(column_type: Any) -> tuple[str, str | None]:
    # Order matters: Text is a String, DateTime is not a Date.
    for sql_type, schema_type, fmt in (
        (Uuid, "string", "uuid"),
        (Boolean, "boolean", None),
        (Integer, "integer", None),
        (Float, "number", None),
        (DateTime, "datetime", None),
        (Date, "date", None),
        (Time, "time", None),
        (Text, "string", None),
        (String, "string", None),
    ):
        if isinstance(column_type, sql_type):
            return schema_type, fmt
    raise TypeError(f"no Table Schema type for {column_type!r}")


def _spec_for(table: Table) -> TableSpec:
    excluded = EXCLUDED_COLUMNS.get(table.name, frozenset())
    fields = []
    for column in table.columns:
        if column.name in excluded or isinstance(column.type, LargeBinary):
            continue
        schema_type, fmt = _table_schema_type(column.type)
        fields.append(FieldSpec(column.name, schema_type, required=not column.nullable, format=fmt))
    # id first, then the record's own columns in model order: easier to read in a spreadsheet.
    fields.sort(key=lambda field: field.name != "id")
    foreign_keys = tuple(
        ForeignKey(fk.parent.name, fk.column.table.name)
        for fk in sorted(table.foreign_keys, key=lambda fk: fk.parent.name)
        if fk.column.table.name in SHARED_TABLES and fk.parent.name not in excluded
    )
    return TableSpec(table.name, tuple(fields), foreign_keys, _owner(table))


def _owner(table: Table) -> ForeignKey | None:
    if table.name == ROOT_TABLE:
        return None
    if "mesa_id" in table.columns:
        return ForeignKey("mesa_id", ROOT_TABLE)
    # A child record belongs to the parent it cannot exist without (NOT NULL, CASCADE).
    for fk in sorted(table.foreign_keys, key=lambda fk: fk.parent.name):
        if not fk.parent.nullable and fk.ondelete == "CASCADE":
            return ForeignKey(fk.parent.name, fk.column.table.name)
    raise TypeError(f"{table.name} has no owner")


@cache
def tables() -> tuple[TableSpec, ...]:
    """The shared tables, parents before children (the order to insert them)."""
    from mesa_desktop.models import Base

    by_name = {table.name: table for table in Base.metadata.sorted_tables}
    ordered = [by_name[name] for name in by_name if name in SHARED_TABLES]
    return tuple(_spec_for(table) for table in ordered)


@cache
def table_specs() -> dict[str, TableSpec]:
    return {spec.name: spec for spec in tables()}


def owner_chain(spec: TableSpec) -> list[tuple[TableSpec, ForeignKey]]:
    """From ``spec`` up to the table holding ``mesa_id``: each table and the key to its parent."""
    specs = table_specs()
    chain = []
    current = spec
    while current.owner is not None:
        chain.append((current, current.owner))
        if current.owner.table == ROOT_TABLE:
            break
        current = specs[current.owner.table]
    return chain


# --- datapackage.json -----------------------------------------------------------------------


def descriptor(*, name: str, title: str, created: datetime) -> dict[str, Any]:
    return {
        "profile": "tabular-data-package",
        "name": name,
        "title": title,
        "created": format_datetime(created),
        "licenses": [{"name": "other-closed", "title": "Uso institucional del Ministerio de Salud"}],
        "resources": [spec.descriptor() for spec in tables()],
    }


def descriptor_bytes(value: Mapping[str, Any]) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def check_descriptor(raw: bytes) -> dict[str, TableSpec]:
    """The tables a received ``datapackage.json`` declares, as this version reads them.

    Each resource must be a known table at its usual path, each field a known column of
    the same type; columns may be missing (an older version) unless the store needs them.
    Returns ``name → TableSpec`` restricted to the fields the package has.
    """
    value = validation.load_json(raw, name="datapackage.json", max_bytes=validation.MAX_DATAPACKAGE_BYTES)
    try:
        resources = value["resources"]
        if not isinstance(resources, list):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        raise _invalid("datapackage.json no es una descripción válida de un paquete de datos") from None
    known = table_specs()
    found: dict[str, TableSpec] = {}
    for resource in resources:
        spec = _check_resource(resource, known)
        if spec.name in found:
            raise _invalid(f"la tabla «{spec.name}» aparece dos veces en datapackage.json")
        found[spec.name] = spec
    if ROOT_TABLE not in found:
        raise _invalid("falta la tabla «mesa»")
    return found


def _check_resource(resource: Any, known: Mapping[str, TableSpec]) -> TableSpec:
    try:
        name = resource["name"]
        fields = resource["schema"]["fields"]
        path = resource["path"]
    except (KeyError, TypeError):
        raise _invalid("una tabla de datapackage.json no tiene nombre, ruta o esquema") from None
    spec = known.get(name) if isinstance(name, str) else None
    if spec is None:
        raise _invalid(f"la tabla «{str(name)[:60]}» no es de Mesa Desktop")
    if path != spec.path:
        raise _invalid(f"la tabla «{name}» debe estar en {spec.path}")
    chosen: list[FieldSpec] = []
    for field in fields if isinstance(fields, list) else [None]:
        field_name = field.get("name") if isinstance(field, dict) else None
        expected = spec.field(field_name) if isinstance(field_name, str) else None
        if expected is None or not isinstance(field, dict) or field.get("type") != expected.type:
            raise _invalid(f"la columna «{str(field_name)[:60]}» de «{name}» no es la esperada")
        if field_name in {f.name for f in chosen}:
            raise _invalid(f"la columna «{field_name}» de «{name}» aparece dos veces")
        chosen.append(expected)
    missing = [field.name for field in spec.fields if field.required and field not in chosen]
    if missing:
        raise _invalid(f"a la tabla «{name}» le faltan las columnas {', '.join(missing)}")
    return TableSpec(spec.name, tuple(chosen), spec.foreign_keys, spec.owner)


# --- CSV -----------------------------------------------------------------------------------


def format_datetime(value: datetime) -> str:
    """UTC with a Z; a naive value is UTC already (the store keeps UTC)."""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.isoformat() + "Z"  # microseconds only when there are some


def _to_text(value: Any) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, (date, time)):
        return value.isoformat()
    return str(value)


def encode_csv(spec: TableSpec, rows: Iterable[Mapping[str, Any]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    names = spec.field_names
    writer.writerow(names)
    writer.writerows([_to_text(row[name]) for name in names] for row in rows)
    return buffer.getvalue().encode("utf-8")


def parse_datetime(text: str) -> datetime:
    """An ISO moment that carries its offset, in UTC; ``ValueError`` without one."""
    value = datetime.fromisoformat(text)
    if value.tzinfo is None:
        raise ValueError("datetime without a time zone")
    return value.astimezone(UTC)


def _parse_boolean(text: str) -> bool:
    if text in ("true", "True", "TRUE", "1"):
        return True
    if text in ("false", "False", "FALSE", "0"):
        return False
    raise ValueError(text)


_INTEGER = re.compile(r"-?[0-9]{1,19}\Z")
# What the export writes; fromisoformat alone would also take week dates, "20261121" and more.
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}\Z")
_TIME = re.compile(r"[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?\Z")
_DATETIME = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]{1,6})?(Z|[+-][0-9]{2}:[0-9]{2})\Z"
)


def parse_received_datetime(text: str) -> datetime:
    """A moment from a received bundle, in exactly the form ``format_datetime`` writes (or
    with a numeric offset); ``ValueError`` otherwise."""
    if not _DATETIME.match(text):
        raise ValueError(text)
    return parse_datetime(text)


def _parse_date(text: str) -> date:
    if not _DATE.match(text):
        raise ValueError(text)
    return date.fromisoformat(text)


def _parse_time(text: str) -> time:
    if not _TIME.match(text):
        raise ValueError(text)
    return time.fromisoformat(text)


def _parse_integer(text: str) -> int:
    # int() would also take spaces, underscores and thousands of digits.
    if not _INTEGER.match(text):
        raise ValueError(text)
    return int(text)


_PARSERS: dict[str, Callable[[str], Any]] = {
    "string": str,
    "integer": _parse_integer,
    "number": float,
    "boolean": _parse_boolean,
    "date": _parse_date,
    "datetime": parse_received_datetime,
    "time": _parse_time,
}


def _parser(field: FieldSpec) -> Callable[[str], Any]:
    return uuid.UUID if field.format == "uuid" else _PARSERS[field.type]


def decode_csv(spec: TableSpec, data: bytes) -> list[dict[str, Any]]:
    """Rows of one CSV as typed values; raises ``InvalidData`` naming the first bad cell."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise _invalid(f"{spec.path} no está en UTF-8") from None
    try:
        records = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error:
        raise _invalid(f"{spec.path} no es un CSV válido") from None
    header = records[0] if records else None
    if header is None or tuple(header) != spec.field_names:
        raise _invalid(f"los encabezados de {spec.path} no coinciden con datapackage.json")
    # An empty cell is null, except in a required text column, where it is empty text.
    columns = [
        (index, field.name, _parser(field), field.required, field.type == "string")
        for index, field in enumerate(spec.fields)
    ]
    width = len(columns)
    rows = []
    for line_number, cells in enumerate(records[1:], start=2):
        if len(cells) != width:
            raise _invalid(f"la fila {line_number} de {spec.path} no tiene {width} columnas")
        row: dict[str, Any] = {}
        for index, name, parse, required, is_text in columns:
            cell = cells[index]
            if cell == "" and not (required and is_text):
                if required:
                    raise _invalid(
                        f"falta el valor obligatorio «{name}» en la fila {line_number} de {spec.path}"
                    )
                row[name] = None
                continue
            try:
                value = parse(cell)
            except (ValueError, TypeError, OverflowError):
                raise _invalid(
                    f"el valor «{cell[:40]}» de la columna «{name}» (fila {line_number} de "
                    f"{spec.path}) no es válido"
                ) from None
            if spec.name == "case_aggregate" and name == "status":
                # Bundles of schema 0006 and earlier used the old case statuses.
                value = LEGACY_CASE_STATUSES.get(value, value)
            validation.check_value(
                spec.name,
                name,
                value,
                lambda n=name, line=line_number: f"la columna «{n}» (fila {line} de {spec.path})",  # type: ignore[misc]  # mypy cannot infer a lambda whose defaults bind loop values
            )
            row[name] = value
        rows.append(row)
    return rows


def _invalid(detail: str) -> InvalidData:
    return InvalidData(
        f"El paquete está firmado e íntegro, pero sus datos no son válidos: {detail}. "
        "Pida a la entidad territorial que lo genere de nuevo con Mesa Desktop."
    )

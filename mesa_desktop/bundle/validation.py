"""Bounds and types of everything a received bundle carries, checked before any use.

A bundle signed with *any* key reaches this point (the key is pinned later), so nothing in it
is trusted: JSON is size- and depth-limited before it is parsed (Python's recursion limit is
never reached), integers stay within what PostgreSQL's INTEGER (32-bit) holds and within
sensible ranges for what they count, dates and moments within a plausible span, text within
its column's length and free of control characters, and every stored code within its
vocabulary (STYLE rule 11). A failure raises ``InvalidData`` naming the field.

Thread affinity: none.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from functools import cache
from typing import Any

from sqlalchemy import Float, Integer, String

from mesa_desktop.bundle.errors import InvalidData

MAX_MANIFEST_BYTES = 256 * 1024
MAX_DATAPACKAGE_BYTES = 1024 * 1024
# The export writes depth 6 at most; 32 leaves room and stays far below the recursion limit.
MAX_JSON_DEPTH = 32
# Longer than any integer the bundle may carry, short enough that int() stays cheap.
_MAX_INT_DIGITS = 20

# PostgreSQL's INTEGER is 32-bit (SQLite's is 64): the narrower one bounds every stored int.
INT32_MIN, INT32_MAX = -(2**31), 2**31 - 1
MAX_SEQUENCE = INT32_MAX
MAX_TEXT_CHARS = 100_000  # a Text column (an acta's notes, a qualitative report)
MAX_FLOAT = 1e15
FIRST_YEAR, LAST_YEAR = 1900, 2200

# Domain ranges per column name (any table), inside the 32-bit range.
_COUNT = (0, 100_000)
INT_RANGES: Mapping[str, tuple[int, int]] = {
    "year": (FIRST_YEAR, LAST_YEAR),
    "percent": (0, 100),
    "convocation_lead_days": (0, 366),
    "version": (1, 10_000),
    "number": (0, 100_000),
    "position": (0, 1_000_000),
    "count": (0, 10_000_000),
    "present": _COUNT, "required": _COUNT, "total": _COUNT,
    "quorum_present": _COUNT, "quorum_required": _COUNT, "quorum_total": _COUNT,
    "votes_for": _COUNT, "votes_against": _COUNT, "abstentions": _COUNT,
}  # fmt: skip

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_JSON_TOKENS = re.compile(rb'\\.|["\[\]{}]', re.DOTALL)


# --- JSON ------------------------------------------------------------------------------------


def load_json(raw: bytes, *, name: str, max_bytes: int) -> Any:
    """``raw`` parsed as JSON, refusing an oversized or too deeply nested document.

    The depth is measured on the bytes before ``json.loads`` (whose C scanner recurses)."""
    if len(raw) > max_bytes:
        raise invalid(f"{name} pesa {len(raw) // 1024} KB, más de los {max_bytes // 1024} KB permitidos")
    if json_depth(raw) > MAX_JSON_DEPTH:
        raise invalid(f"{name} anida más de {MAX_JSON_DEPTH} niveles")
    try:
        return json.loads(raw, parse_constant=_no_constant, parse_int=_bounded_int)
    except (ValueError, RecursionError):
        raise invalid(f"{name} no es JSON válido") from None


def json_depth(raw: bytes) -> int:
    """The deepest nesting of arrays and objects, skipping strings (and their escapes)."""
    depth = deepest = 0
    in_string = False
    for match in _JSON_TOKENS.finditer(raw):
        token = match.group()
        if in_string:
            if token == b'"':
                in_string = False
        elif token == b'"':
            in_string = True
        elif token in (b"[", b"{"):
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_JSON_DEPTH:
                    return deepest  # no need to scan a hostile file to its end
        elif token in (b"]", b"}"):
            depth -= 1
    return deepest


def _no_constant(text: str) -> Any:
    raise ValueError(text)  # NaN and Infinity are not JSON


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > _MAX_INT_DIGITS:
        raise ValueError(text)
    return int(text)


# --- manifest fields ------------------------------------------------------------------------


def text_field(value: Any, field: str, *, max_chars: int = 200) -> str:
    if not isinstance(value, str) or not value:
        raise invalid(f"el campo «{field}» del manifiesto falta o no es texto")
    if len(value) > max_chars:
        raise invalid(f"el campo «{field}» del manifiesto pasa de {max_chars} caracteres")
    if _CONTROL.search(value):
        raise invalid(f"el campo «{field}» del manifiesto tiene caracteres de control")
    return value


def int_field(value: Any, field: str, *, low: int, high: int) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise invalid(f"el campo «{field}» del manifiesto no es un número entero")
    if not low <= value <= high:
        raise invalid(
            f"el campo «{field}» del manifiesto ({_short(value)}) está fuera del rango {low}–{high}"
        )
    return value


def moment_field(value: datetime, field: str) -> datetime:
    check_moment(value, lambda: f"el campo «{field}» del manifiesto")
    return value


def check_moment(value: date | datetime, where: Callable[[], str]) -> None:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise invalid(f"{where()} tiene el año {value.year}, fuera de {FIRST_YEAR}–{LAST_YEAR}")


# --- row values -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ColumnRule:
    """What one column of a shared table may hold."""

    max_chars: int | None = None  # text
    int_range: tuple[int, int] | None = None
    is_float: bool = False
    codes: frozenset[str] | None = None


@cache
def vocabularies() -> Mapping[tuple[str, str], frozenset[str]]:
    """The stored codes, from the one vocabulary the store's CHECK constraints are made of."""
    from mesa_desktop.vocabulary import STORED_CODES, codes

    return {column: frozenset(codes(enum)) for column, enum in STORED_CODES.items()}


@cache
def column_rules(table_name: str) -> Mapping[str, ColumnRule]:
    from mesa_desktop.models import Base

    table = Base.metadata.tables[table_name]
    codes = vocabularies()
    rules = {}
    for column in table.columns:
        kind = column.type
        if isinstance(kind, String):  # Text too
            rules[column.name] = ColumnRule(
                max_chars=kind.length or MAX_TEXT_CHARS, codes=codes.get((table_name, column.name))
            )
        elif isinstance(kind, Integer):
            rules[column.name] = ColumnRule(int_range=INT_RANGES.get(column.name, (INT32_MIN, INT32_MAX)))
        elif isinstance(kind, Float):
            rules[column.name] = ColumnRule(is_float=True)
    return rules


def check_value(table_name: str, column: str, value: Any, where: Callable[[], str]) -> None:
    """Refuse a parsed cell outside its column's bounds; ``where`` names it for the message."""
    if value is None:
        return
    if isinstance(value, (date, datetime)):
        check_moment(value, where)
        return
    if isinstance(value, time):
        return
    rule = column_rules(table_name).get(column)
    if rule is None:
        return
    if rule.max_chars is not None and isinstance(value, str):
        if len(value) > rule.max_chars:
            raise invalid(f"{where()} pasa de {rule.max_chars} caracteres")
        if _CONTROL.search(value):
            raise invalid(f"{where()} tiene caracteres de control")
        if rule.codes is not None and value not in rule.codes:
            raise invalid(
                f"{where()} tiene el código «{_short(value)}», que no es uno de "
                f"{', '.join(sorted(rule.codes))}"
            )
    elif rule.int_range is not None and isinstance(value, int):
        low, high = rule.int_range
        if not low <= value <= high:
            raise invalid(f"{where()} ({_short(value)}) está fuera del rango {low}–{high}")
    elif rule.is_float and isinstance(value, float):
        if not math.isfinite(value) or abs(value) > MAX_FLOAT:
            raise invalid(f"{where()} ({_short(value)}) no es un número aceptable")


def _short(value: Any) -> str:
    try:
        text = str(value)
    except ValueError:  # an int beyond Python's digit limit for str()
        return "un número enorme"
    return text if len(text) <= 40 else f"{text[:37]}…"


def invalid(detail: str) -> InvalidData:
    return InvalidData(
        f"El paquete está firmado, pero {detail}. No se importó; pida a la entidad territorial "
        "que lo genere de nuevo con Mesa Desktop."
    )

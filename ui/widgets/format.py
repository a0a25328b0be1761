"""Spanish wording for the screens: dates, times, session titles, capacities.

Dates and times read exactly as in the documents ("21 de mayo de 2026", "9:05 a. m.", which
Babel writes there); a test keeps the two identical. The screens format them without Babel
because its locale data costs ~50 ms at start-up, before the first page can show its data.
"""

from __future__ import annotations

from datetime import date, datetime, time

from mesa_desktop import labels
from mesa_desktop.clock import local_time

MONTHS = (
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
)
NBSP = "\u00a0"

KIND_LABELS = labels.SESSION_KIND_LABELS
TEMPLATE_LABELS = labels.TEMPLATE_LABELS
MODALITY_LABELS = labels.MODALITY_LABELS
STATUS_LABELS = labels.SESSION_STATUS_LABELS
CAPACITY_LABELS = labels.ROLE_LABELS


def long_date(value: date) -> str:
    """'21 de mayo de 2026' (as ``documents.text.long_date``)."""
    return f"{value.day} de {MONTHS[value.month - 1]} de {value.year}"


def clock(value: time) -> str:
    """'9:05 a. m.' with no-break spaces (as ``documents.text.clock``)."""
    hour12 = value.hour % 12 or 12
    period = "a." if value.hour < 12 else "p."
    return f"{hour12}:{value.minute:02d}{NBSP}{period}{NBSP}m."


def day(value: date | None) -> str:
    """'21 de mayo de 2026', or an em dash."""
    return long_date(value) if value else "—"


def short_day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def hour(value: time | datetime | None) -> str:
    """'9:03 a. m.' on Colombia's clock for a stored (UTC) timestamp."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = local_time(value)
    return clock(value.replace(second=0, microsecond=0))


def session_title(session) -> str:
    """'Sesión ordinaria 003-2026'."""
    return f"Sesión {KIND_LABELS.get(session.kind, session.kind)} {session.number}"


def session_line(session) -> str:
    """'Sesión ordinaria 003-2026 · 21 de mayo de 2026 · Realizada' for pickers."""
    return f"{session_title(session)} · {day(session.date)} · {STATUS_LABELS.get(session.status, session.status)}"

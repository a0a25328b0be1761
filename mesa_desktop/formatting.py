"""How dates, times, moments and numbers read, for documents and screens alike (es-CO).

One month table, one 12-hour clock ("9:05 a. m."), on Colombia's clock for stored (UTC)
moments. Dates and times are written by hand because Babel's locale data costs ~50 ms the
first time, before the first page can show its data; a test keeps them identical to Babel's
es_CO output. Babel is used, imported inside the function, where it is the simpler writer
(weekday names, "LLLL y", digit grouping).

Two short dates, because they differ on purpose: :func:`short_day` ("21 may 2026") is what the
screens show in narrow cells; :func:`numeric_date` ("21/05/2026") is what the documents print.
"""

from __future__ import annotations

from datetime import date, datetime, time

from mesa_desktop.clock import local, local_time

__all__ = [
    "LOCALE",
    "MONTHS",
    "MONTHS_SHORT",
    "NBSP",
    "UNKNOWN",
    "clock",
    "count",
    "day",
    "hour",
    "long_date",
    "moment",
    "month_year",
    "number",
    "numeric_date",
    "percent",
    "short_day",
    "time_range",
    "weekday_date",
]

LOCALE = "es_CO"
MONTHS = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio",
    "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre",
)  # fmt: skip
MONTHS_SHORT = tuple(month[:3] for month in MONTHS)  # "ene" … "sep" … "dic"
# Keeps "8:00 a. m." on one line. Babel separates "a. m." with U+202F; a plain no-break space
# survives every PDF viewer's copy-and-paste and every font.
NBSP = "\u00a0"
UNKNOWN = "—"  # what a cell shows for a date or time nobody recorded


# --- dates --------------------------------------------------------------------------------


def long_date(value: date) -> str:
    """'15 de marzo de 2026'."""
    return f"{value.day} de {MONTHS[value.month - 1]} de {value.year}"


def day(value: date | None) -> str:
    """'15 de marzo de 2026', or an em dash when unknown."""
    return long_date(value) if value else UNKNOWN


def short_day(value: date | None) -> str:
    """'21 may 2026' for the screens' table cells: readable and narrow; an em dash when unknown."""
    if value is None:
        return UNKNOWN
    return f"{value.day} {MONTHS_SHORT[value.month - 1]} {value.year}"


def numeric_date(value: date | None) -> str:
    """'15/03/2026' for the documents' table cells; an em dash when unknown."""
    return value.strftime("%d/%m/%Y") if value else UNKNOWN


def weekday_date(value: date) -> str:
    """'domingo 15 de marzo de 2026'."""
    from babel.dates import format_date

    return str(format_date(value, "EEEE d 'de' MMMM 'de' y", locale=LOCALE))


def month_year(value: date) -> str:
    """'Noviembre 2025', as the CNIM report writes its cut-off."""
    from babel.dates import format_date

    text = str(format_date(value, "LLLL y", locale=LOCALE))
    return text[:1].upper() + text[1:]


# --- times and moments ----------------------------------------------------------------------


def clock(value: time | None) -> str:
    """'9:05 a. m.' with no-break spaces; an em dash when unknown."""
    if value is None:
        return UNKNOWN
    hour12 = value.hour % 12 or 12
    period = "a." if value.hour < 12 else "p."
    return f"{hour12}:{value.minute:02d}{NBSP}{period}{NBSP}m."


def hour(value: time | datetime | None) -> str:
    """'9:03 a. m.'; a stored (UTC) timestamp is read on Colombia's clock."""
    if isinstance(value, datetime):
        value = local_time(value)
    return clock(value.replace(second=0, microsecond=0) if value else None)


def time_range(start: time | None, end: time | None) -> str:
    """'8:00 a. m. a 10:00 a. m.', or the start alone."""
    if start and end:
        return f"{clock(start)} a {clock(end)}"
    return clock(start)


def moment(value: datetime | None) -> str:
    """'21 may 2026, 9:03 a. m.' on Colombia's clock for a stored timestamp."""
    if value is None:
        return UNKNOWN
    here = local(value)
    return f"{short_day(here.date())}, {clock(here.time())}"


# --- numbers ------------------------------------------------------------------------------


def number(value: float | int) -> str:
    """Colombian digit grouping: 113.142 and 48,5."""
    from babel.numbers import format_decimal

    return str(format_decimal(value, locale=LOCALE))


def percent(value: float | None) -> str:
    """'48%' as the CNIM report writes it; 'Sin reporte' when unknown."""
    if value is None:
        return "Sin reporte"
    return f"{round(value):d}%"


def count(n: int, singular: str, plural: str) -> str:
    """'1 sesión', '3 sesiones'."""
    return f"{n} {singular if n == 1 else plural}"

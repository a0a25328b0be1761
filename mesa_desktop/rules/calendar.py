"""Colombian business days (días hábiles) for the guideline's deadlines.

A business day is Monday to Friday minus Colombian public holidays. The holidays come from
the ``holidays`` package (Ley 51 de 1983 moves most of them to Monday, the Easter-based ones
move with Easter, and new ones such as Chiquinquirá arrive with package updates), never
from a hand-written list.

Pure functions; safe to call from any thread.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from types import MappingProxyType

import holidays

__all__ = [
    "Holiday",
    "add_business_days",
    "business_days_between",
    "holiday_name",
    "holidays_in",
    "is_business_day",
    "is_holiday",
    "next_business_day",
    "previous_business_day",
]

COUNTRY = "CO"
HOLIDAY_LANGUAGE = "es"

_ONE_DAY = timedelta(days=1)
_SATURDAY = 5  # date.weekday(): Monday is 0


@dataclass(frozen=True)
class Holiday:
    """A public holiday in Colombia; ``name`` is the Spanish name.

    When two holidays fall on the same date (30 June 2025: Sagrado Corazón and San Pedro y
    San Pablo) there is one entry whose name joins both with "; ".
    """

    day: date
    name: str


@functools.lru_cache(maxsize=64)
def _holidays_of_year(year: int) -> Mapping[date, str]:
    # Materialised into a read-only dict: a HolidayBase expands itself lazily on lookup,
    # which mutates shared state, and these lookups run on several worker threads.
    calendar = holidays.country_holidays(COUNTRY, years=year, language=HOLIDAY_LANGUAGE)
    return MappingProxyType({day: name for day, name in calendar.items()})


def _as_date(value: date) -> date:
    # A datetime is a date subclass but never equal to a date key; callers that pass a
    # timestamp mean its calendar day.
    if isinstance(value, datetime):
        return value.date()
    if not isinstance(value, date):
        raise TypeError(f"expected a date, got {type(value).__name__}")
    return value


def holidays_in(year: int) -> tuple[Holiday, ...]:
    """The Colombian public holidays of ``year``, by date, with Spanish names."""
    return tuple(Holiday(day, name) for day, name in sorted(_holidays_of_year(year).items()))


def holiday_name(day: date) -> str | None:
    """The Spanish name of the holiday on ``day``, or ``None`` when it is not a holiday."""
    day = _as_date(day)
    return _holidays_of_year(day.year).get(day)


def is_holiday(day: date) -> bool:
    """Whether ``day`` is a Colombian public holiday (whatever the day of the week)."""
    return holiday_name(day) is not None


def is_business_day(day: date) -> bool:
    """Whether ``day`` is a día hábil: Monday to Friday and not a public holiday."""
    day = _as_date(day)
    return day.weekday() < _SATURDAY and day not in _holidays_of_year(day.year)


def next_business_day(day: date) -> date:
    """``day`` itself when it is a business day, otherwise the first one after it."""
    day = _as_date(day)
    while not is_business_day(day):
        day += _ONE_DAY
    return day


def previous_business_day(day: date) -> date:
    """``day`` itself when it is a business day, otherwise the last one before it."""
    day = _as_date(day)
    while not is_business_day(day):
        day -= _ONE_DAY
    return day


def add_business_days(start: date, n: int) -> date:
    """The ``n``-th business day after ``start``; ``start`` itself is not counted.

    This is how the guideline's terms run ("dentro de los 10 días hábiles siguientes"):
    counting begins the day after the event, whatever day the event fell on.
    ``n == 0`` gives ``start`` when it is a business day, else the next business day.
    A negative ``n`` counts backwards: ``-1`` is the last business day before ``start``.
    """
    day = _as_date(start)
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"n must be an int, got {type(n).__name__}")
    if n == 0:
        return next_business_day(day)
    step = _ONE_DAY if n > 0 else -_ONE_DAY
    remaining = abs(n)
    while remaining:
        day += step
        if is_business_day(day):
            remaining -= 1
    return day


def business_days_between(a: date, b: date) -> int:
    """The number of business days in the interval (a, b]; negative when ``b < a``.

    Antisymmetric: ``business_days_between(b, a) == -business_days_between(a, b)``, and
    ``business_days_between(a, add_business_days(a, n)) == n`` for every ``n >= 0``
    (``n == 0`` only when ``a`` is itself a business day).
    """
    a = _as_date(a)
    b = _as_date(b)
    if b < a:
        return -business_days_between(b, a)
    count = 0
    day = a + _ONE_DAY
    while day <= b:
        if is_business_day(day):
            count += 1
        day += _ONE_DAY
    return count

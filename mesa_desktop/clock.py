"""Time as the mesa lives it: moments are stored in UTC and shown on Colombia's clock.

Colombia keeps UTC−5 all year (no daylight saving), so a fixed offset is exact; it is used
for display whatever time zone the laptop happens to be set to.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import overload

COLOMBIA = timezone(timedelta(hours=-5), "COT")


def utcnow() -> datetime:
    return datetime.now(UTC)


def to_utc(moment: datetime | None) -> datetime:
    """The UTC moment to store; ``None`` means now, and a naive value (as SQLite returns
    them) is already UTC."""
    if moment is None:
        return utcnow()
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def local(moment: datetime) -> datetime:
    """A stored moment on Colombia's wall clock."""
    return to_utc(moment).astimezone(COLOMBIA)


@overload
def local_time(moment: datetime | str) -> time: ...
@overload
def local_time(moment: None) -> None: ...
@overload
def local_time(moment: datetime | str | None) -> time | None: ...
def local_time(moment: datetime | str | None) -> time | None:
    """Hour and minute on Colombia's clock of a stored moment (or its ISO text)."""
    if moment is None:
        return None
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return local(moment).time().replace(second=0, microsecond=0, tzinfo=None)


# The date a test or a demo pins (``MESA_TODAY=2026-03-02`` does the same for a subprocess),
# so "today" never depends on the hour the suite happens to run.
_pinned_today: date | None = None


def today() -> date:
    """Today on Colombia's clock (not the laptop's time zone), unless a date is pinned."""
    if _pinned_today is not None:
        return _pinned_today
    pinned = os.environ.get("MESA_TODAY")
    if pinned:
        return date.fromisoformat(pinned)
    return local(utcnow()).date()


@contextmanager
def pinned_today(day: date) -> Iterator[date]:
    """Make ``today()`` answer ``day`` inside the block (tests, the demo's fixed calendar)."""
    global _pinned_today
    previous, _pinned_today = _pinned_today, day
    try:
        yield day
    finally:
        _pinned_today = previous

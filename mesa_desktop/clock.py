"""Time as the mesa lives it: moments are stored in UTC and shown on Colombia's clock.

Colombia keeps UTC−5 all year (no daylight saving), so a fixed offset is exact; it is used
for display whatever time zone the laptop happens to be set to.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta, timezone

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


def local_time(moment: datetime | str | None) -> time | None:
    """Hour and minute on Colombia's clock of a stored moment (or its ISO text)."""
    if moment is None:
        return None
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    return local(moment).time().replace(second=0, microsecond=0, tzinfo=None)

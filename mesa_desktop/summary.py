"""The home page's summary: what "Inicio" showed, kept beside the store so the next start
paints the mesa's data before SQLAlchemy has loaded (start-up budget, DESIGN §9).

The summary is trusted only for the exact data it was made from: it carries a fingerprint of
the store's content (every table the home page could read, hashed with the standard
``sqlite3`` module) and the version of the app that wrote it, and the home page's texts per
day (it counts days: "en 3 días", what is overdue), made for the days ahead when the app
closes so that tomorrow's first start has its own. A summary that is missing, unreadable, of
another version, without today's texts, or whose fingerprint differs from the store's now is
ignored, and the app takes the normal path. Whatever the summary said, the home page reloads
from the store once it is open.

Only the standard library here: this module runs before the database layer is imported,
and the app asks whether a summary exists before its first paint, so ``sqlite3``, ``hashlib``
and ``json`` are imported where used.

Thread affinity: none.
"""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path
from typing import Any

from mesa_desktop import __version__

log = logging.getLogger(__name__)

FORMAT = 2
DAYS_AHEAD = 7  # the days, today included, the app keeps the home page's texts for on closing
# Tables the home page's overview never reads, left out of the fingerprint so that work on
# them (the exchange with the ministry, the action plan) keeps the summary valid. Any other
# table, a new one included, is part of it; a test checks the overview's queries. (The cases
# are read: the overview counts those whose follow-up is overdue.)
UNREAD_TABLES = frozenset(
    {
        "export_record",
        "receipt",
        "imported_bundle",
        "pending_key_change",
        "territory_key",
        "action_plan",
        "plan_axis",
        "plan_action",
        "plan_task",
        "plan_indicator",
        "indicator_value",
        "task_progress",
        "action_report",
    }
)
DB_ENV_VAR = "MESA_DB"  # the same variable as ``mesa_desktop.store`` (a test keeps them equal)


def store_file(location: str | os.PathLike[str] | None) -> Path | None:
    """The SQLite file ``Store(location)`` would open, without importing the store; None for a
    database URL (PostgreSQL: the ministry's consolidation, no summary)."""
    location = location or os.environ.get(DB_ENV_VAR)
    if not location:
        from platformdirs import user_data_path

        # The same folder as ``store.default_store_path``, without creating it.
        return user_data_path("MesaDesktop", appauthor=False) / "mesa.sqlite"
    text = str(location)
    if "://" in text:
        return Path(text.removeprefix("sqlite:///")) if text.startswith("sqlite:///") else None
    return Path(text).expanduser().resolve()


def summary_path(file: Path) -> Path:
    # Hidden and not a temp file's name: the leftover sweep leaves it alone.
    return file.with_name(f".{file.name}.inicio.json")


def fingerprint(file: Path) -> str | None:
    """A hash of the store's content as the home page sees it; None when it cannot be read
    (no file, not SQLite, locked): then no summary is trusted or written."""
    import hashlib
    import sqlite3

    try:
        if not file.is_file():
            return None
        # mode=rw: never create a file that is not there.
        connection = sqlite3.connect(f"{file.resolve().as_uri()}?mode=rw", uri=True, timeout=1)
    except (OSError, sqlite3.Error, ValueError):
        return None
    digest = hashlib.blake2b(digest_size=20)
    try:
        tables = connection.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        ).fetchall()
        for name, sql in tables:
            if name in UNREAD_TABLES:
                continue
            digest.update(f"\x00{name}\x00{sql}\x00".encode())
            for row in connection.execute(f'SELECT * FROM "{name}"'):
                digest.update(repr(row).encode())
    except sqlite3.Error:
        return None
    finally:
        connection.close()
    return digest.hexdigest()


def write(file: Path, stamp: str, days: dict[date, dict[str, Any]]) -> None:
    """Keep the home page's texts per day as the summary of the store at ``file`` whose
    fingerprint is ``stamp`` (taken before and after they were read, so it is their own). The
    days of a summary of the same content are kept beside the new ones."""
    import json

    from mesa_desktop.atomic import write_text

    kept = _record(file)
    same = kept is not None and kept["fingerprint"] == stamp
    record = {
        "format": FORMAT,
        "version": __version__,
        "fingerprint": stamp,
        "days": (kept["days"] if same and kept else {})
        | {day.isoformat(): texts for day, texts in days.items()},
    }
    write_text(summary_path(file), json.dumps(record, ensure_ascii=False))


def _record(file: Path) -> dict[str, Any] | None:
    """The summary beside ``file`` as written, if it is of this version (not yet compared with
    the store)."""
    import json

    try:
        record = json.loads(summary_path(file).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # none yet, or torn or edited by hand: the normal path
    if not isinstance(record, dict) or not isinstance(record.get("days"), dict):
        return None
    if (record.get("format"), record.get("version")) != (FORMAT, __version__):
        return None
    if not isinstance(record.get("fingerprint"), str):
        return None
    return record


def _current(file: Path | None) -> dict[str, Any] | None:
    """The summary beside ``file`` if it describes the store as it is now."""
    record = _record(file) if file is not None else None
    if record is None or file is None:
        return None
    if record["fingerprint"] != fingerprint(file):
        log.info("The home page's summary is stale: the store changed since it was written")
        return None
    return record


def read(file: Path | None, today: date) -> dict[str, Any] | None:
    """Today's texts of the summary if it describes the store at ``file`` as it is now."""
    record = _current(file)
    texts = record["days"].get(today.isoformat()) if record is not None else None
    return texts if isinstance(texts, dict) else None


def days_kept(file: Path) -> frozenset[date]:
    """The days the summary has texts for, if it describes the store as it is now."""
    record = _current(file)
    if record is None:
        return frozenset()
    days = set()
    for key in record["days"]:
        try:
            days.add(date.fromisoformat(key))
        except (TypeError, ValueError):
            continue
    return frozenset(days)

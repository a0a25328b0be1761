"""Backups through SQLite's online backup API: before migrations, daily, on demand; restore."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import date, datetime
from pathlib import Path

from mesa_desktop.errors import StoreError
from mesa_desktop.store.schema import KNOWN_REVISIONS

DAILY_BACKUPS_KEPT = 7
DAILY_PREFIX = "diaria-"


def copy_database(source: Path, target: Path) -> None:
    """Consistent copy of a live SQLite file, written atomically (never a half backup)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    try:
        with _connect(source) as src, _connect(Path(temp_name)) as dst:
            src.backup(dst)
            # A backup must be a single self-contained file: no WAL beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
        os.replace(temp_name, target)
    except (sqlite3.Error, OSError) as error:
        Path(temp_name).unlink(missing_ok=True)
        raise StoreError(f"No se pudo crear la copia de seguridad {target.name}: {error}") from error


def daily_backup(store_file: Path, backups_dir: Path, today: date | None = None) -> Path | None:
    """Make today's backup if there is none yet, and keep only the newest few."""
    today = today or date.today()
    target = backups_dir / f"{DAILY_PREFIX}{today.isoformat()}.sqlite"
    if target.exists():
        return None
    copy_database(store_file, target)
    dailies = sorted(backups_dir.glob(f"{DAILY_PREFIX}*.sqlite"))
    for old in dailies[:-DAILY_BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return target


def timestamped_name(reason: str) -> str:
    return f"{reason}-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}.sqlite"


def validate_backup(candidate: Path) -> str:
    """Check a file is a healthy Mesa Desktop store this version can open; return its revision."""
    if not candidate.is_file():
        raise StoreError(f"No existe el archivo {candidate}.")
    with open(candidate, "rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise StoreError(
                f"{candidate.name} no es una copia de seguridad de Mesa Desktop "
                "(no es una base de datos SQLite)."
            )
    try:
        with sqlite3.connect(f"file:{candidate}?mode=ro", uri=True) as conn:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise StoreError(f"La copia {candidate.name} está dañada ({check}); no se restauró.")
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not {"alembic_version", "mesa"} <= tables:
                raise StoreError(f"{candidate.name} no contiene datos de Mesa Desktop.")
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise StoreError(f"No se pudo leer {candidate.name}: {error}. No se restauró.") from error
    if revision is None or revision[0] not in KNOWN_REVISIONS:
        raise StoreError(
            f"La copia {candidate.name} fue creada por una versión más reciente de Mesa Desktop. "
            "Actualice la aplicación antes de restaurarla."
        )
    return revision[0]


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=10)

"""Backups through SQLite's online backup API: before migrations, daily, on demand; restore."""

from __future__ import annotations

import errno
import os
import sqlite3
import tempfile
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

from mesa_desktop import clock
from mesa_desktop.atomic import (
    TEMP_SUFFIX,
    apply_umask,
    describe_os_error,
    fsync_folder,
    temp_prefix,
    write_bytes,
)
from mesa_desktop.errors import StoreError
from mesa_desktop.leftovers import sweep_leftovers
from mesa_desktop.store.schema import KNOWN_REVISIONS

DAILY_BACKUPS_KEPT = 7
DAILY_PREFIX = "diaria-"


def copy_database(source: Path, target: Path, encrypt: Callable[[bytes], bytes] | None = None) -> None:
    """Consistent copy of a live SQLite file, written atomically (never a half backup).

    With ``encrypt``, the plain copy stays in a private (0600) temp file beside the target
    only until its encrypted bytes are written."""
    temp_name = ""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        sweep_leftovers(target.parent)
        fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(target), suffix=TEMP_SUFFIX, dir=target.parent)
        os.close(fd)
        src, dst = _connect(source), _connect(Path(temp_name))
        try:
            src.backup(dst)
            # A backup must be a single self-contained file: no WAL beside it.
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            src.close()
            dst.close()
        if encrypt is None:
            apply_umask(temp_name)
            os.replace(temp_name, target)
            fsync_folder(target.parent)
        else:
            write_bytes(target, encrypt(Path(temp_name).read_bytes()))
    except (sqlite3.Error, OSError) as error:
        raise StoreError(describe_copy_error(error, target)) from error
    finally:
        if temp_name:
            for leftover in (temp_name, f"{temp_name}-journal"):
                Path(leftover).unlink(missing_ok=True)


def describe_copy_error(error: Exception, target: Path) -> str:
    """SQLite says "database or disk is full" in English: name the folder in Spanish."""
    if isinstance(error, OSError):
        return describe_os_error(error, target)
    text = str(error).lower()
    if "full" in text:
        return describe_os_error(OSError(errno.ENOSPC, "full"), target)
    if "disk i/o error" in text:
        # What SQLite reports when the target's disk refuses a write (full, or a size limit).
        return (
            f"No se pudo escribir {target.name} en {target.parent}: el disco está lleno o falló. "
            "Libere espacio o elija otra carpeta; no se modificó ningún archivo."
        )
    if "unable to open" in text or "readonly" in text:
        return describe_os_error(OSError(errno.EACCES, "denied"), target)
    return f"No se pudo crear la copia de seguridad {target.name}: {error}"


def copy_into(source: Path, store_file: Path) -> None:
    """Replace the content of ``store_file`` with ``source`` through the backup API.

    SQLite writes the whole copy within one transaction of the destination, so a kill
    midway leaves the destination as it was."""
    try:
        src, dst = _connect(source), _connect(store_file)
        try:
            src.backup(dst)
        finally:
            src.close()
            dst.close()
    except sqlite3.Error as error:
        raise StoreError(f"No se pudo copiar {source.name} en el almacén: {error}") from error


def copies_named(backups_dir: Path, reason: str) -> list[Path]:
    """Timestamped copies made for ``reason``, newest first."""
    if not backups_dir.is_dir():
        return []
    return sorted(backups_dir.glob(f"{reason}-*.sqlite"), reverse=True)


def latest_unchanged_copy(store_file: Path, backups_dir: Path, reason: str) -> Path | None:
    """The newest copy for ``reason`` if the store has not changed since it was made."""
    copies = copies_named(backups_dir, reason)
    if not copies:
        return None
    # An empty WAL is only this open's; one with frames holds changes not yet in the file.
    changed = max(
        (
            p.stat().st_mtime
            for p in (store_file, Path(f"{store_file}-wal"))
            if p.exists() and p.stat().st_size > 0
        ),
        default=0.0,
    )
    return copies[0] if copies[0].stat().st_mtime >= changed else None


def daily_backup(store_file: Path, backups_dir: Path, today: date | None = None) -> Path | None:
    """Make today's backup if there is none yet, and keep only the newest few.

    Encrypted (``.sqlite.age``) when the folder holds the daily copy's public key
    (``backup_crypto``): no passphrase is needed to make it, only to restore it."""

    today = today or clock.today()
    plain = backups_dir / f"{DAILY_PREFIX}{today.isoformat()}.sqlite"
    encrypted = plain.with_name(f"{plain.name}.age")
    if plain.exists() or encrypted.exists():
        return None
    target = copy_into_backups(store_file, plain)
    # Names sort by date whatever the suffix.
    dailies = sorted(
        {*backups_dir.glob(f"{DAILY_PREFIX}*.sqlite"), *backups_dir.glob(f"{DAILY_PREFIX}*.sqlite.age")},
        key=lambda p: p.name,
    )
    for old in dailies[:-DAILY_BACKUPS_KEPT]:
        old.unlink(missing_ok=True)
    return target


def copy_into_backups(store_file: Path, plain_target: Path) -> Path:
    """A copy in the backups folder, encrypted to the daily copy's key (``.sqlite.age``) when
    the user turned that on; returns where it went."""
    from mesa_desktop.store import backup_crypto

    folder = plain_target.parent
    recipient = backup_crypto.daily_recipient(folder) if folder.is_dir() else None
    if recipient is None:
        copy_database(store_file, plain_target)
        return plain_target
    import pyrage

    target = plain_target.with_name(f"{plain_target.name}.age")
    copy_database(store_file, target, encrypt=lambda data: pyrage.encrypt(data, [recipient]))
    return target


def timestamped_name(reason: str) -> str:
    return f"{reason}-{datetime.now().strftime('%Y%m%d-%H%M%S-%f')}.sqlite"


def validate_backup(candidate: Path, shown_as: Path | None = None) -> str:
    """Check a file is a healthy Mesa Desktop store this version can open; return its revision.

    ``shown_as`` names the copy in messages when ``candidate`` is its decrypted temp file."""
    if not candidate.is_file():
        raise StoreError(f"No existe el archivo {shown_as or candidate}.")
    return _validate_named(candidate, (shown_as or candidate).name)


def _validate_named(candidate: Path, name: str) -> str:
    with open(candidate, "rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise StoreError(
                f"{name} no es una copia de seguridad de Mesa Desktop (no es una base de datos SQLite)."
            )
    try:
        with sqlite3.connect(f"file:{candidate}?mode=ro", uri=True) as conn:
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise StoreError(f"La copia {name} está dañada ({check}); no se restauró.")
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            if not {"alembic_version", "mesa"} <= tables:
                raise StoreError(f"{name} no contiene datos de Mesa Desktop.")
            revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise StoreError(f"No se pudo leer {name}: {error}. No se restauró.") from error
    if revision is None or revision[0] not in KNOWN_REVISIONS:
        raise StoreError(
            f"La copia {name} fue creada por una versión más reciente de Mesa Desktop. "
            "Actualice la aplicación antes de restaurarla."
        )
    known: str = revision[0]
    return known


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=10)

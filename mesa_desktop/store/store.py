"""Opening the store: engine, pragmas, migrations on demand, backups, transactions."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import cast

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import ConnectionPoolEntry

from mesa_desktop.atomic import TEMP_SUFFIX, describe_os_error, require_folder, temp_prefix
from mesa_desktop.errors import StoreError
from mesa_desktop.leftovers import sweep_leftovers
from mesa_desktop.store import backup, backup_crypto
from mesa_desktop.store.schema import HEAD_REVISION, KNOWN_REVISIONS

DB_ENV_VAR = "MESA_DB"


def default_store_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("MesaDesktop", appauthor=False, ensure_exists=True) / "mesa.sqlite"


def resolve_location(location: str | os.PathLike[str] | None) -> str:
    """A SQLAlchemy URL from ``--db``, ``$MESA_DB`` or the user's data folder."""
    location = location or os.environ.get(DB_ENV_VAR) or default_store_path()
    location = str(location)
    if "://" in location:
        return location
    return f"sqlite:///{Path(location).expanduser().resolve()}"


def _set_sqlite_pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
    cursor = dbapi_connection.cursor()
    # WAL keeps readers and the writer apart; FULL syncs every commit, so a check-in the
    # user saw confirmed survives a power cut mid-meeting.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


class Store:
    """One opened store. Thread-safe to share; each action takes its own ``transaction()``."""

    def __init__(
        self, location: str | os.PathLike[str] | None = None, *, migrate: bool = True, backup: bool = True
    ):
        self.url = resolve_location(location)
        self.is_sqlite = self.url.startswith("sqlite")
        self.file: Path | None = None
        # A one-line Spanish notice of a repair made while opening (the CLI prints it, the
        # app shows it); None when the store opened as it was.
        self.notice: str | None = None
        if self.is_sqlite:
            self.file = Path(self.url.removeprefix("sqlite:///"))
            if not self.file.parent.is_dir():
                raise StoreError(f"La carpeta del almacén no existe: {self.file.parent}")
            _refuse_foreign_file(self.file)
            sweep_leftovers(self.file.parent, self.file.parent / "copias")
        self.engine: Engine = _make_engine(self.url, self.is_sqlite)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # The transaction open on this thread, so an operation that composes several services
        # runs them all in one transaction (each service's own ``transaction()`` joins it).
        self._open: ContextVar[Session | None] = ContextVar(f"store-{id(self)}", default=None)
        # Likewise the read open on this thread: a page's read-model made of several service
        # reads sees one snapshot. A write never joins a read (its work would be rolled back).
        self._read: ContextVar[Session | None] = ContextVar(f"store-read-{id(self)}", default=None)
        # ``backup=False`` (test fixtures, throwaway copies) skips the daily and the
        # pre-migration copies; every other store makes them. The folder is made either way:
        # the services that copy the store before a risky change (imports) write there.
        self._makes_backups = backup
        if migrate:
            self.migrate_if_needed()
            if backup:
                self.make_daily_backup()
            elif self.backups_dir is not None:
                self.backups_dir.mkdir(exist_ok=True)

    @property
    def backups_dir(self) -> Path | None:
        return _backups_dir(self.file) if self.file else None

    # -- schema -------------------------------------------------------------
    def revision(self) -> str | None:
        try:
            with self.engine.connect() as conn:
                if not inspect(conn).has_table("alembic_version"):
                    return None
                return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except OperationalError as error:
            raise StoreError(f"No se pudo abrir el almacén {self.url}: {error.orig}") from error

    def migrate_if_needed(self) -> bool:
        current = self.revision()
        if current == HEAD_REVISION:
            return False
        if current is not None and current not in KNOWN_REVISIONS:
            raise StoreError(
                "Este almacén fue creado por una versión más reciente de Mesa Desktop. "
                "Actualice la aplicación para abrirlo."
            )
        if current is not None and self.file is not None and self._makes_backups:
            self._backup_before_migrating(current)
        try:
            upgrade_in_one_transaction(self.engine)
        except SQLAlchemyError as error:
            # The upgrade ran in one transaction, so the file is as it was: a store an older
            # build left half-migrated ("table ... already exists") is repaired here.
            if self.file is None or not _left_half_migrated(error):
                raise StoreError(describe_operational_error(error)) from error
            from mesa_desktop.store import repair

            self.engine.dispose()
            self.notice = repair.repair_half_migrated(self, current, error)
        return True

    def _backup_before_migrating(self, current: str) -> None:
        file = self.file
        assert file is not None  # only a store with a file is backed up before migrating
        # One copy per revision: an open that fails again must not add another each time.
        if backup.latest_unchanged_copy(file, _backups_dir(file), f"antes-de-migrar-{current}"):
            return
        backup.copy_database(file, _backups_dir(file) / backup.timestamped_name(f"antes-de-migrar-{current}"))

    # -- transactions ---------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One user action = one transaction: committed on success, rolled back on error.

        Inside another transaction on the same thread it joins that one, so an operation made
        of several services commits or rolls back as a whole.
        """
        joined = self._open.get()
        if joined is not None:
            yield joined
            return
        session = self._sessions()
        token = self._open.set(session)
        try:
            with session.begin():
                yield session
        except OperationalError as error:
            raise StoreError(describe_operational_error(error)) from error
        finally:
            self._open.reset(token)
            session.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only view; inside a transaction it reads that transaction's own writes."""
        joined = self._open.get() or self._read.get()
        if joined is not None:
            yield joined
            return
        session = self._sessions()
        token = self._read.set(session)
        try:
            yield session
        finally:
            self._read.reset(token)
            session.rollback()
            session.close()

    # -- backups --------------------------------------------------------------
    def make_daily_backup(self) -> Path | None:
        if self.file is None or not self.file.exists():
            return None
        return backup.daily_backup(self.file, _backups_dir(self.file))

    def backup_to(self, target: str | os.PathLike[str], passphrase: str | None = None) -> Path:
        """A copy at ``target``; with a passphrase, an age (scrypt) file ``age -d`` opens."""
        file = self._require_file("copias de seguridad")
        target = Path(target)
        # A folder the user named must exist (only the store's own copias/ is created).
        require_folder(target.parent)
        if passphrase is None:
            backup.copy_database(file, target)
        else:
            backup_crypto.encrypt_with_passphrase(b"", passphrase)  # refuse an empty one first
            backup.copy_database(
                file,
                target,
                encrypt=lambda data: backup_crypto.encrypt_with_passphrase(data, passphrase),
            )
        return target

    def restore_from(self, candidate: str | os.PathLike[str], passphrase: str | None = None) -> Path:
        """Replace the store's content with a validated backup; the current one is kept.

        An encrypted copy is decrypted into a private temp file beside the backups, validated
        like any other, and that file is removed whatever happens."""
        file = self._require_file("restauración")
        backups_dir = _backups_dir(file)
        candidate = Path(candidate)
        if not backup_crypto.is_encrypted(candidate):
            return self._restore_plain(file, candidate, candidate)
        plain = backup_crypto.decrypt_copy(candidate, passphrase)
        temp_name = ""
        try:
            backups_dir.mkdir(parents=True, exist_ok=True)
            # Private (mkstemp's 0600) and named per process, so a kill leaves a swept leftover.
            fd, temp_name = tempfile.mkstemp(
                prefix=temp_prefix(candidate), suffix=TEMP_SUFFIX, dir=backups_dir
            )
            with os.fdopen(fd, "wb") as handle:
                handle.write(plain)
        except OSError as error:
            if temp_name:
                Path(temp_name).unlink(missing_ok=True)
            raise StoreError(describe_os_error(error, backups_dir / candidate.name)) from error
        try:
            return self._restore_plain(file, Path(temp_name), candidate)
        finally:
            for leftover in (temp_name, f"{temp_name}-journal"):
                Path(leftover).unlink(missing_ok=True)

    def _restore_plain(self, file: Path, source: Path, shown_as: Path) -> Path:
        backup.validate_backup(source, shown_as=shown_as)
        # Encrypted like the daily copy when that is on: it holds the same personal data.
        kept = backup.copy_into_backups(
            file, _backups_dir(file) / backup.timestamped_name("antes-de-restaurar")
        )
        self.engine.dispose()
        # The backup API writes the whole copy in one transaction of the store: a kill
        # midway leaves the old content (and the next open finishes any migration).
        backup.copy_into(source, file)
        self.migrate_if_needed()
        return kept

    def set_daily_encryption(self, passphrase: str | None) -> bool:
        """Encrypt the daily copy from now on (a passphrase) or stop (None); True if on."""
        backups_dir = _backups_dir(self._require_file("copia diaria cifrada"))
        if passphrase is None:
            backup_crypto.disable_daily_encryption(backups_dir)
            return False
        backup_crypto.enable_daily_encryption(backups_dir, passphrase)
        return True

    def daily_encryption_on(self) -> bool:
        return (
            self.backups_dir is not None and (self.backups_dir / backup_crypto.DAILY_RECIPIENT_NAME).is_file()
        )

    def quick_check(self) -> str:
        if not self.is_sqlite:
            return "ok"
        with self.engine.connect() as conn:
            # quick_check always answers at least one row ("ok" or the problems found).
            status: str = conn.execute(text("PRAGMA quick_check")).scalar_one()
            return status

    def close(self) -> None:
        self.engine.dispose()

    def _require_file(self, what: str) -> Path:
        """The store's SQLite file, for what only a file-backed store offers."""
        if self.file is None:
            raise StoreError(f"La {what} solo está disponible para almacenes SQLite.")
        return self.file


def _backups_dir(file: Path) -> Path:
    return file.parent / "copias"


def _make_engine(url: str, is_sqlite: bool) -> Engine:
    engine = create_engine(url)
    if is_sqlite:
        event.listen(engine, "connect", _set_sqlite_pragmas)
    return engine


@contextmanager
def one_transaction(engine: Engine, *, schema_change: bool = False) -> Iterator[Connection]:
    """A connection inside one real database transaction, DDL included: all or nothing.

    pysqlite opens transactions itself, and never before DDL, so a schema built through it
    is dozens of separate commits and a kill midway leaves half of it. Here its transaction
    handling is off and the BEGIN is ours (SQLAlchemy's documented pysqlite recipe), only
    for this connection: the importer's batch pragmas rely on the default elsewhere.
    IMMEDIATE takes the write lock first, so two programs opening a new store at once wait
    for each other instead of both creating it.

    ``schema_change`` follows SQLite's procedure for altering tables: a batch migration
    rebuilds a table (copy, drop, rename), and with foreign keys on, dropping ``mesa`` would
    cascade to every row of the mesa. The pragma only changes outside a transaction, so it
    is switched off around it, and the references are checked before the commit."""
    with engine.connect() as conn:
        if engine.dialect.name != "sqlite":
            with conn.begin():
                yield conn
            return
        # SQLite here means pysqlite (the stdlib driver); SQLAlchemy types it loosely.
        dbapi = cast(sqlite3.Connection, conn.connection.driver_connection)
        previous = dbapi.isolation_level
        dbapi.isolation_level = None
        try:
            if schema_change:  # on the driver's connection: SQLAlchemy's would open a transaction
                dbapi.execute("PRAGMA foreign_keys=OFF")
            with conn.begin():
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                yield conn
                if schema_change and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise StoreError(
                        "La actualización del almacén dejó referencias rotas; no se cambió nada."
                    )
        finally:
            if schema_change:
                dbapi.execute("PRAGMA foreign_keys=ON")
            dbapi.isolation_level = previous


def upgrade_in_one_transaction(engine: Engine) -> None:
    """Create or upgrade the schema to head as one transaction (Alembic reads the revision
    inside it, so a store another program has just upgraded is left alone)."""
    from mesa_desktop.store.migrate import upgrade_to_head

    with one_transaction(engine, schema_change=True) as conn:
        upgrade_to_head(conn)


def _left_half_migrated(error: SQLAlchemyError) -> bool:
    # Only what an earlier, interrupted schema step leaves; a locked or full disk is not
    # repaired by a restore (the next open simply tries again).
    message = str(getattr(error, "orig", error))
    return "already exists" in message or "duplicate column" in message


def _refuse_foreign_file(path: Path) -> None:
    if not path.exists() or path.stat().st_size == 0:
        return
    with open(path, "rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise StoreError(
                f"{path.name} no es un almacén de Mesa Desktop (no es una base de datos SQLite)."
            )


def describe_operational_error(error: SQLAlchemyError) -> str:
    message = str(getattr(error, "orig", error))
    if "disk is full" in message or "database or disk is full" in message:
        return "El disco está lleno: no se guardó el último cambio. Libere espacio y repítalo."
    if "locked" in message:
        return "El almacén está ocupado por otro programa. Ciérrelo e inténtelo de nuevo."
    if "readonly" in message:
        return "El almacén es de solo lectura: no se guardó el cambio."
    if "disk I/O error" in message:
        return (
            "No se pudo escribir en el disco del almacén (¿está lleno?): no se guardó el último "
            "cambio. Libere espacio y repítalo."
        )
    return f"Error del almacén: {message}"

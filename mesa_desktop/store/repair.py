"""Repair a store an older build left half-migrated or half-created (killed midway).

Older builds ran each schema step as its own commit, so a kill could leave tables of a
newer revision beside an older ``alembic_version`` (or tables and no version at all); every
later open then failed with "table ... already exists". Now the whole upgrade is one
transaction, so a failed upgrade leaves the file untouched and lands here: a never-used
new store is created again, an older one is brought back from its pre-migration copy.

Thread affinity: none; runs while the store opens, before anyone else uses it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from mesa_desktop.atomic import TEMP_SUFFIX, temp_prefix
from mesa_desktop.errors import StoreError
from mesa_desktop.store import backup

if TYPE_CHECKING:
    from mesa_desktop.store.store import Store


def repair_half_migrated(store: Store, revision: str | None, error: Exception) -> str:
    """Repair ``store`` (its engine disposed) and bring it to head; return a Spanish notice."""
    if revision is None:
        return _recreate_unused(store, error)
    # Only a store with a file is repaired (Store.migrate_if_needed checks it first).
    assert store.file is not None and store.backups_dir is not None
    for candidate in backup.copies_named(store.backups_dir, f"antes-de-migrar-{revision}"):
        if _restore_if_it_upgrades(store.file, candidate):
            return (
                f"El almacén había quedado a medio actualizar (la aplicación se cerró durante "
                f"una actualización); se recuperó automáticamente de la copia {candidate.name}."
            )
    raise StoreError(
        "El almacén quedó a medio actualizar y no hay una copia previa utilizable en "
        f"{store.backups_dir}. Restaure una copia de seguridad con «mesa restore ARCHIVO»."
    ) from error


def _recreate_unused(store: Store, error: Exception) -> str:
    with store.engine.connect() as conn:
        tables = [
            name
            for (name,) in conn.execute(
                text("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")
            )
        ]
        if any(conn.execute(text(f'SELECT 1 FROM "{name}" LIMIT 1')).first() for name in tables):
            raise StoreError(
                "El almacén tiene datos pero no indica su versión; no se modificó. "
                "Restaure una copia de seguridad con «mesa restore ARCHIVO»."
            ) from error
    # Empty tables only: drop them and build the schema again, all in one transaction.
    from mesa_desktop.store.migrate import upgrade_to_head
    from mesa_desktop.store.store import one_transaction

    with one_transaction(store.engine) as conn:
        for name in tables:
            conn.execute(text(f'DROP TABLE IF EXISTS "{name}"'))
        upgrade_to_head(conn)
    return (
        "El almacén nuevo había quedado a medio crear (la aplicación se cerró al abrirlo "
        "por primera vez); se volvió a crear vacío."
    )


def _restore_if_it_upgrades(store_file: Path, candidate: Path) -> bool:
    """Upgrade a copy of ``candidate`` aside; if that works, copy it into ``store_file``."""
    from mesa_desktop.store.store import _make_engine, upgrade_in_one_transaction

    try:
        backup.validate_backup(candidate)
    except StoreError:
        return False
    trial = store_file.with_name(f"{temp_prefix(store_file)}{os.urandom(6).hex()}{TEMP_SUFFIX}")
    try:
        backup.copy_database(candidate, trial)
        engine = _make_engine(f"sqlite:///{trial}", True)
        try:
            upgrade_in_one_transaction(engine)
        finally:
            engine.dispose()
        backup.copy_into(trial, store_file)
        return True
    except (SQLAlchemyError, StoreError):
        return False
    finally:
        for leftover in (trial, Path(f"{trial}-wal"), Path(f"{trial}-shm"), Path(f"{trial}-journal")):
            leftover.unlink(missing_ok=True)

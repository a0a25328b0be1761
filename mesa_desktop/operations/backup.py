"""Backups and restore of the store: copies, the automatic ones, a validated restore, a check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mesa_desktop.services.changes import Changed, Topic, changed
from mesa_desktop.store import Store
from mesa_desktop.store.backup_crypto import ENCRYPTED_SUFFIX, is_encrypted

__all__ = ["ENCRYPTED_SUFFIX", "is_encrypted"]  # an encrypted copy's name and how to tell one

KINDS = {
    "diaria-": "Automática diaria",
    "antes-de-migrar": "Antes de actualizar la aplicación",
    "antes-de-restaurar": "Antes de una restauración",
    "antes-de-importar": "Antes de importar integrantes",
}


@dataclass(frozen=True)
class BackupFile:
    path: Path
    kind: str
    modified: datetime
    size: int

    @property
    def size_text(self) -> str:
        return (
            f"{self.size / 1024:,.0f} KB".replace(",", ".")
            if self.size < 1024 * 1024
            else f"{self.size / 1024 / 1024:,.1f} MB".replace(".", ",")
        )


def list_backups(folder: Path | None) -> list[BackupFile]:
    """The copies in a backup folder, newest first (file work: no query)."""
    if folder is None or not folder.is_dir():
        return []
    found = []
    for path in [*folder.glob("*.sqlite"), *folder.glob(f"*{ENCRYPTED_SUFFIX}")]:
        kind = next((label for prefix, label in KINDS.items() if path.name.startswith(prefix)), "Manual")
        if path.name.endswith(ENCRYPTED_SUFFIX):
            kind += " (cifrada)"
        stat = path.stat()
        found.append(BackupFile(path, kind, datetime.fromtimestamp(stat.st_mtime), stat.st_size))
    return sorted(found, key=lambda b: b.modified, reverse=True)


def backups(store: Store) -> list[BackupFile]:
    """The store's copies, newest first (file work: no query)."""
    return list_backups(store.backups_dir)


def restore(store: Store, candidate: str | Path, passphrase: str | None = None) -> Changed[Path]:
    """Validate ``candidate`` and put its data in the store; returns the copy of the old data.

    The store replaces its whole file (no transaction can be open): every view reloads."""
    return changed(store.restore_from(candidate, passphrase=passphrase), *Topic)


def copy_to(store: Store, target: str | Path, passphrase: str | None = None) -> Path:
    """A copy of the store at ``target``; with a passphrase, an age file ``age -d`` opens."""
    return store.backup_to(target, passphrase)


def set_daily_encryption(store: Store, passphrase: str | None) -> bool:
    """Encrypt the daily copy from now on (a passphrase) or stop (None); True if on."""
    return store.set_daily_encryption(passphrase)


def quick_check(store: Store) -> str:
    """SQLite's integrity check: "ok", or what it found."""
    return store.quick_check()

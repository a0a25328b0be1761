"""Per-store settings kept in the store itself (travel with backups and restores)."""

from __future__ import annotations

from mesa_desktop.models import AppSetting
from mesa_desktop.store import Store


def get_setting(store: Store, key: str, default: str | None = None) -> str | None:
    with store.reading() as db:
        row = db.get(AppSetting, key)
        return row.value if row else default


def set_setting(store: Store, key: str, value: str) -> None:
    with store.transaction() as db:
        row = db.get(AppSetting, key)
        if row is None:
            db.add(AppSetting(key=key, value=value))
        else:
            row.value = value

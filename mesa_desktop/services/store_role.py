"""What a store is for: a focal point's mesa, or the ministry's national consolidation."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from mesa_desktop.errors import InvalidInput
from mesa_desktop.models import Mesa
from mesa_desktop.models.consolidation import ImportedBundle
from mesa_desktop.services import conformation
from mesa_desktop.services.settings import get_setting, set_setting
from mesa_desktop.store import Store

ROLE_SETTING = "store.role"
EMPTY, TERRITORIAL, CONSOLIDATION = "empty", "territorial", "consolidation"


@dataclass(frozen=True)
class StoreRole:
    role: str
    mesa: conformation.MesaInfo | None = None  # the focal point's mesa, for a territorial store


def has_own_mesa(db: Session) -> bool:
    """A mesa kept here rather than imported from a territory's bundle."""
    imported = select(ImportedBundle.id).where(ImportedBundle.mesa_id == Mesa.id).exists()
    return db.scalar(select(Mesa.id).where(~imported).limit(1)) is not None


def store_role(store: Store) -> StoreRole:
    """Territorial when a mesa of its own exists; consolidation when marked so or when it
    only holds mesas imported from bundles; empty otherwise (the first run decides)."""
    with store.reading() as db:
        own_mesa = has_own_mesa(db)
        imported = db.scalar(select(ImportedBundle.id).limit(1))
    if own_mesa:
        return StoreRole(TERRITORIAL, conformation.get_mesa(store))
    if imported is not None or get_setting(store, ROLE_SETTING) == CONSOLIDATION:
        return StoreRole(CONSOLIDATION)
    return StoreRole(EMPTY)


def make_consolidation_store(store: Store) -> StoreRole:
    """Mark an empty store as the ministry's consolidation store."""
    if store_role(store).role == TERRITORIAL:
        raise InvalidInput(
            "Este almacén ya tiene una mesa territorial; la consolidación usa un almacén propio."
        )
    set_setting(store, ROLE_SETTING, CONSOLIDATION)
    return StoreRole(CONSOLIDATION)

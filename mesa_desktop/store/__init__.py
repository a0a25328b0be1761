"""The store: SQLite (or PostgreSQL for the ministry) behind SQLAlchemy, migrated by Alembic.

The UI imports only from here (an import-linter contract keeps it off the submodules)."""

from mesa_desktop.store.schema import HEAD_REVISION
from mesa_desktop.store.store import Store, default_store_path, resolve_location

__all__ = ["HEAD_REVISION", "Store", "default_store_path", "resolve_location"]

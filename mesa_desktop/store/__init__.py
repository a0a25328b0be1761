"""The store: SQLite (or PostgreSQL for the ministry) behind SQLAlchemy, migrated by Alembic."""

from mesa_desktop.store.store import Store, default_store_path, resolve_location

__all__ = ["Store", "default_store_path", "resolve_location"]

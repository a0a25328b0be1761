"""Declarative base: every record has a UUID that survives export/import, and timestamps."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, MetaData, Uuid
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from mesa_desktop.clock import to_utc, utcnow  # noqa: F401 - re-exported for the models
from mesa_desktop.vocabulary import STORED_CODES, codes, in_list_sql

# Stable constraint names keep Alembic batch migrations on SQLite predictable.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def code_checks(table_name: str) -> tuple[CheckConstraint, ...]:
    """The CHECK constraints that keep ``table_name``'s coded columns to their vocabulary."""
    return tuple(
        CheckConstraint(in_list_sql(column, codes(enum)), name=f"{column}_code")
        for (table, column), enum in STORED_CODES.items()
        if table == table_name
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Record(Base):
    """Abstract parent of every table: UUID key plus created/updated timestamps."""

    __abstract__ = True

    id: Mapped[uuid.UUID] = mapped_column(Uuid, primary_key=True, default=uuid.uuid4)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

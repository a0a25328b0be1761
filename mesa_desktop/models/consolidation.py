"""The ministry's consolidation records: bundles received, territory keys, case totals.

A consolidation store holds many mesas (one per territory) in the ordinary tables; these
tables say where that data came from and whom the ministry trusts to send it.
"""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text, UniqueConstraint, Uuid
from sqlalchemy.orm import Mapped, mapped_column

from mesa_desktop.models.base import Record, code_checks
from mesa_desktop.models.mesa import MesaOwned
from mesa_desktop.vocabulary import BundleOutcome, KeyChangeStatus, codes

BUNDLE_OUTCOMES = codes(BundleOutcome)
KEY_CHANGE_STATUSES = codes(KeyChangeStatus)


class ImportedBundle(Record):
    """One bundle the ministry accepted; ``applied`` when its data is the one held now
    (or was, until a newer snapshot came), ``superseded`` when a newer one was already held."""

    __tablename__ = "imported_bundle"
    __table_args__ = code_checks("imported_bundle")

    bundle_sha256: Mapped[str] = mapped_column(String(64), unique=True)
    territory_code: Mapped[str] = mapped_column(String(5), index=True)
    mesa_id: Mapped[uuid.UUID] = mapped_column(Uuid, index=True)
    sequence: Mapped[int] = mapped_column(Integer)
    bundle_created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    file_name: Mapped[str] = mapped_column(String(255))
    signer_key: Mapped[str] = mapped_column(String(80))
    app_version: Mapped[str] = mapped_column(String(40))
    schema_revision: Mapped[str] = mapped_column(String(60))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    outcome: Mapped[str] = mapped_column(String(16))
    row_count: Mapped[int] = mapped_column(Integer)


class TerritoryKey(Record):
    """The signing key pinned for a territory on its first accepted bundle."""

    __tablename__ = "territory_key"

    territory_code: Mapped[str] = mapped_column(String(5), unique=True)
    public_key: Mapped[str] = mapped_column(String(80))
    key_id: Mapped[str] = mapped_column(String(16))
    pinned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    previous_public_key: Mapped[str | None] = mapped_column(String(80))


class PendingKeyChange(Record):
    """A bundle signed with a key other than the pinned one, held until a person decides."""

    __tablename__ = "pending_key_change"
    __table_args__ = (UniqueConstraint("bundle_sha256"), *code_checks("pending_key_change"))

    territory_code: Mapped[str] = mapped_column(String(5), index=True)
    public_key: Mapped[str] = mapped_column(String(80))
    key_id: Mapped[str] = mapped_column(String(16))
    bundle_sha256: Mapped[str] = mapped_column(String(64))
    sequence: Mapped[int] = mapped_column(Integer)
    bundle_created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    held_path: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    status: Mapped[str] = mapped_column(String(16), default=KeyChangeStatus.PENDING.value)
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class CaseAggregate(MesaOwned):
    """Case referral totals per year, need and status: all the ministry learns about cases."""

    __tablename__ = "case_aggregate"
    __table_args__ = (UniqueConstraint("mesa_id", "year", "need", "status"), *code_checks("case_aggregate"))

    year: Mapped[int] = mapped_column(Integer)
    need: Mapped[str] = mapped_column(String(60))
    status: Mapped[str] = mapped_column(String(16))
    count: Mapped[int] = mapped_column(Integer)

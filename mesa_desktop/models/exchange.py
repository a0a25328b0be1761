"""What was exported to the ministry, and the receipts (acuses) it sent back."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from mesa_desktop.models.base import code_checks
from mesa_desktop.models.mesa import MesaOwned


class ExportRecord(MesaOwned):
    __tablename__ = "export_record"
    __table_args__ = (UniqueConstraint("mesa_id", "sequence"),)

    sequence: Mapped[int] = mapped_column(Integer)
    exported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    file_name: Mapped[str] = mapped_column(String(200))
    sha256: Mapped[str] = mapped_column(String(64))
    size_bytes: Mapped[int] = mapped_column(Integer)
    recipient: Mapped[str] = mapped_column(String(200))


class Receipt(MesaOwned):
    """An acuse de recibo from the ministry for one of our exports."""

    __tablename__ = "receipt"
    __table_args__ = (UniqueConstraint("mesa_id", "sequence"), *code_checks("receipt"))

    export_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("export_record.id", ondelete="SET NULL"))
    sequence: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    bundle_sha256: Mapped[str] = mapped_column(String(64))
    verdict: Mapped[str] = mapped_column(String(20))

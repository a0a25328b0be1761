"""The mesa itself: territory, formalisation, focal point and quorum rule."""

from __future__ import annotations

import uuid
from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mesa_desktop.models.base import Record, code_checks
from mesa_desktop.vocabulary import MesaKind, QuorumRule, codes

if TYPE_CHECKING:  # members.py imports this module
    from mesa_desktop.models.members import Dependency

MESA_KINDS = codes(MesaKind)


class Mesa(Record):
    __tablename__ = "mesa"
    __table_args__ = code_checks("mesa")

    territory_code: Mapped[str] = mapped_column(String(5), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    entity_name: Mapped[str] = mapped_column(String(200))
    # Acto administrativo that formalises the mesa (guideline 2.6); empty until issued.
    acto_number: Mapped[str | None] = mapped_column(String(60))
    acto_date: Mapped[date | None] = mapped_column(Date)
    acto_authority: Mapped[str | None] = mapped_column(String(200))
    focal_point_name: Mapped[str | None] = mapped_column(String(200))
    focal_point_position: Mapped[str | None] = mapped_column(String(200))
    focal_point_email: Mapped[str | None] = mapped_column(String(200))
    focal_point_phone: Mapped[str | None] = mapped_column(String(60))
    focal_point_reported_on: Mapped[date | None] = mapped_column(Date)
    guideline_communicated_on: Mapped[date | None] = mapped_column(Date)
    resolution_effective_on: Mapped[date | None] = mapped_column(Date)
    quorum_rule: Mapped[str] = mapped_column(String(20), default=QuorumRule.MITAD_MAS_UNO.value)
    convocation_lead_days: Mapped[int] = mapped_column(Integer, default=14)
    # How often the informe periódico is due (2.6 e): semestral unless the mesa sets another.
    # Nullable so that bundles from before the setting still import (NULL reads as semestral).
    periodic_report_frequency: Mapped[str | None] = mapped_column(String(12), default="semestral")
    default_place: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)

    dependencies: Mapped[list[Dependency]] = relationship(
        back_populates="mesa", order_by="Dependency.position"
    )


class MesaOwned(Record):
    """Abstract parent of tables that belong to one mesa (a ministry store holds many)."""

    __abstract__ = True

    mesa_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("mesa.id", ondelete="CASCADE"), index=True)

"""Members: dependencies (which count for quorum), invited actors (which never do), people."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mesa_desktop.models.base import code_checks
from mesa_desktop.models.mesa import Mesa, MesaOwned
from mesa_desktop.vocabulary import Role, codes

ROLES = codes(Role)


class Dependency(MesaOwned):
    """A subsecretaría, dirección or oficina; with ``invited`` set, an invited actor instead."""

    __tablename__ = "dependency"

    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str | None] = mapped_column(String(60))
    invited: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active_from: Mapped[date | None] = mapped_column(Date)
    active_until: Mapped[date | None] = mapped_column(Date)
    delegation_notified_on: Mapped[date | None] = mapped_column(Date)

    mesa: Mapped[Mesa] = relationship(back_populates="dependencies")
    people: Mapped[list[Person]] = relationship(back_populates="dependency")

    def is_active_on(self, day: date) -> bool:
        return active_on(day, self.active_from, self.active_until)


def active_on(day: date, active_from: date | None, active_until: date | None) -> bool:
    """Whether a dependency active from ``active_from`` until ``active_until`` is active on
    ``day``: the rule itself, for readers that hold the columns rather than the record."""
    return (active_from is None or active_from <= day) and (active_until is None or day <= active_until)


class Person(MesaOwned):
    __tablename__ = "person"
    __table_args__ = (
        *code_checks("person"),
        Index("ix_person_check_in_code", "mesa_id", "check_in_code", unique=True),
    )

    full_name: Mapped[str] = mapped_column(String(200), index=True)
    position: Mapped[str | None] = mapped_column(String(200))
    entity: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(60))
    id_number: Mapped[str | None] = mapped_column(String(40))
    dependency_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("dependency.id", ondelete="SET NULL"), index=True
    )
    role: Mapped[str] = mapped_column(String(16), default=Role.GUEST.value)
    # Ley 1581 de 2012: personal data is processed only with the holder's consent.
    consent_given: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    # Personal check-in code (mesa_desktop/person_codes.py), given by conformation.add_person_in:
    # random and local, so people received in a bundle (the ministry's store) have none.
    check_in_code: Mapped[str | None] = mapped_column(String(9))

    dependency: Mapped[Dependency | None] = relationship(back_populates="people")

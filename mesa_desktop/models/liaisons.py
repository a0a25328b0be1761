"""Enlaces permanentes of the national mesa (guideline 1.4): each member dependency designates
one professional for each work group of the Plan de atención."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mesa_desktop.models.members import Dependency, Person
from mesa_desktop.models.mesa import MesaOwned


class WorkGroup(MesaOwned):
    """A work group responsible for interventions of the Plan (configurable per mesa)."""

    __tablename__ = "work_group"
    __table_args__ = (UniqueConstraint("mesa_id", "name", name="uq_work_group_mesa_name"),)

    name: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(Integer, default=0)


class Liaison(MesaOwned):
    """The professional a dependency designated as enlace permanente for one work group."""

    __tablename__ = "liaison"
    __table_args__ = (UniqueConstraint("dependency_id", "work_group_id", name="uq_liaison_dependency_group"),)

    dependency_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("dependency.id", ondelete="CASCADE"), index=True
    )
    work_group_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("work_group.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    designated_on: Mapped[date | None] = mapped_column(Date)

    dependency: Mapped[Dependency] = relationship()
    work_group: Mapped[WorkGroup] = relationship()
    person: Mapped[Person] = relationship()

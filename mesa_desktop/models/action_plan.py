"""Plan de acción: strategic axes → actions → tasks, with progress per cut-off date."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from mesa_desktop.models.base import Record
from mesa_desktop.models.mesa import MesaOwned


class ActionPlan(MesaOwned):
    __tablename__ = "action_plan"
    __table_args__ = (UniqueConstraint("mesa_id", "year"),)

    year: Mapped[int] = mapped_column(Integer)
    objective: Mapped[str | None] = mapped_column(Text)
    approved_in_session_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("meeting_session.id", ondelete="SET NULL")
    )
    approved_on: Mapped[date | None] = mapped_column(Date)

    axes: Mapped[list[PlanAxis]] = relationship(order_by="PlanAxis.position", cascade="all, delete-orphan")


class PlanAxis(Record):
    __tablename__ = "plan_axis"

    plan_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("action_plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)

    actions: Mapped[list[PlanAction]] = relationship(
        order_by="PlanAction.position", cascade="all, delete-orphan"
    )


class PlanAction(Record):
    __tablename__ = "plan_action"

    axis_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plan_axis.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    responsible_dependency_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("dependency.id", ondelete="SET NULL")
    )

    tasks: Mapped[list[PlanTask]] = relationship(order_by="PlanTask.position", cascade="all, delete-orphan")
    reports: Mapped[list[ActionReport]] = relationship(
        order_by="ActionReport.cut_date", cascade="all, delete-orphan"
    )
    indicators: Mapped[list[PlanIndicator]] = relationship(cascade="all, delete-orphan")


class PlanTask(Record):
    __tablename__ = "plan_task"

    action_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plan_action.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(Text)
    responsible: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    progress: Mapped[list[TaskProgress]] = relationship(
        order_by="TaskProgress.cut_date", cascade="all, delete-orphan"
    )


class TaskProgress(Record):
    """Progress of a task as reported at a cut-off date (the latest one up to a cut counts)."""

    __tablename__ = "task_progress"
    __table_args__ = (UniqueConstraint("task_id", "cut_date"),)

    task_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plan_task.id", ondelete="CASCADE"), index=True)
    cut_date: Mapped[date] = mapped_column(Date)
    percent: Mapped[int] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)


class ActionReport(Record):
    """Qualitative report of an action at a cut-off date (the CNIM report's third column)."""

    __tablename__ = "action_report"
    __table_args__ = (UniqueConstraint("action_id", "cut_date"),)

    action_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plan_action.id", ondelete="CASCADE"), index=True)
    cut_date: Mapped[date] = mapped_column(Date)
    qualitative: Mapped[str] = mapped_column(Text)


class PlanIndicator(Record):
    __tablename__ = "plan_indicator"

    action_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("plan_action.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str | None] = mapped_column(String(60))
    target: Mapped[float | None] = mapped_column(Float)

    values: Mapped[list[IndicatorValue]] = relationship(
        order_by="IndicatorValue.cut_date", cascade="all, delete-orphan"
    )


class IndicatorValue(Record):
    __tablename__ = "indicator_value"
    __table_args__ = (UniqueConstraint("indicator_id", "cut_date"),)

    indicator_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("plan_indicator.id", ondelete="CASCADE"), index=True
    )
    cut_date: Mapped[date] = mapped_column(Date)
    value: Mapped[float] = mapped_column(Float)

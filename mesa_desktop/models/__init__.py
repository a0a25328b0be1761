"""SQLAlchemy 2 typed ORM models of everything the store keeps (DESIGN §4)."""

from mesa_desktop.models.actas import Acta
from mesa_desktop.models.action_plan import (
    ActionPlan,
    ActionReport,
    IndicatorValue,
    PlanAction,
    PlanAxis,
    PlanIndicator,
    PlanTask,
    TaskProgress,
)
from mesa_desktop.models.base import Base, Record
from mesa_desktop.models.cases import CaseEvent, CaseReferral
from mesa_desktop.models.commitments import Commitment, CommitmentNote
from mesa_desktop.models.consolidation import (
    CaseAggregate,
    ImportedBundle,
    PendingKeyChange,
    TerritoryKey,
)
from mesa_desktop.models.exchange import ExportRecord, Receipt
from mesa_desktop.models.liaisons import Liaison, WorkGroup
from mesa_desktop.models.members import Dependency, Person
from mesa_desktop.models.mesa import Mesa
from mesa_desktop.models.periodic_reports import PeriodicReport
from mesa_desktop.models.sessions import (
    Absence,
    AgendaItem,
    Attendance,
    Decision,
    MeetingSession,
    Presider,
    QuorumEvent,
)
from mesa_desktop.models.settings import AppSetting

__all__ = [
    "Absence",
    "Presider",
    "Acta",
    "ActionPlan",
    "AppSetting",
    "ActionReport",
    "AgendaItem",
    "Attendance",
    "Base",
    "CaseAggregate",
    "CaseEvent",
    "CaseReferral",
    "Commitment",
    "CommitmentNote",
    "Decision",
    "Dependency",
    "ExportRecord",
    "ImportedBundle",
    "Liaison",
    "IndicatorValue",
    "MeetingSession",
    "Mesa",
    "PendingKeyChange",
    "PeriodicReport",
    "Person",
    "PlanAction",
    "PlanAxis",
    "PlanIndicator",
    "PlanTask",
    "QuorumEvent",
    "Receipt",
    "Record",
    "TaskProgress",
    "TerritoryKey",
    "WorkGroup",
]

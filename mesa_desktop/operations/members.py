"""The mesa's conformation: dependencies, invited actors, their people, a member list import."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from mesa_desktop import clock
from mesa_desktop.rules.calendar import add_business_days
from mesa_desktop.rules.compliance import DELEGATION_NOTICE_BUSINESS_DAYS
from mesa_desktop.services import conformation, member_import
from mesa_desktop.services.changes import Changed, Topic, changed
from mesa_desktop.services.conformation import DependencyInfo, MesaInfo, PersonInfo
from mesa_desktop.store import Store


@dataclass(frozen=True)
class ConformationView:
    mesa: MesaInfo
    members: list[DependencyInfo]


def conformation_view(store: Store) -> ConformationView:
    """Everything the conformation page shows, from one snapshot."""
    with store.reading():
        return ConformationView(conformation.get_mesa(store), conformation.list_members(store))


@dataclass(frozen=True)
class DelegationDeadline:
    deadline: date | None  # None: the guideline's date is not recorded, there is no deadline
    code: str  # ok / late / pending / missing / not_applicable


def delegation_deadline(
    notified_on: date | None, guideline_on: date | None, today: date | None = None
) -> DelegationDeadline:
    """Guideline 2.5: a dependency notifies its delegation within 10 business days of the
    guideline being communicated."""
    if guideline_on is None:
        return DelegationDeadline(None, "not_applicable")
    deadline = add_business_days(guideline_on, DELEGATION_NOTICE_BUSINESS_DAYS)
    if notified_on is not None:
        return DelegationDeadline(deadline, "ok" if notified_on <= deadline else "late")
    return DelegationDeadline(deadline, "pending" if (today or clock.today()) <= deadline else "missing")


def inactive_since(dependency: DependencyInfo) -> date | None:
    """The first day a deactivated dependency no longer counts (the service keeps the last
    day it was active); None while it is active."""
    return dependency.active_until + timedelta(days=1) if dependency.active_until else None


@dataclass(frozen=True)
class DependencyActions:
    """What the conformation screen lets a person do with one dependency or invited actor."""

    record_delegation: bool  # only a member dependency that still counts names delegates
    add_person: bool  # nobody joins an inactive dependency


def dependency_actions(dependency: DependencyInfo | None) -> DependencyActions:
    if dependency is None:
        return DependencyActions(False, False)
    return DependencyActions(
        record_delegation=not dependency.invited and dependency.active, add_person=dependency.active
    )


def add_dependency(store: Store, name: str, **fields: Any) -> Changed[DependencyInfo]:
    with store.transaction():
        dependency = conformation.add_dependency(store, name, **fields)
    return changed(dependency, Topic.MEMBERS)


def update_dependency(store: Store, dependency_id: uuid.UUID, **changes: Any) -> Changed[DependencyInfo]:
    with store.transaction():
        dependency = conformation.update_dependency(store, dependency_id, **changes)
    return changed(dependency, Topic.MEMBERS)


def set_delegation_notified(
    store: Store, dependency_id: uuid.UUID, on: date | None
) -> Changed[DependencyInfo]:
    with store.transaction():
        dependency = conformation.set_delegation_notified(store, dependency_id, on)
    return changed(dependency, Topic.MEMBERS)


def deactivate_dependency(store: Store, dependency_id: uuid.UUID) -> Changed[DependencyInfo]:
    """Inactive from today on: the service keeps the last day it was active, yesterday, so it
    stops counting for the quorum of today's sessions."""
    last_active = clock.today() - timedelta(days=1)
    with store.transaction():
        dependency = conformation.deactivate_dependency(store, dependency_id, last_active)
    return changed(dependency, Topic.MEMBERS)


def reactivate_dependency(store: Store, dependency_id: uuid.UUID) -> Changed[DependencyInfo]:
    with store.transaction():
        dependency = conformation.reactivate_dependency(store, dependency_id)
    return changed(dependency, Topic.MEMBERS)


def add_person(store: Store, full_name: str, **fields: Any) -> Changed[PersonInfo]:
    with store.transaction():
        person = conformation.add_person(store, full_name, **fields)
    return changed(person, Topic.MEMBERS)


def update_person(store: Store, person_id: uuid.UUID, **changes: Any) -> Changed[PersonInfo]:
    with store.transaction():
        person = conformation.update_person(store, person_id, **changes)
    return changed(person, Topic.MEMBERS)


def preview_import(store: Store, path: str) -> member_import.ImportPreview:
    """What a member list (Excel or CSV) would add; nothing is written."""
    return member_import.preview_member_file(store, path)


def apply_import(store: Store, preview: member_import.ImportPreview) -> Changed[member_import.ImportResult]:
    """The preview's valid rows, all or none. Not wrapped here: the service backs the store up
    first, outside its own transaction."""
    return changed(member_import.apply_import(store, preview), Topic.MEMBERS)

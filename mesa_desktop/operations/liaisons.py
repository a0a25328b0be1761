"""Enlaces permanentes of the national mesa (guideline 1.4), one function per UI action.

Work groups and designations are part of the mesa's membership, so they announce
``Topic.MEMBERS`` (the conformation and compliance views reload with them).
"""

from __future__ import annotations

import uuid
from datetime import date

from mesa_desktop.services import liaisons
from mesa_desktop.services.changes import Changed, Topic, changed
from mesa_desktop.services.liaisons import LiaisonInfo, LiaisonMatrix, WorkGroupInfo
from mesa_desktop.store import Store

__all__ = [
    "LiaisonInfo",
    "LiaisonMatrix",
    "WorkGroupInfo",
    "add_work_group",
    "designate",
    "liaison_matrix",
    "load_preset_work_groups",
    "remove_designation",
    "remove_work_group",
    "rename_work_group",
]


def liaison_matrix(store: Store) -> LiaisonMatrix:
    return liaisons.matrix(store)


def designate(
    store: Store,
    dependency_id: uuid.UUID,
    work_group_id: uuid.UUID,
    person_id: uuid.UUID,
    on: date | None = None,
) -> Changed[LiaisonInfo]:
    value = liaisons.designate(
        store, dependency=dependency_id, work_group=work_group_id, person=person_id, on=on
    )
    return changed(value, Topic.MEMBERS)


def remove_designation(
    store: Store, dependency_id: uuid.UUID, work_group_id: uuid.UUID
) -> Changed[LiaisonInfo]:
    value = liaisons.remove_designation(store, dependency=dependency_id, work_group=work_group_id)
    return changed(value, Topic.MEMBERS)


def add_work_group(store: Store, name: str) -> Changed[WorkGroupInfo]:
    return changed(liaisons.add_work_group(store, name), Topic.MEMBERS)


def rename_work_group(store: Store, work_group_id: uuid.UUID, name: str) -> Changed[WorkGroupInfo]:
    return changed(liaisons.rename_work_group(store, work_group_id, name), Topic.MEMBERS)


def remove_work_group(store: Store, work_group_id: uuid.UUID) -> Changed[None]:
    liaisons.remove_work_group(store, work_group_id)
    return changed(None, Topic.MEMBERS)


def load_preset_work_groups(store: Store) -> Changed[list[WorkGroupInfo]]:
    return changed(liaisons.load_preset_work_groups(store), Topic.MEMBERS)

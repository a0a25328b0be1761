"""operations.members: each conformation action is one transaction that reports "members"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mesa_desktop import clock
from mesa_desktop.errors import MesaError
from mesa_desktop.operations import members
from mesa_desktop.services import conformation
from mesa_desktop.services.changes import Topic


def test_conformation_view_is_the_mesa_and_its_members(store):
    view = members.conformation_view(store)
    assert view.mesa.territory_code == "54001"
    assert [d.name for d in view.members] == [d.name for d in conformation.list_members(store)]


def test_dependency_actions_report_members(store):
    added = members.add_dependency(store, "Oficina de Gestión del Riesgo", short_name="OGR")
    assert added.topics == {Topic.MEMBERS} and added.value.short_name == "OGR"
    renamed = members.update_dependency(store, added.value.id, name="Oficina del Riesgo")
    assert renamed.topics == {Topic.MEMBERS} and renamed.value.name == "Oficina del Riesgo"
    notified = members.set_delegation_notified(store, added.value.id, date(2026, 3, 2))
    assert notified.value.delegation_notified_on == date(2026, 3, 2)
    person = members.add_person(store, "Luisa Gómez", dependency=added.value.id, role="delegate")
    assert person.topics == {Topic.MEMBERS}
    edited = members.update_person(store, person.value.id, position="Profesional")
    assert edited.value.position == "Profesional"


def test_deactivation_counts_from_today(store):
    dependency = conformation.list_members(store)[0]
    result = members.deactivate_dependency(store, dependency.id)
    assert result.topics == {Topic.MEMBERS}
    assert result.value.active_until == clock.today() - timedelta(days=1) and not result.value.active
    assert members.reactivate_dependency(store, dependency.id).value.active


def test_a_refused_action_writes_nothing(store):
    before = conformation.list_members(store)
    with pytest.raises(MesaError):
        members.add_person(store, "Sin Dependencia", dependency="No existe", role="delegate")
    assert conformation.list_members(store) == before
    assert conformation.list_people(store) == []


@pytest.mark.parametrize(
    ("notified", "today", "code"),
    [
        (None, date(2026, 2, 10), "pending"),
        (None, date(2026, 2, 17), "missing"),
        (date(2026, 2, 16), date(2026, 3, 1), "ok"),
        (date(2026, 2, 17), date(2026, 3, 1), "late"),
    ],
)
def test_delegation_deadline_is_ten_business_days(notified, today, code):
    found = members.delegation_deadline(notified, date(2026, 2, 2), today)
    assert (found.deadline, found.code) == (date(2026, 2, 16), code)


def test_no_guideline_date_no_deadline():
    assert members.delegation_deadline(None, None).code == "not_applicable"
    assert members.delegation_deadline(None, None).deadline is None


def test_what_the_screen_allows_with_a_dependency(store):
    member = next(d for d in conformation.list_members(store) if not d.invited)
    invited = next(d for d in conformation.list_members(store) if d.invited)
    assert members.dependency_actions(member) == members.DependencyActions(True, True)
    assert members.dependency_actions(invited) == members.DependencyActions(False, True)
    assert members.dependency_actions(None) == members.DependencyActions(False, False)
    assert members.inactive_since(member) is None
    gone = members.deactivate_dependency(store, member.id).value
    assert members.dependency_actions(gone) == members.DependencyActions(False, False)
    assert members.inactive_since(gone) == clock.today()


def test_a_member_list_is_previewed_then_applied(store, tmp_path):
    source = tmp_path / "miembros.csv"
    source.write_text(
        "Dependencia,Nombres y apellidos,Rol,Autoriza datos\n"
        "Oficina de Atención al Migrante,Iván Ibáñez,Jefe,sí\n"
        "Oficina de Atención al Migrante,,Delegado,no\n",
        encoding="utf-8",
    )
    preview = members.preview_import(store, str(source))
    assert (len(preview.valid_rows), len(preview.invalid_rows)) == (1, 1)
    assert conformation.list_people(store) == []  # a preview writes nothing
    result = members.apply_import(store, preview)
    assert result.topics == {Topic.MEMBERS}
    assert (result.value.people_added, result.value.dependencies_added) == (1, 1)
    assert [p.full_name for p in conformation.list_people(store)] == ["Iván Ibáñez"]

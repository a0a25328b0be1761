"""Enlaces permanentes (guideline 1.4): work groups, designations and their compliance rule."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from sqlalchemy import update

from mesa_desktop import clock
from mesa_desktop.errors import Conflict, InvalidInput, NotFound
from mesa_desktop.models import Mesa, WorkGroup
from mesa_desktop.operations import liaisons as ops
from mesa_desktop.resources import resource_path
from mesa_desktop.rules import compliance as rules
from mesa_desktop.rules.calendar import add_business_days
from mesa_desktop.services import compliance, conformation, liaisons
from mesa_desktop.services.changes import Topic
from mesa_desktop.store import Store
from mesa_desktop.territories import NATIONAL_CODE
from tests.support.liaisons import DED, OPS, national_store


@pytest.fixture
def national(tmp_path):
    store = national_store(tmp_path / "mesa.sqlite")
    yield store
    store.close()


def ids(store, dependency, group, person=None):
    matrix = liaisons.matrix(store)
    dep = next(d for d, name in matrix.dependencies if name == dependency)
    grp = next(g.id for g in matrix.work_groups if g.name == group)
    if person is None:
        return dep, grp
    return dep, grp, next(p for p, name in matrix.candidates[dep] if name == person)


def test_a_new_national_mesa_has_no_work_groups_until_it_loads_the_examples(tmp_path):
    # The guideline does not list the Plan's groups: example ones are loaded on purpose only.
    store = Store(tmp_path / "nueva.sqlite", backup=False)
    try:
        conformation.init_mesa(store, territory_code=NATIONAL_CODE, preset="nacional")
        assert liaisons.list_work_groups(store) == []
        (finding,) = [f for f in compliance.check(store) if f.rule == rules.RULE_PERMANENT_LIAISON]
        assert finding.status == rules.PENDING and "grupos de trabajo" in finding.detail
        loaded = ops.load_preset_work_groups(store).value
        assert [g.name for g in loaded] == liaisons.preset_work_groups()
    finally:
        store.close()


def test_the_example_work_groups_say_they_are_examples():
    with open(resource_path("presets", liaisons.PRESET_FILE), encoding="utf-8") as handle:
        preset = json.load(handle)
    assert preset["name"] == "Grupos de trabajo de ejemplo (ejes del plan de acción)"
    assert "no enumera" in preset["source"]


def test_a_national_mesa_with_the_example_work_groups(national):
    assert [g.name for g in liaisons.list_work_groups(national)] == liaisons.preset_work_groups()
    matrix = liaisons.matrix(national)
    assert matrix.national and len(matrix.dependencies) == 12  # numeral 1.4's dependencies
    assert len(matrix.missing) == 12 * 3
    assert [name for _, name in matrix.candidates[ids(national, OPS, matrix.work_groups[0].name)[0]]] == [
        "Ana Ruiz",
        "Carlos Pérez",
    ]


def test_designate_change_and_remove(national):
    group = liaisons.preset_work_groups()[0]
    dep, grp, ana = ids(national, OPS, group, "Ana Ruiz")
    made = ops.designate(national, dep, grp, ana, on=date(2026, 3, 2))
    assert made.topics == {Topic.MEMBERS}
    cell = liaisons.matrix(national).cell(dep, grp)
    assert (cell.person_name, cell.designated_on) == ("Ana Ruiz", date(2026, 3, 2))
    _, _, carlos = ids(national, OPS, group, "Carlos Pérez")
    ops.designate(national, dep, grp, carlos, on=date(2026, 4, 1))
    cell = liaisons.matrix(national).cell(dep, grp)
    assert (cell.person_name, cell.designated_on) == ("Carlos Pérez", date(2026, 4, 1))
    assert ops.remove_designation(national, dep, grp).topics == {Topic.MEMBERS}
    assert liaisons.matrix(national).cell(dep, grp).person_id is None
    with pytest.raises(NotFound, match="no tiene enlace"):
        liaisons.remove_designation(national, dependency=dep, work_group=grp)


def test_the_enlace_belongs_to_the_dependency_that_designates(national):
    group = liaisons.preset_work_groups()[0]
    with pytest.raises(InvalidInput, match="no pertenece a «Dirección de Epidemiología"):
        liaisons.designate(national, dependency=DED, work_group=group, person="Ana Ruiz")
    with pytest.raises(NotFound, match="No existe el grupo de trabajo «Otro»"):
        liaisons.designate(national, dependency=DED, work_group="Otro", person="Luis Mora")
    with pytest.raises(InvalidInput, match="actor invitado"):
        liaisons.designate(national, dependency="ACNUR", work_group=group, person="Luis Mora")


def test_work_groups_are_configurable(national):
    added = ops.add_work_group(national, "  Talento   humano ")
    assert added.value.name == "Talento humano" and added.topics == {Topic.MEMBERS}
    with pytest.raises(Conflict, match="Ya existe"):
        liaisons.add_work_group(national, "talento HUMANO")
    with pytest.raises(InvalidInput, match="vacío"):
        liaisons.add_work_group(national, "   ")
    renamed = ops.rename_work_group(national, added.value.id, "Talento humano en salud")
    assert renamed.value.name == "Talento humano en salud"
    liaisons.designate(national, dependency=DED, work_group=renamed.value.id, person="Luis Mora")
    ops.remove_work_group(national, added.value.id)
    assert "Talento humano en salud" not in [g.name for g in liaisons.list_work_groups(national)]
    for group in liaisons.list_work_groups(national):
        ops.remove_work_group(national, group.id)
    assert liaisons.list_work_groups(national) == []
    restored = ops.load_preset_work_groups(national).value
    assert [g.name for g in restored] == liaisons.preset_work_groups()


def test_compliance_reads_the_designations_from_the_store(national):
    later = clock.today() + timedelta(days=60)  # past the 10 business days of the term

    def verdicts(today=None):
        found = [f for f in compliance.check(national, today=today) if f.rule == rules.RULE_PERMANENT_LIAISON]
        return {f.title.split(" — ")[1]: f for f in found}

    # A brand-new mesa is within its term (2.5): pending, with the due date, not red.
    fresh = verdicts()
    assert len(fresh) == 12 and {f.status for f in fresh.values()} == {rules.PENDING}
    assert {f.due for f in fresh.values()} == {add_business_days(clock.today(), 10)}
    before = verdicts(later)
    assert {f.status for f in before.values()} == {rules.MISSING}
    for group in liaisons.preset_work_groups():
        liaisons.designate(national, dependency=DED, work_group=group, person="Luis Mora")
    after = verdicts(later)
    assert after[DED].status == rules.OK and "Luis Mora" in after[DED].detail
    assert after[OPS].status == rules.MISSING


def test_a_territorial_mesa_has_no_enlaces_rule_and_cannot_designate(store):
    assert [f for f in compliance.check(store) if f.rule == rules.RULE_PERMANENT_LIAISON] == []
    assert liaisons.list_work_groups(store) == []
    with pytest.raises(InvalidInput, match="mesa nacional"):
        liaisons.designate(store, dependency="x", work_group="y", person="z")


def test_a_work_group_added_later_gets_its_own_term(national):
    # The mesa and its first groups are two months old; a group added today is still in its term.
    old = clock.utcnow() - timedelta(days=60)
    with national.transaction() as db:
        db.execute(update(Mesa).values(created_at=old))
        db.execute(update(WorkGroup).values(created_at=old))
    for group in liaisons.preset_work_groups():
        liaisons.designate(national, dependency=DED, work_group=group, person="Luis Mora")
    liaisons.add_work_group(national, "Talento humano en salud")
    found = {
        f.title.split(" — ")[1]: f
        for f in compliance.check(national)
        if f.rule == rules.RULE_PERMANENT_LIAISON
    }
    assert found[DED].status == rules.PENDING and found[DED].due == add_business_days(clock.today(), 10)
    assert "Talento humano en salud" in found[DED].detail
    assert found[OPS].status == rules.MISSING  # its first groups' term has passed


def test_a_designation_dated_after_today_is_refused(national):
    from mesa_desktop import clock

    group = liaisons.preset_work_groups()[0]
    dep, grp, ana = ids(national, OPS, group, "Ana Ruiz")
    with clock.pinned_today(date(2026, 12, 2)):
        with pytest.raises(InvalidInput, match="designación 1 de enero de 2030 aún no ha llegado"):
            ops.designate(national, dep, grp, ana, on=date(2030, 1, 1))
        assert liaisons.matrix(national).cell(dep, grp).person_id is None
        assert ops.designate(national, dep, grp, ana, on=date(2026, 12, 2)).value.designated_on == date(
            2026, 12, 2
        )

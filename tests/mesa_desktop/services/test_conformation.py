from __future__ import annotations

import pytest

from mesa_desktop import clock, territories
from mesa_desktop.errors import Conflict, InvalidInput, NotFound
from mesa_desktop.services import conformation


def test_territorial_preset_gives_twelve_dependencies_and_invited_actors(store):
    members = conformation.list_members(store)
    deps = [m for m in members if not m.invited]
    assert len(deps) == 12
    assert {m.name for m in members if m.invited} >= {"Migración Colombia", "ACNUR"}
    info = conformation.get_mesa(store)
    assert info.name == "Mesa técnica territorial de migración y salud de San José de Cúcuta"
    assert info.kind == "municipal"
    assert info.quorum_rule == "mitad_mas_uno"


def test_national_preset_has_the_twelve_ministry_dependencies(empty_store):
    info = conformation.init_mesa(empty_store, territory_code="00", preset="nacional")
    assert info.kind == "national"
    deps = [m.name for m in conformation.list_members(empty_store) if not m.invited]
    assert len(deps) == 12
    assert deps[0] == "Oficina de Promoción Social"
    assert "Oficina Asesora de Planeación y Estudios Sectoriales" in deps


def test_a_store_holds_one_mesa(store):
    with pytest.raises(Conflict, match="ya tiene una mesa"):
        conformation.init_mesa(store, territory_code="54001")


def test_unknown_territory_is_refused_with_a_hint(empty_store):
    with pytest.raises(InvalidInput, match="DIVIPOLA «99999» no existe"):
        conformation.init_mesa(empty_store, territory_code="99999")


def test_people_take_their_dependency_and_role(store):
    person = conformation.add_person(
        store,
        "  Ana   María Pérez ",
        dependency="Dirección de Aseguramiento",
        role="head",
        consent_given=True,
    )
    assert person.full_name == "Ana María Pérez"
    assert person.dependency_name == "Dirección de Aseguramiento"
    assert person.role == "head" and person.consent_given
    invited = conformation.add_person(store, "Luis Pardo", dependency="Migración Colombia", role="delegate")
    assert invited.role == "invited"  # an invited actor's people never count as delegates


def test_member_people_must_have_a_member_role(store):
    with pytest.raises(InvalidInput, match="jefe, delegado"):
        conformation.add_person(store, "X", dependency="Dirección de Aseguramiento", role="guest")


def test_adding_an_existing_dependency_is_idempotent_but_kind_clash_is_refused(store):
    again = conformation.add_dependency(store, "dirección de aseguramiento")
    assert again.name == "Dirección de Aseguramiento"
    assert len([m for m in conformation.list_members(store) if not m.invited]) == 12
    with pytest.raises(Conflict, match="dependencia miembro"):
        conformation.add_dependency(store, "Dirección de Aseguramiento", invited=True)


def test_unknown_dependency_is_reported(store):
    with pytest.raises(NotFound, match="No existe la dependencia"):
        conformation.add_person(store, "X", dependency="Oficina Inexistente")


@pytest.mark.parametrize(
    "code, shown",
    [
        ("54001", "San José de Cúcuta (Norte de Santander)"),
        ("11001", "Bogotá, D.C."),
        ("88", "Archipiélago de San Andrés, Providencia y Santa Catalina"),
        ("19760", "Sotará - Paispamba (Cauca)"),
        ("44430", "Maicao (La Guajira)"),
        ("05148", "El Carmen de Viboral (Antioquia)"),
    ],
)
def test_divipola_display_names(code, shown):
    assert territories.get(code).full_name == shown


def test_divipola_is_complete():
    assert len(territories.departments()) == 33
    assert len([t for t in territories.all_territories() if not t.is_department]) == 1122
    assert len(territories.municipalities_of("54")) == 40


def test_resources_are_found_from_the_checkout():
    from mesa_desktop.resources import resource_path

    assert resource_path("divipola.csv").is_file()
    assert resource_path("presets", "territorial.json").is_file()


def test_the_screens_add_refuses_an_existing_dependency_and_points_to_reactivation(store):
    with pytest.raises(Conflict, match="ya está registrada como actor invitado"):
        conformation.add_dependency(store, "cruz roja colombiana", invited=True, reuse_existing=False)
    dep = next(d for d in conformation.list_members(store) if d.name == "Dirección de Aseguramiento")
    conformation.deactivate_dependency(store, dep.id, since=clock.today())
    with pytest.raises(Conflict, match="Está desactivada: selecciónela y pulse «Reactivar»"):
        conformation.add_dependency(store, "Dirección de Aseguramiento", reuse_existing=False)
    assert len(conformation.list_members(store)) == 19


def test_the_territorial_presets_invited_actors_name_no_town_for_any_territory(empty_store):
    """Generic actors: a La Guajira mesa was offered Cúcuta's "Universidad de Pamplona"."""
    import re

    from mesa_desktop.services.lookup import fold

    conformation.init_mesa(empty_store, territory_code="44001", preset="territorial")  # Riohacha
    invited = [d.name for d in conformation.list_members(empty_store) if d.invited]
    assert "Universidad pública del territorio" in invited
    # Every DIVIPOLA name but the country's own ("Colombia" is also a town in Huila).
    towns = {fold(t.name) for t in territories.all_territories()} - {"colombia", "nacional"}
    for actor in invited:
        words = " " + " ".join(re.findall(r"\w+", fold(actor))) + " "
        named = [town for town in towns if f" {town} " in words]
        assert named == [], f"«{actor}» names {named}"

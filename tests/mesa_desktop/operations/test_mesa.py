"""operations.mesa: the first run is one transaction; settings say what they changed."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mesa_desktop import clock
from mesa_desktop.errors import Conflict, InvalidInput
from mesa_desktop.operations import mesa
from mesa_desktop.services import conformation, store_role
from mesa_desktop.services.changes import Topic
from mesa_desktop.store import Store

CHOICES = mesa.MesaChoices(
    territory_code="54001",
    kind=None,
    preset="territorial",
    quorum_rule="mitad_mas_uno",
    focal_point_name="Ana Pérez",
    focal_point_email="ana@example.org",
    acto_number="Decreto 0142 de 2026",
    acto_date=date(2026, 2, 3),
    acto_authority="Alcaldía de Cúcuta",
)


def test_set_up_creates_the_mesa_with_its_preset_and_answers(empty_store):
    result = mesa.set_up(empty_store, CHOICES)
    assert result.topics == {Topic.MESA, Topic.MEMBERS}
    assert result.value.focal_point_name == "Ana Pérez" and result.value.acto_number == "Decreto 0142 de 2026"
    stored = conformation.get_mesa(empty_store)
    assert (stored.territory_code, stored.acto_authority) == ("54001", "Alcaldía de Cúcuta")
    preset = conformation.load_preset("territorial")
    assert len(conformation.list_members(empty_store)) == len(preset["dependencies"]) + len(preset["invited"])


def test_set_up_is_one_transaction(empty_store, monkeypatch):
    def broken(*_args, **_kwargs):
        raise InvalidInput("falla después de crear la mesa")

    monkeypatch.setattr(conformation, "update_mesa", broken)
    with pytest.raises(InvalidInput):
        mesa.set_up(empty_store, CHOICES)
    assert mesa.mesa_or_none(empty_store) is None  # the mesa init_mesa added was rolled back
    assert mesa.role(empty_store).role == store_role.EMPTY


def test_set_up_refuses_a_second_mesa(store):
    with pytest.raises(Conflict):
        mesa.set_up(store, CHOICES)


def test_update_and_settings_view(store):
    result = mesa.update(store, default_place="Salón Rojo")
    assert result.topics == {Topic.MESA} and result.value.default_place == "Salón Rojo"
    view = mesa.settings_view(store)
    assert view.mesa.default_place == "Salón Rojo"
    assert view.key.shipped and view.key.problem is None and view.key.recipient.startswith("age1")


def test_settings_problem_says_why_in_spanish():
    assert mesa.settings_problem({"name": None}) == "El nombre de la mesa no puede quedar vacío."
    assert (
        mesa.settings_problem({"focal_point_email": "no-es-correo"})
        == "El correo del punto focal no es válido."
    )
    future = clock.today() + timedelta(days=1)
    assert (
        mesa.settings_problem({"acto_date": future})
        == "La fecha del acto administrativo no puede ser futura."
    )
    assert mesa.settings_problem({"name": "Mesa", "focal_point_email": "ana@example.org"}) is None


def test_consolidation_store_and_roles(store, tmp_path):
    empty_store = Store(tmp_path / "vacio.sqlite")
    assert mesa.role(empty_store).role == store_role.EMPTY
    result = mesa.make_consolidation_store(empty_store)
    assert result.topics == {Topic.STORE} and result.value.role == store_role.CONSOLIDATION
    assert mesa.role(store).role == store_role.TERRITORIAL
    assert mesa.mesa_or_none(store).territory_code == "54001"


def test_guideline_deadlines_count_business_days():
    # Monday 2 February 2026: 10 business days → 16 February; 20 → 2 March.
    assert mesa.delegation_notice_due(date(2026, 2, 2)) == date(2026, 2, 16)
    assert mesa.focal_point_report_due(date(2026, 2, 2)) == date(2026, 3, 2)

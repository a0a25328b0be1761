"""One e-mail rule: the import preview, the save, the screens and the convocation agree."""

from __future__ import annotations

import pytest

from mesa_desktop.email_address import check_email, is_valid_email
from mesa_desktop.errors import InvalidInput
from mesa_desktop.services import conformation, member_import
from mesa_desktop.store import Store

CSV = (
    "Dependencia;Nombre completo;Calidad;Correo;Autoriza datos\n"
    "Subsecretaría de Salud Pública;Ana Rojas;Delegada;{email};sí\n"
)


@pytest.fixture
def mesa_store(tmp_path) -> Store:
    store = Store(tmp_path / "mesa.sqlite")
    conformation.init_mesa(store, territory_code="54001", preset="territorial")
    yield store
    store.close()


@pytest.mark.parametrize("email", ["ana@salud.gov.co", "a.rojas+mesa@cucuta-salud.gov.co"])
def test_ordinary_addresses_pass(email):
    assert is_valid_email(email) and check_email(f"  {email} ", "Ana") == email


@pytest.mark.parametrize(
    "email",
    [
        "ana@salud.gov.co otro@x.co",  # the screen's prefix .match() used to accept these two
        "ana@salud.gov.co, otro@x.co",
        "ana(jefa)@salud.gov.co",  # saved before, then refused by the convocation
        "ana..rojas@salud.gov.co",
        "ñandú@salud.gov.co",
        "ana@salud",
        "@salud.gov.co",
    ],
)
def test_what_one_place_refuses_every_place_refuses(email, mesa_store, tmp_path):
    assert not is_valid_email(email)
    with pytest.raises(InvalidInput, match="El correo de Ana Rojas no es válido"):
        conformation.add_person(mesa_store, "Ana Rojas", email=email)
    path = tmp_path / "miembros.csv"
    path.write_text(CSV.format(email=email), "utf-8")
    preview = member_import.preview_member_file(mesa_store, path)
    assert any("no es válido" in error for error in preview.rows[0].errors)


def test_an_empty_address_is_none():
    assert check_email("   ", "Ana") is None and check_email(None, "Ana") is None


def test_the_focal_point_address_is_checked_by_the_service_too(mesa_store):
    with pytest.raises(InvalidInput, match="punto focal"):
        conformation.update_mesa(mesa_store, focal_point_email="migracion@salud.gov.co; otro@x.co")
    assert conformation.update_mesa(mesa_store, focal_point_email="migracion@salud.gov.co").focal_point_email

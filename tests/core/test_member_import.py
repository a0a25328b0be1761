"""Importing a member list from Excel or CSV: flexible headers, per-row errors, all or nothing."""

from __future__ import annotations

import pytest

from mesa_desktop.errors import InvalidInput
from mesa_desktop.services import conformation, member_import
from mesa_desktop.services.member_import import match_header, parse_consent, parse_role
from mesa_desktop.store import Store


@pytest.fixture
def mesa_store(tmp_path) -> Store:
    store = Store(tmp_path / "mesa.sqlite")
    conformation.init_mesa(store, territory_code="54001", preset="territorial")
    yield store
    store.close()


def people_named(store: Store) -> dict[str, conformation.PersonInfo]:
    return {p.full_name: p for p in conformation.list_people(store)}


@pytest.mark.parametrize(("header", "field"), [
    ("Dependencia", "dependency"),
    ("Nombre de la dependencia", "dependency"),
    ("Nombres y apellidos", "full_name"),
    ("NOMBRE COMPLETO", "full_name"),
    ("Apellidos", "last_name"),
    ("Rol", "role"),
    ("Calidad (jefe/delegado/suplente/invitado)", "role"),
    ("Cargo", "position"),
    ("Correo electrónico", "email"),
    ("E-mail", "email"),
    ("Teléfono", "phone"),
    ("Celular", "phone"),
    ("Entidad", "entity"),
    ("¿Autoriza el tratamiento de datos personales? (Ley 1581)", "consent"),
    ("Autoriza datos", "consent"),
    ("Observaciones", None),
])
def test_headers_are_recognised_as_people_write_them(header, field):
    assert match_header(header) == field


@pytest.mark.parametrize(("text", "role"), [
    ("Jefe", "head"), ("jefa de dependencia", "head"), ("DELEGADO", "delegate"),
    ("Delegada", "delegate"), ("delegado(a)", "delegate"), ("Suplente", "alternate"),
    ("suplente 1", "alternate"), ("Invitado", "invitado" and "invited"), ("Actor invitado", "invited"),
    ("gerente", None),
])
def test_roles_in_spanish(text, role):
    assert parse_role(text) == role


@pytest.mark.parametrize(("text", "value"), [
    ("Sí", True), ("si", True), ("X", True), ("", False), ("No", False), ("tal vez", None),
])
def test_consent_values(text, value):
    assert parse_consent(text) == value


def write_csv(path, text: str, encoding: str = "utf-8") -> None:
    path.write_bytes(text.encode(encoding))


CSV_ROWS = (
    "Dependencia;Nombre;Rol;Cargo;Correo;Teléfono;Entidad;Autoriza datos\n"
    "Subsecretaría de Salud Pública;José Peñaranda Ortiz;Delegado;Profesional;jpenaranda@salud.gov.co;3001234567;;Sí\n"
    "Salud Pública;Ángela Núñez;Suplente;Técnica;;;;no\n"
    "Oficina de Atención al Migrante;Iván Ibáñez;Jefe;Jefe de oficina;iibanez@salud.gov.co;;;sí\n"
    "Dirección de Aseguramiento;;Delegado;;correo-malo;;;quizás\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "latin-1"])
def test_csv_preview_reads_every_encoding_and_flags_the_bad_row(mesa_store, tmp_path, encoding):
    path = tmp_path / "miembros.csv"
    write_csv(path, CSV_ROWS, encoding)
    preview = member_import.preview_member_file(mesa_store, path)
    assert [r.line for r in preview.rows] == [2, 3, 4, 5]
    assert len(preview.valid_rows) == 3
    bad = preview.invalid_rows[0]
    assert bad.line == 5
    assert any("Falta el nombre" in e for e in bad.errors)
    assert any("correo «correo-malo» no es válido" in e for e in bad.errors)
    assert any("sí o no" in e for e in bad.errors)
    first = preview.rows[0]
    assert first.full_name == "José Peñaranda Ortiz" and first.role == "delegate" and first.consent
    assert not first.new_dependency
    # The short name finds the preset dependency; an unknown one will be created.
    assert not preview.rows[1].new_dependency
    assert preview.rows[2].new_dependency


def test_apply_imports_only_the_valid_rows_in_one_pass(mesa_store, tmp_path):
    path = tmp_path / "miembros.csv"
    write_csv(path, CSV_ROWS)
    preview = member_import.preview_member_file(mesa_store, path)
    result = member_import.apply_import(mesa_store, preview)
    assert (result.people_added, result.dependencies_added, result.skipped) == (3, 1, 1)
    assert result.backup is not None and result.backup.exists()
    people = people_named(mesa_store)
    assert set(people) == {"José Peñaranda Ortiz", "Ángela Núñez", "Iván Ibáñez"}
    jose = people["José Peñaranda Ortiz"]
    assert jose.dependency_name == "Subsecretaría de Salud Pública"
    assert jose.consent_given and jose.phone == "3001234567"
    assert people["Ángela Núñez"].role == "alternate" and not people["Ángela Núñez"].consent_given
    assert people["Iván Ibáñez"].role == "head"
    deps = [d.name for d in conformation.list_members(mesa_store) if not d.invited]
    assert "Oficina de Atención al Migrante" in deps


def test_importing_the_same_file_twice_flags_everyone_as_already_registered(mesa_store, tmp_path):
    path = tmp_path / "miembros.csv"
    write_csv(path, CSV_ROWS)
    member_import.apply_import(mesa_store, member_import.preview_member_file(mesa_store, path))
    again = member_import.preview_member_file(mesa_store, path)
    assert not again.valid_rows
    assert "ya está registrada" in again.rows[0].errors[0]
    with pytest.raises(InvalidInput, match="No hay filas válidas"):
        member_import.apply_import(mesa_store, again)


def test_xlsx_with_a_title_row_comma_free_numbers_and_invited_actors(mesa_store, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Listado de integrantes de la mesa técnica — 2026"])
    sheet.append(["Nombres", "Apellidos", "Calidad", "Dependencia", "Entidad", "Celular", "¿Autoriza datos?"])
    sheet.append(["Luz Marina", "Rincón Duarte", "Delegada", "PAI", None, 3157654321, "SI"])
    sheet.append(["Wilmer", "Galvis", "Invitado", None, "Médicos del Mundo", None, "x"])
    sheet.append(["Sofía", "Uribe", "Delegado", "Migración Colombia", None, None, "sí"])
    sheet.append([None, None, None, None, None, None, None])
    path = tmp_path / "miembros.xlsx"
    book.save(path)

    preview = member_import.preview_member_file(mesa_store, path)
    assert [r.line for r in preview.rows] == [3, 4, 5]
    luz, wilmer, sofia = preview.rows
    assert luz.full_name == "Luz Marina Rincón Duarte" and luz.phone == "3157654321" and luz.valid
    assert wilmer.dependency == "Médicos del Mundo" and wilmer.role == "invited" and wilmer.valid
    assert "actor invitado" in sofia.errors[0]
    result = member_import.apply_import(mesa_store, preview)
    assert (result.people_added, result.invited_added) == (2, 1)
    people = people_named(mesa_store)
    assert people["Wilmer Galvis"].role == "invited"
    assert people["Luz Marina Rincón Duarte"].dependency_name == "Programa Ampliado de Inmunizaciones (PAI)"


def test_duplicate_rows_in_one_file_are_flagged(mesa_store, tmp_path):
    path = tmp_path / "m.csv"
    write_csv(path, "Dependencia,Nombre,Rol\nPAI,Ana Ruiz,delegado\nPAI,ana ruiz,suplente\n")
    preview = member_import.preview_member_file(mesa_store, path)
    assert preview.rows[1].errors == ("Repite la fila 2.",)


def test_a_file_without_the_needed_columns_is_refused_in_spanish(mesa_store, tmp_path):
    path = tmp_path / "m.csv"
    write_csv(path, "Fecha,Lugar\n2026-03-01,Cúcuta\n")
    with pytest.raises(InvalidInput, match="fila de títulos"):
        member_import.preview_member_file(mesa_store, path)
    other = tmp_path / "m.pdf"
    other.write_bytes(b"%PDF")
    with pytest.raises(InvalidInput, match="no es un archivo de Excel"):
        member_import.preview_member_file(mesa_store, other)


def test_missing_role_column_defaults_to_delegate_with_a_note(mesa_store, tmp_path):
    path = tmp_path / "m.csv"
    write_csv(path, "Dependencia,Nombre\nPAI,Ana Ruiz\n")
    preview = member_import.preview_member_file(mesa_store, path)
    assert preview.rows[0].role == "delegate" and preview.rows[0].valid
    assert any("Rol" in note for note in preview.notes)


def test_a_conflict_at_apply_time_rolls_back_every_row(mesa_store, tmp_path):
    path = tmp_path / "m.csv"
    write_csv(path, "Dependencia,Nombre,Rol\nPAI,Ana Ruiz,delegado\nNueva Oficina,Luis Mora,jefe\n")
    preview = member_import.preview_member_file(mesa_store, path)
    # Between preview and apply, someone registers "Nueva Oficina" as an invited actor.
    conformation.add_dependency(mesa_store, "Nueva Oficina", invited=True)
    with pytest.raises(InvalidInput, match="Fila 3: .*No se importó ninguna fila"):
        member_import.apply_import(mesa_store, preview)
    assert conformation.list_people(mesa_store) == []

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


@pytest.mark.parametrize(
    ("header", "field"),
    [
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
    ],
)
def test_headers_are_recognised_as_people_write_them(header, field):
    assert match_header(header) == field


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Jefe", "head"),
        ("jefa de dependencia", "head"),
        ("DELEGADO", "delegate"),
        ("Delegada", "delegate"),
        ("delegado(a)", "delegate"),
        ("Suplente", "alternate"),
        ("suplente 1", "alternate"),
        ("Invitado", "invitado" and "invited"),
        ("Actor invitado", "invited"),
        ("gerente", None),
    ],
)
def test_roles_in_spanish(text, role):
    assert parse_role(text) == role


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Sí", True),
        ("si", True),
        ("X", True),
        ("", False),
        ("No", False),
        ("tal vez", None),
    ],
)
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


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
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


# --- what Excel and LibreOffice really save, and what a damaged or hostile file does ----------

UNICODE_TEXT = (  # Excel's "Texto Unicode": UTF-16 with its BOM, tab-separated
    "Dependencia\tNombre\tRol\tCorreo\tAutoriza datos\r\n"
    "Subsecretaría de Salud Pública\tJosé Peñaranda Ortiz\tDelegado\tjp@salud.gov.co\tSí\r\n"
    "Dirección de Aseguramiento\tÁngela Núñez Ibáñez\tSuplente\t\tno\r\n"
)


@pytest.mark.parametrize(
    ("encoding", "text"),
    [
        ("utf-16", UNICODE_TEXT),  # BOM + little-endian, as Excel writes it
        ("utf-16-le", UNICODE_TEXT),  # no BOM
        ("cp1252", UNICODE_TEXT.replace("\t", ";")),  # "CSV (delimitado por comas)" on a Spanish Windows
        ("utf-8", UNICODE_TEXT.replace("\t", ",")),  # comma-separated UTF-8
    ],
)
def test_encodings_and_separators_excel_uses_are_read_exactly(mesa_store, tmp_path, encoding, text):
    path = tmp_path / "miembros.csv"
    path.write_bytes(text.encode(encoding))
    preview = member_import.preview_member_file(mesa_store, path)
    assert [r.full_name for r in preview.rows] == ["José Peñaranda Ortiz", "Ángela Núñez Ibáñez"]
    assert preview.rows[0].dependency == "Subsecretaría de Salud Pública"
    assert len(preview.valid_rows) == 2


def test_a_file_mixing_utf8_and_another_encoding_is_refused_with_the_lines(mesa_store, tmp_path):
    path = tmp_path / "miembros.csv"
    path.write_bytes(
        CSV_ROWS.encode("utf-8") + "Salud Pública;Íngrid Peña;Delegado;;;;;sí\n".encode("cp1252")
    )
    with pytest.raises(InvalidInput, match=r"mezcla codificaciones.*línea 1 está en UTF-8 y la línea 6 no"):
        member_import.preview_member_file(mesa_store, path)


def test_a_dependency_in_merged_cells_applies_to_every_row_it_spans(mesa_store, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Dependencia", "Nombre", "Rol", "Autoriza datos"])
    sheet.append(["Subsecretaría de Salud Pública", "Luz Marina Rincón", "Delegado", "sí"])
    sheet.append([None, "Wilmer Galvis", "Suplente", "sí"])
    sheet.append([None, "Sofía Uribe", "Jefe", "sí"])
    sheet.append(["Dirección de Aseguramiento", "Iván Ibáñez", "Delegado", "sí"])
    sheet.merge_cells("A2:A4")
    path = tmp_path / "miembros.xlsx"
    book.save(path)
    preview = member_import.preview_member_file(mesa_store, path)
    assert [r.dependency for r in preview.rows] == ["Subsecretaría de Salud Pública"] * 3 + [
        "Dirección de Aseguramiento"
    ]
    assert len(preview.valid_rows) == 4


def test_two_emails_in_one_cell_are_refused_in_the_preview_not_at_apply_time(mesa_store, tmp_path):
    path = tmp_path / "miembros.csv"
    path.write_text(CSV_ROWS.replace("jpenaranda@salud.gov.co", "jp@salud.gov.co, jose@gmail.com"), "utf-8")
    preview = member_import.preview_member_file(mesa_store, path)
    assert any("un solo correo" in e for e in preview.rows[0].errors)
    result = member_import.apply_import(mesa_store, preview)  # the other valid rows still go in
    assert result.people_added == 2 and "José Peñaranda Ortiz" not in people_named(mesa_store)


def test_a_damaged_workbook_is_refused_in_spanish(mesa_store, tmp_path):
    import zipfile

    junk = tmp_path / "miembros.xlsx"
    junk.write_bytes(b"PK\x03\x04 esto no es un libro de Excel")
    not_a_book = tmp_path / "otro.xlsx"
    with zipfile.ZipFile(not_a_book, "w") as archive:
        archive.writestr("hola.txt", "un zip cualquiera")
    for path in (junk, not_a_book):
        with pytest.raises(InvalidInput) as refused:
            member_import.preview_member_file(mesa_store, path)
        message = str(refused.value)
        assert "dañado o no es un .xlsx" in message
        assert not any(word in message for word in ("File", "is not", "zip file", "Error", "key"))


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_workbook_that_unpacks_too_big_is_refused_before_it_is_read(mesa_store, tmp_path):
    import zipfile

    path = tmp_path / "bomba.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b" " * (member_import.MAX_XLSX_UNPACKED + 1))
    assert path.stat().st_size < 2**20
    with pytest.raises(InvalidInput, match="demasiado grande"):
        member_import.preview_member_file(mesa_store, path)


def test_a_stray_cell_far_to_the_right_does_not_widen_every_row(mesa_store, tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Dependencia", "Nombre", "Autoriza datos"])
    sheet.append(["Dirección de Aseguramiento", "Iván Ibáñez", "sí"])
    sheet["XFD1"] = "nota"
    path = tmp_path / "miembros.xlsx"
    book.save(path)
    rows = member_import.read_table(path)
    assert max(len(r) for r in rows) <= member_import.MAX_COLUMNS
    assert member_import.preview_member_file(mesa_store, path).rows[0].full_name == "Iván Ibáñez"


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_fifty_thousand_rows_are_refused_with_little_memory(tmp_path):
    """Streaming read: the refusal comes after MAX_ROWS rows, in a process that stays small."""
    import subprocess
    import sys

    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["Dependencia", "Nombre", "Rol", "Correo", "Autoriza datos"])
    for i in range(50_000):
        sheet.append(["Dirección de Aseguramiento", f"Persona {i}", "Delegado", f"p{i}@salud.gov.co", "sí"])
    path = tmp_path / "enorme.xlsx"
    book.save(path)
    # VmHWM is this process's own peak (ru_maxrss would carry the forking test process's).
    probe = (
        "from mesa_desktop.errors import InvalidInput\n"
        "from mesa_desktop.services import member_import\n"
        "try:\n"
        f"    member_import.read_table({str(path)!r})\n"
        "except InvalidInput as error:\n"
        "    print(error)\n"
        "peak = next(l for l in open('/proc/self/status') if l.startswith('VmHWM'))\n"
        "print(int(peak.split()[1]) // 1024)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert "más de 2.000 filas" in out[0]
    assert int(out[-1]) < 300  # MB

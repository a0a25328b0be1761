"""Personal check-in codes: their fixed format, forgiving reading, and that every person has one."""

from __future__ import annotations

import re
import shutil
import sqlite3

import pytest

from mesa_desktop import person_codes
from mesa_desktop.person_codes import ALPHABET, new_code, normalize
from mesa_desktop.services import conformation
from mesa_desktop.services.lookup import the_mesa
from mesa_desktop.store import Store
from tests.support import ROOT

FORMAT = re.compile(r"^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")


def test_a_new_code_is_eight_crockford_characters_with_a_hyphen():
    codes = {new_code() for _ in range(2000)}
    assert all(FORMAT.match(code) for code in codes)
    assert len(codes) == 2000  # 40 random bits: no repeats in a few thousand
    # Every character of the alphabet turns up, and none outside it (no I, L, O, U).
    assert set("".join(codes).replace("-", "")) == set(ALPHABET)


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("7K3M-Q9XA", "7K3M-Q9XA"),
        ("7k3m-q9xa", "7K3M-Q9XA"),
        ("7K3MQ9XA", "7K3M-Q9XA"),
        ("  7K3M Q9XA \n", "7K3M-Q9XA"),
        ("O1IL-oill", "0111-0111"),
        ("7K3M'Q9XA", "7K3M-Q9XA"),  # a US-layout scanner on a Latin American keyboard
        ("7K3M/Q9XA", "7K3M-Q9XA"),
    ],
)
def test_a_code_is_read_in_any_case_with_or_without_hyphen_and_crockford_lookalikes(typed, code):
    assert normalize(typed) == code


@pytest.mark.parametrize(
    "typed", ["", None, "Sandra", "7K3M-Q9X", "7K3M-Q9XAB", "7K3U-Q9XA", "Ana María", "7K3M-Q9XÁ"]
)
def test_what_is_not_a_code_reads_as_none(typed):
    assert normalize(typed) is None


def test_a_code_is_not_derived_from_the_person(store):
    first = conformation.add_person(store, "Ana Pérez", id_number="1090123456")
    second = conformation.add_person(store, "Ana Pérez Dos", id_number="1090123456")
    assert FORMAT.match(first.check_in_code) and FORMAT.match(second.check_in_code)
    assert first.check_in_code != second.check_in_code


def test_demo_people_all_have_distinct_codes(demo_store):
    people = conformation.list_people(demo_store)
    codes = [p.check_in_code for p in people]
    assert len(people) > 10 and all(FORMAT.match(c or "") for c in codes)
    assert len(set(codes)) == len(codes)


def test_two_people_of_one_mesa_cannot_share_a_code(store):
    person = conformation.add_person(store, "Ana Pérez")
    other = conformation.add_person(store, "Luis Gómez")
    with sqlite3.connect(store.file) as conn, pytest.raises(sqlite3.IntegrityError):
        conn.execute("UPDATE person SET check_in_code = ? WHERE id = ?", (person.check_in_code, other.id.hex))


def test_the_lookup_finds_the_person_by_what_a_scanner_or_a_person_types(store):
    person = conformation.add_person(store, "Ana Pérez")
    typed = person.check_in_code.lower().replace("-", "").replace("0", "o").replace("1", "l")
    with store.reading() as db:
        assert person_codes.find_person_by_code(db, the_mesa(db).id, typed).id == person.id


def test_upgrading_a_store_gives_every_existing_person_a_distinct_code(tmp_path):
    path = tmp_path / "mesa.sqlite"
    shutil.copy(ROOT / "tests" / "fixtures" / "stores" / "v0005-demo.sqlite", path)
    Store(path).close()
    with sqlite3.connect(path) as conn:
        codes = [code for (code,) in conn.execute("SELECT check_in_code FROM person")]
    assert len(codes) == 42 and all(FORMAT.match(code or "") for code in codes)
    assert len(set(codes)) == len(codes)


def test_codes_stay_out_of_the_ministry_bundle(demo_store):
    from mesa_desktop.bundle.datapackage import tables
    from mesa_desktop.bundle.rows import read_mesa_rows

    person = next(spec for spec in tables() if spec.name == "person")
    assert "check_in_code" not in person.field_names
    with demo_store.reading() as db:
        rows = read_mesa_rows(db.connection(), the_mesa(db).id)["person"]
    codes = {p.check_in_code for p in conformation.list_people(demo_store)}
    assert rows and not any(code in str(row) for row in rows for code in codes)


def test_imported_members_get_distinct_codes(store, tmp_path):
    from mesa_desktop.services import member_import

    path = tmp_path / "miembros.csv"
    path.write_text(
        "Nombre,Dependencia,Rol\nJosé Peñaranda Ortiz,Subsecretaría de Salud Pública,Delegado\n"
        "Ángela Núñez,Subsecretaría de Salud Pública,Suplente\n",
        encoding="utf-8",
    )
    result = member_import.apply_import(store, member_import.preview_member_file(store, path))
    assert result.people_added == 2
    codes = [p.check_in_code for p in conformation.list_people(store)]
    assert len(codes) == 2 and all(FORMAT.match(c or "") for c in codes) and codes[0] != codes[1]

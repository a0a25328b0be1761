"""`mesa liaison …`: list and set the national mesa's enlaces permanentes; `mesa check --json`
carries the `permanent_liaison` rule with its guideline section."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from tests.support.cli import as_json, mesa
from tests.support.liaisons import DED, OPS, national_store

ACCESO = "Acceso y aseguramiento en salud"


@pytest.fixture
def national_db(tmp_path):
    path = tmp_path / "national" / "mesa.sqlite"  # demo_store_file takes tmp_path/mesa.sqlite
    path.parent.mkdir()
    national_store(path).close()
    return path


# Past the 10 business days a new mesa has to designate its enlaces (2.5's term).
LATER = {"MESA_TODAY": (date.today() + timedelta(days=60)).isoformat()}


def liaison_findings(db, env=LATER):
    return [f for f in as_json(mesa("check", "--json", db=db, env=env)) if f["rule"] == "permanent_liaison"]


@pytest.mark.slow  # over a second: five `mesa` processes
def test_set_list_and_check_read_back(national_db):
    fresh = liaison_findings(national_db, env=None)
    assert len(fresh) == 12 and {f["status"] for f in fresh} == {"pending"}
    before = liaison_findings(national_db)
    assert len(before) == 12 and {f["status"] for f in before} == {"missing"}
    assert {f["section"] for f in before} == {"1.4"}

    made = mesa("liaison", "set", "--dependency", "OPS", "--group", "acceso y aseguramiento en salud",
                "--person", "ana ruiz", "--on", "2026-03-02", db=national_db)  # fmt: skip
    assert made.returncode == 0, made.stderr
    assert "Ana Ruiz es el enlace permanente de «Oficina de Promoción Social»" in made.stdout
    rows = as_json(mesa("liaison", "list", "--json", db=national_db))
    assert len(rows) == 12 * 3
    cell = next(r for r in rows if r["dependency"] == OPS and r["work_group"] == ACCESO)
    assert cell == {
        "dependency": OPS,
        "work_group": ACCESO,
        "person": "Ana Ruiz",
        "designated_on": "2026-03-02",
    }
    assert all(r["person"] is None for r in rows if r is not cell)
    text = mesa("liaison", "list", db=national_db).stdout
    assert "Sin designar" in text and "2 de marzo de 2026" in text and "35 sin designar de 36." in text

    ops = next(f for f in liaison_findings(national_db) if f["title"].endswith(OPS))
    assert ops["status"] == "missing" and f"{ACCESO}: Ana Ruiz" in ops["detail"]
    assert ACCESO not in ops["detail"].split("Designados")[0]


@pytest.mark.slow  # over a second: four `mesa` processes
def test_errors_are_spanish_with_exit_code_1(national_db, demo_store_file):
    wrong = mesa(
        "liaison", "set", "--dependency", DED, "--group", ACCESO, "--person", "Ana Ruiz", db=national_db
    )
    assert wrong.returncode == 1 and "Ana Ruiz no pertenece a «Dirección de Epidemiología" in wrong.stderr
    unknown = mesa(
        "liaison", "set", "--dependency", DED, "--group", "Otro", "--person", "Luis Mora", db=national_db
    )
    assert unknown.returncode == 1 and "No existe el grupo de trabajo «Otro»" in unknown.stderr
    bad_date = mesa("liaison", "set", "--dependency", DED, "--group", ACCESO, "--person", "Luis Mora",
                    "--on", "2 de marzo", db=national_db)  # fmt: skip
    assert bad_date.returncode == 1 and "AAAA-MM-DD" in bad_date.stderr
    territorial = mesa(
        "liaison", "set", "--dependency", "x", "--group", "y", "--person", "z", db=demo_store_file
    )
    assert territorial.returncode == 1 and "mesa nacional" in territorial.stderr
    assert [f for f in as_json(mesa("check", "--json", db=demo_store_file))
            if f["rule"] == "permanent_liaison"] == []  # fmt: skip


@pytest.mark.slow  # over a second: four `mesa` processes
def test_work_groups_from_the_command_line(national_db):
    assert mesa("liaison", "group-add", "Talento humano", db=national_db).returncode == 0
    assert "Talento humano" in mesa("liaison", "groups", db=national_db).stdout
    removed = mesa("liaison", "group-remove", "talento HUMANO", db=national_db)
    assert removed.returncode == 0 and "Talento humano" in removed.stdout
    assert "Talento humano" not in mesa("liaison", "groups", db=national_db).stdout


@pytest.mark.slow  # over a second: four `mesa` processes
def test_the_example_work_groups_are_labelled_as_examples(tmp_path):
    db = tmp_path / "nueva.sqlite"
    assert (
        mesa("init", "--territory", "00", "--kind", "national", "--preset", "nacional", db=db).returncode == 0
    )
    assert as_json(mesa("liaison", "groups", "--json", db=db)) == []  # nothing loaded silently
    helped = mesa("liaison", "--help").stdout
    assert "grupos de trabajo de ejemplo (ejes del plan de acción)" in " ".join(helped.split())
    assert "grupos de trabajo del Plan que falten" not in helped
    loaded = mesa("liaison", "group-preset", db=db)
    assert loaded.returncode == 0 and "grupos de trabajo de ejemplo" in loaded.stdout
    assert "Acceso y aseguramiento en salud" in loaded.stdout

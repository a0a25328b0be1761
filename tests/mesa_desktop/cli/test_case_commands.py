"""`mesa case add|update|list`: the contract of issue 10, Spanish errors, exit codes, JSON read back."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from mesa_desktop import clock
from tests.support.cli import as_json, run


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "mesa.sqlite"
    assert run("init", "--territory", "54001", "--preset", "territorial", db=path).returncode == 0
    return path


@pytest.mark.slow  # over a second: several runs of the command
def test_add_update_and_list_read_back_as_json(db):
    added = as_json(
        run(
            "--json", "case", "add", "--code", "REM-2026-07", "--need", "vacunacion",
            "--referred-by", "Cruz Roja Colombiana", "--route", "ESE Hospital Erasmo Meoz",
            "--on", "2026-03-02", db=db,
        )
    )  # fmt: skip
    assert (added["code"], added["status"], added["route"]) == (
        "REM-2026-07",
        "received",
        "ESE Hospital Erasmo Meoz",
    )
    # The label works as well as the code; the note goes into the history.
    updated = run("case", "update", "rem-2026-07", "--status", "En gestión", "--note", "Cita el lunes", db=db)
    assert updated.returncode == 0 and "en gestión" in updated.stdout
    listed = as_json(run("case", "list", "--json", db=db))
    assert [(c["code"], c["need"], c["status"], c["referred_on"]) for c in listed] == [
        ("REM-2026-07", "vacunacion", "in_progress", "2026-03-02")
    ]
    assert listed[0]["identifies_person"] is False and "person_name" not in listed[0]
    closed = as_json(run("--json", "case", "update", "REM-2026-07", "--status", "resolved", db=db))
    assert closed["closed_on"] == clock.today().isoformat()
    # Out of a closed state only with a reason.
    refused = run("case", "update", "REM-2026-07", "--status", "in_progress", db=db)
    assert refused.returncode == 1 and "motivo" in refused.stderr


@pytest.mark.slow  # over a second: several runs of the command
def test_errors_are_spanish_with_exit_code_1(db):
    assert (
        run("case", "add", "--code", "A-1", "--need", "urgencias", "--referred-by", "OIM", db=db).returncode
        == 0
    )
    duplicate = run("case", "add", "--code", "a-1", "--need", "urgencias", "--referred-by", "OIM", db=db)
    assert duplicate.returncode == 1 and "Ya hay un caso con el código «a-1»" in duplicate.stderr
    unknown = run("case", "update", "B-9", "--status", "resolved", db=db)
    assert unknown.returncode == 1 and "No hay un caso con el código «B-9»" in unknown.stderr
    bad_status = run("case", "update", "A-1", "--status", "cerrado", db=db)
    assert bad_status.returncode == 1 and "Estado de caso desconocido «cerrado»" in bad_status.stderr
    bad_need = run("case", "add", "--need", "dental", "--referred-by", "OIM", db=db)
    assert bad_need.returncode == 1 and "Necesidad desconocida «dental»" in bad_need.stderr
    bad_date = run("case", "add", "--need", "urgencias", "--referred-by", "OIM", "--on", "2/3/26", db=db)
    assert bad_date.returncode == 1 and "AAAA-MM-DD" in bad_date.stderr
    missing = run("case", "add", "--need", "urgencias", db=db)  # usage: --referred-by is required
    assert missing.returncode == 2


def test_update_help_names_the_statuses_in_spanish():
    shown = " ".join(run("case", "update", "--help").stdout.split())
    assert "en español o por su código: Recibido (received), Remitido (referred)" in shown
    assert "Cerrado sin resolver (unresolved)" in shown and "--follow-up FECHA" in shown


@pytest.mark.slow  # over a second: several runs of the command
def test_a_code_that_looks_like_a_name_or_an_id_number_is_refused(db):
    for code in ("Juan Pérez 1.090.123.456", "Juan Pérez", "1090123456", "CC 1.090.123"):
        refused = run("case", "add", "--code", code, "--need", "urgencias", "--referred-by", "OIM", db=db)
        assert refused.returncode == 1, code
        assert "un código de caso, no el nombre" in refused.stderr and "Ley 1581" in refused.stderr
    assert as_json(run("case", "list", "--json", db=db)) == []
    kept = run("case", "add", "--code", "REM-2026-07", "--need", "urgencias", "--referred-by", "OIM", db=db)
    assert kept.returncode == 0, kept.stderr


@pytest.mark.slow  # over a second: several runs of the command
def test_update_says_when_the_follow_up_has_passed_and_takes_a_new_one(db):
    today = clock.today()
    added = run(
        "case", "add", "--code", "R-1", "--need", "urgencias", "--referred-by", "OIM",
        "--on", (today - timedelta(days=30)).isoformat(),
        "--follow-up", (today - timedelta(days=5)).isoformat(), db=db,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    moved = run("case", "update", "R-1", "--status", "remitido", db=db)
    assert moved.returncode == 0 and "ya venció: indique el próximo con --follow-up" in moved.stdout
    ahead = (today + timedelta(days=10)).isoformat()
    updated = as_json(
        run("--json", "case", "update", "R-1", "--status", "en gestión", "--follow-up", ahead, db=db)
    )
    assert updated["next_follow_up"] == ahead and updated["overdue"] is False

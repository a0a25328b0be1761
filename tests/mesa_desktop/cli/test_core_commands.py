"""The `mesa` command, run as the installed console script (DESIGN §8 contract)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import run


@pytest.fixture
def db(tmp_path) -> Path:
    path = tmp_path / "mesa.sqlite"
    assert run("init", "--territory", "54001", "--preset", "territorial", db=path).returncode == 0
    return path


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_full_meeting_through_the_command(db):
    number = json.loads(
        run(
            "--json", "session", "new", "--date", "2026-03-05", "--time", "09:00", "--kind", "ordinary", db=db
        ).stdout
    )
    assert number["number"] == "001-2026"
    deps = json.loads(run("member", "list", "--json", db=db).stdout)
    members = [d["name"] for d in deps if not d["invited"]]
    for index, dep in enumerate(members[:7]):
        assert (
            run(
                "member",
                "add",
                "--dependency",
                dep,
                "--name",
                f"Persona {index}",
                "--role",
                "delegate",
                db=db,
            ).returncode
            == 0
        )
    for index in range(6):
        assert run("checkin", "001-2026", "--name", f"Persona {index}", db=db).returncode == 0
    quorum = json.loads(run("quorum", "001-2026", "--json", db=db).stdout)
    assert {k: quorum[k] for k in ("present", "required", "total", "met", "rule")} == {
        "present": 6,
        "required": 7,
        "total": 12,
        "met": False,
        "rule": "mitad_mas_uno",
    }
    out = run("checkin", "001-2026", "--name", "persona 6", db=db)
    assert out.stdout.splitlines()[-1] == "7 de 12 delegaciones — hay quórum"
    again = json.loads(run("checkin", number["id"], "--name", "Persona 6", "--json", db=db).stdout)
    assert again["changed"] is False
    out = run("checkout", "001-2026", "--name", "Persona 6", db=db)
    assert "falta 1" in out.stdout
    listed = json.loads(run("session", "list", "--json", db=db).stdout)
    assert listed == [
        {
            **listed[0],
            "id": number["id"],
            "number": "001-2026",
            "date": "2026-03-05",
            "kind": "ordinary",
            "status": "planned",
        }
    ]


def test_invited_member_never_counts(db):
    run("session", "new", "--date", "2026-03-05", "--kind", "ordinary", db=db)
    assert (
        run(
            "member", "add", "--dependency", "Cruz Roja Colombiana", "--invited", "--name", "Ana Cruz", db=db
        ).returncode
        == 0
    )
    result = json.loads(run("checkin", "001-2026", "--name", "Ana Cruz", "--json", db=db).stdout)
    assert result["counts_for_quorum"] is False and result["quorum"]["present"] == 0


def test_deadline_in_business_days_across_semana_santa(tmp_path):
    # 27 March 2026 + 10 business days skips Holy Thursday/Friday (2–3 April).
    out = run("deadline", "2026-03-27", "--business-days", "10", "--json", env_db=tmp_path / "x.sqlite")
    assert json.loads(out.stdout) == {"due": "2026-04-14"}


def test_db_comes_from_the_environment(tmp_path):
    path = tmp_path / "env.sqlite"
    assert run("init", "--territory", "44430", env_db=path).returncode == 0
    assert "Maicao" in run("member", "list", env_db=path).stdout or path.exists()
    assert run("--json", "session", "list", env_db=path).stdout.strip() == "[]"


@pytest.mark.parametrize(
    "args, code, message",
    [
        (("deadline", "2026-02-30", "--business-days", "3"), 1, "no es válida"),
        (("deadline", "2026-02-03", "--business-days", "tres"), 1, "número entero"),
        (("session", "new", "--date", "2026-03-05", "--kind", "weekly"), 2, "no admite «weekly»"),
        (("session", "new", "--kind", "ordinary"), 2, "faltan argumentos obligatorios: --date"),
        (("checkin", "999-2026", "--name", "x"), 1, "No existe la sesión 999-2026"),
        (("init", "--territory", "54001"), 1, "ya tiene una mesa"),
        (("frobnicate",), 2, "no existe"),
    ],
)
def test_errors_are_one_spanish_line_with_the_right_exit_status(db, args, code, message):
    result = run(*args, db=db)
    assert result.returncode == code
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_commands_on_an_empty_store_explain_what_to_do(tmp_path):
    result = run("session", "list", db=tmp_path / "vacio.sqlite")
    assert result.returncode == 1 and "mesa init" in result.stderr


def test_demo_refuses_a_non_empty_store(db):
    result = run("demo", db=db)
    assert result.returncode == 1 and "solo se carga en un almacén vacío" in result.stderr


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_demo_then_compliance_and_commitments(tmp_path):
    path = tmp_path / "demo.sqlite"
    assert run("demo", db=path).returncode == 0
    findings = json.loads(run("check", "--json", db=path).stdout)
    assert {"code", "title", "status", "due", "section", "detail"} <= set(findings[0])
    assert any(f["status"] == "missing" for f in findings)
    overdue = json.loads(run("commitments", "--overdue", "--json", db=path).stdout)
    assert overdue and all(c["overdue"] for c in overdue)


def test_backup_and_restore_commands(tmp_path, db):
    copy = tmp_path / "copia.sqlite"
    assert run("backup", "-o", str(copy), db=db).returncode == 0
    run("session", "new", "--date", "2026-03-05", "--kind", "ordinary", db=db)
    restored = run("restore", str(copy), "--json", db=db)
    assert restored.returncode == 0
    assert Path(json.loads(restored.stdout)["previous_kept_at"]).exists()
    assert json.loads(run("session", "list", "--json", db=db).stdout) == []
    bad = tmp_path / "mala.sqlite"
    bad.write_text("hola")
    result = run("restore", str(bad), db=db)
    assert result.returncode == 1 and "no es una copia de seguridad" in result.stderr

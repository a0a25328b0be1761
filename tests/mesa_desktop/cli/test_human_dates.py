"""The human CLI output writes dates as people in Colombia read them («31 dic 2026»); ``--json``
keeps ISO dates for scripts (review of issue 10, item 20)."""

from __future__ import annotations

import re

import pytest

from tests.support.cli import as_json, mesa

TODAY = {"MESA_TODAY": "2026-06-01"}
ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "mesa.sqlite"
    assert mesa("init", "--territory", "54001", db=path, env=TODAY).returncode == 0
    return path


@pytest.mark.slow  # over a second: three `mesa` processes
def test_check_shows_es_co_dates_and_its_json_keeps_iso(db):
    text = mesa("check", db=db, env=TODAY).stdout
    assert "30 jun 2026" in text and "31 dic 2026" in text  # the second and fourth quarters' terms
    assert not ISO.search(text), text
    dues = {f["code"]: f["due"] for f in as_json(mesa("check", "--json", db=db, env=TODAY))}
    assert dues["sessions_per_quarter_q4"] == "2026-12-31"


@pytest.mark.slow  # over a second: two `mesa` processes and a PDF
def test_the_periodic_report_message_shows_es_co_dates(db, tmp_path):
    out = tmp_path / "informe.pdf"
    made = mesa(
        "report", "periodic", "--from", "2026-01-01", "--to", "2026-06-30", "-o", out, db=db, env=TODAY
    )
    assert made.returncode == 0, made.stderr
    assert "Informe periódico del 1 ene 2026 al 30 jun 2026 (0 sesiones)" in made.stdout
    assert not ISO.search(made.stdout.split(" en /")[0])
    data = as_json(
        mesa(
            "report",
            "periodic",
            "--from",
            "2026-01-01",
            "--to",
            "2026-06-30",
            "-o",
            out,
            "--json",
            db=db,
            env=TODAY,
        )
    )
    assert data["file"] == str(out)

"""The informe periódico is built from its period's data only, and its PDF read back says so."""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from mesa_desktop.documents.periodic_report import write_periodic_report
from mesa_desktop.services import commitments, document_data
from mesa_desktop.vocabulary import CommitmentState

FIRST_HALF = {"start": date(2026, 1, 1), "end": date(2026, 6, 30)}


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) no está instalado")
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    return re.sub(r"\s+", " ", out.stdout.replace("\u00a0", " "))


def test_only_commitments_due_in_the_period_with_their_state_at_its_end(demo_store):
    everything = commitments.list_commitments(demo_store)
    assert any(c.due_date and c.due_date.month == 9 for c in everything)
    report = document_data.periodic_report_data(demo_store, **FIRST_HALF)
    assert [c.due_date for c in report.commitments] == [
        date(2026, 3, 28),
        date(2026, 4, 12),
        date(2026, 6, 20),
    ]
    assert [c.status for c in report.commitments] == [
        CommitmentState.OVERDUE,
        CommitmentState.OVERDUE,
        CommitmentState.DONE,
    ]
    assert [s.number for s in report.sessions] == ["001-2026", "002-2026"]


def test_a_commitment_done_after_the_period_was_open_at_its_end(demo_store):
    july = next(c for c in commitments.list_commitments(demo_store) if c.due_date == date(2026, 7, 20))
    assert july.status == "done" and july.done_on == date(2026, 7, 17)
    assert document_data.commitment_at(july, date(2026, 7, 31)) is CommitmentState.DONE
    assert document_data.commitment_at(july, date(2026, 7, 10)) is CommitmentState.PENDING
    assert document_data.commitment_at(july, date(2026, 7, 25)) is CommitmentState.DONE
    september = next(c for c in commitments.list_commitments(demo_store) if c.due_date == date(2026, 9, 7))
    assert document_data.commitment_at(september, date(2026, 6, 30)) is CommitmentState.IN_PROGRESS
    assert document_data.commitment_at(september, date(2026, 9, 30)) is CommitmentState.OVERDUE


def test_articulations_and_cases_of_the_period(demo_store):
    report = document_data.periodic_report_data(demo_store, **FIRST_HALF)
    actors = {a.actor: a.sessions_attended for a in report.articulations}
    assert actors["Migración Colombia"] == 2
    assert all(1 <= n <= 2 for n in actors.values())
    whole_year = document_data.periodic_report_data(
        demo_store, start=date(2026, 1, 1), end=date(2026, 12, 31)
    )
    assert sum(c.total for c in report.cases) < sum(c.total for c in whole_year.cases)
    drafts = document_data.periodic_drafts(report)
    assert "2 sesiones en el periodo" in drafts["progress"]
    assert "2 compromisos vencieron" in drafts["challenges"]
    assert "Migración Colombia: asistió a 2 sesiones" in drafts["articulations"]
    assert drafts["opportunities"] == "" and drafts["psychosocial"] == ""


@pytest.mark.slow  # over a second: a PDF with charts, read back
def test_the_first_half_pdf_does_not_list_september_as_overdue(demo_store, tmp_path):
    september = [
        c.text for c in commitments.list_commitments(demo_store) if c.due_date and c.due_date.month > 6
    ]
    report = document_data.periodic_report_data(
        demo_store, **FIRST_HALF, articulations="Gestionar con la OIM.", psychosocial="Equipo psicosocial."
    )
    text = pdf_text(write_periodic_report(report, tmp_path / "informe.pdf"))
    assert "Periodo del 1 de enero de 2026 al 30 de junio de 2026" in text
    for heading in (
        "Articulaciones requeridas con otros actores",
        "Estrategia de acompañamiento psicosocial",
        "Casos remitidos en el periodo",
    ):
        assert heading in text
    assert "Gestionar con la OIM." in text and "Equipo psicosocial." in text
    assert "3 compromisos vencen en el periodo" in text and "Vencido: 2" in text
    assert "Migración Colombia" in text and "Borrador (sin emitir)" in text
    for item in september:
        assert item[:40] not in text


@pytest.mark.slow  # over a second: the CLI in a process of its own
def test_the_cli_keeps_its_contract_and_filters_the_period(demo_store_file, tmp_path):
    from mesa_desktop.store import Store
    from tests.support.cli import as_json, run

    store = Store(demo_store_file, backup=False)
    try:
        later = [c.text for c in commitments.list_commitments(store) if c.due_date and c.due_date.month > 6]
    finally:
        store.close()
    out = tmp_path / "periodico.pdf"
    args = ["report", "periodic", "--from", "2026-01-01", "--to", "2026-06-30", "--json"]
    result = run(*args, "--psychosocial", "Equipo psicosocial.", "-o", str(out), db=demo_store_file)
    assert result.returncode == 0, result.stderr
    assert as_json(result)["sessions"] == 2
    text = pdf_text(out)
    assert "Equipo psicosocial." in text and "3 compromisos vencen en el periodo" in text
    assert not [item for item in later if item[:40] in text]

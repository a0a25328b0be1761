"""The periodic report's "Casos remitidos" section, read back from the PDF: totals per need and
status for the cases referred in the period only, and never a case's code, route or name."""

from __future__ import annotations

import re
import subprocess
from datetime import date

import pytest

from mesa_desktop.documents.periodic_report import write_periodic_report
from mesa_desktop.services import cases, document_data


def _text(pdf) -> str:
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True)
    return out.stdout


@pytest.mark.slow  # over a second: renders a PDF
def test_the_periodic_report_shows_case_totals_for_its_period(store, tmp_path):
    def add(on, need, **extra):
        return cases.add_case(store, referred_on=on, referring_actor="OIM", need=need, **extra)

    named = add(date(2026, 2, 3), "vacunacion", person_name="Yusmary Pérez", route="ESE Erasmo Meoz")
    cases.set_status(store, named.id, "resolved", on=date(2026, 2, 20))
    add(date(2026, 3, 1), "vacunacion", next_follow_up=date(2026, 3, 15))  # overdue at the period's end
    late = add(date(2026, 4, 2), "urgencias")
    cases.set_status(store, late.id, "unresolved", on=date(2026, 4, 30))
    add(date(2026, 8, 1), "salud_mental")  # after the period: not counted
    report = document_data.periodic_report_data(
        store, start=date(2026, 1, 1), end=date(2026, 6, 30), progress="", challenges="", opportunities=""
    )
    text = _text(write_periodic_report(report, tmp_path / "informe.pdf"))
    section = text[text.index("Casos remitidos") :]
    flat = re.sub(r"\s+", " ", section)
    assert "se recibieron 3 casos remitidos" in flat
    assert "1 resuelto, 1 cerrado sin resolver y 1 en seguimiento" in flat
    assert "1 caso tiene el seguimiento vencido" in flat
    rows = {line.split()[0]: line.split()[-6:] for line in section.splitlines() if line.strip()}
    # Recibido, Remitido, En gestión, Resuelto, Cerrado sin resolver, Total
    assert rows["Atención"] == ["0", "0", "0", "0", "1", "1"]
    assert rows["Vacunación"] == ["1", "0", "0", "1", "0", "2"]
    assert rows["Total"] == ["1", "0", "0", "1", "1", "3"]
    assert "Salud mental" not in section
    for secret in ("Yusmary", "Erasmo Meoz", named.code):
        assert secret not in text


@pytest.mark.slow  # over a second: renders a PDF
def test_the_cases_section_is_printed_once(store, tmp_path):
    cases.add_case(store, referred_on=date(2026, 2, 3), referring_actor="OIM", need="vacunacion")
    report = document_data.periodic_report_data(store, start=date(2026, 1, 1), end=date(2026, 6, 30))
    flat = re.sub(r"\s+", " ", _text(write_periodic_report(report, tmp_path / "informe.pdf")))
    assert flat.count("se recibieron 1 caso remitido") == 1
    assert flat.count("Casos remitidos en el periodo") == 1
    assert "9. Casos remitidos en el periodo" in flat and "10. Avance del plan de acción" in flat
    assert "11. " not in flat


@pytest.mark.slow  # over a second: renders the demo's report with its charts
def test_the_commitments_chart_does_not_repeat_its_section_heading(demo_store, tmp_path):
    report = document_data.periodic_report_data(demo_store, start=date(2026, 1, 1), end=date(2026, 6, 30))
    flat = re.sub(r"\s+", " ", _text(write_periodic_report(report, tmp_path / "informe.pdf")))
    assert flat.count("Compromisos por estado") == 1
    assert "Estado al 30 de junio de 2026" in flat


@pytest.mark.slow  # over a second: renders a PDF
def test_a_case_resolved_after_the_period_counts_as_open_in_its_report(store, tmp_path):
    case = cases.add_case(
        store,
        code="T-1",
        referred_on=date(2026, 6, 25),
        referring_actor="OIM",
        need="salud_mental",
        next_follow_up=date(2026, 6, 28),
    )
    cases.set_status(store, case.id, "resolved", on=date(2026, 12, 2), note="Atendido en julio")
    report = document_data.periodic_report_data(store, start=date(2026, 1, 1), end=date(2026, 6, 30))
    flat = re.sub(r"\s+", " ", _text(write_periodic_report(report, tmp_path / "informe.pdf")))
    assert "al 30 de junio de 2026, 0 resueltos, 0 cerrados sin resolver y 1 en seguimiento" in flat

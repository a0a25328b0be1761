"""Cases in the ministry's national view and report: per territory and department, and the
country's totals per need and status, from the bundles' case_aggregate only."""

from __future__ import annotations

import io
import re
from collections import Counter
from datetime import date

import pytest

from mesa_desktop.bundle.national import national_view
from mesa_desktop.bundle.national_report import national_pdf, national_workbook
from mesa_desktop.services import cases
from mesa_desktop.vocabulary import CLOSED_CASE_STATUSES
from tests.support.bundles import copy_store, make_importer

TODAY = date(2026, 11, 22)


def _expected(bundle_set, folder) -> Counter[str]:
    store = copy_store(bundle_set.territorial_file, folder)
    try:
        counts: Counter[str] = Counter()
        for a in cases.aggregates(store):
            if a["year"] == 2026:
                counts[a["status"]] += a["count"]
        return counts
    finally:
        store.close()


@pytest.mark.slow  # over a second: imports a bundle, renders the national PDF and workbook
def test_cases_per_territory_department_and_need(ministry_store, bundle_set, tmp_path):
    summary = make_importer(ministry_store, tmp_path).import_paths([bundle_set.second])
    assert [o.status for o in summary.outcomes] == ["imported"]
    expected = _expected(bundle_set, tmp_path / "territorial")
    total = expected.total()
    still_open = total - sum(expected[s] for s in CLOSED_CASE_STATUSES)
    assert total and still_open  # the demo has both
    view = national_view(ministry_store, year=2026, today=TODAY, only_reported=True)
    cucuta = next(line for line in view.lines if line.territory_code == "54001")
    assert (cucuta.cases_total, cucuta.cases_open) == (total, still_open)
    department = next(d for d in view.departments if d.code == "54")
    assert department.cases_total == total
    assert sum(counts["total"] for _need, counts in view.case_totals) == total
    resolved = sum(counts["resolved"] for _need, counts in view.case_totals)
    assert resolved == expected["resolved"]

    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(national_pdf(view))).pages)
    text = re.sub(r"\s+", " ", text)  # header cells wrap
    assert "Casos remitidos por necesidad y estado" in text and "Cerrado sin resolver" in text
    assert f"{total} ({still_open} abiertos)" in text

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(national_workbook(view)))
    sheet = book["Territorios"]
    headers = [cell.value for cell in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[2].value == "54001")
    assert (row[headers.index("Casos del año")].value, row[headers.index("Casos abiertos")].value) == (
        total,
        still_open,
    )

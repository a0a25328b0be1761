"""The ministry's national view and report, from a consolidation store on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import random
from datetime import UTC, date, datetime

import pytest

from mesa_desktop.bundle import export, signing
from mesa_desktop.bundle.national import STALE_AFTER_DAYS, national_view
from mesa_desktop.bundle.national_report import national_pdf, national_workbook, write_national_report
from mesa_desktop.errors import InvalidInput
from mesa_desktop.rules import compliance
from tests.support import bundle_generator
from tests.support.bundles import copy_store, make_importer, ministry_recipients

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def stale_bundle(bundle_set, tmp_path_factory):
    """Arauca's only bundle, sent in May: more than 120 days before TODAY."""
    folder = tmp_path_factory.mktemp("arauca")
    store = copy_store(bundle_set.territorial_file, folder / "base")
    try:
        snapshot = export.collect_snapshot(store)
    finally:
        store.close()
    arauca = bundle_generator.territory_snapshot(snapshot, "81001", random.Random(7))
    arauca.tables["mesa"][0].update(acto_number=None, acto_date=None)
    built = export.build_bundle(
        arauca,
        signing_key=signing.generate_signing_key(),
        recipients=ministry_recipients(),
        sequence=2,
        created_at=datetime(2026, 5, 4, 14, 0, tzinfo=UTC),
    )
    path = folder / built.file_name
    path.write_bytes(built.data)
    return path


@pytest.fixture
def consolidated(ministry_store, bundle_set, stale_bundle, tmp_path):
    summary = make_importer(ministry_store, tmp_path).import_paths(
        [bundle_set.first, bundle_set.second, bundle_set.other, stale_bundle]
    )
    assert [o.status for o in summary.outcomes] == ["imported"] * 4
    return ministry_store


def line(view, code):
    return next(item for item in view.lines if item.territory_code == code)


def test_every_territory_has_a_line_and_the_silent_ones_say_so(consolidated):
    view = national_view(consolidated, year=2026, today=TODAY)
    # Bogotá, D.C. is one territory, the district: 1,155 DIVIPOLA entries less its department.
    assert len(view.lines) == 1154 and view.reported == 3
    silent = line(view, "91001")
    assert (silent.reported, silent.last_bundle_at, silent.stale) == (False, None, False)
    assert [item.territory_code for item in view.lines[:2]] == ["05", "05001"]


def test_a_territory_line_sums_up_its_mesa(consolidated):
    view = national_view(consolidated, year=2026, today=TODAY)
    cucuta = line(view, "54001")
    assert cucuta.reported and cucuta.mesa_kind == "municipal"
    assert cucuta.acto == "Decreto 0142 de 2026 (20 de febrero de 2026)" and cucuta.formalised
    assert cucuta.focal_point == "Marcela Jaimes Villamizar" and cucuta.focal_point_status == "ok"
    assert cucuta.sessions_per_quarter == (1, 1, 1, 1) and cucuta.ordinary_held == 4
    assert 0 < cucuta.with_quorum <= 4
    assert cucuta.open_commitments >= cucuta.overdue_commitments > 0
    assert 0 < cucuta.plan_progress <= 100
    # The newest snapshot is the one shown: export n.º 2 of 16 November.
    assert (cucuta.last_sequence, cucuta.days_since_bundle, cucuta.stale) == (2, 6, False)


def test_old_bundles_are_flagged_stale(consolidated):
    view = national_view(consolidated, year=2026, today=TODAY)
    arauca = line(view, "81001")
    assert arauca.days_since_bundle > STALE_AFTER_DAYS and arauca.stale
    assert arauca.acto is None and not arauca.formalised
    departments = {d.code: d for d in view.departments}
    assert (departments["81"].reported, departments["81"].stale, departments["81"].formalised) == (1, 1, 0)
    assert departments["54"].reported == 1 and departments["54"].territories == 41


def test_bogota_is_one_territory_the_district(consolidated, bundle_set, tmp_path):
    view = national_view(consolidated, year=2026, today=TODAY)
    assert [item.territory_code for item in view.lines if item.department_code == "11"] == ["11001"]
    assert next(d for d in view.departments if d.code == "11").territories == 1


def test_a_bundle_sent_as_bogotas_department_still_has_its_line(consolidated, bundle_set, tmp_path):
    """A mesa set up with code 11 is not hidden: its line stands next to the district's."""
    store = copy_store(bundle_set.territorial_file, tmp_path / "base")
    try:
        snapshot = export.collect_snapshot(store)
    finally:
        store.close()
    built = export.build_bundle(
        bundle_generator.territory_snapshot(snapshot, "11", random.Random(3)),
        signing_key=signing.generate_signing_key(),
        recipients=ministry_recipients(),
        sequence=1,
        created_at=datetime(2026, 11, 20, 14, 0, tzinfo=UTC),
    )
    path = tmp_path / built.file_name
    path.write_bytes(built.data)
    summary = make_importer(consolidated, tmp_path / "importer").import_paths([path])
    assert [o.status for o in summary.outcomes] == ["imported"]
    view = national_view(consolidated, year=2026, today=TODAY)
    assert [item.territory_code for item in view.lines if item.department_code == "11"] == ["11", "11001"]
    assert len(view.lines) == 1155 and line(view, "11").reported


def test_days_ago_in_spanish():
    from mesa_desktop.bundle.national_report import days_ago

    assert [days_ago(n) for n in (None, 0, 1, 2, 1200)] == [
        "hoy",
        "hoy",
        "hace 1 día",
        "hace 2 días",
        "hace 1200 días",
    ]


def test_only_reported(consolidated):
    view = national_view(consolidated, year=2026, today=TODAY, only_reported=True)
    assert [item.territory_code for item in view.lines] == ["05001", "54001", "81001"]


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_the_workbook_highlights_stale_and_silent_territories(consolidated):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(national_workbook(national_view(consolidated, year=2026, today=TODAY))))
    assert book.sheetnames == ["Territorios", "Departamentos", "Notas"]
    sheet = book["Territorios"]
    rows = {row[2].value: row for row in sheet.iter_rows(min_row=2)}
    assert rows["81001"][0].fill.start_color.rgb.endswith("F9E0E0")
    assert rows["91001"][0].fill.start_color.rgb.endswith("EDEDED")
    assert rows["54001"][0].fill.fill_type is None
    headers = [cell.value for cell in sheet[1]]
    assert rows["54001"][headers.index("Compromisos vencidos")].value > 0
    assert rows["81001"][headers.index("Desactualizado")].value == "Sí"
    for header in ("Instalación", "Sesión de cierre", "Reuniones con el Ministerio", "Informes periódicos"):
        assert rows["54001"][headers.index(f"Regla: {header}")].value is not None
    assert (
        rows["54001"][headers.index("Regla: Informes periódicos")].value in compliance.STATUS_LABELS.values()
    )
    assert rows["91001"][headers.index("Regla: Instalación")].value is None
    assert rows["54001"][headers.index("Acto administrativo (texto)")].value.startswith("Decreto 0142")
    assert rows["54001"][headers.index("Regla: Acto administrativo")].value == "Cumplido"
    summary = book["Departamentos"]
    columns = [cell.value for cell in summary[1]]
    # Every header names one thing: no repeats, no two wordings of one column.
    for names in (headers, columns):
        assert len(names) == len(set(names)), names
    assert "Reporte del punto focal" not in headers
    norte = next(row for row in summary.iter_rows(min_row=2, values_only=True) if row[0] == "54")
    assert norte[columns.index("Cumplen la regla: Acto administrativo")] == 1
    assert "con retraso o aún en plazo" in book["Notas"]["A4"].value
    assert "Generado el" in book["Notas"]["A3"].value and "-" not in book["Notas"]["A3"].value
    assert not book["Notas"]["A3"].value.endswith("..")
    assert "3 de 1.154 territorios" in book["Notas"]["A2"].value


def test_the_pdf_lists_departments_and_territories(consolidated, tmp_path):
    from pypdf import PdfReader

    view = national_view(consolidated, year=2026, today=TODAY, only_reported=True)
    reader = PdfReader(io.BytesIO(national_pdf(view)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Consolidado nacional de las mesas territoriales de migración y salud" in text
    assert "Cúcuta" in text and "Arauca" in text and "Medellín" in text
    assert "No formalizada" in text and "Página 1 de" in text
    with pytest.raises(InvalidInput, match="como .pdf o .xlsx"):
        write_national_report(view, tmp_path / "nacional.odt")


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_the_full_national_pdf(bundle_set, stale_bundle, tmp_path):
    """Every DIVIPOLA territory, on many pages (built once, on SQLite: the PDF does not
    depend on the store)."""
    from pypdf import PdfReader

    from mesa_desktop.store import Store

    store = Store(tmp_path / "ministerio.sqlite")
    try:
        make_importer(store, tmp_path).import_paths([bundle_set.second, stale_bundle])
        path = write_national_report(national_view(store, year=2026, today=TODAY), tmp_path / "nacional.pdf")
    finally:
        store.close()
    reader = PdfReader(path)
    pages = [page.extract_text() for page in reader.pages]
    # The territories that never sent are listed by name per department, not a row of dashes
    # each: a dozen pages, not fifty.
    assert len(pages) < 15, len(pages)
    everything = " ".join(" ".join(pages).split())
    silent = everything[everything.index("Territorios que nunca han enviado un paquete") :]
    assert "1.152 de 1.154 territorios" in silent
    assert "11 Bogotá, D.C. (su único territorio): Bogotá, D.C." in silent
    assert "91 Amazonas (todos sus 12): mesa departamental · Leticia · El Encanto" in silent
    assert "54 Norte de Santander (40 de 41): mesa departamental · Ábrego" in silent
    assert "San José de Cúcuta" not in silent  # it reported: it has its row
    assert "Nunca" not in " ".join(pages[:4]) and "— — —" not in " ".join(pages)
    # No page holds only the header and the footer.
    assert all(len(text.split()) > 40 for text in pages), [len(text.split()) for text in pages]


def pdf_text(path, page=None, *, layout=True):
    import subprocess

    options = (["-f", str(page), "-l", str(page)] if page else []) + (["-layout"] if layout else [])
    return subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def worst_by_rule(findings):
    from mesa_desktop.bundle.national import _SEVERITY, TRACKED_RULES

    worst = {}
    for finding in findings:
        if finding.rule in TRACKED_RULES and _SEVERITY[finding.status] >= _SEVERITY.get(
            worst.get(finding.rule, "not_applicable"), 0
        ):
            worst[finding.rule] = finding.status
    return worst


def test_the_rules_are_those_the_territory_sees(consolidated, bundle_set, tmp_path):
    """The ministry evaluates each consolidated mesa with the territories' own rules: Cúcuta's
    statuses equal what its own store's check says on the same day."""
    from mesa_desktop.services.compliance import check
    from mesa_desktop.store import Store

    view = national_view(consolidated, year=2026, today=TODAY)
    cucuta = line(view, "54001")
    own = Store(bundle_set.territorial_file)
    try:
        expected = worst_by_rule(check(own, year=2026, today=TODAY))
    finally:
        own.close()
    assert set(cucuta.statuses) == {
        "installation_session",
        "sessions_per_quarter",
        "closing_session",
        "ministry_meetings",
        "periodic_report",
        "acto_administrativo",
        "focal_point_reported",
    }
    assert cucuta.statuses == expected
    assert cucuta.status_label("acto_administrativo") == "Cumplido"
    assert line(view, "91001").statuses == {} and not line(view, "91001").compliant


def test_the_department_summary_counts_each_rule_and_the_map_colours_it(consolidated):
    from mesa_desktop.bundle.national_report import department_shares
    from mesa_desktop.documents import map as colombia_map

    view = national_view(consolidated, year=2026, today=TODAY)
    departments = {d.code: d for d in view.departments}
    arauca, norte = departments["81"], departments["54"]
    # Arauca's only mesa has no acto: it fails that rule, so it is not compliant.
    assert arauca.meeting["acto_administrativo"] == 0 and arauca.compliant == 0
    assert arauca.share == 0.0
    cucuta = line(view, "54001")
    assert norte.meeting["acto_administrativo"] == 1
    assert norte.compliant == int(cucuta.compliant) and norte.share == float(cucuta.compliant)
    shares = department_shares(view)
    assert shares["91"] is None and len(shares) == 33
    assert colombia_map.colour_of(shares["81"]) == colombia_map.CLASSES[0].colour
    assert colombia_map.colour_of(shares["91"]) == colombia_map.NO_DATA_COLOUR
    assert [colombia_map.class_of(s) for s in (0.0, 0.19, 0.2, 0.5, 0.79, 0.8, 1.0)] == [0, 0, 1, 2, 3, 4, 4]


@pytest.mark.slow  # over a second: builds the whole country's PDF and renders its map page
def test_the_pdf_opens_with_the_map_then_departments_then_territories(consolidated, tmp_path):
    """Read back with pdftotext: the map and its legend on page 1, the department summary
    with a column per rule next, the territory rows after; es-CO dates only, no ISO."""
    import re
    import shutil
    import subprocess

    view = national_view(consolidated, year=2026, today=TODAY)
    path = write_national_report(view, tmp_path / "nacional.pdf")
    pages = [pdf_text(path, page) for page in (1, 2, 3, 4, 5)]
    assert "Mapa de cumplimiento por departamento" in pages[0]
    assert "Sin datos (ningún territorio ha reportado)" in pages[0] and "80 % o más" in pages[0]
    assert "N. Santander" in pages[0] and re.search(r"\b\d+ %", pages[0]) and "Amazonas" in pages[0]
    # What "cumple" includes, and on how many territories each share rests.
    assert "Cumplir incluye: cumple, con retraso o aún en" in pages[0]
    assert "Punteado: reportan menos de la mitad" in pages[0]
    assert re.search(r"N\. Santander\s+1 de 41\s+\d+ ?%", pages[0]) and re.search(
        r"Amazonas\s+0 de 12\s+s\. d\.", pages[0]
    )
    assert "Resumen por departamento" in pages[1] and "Situación por territorio" not in pages[1]
    summary = " ".join(pages[1].split())
    # Multi-line headers come back a line at a time: look for a word of each.
    for header in ("Instal.", "Trim.", "Cierre", "MSPS", "Informe", "Acto", "P. focal", "Cumplen"):
        assert header in summary
    assert re.search(r"54 Norte de Santander 41 1 (\d+ ){7}\d+ \(\d+ %\)", summary), summary
    # Cell by cell (no layout), so a wrapped cell reads as one phrase.
    everything = " ".join(pdf_text(path, layout=False).split())
    territories = everything[everything.index("Situación por territorio") :]
    for header in ("Instalación", "Cierre", "Reuniones", "periódicos", "Casos"):
        assert header in territories
    assert "20 de febrero de 2026" in territories
    assert "16 nov 2026 (n.º 2" in territories  # Cúcuta's last bundle
    assert not re.search(r"\b20\d\d-\d\d-\d\d\b", everything)
    # Grouped by department: Norte de Santander's rows come after Antioquia's.
    assert territories.index("05001 Medellín") < territories.index("54 Norte de Santander")
    if shutil.which("pdftoppm"):
        from PIL import Image

        from mesa_desktop.documents import map as colombia_map

        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "60",
                "-aa",
                "no",
                "-aaVector",
                "no",
                "-f",
                "1",
                "-l",
                "1",
                "-png",
                str(path),
                str(tmp_path / "mapa"),
            ],
            check=True,
        )
        (png,) = tmp_path.glob("mapa*.png")
        colours = {
            "#{:02x}{:02x}{:02x}".format(*rgb) for _, rgb in Image.open(png).convert("RGB").getcolors(1 << 20)
        }
        # Arauca is red (its mesa has no acto); most of the country has not reported: hatched grey.
        assert {
            colombia_map.CLASSES[0].colour,
            colombia_map.NO_DATA_COLOUR,
            colombia_map.HATCH_COLOUR,
        } <= colours

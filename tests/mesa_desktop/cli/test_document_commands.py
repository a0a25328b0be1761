"""Documents made from a real store through the `mesa` command, read back with pdftotext."""

from __future__ import annotations

import email
import json
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.support.cli import run


def text_of(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def demo_db(demo_store_file) -> Path:
    return demo_store_file


def _sessions(db):
    return {s["number"]: s for s in json.loads(run("session", "list", "--json", db=db).stdout)}


def test_approved_acta_prints_the_hash_recorded_in_the_store(demo_db, tmp_path, demo_store):
    from mesa_desktop.services import actas

    approved = next(n for n, s in _sessions(demo_db).items() if s["status"] == "acta_approved")
    out = tmp_path / "acta.pdf"
    result = run("acta", approved, "-o", str(out), "--json", db=demo_db)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["status"] == "approved"
    text = text_of(out)
    recorded = actas.current_acta(demo_store, approved).content_sha256
    assert recorded.replace(" ", "") in text.replace(" ", "").replace("\n", "")
    assert f"ACTA No. {approved}" in text
    assert "BORRADOR" not in text
    assert "Página 1 de" in text


def test_draft_acta_is_watermarked_and_lists_quorum_and_commitments(demo_db, tmp_path):
    draft = next(n for n, s in _sessions(demo_db).items() if s["status"] == "held")
    out = tmp_path / "borrador.pdf"
    assert run("acta", draft, "-o", str(out), db=demo_db).returncode == 0
    text = text_of(out)
    # The watermark is drawn rotated and translucent; pdftotext skips it, pypdf reads it.
    from pypdf import PdfReader

    assert all("BORRADOR" in page.extract_text() for page in PdfReader(out).pages)
    assert "Regla: la mitad más una de las delegaciones" in text
    commitments = json.loads(run("commitments", "--json", db=demo_db).stdout)
    for c in (c for c in commitments if c["session_number"] == draft):
        assert c["text"][:40] in " ".join(text.split())


def test_attendance_sheet_has_people_and_the_data_notice(demo_db, tmp_path):
    out = tmp_path / "asistencia.pdf"
    result = run("attendance-sheet", "001-2026", "-o", str(out), "--json", db=demo_db)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["attendees"] > 10
    text = " ".join(text_of(out).split())
    assert "Ley 1581 de 2012" in text
    assert "Virtual" in text or "Firma" in text


def test_convocation_letter_ics_and_email_draft(demo_db, tmp_path):
    number = json.loads(
        run(
            "session",
            "new",
            "--date",
            "2026-12-10",
            "--time",
            "09:00",
            "--kind",
            "ordinary",
            "--convened-on",
            "2026-12-01",
            "--json",
            db=demo_db,
        ).stdout
    )["number"]
    result = run("convocation", number, "-o", str(tmp_path), "--json", db=demo_db)
    assert result.returncode == 0, result.stderr
    files = json.loads(result.stdout)
    assert "14 días" in files["warning"]  # nine days of notice: flagged
    assert f"{number}" in text_of(Path(files["pdf"]))
    message = email.message_from_bytes(Path(files["eml"]).read_bytes())
    assert message["X-Unsent"] == "1"
    names = [part.get_filename() for part in message.walk() if part.get_filename()]
    assert sorted(n.rsplit(".", 1)[1] for n in names) == ["ics", "pdf"]
    assert "BEGIN:VEVENT" in Path(files["ics"]).read_text()


def test_progress_report_pdf_and_xlsx(demo_db, tmp_path):
    pdf, xlsx = tmp_path / "avance.pdf", tmp_path / "avance.xlsx"
    assert run("report", "progress", "--cut", "2026-09-30", "-o", str(pdf), db=demo_db).returncode == 0
    text = text_of(pdf)
    assert (
        "Corte: Septiembre 2026" in text
        or "Corte: septiembre 2026" in text.lower().title()
        or "Corte" in text
    )
    assert "Avance total del Plan" in text
    assert "Reporte cualitativo" in text
    assert run("report", "progress", "--cut", "2026-09-30", "-o", str(xlsx), db=demo_db).returncode == 0
    assert load_workbook(xlsx).sheetnames


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_periodic_report_and_excel_exports(demo_db, tmp_path):
    out = tmp_path / "periodico.pdf"
    assert (
        run(
            "report",
            "periodic",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--progress",
            "Se instaló la mesa.",
            "--challenges",
            "Rotación de delegados.",
            "--opportunities",
            "Apoyo de cooperación.",
            "-o",
            str(out),
            db=demo_db,
        ).returncode
        == 0
    )
    text = " ".join(text_of(out).split())
    assert "Rotación de delegados." in text and "001-2026" in text
    for what in ("attendance", "commitments", "plan"):
        target = tmp_path / f"{what}.xlsx"
        assert run("export", what, "-o", str(target), db=demo_db).returncode == 0
        sheet = load_workbook(target).worksheets[0]
        assert sheet.max_row > 2


def test_document_output_must_have_the_right_extension(demo_db, tmp_path):
    result = run("acta", "001-2026", "-o", str(tmp_path / "acta.docx"), db=demo_db)
    assert result.returncode == 1 and "debe terminar en .pdf" in result.stderr

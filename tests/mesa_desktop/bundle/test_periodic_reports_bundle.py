"""The bundle carries the issued informes periódicos (metadata and texts, not drafts nor the
PDF itself), the ministry's store receives them, and bundles from before them still read."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import pytest
from sqlalchemy import select

from mesa_desktop.bundle import archive, datapackage, encryption
from mesa_desktop.models import PeriodicReport
from mesa_desktop.operations import periodic_reports as ops
from tests.support.bundles import export_to, make_importer, ministry_identities


def _rows(files: dict[str, bytes], table: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[f"data/{table}.csv"].decode())))


@pytest.mark.slow  # over a second: issuing renders a PDF, then a real bundle is sealed and imported
def test_the_bundle_carries_the_issued_reports_and_the_ministry_keeps_them(
    demo_store, ministry_store, tmp_path
):
    issued = ops.new_draft(demo_store, date(2026, 1, 1), date(2026, 6, 30)).value
    ops.save_draft(
        demo_store, issued.id, issued.period_start, issued.period_end, {"psychosocial": "Equipo psicosocial."}
    )
    issued = ops.issue(demo_store, issued.id, date(2026, 7, 8)).value
    issued = ops.mark_sent(demo_store, issued.id, date(2026, 7, 15)).value
    ops.new_draft(demo_store, date(2026, 7, 1), date(2026, 12, 31))  # a draft stays on the laptop

    result = export_to(demo_store, tmp_path / "salida")
    files = archive.read_archive(encryption.decrypt(result.path.read_bytes(), ministry_identities()))
    (row,) = _rows(files, "periodic_report")
    assert row["number"] == "IP-001-2026" and row["status"] == "sent"
    assert row["period_start"] == "2026-01-01" and row["sent_on"] == "2026-07-15"
    assert row["pdf_sha256"] == issued.pdf_sha256 and row["psychosocial"] == "Equipo psicosocial."
    assert "pdf" not in row  # the hash travels, not the document
    assert _rows(files, "mesa")[0]["periodic_report_frequency"] == "semestral"

    outcome = make_importer(ministry_store, tmp_path / "ministerio").import_file(result.path)
    assert outcome.status == "imported", outcome.message
    with ministry_store.reading() as db:
        received = db.scalars(select(PeriodicReport)).all()
        assert [(r.number, r.sent_on, r.pdf_sha256) for r in received] == [
            ("IP-001-2026", date(2026, 7, 15), issued.pdf_sha256)
        ]


def test_a_package_from_before_the_reports_still_validates():
    """An older datapackage.json has neither the table nor the mesa's frequency column."""
    value = datapackage.descriptor(name="x", title="x", created=datetime(2026, 1, 1))
    value["resources"] = [r for r in value["resources"] if r["name"] != "periodic_report"]
    for resource in value["resources"]:
        if resource["name"] == "mesa":
            fields = resource["schema"]["fields"]
            resource["schema"]["fields"] = [f for f in fields if f["name"] != "periodic_report_frequency"]
    found = datapackage.check_descriptor(json.dumps(value).encode())
    assert "periodic_report" not in found
    assert "periodic_report_frequency" not in found["mesa"].field_names

"""Export: a real bundle read back with the standard tools (age, minisign, frictionless),
what it shares and what it never does, sequence and history, and the size budget."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mesa_desktop.bundle import archive, encryption, export, installation, reader
from mesa_desktop.bundle.manifest import sha256_hex
from mesa_desktop.errors import InvalidInput
from mesa_desktop.models import CaseReferral, ExportRecord, Person
from mesa_desktop.services import cases
from mesa_desktop.services.settings import set_setting
from mesa_desktop.store.schema import HEAD_REVISION
from tests.support import bundle_generator
from tests.support.bundles import MINISTRY_KEY, MINISTRY_PUB, ministry_identities

needs_age = pytest.mark.skipif(shutil.which("age") is None, reason="age CLI missing")
needs_minisign = pytest.mark.skipif(shutil.which("minisign") is None, reason="minisign CLI missing")


def run(*command) -> subprocess.CompletedProcess:
    return subprocess.run(
        [os.fspath(c) for c in command],
        capture_output=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.fixture
def exported(demo_store, tmp_path):
    result = export.export_bundle(
        demo_store, tmp_path, to=MINISTRY_PUB, now=datetime(2026, 11, 22, 3, 30, tzinfo=UTC)
    )
    return result


def extract(bundle: Path, folder: Path) -> dict[str, bytes]:
    files = archive.read_archive(encryption.decrypt(bundle.read_bytes(), ministry_identities()))
    for name, content in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(content)
    return files


@needs_age
@needs_minisign
@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_the_standard_tools_open_check_and_validate_a_bundle(exported, tmp_path):
    plain_zip = tmp_path / "paquete.zip"
    decrypted = run("age", "--decrypt", "-i", MINISTRY_KEY, "-o", plain_zip, exported.path)
    assert decrypted.returncode == 0, decrypted.stderr
    folder = tmp_path / "abierto"
    with zipfile.ZipFile(plain_zip) as bundle_zip:
        bundle_zip.extractall(folder)
    assert sorted(p.name for p in folder.iterdir()) == [
        "data",
        "datapackage.json",
        "manifest.json",
        "manifest.json.minisig",
        "signer.pub",
    ]

    verified = run("minisign", "-V", "-m", folder / "manifest.json", "-p", folder / "signer.pub")
    assert verified.returncode == 0, verified.stderr
    assert b"mesa-bundle territory:54001 sequence:1" in verified.stdout

    import frictionless

    report = frictionless.validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "message"])[:5]


def test_manifest_lists_every_file_and_names_the_bundle(exported, tmp_path):
    files = extract(exported.path, tmp_path)
    manifest = json.loads(files["manifest.json"])
    assert exported.file_name == "mesa-54001-20261121-1.mesa"  # 03:30 UTC is the 21st in Colombia
    assert manifest["territory"] == {"code": "54001", "name": "San José de Cúcuta (Norte de Santander)"}
    assert (manifest["sequence"], manifest["format_version"]) == (1, 1)
    assert manifest["schema_revision"] == HEAD_REVISION
    assert manifest["created_at"] == "2026-11-22T03:30:00Z"
    listed = set(manifest["files"])
    assert listed == set(files) - {"manifest.json", "manifest.json.minisig"}
    assert all(manifest["files"][name] == sha256_hex(files[name]) for name in listed)


def test_each_table_has_a_schema_with_keys(exported, tmp_path):
    package = json.loads(extract(exported.path, tmp_path)["datapackage.json"])
    resources = {r["name"]: r for r in package["resources"]}
    attendance = resources["attendance"]["schema"]
    assert attendance["primaryKey"] == ["id"]
    assert {"fields": ["person_id"], "reference": {"resource": "person", "fields": ["id"]}} in attendance[
        "foreignKeys"
    ]
    acta_keys = resources["acta"]["schema"]["foreignKeys"]
    assert {"fields": ["supersedes_id"], "reference": {"resource": "", "fields": ["id"]}} in acta_keys
    fields = {f["name"]: f for f in attendance["fields"]}
    assert fields["check_in_at"]["type"] == "datetime"
    assert fields["id"] == {
        "name": "id",
        "type": "string",
        "format": "uuid",
        "constraints": {"required": True},
    }


def test_sensitive_data_never_leaves(exported, demo_store, tmp_path):
    files = extract(exported.path, tmp_path)
    everything = b"\n".join(files.values()).decode("utf-8")
    with demo_store.reading() as db:
        emails = [e for e in db.scalars(select(Person.email)) if e]
        phones = [p for p in db.scalars(select(Person.phone)) if p]
        case_codes = list(db.scalars(select(CaseReferral.code)))
    assert emails and phones and case_codes
    assert not [e for e in emails if e in everything]
    assert not [p for p in phones if p in everything]
    assert not [c for c in case_codes if c in everything]
    headers = {
        name: next(csv.reader(io.StringIO(content.decode())))
        for name, content in files.items()
        if name.endswith(".csv")
    }
    assert "data/case_referral.csv" not in headers
    assert not {"email", "phone", "id_number", "consent_at"} & set(headers["data/person.csv"])
    assert "signature_png" not in headers["data/attendance.csv"]
    assert "virtual_link" not in headers["data/meeting_session.csv"]
    assert "approved_content" not in headers["data/acta.csv"]
    # The ministry still learns the totals, and the focal point's institutional contact.
    totals = list(csv.DictReader(io.StringIO(files["data/case_aggregate.csv"].decode())))
    assert sum(int(row["count"]) for row in totals) == sum(a["count"] for a in cases.aggregates(demo_store))
    assert "migracionysalud@saludcucuta.gov.co" in files["data/mesa.csv"].decode()


def test_every_export_is_recorded_with_the_next_sequence(demo_store, tmp_path):
    first = export.export_bundle(demo_store, tmp_path, to=MINISTRY_PUB)
    second = export.export_bundle(demo_store, tmp_path / "otra.mesa", to=MINISTRY_PUB)
    assert (first.sequence, second.sequence) == (1, 2)
    assert second.path == tmp_path / "otra.mesa"
    with demo_store.reading() as db:
        records = db.scalars(select(ExportRecord).order_by(ExportRecord.sequence)).all()
        assert [(r.sequence, r.sha256, r.size_bytes) for r in records] == [
            (1, first.sha256, first.size_bytes),
            (2, second.sha256, second.size_bytes),
        ]
    assert sha256_hex(first.path.read_bytes()) == first.sha256
    assert export.find_export(demo_store, second.sha256).sequence == 2
    # Written atomically: no temporary file is left beside the bundles.
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_a_failed_export_leaves_no_file_and_no_record(demo_store, tmp_path):
    with pytest.raises(InvalidInput, match="no es una carpeta existente ni un archivo .mesa"):
        export.export_bundle(demo_store, tmp_path / "informe.pdf", to=MINISTRY_PUB)
    with demo_store.reading() as db:
        assert db.scalar(select(func.count()).select_from(ExportRecord)) == 0
    assert not list(tmp_path.glob("*.mesa")) and not (tmp_path / "informe.pdf").exists()


def test_recipient_from_settings_or_from_to(demo_store, tmp_path):
    (tmp_path / "llaves").mkdir()
    other = encryption.create_identity_files(tmp_path / "llaves" / "otro-ministerio")
    set_setting(demo_store, installation.MINISTRY_KEY_SETTING, str(other.recipient_path))
    configured = export.export_bundle(demo_store, tmp_path)
    assert reader.open_bundle(configured.path.read_bytes(), encryption.load_identities(other.identity_path))
    overridden = export.export_bundle(demo_store, tmp_path, to=MINISTRY_PUB)
    assert reader.open_bundle(overridden.path.read_bytes(), ministry_identities())


def test_a_key_installed_in_the_data_folder_replaces_the_shipped_one(demo_store, tmp_path):
    other = encryption.create_identity_files(tmp_path / "nuevo-ministerio")
    shutil.copy(other.recipient_path, demo_store.file.parent / installation.INSTALLED_MINISTRY_KEY_NAME)
    result = export.export_bundle(demo_store, tmp_path)
    assert reader.open_bundle(result.path.read_bytes(), encryption.load_identities(other.identity_path))


def test_the_shipped_ministry_key_is_the_default(demo_store, tmp_path):
    result = export.export_bundle(demo_store, tmp_path)
    assert reader.open_bundle(result.path.read_bytes(), ministry_identities()).manifest.sequence == 1


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_approved_actas_travel_as_pdfs_without_captured_signatures(demo_store, tmp_path):
    from pypdf import PdfReader

    result = export.export_bundle(demo_store, tmp_path, to=MINISTRY_PUB, include_actas=True)
    opened = reader.open_bundle(result.path.read_bytes(), ministry_identities())
    assert opened.actas == [f"actas/{name}" for name in result.actas]
    assert result.actas == (
        "acta-001-2026-v1.pdf",
        "acta-002-2026-v1.pdf",
        "acta-003-2026-v1.pdf",
        "acta-004-2026-v1.pdf",
    )
    assert "sin las firmas capturadas" in result.notes[0]
    first = PdfReader(io.BytesIO(opened.files["actas/acta-001-2026-v1.pdf"]))
    assert "ACTA No. 001-2026" in first.pages[0].extract_text()
    assert sum(len(page.images) for page in first.pages) == 0
    # The acta the focal point files does carry them: the bundle's copy left them out.
    from mesa_desktop.documents.acta import acta_pdf
    from mesa_desktop.services import document_data, sessions

    signed = acta_pdf(document_data.acta_data(demo_store, sessions.get_session(demo_store, "001-2026").id))
    assert sum(len(page.images) for page in PdfReader(io.BytesIO(signed)).pages) > 0
    assert result.size_bytes < 1024 * 1024


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_year_is_small_and_five_busy_years_fit_the_budget(demo_store, tmp_path):
    year = export.export_bundle(demo_store, tmp_path, to=MINISTRY_PUB)
    assert year.size_bytes < 100 * 1024
    (tmp_path / "cinco-anos").mkdir()
    busy = bundle_generator.busy_years_store(tmp_path / "cinco-anos" / "mesa.sqlite")
    try:
        result = export.export_bundle(busy, tmp_path / "cinco-anos", to=MINISTRY_PUB)
    finally:
        busy.close()
    assert sum(result.rows.values()) > 2000
    assert result.size_bytes <= 1024 * 1024  # its time is measured by benchmarks/bench_export.py


def test_bundle_file_name_uses_the_colombian_date():
    from mesa_desktop.bundle.manifest import bundle_file_name

    assert (
        bundle_file_name("05001", datetime(2026, 1, 1, 4, 59, tzinfo=UTC), 12)
        == "mesa-05001-20251231-12.mesa"
    )
    assert re.fullmatch(r"mesa-\d{5}-\d{8}-\d+\.mesa", bundle_file_name("11001", datetime.now(UTC), 1))

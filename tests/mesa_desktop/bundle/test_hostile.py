"""Hostile bundles signed with any key: every one is quarantined with a reason naming the
field, nothing of it is stored, and the next file of the same folder is imported."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from mesa_desktop.bundle import archive, signing
from mesa_desktop.bundle.manifest import hashes_of
from tests.support.bundles import dump, make_importer, sealed, set_cell, signed_files

DEEP = 100_000  # far past Python's recursion limit


def resign(
    files: dict[str, bytes], key: signing.SigningSecretKey, manifest_body: bytes | None = None
) -> dict[str, bytes]:
    """Sign ``manifest_body`` (or the manifest with fresh hashes) as a stranger would."""
    if manifest_body is None:
        value = json.loads(files[archive.MANIFEST_NAME])
        value["files"] = hashes_of(
            {n: c for n, c in files.items() if n != archive.SIGNER_PUBLIC_KEY_NAME}
            | {archive.SIGNER_PUBLIC_KEY_NAME: files[archive.SIGNER_PUBLIC_KEY_NAME]}
        )
        manifest_body = json.dumps(value, ensure_ascii=False).encode("utf-8")
    files[archive.MANIFEST_NAME] = manifest_body
    files[archive.MANIFEST_SIGNATURE_NAME] = signing.sign(key, manifest_body)
    return files


def _files(snapshot, key=None, sequence=9, **changes):
    return signed_files(
        snapshot,
        key or signing.generate_signing_key(),
        sequence=sequence,
        created_at=datetime(2026, 11, 21, tzinfo=UTC),
        **changes,
    )


def huge_sequence(snapshot) -> bytes:
    return sealed(_files(snapshot, sequence=2**63))


def deep_manifest(snapshot) -> bytes:
    key = signing.generate_signing_key()
    files = _files(snapshot, key)
    body = files[archive.MANIFEST_NAME].rstrip().removesuffix(b"}")
    return sealed(resign(files, key, body + b', "x": ' + b"[" * DEEP + b"]" * DEEP + b"}\n"))


def deep_datapackage(snapshot) -> bytes:
    def edit(files):
        files["datapackage.json"] = b'{"resources": ' + b"[" * DEEP + b"]" * DEEP + b"}"

    return sealed(_files(snapshot, edit=edit))


def imperial_kind(snapshot) -> bytes:
    return sealed(_files(snapshot, edit=lambda files: set_cell(files, "mesa", "kind", "imperial")))


def imperial_status(snapshot) -> bytes:
    return sealed(
        _files(snapshot, edit=lambda files: set_cell(files, "meeting_session", "status", "imperial_status"))
    )


def imperial_need(snapshot) -> bytes:
    return sealed(
        _files(snapshot, edit=lambda files: set_cell(files, "case_aggregate", "need", "imperial_need"))
    )


def huge_count(snapshot) -> bytes:
    return sealed(
        _files(snapshot, edit=lambda files: set_cell(files, "meeting_session", "number", str(2**63)))
    )


def long_name(snapshot) -> bytes:
    return sealed(
        _files(snapshot, edit=lambda files: set_cell(files, "mesa", "focal_point_name", "x" * 5000))
    )


def far_date(snapshot) -> bytes:
    return sealed(
        _files(snapshot, edit=lambda files: set_cell(files, "meeting_session", "date", "9999-12-31"))
    )


def nul_text(snapshot) -> bytes:
    return sealed(_files(snapshot, edit=lambda files: set_cell(files, "mesa", "name", "Mesa\x00")))


CASES = {
    "huge_sequence": (huge_sequence, "«sequence»"),
    "deep_manifest": (deep_manifest, "manifest.json anida más de 32 niveles"),
    "deep_datapackage": (deep_datapackage, "datapackage.json anida más de 32 niveles"),
    "imperial_kind": (imperial_kind, "«kind» (fila 2 de data/mesa.csv) tiene el código «imperial»"),
    "imperial_status": (
        imperial_status,
        "«status» (fila 2 de data/meeting_session.csv) tiene el código «imperial_status»",
    ),
    "imperial_need": (
        imperial_need,
        "«need» (fila 2 de data/case_aggregate.csv) tiene el código «imperial_need»",
    ),
    "huge_count": (huge_count, "«number»"),
    "long_name": (long_name, "«focal_point_name» (fila 2 de data/mesa.csv) pasa de 200 caracteres"),
    "far_date": (far_date, "«date» (fila 2 de data/meeting_session.csv) tiene el año 9999"),
    "nul_text": (nul_text, "caracteres de control"),
}


@pytest.mark.parametrize("case", CASES)
def test_hostile_bundle_is_quarantined_and_the_batch_goes_on(
    case, ministry_store, bundle_set, snapshot, tmp_path
):
    make_bad, spanish = CASES[case]
    inbox = tmp_path / "correo"
    inbox.mkdir()
    # Sorted by name, the hostile file comes first: the good one after it must still import.
    (inbox / f"mesa-54001-20261101-0-{case}.mesa").write_bytes(make_bad(snapshot))
    (inbox / bundle_set.second.name).write_bytes(bundle_set.second.read_bytes())
    importer = make_importer(ministry_store, tmp_path)
    importer.import_file(bundle_set.other)
    before = dump(ministry_store, skip=("imported_bundle", "territory_key"))

    summary = importer.import_paths([inbox], backup=False)

    bad, good = summary.outcomes
    assert (bad.status, bad.reason) == ("rejected", "invalid_data"), bad.message
    assert spanish in bad.message
    assert Path(bad.held_at).read_bytes() == (inbox / bad.file).read_bytes()
    assert good.status == "imported"
    after = dump(ministry_store, skip=("imported_bundle", "territory_key"))
    assert after != before  # the good bundle's rows are in
    assert not any("imperial" in str(row) for rows in after.values() for row in rows)


def test_json_depth_ignores_brackets_inside_strings():
    from mesa_desktop.bundle.validation import json_depth

    assert json_depth(b'{"a": "[[[[\\"[[[", "b": [1, {"c": []}]}') == 4


@pytest.mark.parametrize("text", ["20261121", "2026-W47-6", "2026-11-21 ", " 2026-11-21", "2026-11-21T00:00"])
def test_dates_are_read_only_in_the_exported_form(text, snapshot):
    from mesa_desktop.bundle import reader
    from mesa_desktop.bundle.errors import InvalidData
    from tests.support.bundles import ministry_identities

    data = sealed(_files(snapshot, edit=lambda files: set_cell(files, "meeting_session", "date", text)))
    opened = reader.open_bundle(data, ministry_identities())
    with pytest.raises(InvalidData, match="«date»"):
        opened.read_rows()


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_the_command_imports_the_rest_of_a_hostile_folder_and_reports(bundle_set, snapshot, tmp_path):
    from tests.support.bundles import MINISTRY_KEY
    from tests.support.cli import mesa

    inbox = tmp_path / "bandeja"
    inbox.mkdir()
    for name, make in (
        ("huge_sequence", huge_sequence),
        ("deep_manifest", deep_manifest),
        ("imperial_kind", imperial_kind),
    ):
        (inbox / f"mesa-54001-20261101-0-{name}.mesa").write_bytes(make(snapshot))
    (inbox / bundle_set.second.name).write_bytes(bundle_set.second.read_bytes())
    store = tmp_path / "ministerio" / "consolidado.sqlite"
    store.parent.mkdir()

    result = mesa("bundle", "import", inbox, "--identity", MINISTRY_KEY, "--json", db=store)

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert report["counts"]["rejected"] == 3 and report["counts"]["imported"] == 1
    for suffix in ("pdf", "xlsx"):
        made = mesa("report", "national", "-o", tmp_path / f"nacional.{suffix}", "--year", "2026", db=store)
        assert made.returncode == 0, made.stderr
        assert "1 de 1.154 territorios con paquete" in made.stdout  # grouped as on screen and in the PDF

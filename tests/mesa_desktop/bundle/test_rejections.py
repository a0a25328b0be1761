"""Every way a received bundle is refused: the Spanish reason, nothing written to the store,
the file copied to quarantine with a reason a person can act on. On SQLite and PostgreSQL."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, datetime

import pytest

from mesa_desktop.bundle import archive, encryption, export, reader, signing
from mesa_desktop.bundle.quarantine import REASON_LABELS
from tests.support.bundles import (
    copy_store,
    dump,
    make_importer,
    ministry_identities,
    sealed,
    signed_files,
    zip_files,
)


@pytest.fixture(scope="module")
def snapshot(bundle_set, tmp_path_factory) -> export.Snapshot:
    store = copy_store(bundle_set.territorial_file, tmp_path_factory.mktemp("instantanea"))
    try:
        return export.collect_snapshot(store)
    finally:
        store.close()


def _good_files(snapshot, **changes):
    return signed_files(
        snapshot,
        signing.generate_signing_key(),
        sequence=9,
        created_at=datetime(2026, 11, 21, tzinfo=UTC),
        **changes,
    )


def _refusal(data):
    """The rejection ``open_bundle`` raises for ``data``."""
    from mesa_desktop.bundle.errors import BundleRejected

    with pytest.raises(BundleRejected) as raised:
        reader.open_bundle(data, ministry_identities())
    return raised.value


def not_a_bundle(snapshot, bundle_set) -> bytes:
    return b"%PDF-1.7\n" + bytes(range(256)) * 8


def truncated(snapshot, bundle_set) -> bytes:
    data = bundle_set.first.read_bytes()
    return data[: len(data) * 2 // 3]


def wrong_recipient(snapshot, bundle_set) -> bytes:
    stranger = encryption.Identity.generate().to_public()
    return sealed(_good_files(snapshot), [stranger])


def bad_signature(snapshot, bundle_set) -> bytes:
    files = _good_files(snapshot)
    impostor = signing.generate_signing_key()
    files[archive.MANIFEST_SIGNATURE_NAME] = signing.sign(impostor, files[archive.MANIFEST_NAME])
    return sealed(files)


def tampered(snapshot, bundle_set) -> bytes:
    files = _good_files(snapshot)
    files["data/commitment.csv"] = files["data/commitment.csv"].replace(b"pending", b"done")
    return sealed(files)


def newer_schema(snapshot, bundle_set) -> bytes:
    return sealed(_good_files(snapshot, format_version=2))


def path_traversal(snapshot, bundle_set) -> bytes:
    files = _good_files(snapshot)
    files["../../Windows/System32/evil.csv"] = b"x"
    return sealed(files)


def oversized(snapshot, bundle_set) -> bytes:
    # A zip bomb: 65 MiB of zeros compress to ~64 KiB.
    files = _good_files(snapshot)
    files["data/person.csv"] = b"\0" * (65 * 1024 * 1024)
    return sealed(files)


CASES = {
    "not_a_bundle": (not_a_bundle, "no es un paquete cifrado de Mesa"),
    "truncated": (truncated, "está incompleto"),
    "wrong_recipient": (wrong_recipient, "no está cifrado para esta identidad del Ministerio"),
    "bad_signature": (bad_signature, "La firma fue hecha con la llave"),
    "tampered": (tampered, "no coincide con la huella SHA-256 del manifiesto firmado"),
    "newer_schema": (newer_schema, "versión más reciente de Mesa Desktop"),
    "path_traversal": (path_traversal, "ruta insegura"),
    "oversized": (oversized, "más grande de lo que un paquete de Mesa puede contener"),
}


@pytest.mark.parametrize("reason", CASES)
def test_refused_bundle_goes_to_quarantine_and_nothing_is_stored(
    reason, ministry_store, bundle_set, snapshot, tmp_path
):
    make_bad, spanish = CASES[reason]
    importer = make_importer(ministry_store, tmp_path)
    importer.import_file(bundle_set.first)  # a store that already holds data
    before = dump(ministry_store)
    incoming = tmp_path / "correo" / f"mesa-54001-20261121-{reason}.mesa"
    incoming.parent.mkdir()
    incoming.write_bytes(make_bad(snapshot, bundle_set))

    outcome = importer.import_file(incoming)

    assert (outcome.status, outcome.reason) == ("rejected", reason)
    assert spanish in outcome.message
    assert dump(ministry_store) == before
    assert incoming.exists()  # the original is left where it was
    copy = tmp_path / "cuarentena" / outcome.held_at.rsplit("/", 1)[-1]
    assert copy.read_bytes() == incoming.read_bytes()
    stem = copy.name.removesuffix(".mesa")
    why = (copy.parent / f"{stem}.motivo.txt").read_text(encoding="utf-8")
    assert f"Motivo: {REASON_LABELS[reason]}" in why and spanish in why
    assert "No se guardó ningún dato" in why
    record = json.loads((copy.parent / f"{stem}.motivo.json").read_text(encoding="utf-8"))
    assert record["reason"] == reason and record["file"] == incoming.name
    assert not list((tmp_path / "acuses").glob(f"*{reason}*"))


def test_the_same_refused_file_is_quarantined_once(ministry_store, bundle_set, snapshot, tmp_path):
    importer = make_importer(ministry_store, tmp_path)
    incoming = tmp_path / "mesa-54001-20261121-9.mesa"
    incoming.write_bytes(tampered(snapshot, bundle_set))
    importer.import_file(incoming)
    importer.import_file(incoming)
    assert len(list((tmp_path / "cuarentena").glob("*.mesa"))) == 1


@pytest.mark.parametrize("reason", ["bad_signature", "tampered", "newer_schema", "wrong_recipient"])
def test_verify_gives_the_same_verdict(reason, bundle_set, snapshot, tmp_path):
    make_bad, spanish = CASES[reason]
    path = tmp_path / "paquete.mesa"
    path.write_bytes(make_bad(snapshot, bundle_set))
    verdict = reader.verify_file(path, ministry_identities())
    assert (verdict.ok, verdict.reason) == (False, reason)
    assert spanish in verdict.message


def test_unknown_schema_revision_is_newer_schema(snapshot):
    refusal = _refusal(sealed(_good_files(snapshot, schema_revision="0099_futuro")))
    assert refusal.reason == "newer_schema"
    assert "esquema 0099_futuro" in refusal.message


def test_a_file_added_after_signing_is_tampering(snapshot):
    files = _good_files(snapshot)
    files["actas/extra.pdf"] = b"%PDF-1.7 agregado"
    refusal = _refusal(sealed(files))
    assert refusal.reason == "tampered"
    assert "que el manifiesto firmado no menciona" in refusal.message


def test_signed_but_invalid_data_is_refused(snapshot):
    def bad_date(files):
        files["data/meeting_session.csv"] = files["data/meeting_session.csv"].replace(b"2026-", b"2026/", 1)

    from mesa_desktop.bundle.errors import InvalidData

    opened = reader.open_bundle(sealed(_good_files(snapshot, edit=bad_date)), ministry_identities())
    with pytest.raises(
        InvalidData, match=r"no es válido.*meeting_session\.csv|meeting_session\.csv.*no es válido"
    ):
        opened.read_rows()


def test_zip_helper_really_writes_the_unsafe_name():
    data = zip_files({"../x.csv": b"1"})
    import io

    assert zipfile.ZipFile(io.BytesIO(data)).namelist() == ["../x.csv"]

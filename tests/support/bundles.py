"""Helpers of the bundle and consolidation tests: keys, PostgreSQL databases, stores copied
and exported, and hand-made bad bundles. Their fixtures are in ``tests/conftest.py``."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import shutil
import uuid
import zipfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.engine import make_url

from mesa_desktop.bundle import archive, encryption, export, signing
from mesa_desktop.bundle.importer import Importer
from mesa_desktop.bundle.manifest import Manifest, hashes_of
from mesa_desktop.models import Base
from mesa_desktop.store import Store
from tests.support import FIXTURES

MINISTRY_KEY = FIXTURES / "keys" / "ministerio-prueba.key"
MINISTRY_PUB = FIXTURES / "keys" / "ministerio-prueba.pub"
MINISTRY_RECEIPT_KEY = FIXTURES / "keys" / "ministerio-prueba-acuses.key"
PG_ENV = "MESA_TEST_PG_URL"


def ministry_identities() -> list[encryption.Identity]:
    return encryption.load_identities(MINISTRY_KEY)


def ministry_receipt_key() -> signing.SigningSecretKey:
    """The demo ministry's receipt-signing key, whose public half the app ships."""
    return signing.read_secret_key(MINISTRY_RECEIPT_KEY)


def ministry_recipients() -> list[encryption.Recipient]:
    return encryption.load_recipients(MINISTRY_PUB)


# --- PostgreSQL ----------------------------------------------------------------------------------


def pg_base_url() -> str:
    """The throwaway server's URL; skip without one, except in CI where it must exist."""
    url = os.environ.get(PG_ENV)
    if not url:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{PG_ENV} no está definida: en CI las pruebas de PostgreSQL deben ejecutarse.")
        pytest.skip(f"sin servidor PostgreSQL de prueba ({PG_ENV} no está definida)")
    return url


@contextlib.contextmanager
def fresh_pg_database(server_url: str | None = None, prefix: str = "mesa_prueba") -> Iterator[str]:
    """A new, empty database on the test server (or ``server_url``), dropped afterwards."""
    base = make_url(server_url or pg_base_url())
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        yield base.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def make_importer(store: Store, folder: Path, *, key: signing.SigningSecretKey | None = None) -> Importer:
    return Importer(
        store,
        identities=ministry_identities(),
        signing_key=key or ministry_receipt_key(),
        quarantine_dir=folder / "cuarentena",
        receipts_dir=folder / "acuses",
    )


def dump(store: Store, *, skip: tuple[str, ...] = ()) -> dict[str, list[tuple]]:
    """Every row of every table, ordered, as text: equal dumps mean nothing changed."""
    result = {}
    with store.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in skip:
                continue
            query = select(table).order_by(*table.primary_key.columns)
            result[table.name] = [tuple(_plain(v) for v in row) for row in conn.execute(query)]
    return result


def _plain(value):
    if isinstance(value, datetime):
        value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value.isoformat()
    return str(value) if value is not None else None


# --- territorial stores and their bundles ---------------------------------------------------------


def copy_store(source: Path, folder: Path) -> Store:
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(source, folder / "mesa.sqlite")
    return Store(folder / "mesa.sqlite", backup=False)


def export_to(store: Store, folder: Path, **options) -> export.ExportResult:
    folder.mkdir(parents=True, exist_ok=True)
    return export.export_bundle(store, folder, to=MINISTRY_PUB, **options)


# --- hand-made bundles -----------------------------------------------------------------------------


def zip_files(files: Mapping[str, bytes]) -> bytes:
    """A zip without the layout checks of ``archive.build_archive`` (to craft bad bundles)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as handle:
        for name, content in files.items():
            handle.writestr(name, content)
    return buffer.getvalue()


def sealed(files: Mapping[str, bytes], recipients=None) -> bytes:
    return encryption.encrypt(zip_files(files), recipients or ministry_recipients())


def signed_files(
    snapshot: export.Snapshot,
    key: signing.SigningSecretKey,
    *,
    sequence: int = 1,
    created_at: datetime | None = None,
    edit=None,
    **manifest_changes,
) -> dict[str, bytes]:
    """The files of a bundle as the export makes them, signed; ``edit(files)`` may change the
    data package before signing, and ``manifest_changes`` the manifest's fields."""
    created_at = created_at or datetime.now(UTC)
    files = export.data_package_files(snapshot, created_at)
    if edit is not None:
        edit(files)
    files[archive.SIGNER_PUBLIC_KEY_NAME] = key.public_key.file_text().encode("ascii")
    fields = dict(
        territory_code=snapshot.territory_code,
        territory_name=snapshot.territory_name,
        mesa_id=snapshot.mesa_id,
        sequence=sequence,
        created_at=created_at,
        app_version="0.1.0",
        schema_revision="0003_consolidation",
        files=hashes_of(files),
    )
    fields.update(manifest_changes)
    manifest = Manifest(**fields)
    body = manifest.to_bytes()
    files[archive.MANIFEST_NAME] = body
    files[archive.MANIFEST_SIGNATURE_NAME] = signing.sign(
        key, body, trusted_comment=manifest.trusted_comment()
    )
    return files


def set_cell(files: dict[str, bytes], table: str, column: str, value: str, row: int = 0) -> None:
    """Change one cell of a data package's CSV (``row`` counts data rows from 0)."""
    path = f"data/{table}.csv"
    records = list(csv.reader(io.StringIO(files[path].decode("utf-8"), newline="")))
    records[row + 1][records[0].index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(records)
    files[path] = buffer.getvalue().encode("utf-8")


# --- a set of real bundles, built once per test run --------------------------------------------------


@dataclass(frozen=True)
class BundleSet:
    territorial_file: Path  # the focal point's store after exporting ``first`` and ``second``
    first: Path  # export n.º 1 of Cúcuta, signed with the installation key A
    second: Path  # export n.º 2, newer: one commitment more, one follow-up note less
    rekeyed: Path  # export n.º 3 of the same mesa from a reinstalled laptop (key B)
    other: Path  # another territory (Medellín), its own key
    mesa_id: uuid.UUID
    added_commitment_id: uuid.UUID
    removed_note_id: uuid.UUID


def make_bundle_set(demo_template: Path, root: Path) -> BundleSet:
    """The bundles of ``BundleSet``, made under ``root`` from a copy of the demo store."""
    from mesa_desktop.models import CommitmentNote
    from mesa_desktop.services import commitments, conformation
    from tests.support import bundle_generator

    outbox = root / "enviados"
    store = copy_store(demo_template, root / "punto-focal")
    try:
        first = export_to(store, outbox, now=datetime(2026, 11, 2, 15, 0, tzinfo=UTC)).path
        added = commitments.add_commitment(
            store, "Enviar el informe de casos al Ministerio", due_date=datetime(2026, 12, 1).date()
        )
        with store.transaction() as db:
            note = db.scalars(select(CommitmentNote).order_by(CommitmentNote.id)).first()
            removed = note.id
            db.delete(note)
        conformation.update_mesa(store, default_place="Auditorio del Instituto Departamental de Salud")
        second = export_to(store, outbox, now=datetime(2026, 11, 16, 15, 0, tzinfo=UTC)).path
        snapshot = export.collect_snapshot(store)
    finally:
        store.close()
    reinstalled = copy_store(root / "punto-focal" / "mesa.sqlite", root / "portatil-nuevo")
    try:
        rekeyed = export_to(
            reinstalled, root / "desde-portatil-nuevo", now=datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
        ).path
    finally:
        reinstalled.close()
    import random

    medellin = bundle_generator.territory_snapshot(snapshot, "05001", random.Random(1))
    built = export.build_bundle(
        medellin,
        signing_key=signing.generate_signing_key(),
        recipients=ministry_recipients(),
        sequence=4,
        created_at=datetime(2026, 11, 18, 12, 0, tzinfo=UTC),
    )
    (root / "medellin").mkdir()
    other = root / "medellin" / built.file_name
    other.write_bytes(built.data)
    return BundleSet(
        root / "punto-focal" / "mesa.sqlite",
        first,
        second,
        rekeyed,
        other,
        snapshot.mesa_id,
        added.id,
        removed,
    )


def fresh_copy(bundle: Path, folder: Path) -> Path:
    """A bundle copied into its own folder (receipts land next to it)."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / bundle.name
    shutil.copy(bundle, target)
    return target


# --- the standard tools ------------------------------------------------------------------------------


def open_with_standard_tools(data: bytes, folder: Path) -> dict:
    """What the ministry does with a bundle and no Mesa Desktop: ``age -d`` with its key, unzip,
    and ``minisign -V`` of the manifest with the signer's key; returns the manifest."""
    import json
    import subprocess

    folder.mkdir(parents=True, exist_ok=True)
    sealed_path, opened = folder / "paquete.mesa", folder / "paquete.zip"
    sealed_path.write_bytes(data)
    decrypt = ["age", "-d", "-i", str(MINISTRY_KEY), "-o", str(opened), str(sealed_path)]
    done = subprocess.run(decrypt, capture_output=True, stdin=subprocess.DEVNULL, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(opened) as handle:
        handle.extractall(folder / "contenido")
    inside = folder / "contenido"
    verify = ["minisign", "-Vm", str(inside / archive.MANIFEST_NAME), "-p", str(inside / "signer.pub")]
    checked = subprocess.run(verify, capture_output=True, stdin=subprocess.DEVNULL, timeout=60, check=False)
    assert checked.returncode == 0, checked.stderr
    return json.loads((inside / archive.MANIFEST_NAME).read_text(encoding="utf-8"))

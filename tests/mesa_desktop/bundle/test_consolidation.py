"""The ministry's consolidation, on SQLite and on PostgreSQL: upserts by UUID, idempotency,
order independence, key pinning and key changes, receipts back to the focal point."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from mesa_desktop.bundle import importer as importer_module
from mesa_desktop.bundle import receipts, signing
from mesa_desktop.bundle.errors import KeyFileError
from mesa_desktop.bundle.importer import accept_key, key_statuses
from mesa_desktop.errors import Conflict, InvalidInput, NotFound
from mesa_desktop.models import (
    Commitment,
    CommitmentNote,
    ImportedBundle,
    Mesa,
    PendingKeyChange,
    Person,
    TerritoryKey,
)
from tests.support.bundles import copy_store, dump, fresh_copy, make_importer

# The consolidation log and pinned keys carry import times; the data tables must not move.
LOG_TABLES = ("imported_bundle", "territory_key", "pending_key_change")


def count(store, model, *where) -> int:
    with store.reading() as db:
        return db.scalar(select(func.count()).select_from(model).where(*where))


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_first_bundle_creates_the_mesa_pins_its_key_and_writes_a_receipt(
    ministry_store, bundle_set, tmp_path
):
    importer = make_importer(ministry_store, tmp_path)
    outcome = importer.import_file(fresh_copy(bundle_set.first, tmp_path / "correo"))

    assert outcome.status == "imported", outcome.message
    assert outcome.territory_code == "54001" and outcome.sequence == 1
    assert outcome.message.startswith("Importado: San José de Cúcuta")
    assert count(ministry_store, Mesa) == 1
    assert count(ministry_store, Person) == 42
    with ministry_store.reading() as db:
        person = db.scalars(select(Person)).first()
        # What never leaves the laptop never arrives.
        assert person.email is None and person.phone is None and person.id_number is None
        assert db.scalar(select(TerritoryKey.territory_code)) == "54001"
        logged = db.scalar(select(ImportedBundle))
        assert (logged.outcome, logged.sequence, logged.row_count) == ("applied", 1, outcome.rows)

    receipt_bytes = (tmp_path / "acuses" / "mesa-54001-20261102-1.acuse").read_bytes()
    receipt = receipts.read_receipt(receipt_bytes, importer.signing_key.public_key)
    assert (receipt.territory_code, receipt.sequence, receipt.verdict) == ("54001", 1, "imported")


def test_the_same_bundle_twice_changes_nothing(ministry_store, bundle_set, tmp_path):
    importer = make_importer(ministry_store, tmp_path)
    bundle = fresh_copy(bundle_set.first, tmp_path / "correo")
    importer.import_file(bundle)
    before = dump(ministry_store)
    receipt = (tmp_path / "acuses" / "mesa-54001-20261102-1.acuse").read_bytes()

    again = importer.import_paths([bundle.parent])

    assert [o.status for o in again.outcomes] == ["duplicate"]
    assert "no cambió nada" in again.outcomes[0].message
    assert dump(ministry_store) == before
    assert (tmp_path / "acuses" / "mesa-54001-20261102-1.acuse").read_bytes() == receipt


def test_a_newer_snapshot_updates_adds_and_removes_rows(ministry_store, bundle_set, tmp_path):
    importer = make_importer(ministry_store, tmp_path)
    importer.import_file(bundle_set.first)
    assert count(ministry_store, CommitmentNote, CommitmentNote.id == bundle_set.removed_note_id) == 1

    outcome = importer.import_file(bundle_set.second)

    assert outcome.status == "imported"
    assert count(ministry_store, Commitment, Commitment.id == bundle_set.added_commitment_id) == 1
    assert count(ministry_store, CommitmentNote, CommitmentNote.id == bundle_set.removed_note_id) == 0
    with ministry_store.reading() as db:
        assert db.scalar(select(Mesa.default_place)) == "Auditorio del Instituto Departamental de Salud"


def test_an_older_snapshot_never_overwrites_a_newer_one(ministry_store, bundle_set, tmp_path):
    importer = make_importer(ministry_store, tmp_path)
    importer.import_file(bundle_set.second)
    before = dump(ministry_store, skip=LOG_TABLES)

    late = importer.import_file(bundle_set.first)

    assert late.status == "superseded"
    assert "ya se tenía un paquete más reciente" in late.message
    assert dump(ministry_store, skip=LOG_TABLES) == before
    receipt = receipts.read_receipt(
        (tmp_path / "acuses" / "mesa-54001-20261102-1.acuse").read_bytes(), importer.signing_key.public_key
    )
    assert receipt.verdict == "superseded"


def test_import_order_does_not_matter(consolidation_backend, bundle_set, tmp_path):
    """Emails in any order end in the same data."""
    results = []
    for order in (
        [bundle_set.first, bundle_set.second, bundle_set.other],
        [bundle_set.other, bundle_set.second, bundle_set.first],
    ):
        store = _fresh_store(consolidation_backend, tmp_path / f"orden-{len(results)}")
        try:
            make_importer(store, tmp_path / f"orden-{len(results)}").import_paths(order)
            results.append(dump(store, skip=LOG_TABLES))
        finally:
            store.close()
    assert results[0] == results[1]
    assert len(results[0]["mesa"]) == 2


def _fresh_store(backend, folder):
    import shutil

    from sqlalchemy import text

    from mesa_desktop.models import Base
    from mesa_desktop.store import Store

    kind, location = backend
    if kind == "sqlite":
        folder.mkdir(parents=True)
        shutil.copy(location, folder / "ministerio.sqlite")
        return Store(folder / "ministerio.sqlite")
    store = Store(location)
    names = ", ".join(f'"{t.name}"' for t in Base.metadata.sorted_tables)
    with store.engine.begin() as conn:
        conn.execute(text(f"TRUNCATE TABLE {names} CASCADE"))
    return store


def test_a_changed_signing_key_is_held_until_a_person_accepts_it(ministry_store, bundle_set, tmp_path):
    importer = make_importer(ministry_store, tmp_path)
    importer.import_file(bundle_set.first)
    before = dump(ministry_store, skip=("pending_key_change",))

    held = importer.import_file(bundle_set.rekeyed)

    assert held.status == "key_change_pending"
    assert "Retenido" in held.message and "accept-key 54001" in held.message
    assert dump(ministry_store, skip=("pending_key_change",)) == before
    copy = tmp_path / "cuarentena" / "llave-pendiente" / held.held_at.split("/")[-1]
    assert copy.exists()
    reason = copy.with_name(copy.name.removesuffix(".mesa") + ".motivo.txt").read_text()
    assert "Cambio de llave de firma pendiente de aceptar" in reason
    assert "confirme con el punto focal" in reason
    # Receiving it again keeps it held, without a second record.
    assert importer.import_file(bundle_set.rekeyed).status == "key_change_pending"
    assert count(ministry_store, PendingKeyChange) == 1
    [status] = key_statuses(ministry_store)
    new_key_id = signing.signature_key_id(_signature_of(bundle_set.rekeyed))
    assert status.pending_key_ids == (new_key_id,)

    decision = accept_key(ministry_store, "54001")

    assert decision.key_id == new_key_id and decision.previous_key_id != new_key_id
    accepted = importer.import_paths(decision.held_files)
    assert [o.status for o in accepted.outcomes] == ["imported"]
    assert accepted.outcomes[0].sequence == 3
    with ministry_store.reading() as db:
        assert db.scalar(select(TerritoryKey.key_id)) == new_key_id
    # The old key is now the stranger.
    stale = importer.import_file(fresh_copy(bundle_set.second, tmp_path / "tarde"))
    assert stale.status == "key_change_pending"


def _signature_of(bundle):
    from mesa_desktop.bundle import archive, encryption
    from tests.support.bundles import ministry_identities

    files = archive.read_archive(encryption.decrypt(bundle.read_bytes(), ministry_identities()))
    return files[archive.MANIFEST_SIGNATURE_NAME]


def test_accepting_a_key_nobody_asked_for_is_refused(ministry_store):
    with pytest.raises(NotFound, match="No hay cambios de llave pendientes para el territorio 54001"):
        accept_key(ministry_store, "54001")


def test_a_territorial_store_is_never_used_for_consolidation(bundle_set, tmp_path):
    territorial = copy_store(bundle_set.territorial_file, tmp_path / "punto-focal")
    try:
        before = dump(territorial)
        with pytest.raises(Conflict, match="mesa territorial"):
            make_importer(territorial, tmp_path).import_paths([bundle_set.other])
        assert dump(territorial) == before
    finally:
        territorial.close()


def test_the_focal_point_imports_receipts_and_sees_what_the_ministry_holds(
    ministry_store, bundle_set, tmp_path
):
    importer = make_importer(ministry_store, tmp_path)
    importer.import_paths([bundle_set.second, bundle_set.first])
    territorial = copy_store(bundle_set.territorial_file, tmp_path / "punto-focal")
    try:
        first = receipts.import_receipt(territorial, tmp_path / "acuses" / "mesa-54001-20261102-1.acuse")
        second = receipts.import_receipt(territorial, tmp_path / "acuses" / "mesa-54001-20261116-2.acuse")
        assert (first.sequence, first.verdict, first.changed) == (1, "superseded", True)
        assert (second.sequence, second.verdict) == (2, "imported")
        again = receipts.import_receipt(territorial, tmp_path / "acuses" / "mesa-54001-20261116-2.acuse")
        assert again.changed is False

        history = receipts.history(territorial)
        assert [(h.sequence, h.receipt_verdict) for h in history] == [(2, "imported"), (1, "superseded")]
        assert history[0].ministry_imported_at.tzinfo is not None
    finally:
        territorial.close()


def test_a_strangers_receipt_is_refused_even_first_and_the_genuine_one_then_accepted(
    ministry_store, bundle_set, tmp_path
):
    """The issue's attack: a genuine receipt's body, ``"verdict": "hackeado"``, re-signed by a
    stranger, arriving before the ministry's own receipt."""
    make_importer(ministry_store, tmp_path).import_file(fresh_copy(bundle_set.first, tmp_path / "correo"))
    genuine = tmp_path / "acuses" / "mesa-54001-20261102-1.acuse"
    document = json.loads(genuine.read_text())
    body = dict(document["receipt"], verdict="hackeado")
    stranger = signing.generate_signing_key()
    forged = tmp_path / "falso.acuse"
    forged.write_text(
        json.dumps(
            {
                **document,
                "receipt": body,
                "signer": stranger.public_key.base64,
                "signature": signing.sign(stranger, receipts.canonical(body)).decode("ascii"),
            }
        )
    )
    territorial = copy_store(bundle_set.territorial_file, tmp_path / "punto-focal")
    try:
        with pytest.raises(signing.SignatureInvalid, match="no es la del Ministerio"):
            receipts.import_receipt(territorial, forged)
        assert receipts.history(territorial)[-1].receipt_verdict is None
        info = receipts.import_receipt(territorial, genuine)
        assert (info.sequence, info.verdict) == (1, "imported")
        assert receipts.history(territorial)[-1].receipt_verdict == "imported"
    finally:
        territorial.close()


def test_receipts_need_the_ministry_key_file_with_its_receipt_key(ministry_store, bundle_set, tmp_path):
    """An old-format ministry key (age recipient only) still loads; receipts then say why they
    cannot be verified, and receipts recorded before keep showing."""
    from mesa_desktop.bundle import installation, keys
    from tests.support.bundles import MINISTRY_PUB

    make_importer(ministry_store, tmp_path).import_paths([bundle_set.first, bundle_set.second])
    territorial = copy_store(bundle_set.territorial_file, tmp_path / "punto-focal")
    try:
        receipts.import_receipt(territorial, tmp_path / "acuses" / "mesa-54001-20261102-1.acuse")
        old = tmp_path / "antigua.pub"
        old.write_text(
            next(line for line in MINISTRY_PUB.read_text().splitlines() if line.startswith("age1")) + "\n"
        )
        assert keys.load_ministry_key(old).receipt_key is None
        installation.install_ministry_key(territorial, old)
        with pytest.raises(KeyFileError, match="formato antiguo"):
            receipts.import_receipt(territorial, tmp_path / "acuses" / "mesa-54001-20261116-2.acuse")
        assert [h.receipt_verdict for h in receipts.history(territorial)] == [None, "imported"]
    finally:
        territorial.close()


def test_a_forged_or_foreign_receipt_is_refused(ministry_store, bundle_set, tmp_path):
    make_importer(ministry_store, tmp_path).import_file(fresh_copy(bundle_set.other, tmp_path / "correo"))
    receipt = next((tmp_path / "acuses").glob("*.acuse"))
    territorial = copy_store(bundle_set.territorial_file, tmp_path / "punto-focal")
    try:
        with pytest.raises(InvalidInput, match="territorio 05001, no de esta mesa"):
            receipts.import_receipt(territorial, receipt)
        document = json.loads(receipt.read_text())
        document["receipt"]["verdict"] = "imported!"
        forged = tmp_path / "falso.acuse"
        forged.write_text(json.dumps(document))
        with pytest.raises(signing.SignatureInvalid, match="no es auténtico.*no corresponde al contenido"):
            receipts.import_receipt(territorial, forged)
        (tmp_path / "no-es.acuse").write_text("hola")
        with pytest.raises(InvalidInput, match="no es un acuse de recibo"):
            receipts.import_receipt(territorial, tmp_path / "no-es.acuse")
    finally:
        territorial.close()


def test_a_bundle_grafting_rows_onto_another_mesa_is_refused(ministry_store, bundle_set, tmp_path):
    """A signed bundle reusing another mesa's ids must not touch that mesa."""
    import random

    from mesa_desktop.bundle import export
    from tests.support import bundle_generator
    from tests.support.bundles import ministry_recipients

    importer = make_importer(ministry_store, tmp_path)
    importer.import_file(bundle_set.first)
    before = dump(ministry_store)
    territorial = copy_store(bundle_set.territorial_file, tmp_path / "punto-focal")
    try:
        snapshot = export.collect_snapshot(territorial)
    finally:
        territorial.close()
    forged = bundle_generator.territory_snapshot(snapshot, "05001", random.Random(3))
    forged.tables["person"].append(
        dict(snapshot.tables["person"][0], mesa_id=forged.mesa_id, dependency_id=None)
    )
    built = export.build_bundle(
        forged,
        signing_key=signing.generate_signing_key(),
        recipients=ministry_recipients(),
        sequence=1,
        created_at=datetime(2026, 11, 20, tzinfo=UTC),
    )
    path = tmp_path / "correo" / built.file_name
    path.parent.mkdir()
    path.write_bytes(built.data)

    outcome = importer.import_file(path)

    assert (outcome.status, outcome.reason) == ("rejected", "invalid_data")
    assert "pertenecen a otra mesa" in outcome.message
    assert dump(ministry_store) == before


def test_models_and_migrations_agree_on_this_backend(ministry_store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from mesa_desktop.models import Base

    with ministry_store.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_batch_progress_and_cancel(ministry_store, bundle_set, tmp_path):
    seen = []
    summary = make_importer(ministry_store, tmp_path).import_paths(
        [bundle_set.first, bundle_set.other, bundle_set.second],
        progress=lambda done, total, outcome: seen.append((done, total, outcome.status)),
        cancelled=lambda: len(seen) >= 2,
    )
    assert summary.cancelled is True
    assert seen == [(1, 3, "imported"), (2, 3, "imported")]


def test_statuses_are_the_documented_ones():
    assert {
        importer_module.IMPORTED,
        importer_module.SUPERSEDED,
        importer_module.DUPLICATE,
        importer_module.KEY_CHANGE_PENDING,
        importer_module.REJECTED,
    } == {"imported", "superseded", "duplicate", "key_change_pending", "rejected"}


def test_a_sqlite_store_is_backed_up_before_each_import_keeping_the_newest(bundle_set, tmp_path):
    from mesa_desktop.bundle.importer import IMPORT_BACKUPS_KEPT
    from mesa_desktop.store import Store

    store = Store(tmp_path / "ministerio.sqlite")
    try:
        importer = make_importer(store, tmp_path)
        importer.import_paths([bundle_set.first])  # an empty store needs no backup
        assert not list((tmp_path / "copias").glob("antes-de-importar-*.sqlite"))
        for _ in range(IMPORT_BACKUPS_KEPT + 2):
            importer.import_paths([bundle_set.first])
        assert len(list((tmp_path / "copias").glob("antes-de-importar-*.sqlite"))) == IMPORT_BACKUPS_KEPT
    finally:
        store.close()

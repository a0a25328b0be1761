"""Export: the territory's shareable data as one signed, encrypted ``.mesa`` file (DESIGN §7).

Steps: read a full snapshot of the mesa (``datapackage`` decides what may leave), write one
CSV per table plus ``datapackage.json``, list every file's SHA-256 in the manifest, sign
the manifest with the installation key, zip, encrypt to the ministry, write the file
atomically and record the export. The export sequence grows by one per export of a mesa,
so the ministry can tell the newest snapshot even when emails arrive out of order.

``build_bundle`` is pure (snapshot and keys in, bytes out): the synthetic-bundle generator
uses it too, so benchmark bundles are made exactly like real ones.

Thread affinity: none; call it off the GUI thread (it takes ~100 ms for a year of data).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from mesa_desktop import __version__, territories
from mesa_desktop.atomic import write_bytes
from mesa_desktop.bundle import archive, datapackage, encryption, installation, signing
from mesa_desktop.bundle.manifest import Manifest, hashes_of, sha256_hex
from mesa_desktop.bundle.rows import read_mesa_rows
from mesa_desktop.clock import to_utc, utcnow
from mesa_desktop.errors import InvalidInput
from mesa_desktop.models import Acta, AppSetting, ExportRecord
from mesa_desktop.services import cases
from mesa_desktop.services.lookup import the_mesa
from mesa_desktop.store import Store
from mesa_desktop.store.schema import HEAD_REVISION

ACTAS_FOLDER = "actas"
ACTAS_NOTE = (
    "Las actas aprobadas van en PDF sin las firmas capturadas en la asistencia (son datos "
    "personales); el acta firmada se conserva en el archivo de la mesa."
)
_AGGREGATE_NAMESPACE = uuid.UUID("6f1c58b2-3f55-4c7e-9a57-3c1d2b7e0a11")


@dataclass(frozen=True)
class Snapshot:
    """Everything one mesa shares, table by table (rows are plain dicts)."""

    mesa_id: uuid.UUID
    territory_code: str
    territory_name: str
    mesa_name: str
    tables: Mapping[str, list[dict[str, Any]]]

    @property
    def row_counts(self) -> dict[str, int]:
        return {name: len(rows) for name, rows in self.tables.items()}


@dataclass(frozen=True)
class BuiltBundle:
    manifest: Manifest
    data: bytes
    sha256: str

    @property
    def file_name(self) -> str:
        return self.manifest.file_name


@dataclass(frozen=True)
class ExportResult:
    path: Path
    file_name: str
    territory_code: str
    sequence: int
    created_at: datetime
    size_bytes: int
    sha256: str
    recipient: str
    rows: dict[str, int] = field(default_factory=dict)
    actas: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


# --- snapshot ----------------------------------------------------------------------------


def collect_snapshot(store: Store, *, now: datetime | None = None) -> Snapshot:
    now = now or utcnow()
    aggregates = cases.aggregates(store)
    with store.reading() as db:
        mesa = the_mesa(db)
        tables = read_mesa_rows(db.connection(), mesa.id)
        territory = territories.get(mesa.territory_code)
        mesa_id, code, name = mesa.id, mesa.territory_code, mesa.name
    tables["case_aggregate"] = case_aggregate_rows(mesa_id, aggregates, now)
    # A draft is the focal point's work in progress: only issued reports are shared.
    tables["periodic_report"] = [r for r in tables.get("periodic_report", []) if r["status"] != "draft"]
    return Snapshot(mesa_id, code, territory.full_name, name, tables)


def case_aggregate_rows(
    mesa_id: uuid.UUID, aggregates: list[dict[str, Any]], now: datetime
) -> list[dict[str, Any]]:
    """``cases.aggregates()`` as rows; the id is derived from the key so it stays stable."""
    return [
        {
            "id": uuid.uuid5(_AGGREGATE_NAMESPACE, f"{mesa_id}/{a['year']}/{a['need']}/{a['status']}"),
            "mesa_id": mesa_id,
            "year": a["year"],
            "need": a["need"],
            "status": a["status"],
            "count": a["count"],
            "created_at": now,
            "updated_at": now,
        }
        for a in aggregates
    ]


# --- building -------------------------------------------------------------------------------


def build_bundle(
    snapshot: Snapshot,
    *,
    signing_key: signing.SigningSecretKey,
    recipients: list[encryption.Recipient],
    sequence: int,
    created_at: datetime,
    acta_pdfs: Mapping[str, bytes] | None = None,
) -> BuiltBundle:
    files = data_package_files(snapshot, created_at)
    for name, pdf in (acta_pdfs or {}).items():
        files[f"{ACTAS_FOLDER}/{name}"] = pdf
    files[archive.SIGNER_PUBLIC_KEY_NAME] = signing_key.public_key.file_text().encode("ascii")
    manifest = Manifest(
        territory_code=snapshot.territory_code,
        territory_name=snapshot.territory_name,
        mesa_id=snapshot.mesa_id,
        sequence=sequence,
        created_at=created_at,
        app_version=__version__,
        schema_revision=HEAD_REVISION,
        files=hashes_of(files),
    )
    manifest_bytes = manifest.to_bytes()
    files[archive.MANIFEST_NAME] = manifest_bytes
    files[archive.MANIFEST_SIGNATURE_NAME] = signing.sign(
        signing_key, manifest_bytes, trusted_comment=manifest.trusted_comment()
    )
    data = encryption.encrypt(archive.build_archive(files), recipients)
    return BuiltBundle(manifest, data, sha256_hex(data))


def data_package_files(snapshot: Snapshot, created_at: datetime) -> dict[str, bytes]:
    """``datapackage.json`` and ``data/*.csv`` for a snapshot."""
    files = {
        spec.path: datapackage.encode_csv(spec, snapshot.tables.get(spec.name, ()))
        for spec in datapackage.tables()
    }
    files[archive.DATAPACKAGE_NAME] = datapackage.descriptor_bytes(
        datapackage.descriptor(
            name=f"mesa-{snapshot.territory_code}",
            title=f"{snapshot.mesa_name} — {snapshot.territory_name}",
            created=created_at,
        )
    )
    return files


# --- the export action -----------------------------------------------------------------------


def export_bundle(
    store: Store,
    output: str | os.PathLike[str],
    *,
    to: str | os.PathLike[str] | None = None,
    include_actas: bool = False,
    now: datetime | None = None,
) -> ExportResult:
    """Export to ``output`` (a folder, where the standard name is used, or a file path).

    ``to`` is an age recipients file replacing the configured ministry key.
    """
    created_at = now or utcnow()
    key = installation.signing_key(store)
    recipient_path = installation.ministry_key_path(store, to)
    recipients = encryption.load_recipients(recipient_path)
    snapshot = collect_snapshot(store, now=created_at)
    pdfs, notes = approved_acta_pdfs(store) if include_actas else ({}, ())
    sequence = _reserve_sequence(store)
    with store.transaction() as db:
        mesa = the_mesa(db)
        built = build_bundle(
            snapshot,
            signing_key=key,
            recipients=recipients,
            sequence=sequence,
            created_at=created_at,
            acta_pdfs=pdfs,
        )
        target = _target_path(Path(output), built.file_name)
        write_bytes(target, built.data)
        recipient_text = " ".join(str(r) for r in recipients)[:200]
        db.add(
            ExportRecord(
                mesa_id=mesa.id,
                sequence=built.manifest.sequence,
                exported_at=created_at,
                file_name=target.name,
                sha256=built.sha256,
                size_bytes=len(built.data),
                recipient=recipient_text,
            )
        )
    return ExportResult(
        path=target,
        file_name=target.name,
        territory_code=snapshot.territory_code,
        sequence=built.manifest.sequence,
        created_at=created_at,
        size_bytes=len(built.data),
        sha256=built.sha256,
        recipient=recipient_text,
        rows=snapshot.row_counts,
        actas=tuple(sorted(pdfs)),
        notes=tuple(notes),
    )


# The highest sequence handed to an export, committed before its file is written: a kill
# between the file and its record must not let the next export reuse the number.
_RESERVED_SEQUENCE_SETTING = "bundle.export_sequence_reserved"


def _reserve_sequence(store: Store) -> int:
    with store.transaction() as db:
        mesa = the_mesa(db)
        last = db.scalar(select(func.max(ExportRecord.sequence)).where(ExportRecord.mesa_id == mesa.id))
        key = f"{_RESERVED_SEQUENCE_SETTING}.{mesa.id}"
        reserved = db.get(AppSetting, key)
        sequence = max(last or 0, int(reserved.value) if reserved else 0) + 1
        if reserved is None:
            db.add(AppSetting(key=key, value=str(sequence)))
        else:
            reserved.value = str(sequence)
    return sequence


@dataclass(frozen=True)
class ExportedCopy:
    sequence: int
    exported_at: datetime
    file_name: str


def find_export(store: Store, sha256: str) -> ExportedCopy | None:
    """The export of this store whose file has exactly this SHA-256, if any."""
    with store.reading() as db:
        record = db.scalar(select(ExportRecord).where(ExportRecord.sha256 == sha256))
        if record is None:
            return None
        return ExportedCopy(record.sequence, to_utc(record.exported_at), record.file_name)


def approved_acta_pdfs(store: Store) -> tuple[dict[str, bytes], tuple[str, ...]]:
    """PDFs of the current version of every approved acta, without captured signatures
    (DESIGN §6: signature images never leave the laptop)."""
    from dataclasses import replace

    from mesa_desktop.documents.acta import acta_pdf
    from mesa_desktop.services.document_data import acta_data

    with store.reading() as db:
        mesa = the_mesa(db)
        latest: dict[uuid.UUID, Acta] = {}
        for acta in db.scalars(select(Acta).where(Acta.mesa_id == mesa.id).order_by(Acta.version)):
            latest[acta.session_id] = acta
        approved = sorted(
            (a.number, a.version, a.session_id) for a in latest.values() if a.status == "approved"
        )
    pdfs = {}
    for number, version, session_id in approved:
        data = acta_data(store, session_id)
        unsigned = replace(data, attendees=tuple(replace(a, signature_png=None) for a in data.attendees))
        pdfs[f"acta-{number}-v{version}.pdf"] = acta_pdf(unsigned)
    return pdfs, (ACTAS_NOTE,) if pdfs else ("No hay actas aprobadas para incluir.",)


def _target_path(output: Path, standard_name: str) -> Path:
    if output.is_dir():
        return output / standard_name
    if output.suffix.lower() != ".mesa":
        raise InvalidInput(
            f"«{output}» no es una carpeta existente ni un archivo .mesa. Indique una carpeta "
            f"(el archivo se llamará {standard_name}) o un nombre terminado en .mesa."
        )
    return output

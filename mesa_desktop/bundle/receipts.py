"""Receipts (*acuses de recibo*): the ministry's signed word that it holds an export.

An ``.acuse`` file is JSON::

    {"format": "mesa-acuse", "format_version": 1,
     "receipt": {territory, mesa_id, sequence, bundle_file, bundle_sha256,
                 bundle_created_at, imported_at, verdict},
     "signer": "<minisign public key, base64>",
     "signature": "<minisign signature file>"}

The signature is minisign's, over the canonical JSON of ``receipt`` (sorted keys, no
spaces, ASCII): extract those bytes and ``signature`` to files and ``minisign -V`` checks
them. The trusted comment is deterministic, so the same import always yields the same
file.

The focal point verifies every receipt against the receipt-signing key in the ministry key
file the app ships (or the one installed in settings): never against the key a receipt
carries, so a stranger's receipt is refused even when it is the first one to arrive.

Thread affinity: none.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from mesa_desktop.atomic import write_bytes
from mesa_desktop.bundle import installation, signing, validation
from mesa_desktop.bundle.datapackage import format_datetime, parse_datetime
from mesa_desktop.bundle.errors import BundleRejected, KeyFileError, SignatureInvalid
from mesa_desktop.clock import to_utc, utcnow
from mesa_desktop.errors import InvalidInput, MesaError, NotFound
from mesa_desktop.models import ExportRecord, Receipt
from mesa_desktop.services.lookup import the_mesa
from mesa_desktop.store import Store
from mesa_desktop.vocabulary import ReceiptVerdict, labels

FORMAT_NAME = "mesa-acuse"
FORMAT_VERSION = 1
RECEIPT_SUFFIX = ".acuse"
MAX_RECEIPT_BYTES = 64 * 1024

VERDICT_LABELS = labels(ReceiptVerdict)


@dataclass(frozen=True)
class ReceiptData:
    territory_code: str
    territory_name: str
    mesa_id: uuid.UUID
    sequence: int
    bundle_file: str
    bundle_sha256: str
    bundle_created_at: datetime
    imported_at: datetime
    verdict: str

    def to_json(self) -> dict[str, Any]:
        return {
            "territory": {"code": self.territory_code, "name": self.territory_name},
            "mesa_id": str(self.mesa_id),
            "sequence": self.sequence,
            "bundle_file": self.bundle_file,
            "bundle_sha256": self.bundle_sha256,
            "bundle_created_at": format_datetime(self.bundle_created_at),
            "imported_at": format_datetime(self.imported_at),
            "verdict": self.verdict,
        }

    @property
    def verdict_label(self) -> str:
        return verdict_label(self.verdict)


def verdict_label(verdict: str) -> str:
    # A receipt recorded by an older build may hold any text: show it, never fail on it.
    return VERDICT_LABELS.get(verdict, f"resultado desconocido: {verdict}")


def signed_bytes(receipt: ReceiptData) -> bytes:
    return canonical(receipt.to_json())


def canonical(body: Any) -> bytes:
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode("ascii")


def receipt_file_name(bundle_file: str) -> str:
    stem = bundle_file[: -len(".mesa")] if bundle_file.lower().endswith(".mesa") else bundle_file
    return f"{stem}{RECEIPT_SUFFIX}"


def make_receipt(receipt: ReceiptData, key: signing.SigningSecretKey) -> bytes:
    comment = (
        f"mesa-acuse territory:{receipt.territory_code} sequence:{receipt.sequence} "
        f"sha256:{receipt.bundle_sha256[:16]} verdict:{receipt.verdict}"
    )
    signature = signing.sign(key, signed_bytes(receipt), trusted_comment=comment)
    document = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "receipt": receipt.to_json(),
        "signer": key.public_key.base64,
        "signature": signature.decode("ascii"),
    }
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def write_receipt(folder: Path, receipt: ReceiptData, key: signing.SigningSecretKey) -> Path:
    """Write (or leave in place, when identical) the receipt for one imported bundle."""
    target = folder / receipt_file_name(receipt.bundle_file)
    content = make_receipt(receipt, key)
    try:
        if target.read_bytes() == content:
            return target
    except OSError:
        pass
    write_bytes(target, content)
    return target


# --- reading (the focal point's side) ---------------------------------------------------------


def read_receipt(data: bytes, trusted: signing.SigningPublicKey) -> ReceiptData:
    """Parse a receipt and verify it against the ministry's receipt key ``trusted``."""
    try:
        # Bounded like a bundle's JSON: size and nesting checked before the (recursive) parser.
        document = validation.load_json(data, name="El acuse", max_bytes=MAX_RECEIPT_BYTES)
        if document.get("format") != FORMAT_NAME:
            raise ValueError
        if document.get("format_version") != FORMAT_VERSION:
            raise InvalidInput(
                "El acuse fue generado por una versión más reciente de Mesa Desktop. "
                "Actualice la aplicación para leerlo."
            )
        body = document["receipt"]
        signer = signing.parse_public_key(document["signer"], source="la llave del acuse")
        signature = document["signature"].encode("ascii")
        signed = canonical(body)
    except InvalidInput:
        raise
    except (ValueError, KeyError, TypeError, AttributeError, UnicodeError, KeyFileError, BundleRejected):
        raise _not_a_receipt() from None
    if signer.base64 != trusted.base64:
        raise SignatureInvalid(
            f"El acuse está firmado con la llave {signer.key_id}, que no es la del Ministerio "
            f"({trusted.key_id}): no se registró. Si el Ministerio cambió de llave, instale su "
            "archivo de llave nuevo en Configuración."
        )
    try:
        signing.verify(trusted, signed, signature)
    except SignatureInvalid as error:
        raise SignatureInvalid(f"El acuse no es auténtico y no se registró. {error}") from None
    try:
        receipt = _receipt_from_json(body)
    except (ValueError, KeyError, TypeError, AttributeError):
        raise _not_a_receipt() from None
    if not 1 <= receipt.sequence <= validation.MAX_SEQUENCE:
        raise _not_a_receipt()
    if receipt.verdict not in VERDICT_LABELS:
        raise InvalidInput(
            f"El acuse trae un resultado que esta versión no conoce ({receipt.verdict[:40]}). "
            "Actualice Mesa Desktop para registrarlo."
        )
    return receipt


def _not_a_receipt() -> InvalidInput:
    return InvalidInput(
        "El archivo no es un acuse de recibo de Mesa Desktop (.acuse). "
        "Confirme que adjuntó el archivo que envió el Ministerio."
    )


def _receipt_from_json(body: dict[str, Any]) -> ReceiptData:
    return ReceiptData(
        territory_code=str(body["territory"]["code"]),
        territory_name=str(body["territory"]["name"]),
        mesa_id=uuid.UUID(body["mesa_id"]),
        sequence=int(body["sequence"]),
        bundle_file=str(body["bundle_file"]),
        bundle_sha256=str(body["bundle_sha256"]),
        bundle_created_at=parse_datetime(body["bundle_created_at"]),
        imported_at=parse_datetime(body["imported_at"]),
        verdict=str(body["verdict"]),
    )


@dataclass(frozen=True)
class ReceiptInfo:
    sequence: int
    bundle_file: str
    verdict: str
    verdict_label: str
    imported_at: datetime
    changed: bool
    ministry_key_id: str


def import_receipt(store: Store, path: str | os.PathLike[str]) -> ReceiptInfo:
    """Record a receipt for one of this mesa's exports (idempotent)."""
    data = _read_small(Path(path))
    trusted = ministry_receipt_key(store)
    receipt = read_receipt(data, trusted)
    with store.transaction() as db:
        mesa = the_mesa(db)
        if receipt.territory_code != mesa.territory_code or receipt.mesa_id != mesa.id:
            raise InvalidInput(
                f"El acuse es del territorio {receipt.territory_code}, no de esta mesa "
                f"({mesa.territory_code}). Confirme que es el acuse correcto."
            )
        export = db.scalar(
            select(ExportRecord).where(
                ExportRecord.mesa_id == mesa.id, ExportRecord.sha256 == receipt.bundle_sha256
            )
        )
        if export is None or export.sequence != receipt.sequence:
            raise NotFound(
                f"El acuse se refiere a {receipt.bundle_file} (exportación n.º {receipt.sequence}), que "
                "no figura en el historial de exportaciones de esta mesa."
            )
        existing = db.scalar(
            select(Receipt).where(Receipt.mesa_id == mesa.id, Receipt.sequence == receipt.sequence)
        )
        changed = existing is None or (existing.bundle_sha256, existing.verdict) != (
            receipt.bundle_sha256,
            receipt.verdict,
        )
        if existing is None:
            existing = Receipt(mesa_id=mesa.id, sequence=receipt.sequence)
            db.add(existing)
        if changed:
            existing.export_id = export.id
            existing.received_at = utcnow()
            existing.imported_at = receipt.imported_at
            existing.bundle_sha256 = receipt.bundle_sha256
            existing.verdict = receipt.verdict
    return ReceiptInfo(
        receipt.sequence,
        receipt.bundle_file,
        receipt.verdict,
        receipt.verdict_label,
        receipt.imported_at,
        changed,
        trusted.key_id,
    )


def ministry_receipt_key(store: Store) -> signing.SigningPublicKey:
    """The receipt-signing key of the ministry key file in use; refused when it has none."""
    from mesa_desktop.bundle import keys

    path = installation.ministry_key_path(store)
    key = keys.load_ministry_key(path).receipt_key
    if key is None:
        raise KeyFileError(
            f"La llave del Ministerio instalada ({path.name}) es de formato antiguo y no trae la "
            "llave de firma de acuses, así que el acuse no se puede verificar. Instale en "
            "Configuración el archivo de llave actual del Ministerio."
        )
    return key


def _read_small(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_RECEIPT_BYTES + 1)
    except FileNotFoundError:
        raise InvalidInput(f"No existe el archivo {path}.") from None
    except OSError as error:
        raise MesaError(f"No se pudo leer {path}: {error.strerror or error}.") from error
    if len(data) > MAX_RECEIPT_BYTES:
        raise InvalidInput(f"{path.name} es demasiado grande para ser un acuse de recibo.")
    return data


# --- export history ---------------------------------------------------------------------------


@dataclass(frozen=True)
class HistoryEntry:
    sequence: int
    file_name: str
    exported_at: datetime
    size_bytes: int
    sha256: str
    receipt_verdict: str | None
    ministry_imported_at: datetime | None


def history(store: Store) -> list[HistoryEntry]:
    """This mesa's exports, newest first, with what the ministry acknowledged."""
    with store.reading() as db:
        mesa = the_mesa(db)
        receipts = {r.sequence: r for r in db.scalars(select(Receipt).where(Receipt.mesa_id == mesa.id))}
        exports = db.scalars(
            select(ExportRecord).where(ExportRecord.mesa_id == mesa.id).order_by(ExportRecord.sequence.desc())
        ).all()
        entries = []
        for export in exports:
            receipt = receipts.get(export.sequence)
            held = receipt if receipt is not None and receipt.bundle_sha256 == export.sha256 else None
            entries.append(
                HistoryEntry(
                    export.sequence,
                    export.file_name,
                    to_utc(export.exported_at),
                    export.size_bytes,
                    export.sha256,
                    held.verdict if held else None,
                    to_utc(held.imported_at) if held else None,
                )
            )
        return entries

"""Opening a received ``.mesa`` file and checking everything before anyone trusts it.

In order: size, decryption (age authenticates every byte), the zip (layout, traversal,
bombs: ``archive``), the manifest's signature by the key in ``signer.pub``, the bundle and
schema versions, the SHA-256 of every file, ``datapackage.json`` against the tables this
version knows, and finally the rows themselves (types, one mesa, every reference inside
the bundle). Any failure raises a ``BundleRejected`` with a Spanish reason.

A valid signature proves the bundle is intact and was made with the key in ``signer.pub``;
that the key is the territory's is the importer's business (it pins keys).

Thread affinity: none.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from mesa_desktop import territories
from mesa_desktop.bundle import archive, datapackage, encryption, signing
from mesa_desktop.bundle import manifest as manifest_module
from mesa_desktop.bundle.datapackage import ROOT_TABLE, TableSpec
from mesa_desktop.bundle.errors import (
    BundleRejected,
    InvalidData,
    KeyFileError,
    OversizedBundle,
    SignatureInvalid,
)
from mesa_desktop.bundle.manifest import Manifest, sha256_hex
from mesa_desktop.clock import local
from mesa_desktop.errors import InvalidInput, MesaError

Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class OpenedBundle:
    sha256: str  # of the .mesa file as received
    size: int
    manifest: Manifest
    signer: signing.SigningPublicKey
    files: Mapping[str, bytes]
    resources: Mapping[str, TableSpec]

    @property
    def actas(self) -> list[str]:
        return sorted(name for name in self.files if name.startswith("actas/"))

    def read_rows(self) -> Rows:
        """The typed rows of every table (all the shared tables, empty when absent)."""
        rows: Rows = {spec.name: [] for spec in datapackage.tables()}
        for name, spec in self.resources.items():
            rows[name] = datapackage.decode_csv(spec, self.files[spec.path])
        check_rows(self.manifest, rows)
        return rows


def read_file(path: str | os.PathLike[str]) -> bytes:
    """A bundle file's bytes; refuses one too big to be a bundle without reading it."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > encryption.DEFAULT_MAX_CIPHERTEXT_BYTES:
            raise OversizedBundle(
                f"El archivo pesa {size // (1024 * 1024)} MB, más de lo que puede ser un paquete "
                "de Mesa. No se abrió; confirme que es el archivo correcto."
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(f"No existe el archivo {path}.") from None
    except IsADirectoryError:
        raise InvalidInput(f"{path} es una carpeta, no un paquete .mesa.") from None
    except OSError as error:
        raise MesaError(f"No se pudo leer {path}: {error.strerror or error}.") from error


def open_bundle(data: bytes, identities: Iterable[encryption.Identity]) -> OpenedBundle:
    """Decrypt and check a bundle up to its data package (rows are read by ``read_rows``)."""
    plaintext = encryption.decrypt(data, list(identities))
    files = archive.read_archive(plaintext)
    signer = _signer(files[archive.SIGNER_PUBLIC_KEY_NAME])
    signing.verify(signer, files[archive.MANIFEST_NAME], files[archive.MANIFEST_SIGNATURE_NAME])
    manifest = manifest_module.parse(files[archive.MANIFEST_NAME])
    manifest_module.check_files(manifest, files)
    resources = datapackage.check_descriptor(files[archive.DATAPACKAGE_NAME])
    _check_data_files(files, resources)
    return OpenedBundle(sha256_hex(data), len(data), manifest, signer, files, resources)


def _signer(raw: bytes) -> signing.SigningPublicKey:
    try:
        return signing.parse_public_key(raw, source="signer.pub")
    except KeyFileError:
        raise SignatureInvalid(
            "La llave pública del firmante (signer.pub) está dañada, así que la firma no se puede "
            "comprobar. Pida que le envíen el paquete de nuevo."
        ) from None


def _check_data_files(files: Mapping[str, bytes], resources: Mapping[str, TableSpec]) -> None:
    declared = {spec.path for spec in resources.values()}
    for name in files:
        if name.startswith(f"{datapackage.DATA_FOLDER}/") and name not in declared:
            raise _invalid(f"{name} no está descrito en datapackage.json")
    for path in sorted(declared - set(files)):
        raise _invalid(f"falta {path}, descrito en datapackage.json")


# --- rows -----------------------------------------------------------------------------------


def check_rows(manifest: Manifest, rows: Rows) -> None:
    """One mesa, the manifest's; unique ids; every reference resolved inside the bundle."""
    mesas = rows.get(ROOT_TABLE, [])
    if len(mesas) != 1:
        raise _invalid(f"debe haber exactamente una mesa y hay {len(mesas)}")
    mesa = mesas[0]
    if mesa["id"] != manifest.mesa_id or mesa["territory_code"] != manifest.territory_code:
        raise _invalid("la mesa de los datos no es la del manifiesto")
    try:
        territories.get(manifest.territory_code)
    except InvalidInput:
        raise _invalid(f"el código DIVIPOLA {manifest.territory_code} no existe") from None
    ids = {name: _unique_ids(name, table_rows) for name, table_rows in rows.items()}
    specs = datapackage.table_specs()
    for name, table_rows in rows.items():
        for fk in specs[name].foreign_keys:
            targets = ids.get(fk.table, set())
            for row in table_rows:
                value = row.get(fk.field)
                if value is not None and value not in targets:
                    raise _invalid(
                        f"la fila {row['id']} de «{name}» remite a un registro de «{fk.table}» "
                        "que el paquete no trae"
                    )
        if name != ROOT_TABLE and "mesa_id" in specs[name].field_names:
            if any(row["mesa_id"] != manifest.mesa_id for row in table_rows):
                raise _invalid(f"«{name}» tiene filas de otra mesa")


def _unique_ids(name: str, table_rows: list[dict[str, Any]]) -> set[Any]:
    found = {row["id"] for row in table_rows}
    if len(found) != len(table_rows):
        raise _invalid(f"«{name}» repite identificadores")
    return found


def _invalid(detail: str) -> InvalidData:
    return InvalidData(
        f"El paquete está firmado e íntegro, pero sus datos no son válidos: {detail}. "
        "Pida a la entidad territorial que lo genere de nuevo con Mesa Desktop."
    )


# --- verification verdict ---------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    """What ``mesa bundle verify`` reports."""

    file: str
    ok: bool
    message: str
    reason: str | None = None
    sha256: str | None = None
    territory_code: str | None = None
    territory_name: str | None = None
    sequence: int | None = None
    created_at: datetime | None = None
    signer_key_id: str | None = None
    app_version: str | None = None
    schema_revision: str | None = None
    rows: dict[str, int] = field(default_factory=dict)
    actas: tuple[str, ...] = ()


def verify_file(path: str | os.PathLike[str], identities: Iterable[encryption.Identity]) -> Verdict:
    name = Path(path).name
    data = None
    try:
        data = read_file(path)
        opened = open_bundle(data, identities)
        rows = opened.read_rows()
    except BundleRejected as rejection:
        return Verdict(
            file=name,
            ok=False,
            message=rejection.message,
            reason=rejection.reason,
            sha256=sha256_hex(data) if data is not None else None,
        )
    m = opened.manifest
    return Verdict(
        file=name,
        ok=True,
        sha256=opened.sha256,
        message=(
            f"Paquete válido: firma correcta (llave {opened.signer.key_id}), {len(m.files)} archivos "
            f"íntegros y datos conformes al esquema. {m.territory_name}, exportación "
            f"n.º {m.sequence} del {local(m.created_at):%Y-%m-%d %H:%M}."
        ),
        territory_code=m.territory_code,
        territory_name=m.territory_name,
        sequence=m.sequence,
        created_at=m.created_at,
        signer_key_id=opened.signer.key_id,
        app_version=m.app_version,
        schema_revision=m.schema_revision,
        rows={k: len(v) for k, v in rows.items()},
        actas=tuple(opened.actas),
    )

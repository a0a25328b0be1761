"""The bundle's manifest: who sent it, from which version, and the SHA-256 of every file.

The installation signs ``manifest.json`` alone; because the manifest lists the hash of every
other file, that one signature covers the whole bundle (DESIGN §7).

Versions: ``format_version`` is the layout of the bundle itself; ``schema_revision`` the
store schema its data came from. A bundle from a newer format or an unknown (newer)
revision is refused rather than half understood.

Thread affinity: none.
"""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mesa_desktop.bundle import validation
from mesa_desktop.bundle.archive import MANIFEST_NAME, MANIFEST_SIGNATURE_NAME
from mesa_desktop.bundle.datapackage import format_datetime, parse_received_datetime
from mesa_desktop.bundle.errors import InvalidData, NewerSchema, TamperedBundle
from mesa_desktop.clock import COLOMBIA
from mesa_desktop.store.schema import KNOWN_REVISIONS

FORMAT_NAME = "mesa-bundle"
FORMAT_VERSION = 1
BUNDLE_SUFFIX = ".mesa"
# Colombia keeps UTC-5 all year: the date in a file name is the focal point's date.
UNSIGNED_NAMES = frozenset({MANIFEST_NAME, MANIFEST_SIGNATURE_NAME})

_TERRITORY_CODE = re.compile(r"\d{2}(\d{3})?\Z")


@dataclass(frozen=True)
class Manifest:
    territory_code: str
    territory_name: str
    mesa_id: uuid.UUID
    sequence: int
    created_at: datetime
    app_version: str
    schema_revision: str
    files: Mapping[str, str] = field(default_factory=dict)  # name → hex SHA-256
    format_version: int = FORMAT_VERSION

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT_NAME,
            "format_version": self.format_version,
            "territory": {"code": self.territory_code, "name": self.territory_name},
            "mesa_id": str(self.mesa_id),
            "sequence": self.sequence,
            "created_at": format_datetime(self.created_at),
            "app_version": self.app_version,
            "schema_revision": self.schema_revision,
            "files": dict(sorted(self.files.items())),
        }

    def to_bytes(self) -> bytes:
        return (json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n").encode("utf-8")

    @property
    def file_name(self) -> str:
        return bundle_file_name(self.territory_code, self.created_at, self.sequence)

    def trusted_comment(self) -> str:
        """Signed together with the manifest; shown by ``minisign -V``. ASCII only."""
        return (
            f"mesa-bundle territory:{self.territory_code} sequence:{self.sequence} "
            f"created:{format_datetime(self.created_at)}"
        )


def bundle_file_name(territory_code: str, created_at: datetime, sequence: int) -> str:
    day = created_at.astimezone(COLOMBIA).strftime("%Y%m%d")
    return f"mesa-{territory_code}-{day}-{sequence}{BUNDLE_SUFFIX}"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def hashes_of(files: Mapping[str, bytes]) -> dict[str, str]:
    """What the manifest lists: the SHA-256 of every file but the manifest and its signature."""
    return {name: sha256_hex(content) for name, content in files.items() if name not in UNSIGNED_NAMES}


def parse(raw: bytes) -> Manifest:
    """A received manifest (already known to be signed); refuses newer versions."""
    value = validation.load_json(raw, name=MANIFEST_NAME, max_bytes=validation.MAX_MANIFEST_BYTES)
    try:
        if value.get("format") != FORMAT_NAME:
            raise ValueError
        format_version = value["format_version"]
    except (ValueError, TypeError, KeyError, AttributeError):
        raise _invalid("manifest.json no es un manifiesto de paquete de Mesa") from None
    if not isinstance(format_version, int) or isinstance(format_version, bool) or format_version < 1:
        raise _invalid("el campo «format_version» de manifest.json no es un número de versión")
    if format_version > FORMAT_VERSION:
        raise _newer(f"formato de paquete {format_version if format_version < 10**6 else 'desconocido'}")
    territory = value.get("territory")
    if not isinstance(territory, dict):
        raise _invalid("el campo «territory» de manifest.json falta o no es un objeto")
    try:
        mesa_id = uuid.UUID(validation.text_field(value.get("mesa_id"), "mesa_id", max_chars=45))
    except ValueError:
        raise _invalid("el campo «mesa_id» de manifest.json no es un UUID") from None
    created_text = validation.text_field(value.get("created_at"), "created_at", max_chars=40)
    try:
        created_at = parse_received_datetime(created_text)
    except ValueError:
        raise _invalid("el campo «created_at» de manifest.json no es una fecha y hora con zona") from None
    manifest = Manifest(
        territory_code=validation.text_field(territory.get("code"), "territory.code", max_chars=5),
        territory_name=validation.text_field(territory.get("name"), "territory.name", max_chars=200),
        mesa_id=mesa_id,
        sequence=validation.int_field(value.get("sequence"), "sequence", low=1, high=validation.MAX_SEQUENCE),
        created_at=validation.moment_field(created_at, "created_at"),
        app_version=validation.text_field(value.get("app_version"), "app_version", max_chars=40),
        schema_revision=validation.text_field(value.get("schema_revision"), "schema_revision", max_chars=60),
        files=_files(value.get("files")),
        format_version=format_version,
    )
    if manifest.schema_revision not in KNOWN_REVISIONS:
        raise _newer(f"esquema {manifest.schema_revision}")
    if not _TERRITORY_CODE.match(manifest.territory_code):
        raise _invalid(f"«{manifest.territory_code[:12]}» no es un código DIVIPOLA")
    return manifest


def check_files(manifest: Manifest, files: Mapping[str, bytes]) -> None:
    """Every file but the manifest and its signature is listed, and matches its hash."""
    present = set(files) - UNSIGNED_NAMES
    listed = set(manifest.files)
    for name in sorted(present - listed):
        raise TamperedBundle(
            f"El paquete contiene «{name}», que el manifiesto firmado no menciona: alguien lo "
            "agregó después de firmado. No se importó; pida que se lo envíen de nuevo."
        )
    for name in sorted(listed - present):
        raise TamperedBundle(
            f"Falta «{name}», que el manifiesto firmado incluye: el paquete se alteró después de "
            "firmado. No se importó; pida que se lo envíen de nuevo."
        )
    for name in sorted(present):
        if sha256_hex(files[name]) != manifest.files[name]:
            raise TamperedBundle(
                f"«{name}» no coincide con la huella SHA-256 del manifiesto firmado: el paquete "
                "se modificó después de firmado. No se importó; pida que se lo envíen de nuevo."
            )


# Far more files than any bundle holds; bounds the hash checks.
_MAX_LISTED_FILES = 10_000


def _files(value: Any) -> dict[str, str]:
    if not isinstance(value, dict):
        raise _invalid("el campo «files» de manifest.json falta o no es un objeto")
    if len(value) > _MAX_LISTED_FILES:
        raise _invalid(f"el campo «files» de manifest.json lista más de {_MAX_LISTED_FILES} archivos")
    for name, digest in value.items():
        if len(name) > 255 or not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
            raise _invalid("el campo «files» de manifest.json tiene un nombre o una huella inválidos")
    return dict(value)


def _invalid(detail: str) -> InvalidData:
    return InvalidData(
        f"El paquete está firmado, pero {detail}. Pida a la entidad territorial que lo genere "
        "de nuevo con Mesa Desktop."
    )


def _newer(what: str) -> NewerSchema:
    return NewerSchema(
        f"El paquete fue generado por una versión más reciente de Mesa Desktop ({what}), que esta "
        "versión no sabe leer. Actualice Mesa Desktop en el Ministerio e impórtelo de nuevo; "
        "el archivo queda en cuarentena mientras tanto."
    )

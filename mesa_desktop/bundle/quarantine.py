"""The quarantine folder: refused bundles, copied aside with a reason a person can act on.

For each refused file we write, next to each other:

* ``<name>-<sha8>.mesa`` — an exact copy of what arrived (the original is left alone);
* ``<name>-<sha8>.motivo.txt`` — in Spanish: what is wrong and what to do;
* ``<name>-<sha8>.motivo.json`` — the same for scripts (reason code, message, SHA-256).

The folder is a log in itself: nothing about a refused bundle goes into the store. The same
file refused twice lands on the same names, so re-running an import does not pile up copies.
Bundles held because their territory's key changed go to a ``llave-pendiente`` subfolder the
same way, until a person accepts the new key.

Thread affinity: none.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from mesa_desktop.atomic import atomic_writer, write_text
from mesa_desktop.bundle.installation import data_dir
from mesa_desktop.clock import utcnow
from mesa_desktop.store import Store

QUARANTINE_FOLDER = "cuarentena"
KEY_CHANGE_FOLDER = "llave-pendiente"

REASON_LABELS = {
    "not_a_bundle": "No es un paquete de Mesa",
    "truncated": "Paquete incompleto (cortado)",
    "corrupt": "Paquete dañado",
    "unsupported": "Formato no admitido",
    "path_traversal": "Ruta insegura dentro del paquete",
    "unsafe_entry": "Entrada insegura dentro del paquete",
    "duplicate_entry": "Entrada repetida dentro del paquete",
    "oversized": "Paquete demasiado grande (posible bomba zip)",
    "unexpected_entry": "Archivo ajeno dentro del paquete",
    "missing_entry": "Falta un archivo obligatorio",
    "wrong_recipient": "Cifrado para otro destinatario",
    "bad_signature": "Firma inválida",
    "tampered": "Paquete alterado después de firmado",
    "newer_schema": "Versión más reciente de Mesa Desktop",
    "invalid_data": "Datos inválidos",
    "key_change_pending": "Cambio de llave de firma pendiente de aceptar",
}


@dataclass(frozen=True)
class QuarantinedFile:
    path: Path
    reason_path: Path


def default_folder(store: Store) -> Path:
    """``cuarentena`` beside the consolidation store (or in the data folder for a server)."""
    return data_dir(store) / QUARANTINE_FOLDER


def put_aside(
    source: Path,
    folder: Path,
    *,
    reason: str,
    message: str,
    sha256: str,
    advice: str = "",
    now: datetime | None = None,
) -> QuarantinedFile:
    """Copy ``source`` into ``folder`` with its reason files; returns where they went."""
    folder.mkdir(parents=True, exist_ok=True)
    stem = f"{_stem(source.name)}-{sha256[:8]}"
    copy = folder / f"{stem}{source.suffix or '.mesa'}"
    reason_txt = folder / f"{stem}.motivo.txt"
    if not copy.exists():
        with open(source, "rb") as incoming, atomic_writer(copy) as handle:
            shutil.copyfileobj(incoming, handle)
    moment = (now or utcnow()).astimezone(UTC)
    label = REASON_LABELS.get(reason, reason)
    write_text(reason_txt, _reason_text(source, copy, label, message, advice, sha256, moment))
    write_text(
        folder / f"{stem}.motivo.json",
        json.dumps(
            {
                "file": source.name,
                "original_path": str(source),
                "copy": copy.name,
                "reason": reason,
                "reason_label": label,
                "message": message,
                "sha256": sha256,
                "at": moment.isoformat().replace("+00:00", "Z"),
            },
            ensure_ascii=False,
            indent=1,
        )
        + "\n",
    )
    return QuarantinedFile(copy, reason_txt)


def _reason_text(
    source: Path, copy: Path, label: str, message: str, advice: str, sha256: str, moment: datetime
) -> str:
    lines = [
        f"Paquete: {source.name}",
        f"Recibido de: {source}",
        f"Copia en cuarentena: {copy.name}",
        f"Fecha: {moment:%Y-%m-%d %H:%M} UTC",
        f"SHA-256: {sha256}",
        "",
        f"Motivo: {label}",
        message,
    ]
    if advice:
        lines += ["", advice]
    lines += ["", "No se guardó ningún dato de este paquete en el almacén de consolidación."]
    return "\n".join(lines) + "\n"


def _stem(name: str) -> str:
    stem = name[: -len(".mesa")] if name.lower().endswith(".mesa") else Path(name).stem
    safe = "".join(char if char.isalnum() or char in "-_." else "_" for char in stem)
    return safe[:120] or "paquete"

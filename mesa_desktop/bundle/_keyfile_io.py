"""Reading and writing the small text files that hold keys (shared by signing and encryption)."""

from __future__ import annotations

import os
from pathlib import Path

from mesa_desktop.atomic import write_bytes
from mesa_desktop.bundle.errors import KeyFileError
from mesa_desktop.errors import Conflict

# Key files are a few hundred bytes; refusing big files stops a mistaken path (a bundle,
# a video) from being read whole into memory just to fail parsing.
MAX_KEY_FILE_BYTES = 64 * 1024

_UTF8_BOM = b"\xef\xbb\xbf"


def read_key_file(path: str | os.PathLike[str], what: str) -> bytes:
    """Bytes of a key file without a leading BOM (Notepad adds one); ``what`` names it in errors."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_KEY_FILE_BYTES + 1)
    except FileNotFoundError:
        raise KeyFileError(f"No se encontró {what}: {path}. Revise la ruta del archivo.") from None
    except IsADirectoryError:
        raise KeyFileError(f"{path} es una carpeta; indique el archivo de {what}.") from None
    except OSError as error:
        raise KeyFileError(
            f"No se pudo leer {what} ({path}): {error.strerror or error}. Revise los permisos del archivo."
        ) from error
    if len(data) > MAX_KEY_FILE_BYTES:
        raise KeyFileError(f"{path} es demasiado grande para ser {what}. Revise la ruta del archivo.")
    return data.removeprefix(_UTF8_BOM)


def refuse_existing(*paths: Path) -> None:
    """Never overwrite a key: losing a secret key means losing what was encrypted or signed."""
    for path in paths:
        if path.exists():
            raise Conflict(
                f"Ya existe {path}; no se sobrescribe una llave. "
                "Elija otro nombre o mueva el archivo existente a un lugar seguro."
            )


def write_secret_file(path: str | os.PathLike[str], data: bytes) -> None:
    """Write a secret key readable only by its owner.

    The atomic writer's temp file is created 0600, kept so, and renamed, so the secret is
    never readable by others even for a moment. On Windows chmod cannot restrict readers:
    there the user profile's ACL protects it.
    """
    write_bytes(path, data, mode=0o600)


def write_public_file(path: str | os.PathLike[str], data: bytes) -> None:
    write_bytes(path, data)
    os.chmod(path, 0o644)

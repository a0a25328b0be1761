"""The one way we write files: same-folder temp file, fsync, replace.

A crash or a full disk leaves either the old file or the new one, never half of one.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from mesa_desktop.errors import MesaError


@contextmanager
def atomic_writer(target: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Yield a binary file; on normal exit it replaces ``target`` atomically."""
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        raise MesaError(f"La carpeta de destino no existe: {folder}")
    fd, temp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, target)
        fsync_folder(folder)
    except OSError as error:
        _discard(temp_name)
        raise MesaError(_describe_os_error(error, target)) from error
    except BaseException:
        _discard(temp_name)
        raise


def write_bytes(target: str | os.PathLike[str], data: bytes) -> None:
    with atomic_writer(target) as handle:
        handle.write(data)


def write_text(target: str | os.PathLike[str], text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def _describe_os_error(error: OSError, target: Path) -> str:
    import errno

    if error.errno == errno.ENOSPC:
        return (
            f"No hay espacio en el disco para escribir {target.name}. "
            "Libere espacio e inténtelo de nuevo; no se modificó ningún archivo."
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"No hay permiso para escribir en {target.parent}. Elija otra carpeta."
    return f"No se pudo escribir {target}: {error.strerror or error}."


def _discard(temp_name: str) -> None:
    try:
        os.unlink(temp_name)
    except FileNotFoundError:
        pass


def fsync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (Windows has no directory fsync)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

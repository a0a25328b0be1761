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
from mesa_desktop.leftovers import sweep_leftovers

TEMP_SUFFIX = ".tmp"


def temp_prefix(target: Path) -> str:
    """Hidden, per-target and per-process: the next start can tell a dead writer's leftover
    (its process is gone) from a file another running program is still writing."""
    return f".{target.name}.{os.getpid()}-"


@contextmanager
def atomic_writer(target: str | os.PathLike[str]) -> Iterator[BinaryIO]:
    """Yield a binary file; on normal exit it replaces ``target`` atomically."""
    target = Path(target)
    folder = target.parent
    if not folder.is_dir():
        raise MesaError(f"La carpeta de destino no existe: {folder}")
    sweep_leftovers(folder)  # a killed earlier write's temp file goes before we add ours
    fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(target), suffix=TEMP_SUFFIX, dir=folder)
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


def write_private_once(target: str | os.PathLike[str], data: bytes) -> bool:
    """Create ``target`` (0600) with ``data`` unless it exists; True if this call created it.

    For secret keys: the bytes go to a uniquely named 0600 file in the same folder, which is
    hard-linked to the final name (so a concurrent creator never sees half a key, and the
    first one wins) and always removed; a kill in between leaves a staging file the next
    start removes (``mesa_desktop.leftovers``)."""
    target = Path(target)
    if not target.parent.is_dir():
        raise MesaError(f"La carpeta de destino no existe: {target.parent}")
    staging = target.with_name(f"{temp_prefix(target)}{os.urandom(8).hex()}{SECRET_SUFFIX}")
    created = False
    try:
        fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.link(staging, target)
            created = True
        except FileExistsError:
            pass  # another process created it first; everyone uses that one
        except OSError:
            # No hard links on this file system (some USB or network drives): a rename can
            # only lose the race, never leave a half-written key.
            if not target.exists():
                os.replace(staging, target)
                created = True
        fsync_folder(target.parent)
    except OSError as error:
        raise MesaError(_describe_os_error(error, target)) from error
    finally:
        _discard(str(staging))
    return created


SECRET_SUFFIX = ".new"


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

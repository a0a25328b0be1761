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
def atomic_writer(target: str | os.PathLike[str], mode: int | None = None) -> Iterator[BinaryIO]:
    """Yield a binary file; on normal exit it replaces ``target`` atomically.

    The result gets the user's normal permissions (the umask), not mkstemp's 0600, unless
    ``mode`` is given (0o600 for a secret: the temp file is private from its creation)."""
    target = Path(target)
    folder = target.parent
    require_folder(folder)
    sweep_leftovers(folder)  # a killed earlier write's temp file goes before we add ours
    temp_name = ""
    try:
        fd, temp_name = tempfile.mkstemp(prefix=temp_prefix(target), suffix=TEMP_SUFFIX, dir=folder)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        _set_mode(temp_name, mode)
        os.replace(temp_name, target)
        fsync_folder(folder)
    except OSError as error:
        _discard(temp_name)
        raise MesaError(describe_os_error(error, target)) from error
    except BaseException:
        _discard(temp_name)
        raise


def require_folder(folder: Path) -> None:
    """Refuse a missing folder, or a path that is a file, before anything is written."""
    if folder.is_dir():
        return
    if folder.exists():
        raise MesaError(f"{folder} no es una carpeta sino un archivo. Elija otra carpeta de destino.")
    raise MesaError(f"La carpeta de destino no existe: {folder}. Créela o elija otra carpeta.")


def _set_mode(path: str, mode: int | None) -> None:
    if mode is None:
        apply_umask(path)
    elif os.name == "posix":
        os.chmod(path, mode)


def apply_umask(path: str | os.PathLike[str]) -> None:
    """Give a mkstemp file (always 0600) the mode a plain ``open`` would have given it."""
    if os.name != "posix":
        return
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


def write_bytes(target: str | os.PathLike[str], data: bytes, mode: int | None = None) -> None:
    with atomic_writer(target, mode) as handle:
        handle.write(data)


def write_all(files: dict[Path, bytes]) -> list[Path]:
    """Write several files as one: all of them, or none (the old ones stay as they were).

    Every file goes to its own temp file first (a full disk fails here, before any target is
    touched); then each is published by rename, and a failure midway puts back what was
    there before."""
    staged: list[tuple[str, Path]] = []
    current = next(iter(files))
    try:
        for current in files:
            require_folder(current.parent)
        for folder in {path.parent for path in files}:
            sweep_leftovers(folder)
        for current, data in files.items():
            fd, temp_name = tempfile.mkstemp(
                prefix=temp_prefix(current), suffix=TEMP_SUFFIX, dir=current.parent
            )
            staged.append((temp_name, current))
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            apply_umask(temp_name)
        published: list[tuple[Path, bytes | None]] = []
        try:
            for temp_name, current in staged:
                # Small documents: the previous content is kept in memory for a rollback.
                previous = current.read_bytes() if current.is_file() else None
                os.replace(temp_name, current)
                published.append((current, previous))
        except OSError:
            for path, previous in reversed(published):
                if previous is None:
                    path.unlink(missing_ok=True)
                else:
                    write_bytes(path, previous)
            raise
        for folder in {path.parent for path in files}:
            fsync_folder(folder)
    except OSError as error:
        raise MesaError(describe_os_error(error, current)) from error
    finally:
        for temp_name, _ in staged:
            _discard(temp_name)
    return list(files)


def write_private_once(target: str | os.PathLike[str], data: bytes) -> bool:
    """Create ``target`` (0600) with ``data`` unless it exists; True if this call created it.

    For secret keys: the bytes go to a uniquely named 0600 file in the same folder, which is
    hard-linked to the final name (so a concurrent creator never sees half a key, and the
    first one wins) and always removed; a kill in between leaves a staging file the next
    start removes (``mesa_desktop.leftovers``)."""
    target = Path(target)
    require_folder(target.parent)
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
        raise MesaError(describe_os_error(error, target)) from error
    finally:
        _discard(str(staging))
    return created


SECRET_SUFFIX = ".new"


def write_text(target: str | os.PathLike[str], text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def describe_os_error(error: OSError, target: Path) -> str:
    """One Spanish line naming the folder and what to do."""
    import errno

    folder = target.parent
    # EFBIG (a file-size limit) leaves the user in the same place as a full disk.
    if error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return (
            f"No hay espacio en el disco para escribir {target.name} en {folder}. "
            "Libere espacio o elija otra carpeta; no se modificó ningún archivo."
        )
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"No hay permiso para escribir en {folder}. Elija otra carpeta."
    if error.errno == errno.ENOTDIR:
        return f"{folder} no es una carpeta sino un archivo. Elija otra carpeta de destino."
    if error.errno == errno.ENOENT:
        return f"La carpeta de destino no existe: {folder}. Créela o elija otra carpeta."
    return f"No se pudo escribir {target.name} en {folder}: {error.strerror or error}."


def _discard(temp_name: str) -> None:
    if not temp_name:
        return
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

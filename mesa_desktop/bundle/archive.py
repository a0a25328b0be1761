"""The zip inside a bundle: a deterministic writer and a reader that trusts nothing.

Layout (DESIGN §7), nothing else allowed::

    manifest.json  manifest.json.minisig  signer.pub  datapackage.json   required
    data/<name>.csv                                                      any number
    actas/<name>.pdf                                                     any number

``<name>`` is ASCII letters, digits, ``.``, ``_`` and ``-``, starting with a letter or digit.

The writer makes the same bytes for the same files (sorted entries, fixed timestamps and
permissions), so a re-export of unchanged data is byte-identical.

The reader works on bytes in memory (a bundle is small) and returns the files as a dict;
it never writes to disk. Before decompressing anything it checks, from the central
directory: entry count, names (path traversal, layout, duplicates), entry types (no
symlinks or devices), compression and encryption, declared sizes, that no two entries
share data (overlapping entries are the trick of the densest zip bombs), and that the
required files are there. It then decompresses each entry itself rather than through
``zipfile``'s reader, which silently stops at the declared size: this way an entry that
holds more data than it declares is caught as a bomb after at most one extra byte, and
one that holds less, or whose CRC is wrong, as damage.

Thread affinity: none.
"""

from __future__ import annotations

import io
import re
import stat
import struct
import zipfile
import zlib
from collections.abc import Mapping
from dataclasses import dataclass

from mesa_desktop.bundle.errors import (
    CorruptBundle,
    DuplicateEntry,
    MissingEntry,
    NotABundle,
    OversizedBundle,
    TruncatedBundle,
    UnexpectedEntry,
    UnsafeEntry,
    UnsafePath,
    UnsupportedBundle,
)
from mesa_desktop.errors import InvalidInput

MANIFEST_NAME = "manifest.json"
MANIFEST_SIGNATURE_NAME = "manifest.json.minisig"
SIGNER_PUBLIC_KEY_NAME = "signer.pub"
DATAPACKAGE_NAME = "datapackage.json"
REQUIRED_NAMES = frozenset({MANIFEST_NAME, MANIFEST_SIGNATURE_NAME, SIGNER_PUBLIC_KEY_NAME, DATAPACKAGE_NAME})
FOLDER_SUFFIXES = {"data": ".csv", "actas": ".pdf"}

MiB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class ArchiveLimits:
    """Ceilings far above a real bundle (~1 MB without PDFs), far below what hurts a laptop."""

    max_archive_bytes: int = 100 * MiB
    max_entries: int = 10_000
    max_entry_bytes: int = 64 * MiB
    max_total_bytes: int = 256 * MiB


DEFAULT_LIMITS = ArchiveLimits()

_FIXED_DATE_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can store
_FILE_MODE = stat.S_IFREG | 0o644
_UNIX = 3  # "made by" system code whose external attributes carry a Unix mode
_MSDOS_DIRECTORY = 0x10
_ENCRYPTED_FLAG = 0x1
_UTF8_FLAG = 0x800
_LOCAL_HEADER = struct.Struct("<4sHHHHHLLLHH")
_LOCAL_HEADER_SIGNATURE = b"PK\x03\x04"
_EMPTY_ARCHIVE_SIGNATURE = b"PK\x05\x06"
_READ_CHUNK = 1 * MiB

_SAFE_LEAF = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*\Z")
_DRIVE_LETTER = re.compile(r"[A-Za-z]:")


# --- writer -----------------------------------------------------------------------------


def build_archive(files: Mapping[str, bytes], *, limits: ArchiveLimits = DEFAULT_LIMITS) -> bytes:
    """A deterministic zip of ``files`` (name → content) in the bundle layout.

    Raises ``InvalidInput`` for a name outside the layout, a missing required file, or a
    size the reader would refuse, so we never send what the ministry cannot open.
    """
    _check_files_to_write(files, limits)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(files):
            archive.writestr(_entry_info(name), files[name], compresslevel=9)
    data = buffer.getvalue()
    if len(data) > limits.max_archive_bytes:
        raise InvalidInput(_too_big_to_send(len(data)))
    return data


def _check_files_to_write(files: Mapping[str, bytes], limits: ArchiveLimits) -> None:
    folded: set[str] = set()
    for name, content in files.items():
        if not _is_layout_name(name) or name.casefold() in folded:
            raise InvalidInput(
                f"«{_shown(name)}» no puede ir en un paquete: solo se admiten "
                f"{', '.join(sorted(REQUIRED_NAMES))}, data/*.csv y actas/*.pdf, sin repetir."
            )
        folded.add(name.casefold())
        if len(content) > limits.max_entry_bytes:
            raise InvalidInput(_too_big_to_send(len(content), name))
    missing = sorted(REQUIRED_NAMES - files.keys())
    if missing:
        raise InvalidInput(f"Falta {', '.join(missing)} para armar el paquete.")
    total = sum(len(content) for content in files.values())
    if total > limits.max_total_bytes:
        raise InvalidInput(_too_big_to_send(total))


def _entry_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_FIXED_DATE_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = _UNIX
    info.external_attr = _FILE_MODE << 16
    return info


def _too_big_to_send(size: int, name: str | None = None) -> str:
    what = f"«{name}»" if name else "El paquete"
    return (
        f"{what} pesa {size / MiB:.0f} MB, más de lo que el Ministerio acepta. "
        "Exporte sin las actas en PDF o reduzca su tamaño."
    )


# --- reader -----------------------------------------------------------------------------


def read_archive(data: bytes, *, limits: ArchiveLimits = DEFAULT_LIMITS) -> dict[str, bytes]:
    """Validate a bundle zip completely, then return its files (name → content), sorted.

    Raises a ``BundleRejected`` subclass; see the module docstring for what is checked.
    """
    archive = _open_zip(data, limits)
    entries = archive.infolist()
    if len(entries) > limits.max_entries:
        raise OversizedBundle(
            f"El paquete tiene {len(entries)} archivos; uno de Mesa nunca tiene tantos. No se abrió."
        )
    _check_entries(entries, limits)
    data_spans = _locate_entry_data(data, entries, _central_directory_start(archive, data))
    files: dict[str, bytes] = {}
    total = 0
    for info in sorted(entries, key=lambda entry: entry.filename):
        start, end = data_spans[info.filename]
        content = _decompress(info, data[start:end], limits, limits.max_total_bytes - total)
        total += len(content)
        files[info.filename] = content
    return files


def _open_zip(data: bytes, limits: ArchiveLimits) -> zipfile.ZipFile:
    if len(data) > limits.max_archive_bytes:
        raise OversizedBundle(
            f"El paquete pesa {len(data) / MiB:.0f} MB, más de lo que puede ser uno de Mesa. No se abrió."
        )
    looks_like_zip = data.startswith((_LOCAL_HEADER_SIGNATURE, _EMPTY_ARCHIVE_SIGNATURE))
    if not looks_like_zip:
        raise _not_a_bundle()
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, EOFError, ValueError, struct.error, NotImplementedError):
        # It starts like a zip but its directory (stored at the end) is missing or broken:
        # almost always a file cut short.
        raise TruncatedBundle(
            "El paquete está incompleto: se cortó antes de terminar. "
            "Descárguelo de nuevo o pida que se lo reenvíen."
        ) from None


def _central_directory_start(archive: zipfile.ZipFile, data: bytes) -> int:
    # zipfile records where the central directory starts; entries' data must end before it.
    return getattr(archive, "start_dir", len(data))


def _not_a_bundle() -> NotABundle:
    return NotABundle(
        "El contenido no es un paquete de Mesa (no es un archivo zip). "
        "Confirme que es el archivo .mesa correcto."
    )


def _check_entries(entries: list[zipfile.ZipInfo], limits: ArchiveLimits) -> None:
    folded_names: set[str] = set()
    declared_total = 0
    for info in entries:
        _check_name_is_safe(info.orig_filename)
        _check_entry_kind(info)
        _check_layout(info.filename)
        if info.filename.casefold() in folded_names:
            raise DuplicateEntry(
                f"El paquete contiene dos veces «{_shown(info.filename)}» y no se puede saber "
                "cuál vale. Pida que se lo envíen de nuevo."
            )
        folded_names.add(info.filename.casefold())
        if info.file_size > limits.max_entry_bytes:
            raise _oversized_entry(info.filename)
        declared_total += info.file_size
    if declared_total > limits.max_total_bytes:
        raise _oversized_total()
    missing = sorted(REQUIRED_NAMES - folded_names)
    if missing:
        raise MissingEntry(
            f"Al paquete le falta {', '.join(missing)}. Pida que lo generen de nuevo con Mesa Desktop."
        )


def _check_name_is_safe(name: str) -> None:
    parts = name.split("/")
    if (
        "\\" in name
        or name.startswith("/")
        or _DRIVE_LETTER.match(name)
        or ".." in parts
        or any(ord(char) < 32 or char == "\x7f" for char in name)
    ):
        raise UnsafePath(
            f"El paquete contiene una ruta insegura («{_shown(name)}») que podría escribir "
            "fuera de su carpeta. No se abrió; avise a quien lo envió."
        )


def _check_entry_kind(info: zipfile.ZipInfo) -> None:
    # Many writers leave the Unix file type out (only permission bits): that is a plain file.
    file_type = stat.S_IFMT(info.external_attr >> 16) if info.create_system == _UNIX else 0
    if file_type == stat.S_IFLNK:
        raise UnsafeEntry(
            f"El paquete contiene un enlace simbólico («{_shown(info.filename)}»); uno de Mesa "
            "solo lleva archivos. No se abrió."
        )
    if file_type not in (0, stat.S_IFREG, stat.S_IFDIR):
        raise UnsafeEntry(
            f"El paquete contiene «{_shown(info.filename)}», que no es un archivo común. No se abrió."
        )
    if file_type == stat.S_IFDIR or info.is_dir() or info.external_attr & _MSDOS_DIRECTORY:
        raise UnexpectedEntry(
            f"El paquete contiene la carpeta «{_shown(info.filename)}»; uno de Mesa solo lleva "
            "archivos. Confirme que el archivo lo generó Mesa Desktop."
        )
    if info.flag_bits & _ENCRYPTED_FLAG:
        raise UnsupportedBundle(
            f"«{_shown(info.filename)}» está protegido con contraseña dentro del zip; "
            "Mesa no genera paquetes así. Confirme que el archivo viene de Mesa Desktop."
        )
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise UnsupportedBundle(
            f"«{_shown(info.filename)}» usa una compresión que Mesa no lee. "
            "Confirme que el archivo viene de Mesa Desktop."
        )


def _check_layout(name: str) -> None:
    if not _is_layout_name(name):
        raise UnexpectedEntry(
            f"El paquete contiene «{_shown(name)}», que no hace parte de un paquete de Mesa. "
            "Confirme que el archivo lo generó Mesa Desktop."
        )


def _is_layout_name(name: str) -> bool:
    if name in REQUIRED_NAMES:
        return True
    folder, separator, leaf = name.partition("/")
    suffix = FOLDER_SUFFIXES.get(folder)
    return bool(separator and suffix and _SAFE_LEAF.match(leaf) and leaf.endswith(suffix))


def _locate_entry_data(
    data: bytes, entries: list[zipfile.ZipInfo], directory_start: int
) -> dict[str, tuple[int, int]]:
    """``name → (start, end)`` of each entry's compressed data, after checking its local header.

    Spans must not overlap each other or the central directory: each byte of the file
    belongs to one entry, so decompressed sizes cannot be multiplied by sharing data.
    """
    spans: dict[str, tuple[int, int]] = {}
    previous_end, previous_name = 0, ""
    for info in sorted(entries, key=lambda entry: entry.header_offset):
        if info.header_offset < previous_end:
            raise UnsafeEntry(
                f"Las entradas «{_shown(previous_name)}» y «{_shown(info.filename)}» comparten "
                "datos, una técnica de las bombas zip. No se abrió."
            )
        start = _local_data_start(data, info)
        end = start + info.compress_size
        if end > directory_start:
            raise _damaged(info.filename)
        spans[info.filename] = (start, end)
        previous_end, previous_name = end, info.filename
    return spans


def _local_data_start(data: bytes, info: zipfile.ZipInfo) -> int:
    header_end = info.header_offset + _LOCAL_HEADER.size
    if header_end > len(data):
        raise _damaged(info.filename)
    (
        signature,
        _version,
        _flags,
        method,
        _time,
        _date,
        _crc,
        _compressed,
        _size,
        name_length,
        extra_length,
    ) = _LOCAL_HEADER.unpack_from(data, info.header_offset)
    name_length, extra_length = int(name_length), int(extra_length)
    local_name = data[header_end : header_end + name_length]
    # The local name must be the one we validated, or an extractor that trusts local
    # headers would write somewhere else than what we checked.
    if signature != _LOCAL_HEADER_SIGNATURE or method != info.compress_type or local_name != _raw_name(info):
        raise _damaged(info.filename)
    return header_end + name_length + extra_length


def _raw_name(info: zipfile.ZipInfo) -> bytes:
    encoding = "utf-8" if info.flag_bits & _UTF8_FLAG else "cp437"
    return info.orig_filename.encode(encoding)


def _decompress(info: zipfile.ZipInfo, compressed: bytes, limits: ArchiveLimits, total_budget: int) -> bytes:
    """The entry's content; stops one byte past its declared size, so a bomb never inflates."""
    if info.compress_type == zipfile.ZIP_STORED:
        content, finished = compressed[: info.file_size + 1], True
    else:
        content, finished = _inflate(compressed, info.file_size + 1)
    if len(content) > info.file_size:
        raise OversizedBundle(
            f"«{_shown(info.filename)}» contiene más datos de los que declara "
            "(posible bomba zip). No se abrió."
        )
    if len(content) > limits.max_entry_bytes:
        raise _oversized_entry(info.filename)
    if len(content) > total_budget:
        raise _oversized_total()
    if not finished or len(content) < info.file_size:
        raise _damaged(info.filename)
    if zlib.crc32(content) != info.CRC:
        raise _damaged(info.filename)
    return content


def _inflate(compressed: bytes, max_output: int) -> tuple[bytes, bool]:
    """Raw-deflate ``compressed`` up to ``max_output`` bytes; also say if the stream ended."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    pieces: list[bytes] = []
    produced = 0
    pending = compressed
    try:
        while pending and produced < max_output:
            piece = inflater.decompress(pending, min(_READ_CHUNK, max_output - produced))
            pieces.append(piece)
            produced += len(piece)
            pending = inflater.unconsumed_tail
            if inflater.eof or (not piece and not pending):
                break
    except zlib.error:
        return b"".join(pieces), False
    # Bytes after the end of the stream are no part of any entry: treat them as damage.
    return b"".join(pieces), inflater.eof and not inflater.unused_data


def _oversized_entry(name: str) -> OversizedBundle:
    return OversizedBundle(
        f"«{_shown(name)}» es más grande de lo que un paquete de Mesa puede contener. No se abrió."
    )


def _oversized_total() -> OversizedBundle:
    return OversizedBundle(
        "El contenido del paquete es más grande de lo que uno de Mesa puede tener "
        "(posible bomba zip). No se abrió."
    )


def _damaged(name: str) -> CorruptBundle:
    return CorruptBundle(
        f"El paquete está dañado: «{_shown(name)}» no coincide con lo que se guardó. "
        "Pida que se lo envíen de nuevo."
    )


def _shown(name: str) -> str:
    """A name safe to print in a message: control characters escaped, length capped."""
    printable = "".join(char if char.isprintable() else ascii(char)[1:-1] for char in name)
    return printable if len(printable) <= 80 else printable[:77] + "..."

"""The bundle zip: deterministic writer, and a reader that refuses every unsafe archive."""

from __future__ import annotations

import io
import random
import stat
import struct
import warnings
import zipfile

import pytest

from mesa_desktop.bundle import archive, encryption
from mesa_desktop.bundle.archive import ArchiveLimits, build_archive, read_archive
from mesa_desktop.bundle.errors import (
    REJECTION_CLASSES,
    BundleRejected,
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
from mesa_desktop.errors import InvalidInput, MesaError

CENTRAL_HEADER = b"PK\x01\x02"
END_OF_DIRECTORY = b"PK\x05\x06"


def bundle_files() -> dict[str, bytes]:
    return {
        "manifest.json": b'{"territorio": "54001"}',
        "manifest.json.minisig": b"untrusted comment: x\n",
        "signer.pub": b"untrusted comment: y\n",
        "datapackage.json": b'{"resources": []}',
        "data/sessions.csv": b"id,fecha\n" + b"1,2026-03-15\n" * 500,
        "data/people.csv": "id,nombre\n1,José Peña\n".encode(),
        "actas/001-2026.pdf": b"%PDF-1.4 " + bytes(range(256)) * 20,
    }


def raw_zip(*entries: tuple[str | zipfile.ZipInfo, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A zip holding exactly ``entries``, however unsafe, as an attacker would write it."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about duplicate names
        with zipfile.ZipFile(buffer, "w", compression=method) as handle:
            for name_or_info, content in entries:
                handle.writestr(name_or_info, content)
    return buffer.getvalue()


def with_required(*entries: tuple[str | zipfile.ZipInfo, bytes]) -> bytes:
    """A zip with the required files plus ``entries``, so only ``entries`` can be at fault."""
    required = [(name, content) for name, content in bundle_files().items() if "/" not in name]
    return raw_zip(*required, *entries)


def central_records(data: bytes) -> dict[str, int]:
    """name → offset of its central directory record."""
    records, offset = {}, data.find(CENTRAL_HEADER)
    while offset >= 0:
        name_length = struct.unpack_from("<H", data, offset + 28)[0]
        records[data[offset + 46 : offset + 46 + name_length].decode()] = offset
        offset = data.find(CENTRAL_HEADER, offset + 46)
    return records


def declare_size(data: bytes, name: str, size: int) -> bytes:
    """Rewrite the uncompressed size an entry declares, in both of its headers."""
    patched = bytearray(data)
    central = central_records(data)[name]
    local = struct.unpack_from("<L", data, central + 42)[0]
    struct.pack_into("<L", patched, central + 24, size)
    struct.pack_into("<L", patched, local + 22, size)
    return bytes(patched)


def set_central_flags(data: bytes, name: str, flags: int) -> bytes:
    patched = bytearray(data)
    struct.pack_into("<H", patched, central_records(data)[name] + 8, flags)
    return bytes(patched)


def add_alias(data: bytes, name: str, alias: str) -> bytes:
    """A second central record named ``alias`` pointing at ``name``'s data (overlapping entry)."""
    assert len(alias) == len(name)
    start = central_records(data)[name]
    name_length, extra_length, comment_length = struct.unpack_from("<3H", data, start + 28)
    record = data[start : start + 46 + name_length + extra_length + comment_length]
    alias_record = record.replace(name.encode(), alias.encode(), 1)
    end_record = data.rindex(END_OF_DIRECTORY)
    patched = bytearray(data[:end_record] + alias_record + data[end_record:])
    eocd = end_record + len(alias_record)
    entries, _, directory_size = struct.unpack_from("<HHL", patched, eocd + 8)
    struct.pack_into("<HHL", patched, eocd + 8, entries + 1, entries + 1, directory_size + len(alias_record))
    return bytes(patched)


def unix_entry(name: str, mode: int) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = mode << 16
    return info


# --- writer -----------------------------------------------------------------------------


def test_round_trip():
    files = bundle_files()
    assert read_archive(build_archive(files)) == dict(sorted(files.items()))


def test_writer_is_deterministic_and_sorted():
    files = bundle_files()
    shuffled = dict(reversed(list(files.items())))
    first = build_archive(files)
    assert build_archive(shuffled) == first
    with zipfile.ZipFile(io.BytesIO(first)) as handle:
        infos = handle.infolist()
        assert [info.filename for info in infos] == sorted(files)
        assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
        assert {stat.S_IMODE(info.external_attr >> 16) for info in infos} == {0o644}
        assert handle.testzip() is None


@pytest.mark.parametrize(
    "name", ["../x.csv", "data/x.txt", "data/sub/x.csv", "otro.json", "actas/ñ.pdf", "data/.csv"]
)
def test_writer_refuses_names_outside_the_layout(name):
    with pytest.raises(InvalidInput):
        build_archive({**bundle_files(), name: b""})


def test_writer_refuses_names_that_collide_on_windows():
    with pytest.raises(InvalidInput):
        build_archive({**bundle_files(), "data/People.csv": b""})


def test_writer_requires_the_signed_manifest():
    files = bundle_files()
    del files["manifest.json.minisig"]
    with pytest.raises(InvalidInput, match="manifest.json.minisig"):
        build_archive(files)


def test_writer_refuses_what_the_reader_would_refuse():
    with pytest.raises(InvalidInput, match="MB"):
        build_archive(bundle_files(), limits=ArchiveLimits(max_entry_bytes=1000))


# --- reader: not a bundle ---------------------------------------------------------------


@pytest.mark.parametrize(
    "data",
    [b"", random.Random(7).randbytes(5000), b"%PDF-1.4\n" + b"x" * 100, b"age-encryption.org/v1\n"],
    ids=["empty", "random", "pdf", "age"],
)
def test_not_a_zip(data):
    with pytest.raises(NotABundle) as caught:
        read_archive(data)
    assert caught.value.reason == "not_a_bundle"


@pytest.mark.parametrize("keep", [0.5, 0.9])
def test_truncated_zip(keep):
    data = build_archive(bundle_files())
    with pytest.raises(TruncatedBundle) as caught:
        read_archive(data[: int(len(data) * keep)])
    assert caught.value.reason == "truncated"


def test_cut_inside_the_end_record():
    data = build_archive(bundle_files())
    with pytest.raises(TruncatedBundle):
        read_archive(data[:-5])


# --- reader: names ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "../evil.csv",
        "data/../../evil.csv",
        "/etc/cron.d/evil",
        "C:/Windows/evil.csv",
        "c:evil.csv",
        "data\\..\\..\\evil.csv",
        "data/evil\n.csv",
        "data/evil\x00.csv",
    ],
)
def test_path_traversal(name):
    entry = zipfile.ZipInfo("data/placeholder.csv")
    entry.filename = name  # ZipInfo() would strip a NUL; set the raw name as an attacker can
    with pytest.raises(UnsafePath) as caught:
        read_archive(with_required((entry, b"x")))
    assert caught.value.reason == "path_traversal"
    assert "ruta insegura" in str(caught.value)


def test_unsafe_name_is_shown_escaped():
    with pytest.raises(UnsafePath) as caught:
        read_archive(with_required(("data/a\x1b[31m.csv", b"x")))
    assert "\x1b" not in str(caught.value)


@pytest.mark.parametrize(
    "name", ["evil.exe", "data/sub/x.csv", "data/x.txt", "actas/x.csv", "data/", "./manifest.json"]
)
def test_unexpected_entries(name):
    with pytest.raises(UnexpectedEntry) as caught:
        read_archive(with_required((name, b"")))
    assert caught.value.reason == "unexpected_entry"


@pytest.mark.parametrize("second", ["data/a.csv", "data/A.csv", "manifest.json"])
def test_duplicate_names(second):
    data = with_required(("data/a.csv", b"uno"), (second, b"dos"))
    with pytest.raises(DuplicateEntry) as caught:
        read_archive(data)
    assert caught.value.reason == "duplicate_entry"


def test_missing_required_file():
    files = bundle_files()
    data = raw_zip(*((name, content) for name, content in files.items() if name != "signer.pub"))
    with pytest.raises(MissingEntry, match="signer.pub") as caught:
        read_archive(data)
    assert caught.value.reason == "missing_entry"


# --- reader: entry kinds ----------------------------------------------------------------


def test_symlink_entry():
    link = unix_entry("data/passwd.csv", stat.S_IFLNK | 0o777)
    with pytest.raises(UnsafeEntry, match="enlace simbólico") as caught:
        read_archive(with_required((link, b"../../../etc/passwd")))
    assert caught.value.reason == "unsafe_entry"


def test_device_entry():
    fifo = unix_entry("data/pipe.csv", stat.S_IFIFO | 0o644)
    with pytest.raises(UnsafeEntry):
        read_archive(with_required((fifo, b"")))


def test_password_protected_entry():
    data = with_required(("data/a.csv", b"secreto"))
    with pytest.raises(UnsupportedBundle) as caught:
        read_archive(set_central_flags(data, "data/a.csv", 0x1))
    assert caught.value.reason == "unsupported"


def test_unusual_compression():
    data = raw_zip(*bundle_files().items(), method=zipfile.ZIP_BZIP2)
    with pytest.raises(UnsupportedBundle):
        read_archive(data)


def test_stored_entries_are_read():
    files = bundle_files()
    assert read_archive(raw_zip(*files.items(), method=zipfile.ZIP_STORED)) == dict(sorted(files.items()))


# --- reader: sizes ----------------------------------------------------------------------


def test_oversized_declared_entry_is_refused_before_decompressing():
    data = with_required(("data/big.csv", b"x" * 5000))
    with pytest.raises(OversizedBundle) as caught:
        read_archive(data, limits=ArchiveLimits(max_entry_bytes=4000))
    assert caught.value.reason == "oversized"


def test_oversized_declared_total():
    data = with_required(*((f"data/t{index}.csv", b"x" * 900) for index in range(5)))
    with pytest.raises(OversizedBundle):
        read_archive(data, limits=ArchiveLimits(max_entry_bytes=1000, max_total_bytes=3000))


def test_bomb_holding_more_than_it_declares():
    bomb = b"\0" * (20 * 1024 * 1024)  # deflates to ~20 KB
    data = declare_size(with_required(("data/bomb.csv", bomb)), "data/bomb.csv", 100)
    with pytest.raises(OversizedBundle, match="bomba zip") as caught:
        read_archive(data)
    assert caught.value.reason == "oversized"


def test_stored_entry_holding_more_than_it_declares():
    data = declare_size(raw_zip(*bundle_files().items(), method=zipfile.ZIP_STORED), "data/sessions.csv", 10)
    with pytest.raises(OversizedBundle):
        read_archive(data)


def test_entry_holding_less_than_it_declares():
    data = declare_size(with_required(("data/a.csv", b"abc" * 100)), "data/a.csv", 1000)
    with pytest.raises(CorruptBundle) as caught:
        read_archive(data)
    assert caught.value.reason == "corrupt"


def test_overlapping_entries():
    data = add_alias(with_required(("data/a.csv", b"abc" * 100)), "data/a.csv", "data/b.csv")
    with pytest.raises(UnsafeEntry, match="comparten"):
        read_archive(data)


def test_too_many_entries():
    data = with_required(*((f"data/t{index}.csv", b"") for index in range(10)))
    with pytest.raises(OversizedBundle):
        read_archive(data, limits=ArchiveLimits(max_entries=8))


def test_oversized_archive_file():
    with pytest.raises(OversizedBundle):
        read_archive(build_archive(bundle_files()), limits=ArchiveLimits(max_archive_bytes=100))


# --- reader: damage ---------------------------------------------------------------------


def test_changed_byte_fails_the_crc():
    files = bundle_files()
    data = bytearray(raw_zip(*files.items(), method=zipfile.ZIP_STORED))
    position = data.index(b"1,2026-03-15")
    data[position] ^= 0x01
    with pytest.raises(CorruptBundle):
        read_archive(bytes(data))


def test_local_name_differs_from_directory_name():
    data = bytearray(with_required(("data/a.csv", b"abc")))
    local = data.index(b"data/a.csv")  # the local header's copy comes first
    data[local : local + len(b"data/a.csv")] = b"../../a.cs"
    with pytest.raises(CorruptBundle):
        read_archive(bytes(data))


# --- errors -----------------------------------------------------------------------------


def test_every_rejection_has_its_own_reason_code():
    reasons = [rejection.reason for rejection in REJECTION_CLASSES]
    assert len(set(reasons)) == len(reasons)
    assert all(issubclass(rejection, (BundleRejected, MesaError)) for rejection in REJECTION_CLASSES)


def test_layout_constants_match_the_design():
    assert archive.REQUIRED_NAMES == {
        "manifest.json",
        "manifest.json.minisig",
        "signer.pub",
        "datapackage.json",
    }
    assert archive.FOLDER_SUFFIXES == {"data": ".csv", "actas": ".pdf"}


def test_real_bundle_survives_encryption():
    identity = encryption.Identity.generate()
    zipped = build_archive(bundle_files())
    ciphertext = encryption.encrypt(zipped, identity.to_public())
    assert read_archive(encryption.decrypt(ciphertext, identity)) == dict(sorted(bundle_files().items()))

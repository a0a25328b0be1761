"""Encrypted backups: passphrase copies the standard `age` opens, the encrypted daily copy."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pyrage
import pytest
from pyrage import passphrase as age_passphrase

from mesa_desktop.services import sessions
from mesa_desktop.store import Store, backup_crypto
from mesa_desktop.store.backup import daily_backup


@pytest.fixture
def daily_backups() -> bool:
    return True  # the fixture stores' daily copy is what these tests look at


MESA = shutil.which("mesa", path=str(Path(sys.executable).parent)) or "mesa"
SECRET = "caballo correcto batería grapa"


def age_decrypt_at_a_terminal(args: list[str], typed: str) -> bytes:
    """`age -d` reads a passphrase only from a terminal: give it a pseudo-terminal."""
    pid, fd = pty.fork()
    if pid == 0:  # child
        os.execvp("age", ["age", *args])
    output = b""
    sent = False
    while True:
        try:
            chunk = os.read(fd, 4096)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
        if not sent and b"passphrase" in output.lower():
            os.write(fd, f"{typed}\n".encode())
            sent = True
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, output
    return output


def header_stanzas(path: Path) -> list[bytes]:
    head = path.read_bytes().split(b"\n---", 1)[0].split(b"\n")
    return [line for line in head if line.startswith(b"-> ")]


def session_count(store: Store) -> int:
    return len(sessions.list_sessions(store))


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_passphrase_copy_is_standard_age_scrypt(tmp_path, demo_store):
    copy = demo_store.backup_to(tmp_path / "copia.sqlite.age", passphrase=SECRET)
    assert copy.read_bytes().startswith(b"age-encryption.org/v1\n")
    stanzas = header_stanzas(copy)
    assert len(stanzas) == 1 and stanzas[0].startswith(b"-> scrypt ")
    assert age_passphrase.decrypt(copy.read_bytes(), SECRET).startswith(b"SQLite format 3\x00")
    assert b"SQLite" not in copy.read_bytes()
    assert list(tmp_path.glob(".*")) == []  # no plain temp copy left beside it


@pytest.mark.skipif(shutil.which("age") is None, reason="needs the age command")
@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_the_age_command_decrypts_a_passphrase_copy(tmp_path, demo_store):
    copy = demo_store.backup_to(tmp_path / "copia.sqlite.age", passphrase=SECRET)
    plain = tmp_path / "claro.sqlite"
    age_decrypt_at_a_terminal(["-d", "-o", str(plain), str(copy)], SECRET)
    assert plain.read_bytes().startswith(b"SQLite format 3\x00")


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_restore_with_the_right_passphrase_and_refuse_the_wrong_one(tmp_path, demo_store):
    copy = demo_store.backup_to(tmp_path / "copia.sqlite.age", passphrase=SECRET)
    sessions.new_session(demo_store, on=date(2026, 12, 10), kind="ordinary")
    with pytest.raises(backup_crypto.PassphraseNeeded, match="está cifrada"):
        demo_store.restore_from(copy)
    with pytest.raises(backup_crypto.WrongPassphrase) as refused:
        demo_store.restore_from(copy, passphrase="otra")
    assert "\n" not in str(refused.value) and "contraseña no abre la copia copia.sqlite.age" in str(
        refused.value
    )
    assert session_count(demo_store) == 6
    kept = demo_store.restore_from(copy, passphrase=SECRET)
    assert session_count(demo_store) == 5
    assert session_count(Store(kept)) == 6
    assert not [p for p in demo_store.backups_dir.iterdir() if p.name.startswith(".")]


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_an_encrypted_copy_that_is_not_a_store_is_refused_after_decryption(tmp_path, demo_store):
    bad = tmp_path / "mala.sqlite.age"
    bad.write_bytes(age_passphrase.encrypt(b"hola" * 100, SECRET))
    with pytest.raises(backup_crypto.StoreError, match="mala.sqlite.age no es una copia"):
        demo_store.restore_from(bad, passphrase=SECRET)
    assert session_count(demo_store) == 5


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_the_encrypted_daily_copy_is_restored_through_its_identity(tmp_path, demo_store):
    folder = demo_store.backups_dir
    assert not demo_store.daily_encryption_on()
    demo_store.set_daily_encryption(SECRET)
    assert demo_store.daily_encryption_on()
    identity_file = folder / backup_crypto.DAILY_IDENTITY_NAME
    assert identity_file.stat().st_mode & 0o777 == 0o600
    assert b"AGE-SECRET-KEY" not in identity_file.read_bytes()  # only ever kept encrypted
    made = daily_backup(demo_store.file, folder, date(2030, 1, 1))
    assert made.name == "diaria-2030-01-01.sqlite.age"
    kinds = [s.split(b" ")[1] for s in header_stanzas(made)]
    assert b"X25519" in kinds and b"scrypt" not in kinds  # plus age's random "grease" stanzas
    sessions.new_session(demo_store, on=date(2026, 12, 10), kind="ordinary")
    with pytest.raises(backup_crypto.WrongPassphrase):
        demo_store.restore_from(made, passphrase="otra")
    kept = demo_store.restore_from(made, passphrase=SECRET)
    assert session_count(demo_store) == 5
    # The replaced data is kept encrypted too, and restores with the same passphrase.
    assert kept.name.startswith("antes-de-restaurar-") and kept.name.endswith(".sqlite.age")
    demo_store.restore_from(kept, passphrase=SECRET)
    assert session_count(demo_store) == 6
    demo_store.restore_from(made, passphrase=SECRET)
    # The standard tool opens it too: the passphrase-protected identity is an age identity file.
    if shutil.which("age"):
        plain = tmp_path / "claro.sqlite"
        age_decrypt_at_a_terminal(["-d", "-i", str(identity_file), "-o", str(plain), str(made)], SECRET)
        assert plain.read_bytes().startswith(b"SQLite format 3\x00")
    # Turning it on again keeps the same key, so older copies stay restorable; off stops it.
    demo_store.set_daily_encryption(SECRET)
    with pytest.raises(backup_crypto.WrongPassphrase):
        demo_store.set_daily_encryption("otra")
    demo_store.set_daily_encryption(None)
    assert daily_backup(demo_store.file, folder, date(2030, 1, 2)).name == "diaria-2030-01-02.sqlite"
    assert identity_file.exists()
    demo_store.restore_from(made, passphrase=SECRET)


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_daily_rotation_counts_encrypted_and_plain_copies(demo_store):
    folder = demo_store.backups_dir
    demo_store.set_daily_encryption(SECRET)
    for day in range(1, 11):
        daily_backup(demo_store.file, folder, date(2030, 1, day))
    kept = sorted(p.name for p in folder.glob("diaria-2030-*"))
    assert kept[0] == "diaria-2030-01-04.sqlite.age" and len(kept) == 7


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    full = {k: v for k, v in os.environ.items() if k != "MESA_DB"} | (env or {})
    return subprocess.run(
        [MESA, *args], capture_output=True, text=True, env=full, timeout=60, stdin=subprocess.DEVNULL
    )


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_backup_and_restore_commands_with_a_passphrase(tmp_path, demo_store):
    db = str(demo_store.file)
    demo_store.close()
    copy = tmp_path / "copia.sqlite.age"
    made = run("--db", db, "backup", "-o", str(copy), "--passphrase-env", "CLAVE", env={"CLAVE": SECRET})
    assert made.returncode == 0, made.stderr
    assert "cifrada" in made.stdout
    assert pyrage.passphrase.decrypt(copy.read_bytes(), SECRET).startswith(b"SQLite")
    missing = run("--db", db, "restore", str(copy))
    assert (
        missing.returncode == 1 and missing.stderr.count("\n") == 1 and "--passphrase-env" in missing.stderr
    )
    wrong = run("--db", db, "restore", str(copy), "--passphrase-env", "CLAVE", env={"CLAVE": "otra"})
    assert wrong.returncode == 1 and wrong.stderr.count("\n") == 1
    assert wrong.stderr.startswith("Error: La contraseña no abre la copia")
    right = run("--db", db, "restore", str(copy), "--passphrase-env", "CLAVE", env={"CLAVE": SECRET})
    assert right.returncode == 0, right.stderr
    on = run("--db", db, "backup", "daily", "on", "--passphrase-env", "CLAVE", env={"CLAVE": SECRET})
    assert on.returncode == 0, on.stderr
    assert (Path(db).parent / "copias" / backup_crypto.DAILY_RECIPIENT_NAME).exists()
    off = run("--db", db, "backup", "daily", "off")
    assert (
        off.returncode == 0 and not (Path(db).parent / "copias" / backup_crypto.DAILY_RECIPIENT_NAME).exists()
    )

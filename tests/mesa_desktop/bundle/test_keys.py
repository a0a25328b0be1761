"""The installation signing key and the ministry key shipped with the app."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys

import pytest

from mesa_desktop.bundle import encryption, keys, signing
from mesa_desktop.bundle.errors import KeyFileError
from mesa_desktop.errors import MesaError
from tests.support import ROOT

FIXTURE_KEYS = ROOT / "tests" / "fixtures" / "keys"
TEST_MINISTRY_IDENTITY = FIXTURE_KEYS / "ministerio-prueba.key"


def test_installation_key_is_created_once_then_loaded(tmp_path):
    first = keys.installation_signing_key(tmp_path)
    again = keys.installation_signing_key(tmp_path)
    assert again.public_key == first.public_key

    secret_path, public_path = keys.installation_key_paths(tmp_path)
    assert signing.read_public_key(public_path) == first.public_key
    if os.name == "posix":
        assert stat.S_IMODE(secret_path.stat().st_mode) == 0o600
    # Nothing but the two key files is left behind (no staging files).
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(
        [keys.INSTALLATION_SECRET_KEY_NAME, keys.INSTALLATION_PUBLIC_KEY_NAME]
    )


def test_installation_key_signs_verifiably(tmp_path):
    key = keys.installation_signing_key(tmp_path)
    signature = signing.sign(key, b"manifest", trusted_comment="prueba")
    public_path = keys.installation_key_paths(tmp_path)[1]
    assert signing.verify(signing.read_public_key(public_path), b"manifest", signature) == "prueba"


@pytest.mark.skipif(os.name != "posix", reason="Unix permissions")
def test_loosened_permissions_are_tightened(tmp_path):
    keys.installation_signing_key(tmp_path)
    secret_path = keys.installation_key_paths(tmp_path)[0]
    os.chmod(secret_path, 0o644)
    keys.installation_signing_key(tmp_path)
    assert stat.S_IMODE(secret_path.stat().st_mode) == 0o600


def test_missing_public_key_file_is_written_again(tmp_path):
    key = keys.installation_signing_key(tmp_path)
    public_path = keys.installation_key_paths(tmp_path)[1]
    public_path.unlink()
    keys.installation_signing_key(tmp_path)
    assert signing.read_public_key(public_path) == key.public_key


def test_damaged_installation_key_is_reported_not_replaced(tmp_path):
    keys.installation_signing_key(tmp_path)
    secret_path = keys.installation_key_paths(tmp_path)[0]
    secret_path.write_bytes(b"untrusted comment: x\nbasura\n")
    with pytest.raises(KeyFileError, match="cambio de llave"):
        keys.installation_signing_key(tmp_path)
    assert secret_path.read_bytes() == b"untrusted comment: x\nbasura\n"


def test_missing_data_folder_is_reported(tmp_path):
    with pytest.raises(MesaError, match="no existe"):
        keys.installation_signing_key(tmp_path / "no-existe")


def test_shipped_ministry_key_is_the_test_identity():
    shipped = keys.default_ministry_key_path()
    assert shipped.is_file()
    [recipient] = keys.ministry_recipients()
    [identity] = encryption.load_identities(TEST_MINISTRY_IDENTITY)
    assert str(recipient) == encryption.recipient_of(identity)
    assert "PRUEBA" in TEST_MINISTRY_IDENTITY.read_text()
    ciphertext = encryption.encrypt(b"hola", keys.ministry_recipients())
    assert encryption.decrypt(ciphertext, identity) == b"hola"


def test_ministry_key_from_settings_replaces_the_shipped_one(tmp_path):
    replacement = encryption.create_identity_files(tmp_path / "real")
    [recipient] = keys.ministry_recipients(replacement.recipient_path)
    assert str(recipient) == replacement.recipient


def test_processes_starting_together_end_up_with_one_key(tmp_path):
    script = (
        "import sys\n"
        "from mesa_desktop.bundle import keys\n"
        "print(keys.installation_signing_key(sys.argv[1]).key_id)\n"
    )
    processes = [
        subprocess.Popen([sys.executable, "-c", script, str(tmp_path)], stdout=subprocess.PIPE)
        for _ in range(4)
    ]
    key_ids = {process.communicate(timeout=60)[0].strip() for process in processes}
    assert all(process.returncode == 0 for process in processes)
    assert len(key_ids) == 1
    assert key_ids == {keys.installation_signing_key(tmp_path).key_id.encode()}


@pytest.mark.skipif(shutil.which("age") is None, reason="age CLI missing")
def test_age_cli_opens_with_the_test_identity_what_we_encrypt_to_the_shipped_key(tmp_path):
    encrypted = tmp_path / "demo.mesa"
    encrypted.write_bytes(encryption.encrypt(b"demo", keys.ministry_recipients()))
    result = subprocess.run(
        ["age", "-d", "-i", str(TEST_MINISTRY_IDENTITY), str(encrypted)],
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == b"demo"

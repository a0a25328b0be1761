"""Installing the key the ministry sent: checked, copied into the data folder, used by the export."""

from __future__ import annotations

import pytest

from mesa_desktop.bundle import encryption, export, installation, keys, reader
from mesa_desktop.bundle.errors import KeyFileError
from tests.core.bundle_support import MINISTRY_KEY


def test_an_installed_key_is_the_one_the_next_export_uses(demo_store, tmp_path):
    assert installation.ministry_key_path(demo_store) == keys.default_ministry_key_path()
    sent = encryption.create_identity_files(tmp_path / "llave-enviada")

    target = installation.install_ministry_key(demo_store, sent.recipient_path)

    assert target == installation.data_dir(demo_store) / installation.INSTALLED_MINISTRY_KEY_NAME
    assert target.read_bytes() == sent.recipient_path.read_bytes()
    assert installation.ministry_key_path(demo_store) == target
    result = export.export_bundle(demo_store, tmp_path)
    assert reader.open_bundle(result.path.read_bytes(), encryption.load_identities(sent.identity_path))
    # Installing the installed file again is harmless.
    assert installation.install_ministry_key(demo_store, target) == target


def test_a_secret_key_or_a_foreign_file_is_refused_and_nothing_is_copied(demo_store, tmp_path):
    target = installation.data_dir(demo_store) / installation.INSTALLED_MINISTRY_KEY_NAME
    with pytest.raises(KeyFileError, match="llave secreta"):
        installation.install_ministry_key(demo_store, MINISTRY_KEY)
    letter = tmp_path / "carta.pub"
    letter.write_text("Estimado punto focal:\n")
    with pytest.raises(KeyFileError):
        installation.install_ministry_key(demo_store, letter)
    assert not target.exists()
    assert installation.ministry_key_path(demo_store) == keys.default_ministry_key_path()

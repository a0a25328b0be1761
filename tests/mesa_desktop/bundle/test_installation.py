"""Installing the key the ministry sent: checked, copied into the data folder, used by the export."""

from __future__ import annotations

import pytest

from mesa_desktop.bundle import encryption, export, installation, keys, reader
from mesa_desktop.bundle.errors import KeyFileError
from tests.support.bundles import MINISTRY_KEY


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


def test_the_shipped_ministry_key_file_has_both_parts_and_round_trips_through_settings(demo_store, tmp_path):
    from mesa_desktop.bundle import signing
    from tests.support.bundles import MINISTRY_RECEIPT_KEY, ministry_recipients

    shipped = keys.load_ministry_key(keys.default_ministry_key_path())
    assert [str(r) for r in shipped.recipients] == [str(r) for r in ministry_recipients()]
    assert shipped.receipt_key == signing.read_secret_key(MINISTRY_RECEIPT_KEY).public_key

    made = keys.create_ministry_keys(tmp_path / "ministerio-real")
    assert made.receipt_secret_path == tmp_path / "ministerio-real-acuses.key"
    assert keys.receipt_signing_key(made.identity_path, fallback=None).public_key == made.receipt_key
    target = installation.install_ministry_key(demo_store, made.public_path)
    installed = keys.load_ministry_key(installation.ministry_key_path(demo_store))
    assert installation.ministry_key_path(demo_store) == target
    assert installed.receipt_key == made.receipt_key
    assert [str(r) for r in installed.recipients] == [made.recipient]
    # The file stays an age recipients file (``age -R``): the receipt key rides on a comment.
    assert [str(r) for r in encryption.load_recipients(target)] == [made.recipient]


def test_an_old_format_ministry_key_still_loads_and_encrypts(demo_store, tmp_path):
    old = encryption.create_identity_files(tmp_path / "antigua")
    installation.install_ministry_key(demo_store, old.recipient_path)
    assert keys.load_ministry_key(installation.ministry_key_path(demo_store)).receipt_key is None
    result = export.export_bundle(demo_store, tmp_path)
    assert reader.open_bundle(result.path.read_bytes(), encryption.load_identities(old.identity_path))

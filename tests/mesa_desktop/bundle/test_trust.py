"""Trust at the ministry that does not depend on who writes first: a territory's first key is
*unverified* until an analyst confirms its fingerprint from the territory's oficio."""

from __future__ import annotations

from datetime import date

import pytest

from mesa_desktop.bundle import reader, signing
from mesa_desktop.bundle.importer import confirm_key, key_statuses
from mesa_desktop.bundle.national import national_view
from mesa_desktop.errors import Conflict, InvalidInput, NotFound
from tests.support.bundles import make_importer, ministry_identities
from tests.support.cli import as_json, mesa


def signer_of(path) -> signing.SigningPublicKey:
    return reader.open_bundle(path.read_bytes(), ministry_identities()).signer


def line_of(store, code: str):
    view = national_view(store, today=date(2026, 12, 1), only_reported=True)
    return next(line for line in view.lines if line.territory_code == code)


def test_a_first_key_is_unverified_until_its_fingerprint_is_confirmed(ministry_store, bundle_set, tmp_path):
    assert make_importer(ministry_store, tmp_path).import_file(bundle_set.first).status == "imported"
    assert line_of(ministry_store, "54001").key_verified is False
    [status] = key_statuses(ministry_store)
    assert not status.verified

    with pytest.raises(Conflict, match="no coincide .* no se confirmó"):
        confirm_key(ministry_store, "54001", signing.generate_signing_key().public_key.fingerprint)
    with pytest.raises(InvalidInput, match="40 caracteres hexadecimales"):
        confirm_key(ministry_store, "54001", "1234")
    with pytest.raises(NotFound, match="ningún paquete de 05001"):
        confirm_key(ministry_store, "05001", signer_of(bundle_set.other).fingerprint)
    assert line_of(ministry_store, "54001").key_verified is False

    typed = signer_of(bundle_set.first).fingerprint.lower().replace(" ", "-")
    done = confirm_key(ministry_store, "54001", typed)
    assert done.fingerprint == signer_of(bundle_set.first).fingerprint and done.held_files == ()
    assert line_of(ministry_store, "54001").key_verified is True
    assert key_statuses(ministry_store)[0].verified


def test_a_stranger_who_wrote_first_is_replaced_by_the_key_on_the_oficio(
    ministry_store, bundle_set, tmp_path
):
    """The rekeyed bundle (key B) stands for the stranger who wrote first; the genuine
    territory's bundle is then held as a key change, and the oficio settles it."""
    importer = make_importer(ministry_store, tmp_path)
    assert importer.import_file(bundle_set.rekeyed).status == "imported"
    assert importer.import_file(bundle_set.second).status == "key_change_pending"

    done = confirm_key(ministry_store, "54001", signer_of(bundle_set.second).fingerprint)

    assert len(done.held_files) == 1
    [status] = key_statuses(ministry_store)
    assert status.verified and status.key_id == signer_of(bundle_set.second).key_id


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_confirm_key_from_the_command(bundle_set, tmp_path):
    from tests.support.bundles import MINISTRY_KEY

    store = tmp_path / "ministerio" / "consolidado.sqlite"
    store.parent.mkdir()
    assert (
        mesa(
            "bundle",
            "import",
            bundle_set.first,
            "--identity",
            MINISTRY_KEY,
            "--receipts",
            tmp_path / "acuses",
            db=store,
        ).returncode
        == 0
    )
    listed = mesa("bundle", "keys", db=store)
    assert "NO" in listed.stdout
    wrong = mesa(
        "bundle", "confirm-key", "54001", signing.generate_signing_key().public_key.fingerprint, db=store
    )
    assert wrong.returncode == 1 and "La huella no coincide" in wrong.stderr
    done = as_json(
        mesa("bundle", "confirm-key", "54001", signer_of(bundle_set.first).fingerprint, "--json", db=store)
    )
    assert done["territory"] == "54001"
    [status] = as_json(mesa("bundle", "keys", "--json", db=store))
    assert status["verified"] is True

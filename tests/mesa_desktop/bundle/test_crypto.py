"""Signing (minisign) and encryption (age) interoperate with the standard tools, both ways."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from mesa_desktop.bundle import encryption, signing
from mesa_desktop.bundle.errors import (
    BundleRejected,
    CorruptBundle,
    KeyFileError,
    NotABundle,
    OversizedBundle,
    SignatureInvalid,
    TruncatedBundle,
    WrongRecipient,
)
from mesa_desktop.errors import Conflict, InvalidInput

needs_minisign = pytest.mark.skipif(shutil.which("minisign") is None, reason="minisign CLI missing")
needs_age = pytest.mark.skipif(shutil.which("age") is None, reason="age CLI missing")

MESSAGE = b'{"territorio": "54001", "secuencia": 3}\n'


def run(*command: str | os.PathLike[str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [os.fspath(part) for part in command],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=60,
        check=False,
    )


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- minisign ---------------------------------------------------------------------------


@pytest.fixture
def signing_key() -> signing.SigningSecretKey:
    return signing.generate_signing_key()


def test_key_files_round_trip_with_standard_format(tmp_path, signing_key):
    secret_path, public_path = tmp_path / "k.key", tmp_path / "k.pub"
    signing.write_secret_key(secret_path, signing_key)
    signing.write_public_key(public_path, signing_key.public_key)

    public_lines = public_path.read_text().splitlines()
    assert public_lines[0] == f"untrusted comment: minisign public key {signing_key.key_id}"
    assert public_lines[1].startswith("RW")
    assert 1 <= len(signing_key.key_id) <= 16
    assert signing.read_public_key(public_path) == signing_key.public_key
    assert signing.read_secret_key(secret_path).public_key == signing_key.public_key
    if os.name == "posix":
        assert mode_of(secret_path) == 0o600


def test_secret_key_is_never_overwritten(tmp_path, signing_key):
    path = tmp_path / "k.key"
    signing.write_secret_key(path, signing_key)
    before = path.read_bytes()
    with pytest.raises(Conflict):
        signing.write_secret_key(path, signing.generate_signing_key())
    assert path.read_bytes() == before


def test_secret_key_repr_hides_key_material(signing_key):
    assert repr(signing_key) == f"SigningSecretKey(key_id={signing_key.key_id})"


def test_sign_and_verify_returns_trusted_comment(signing_key):
    signature = signing.sign(signing_key, MESSAGE, trusted_comment="territorio:54001\tseq:3")
    assert signing.verify(signing_key.public_key, MESSAGE, signature) == "territorio:54001\tseq:3"
    assert signing.signature_key_id(signature) == signing_key.key_id


def test_key_id_is_printed_like_minisign_without_leading_zeros():
    # Stored little-endian; minisign prints the integer with %PRIX64 (no zero padding).
    assert signing.key_id_hex(bytes.fromhex("255872983c5cae9f")) == "9FAE5C3C98725825"
    assert signing.key_id_hex(bytes.fromhex("aea5c3a7efe33e0a")) == "A3EE3EFA7C3A5AE"


def test_default_trusted_comment_is_minisigns(signing_key):
    signature = signing.sign(signing_key, MESSAGE, file_name="manifest.json")
    comment = signing.verify(signing_key.public_key, MESSAGE, signature)
    assert comment.startswith("timestamp:")
    assert comment.endswith("\tfile:manifest.json\thashed")


def test_tampered_message_is_rejected(signing_key):
    signature = signing.sign(signing_key, MESSAGE)
    with pytest.raises(SignatureInvalid, match="no corresponde al contenido") as caught:
        signing.verify(signing_key.public_key, MESSAGE + b" ", signature)
    assert caught.value.reason == "bad_signature"


def test_tampered_trusted_comment_is_rejected(signing_key):
    signature = signing.sign(signing_key, MESSAGE, trusted_comment="seq:3")
    forged = signature.replace(b"trusted comment: seq:3", b"trusted comment: seq:9")
    with pytest.raises(SignatureInvalid):
        signing.verify(signing_key.public_key, MESSAGE, forged)


def test_tampered_signature_bytes_are_rejected(signing_key):
    lines = signing.sign(signing_key, MESSAGE).splitlines()
    # Flip a character inside the Ed25519 signature (past algorithm and key id).
    flipped = lines[1][:40] + (b"A" if lines[1][40:41] != b"A" else b"B") + lines[1][41:]
    forged = b"\n".join([lines[0], flipped, *lines[2:]]) + b"\n"
    with pytest.raises(SignatureInvalid):
        signing.verify(signing_key.public_key, MESSAGE, forged)


def test_signature_from_another_key_names_both_keys(signing_key):
    other = signing.generate_signing_key()
    signature = signing.sign(other, MESSAGE)
    with pytest.raises(SignatureInvalid) as caught:
        signing.verify(signing_key.public_key, MESSAGE, signature)
    assert other.key_id in str(caught.value) and signing_key.key_id in str(caught.value)


@pytest.mark.parametrize("garbage", [b"", b"hola\n", b"untrusted comment: x\nnot base64\n" * 2])
def test_malformed_signature_is_rejected(signing_key, garbage):
    with pytest.raises(SignatureInvalid, match="dañada"):
        signing.verify(signing_key.public_key, MESSAGE, garbage)


def test_trusted_comment_must_be_one_printable_line(signing_key):
    with pytest.raises(InvalidInput):
        signing.sign(signing_key, MESSAGE, trusted_comment="dos\nlíneas")


def test_public_key_accepts_bare_base64_line(signing_key):
    assert signing.parse_public_key(signing_key.public_key.base64) == signing_key.public_key


@pytest.mark.parametrize("content", [b"", b"hola", b"untrusted comment: x\nRWQ=\n"])
def test_malformed_public_key_file_is_refused(tmp_path, content):
    path = tmp_path / "bad.pub"
    path.write_bytes(content)
    with pytest.raises(KeyFileError, match="no es una llave pública minisign"):
        signing.read_public_key(path)


def test_missing_key_file_says_so(tmp_path):
    with pytest.raises(KeyFileError, match="No se encontró"):
        signing.read_secret_key(tmp_path / "nada.key")


@needs_minisign
def test_minisign_cli_verifies_our_signature(tmp_path, signing_key):
    message_path, public_path = tmp_path / "manifest.json", tmp_path / "signer.pub"
    message_path.write_bytes(MESSAGE)
    signing.write_public_key(public_path, signing_key.public_key)
    signature = signing.sign(signing_key, MESSAGE, trusted_comment="territorio:54001")
    Path(f"{message_path}.minisig").write_bytes(signature)

    result = run("minisign", "-Vm", message_path, "-p", public_path)
    assert result.returncode == 0, result.stderr
    quiet = run("minisign", "-Vm", message_path, "-p", public_path, "-Q")
    assert quiet.stdout.decode().strip() == "territorio:54001"

    message_path.write_bytes(MESSAGE + b"x")
    assert run("minisign", "-Vm", message_path, "-p", public_path).returncode != 0


@needs_minisign
def test_minisign_cli_signs_with_our_secret_key_file(tmp_path, signing_key):
    secret_path, message_path = tmp_path / "k.key", tmp_path / "m.json"
    signing.write_secret_key(secret_path, signing_key)
    message_path.write_bytes(MESSAGE)
    result = run("minisign", "-S", "-s", secret_path, "-m", message_path, "-t", "desde la CLI")
    assert result.returncode == 0, result.stderr
    signature = Path(f"{message_path}.minisig").read_bytes()
    assert signing.verify(signing_key.public_key, MESSAGE, signature) == "desde la CLI"


@needs_minisign
def test_we_read_and_verify_minisign_cli_keys_and_signatures(tmp_path):
    secret_path, public_path = tmp_path / "cli.key", tmp_path / "cli.pub"
    created = run("minisign", "-G", "-W", "-p", public_path, "-s", secret_path)
    assert created.returncode == 0, created.stderr
    message_path = tmp_path / "m.json"
    message_path.write_bytes(MESSAGE)
    assert run("minisign", "-S", "-s", secret_path, "-m", message_path).returncode == 0

    public_key = signing.read_public_key(public_path)
    # Our key id is the one minisign prints in the public key's comment.
    assert public_path.read_text().splitlines()[0].endswith(public_key.key_id)
    signature = Path(f"{message_path}.minisig").read_bytes()
    assert signing.verify(public_key, MESSAGE, signature).endswith("\tfile:m.json\thashed")
    with pytest.raises(SignatureInvalid):
        signing.verify(public_key, MESSAGE.upper(), signature)

    # The CLI's unencrypted secret key works for us too.
    ours = signing.sign(signing.read_secret_key(secret_path), MESSAGE)
    assert signing.verify(public_key, MESSAGE, ours)


@needs_minisign
def test_legacy_non_prehashed_signature_is_refused(tmp_path):
    secret_path, public_path = tmp_path / "cli.key", tmp_path / "cli.pub"
    assert run("minisign", "-G", "-W", "-p", public_path, "-s", secret_path).returncode == 0
    message_path = tmp_path / "m.json"
    message_path.write_bytes(MESSAGE)
    legacy = run("minisign", "-S", "-l", "-s", secret_path, "-m", message_path)
    if legacy.returncode != 0:
        pytest.skip("this minisign cannot make legacy signatures")
    signature = Path(f"{message_path}.minisig").read_bytes()
    with pytest.raises(SignatureInvalid, match="formato antiguo"):
        signing.verify(signing.read_public_key(public_path), MESSAGE, signature)


@needs_minisign
@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_password_protected_secret_key_is_refused_with_advice(tmp_path):
    secret_path, public_path = tmp_path / "pw.key", tmp_path / "pw.pub"
    created = subprocess.run(
        ["minisign", "-G", "-p", public_path, "-s", secret_path],
        input=b"clave-secreta\nclave-secreta\n",
        capture_output=True,
        timeout=60,
        check=False,
    )
    if created.returncode != 0:
        pytest.skip("minisign needs a terminal to read a password here")
    with pytest.raises(KeyFileError, match="contraseña"):
        signing.read_secret_key(secret_path)


def test_damaged_secret_key_is_refused(tmp_path, signing_key):
    path = tmp_path / "k.key"
    signing.write_secret_key(path, signing_key)
    comment, encoded = path.read_bytes().splitlines()
    # Replace the stored public half with another key's: the pair no longer matches.
    other = signing.generate_signing_key().file_bytes().splitlines()[1]
    damaged = encoded[:-88] + other[-88:]
    path.write_bytes(comment + b"\n" + damaged + b"\n")
    with pytest.raises(KeyFileError, match="dañada"):
        signing.read_secret_key(path)


# --- age --------------------------------------------------------------------------------


@pytest.fixture
def identity_files(tmp_path) -> encryption.AgeKeyFiles:
    return encryption.create_identity_files(tmp_path / "ministerio")


def test_identity_files_look_like_age_keygen_output(identity_files):
    lines = identity_files.identity_path.read_text().splitlines()
    assert lines[0].startswith("# created: ")
    datetime.fromisoformat(lines[0].removeprefix("# created: "))  # RFC 3339
    assert lines[1] == f"# public key: {identity_files.recipient}"
    assert lines[2].startswith("AGE-SECRET-KEY-1")
    assert identity_files.recipient_path.read_text() == f"{identity_files.recipient}\n"
    assert identity_files.recipient.startswith("age1")
    if os.name == "posix":
        assert mode_of(identity_files.identity_path) == 0o600


def test_created_comment_uses_z_for_utc_and_offset_otherwise():
    identity = encryption.Identity.generate()
    utc = datetime(2026, 3, 15, 10, 4, 5, 123, tzinfo=UTC)
    bogota = utc.astimezone(timezone(timedelta(hours=-5)))
    assert "# created: 2026-03-15T10:04:05Z\n" in encryption.identity_file_text(identity, created=utc)
    text = encryption.identity_file_text(identity, created=bogota, note="PRUEBA")
    assert "# created: 2026-03-15T05:04:05-05:00\n" in text
    assert "# PRUEBA\n" in text


def test_prefix_given_with_a_suffix_is_not_doubled(tmp_path):
    assert encryption.key_file_paths(tmp_path / "m.key") == (tmp_path / "m.key", tmp_path / "m.pub")


def test_identity_files_are_never_overwritten(tmp_path, identity_files):
    before = identity_files.identity_path.read_bytes()
    with pytest.raises(Conflict):
        encryption.create_identity_files(tmp_path / "ministerio")
    assert identity_files.identity_path.read_bytes() == before


def test_encrypt_then_decrypt_round_trip(identity_files):
    plaintext = os.urandom(200_000)
    recipients = encryption.load_recipients(identity_files.recipient_path)
    ciphertext = encryption.encrypt(plaintext, recipients)
    assert ciphertext.startswith(encryption.AGE_BINARY_MAGIC)
    identities = encryption.load_identities(identity_files.identity_path)
    assert encryption.decrypt(ciphertext, identities) == plaintext


@needs_age
def test_age_cli_decrypts_what_we_encrypt(tmp_path, identity_files):
    encrypted = tmp_path / "bundle.mesa"
    encrypted.write_bytes(
        encryption.encrypt(MESSAGE, encryption.load_recipients(identity_files.recipient_path))
    )
    result = run("age", "-d", "-i", identity_files.identity_path, encrypted)
    assert result.returncode == 0, result.stderr
    assert result.stdout == MESSAGE


@needs_age
@pytest.mark.parametrize("armor", [False, True])
def test_we_decrypt_what_age_cli_encrypts(tmp_path, identity_files, armor):
    plain, encrypted = tmp_path / "plain.zip", tmp_path / "bundle.mesa"
    plain.write_bytes(MESSAGE * 1000)
    armor_flag = ["-a"] if armor else []
    result = run("age", *armor_flag, "-r", identity_files.recipient, "-o", encrypted, plain)
    assert result.returncode == 0, result.stderr
    identities = encryption.load_identities(identity_files.identity_path)
    assert encryption.decrypt(encrypted.read_bytes(), identities) == MESSAGE * 1000


@needs_age
def test_age_cli_reads_the_recipient_file_with_comments(tmp_path, identity_files):
    recipients_file = tmp_path / "conf.pub"
    recipients_file.write_text(f"# Ministerio\n\n{identity_files.recipient}\n")
    [recipient] = encryption.load_recipients(recipients_file)
    assert str(recipient) == identity_files.recipient
    plain = tmp_path / "p"
    plain.write_bytes(MESSAGE)
    encrypted = run("age", "-R", recipients_file, plain)
    assert encrypted.returncode == 0, encrypted.stderr


def test_wrong_identity_gets_the_spanish_message(tmp_path, identity_files):
    ciphertext = encryption.encrypt(MESSAGE, encryption.load_recipients(identity_files.recipient_path))
    stranger = encryption.create_identity_files(tmp_path / "otra")
    with pytest.raises(WrongRecipient) as caught:
        encryption.decrypt(ciphertext, encryption.load_identities(stranger.identity_path))
    assert caught.value.reason == "wrong_recipient"
    assert str(caught.value).startswith("El paquete no está cifrado para esta identidad del Ministerio")


@pytest.mark.parametrize("not_age", [b"", b"PK\x03\x04 a zip, not age", os.urandom(4096)])
def test_not_an_age_file(identity_files, not_age):
    identities = encryption.load_identities(identity_files.identity_path)
    with pytest.raises(NotABundle) as caught:
        encryption.decrypt(not_age, identities)
    assert caught.value.reason == "not_a_bundle"


@pytest.mark.parametrize("keep", [0.5, 0.99, 40])
def test_truncated_age_file(identity_files, keep):
    ciphertext = encryption.encrypt(
        os.urandom(300_000), encryption.load_recipients(identity_files.recipient_path)
    )
    cut = int(len(ciphertext) * keep) if keep < 1 else keep
    with pytest.raises(TruncatedBundle) as caught:
        encryption.decrypt(ciphertext[:cut], encryption.load_identities(identity_files.identity_path))
    assert caught.value.reason == "truncated"
    assert "incompleto" in str(caught.value)


def test_changed_byte_in_the_middle_is_corruption(identity_files):
    ciphertext = bytearray(
        encryption.encrypt(os.urandom(300_000), encryption.load_recipients(identity_files.recipient_path))
    )
    ciphertext[1000] ^= 0x01
    with pytest.raises(CorruptBundle) as caught:
        encryption.decrypt(bytes(ciphertext), encryption.load_identities(identity_files.identity_path))
    assert caught.value.reason == "corrupt"


def test_oversized_ciphertext_is_refused_before_decrypting(identity_files):
    ciphertext = encryption.encrypt(MESSAGE, encryption.load_recipients(identity_files.recipient_path))
    with pytest.raises(OversizedBundle):
        encryption.decrypt(ciphertext, encryption.load_identities(identity_files.identity_path), max_bytes=10)


def test_key_files_of_the_wrong_kind_are_explained(identity_files):
    with pytest.raises(KeyFileError, match="llave secreta de age"):
        encryption.load_recipients(identity_files.identity_path)
    with pytest.raises(KeyFileError, match="llave pública"):
        encryption.load_identities(identity_files.recipient_path)


def test_malformed_identity_error_does_not_echo_the_secret(tmp_path):
    path = tmp_path / "typo.key"
    secret_with_typo = "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ"
    path.write_text(secret_with_typo + "\n")
    with pytest.raises(KeyFileError) as caught:
        encryption.load_identities(path)
    assert secret_with_typo not in str(caught.value)


def test_rejections_are_bundle_rejected():
    assert issubclass(WrongRecipient, BundleRejected)
    assert issubclass(SignatureInvalid, BundleRejected)

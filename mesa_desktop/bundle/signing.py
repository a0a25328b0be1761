"""Minisign signatures: Ed25519 over the BLAKE2b-512 hash of the data ("ED", prehashed).

Built on py-minisign, which reads and writes exactly minisign's key and signature formats
(the tests check both directions against the ``minisign`` tool). This module adds what the
app needs on top of it:

* small value types (``SigningPublicKey``, ``SigningSecretKey``) so no caller touches the
  library, and Spanish errors (``KeyFileError``, ``SignatureInvalid``);
* key ids printed as the minisign tool prints them: the 8 stored bytes read as a
  little-endian integer, upper-case hex without leading zeros (py-minisign's own comment
  uses the stored byte order, so we write the comments ourselves);
* a verifier that accepts only prehashed signatures, as ``minisign -V`` does by default:
  one algorithm, no way to downgrade to the legacy one;
* a load-time self-check of secret keys (sign and verify a probe), so a damaged key file
  is reported when loaded rather than producing signatures nobody can verify.

Secret keys are written **unencrypted** (KDF bytes ``\\0\\0``, the ``minisign -G -W``
format) with 0600 permissions. The installation signs every export without anyone at the
keyboard; a password would have to be stored next to the key, which protects nothing and
costs a deliberately slow scrypt run per signature. Keys protected with a password
(``minisign -G`` without ``-W``) are refused with a message saying how to make a usable one.

File formats (all ASCII, ``\\n`` line ends, trailing newline):

* public key:  ``untrusted comment: minisign public key <KEYID>`` + base64(``Ed`` ‖ key id ‖ Ed25519 public key)
* secret key:  ``untrusted comment: ...`` + base64 of minisign's secret key structure
* signature (``.minisig``): untrusted comment, base64(``ED`` ‖ key id ‖ signature),
  ``trusted comment: <text>``, base64(global signature over signature ‖ trusted comment)

Thread affinity: none; every function is pure apart from the file functions' I/O.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

import minisign

from mesa_desktop.bundle._keyfile_io import (
    read_key_file,
    refuse_existing,
    write_public_file,
    write_secret_file,
)
from mesa_desktop.bundle.errors import KeyFileError, SignatureInvalid
from mesa_desktop.errors import InvalidInput

_PUBLIC_KEY_ALGORITHM = b"Ed"
_PUBLIC_KEY_BYTES = 2 + 8 + 32  # algorithm, key id, Ed25519 public key
_KEY_ID_SLICE = slice(2, 10)
_MAX_SIGNATURE_BYTES = 16 * 1024  # a trusted comment is capped at ~8 KiB by minisign
_PROBE_MESSAGE = b"mesa-desktop key self-check"


def key_id_hex(raw_key_id: bytes) -> str:
    """The key id exactly as ``minisign`` prints it (e.g. ``9FAE5C3C98725825``).

    minisign prints the little-endian integer with ``%PRIX64``: no leading zeros.
    """
    return format(int.from_bytes(raw_key_id, "little"), "X")


@dataclass(frozen=True, slots=True)
class SigningPublicKey:
    """A minisign public key; ``base64`` is the line ``minisign -P`` takes.

    Pin and compare keys by ``base64``: the key id is only a label the key's owner chose,
    so two different keys can share one.
    """

    base64: str

    def __post_init__(self) -> None:
        if _decode_public_key(self.base64) is None:
            raise ValueError("not a minisign Ed25519 public key")

    @property
    def key_id(self) -> str:
        return key_id_hex(base64.b64decode(self.base64)[_KEY_ID_SLICE])

    @property
    def fingerprint(self) -> str:
        """What a person compares on paper: 160 bits of SHA-256 of the key, in 10 groups of 4.

        Unlike the key id (a label its owner picks), it cannot be shared by two keys."""
        digest = hashlib.sha256(base64.b64decode(self.base64)).hexdigest()[:40].upper()
        return " ".join(digest[i : i + 4] for i in range(0, 40, 4))

    def file_text(self) -> str:
        """The standard ``.pub`` file content, as ``minisign -G`` writes it."""
        return f"untrusted comment: minisign public key {self.key_id}\n{self.base64}\n"

    def _library_key(self) -> minisign.PublicKey:
        return minisign.PublicKey.from_base64(self.base64)


class SigningSecretKey:
    """An unencrypted minisign secret key; it can sign and knows its public key."""

    __slots__ = ("_key", "public_key")

    def __init__(self, library_key: minisign.SecretKey) -> None:
        self._key = library_key
        self.public_key = SigningPublicKey(library_key.get_public_key().to_base64().decode("ascii"))

    @property
    def key_id(self) -> str:
        return self.public_key.key_id

    def file_bytes(self) -> bytes:
        """The standard secret key file content (unencrypted, readable by ``minisign -S``)."""
        comment = f"untrusted comment: minisign unencrypted secret key {self.key_id}"
        return comment.encode("ascii") + b"\n" + self._key.to_base64() + b"\n"

    def __repr__(self) -> str:  # never show key material in logs or tracebacks
        return f"SigningSecretKey(key_id={self.key_id})"


# --- keys -------------------------------------------------------------------------------


def normalize_fingerprint(text: str) -> str:
    """A fingerprint as typed (any case, spaces or dashes) in the printed form; ``""`` if not one."""
    digits = "".join(char for char in text.upper() if char not in " -:\t")
    if len(digits) != 40 or any(char not in "0123456789ABCDEF" for char in digits):
        return ""
    return " ".join(digits[i : i + 4] for i in range(0, 40, 4))


def generate_signing_key() -> SigningSecretKey:
    return SigningSecretKey(minisign.KeyPair.generate().secret_key)


def parse_public_key(data: bytes | str, *, source: str = "la llave pública") -> SigningPublicKey:
    """Accept a ``.pub`` file's content or the bare base64 line (like ``minisign -P``)."""
    text = data.decode("utf-8", "replace") if isinstance(data, bytes) else data
    lines = [line.strip() for line in text.lstrip("\ufeff").splitlines() if line.strip()]
    if len(lines) == 2 and lines[0].startswith("untrusted comment:"):
        lines = lines[1:]
    if len(lines) == 1 and _decode_public_key(lines[0]) is not None:
        return SigningPublicKey(lines[0])
    raise KeyFileError(
        f"{source} no es una llave pública minisign válida. "
        "Debe tener dos líneas: «untrusted comment: …» y la llave en base64 (empieza por RW)."
    )


def read_public_key(path: str | os.PathLike[str]) -> SigningPublicKey:
    return parse_public_key(read_key_file(path, "la llave pública de firma"), source=str(path))


def write_public_key(path: str | os.PathLike[str], key: SigningPublicKey) -> None:
    write_public_file(path, key.file_text().encode("ascii"))


def parse_secret_key(data: bytes, *, source: str = "la llave secreta") -> SigningSecretKey:
    try:
        library_key = minisign.SecretKey.from_bytes(data.rstrip(b"\r\n"))
    except (minisign.Error, ValueError, UnicodeDecodeError):
        raise KeyFileError(
            f"{source} no es una llave secreta minisign válida o está dañada. "
            "Restáurela desde una copia de seguridad."
        ) from None
    if library_key.is_encrypted():
        raise KeyFileError(
            f"{source} está protegida con contraseña y Mesa firma sin intervención de nadie. "
            "Use una llave sin contraseña (minisign -G -W)."
        )
    _check_key_consistency(library_key, source)
    return SigningSecretKey(library_key)


def read_secret_key(path: str | os.PathLike[str]) -> SigningSecretKey:
    return parse_secret_key(read_key_file(path, "la llave secreta de firma"), source=str(path))


def write_secret_key(path: str | os.PathLike[str], key: SigningSecretKey, *, overwrite: bool = False) -> None:
    """Write the secret key 0600; refuses to replace an existing file unless ``overwrite``."""
    if not overwrite:
        refuse_existing(Path(path))
    write_secret_file(path, key.file_bytes())


# --- signatures -------------------------------------------------------------------------


def default_trusted_comment(file_name: str | None = None) -> str:
    """What ``minisign -S`` writes: ``timestamp:<unix>[\\tfile:<name>\\thashed]``."""
    comment = f"timestamp:{int(time.time())}"
    if file_name is not None:
        comment += f"\tfile:{file_name}\thashed"
    return comment


def sign(
    key: SigningSecretKey,
    message: bytes,
    *,
    trusted_comment: str | None = None,
    file_name: str | None = None,
) -> bytes:
    """The ``.minisig`` file content for ``message`` (prehashed "ED" algorithm).

    The trusted comment is signed too; without one, minisign's default is used.
    """
    if trusted_comment is None:
        trusted_comment = default_trusted_comment(file_name)
    _check_trusted_comment(trusted_comment)
    signature = key._key.sign(message, prehash=True, trusted_comment=trusted_comment)
    return bytes(signature) + b"\n"


def verify(public_key: SigningPublicKey, message: bytes, signature: bytes) -> str:
    """Check ``signature`` (a ``.minisig`` content) over ``message``; return its trusted comment.

    Raises ``SignatureInvalid`` (reason ``bad_signature``) for a malformed signature, a
    legacy non-prehashed one, one made by another key, or one that does not match.
    """
    parsed, raw_key_id = _parse_signature(signature)
    if not parsed.is_prehashed():
        raise SignatureInvalid(
            "La firma usa el formato antiguo de minisign (sin prehash), que no se acepta. "
            "Fírmelo de nuevo con Mesa Desktop o con minisign 0.10 o posterior."
        )
    signer = key_id_hex(raw_key_id)
    if signer != public_key.key_id:
        raise SignatureInvalid(
            f"La firma fue hecha con la llave {signer}, no con la llave esperada "
            f"{public_key.key_id}. Confirme quién envió el archivo."
        )
    try:
        public_key._library_key().verify(message, parsed)
    except minisign.VerifyError:
        raise SignatureInvalid(
            "La firma no corresponde al contenido: el archivo se modificó después de firmado "
            "o la firma es de otro archivo. Pida que se lo envíen de nuevo."
        ) from None
    return parsed.trusted_comment


def signature_key_id(signature: bytes) -> str:
    """Key id of the key that made ``signature``, without verifying anything."""
    return key_id_hex(_parse_signature(signature)[1])


# --- helpers ----------------------------------------------------------------------------


def _decode_public_key(text: str) -> bytes | None:
    try:
        raw = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(raw) != _PUBLIC_KEY_BYTES or not raw.startswith(_PUBLIC_KEY_ALGORITHM):
        return None
    return raw


def _parse_signature(signature: bytes) -> tuple[minisign.Signature, bytes]:
    """The parsed signature and the raw key id that made it."""
    if len(signature) > _MAX_SIGNATURE_BYTES:
        raise SignatureInvalid("La firma (.minisig) es demasiado grande; no es una firma minisign.")
    text = signature.removeprefix(b"\xef\xbb\xbf").rstrip(b"\r\n")
    try:
        parsed = minisign.Signature.from_bytes(text)
    except (minisign.Error, ValueError, UnicodeDecodeError):
        raise SignatureInvalid(
            "La firma (.minisig) está dañada o no es una firma minisign. Pida que se la envíen de nuevo."
        ) from None
    # Line 2 is base64(algorithm ‖ key id ‖ signature); the parse above validated it.
    raw_key_id = base64.b64decode(text.splitlines()[1])[_KEY_ID_SLICE]
    return parsed, raw_key_id


def _check_trusted_comment(comment: str) -> None:
    # minisign stores the comment on one line; py-minisign also limits it to printable ASCII.
    if any(char != "\t" and not " " <= char < "\x7f" for char in comment):
        raise InvalidInput(
            "El comentario firmado solo puede tener letras sin tilde, números, signos y "
            "tabuladores, en una sola línea."
        )
    if len(comment) > minisign.TRUSTED_COMMENT_MAX_LEN:
        raise InvalidInput("El comentario firmado es demasiado largo.")


def _check_key_consistency(library_key: minisign.SecretKey, source: str) -> None:
    # The secret half and the stored public half must belong together, or every signature
    # we make would fail verification at the ministry.
    try:
        probe = library_key.sign(_PROBE_MESSAGE, trusted_comment="self-check")
        library_key.get_public_key().verify(_PROBE_MESSAGE, probe)
    except (minisign.Error, ValueError):
        raise KeyFileError(
            f"{source} está dañada: su parte secreta no corresponde a su llave pública. "
            "Restáurela desde una copia de seguridad."
        ) from None

"""age encryption of bundles to X25519 recipients, readable by the standard ``age`` tool.

Built on pyrage (bindings to the Rust ``age`` crate). This module keeps the key files in
the formats ``age-keygen`` and ``age`` use, and turns pyrage's English errors into
rejections a person can act on.

File formats:

* identity (``PREFIX.key``, secret, 0600) — what ``age-keygen`` writes, optionally with
  extra ``#`` note lines (``age -d -i`` ignores comments)::

      # created: 2026-03-15T10:04:05-05:00
      # public key: age1…
      AGE-SECRET-KEY-1…

* recipient (``PREFIX.pub``) — the one line ``age1…``. When reading, we accept a full age
  recipients file (``age -R``): one or more ``age1…`` lines, blank lines and ``#`` comments.

Only X25519 keys are supported: the ministry's key is one, and the formats stay the ones
any ``age`` build reads.

Thread affinity: none.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pyrage
from pyrage import x25519

from mesa_desktop.bundle._keyfile_io import (
    read_key_file,
    refuse_existing,
    write_public_file,
    write_secret_file,
)
from mesa_desktop.bundle.errors import (
    CorruptBundle,
    KeyFileError,
    NotABundle,
    OversizedBundle,
    TruncatedBundle,
    WrongRecipient,
)
from mesa_desktop.errors import MesaError

Recipient = x25519.Recipient
Identity = x25519.Identity

AGE_BINARY_MAGIC = b"age-encryption.org/v1\n"
AGE_ARMOR_BEGIN = b"-----BEGIN AGE ENCRYPTED FILE-----"
# Far above a bundle with PDFs (~1 MB without), and below what hurts a laptop's memory.
DEFAULT_MAX_CIPHERTEXT_BYTES = 128 * 1024 * 1024

# age's payload: a 16-byte nonce, then chunks of 64 KiB plaintext + 16-byte tag.
_PAYLOAD_NONCE_BYTES = 16
_CHUNK_PLAINTEXT_BYTES = 64 * 1024
_CHUNK_CIPHERTEXT_BYTES = _CHUNK_PLAINTEXT_BYTES + 16

_SECRET_PREFIX = "AGE-SECRET-KEY-1"
_RECIPIENT_PREFIX = "age1"


@dataclass(frozen=True, slots=True)
class AgeKeyFiles:
    identity_path: Path
    recipient_path: Path
    recipient: str


# --- key files --------------------------------------------------------------------------


def key_file_paths(prefix: str | os.PathLike[str]) -> tuple[Path, Path]:
    """``(PREFIX.key, PREFIX.pub)``; a prefix typed with either suffix is taken without it."""
    text = os.fspath(prefix)
    for suffix in (".key", ".pub"):
        text = text.removesuffix(suffix)
    return Path(f"{text}.key"), Path(f"{text}.pub")


def create_identity_files(
    prefix: str | os.PathLike[str], *, note: str | None = None, now: datetime | None = None
) -> AgeKeyFiles:
    """Generate an X25519 identity: ``PREFIX.key`` (secret, 0600) and ``PREFIX.pub``.

    Refuses to overwrite either file. ``note`` adds ``#`` comment lines to the secret file.
    """
    identity_path, recipient_path = key_file_paths(prefix)
    refuse_existing(identity_path, recipient_path)
    identity = Identity.generate()
    recipient = recipient_of(identity)
    text = identity_file_text(identity, created=now or datetime.now().astimezone(), note=note)
    write_secret_file(identity_path, text.encode("utf-8"))
    write_public_file(recipient_path, f"{recipient}\n".encode("ascii"))
    return AgeKeyFiles(identity_path, recipient_path, recipient)


def identity_file_text(identity: Identity, *, created: datetime, note: str | None = None) -> str:
    lines = [f"# created: {_rfc3339(created)}", f"# public key: {recipient_of(identity)}"]
    if note:
        lines += [f"# {line}".rstrip() for line in note.splitlines()]
    lines.append(str(identity))
    return "\n".join(lines) + "\n"


def recipient_of(identity: Identity) -> str:
    return str(identity.to_public())


def parse_recipients(text: str, *, source: str = "la llave pública") -> list[Recipient]:
    recipients = []
    for line in _meaningful_lines(text):
        if line.upper().startswith(_SECRET_PREFIX):
            raise KeyFileError(
                f"{source} es una llave secreta de age. Para cifrar use el archivo .pub "
                "(una línea que empieza por age1)."
            )
        recipients.append(_parse_recipient_line(line, source))
    if not recipients:
        raise KeyFileError(f"{source} no tiene ninguna llave pública age (línea que empieza por age1).")
    return recipients


def load_recipients(path: str | os.PathLike[str]) -> list[Recipient]:
    data = read_key_file(path, "la llave pública age")
    return parse_recipients(data.decode("utf-8", "replace"), source=str(path))


def parse_identities(text: str, *, source: str = "la llave secreta") -> list[Identity]:
    identities = []
    for line in _meaningful_lines(text):
        if line.startswith(_RECIPIENT_PREFIX):
            raise KeyFileError(
                f"{source} es una llave pública (age1…). Para abrir paquetes se necesita "
                "la llave secreta, el archivo .key."
            )
        identities.append(_parse_identity_line(line, source))
    if not identities:
        raise KeyFileError(f"{source} no tiene ninguna llave secreta age (AGE-SECRET-KEY-1…).")
    return identities


def load_identities(path: str | os.PathLike[str]) -> list[Identity]:
    data = read_key_file(path, "la llave secreta age")
    return parse_identities(data.decode("utf-8", "replace"), source=str(path))


# --- encryption -------------------------------------------------------------------------


def encrypt(plaintext: bytes, recipients: Recipient | Iterable[Recipient]) -> bytes:
    """Binary age file of ``plaintext``, readable by any of ``recipients``."""
    recipient_list = [recipients] if isinstance(recipients, Recipient) else list(recipients)
    if not recipient_list:
        raise MesaError("No hay destinatario para cifrar el paquete; configure la llave del Ministerio.")
    try:
        return pyrage.encrypt(plaintext, recipient_list)
    except pyrage.EncryptError as error:
        raise MesaError(f"No se pudo cifrar el paquete: {error}.") from error


def looks_like_age(data: bytes) -> bool:
    return data.startswith(AGE_BINARY_MAGIC) or data.lstrip().startswith(AGE_ARMOR_BEGIN)


def decrypt(
    ciphertext: bytes,
    identities: Identity | Iterable[Identity],
    *,
    max_bytes: int = DEFAULT_MAX_CIPHERTEXT_BYTES,
) -> bytes:
    """Plaintext of a binary or armored age file.

    Raises ``OversizedBundle``, ``NotABundle``, ``WrongRecipient``, ``TruncatedBundle`` or
    ``CorruptBundle``. age authenticates every chunk, so any change is caught here.
    """
    identity_list = [identities] if isinstance(identities, Identity) else list(identities)
    if len(ciphertext) > max_bytes:
        raise OversizedBundle(
            f"El archivo pesa {len(ciphertext) // (1024 * 1024)} MB, más de lo que puede ser "
            "un paquete de Mesa. Confirme que es el archivo correcto."
        )
    if not looks_like_age(ciphertext):
        raise NotABundle(
            "El archivo no es un paquete cifrado de Mesa (formato age). "
            "Confirme que adjuntó el archivo .mesa correcto."
        )
    plaintext = io.BytesIO()
    try:
        pyrage.decrypt_io(io.BytesIO(ciphertext), plaintext, identity_list)
    except (pyrage.DecryptError, OSError) as error:
        raise _rejection_for(str(error), ciphertext, len(plaintext.getvalue())) from error
    return plaintext.getvalue()


# --- helpers ----------------------------------------------------------------------------


def _meaningful_lines(text: str) -> list[str]:
    lines = (line.strip() for line in text.lstrip("\ufeff").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def _parse_recipient_line(line: str, source: str) -> Recipient:
    try:
        return Recipient.from_str(line)
    except pyrage.RecipientError:
        raise KeyFileError(
            f"{source} no es una llave pública age X25519 válida "
            "(una línea que empieza por age1, como la que escribe «mesa keys new»)."
        ) from None


def _parse_identity_line(line: str, source: str) -> Identity:
    try:
        return Identity.from_str(line)
    except pyrage.IdentityError:
        # Never echo the line: it may be a secret key with a typo.
        raise KeyFileError(
            f"{source} no es una llave secreta age X25519 válida "
            "(una línea que empieza por AGE-SECRET-KEY-1, como la que escribe «mesa keys new»)."
        ) from None


def _rfc3339(moment: datetime) -> str:
    # age-keygen uses Go's RFC 3339: seconds precision, "Z" for UTC.
    text = moment.replace(microsecond=0).isoformat()
    return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text


def _rejection_for(message: str, ciphertext: bytes, plaintext_bytes: int) -> Exception:
    if "No matching keys" in message:
        return WrongRecipient(
            "El paquete no está cifrado para esta identidad del Ministerio (o su encabezado "
            "está dañado). Abra el paquete con la llave secreta que corresponde a la llave "
            "pública configurada en la aplicación que lo generó."
        )
    if "Incomplete header" in message or "fill whole buffer" in message:
        return _truncated()
    if "decryption error" in message and _failed_in_last_chunk(ciphertext, plaintext_bytes):
        return _truncated()
    return CorruptBundle(
        "El paquete está dañado: su contenido no coincide con lo que se cifró (se modificó "
        "o se dañó en el camino). Pida que se lo envíen de nuevo."
    )


def _truncated() -> TruncatedBundle:
    return TruncatedBundle(
        "El paquete está incompleto: el archivo se cortó, por ejemplo un adjunto de correo "
        "que no terminó de descargarse. Descárguelo de nuevo o pida que se lo reenvíen."
    )


def _failed_in_last_chunk(ciphertext: bytes, plaintext_bytes: int) -> bool:
    """Whether decryption failed on the file's last chunk: the mark of a cut-off file.

    pyrage writes each chunk as it is authenticated, so the plaintext produced tells which
    chunk failed. A file cut short fails on its last chunk (which lacks the final flag or
    its tag); a change in the middle fails earlier. Armored files are not measured.
    """
    header_end = ciphertext.find(b"\n---")
    if not ciphertext.startswith(AGE_BINARY_MAGIC) or header_end < 0:
        return False
    payload_start = ciphertext.find(b"\n", header_end + 1) + 1
    chunk_bytes = len(ciphertext) - payload_start - _PAYLOAD_NONCE_BYTES
    chunks_in_file = max(1, -(-chunk_bytes // _CHUNK_CIPHERTEXT_BYTES))
    failed_chunk = plaintext_bytes // _CHUNK_PLAINTEXT_BYTES
    return failed_chunk >= chunks_in_file - 1

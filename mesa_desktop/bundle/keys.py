"""The keys an installation uses: its own signing key and the ministry's encryption key.

* The **installation signing key** (minisign) identifies this copy of the app to the
  ministry, which pins it on first import. It is created on first use in the folder the
  caller gives (the app's data folder) and then only ever loaded: a new key would look,
  at the ministry, like someone else sending this territory's bundles. So a damaged key is
  reported, never silently replaced.
* The **ministry key file**: the age recipient bundles are encrypted to and, on a line
  ``# firma-acuses: RW…``, the minisign key that signs the ministry's receipts. The comment
  form keeps the file a valid ``age -R`` recipients file. By default the one shipped in
  ``resources/keys/ministerio.pub``; settings may install another. A file of the old format
  (age recipient only) still encrypts, but receipts cannot be verified with it.

Thread affinity: none. Creation is safe against two processes (the app and ``mesa``)
starting at once: the key is published with a hard link, which fails if the other
process got there first, and both then load the same file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from mesa_desktop.atomic import write_private_once
from mesa_desktop.bundle import encryption, signing
from mesa_desktop.bundle._keyfile_io import read_key_file, refuse_existing, write_public_file
from mesa_desktop.bundle.errors import KeyFileError
from mesa_desktop.leftovers import sweep_leftovers
from mesa_desktop.resources import resource_path

INSTALLATION_SECRET_KEY_NAME = "firma-instalacion.key"
INSTALLATION_PUBLIC_KEY_NAME = "firma-instalacion.pub"


def installation_key_paths(data_dir: str | os.PathLike[str]) -> tuple[Path, Path]:
    """``(secret, public)`` paths of the installation signing key inside ``data_dir``."""
    folder = Path(data_dir)
    return folder / INSTALLATION_SECRET_KEY_NAME, folder / INSTALLATION_PUBLIC_KEY_NAME


def installation_signing_key(data_dir: str | os.PathLike[str]) -> signing.SigningSecretKey:
    """The installation's signing key, created on first use in ``data_dir`` (which must exist).

    Also (re)writes the public key file next to it when missing or stale, for a person
    who wants to send it by another channel. The secret file is the one source of truth.
    """
    secret_path, public_path = installation_key_paths(data_dir)
    # The data folder may be apart from the store's ($MESA_DATA_DIR): sweep it here too.
    sweep_leftovers(secret_path.parent)
    if not secret_path.exists():
        _create_once(secret_path)
    _restrict_permissions(secret_path)
    try:
        key = signing.read_secret_key(secret_path)
    except KeyFileError as error:
        raise KeyFileError(
            f"{error} Si no hay copia, mueva el archivo a otro lugar y la aplicación creará "
            "una llave nueva; el Ministerio verá un cambio de llave de este territorio."
        ) from error
    _refresh_public_key_file(public_path, key.public_key)
    return key


def default_ministry_key_path() -> Path:
    return resource_path("keys", "ministerio.pub")


def ministry_recipients(path: str | os.PathLike[str] | None = None) -> list[encryption.Recipient]:
    """Recipients to encrypt bundles to: the file in settings, or the shipped default."""
    return load_ministry_key(default_ministry_key_path() if path is None else path).recipients


RECEIPT_KEY_PREFIX = "# firma-acuses:"
RECEIPT_SECRET_SUFFIX = "-acuses.key"


@dataclass(frozen=True)
class MinistryKey:
    recipients: list[encryption.Recipient]
    receipt_key: signing.SigningPublicKey | None  # None: an old-format file (age only)


def parse_ministry_key(data: bytes, *, source: str) -> MinistryKey:
    text = data.decode("utf-8", "replace")
    recipients = encryption.parse_recipients(text, source=source)
    found = [
        line.strip()[len(RECEIPT_KEY_PREFIX) :].strip()
        for line in text.splitlines()
        if line.strip().startswith(RECEIPT_KEY_PREFIX)
    ]
    if len(found) > 1:
        raise KeyFileError(f"{source} trae más de una llave de firma de acuses; debe traer una sola.")
    receipt_key = (
        signing.parse_public_key(found[0], source=f"La llave de firma de acuses de {source}")
        if found
        else None
    )
    return MinistryKey(recipients, receipt_key)


def load_ministry_key(path: str | os.PathLike[str]) -> MinistryKey:
    return parse_ministry_key(read_key_file(path, "la llave pública del Ministerio"), source=str(path))


def ministry_key_file_text(recipient: str, receipt_key: signing.SigningPublicKey) -> str:
    return (
        "# Llave pública del Ministerio para Mesa Desktop: cifrado de paquetes (age) y firma de acuses.\n"
        f"{RECEIPT_KEY_PREFIX} {receipt_key.base64}\n"
        f"{recipient}\n"
    )


@dataclass(frozen=True)
class MinistryKeyFiles:
    identity_path: Path
    receipt_secret_path: Path
    public_path: Path
    recipient: str
    receipt_key: signing.SigningPublicKey


def receipt_secret_path(identity_path: str | os.PathLike[str]) -> Path:
    """Where the receipt-signing secret key lives: ``PREFIX-acuses.key`` beside ``PREFIX.key``."""
    identity, _ = encryption.key_file_paths(identity_path)
    return identity.with_name(identity.name.removesuffix(".key") + RECEIPT_SECRET_SUFFIX)


def create_ministry_keys(prefix: str | os.PathLike[str], *, now: datetime | None = None) -> MinistryKeyFiles:
    """The ministry's identity: ``PREFIX.key`` (age), ``PREFIX-acuses.key`` (minisign, signs
    receipts) and ``PREFIX.pub`` with both public parts, the one file focal points install."""
    identity_path, public_path = encryption.key_file_paths(prefix)
    secret_path = receipt_secret_path(identity_path)
    refuse_existing(identity_path, public_path, secret_path)
    files = encryption.create_identity_files(
        prefix, note="Identidad del Ministerio para abrir paquetes de Mesa Desktop", now=now
    )
    receipt_secret = signing.generate_signing_key()
    signing.write_secret_key(secret_path, receipt_secret)
    write_public_file(
        public_path, ministry_key_file_text(files.recipient, receipt_secret.public_key).encode("utf-8")
    )
    return MinistryKeyFiles(
        identity_path, secret_path, public_path, files.recipient, receipt_secret.public_key
    )


def receipt_signing_key(
    identity_path: str | os.PathLike[str], fallback: signing.SigningSecretKey
) -> signing.SigningSecretKey:
    """The key that signs receipts: ``PREFIX-acuses.key`` beside the identity if present, else
    ``fallback`` (an identity made before receipt keys existed; focal points cannot verify it)."""
    path = receipt_secret_path(identity_path)
    return signing.read_secret_key(path) if path.is_file() else fallback


def _create_once(secret_path: Path) -> None:
    # Staged 0600 under a unique name and always removed; a kill leaves at most the staging
    # file, which the next start removes (mesa_desktop.leftovers), never a second copy of the key.
    write_private_once(secret_path, signing.generate_signing_key().file_bytes())


def _restrict_permissions(secret_path: Path) -> None:
    # A restored backup or a copied folder may have loosened them; the key must stay private.
    if os.name != "posix":
        return
    try:
        if secret_path.stat().st_mode & 0o077:
            os.chmod(secret_path, 0o600)
    except OSError as error:
        raise KeyFileError(
            f"No se pudo proteger la llave de firma {secret_path}: {error.strerror or error}. "
            "Revise los permisos de la carpeta de datos."
        ) from error


def _refresh_public_key_file(public_path: Path, public_key: signing.SigningPublicKey) -> None:
    try:
        if public_path.read_text(encoding="ascii") == public_key.file_text():
            return
    except (OSError, UnicodeDecodeError):
        pass  # missing or unreadable: write it again
    signing.write_public_key(public_path, public_key)

"""The keys an installation uses: its own signing key and the ministry's encryption key.

* The **installation signing key** (minisign) identifies this copy of the app to the
  ministry, which pins it on first import. It is created on first use in the folder the
  caller gives (the app's data folder) and then only ever loaded: a new key would look,
  at the ministry, like someone else sending this territory's bundles. So a damaged key is
  reported, never silently replaced.
* The **ministry public key** (age) that bundles are encrypted to: by default the one
  shipped in ``resources/keys/ministerio.pub``; settings may point to another file.

Thread affinity: none. Creation is safe against two processes (the app and ``mesa``)
starting at once: the key is published with a hard link, which fails if the other
process got there first, and both then load the same file.
"""

from __future__ import annotations

import os
from pathlib import Path

from mesa_desktop.atomic import write_private_once
from mesa_desktop.bundle import encryption, signing
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
    return encryption.load_recipients(default_ministry_key_path() if path is None else path)


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

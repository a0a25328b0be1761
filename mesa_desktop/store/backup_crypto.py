"""Encrypted backups: age files any standard ``age`` tool opens.

Backups hold personal data and signatures, so they can be encrypted:

* **A copy made on demand** (``mesa backup --passphrase-env``, the backup page) is encrypted
  with a passphrase in age's scrypt mode: ``age -d copia.sqlite.age`` asks for it.
* **The daily automatic copy** runs unattended, when nobody is there to type a passphrase,
  and a passphrase must never be stored in clear. So turning it on creates, once, an age
  X25519 key pair in the backups folder: the public key (``copias/llave-copias.pub``) is
  all the daily copy needs, and the secret key is kept only inside
  ``copias/llave-copias.key.age``, itself encrypted with the user's passphrase (scrypt).
  Restoring a daily copy unlocks that key with the passphrase, then the copy with the key;
  with the standard tool: ``age -d -i copias/llave-copias.key.age diaria-….sqlite.age``.
  Turning it off removes only the public key: older encrypted copies stay restorable.

Encrypted copies end in ``.sqlite.age``. Thread affinity: none.
"""

from __future__ import annotations

from pathlib import Path

import pyrage
from pyrage import passphrase as age_passphrase
from pyrage import x25519

from mesa_desktop import atomic
from mesa_desktop.errors import StoreError

ENCRYPTED_SUFFIX = ".sqlite.age"
AGE_MAGIC = b"age-encryption.org/v1\n"
DAILY_RECIPIENT_NAME = "llave-copias.pub"
DAILY_IDENTITY_NAME = "llave-copias.key.age"


class PassphraseNeeded(StoreError):
    """The copy is encrypted and no passphrase was given (the UI asks for one)."""


class WrongPassphrase(StoreError):
    """The passphrase does not open the copy."""


def is_encrypted(path: Path) -> bool:
    try:
        with open(path, "rb") as handle:
            return handle.read(len(AGE_MAGIC)) == AGE_MAGIC
    except OSError:
        return False


def encrypt_with_passphrase(plaintext: bytes, passphrase: str) -> bytes:
    if not passphrase:
        raise StoreError("La contraseña de la copia no puede estar vacía.")
    return age_passphrase.encrypt(plaintext, passphrase)


def decrypt_copy(candidate: Path, passphrase: str | None) -> bytes:
    """The plain SQLite bytes of an encrypted copy (passphrase mode, or the daily key)."""
    if not passphrase:
        raise PassphraseNeeded(f"La copia {candidate.name} está cifrada: indique su contraseña.")
    ciphertext = candidate.read_bytes()
    if _uses_scrypt(ciphertext):
        try:
            return age_passphrase.decrypt(ciphertext, passphrase)
        except pyrage.DecryptError as error:
            raise _wrong(candidate) from error
    identity = unlock_daily_identity(candidate.parent, passphrase, for_copy=candidate)
    try:
        return pyrage.decrypt(ciphertext, [identity])
    except pyrage.DecryptError as error:
        raise StoreError(
            f"La copia {candidate.name} no se cifró con la llave de copias de esta carpeta; no se restauró."
        ) from error


# --- the daily copy's key ---------------------------------------------------------------


def daily_recipient(backups_dir: Path) -> x25519.Recipient | None:
    """The key the daily copy is encrypted to, or None when the daily copy is not encrypted."""
    path = backups_dir / DAILY_RECIPIENT_NAME
    if not path.is_file():
        return None
    try:
        return x25519.Recipient.from_str(path.read_text(encoding="utf-8").strip())
    except (OSError, ValueError) as error:
        raise StoreError(
            f"La llave pública de las copias ({path}) está dañada: desactive y vuelva a activar "
            "el cifrado de la copia diaria."
        ) from error


def enable_daily_encryption(backups_dir: Path, passphrase: str) -> Path:
    """Turn on the encrypted daily copy; reuse an existing key if the passphrase opens it."""
    if not passphrase:
        raise StoreError("La contraseña de la copia diaria no puede estar vacía.")
    backups_dir.mkdir(parents=True, exist_ok=True)
    identity_path = backups_dir / DAILY_IDENTITY_NAME
    if identity_path.exists():
        # One key per folder, so every older encrypted daily copy stays restorable.
        identity = unlock_daily_identity(backups_dir, passphrase)
    else:
        identity = x25519.Identity.generate()
        locked = age_passphrase.encrypt(f"{identity}\n".encode(), passphrase)
        atomic.write_private_once(identity_path, locked)
    recipient_path = backups_dir / DAILY_RECIPIENT_NAME
    atomic.write_text(recipient_path, f"{identity.to_public()}\n")
    return recipient_path


def disable_daily_encryption(backups_dir: Path) -> None:
    (backups_dir / DAILY_RECIPIENT_NAME).unlink(missing_ok=True)


def unlock_daily_identity(
    backups_dir: Path, passphrase: str, for_copy: Path | None = None
) -> x25519.Identity:
    path = backups_dir / DAILY_IDENTITY_NAME
    if not path.is_file():
        what = for_copy.name if for_copy else "la copia diaria"
        raise StoreError(
            f"Falta la llave de las copias ({path}) para abrir {what}; cópiela a esa carpeta "
            "desde donde guardó las copias."
        )
    try:
        text = age_passphrase.decrypt(path.read_bytes(), passphrase).decode("utf-8")
        return x25519.Identity.from_str(text.strip())
    except pyrage.DecryptError as error:
        raise _wrong(for_copy or path) from error
    except (UnicodeDecodeError, ValueError) as error:
        raise StoreError(f"La llave de las copias ({path}) está dañada.") from error


def _uses_scrypt(ciphertext: bytes) -> bool:
    header = ciphertext[:4096].split(b"\n---", 1)[0]
    return b"\n-> scrypt " in header


def _wrong(path: Path) -> WrongPassphrase:
    return WrongPassphrase(
        f"La contraseña no abre la copia {path.name}: revísela e inténtelo de nuevo; no se cambió nada."
    )

"""Where this installation keeps its keys, and which ministry key it encrypts bundles to.

The data folder is the store's folder for a SQLite store (keys travel with the data a
person backs up), and the user's application data folder for a server store
(PostgreSQL at the ministry). ``$MESA_DATA_DIR`` overrides both, for scripts and tests.

Thread affinity: none.
"""

from __future__ import annotations

import os
from pathlib import Path

from mesa_desktop.bundle import keys, signing
from mesa_desktop.services.settings import get_setting
from mesa_desktop.store import Store

DATA_DIR_ENV = "MESA_DATA_DIR"
# Path of an age recipients file replacing the shipped ministry key (DESIGN §7).
MINISTRY_KEY_SETTING = "bundle.ministry_public_key_path"
# A replacement key copied into the data folder (what the desktop app's settings page does).
INSTALLED_MINISTRY_KEY_NAME = "ministerio.pub"


def data_dir(store: Store) -> Path:
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        folder = Path(override)
    elif store.file is not None:
        folder = store.file.parent
    else:
        from mesa_desktop.store import default_store_path

        folder = default_store_path().parent
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def signing_key(store: Store) -> signing.SigningSecretKey:
    """The installation's own signing key (created on first use)."""
    return keys.installation_signing_key(data_dir(store))


def ministry_key_path(store: Store, override: str | os.PathLike[str] | None = None) -> Path:
    """The key bundles are encrypted to: ``--to`` if given, else a replacement named in the
    store's settings, else one installed in the data folder, else the shipped one."""
    if override:
        return Path(override)
    configured = get_setting(store, MINISTRY_KEY_SETTING)
    if configured:
        return Path(configured)
    installed = data_dir(store) / INSTALLED_MINISTRY_KEY_NAME
    return installed if installed.is_file() else keys.default_ministry_key_path()


def install_ministry_key(store: Store, source: str | os.PathLike[str]) -> Path:
    """Check that ``source`` is a ministry key file (age recipient, and the receipt key in the
    current format) and copy it into the data folder (atomically),
    where ``ministry_key_path`` finds it: the key the ministry sent replaces the shipped one.

    A secret key or a foreign file is refused with a Spanish ``KeyFileError`` and nothing is
    copied."""
    from mesa_desktop import atomic

    source = Path(source)
    keys.load_ministry_key(source)
    target = data_dir(store) / INSTALLED_MINISTRY_KEY_NAME
    if source.resolve() != target.resolve():
        atomic.write_bytes(target, source.read_bytes())
    return target

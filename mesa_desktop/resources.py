"""Find files shipped in ``resources/`` from a checkout, an installed wheel or a frozen build."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

from mesa_desktop.errors import StoreError


@cache
def resources_root() -> Path:
    candidates = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:  # PyInstaller one-folder build
        candidates.append(Path(frozen_root) / "resources")
    # Source checkout or editable install: resources/ sits beside the package.
    candidates.append(Path(__file__).resolve().parent.parent / "resources")
    # Wheel install: the data files land under <prefix>/share/mesa-desktop/resources.
    candidates.append(Path(sys.prefix) / "share" / "mesa-desktop" / "resources")
    for candidate in candidates:
        if (candidate / "divipola.csv").is_file():
            return candidate
    raise StoreError(
        "No se encontraron los recursos de la aplicación (carpeta resources). Reinstale Mesa Desktop."
    )


def resource_path(*parts: str) -> Path:
    """Path of a shipped resource, e.g. ``resource_path("fonts", "DejaVuSans.ttf")``."""
    return resources_root().joinpath(*parts)

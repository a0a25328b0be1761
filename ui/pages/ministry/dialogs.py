"""The consolidation page's questions and file choosers: seams tests replace.

The page imports these names into its own module, so a test replaces them there.
"""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from mesa_desktop.bundle.manifest import BUNDLE_SUFFIX


def ask_fingerprint(parent: QWidget | None, territory_name: str) -> str | None:
    """The fingerprint as typed from the oficio."""
    text, ok = QInputDialog.getText(
        parent, "Confirmar huella", f"Huella impresa en el oficio de {territory_name} (10 grupos de 4):"
    )
    return text if ok and text.strip() else None


def choose_bundles(parent: QWidget | None, folder: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(
        parent,
        "Elegir los paquetes recibidos",
        folder,
        f"Paquetes de Mesa (*{BUNDLE_SUFFIX});;Todos los archivos (*)",
    )
    return list(paths)

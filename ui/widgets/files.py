"""The folder chooser, the file manager and the documents folder: seams tests replace.

A page imports these names into its own module and calls them from there, so a test
replaces them on that page's module. Every file or folder the app opens goes through
:func:`open_file` or :func:`open_folder`: a laptop with no PDF viewer (or no file manager)
still learns where the file is.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget

from ui.widgets import dialogs


def choose_folder(parent: QWidget | None, title: str, folder: str) -> str | None:
    path = QFileDialog.getExistingDirectory(parent, title, folder)
    return path or None


def launch(path: Path) -> bool:
    """Ask the desktop to open ``path`` with its program; False when nothing could."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def open_file(path: Path | str, parent: QWidget | None = None) -> str | None:
    """Open ``path`` with its program; failing that, its folder; failing that, say where it is.

    Returns a line for the status bar when the file itself could not be opened."""
    path = Path(path)
    if launch(path):
        return None
    if launch(path.parent):
        return f"No se encontró un programa para abrir {path.name}: se abrió su carpeta."
    dialogs.inform(
        parent,
        "No se pudo abrir el archivo",
        f"Este equipo no tiene un programa para abrir {path.name} ni un explorador de archivos.\n\n"
        f"El archivo está guardado en:\n{path}",
    )
    return f"El archivo está en {path}."


def open_folder(folder: Path | str, parent: QWidget | None = None) -> None:
    """Show ``folder`` in the file manager, or say where it is when there is none."""
    if not launch(Path(folder)):
        dialogs.inform(
            parent,
            "No se pudo abrir la carpeta",
            f"Este equipo no tiene un explorador de archivos que abra la carpeta.\n\nEstá en:\n{folder}",
        )


def documents_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(
        Path.home()
    )

"""The folder chooser, the file manager and the documents folder: seams tests replace.

A page imports these names into its own module and calls them from there, so a test
replaces them on that page's module.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget


def choose_folder(parent: QWidget | None, title: str, folder: str) -> str | None:
    path = QFileDialog.getExistingDirectory(parent, title, folder)
    return path or None


def open_folder(folder: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


def open_with_system(path: Path) -> bool:
    """Open ``path`` with the program the system gives its type (an .eml in the mail client);
    when none opens it, open its folder instead. True when the file itself was opened."""
    if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
        return True
    open_folder(path.parent)
    return False


def documents_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(
        Path.home()
    )

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


def documents_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(
        Path.home()
    )

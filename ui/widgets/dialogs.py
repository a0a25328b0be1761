"""Spanish message boxes: errors for people (never a traceback) and confirmations."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

ERROR_TITLE = "No se pudo completar la acción"


def show_error(parent: QWidget | None, message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Warning, ERROR_TITLE, message, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText("Entendido")
    box.exec()


def inform(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(QMessageBox.Icon.Information, title, message, QMessageBox.StandardButton.Ok, parent)
    box.button(QMessageBox.StandardButton.Ok).setText("Entendido")
    box.exec()


def confirm(parent: QWidget | None, title: str, text: str, yes: str, *, detail: str = "") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    if detail:
        box.setInformativeText(detail)
    accept = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton("Cancelar", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is accept


def open_tracked(owner, dialog, closed=None) -> None:
    """Open ``dialog`` window-modal and keep it on ``owner.dialog`` until it closes (tests
    reach it there); then it is deleted and ``closed()``, if given, runs."""

    def finished(_code) -> None:
        if owner.dialog is dialog:
            owner.dialog = None
        dialog.deleteLater()
        if closed is not None:
            closed()

    dialog.finished.connect(finished)
    owner.dialog = dialog
    dialog.open()

"""The acta screen's dialogs: approve (and lock), sign the PDF, create a correction."""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from mesa_desktop.services import sessions
from ui.widgets import format as fmt
from ui.widgets.clock_edit import ClockEdit


class ApproveDialog(QDialog):
    """Choose the approving session, the time and any observations: approval is a decision of
    that session, taken with the mesa's quorum, and locks the acta for good."""

    def __init__(self, session, number: str, approving_sessions, default, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Aprobar el acta {number}")
        self.setMinimumWidth(560)
        self.session_combo = QComboBox()
        for item in approving_sessions:
            self.session_combo.addItem(fmt.session_line(item), str(item.id))
        self.session_combo.setCurrentIndex(max(0, self.session_combo.findData(str(default.id))))
        self.at_edit = ClockEdit(follow_now=True)
        self.at_edit.setAccessibleName("Hora en que la mesa aprobó el acta")
        self.observations = QLineEdit()
        self.observations.setPlaceholderText("Observaciones de la mesa al aprobarla (opcional)")
        notes = [
            "La aprobación es una decisión de la sesión elegida: esa sesión debe estar abierta y la "
            "mesa debe tener quórum a esa hora.",
            "Una vez aprobada, el acta queda <b>bloqueada</b>: no se podrá editar. "
            "Si después hay que corregirla, se crea una nueva versión que la referencia.",
        ]
        if sessions.held_by_approval(session.status):
            notes.append("La sesión se marcará como <b>realizada</b>.")
        text = QLabel("<br><br>".join(notes))
        text.setWordWrap(True)
        form = QFormLayout()
        form.addRow("Aprobada en la sesión:", self.session_combo)
        form.addRow("A la hora:", self.at_edit)
        form.addRow("Observaciones:", self.observations)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Aprobar y bloquear")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Cancelar")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def approving_session(self) -> uuid.UUID:
        return uuid.UUID(self.session_combo.currentData())

    def approval(self) -> dict:
        return {"at": self.at_edit.chosen(), "observations": self.observations.text().strip() or None}


class SignDialog(QDialog):
    """Sign the approved acta: with the focal point's certificate (.p12) or the installation's own."""

    def __init__(self, number: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Firmar digitalmente el acta {number}")
        self.setMinimumWidth(580)
        self.own = QRadioButton("Con mi certificado digital (archivo .p12 o .pfx)")
        self.installation = QRadioButton(
            "Con el certificado propio de esta instalación (no emitido por una entidad certificadora)"
        )
        self.installation.setChecked(True)
        self.p12 = QLineEdit()
        self.p12.setPlaceholderText("Archivo del certificado")
        browse = QPushButton("Buscar…")
        browse.clicked.connect(self._browse)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText("Contraseña del certificado")
        file_row = QHBoxLayout()
        file_row.addWidget(self.p12, 1)
        file_row.addWidget(browse)
        self.own_box = QWidget()
        own_layout = QFormLayout(self.own_box)
        own_layout.addRow("Certificado:", file_row)
        own_layout.addRow("Contraseña:", self.passphrase)
        self.own.toggled.connect(self.own_box.setEnabled)
        self.own_box.setEnabled(False)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Firmar y guardar…")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Cancelar")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        hint = QLabel(
            "Se firma el acta aprobada (firma PAdES). Cualquier cambio posterior al archivo "
            "invalida la firma."
        )
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.installation)
        layout.addWidget(self.own)
        layout.addWidget(self.own_box)
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def accept(self) -> None:
        if self.own.isChecked() and not self.p12.text().strip():
            self.error.setText(
                "Elija el archivo de su certificado (.p12 o .pfx), o firme con el de la instalación."
            )
            return
        super().accept()

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Certificado digital",
            str(Path.home()),
            "Certificados PKCS#12 (*.p12 *.pfx);;Todos los archivos (*)",
        )
        if path:
            self.p12.setText(path)

    def credential(self) -> dict:
        if self.own.isChecked():
            return {"p12_path": self.p12.text().strip() or None, "passphrase": self.passphrase.text()}
        return {}


class CorrectionDialog(QDialog):
    def __init__(self, number: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Corregir el acta {number}")
        self.setMinimumWidth(520)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("Motivo de la corrección (quedará registrado en la nueva versión)")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Crear la corrección")
        self.ok.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Cancelar")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(lambda: self.ok.setEnabled(bool(self.reason.toPlainText().strip())))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel("El acta aprobada no cambia: se crea una versión nueva, en borrador, que la corrige.")
        )
        layout.addWidget(self.reason)
        layout.addWidget(buttons)

"""Dialogs of the live attendance screen: walk-in, signature, virtual-meeting report preview.

They only collect values; the attendance page runs the service calls. Each is opened with
``open()`` (window-modal, no nested event loop), so tests fill and accept them directly.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ui.pages import page_kit as kit
from ui.widgets.consent import ConsentBox
from ui.widgets.signature_pad import SignatureField

OTHER_ENTITY = "__other__"
MEMBER_CAPACITIES = (("delegate", "Delegado(a)"), ("head", "Jefe de dependencia"), ("alternate", "Suplente"))


@dataclass(frozen=True)
class WalkIn:
    """What the walk-in dialog collected, ready for ``attendance.register_walk_in``."""

    full_name: str
    consent_given: bool
    dependency: object | None  # dependency id, or None for another entity
    role: str | None
    position: str | None
    entity: str | None
    email: str | None
    phone: str | None
    signature_png: bytes | None


class WalkInDialog(QDialog):
    """Register someone who is not in the list yet, with their consent, and check them in."""

    def __init__(self, members, *, name: str = "", virtual: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Registrar asistente nuevo")
        self.setMinimumWidth(620)
        self.name = QLineEdit(name)
        self.name.setPlaceholderText("Nombre y apellidos")
        self.position = QLineEdit()
        self.position.setPlaceholderText("Cargo")
        self.affiliation = QComboBox()
        self.affiliation.addItem("Otra entidad (escríbala abajo)", OTHER_ENTITY)
        for dependency in members:
            label = f"{dependency.name} (actor invitado)" if dependency.invited else dependency.name
            self.affiliation.addItem(label, str(dependency.id))
        self.affiliation.setCurrentIndex(0)
        self._invited = {str(d.id) for d in members if d.invited}
        self.capacity = QComboBox()
        for key, label in MEMBER_CAPACITIES:
            self.capacity.addItem(label, key)
        self.entity = QLineEdit()
        self.entity.setPlaceholderText("Entidad u organización")
        self.email = QLineEdit()
        self.email.setPlaceholderText("correo@entidad.gov.co")
        self.phone = QLineEdit()
        self.consent = ConsentBox()
        self.signature = SignatureField("Firma (opcional; también puede firmar después)")
        self.virtual = virtual
        self.signature.setVisible(not virtual)  # virtual attendees do not sign
        form = QFormLayout()
        form.addRow("Nombre completo:", self.name)
        form.addRow("Cargo:", self.position)
        form.addRow("Dependencia o entidad:", self.affiliation)
        form.addRow("Calidad:", self.capacity)
        form.addRow("Otra entidad:", self.entity)
        form.addRow("Correo:", self.email)
        form.addRow("Teléfono:", self.phone)
        self._form = form
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText("Registrar y marcar llegada")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Cancelar")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.why = QLabel("")
        self.why.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.consent)
        layout.addWidget(self.signature, 1)
        layout.addWidget(self.why)
        layout.addWidget(self.buttons)
        self.name.textChanged.connect(self._update)
        self.consent.check.toggled.connect(self._update)
        self.affiliation.currentIndexChanged.connect(self._update)
        self._update()

    def _kind(self) -> str:
        value = self.affiliation.currentData()
        if value == OTHER_ENTITY:
            return "other"
        return "invited" if value in self._invited else "member"

    def _update(self) -> None:
        kind = self._kind()
        self._form.setRowVisible(self.capacity, kind == "member")
        self._form.setRowVisible(self.entity, kind == "other")
        missing = []
        if not self.name.text().strip():
            missing.append("el nombre")
        if not self.consent.given:
            missing.append("la autorización de datos personales")
        self.ok.setEnabled(not missing)
        self.why.setText(f"Falta {' y '.join(missing)}." if missing else "")

    def accept(self) -> None:
        if not self.ok.isEnabled():
            return
        super().accept()

    def value(self) -> WalkIn:
        kind = self._kind()
        png = b"" if self.virtual else self.signature.pad.png()
        return WalkIn(
            full_name=self.name.text().strip(),
            consent_given=self.consent.given,
            dependency=None if kind == "other" else uuid.UUID(self.affiliation.currentData()),
            role=self.capacity.currentData() if kind == "member" else None,
            position=self.position.text().strip() or None,
            entity=(self.entity.text().strip() or None) if kind == "other" else None,
            email=self.email.text().strip() or None,
            phone=self.phone.text().strip() or None,
            signature_png=png or None,
        )


class SignatureDialog(QDialog):
    """A large pad for the person who just arrived; "Guardar firma" stores it with the check-in."""

    def __init__(self, person_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(f"Firma de {person_name}")
        self.setMinimumSize(640, 340)
        self.field = SignatureField(f"Firme en el recuadro: {person_name}")
        self.pad = self.field.pad
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save.setText("Guardar firma")
        self.save.setEnabled(False)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Cancelar")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.pad.changed.connect(lambda: self.save.setEnabled(not self.pad.is_empty()))
        layout = QVBoxLayout(self)
        layout.addWidget(self.field, 1)
        layout.addWidget(buttons)

    def png(self) -> bytes:
        return self.pad.png()


class VirtualImportDialog(QDialog):
    """Preview of a participant report: who will be checked in as virtual, who was not found."""

    def __init__(self, preview, present_ids=frozenset(), parent: QWidget | None = None):
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle("Importar asistentes de la reunión virtual")
        self.setMinimumSize(820, 520)
        new = [m for m in preview.matched if m.person_id not in present_ids]
        self.person_ids = tuple(m.person_id for m in new)
        summary = QLabel(
            f"<b>{len(preview.matched)}</b> participantes coinciden con personas registradas "
            f"({len(new)} aún sin registrar en esta sesión); <b>{len(preview.unmatched)}</b> no se "
            "pudieron asociar y no se registrarán."
        )
        summary.setWordWrap(True)
        self.matched = _table(
            ["Participante en el informe", "Persona registrada", "Coincide por", "Hora de unión"],
            [
                [m.participant.name, m.person_name, m.how, m.participant.joined or "—"]
                for m in preview.matched
            ],
        )
        self.unmatched = _table(
            ["Participante en el informe", "Correo", "Motivo"],
            [[u.participant.name, u.participant.email or "—", u.reason] for u in preview.unmatched],
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setText(f"Registrar {len(new)} como asistentes virtuales")
        self.ok.setEnabled(bool(new))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Cancelar")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(QLabel("Se registrarán:"))
        layout.addWidget(self.matched, 3)
        layout.addWidget(QLabel("No se registrarán (revíselos; puede registrarlos a mano):"))
        layout.addWidget(self.unmatched, 2)
        layout.addWidget(buttons)


def _table(headers: list[str], rows: list[list[str]]) -> QTableWidget:
    """The kit's read-only table, the last column taking the spare width, filled with ``rows``."""
    table = kit.make_table(headers, stretch=len(headers) - 1)
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        kit.fill_row(table, r, row, tooltips=row)
    return table

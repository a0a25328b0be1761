"""Dialogs of the live attendance screen: walk-in, signature, virtual-meeting report preview.

They only collect values; the attendance page runs the service calls. Each is opened with
``open()`` (window-modal, no nested event loop), so tests fill and accept them directly.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtCore import QElapsedTimer, Qt, Signal
from PySide6.QtGui import QKeyEvent
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

from mesa_desktop.vocabulary import Capacity
from ui.pages import page_kit as kit
from ui.widgets.consent import ConsentBox
from ui.widgets.search_box import words_of
from ui.widgets.signature_pad import SignatureField

OTHER_ENTITY = "__other__"
MEMBER_CAPACITIES = tuple((c.value, c.label) for c in (Capacity.DELEGATE, Capacity.HEAD, Capacity.ALTERNATE))


class TypeAheadCombo(QComboBox):
    """A list chosen by typing: the letters typed find the first entry some of whose words they
    start, accents and case ignored ("asegur" → "Dirección de Aseguramiento", "pai" → its
    short name), however many words it has; Backspace takes a letter back, a pause starts over.
    Space opens the list only when nothing is being typed."""

    typed_changed = Signal(str)
    PAUSE_MS = 1500

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.typed = ""
        self._words: list[str] = []
        self._since = QElapsedTimer()

    def add_entry(self, label: str, data: object, *also: str | None) -> None:
        self.addItem(label, data)
        self._words.append(words_of(label, *also))

    def focusInEvent(self, event) -> None:
        self._set_typed("")
        super().focusInEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        plain = not event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        text = event.text()
        if self._since.isValid() and self._since.elapsed() > self.PAUSE_MS:
            self._set_typed("")
        if plain and event.key() == Qt.Key.Key_Backspace and self.typed:
            self._find(self.typed[:-1])
        elif plain and text and text.isprintable() and (text != " " or self.typed):
            self._find(self.typed + text)
        else:
            super().keyPressEvent(event)
            return
        self._since.start()
        event.accept()

    def _find(self, typed: str) -> None:
        self._set_typed(typed)
        tokens = [" " + t for t in words_of(typed).split()]
        if not tokens:
            return
        for index, words in enumerate(self._words):
            if all(t in words for t in tokens):
                self.setCurrentIndex(index)
                return

    def _set_typed(self, typed: str) -> None:
        if typed != self.typed:
            self.typed = typed
            self.typed_changed.emit(typed)


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
    """Register someone who is not in the list yet, with their consent, and check them in.

    Without a mouse: the name (already typed in the search box, or here), Enter; a few letters
    of the dependency, Enter; Space for the consent; Enter registers."""

    def __init__(self, members, *, name: str = "", virtual: bool = False, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Registrar asistente nuevo")
        self.setMinimumWidth(620)
        self.name = QLineEdit(name)
        self.name.setPlaceholderText("Nombre y apellidos")
        self.position = QLineEdit()
        self.position.setPlaceholderText("Cargo")
        self.affiliation = TypeAheadCombo()
        self.affiliation.setAccessibleName("Dependencia o entidad: escriba unas letras para buscarla")
        self.affiliation.add_entry("Otra entidad (escríbala abajo)", OTHER_ENTITY)
        for dependency in members:
            label = f"{dependency.name} (actor invitado)" if dependency.invited else dependency.name
            self.affiliation.add_entry(label, str(dependency.id), dependency.short_name)
        self.affiliation.setCurrentIndex(0)
        self.affiliation_hint = QLabel("Escriba unas letras para buscarla; Enter continúa.")
        self.affiliation_hint.setObjectName("hint")
        self.affiliation.typed_changed.connect(self._show_typed)
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
        form.addRow("", self.affiliation_hint)
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
        self.ok.setDefault(True)
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
        # The name typed in the search box is already here: start at the dependency.
        self._first = self.affiliation if name.strip() else self.name

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._first.setFocus(Qt.FocusReason.OtherFocusReason)

    def _show_typed(self, typed: str) -> None:
        self.affiliation_hint.setText(
            f"Buscando «{typed}»; Enter continúa."
            if typed
            else "Escriba unas letras para buscarla; Enter continúa."
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter in a field moves on to the next step; on the consent (or a button) it registers.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
            following = self._after(self.focusWidget())
            if following is not None:
                following.setFocus(Qt.FocusReason.TabFocusReason)
                event.accept()
                return
        super().keyPressEvent(event)

    def _after(self, widget: QWidget | None) -> QWidget | None:
        if widget is self.name:
            return self.affiliation
        if widget is self.affiliation or widget is self.capacity:
            return self.entity if self._kind() == "other" else self.consent.check
        if widget in (self.position, self.entity, self.email, self.phone):
            return self.consent.check
        return None

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

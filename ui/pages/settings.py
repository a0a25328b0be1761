"""Settings: the mesa's data (formalisation, focal point, quorum, guideline dates) and the
ministry's public key that bundles are encrypted to.

Edits are saved with "Guardar cambios", and also when the person leaves the page or closes
the window (``flush``), so nothing typed is lost.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from mesa_desktop import clock
from mesa_desktop.bundle import installation
from mesa_desktop.email_address import is_valid_email
from mesa_desktop.rules import quorum
from mesa_desktop.rules.calendar import add_business_days
from mesa_desktop.rules.compliance import DELEGATION_NOTICE_BUSINESS_DAYS, FOCAL_POINT_REPORT_BUSINESS_DAYS
from mesa_desktop.services import conformation
from ui.pages import page_kit as kit

QUORUM_CHOICES = (
    (quorum.RULE_MITAD_MAS_UNO, "La mitad más una (numeral 1.5 b)"),
    (quorum.RULE_MAYORIA_ABSOLUTA, "Mayoría absoluta (si el acto lo dispone)"),
)


# --- the ministry's public key bundles are encrypted to (mesa_desktop.bundle.installation) ----------


@dataclass(frozen=True)
class KeyInfo:
    path: Path
    shipped: bool  # the key that came with the application
    recipient: str | None  # "age1…" or None when unreadable
    problem: str | None
    receipt_key_id: str | None = None  # None: an old-format file, receipts cannot be verified


def describe_key(store) -> KeyInfo:
    """The key the next bundle is encrypted to, and whether it is usable. Database thread
    (a replacement may be named in the store's settings)."""
    from mesa_desktop.bundle.keys import default_ministry_key_path, load_ministry_key
    from mesa_desktop.errors import MesaError

    path = installation.ministry_key_path(store)
    shipped = path == default_ministry_key_path()
    try:
        text = path.read_text(encoding="utf-8")
        recipient = next(
            (line.strip() for line in text.splitlines() if line.strip().startswith("age1")), None
        )
        receipt_key = load_ministry_key(path).receipt_key
        return KeyInfo(path, shipped, recipient, None, receipt_key.key_id if receipt_key else None)
    except (OSError, MesaError) as error:
        return KeyInfo(path, shipped, None, str(error))


def short_key(recipient: str | None) -> str:
    return f"{recipient[:14]}…{recipient[-8:]}" if recipient and len(recipient) > 26 else (recipient or "—")


# --- the page -----------------------------------------------------------------------------------


class SettingsPage(kit.Page):
    TOPICS = ("mesa",)

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.mesa: conformation.MesaInfo | None = None
        self._filling = False
        self.dirty = False
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(scroll)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        layout, self.subtitle = kit.page_layout(body, "Configuración")

        self.edits: dict[str, QLineEdit] = {}
        self.dates: dict[str, kit.OptionalDate] = {}

        def line(field: str, placeholder: str = "") -> QLineEdit:
            edit = QLineEdit(body)
            edit.setPlaceholderText(placeholder)
            edit.textEdited.connect(self._changed)
            self.edits[field] = edit
            return edit

        def day(field: str, label: str) -> kit.OptionalDate:
            widget = kit.OptionalDate(label, None, body)
            widget.changed.connect(self._changed)
            self.dates[field] = widget
            return widget

        mesa_box = QGroupBox("La mesa", body)
        mesa_form = QFormLayout(mesa_box)
        mesa_form.addRow("Nombre:", line("name"))
        mesa_form.addRow("Entidad:", line("entity_name", "Secretaría de Salud de …"))
        mesa_form.addRow("Lugar habitual:", line("default_place", "Salón, dirección, piso"))
        self.quorum_rule = QComboBox(mesa_box)
        for key, label in QUORUM_CHOICES:
            self.quorum_rule.addItem(label, key)
        self.quorum_rule.currentIndexChanged.connect(self._changed)
        mesa_form.addRow("Regla de quórum:", self.quorum_rule)
        self.lead_days = QSpinBox(mesa_box)
        self.lead_days.setRange(1, 60)
        self.lead_days.setSuffix(" días calendario")
        self.lead_days.valueChanged.connect(self._changed)
        mesa_form.addRow("Convocar con al menos:", self.lead_days)

        acto_box = QGroupBox("Acto administrativo que formaliza la mesa (numeral 2.6)", body)
        acto_form = QFormLayout(acto_box)
        acto_form.addRow("Número:", line("acto_number", "p. ej. Decreto 0142 de 2026"))
        acto_form.addRow("Fecha:", day("acto_date", "Expedido el"))
        acto_form.addRow("Expedido por:", line("acto_authority", "p. ej. Alcaldía de …"))
        self.acto_hint = QLabel("", acto_box)
        self.acto_hint.setWordWrap(True)
        acto_form.addRow(self.acto_hint)

        focal_box = QGroupBox("Punto focal (secretaría técnica)", body)
        focal_form = QFormLayout(focal_box)
        focal_form.addRow("Nombre:", line("focal_point_name"))
        focal_form.addRow("Cargo:", line("focal_point_position"))
        focal_form.addRow("Correo:", line("focal_point_email"))
        focal_form.addRow("Teléfono:", line("focal_point_phone"))
        focal_form.addRow("Reporte:", day("focal_point_reported_on", "Reportado al Ministerio el"))

        dates_box = QGroupBox("Fechas del lineamiento (de ellas se cuentan los plazos)", body)
        dates_form = QFormLayout(dates_box)
        dates_form.addRow("Lineamiento:", day("guideline_communicated_on", "Comunicado el"))
        dates_form.addRow("Resolución:", day("resolution_effective_on", "En vigencia desde"))
        self.deadlines = QLabel("", dates_box)
        self.deadlines.setWordWrap(True)
        self.deadlines.setObjectName("hint")
        dates_form.addRow(self.deadlines)

        key_box = QGroupBox("Clave pública del Ministerio (cifra los paquetes que envía)", body)
        key_layout = QVBoxLayout(key_box)
        self.key_label = QLabel("", key_box)
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.replace_key_button = QPushButton("Reemplazar clave del Ministerio…", key_box)
        key_row = QHBoxLayout()
        key_row.addWidget(self.replace_key_button)
        key_row.addStretch(1)
        key_layout.addWidget(self.key_label)
        key_layout.addLayout(key_row)

        grid = QGridLayout()
        grid.setHorizontalSpacing(14)
        grid.addWidget(mesa_box, 0, 0)
        grid.addWidget(acto_box, 1, 0)
        grid.addWidget(focal_box, 0, 1)
        grid.addWidget(dates_box, 1, 1)
        grid.addWidget(key_box, 2, 0, 1, 2)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)

        buttons = QHBoxLayout()
        self.message = QLabel("", body)
        self.message.setWordWrap(True)
        self.discard_button = QPushButton("Descartar cambios", body)
        self.save_button = QPushButton("Guardar cambios", body)
        self.save_button.setObjectName("primary")
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.save_button)
        layout.addLayout(buttons)
        layout.addStretch(1)

        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard)
        self.replace_key_button.clicked.connect(self.replace_key)
        self._set_dirty(False)

    # -- loading ---------------------------------------------------------------------------------
    def load(self) -> None:
        if self.dirty:
            return  # never overwrite what the person is typing; flush() saves it
        self.ctx.call(conformation.get_mesa, done=self._loaded)
        self.ctx.call(describe_key, done=self._show_key)

    def _loaded(self, mesa: conformation.MesaInfo) -> None:
        self.mesa = mesa
        self._filling = True
        for field, edit in self.edits.items():
            edit.setText(getattr(mesa, field) or "")
            edit.setCursorPosition(0)  # show the beginning of long names
        for field, widget in self.dates.items():
            widget.set_value(getattr(mesa, field))
        self.quorum_rule.setCurrentIndex(max(self.quorum_rule.findData(mesa.quorum_rule), 0))
        self.lead_days.setValue(mesa.convocation_lead_days)
        self._filling = False
        self.subtitle.setText(
            f"{mesa.territory_name} ({mesa.territory_code}) · mesa "
            f"{conformation.KIND_LABELS.get(mesa.kind, mesa.kind)}."
        )
        self._set_dirty(False)
        self._update_hints()
        self.mark_loaded()

    def _show_key(self, info: KeyInfo) -> None:
        origin = (
            "la que viene con la aplicación (de PRUEBA: reemplácela por la que le envíe el Ministerio)"
            if info.shipped
            else "reemplazada en este computador"
        )
        if info.problem:
            self.key_label.setText(f"Archivo: {info.path}\nNo se puede usar: {info.problem}")
        else:
            receipts = (
                f"Acuses verificados con la llave {info.receipt_key_id}."
                if info.receipt_key_id
                else "Archivo de formato antiguo: sin llave de firma de acuses, los acuses no se pueden "
                "verificar. Instale el archivo actual del Ministerio."
            )
            self.key_label.setText(
                f"Clave: {short_key(info.recipient)} — {origin}.\n{receipts}\nArchivo: {info.path}"
            )

    # -- editing ---------------------------------------------------------------------------------------
    def _changed(self, *_args) -> None:
        if not self._filling:
            self._set_dirty(True)
            self._update_hints()

    def _set_dirty(self, dirty: bool) -> None:
        self.dirty = dirty
        self.save_button.setEnabled(dirty)
        self.discard_button.setEnabled(dirty)
        if dirty:
            self.message.setText("Hay cambios sin guardar.")
            self.message.setStyleSheet("color: #a35f00;")

    def _update_hints(self) -> None:
        missing = not self.edits["acto_number"].text().strip()
        self.acto_hint.setText(
            "Sin acto administrativo la mesa aparece como incumplida en este requisito." if missing else ""
        )
        self.acto_hint.setStyleSheet("color: #b3261e;" if missing else "")
        lines = []
        guideline = self.dates["guideline_communicated_on"].value()
        if guideline:
            due = add_business_days(guideline, DELEGATION_NOTICE_BUSINESS_DAYS)
            lines.append(
                f"Las dependencias notifican sus delegaciones a más tardar el {kit.long_day(due)} "
                "(10 días hábiles, numeral 2.5)."
            )
        effective = self.dates["resolution_effective_on"].value()
        if effective:
            due = add_business_days(effective, FOCAL_POINT_REPORT_BUSINESS_DAYS)
            lines.append(
                f"El punto focal y la mesa se reportan al Ministerio a más tardar el {kit.long_day(due)} "
                "(20 días hábiles, numeral 2.6)."
            )
        self.deadlines.setText("\n".join(lines) or "Registre las fechas para calcular los plazos.")

    def changes(self) -> dict:
        """What differs from the stored mesa, ready for ``update_mesa``."""
        if self.mesa is None:
            return {}
        values: dict = {field: (edit.text().strip() or None) for field, edit in self.edits.items()}
        values.update({field: widget.value() for field, widget in self.dates.items()})
        values["quorum_rule"] = self.quorum_rule.currentData()
        values["convocation_lead_days"] = self.lead_days.value()
        return {k: v for k, v in values.items() if getattr(self.mesa, k) != v}

    def validate(self, changes: dict) -> str | None:
        if "name" in changes and not changes["name"]:
            return "El nombre de la mesa no puede quedar vacío."
        if "entity_name" in changes and not changes["entity_name"]:
            return "Escriba el nombre de la entidad."
        email = changes.get("focal_point_email")
        if email and not is_valid_email(email.strip()):
            return "El correo del punto focal no es válido."
        acto_date = changes.get("acto_date")
        if acto_date and acto_date > clock.today():
            return "La fecha del acto administrativo no puede ser futura."
        return None

    def save(self) -> None:
        changes = self.changes()
        if not changes:
            self._set_dirty(False)
            return
        problem = self.validate(changes)
        if problem:
            self.message.setText(problem)
            self.message.setStyleSheet("color: #b3261e;")
            return
        self._set_dirty(False)
        self.ctx.call(
            conformation.update_mesa, topics=("mesa",), done=self._saved, failed=self._save_failed, **changes
        )

    def _saved(self, mesa: conformation.MesaInfo) -> None:
        self.mesa = mesa
        self.message.setText("Cambios guardados.")
        self.message.setStyleSheet("color: #1e7b34;")
        self.status("Configuración guardada.")

    def _save_failed(self, message: str) -> None:
        self._set_dirty(True)
        self.message.setText(message)
        self.message.setStyleSheet("color: #b3261e;")

    def discard(self) -> None:
        self._set_dirty(False)
        self.refresh()

    def flush(self) -> None:
        """Save what was typed (window closing, store changing, page left)."""
        if self.dirty and self.validate(self.changes()) is None:
            self.save()

    def hideEvent(self, event) -> None:
        self.flush()
        super().hideEvent(event)

    def replace_key(self) -> None:
        path = kit.open_file(
            self,
            "Elegir la clave pública del Ministerio",
            "Clave pública age (*.pub *.txt);;Todos los archivos (*)",
        )
        if not path:
            return
        if not kit.confirm(
            self,
            "Reemplazar clave del Ministerio",
            "Los próximos paquetes se cifrarán con esta clave: solo el Ministerio, con su "
            "clave secreta, podrá abrirlos.",
            "Reemplazar",
            detail="Use solo el archivo .pub que le envió la Oficina de Promoción Social.",
        ):
            return
        self.ctx.work(installation.install_ministry_key, self.ctx.store, path, done=self._key_replaced)

    def _key_replaced(self, target: Path) -> None:
        self.status("Clave del Ministerio reemplazada.")
        self.ctx.call(describe_key, done=self._show_key)
        self.ctx.changed.emit("exports")

"""Envío al Ministerio: the focal point makes the encrypted bundle, emails it, and records
the ministry's receipts (DESIGN §7).

The page says what the next bundle carries (and what never leaves the laptop), which key it
is encrypted to, and keeps the history of what was sent and what the ministry acknowledged.
The export and the receipt go through the same core functions as ``mesa bundle export`` and
``mesa bundle receipt``, on the database thread (both write the export history).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import cast

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mesa_desktop import formatting
from mesa_desktop.bundle import export, receipts
from mesa_desktop.bundle.mail import (
    TEST_KEY_ADVICE,
    TEST_KEY_WARNING,
    DraftFile,
    MinistryContact,
    is_test_key,
)
from mesa_desktop.clock import local
from mesa_desktop.email_address import is_valid_email
from mesa_desktop.operations import exchange as exchange_ops
from mesa_desktop.operations import mesa as mesa_ops
from ui.pages import page_kit as kit
from ui.pages.settings import short_key
from ui.widgets.files import choose_folder, documents_folder, open_folder
from ui.widgets.files import open_file as open_with_system

FOLDER_SETTING = "exchange/folder"

# What the bundle carries, grouped as a focal point thinks of it: (heading, ((table, one, many), …)).
CONTENTS: tuple[tuple[str, tuple[tuple[str, str, str], ...]], ...] = (
    ("La mesa", (("mesa", "ficha de la mesa (acto administrativo, punto focal)", "fichas de la mesa"),)),
    (
        "Conformación",
        (("dependency", "dependencia", "dependencias"), ("person", "integrante", "integrantes")),
    ),
    (
        "Sesiones",
        (
            ("meeting_session", "sesión", "sesiones"),
            ("agenda_item", "punto del orden del día", "puntos del orden del día"),
            ("attendance", "asistencia", "asistencias"),
            ("quorum_event", "verificación de quórum", "verificaciones de quórum"),
            ("decision", "decisión", "decisiones"),
            ("acta", "acta", "actas"),
        ),
    ),
    (
        "Compromisos",
        (
            ("commitment", "compromiso", "compromisos"),
            ("commitment_note", "nota de seguimiento", "notas de seguimiento"),
        ),
    ),
    (
        "Plan de acción",
        (
            ("action_plan", "plan", "planes"),
            ("plan_axis", "eje", "ejes"),
            ("plan_action", "acción", "acciones"),
            ("plan_task", "tarea", "tareas"),
            ("task_progress", "avance", "avances"),
            ("action_report", "informe", "informes"),
            ("plan_indicator", "indicador", "indicadores"),
            ("indicator_value", "medición", "mediciones"),
        ),
    ),
    (
        "Casos remitidos",
        (("case_aggregate", "total por año, necesidad y estado", "totales por año, necesidad y estado"),),
    ),  # detail: see contents_lines
)
PRIVACY_NOTE = (
    "Los casos remitidos salen solo como totales por año, necesidad y estado: nunca el nombre ni el "
    "documento de la persona. De los integrantes viajan nombre, cargo, entidad y rol (lo mismo que "
    "dice el acta); no salen firmas, correos, teléfonos ni números de documento, ni el enlace de las "
    "reuniones virtuales."
)
RECEIPT_WORDS = {
    "imported": "sus datos son los vigentes",
    "superseded": "ya tenía uno más reciente",
}


# --- wording ----------------------------------------------------------------------------------------


def contents_lines(counts: Mapping[str, int], cases: int = 0) -> list[tuple[str, str, int]]:
    """(heading, "19 dependencias, 52 integrantes", records) per group of tables."""
    lines = []
    for heading, tables in CONTENTS:
        if tables[0][0] == "case_aggregate":
            detail = (
                f"solo cuántos casos hay por año, necesidad y estado ({kit.plural(cases, 'caso', 'casos')})"
                if cases
                else "no hay casos registrados"
            )
            lines.append((heading, detail, counts.get("case_aggregate", 0)))
            continue
        parts = [
            kit.plural(counts.get(name, 0), one, many)
            for name, one, many in tables
            if counts.get(name, 0) or name in ("mesa", "dependency", "meeting_session", "commitment")
        ]
        total = sum(counts.get(name, 0) for name, _one, _many in tables)
        lines.append((heading, ", ".join(parts) or "nada todavía", total))
    return lines


def size_text(size: int) -> str:
    """'28 KB' / '1,4 MB' (Colombian decimal comma)."""
    if size < 1024 * 1024:
        return f"{max(size / 1024, 1):,.0f} KB".replace(",", ".")
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def receipt_text(entry: receipts.HistoryEntry) -> str:
    if entry.receipt_verdict is None or entry.ministry_imported_at is None:
        return "No, todavía"
    day = kit.short_day(local(entry.ministry_imported_at).date())
    return f"Sí, importado el {day} ({RECEIPT_WORDS.get(entry.receipt_verdict, entry.receipt_verdict)})"


def exported_text(entry: receipts.HistoryEntry) -> str:
    return formatting.moment(entry.exported_at)


# --- the result of an export ---------------------------------------------------------------------------


class ExportResultDialog(QDialog):
    """The file just written, its size, and sending it: "Enviar por correo" writes the .eml
    draft beside it (to the ministry's address, editable here) and opens it in the mail client."""

    def __init__(
        self,
        result: export.ExportResult,
        parent: QWidget | None = None,
        *,
        ctx=None,
        ministry: MinistryContact | None = None,
    ):
        super().__init__(parent)
        self.export = result
        self.ctx = ctx
        self.ministry = ministry or MinistryContact(None, None, is_test_key(result.recipient))
        self.draft: DraftFile | None = None
        self.closed = False
        self.setWindowTitle("Paquete generado")
        layout = QVBoxLayout(self)
        name = QLabel(result.file_name, self)
        font = name.font()
        font.setBold(True)
        font.setPointSize(font.pointSize() + 2)
        name.setFont(font)
        name.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        records = sum(result.rows.values())
        self.summary = QLabel(
            f"{size_text(result.size_bytes)} · exportación n.º {result.sequence} · "
            f"{kit.plural(records, 'registro', 'registros')}"
            + (f" · {kit.plural(len(result.actas), 'acta en PDF', 'actas en PDF')}" if result.actas else ""),
            self,
        )
        where = QLabel(f"Guardado en: {result.path.parent}", self)
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hint = kit.notice(
            hint_text(self.ministry.test_key), "" if self.ministry.test_key else "ok", self
        )
        layout.addWidget(name)
        layout.addWidget(self.summary)
        layout.addWidget(where)
        layout.addWidget(self.hint)
        for note in result.notes:
            extra = QLabel(note, self)
            extra.setObjectName("hint")
            extra.setWordWrap(True)
            layout.addWidget(extra)

        to_row = QHBoxLayout()
        to_label = QLabel("Correo del Ministerio:", self)
        self.to_edit = QLineEdit(self.ministry.email or "", self)
        self.to_edit.setPlaceholderText("el que trae el oficio del Ministerio")
        self.to_edit.setToolTip(
            "A esta dirección va el borrador de correo. Si la cambia, queda guardada para los próximos "
            "envíos; si la deja vacía, el borrador va sin destinatario."
        )
        to_label.setBuddy(self.to_edit)
        to_row.addWidget(to_label)
        to_row.addWidget(self.to_edit, 1)
        layout.addLayout(to_row)
        self.message = kit.notice("", parent=self)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.message.hide()
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.open_button = QPushButton("Abrir carpeta", self)
        self.send_button = QPushButton("Enviar por correo", self)
        self.send_button.setObjectName("primary")
        self.send_button.setToolTip(
            "Crea un correo nuevo para el Ministerio con el paquete adjunto y lo abre en su programa "
            "de correo (Outlook, Thunderbird…): revíselo y pulse Enviar."
        )
        self.send_button.setEnabled(ctx is not None)
        self.close_button = QPushButton("Cerrar", self)
        self.send_button.setDefault(True)
        buttons.addStretch(1)
        buttons.addWidget(self.open_button)
        buttons.addWidget(self.send_button)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)
        self.open_button.clicked.connect(lambda: open_folder(result.path.parent))
        self.send_button.clicked.connect(self.send)
        self.close_button.clicked.connect(self.accept)
        self.setMinimumWidth(620)
        self._refit()

    def _refit(self) -> None:
        # A top-level layout does not size itself for wrapped text: give it the height its
        # labels need at the dialog's width, no less (cut lines) and no more (gaps between them).
        width = max(self.width(), self.minimumWidth())
        height = self.heightForWidth(width)
        self.resize(width, height if height > 0 else self.sizeHint().height())

    def _say(self, text: str, state: str) -> None:
        if self.closed:  # the draft came after the dialog closed (and may be deleted)
            return
        kit.show_notice(self.message, text, state)
        self._refit()

    def done(self, result: int) -> None:
        self.closed = True
        super().done(result)

    def send(self) -> None:
        """Check the address, keep it if it changed, write the draft and open it."""
        address = self.to_edit.text().strip()
        if address and not is_valid_email(address):
            self._say(
                f"El correo del Ministerio no es válido: «{address}». Corríjalo o déjelo vacío "
                "(el borrador irá sin destinatario).",
                "error",
            )
            self.to_edit.setFocus()
            return
        if self.ctx is None:
            return
        self.send_button.setEnabled(False)
        if address and address != (self.ministry.email or ""):
            self.ctx.call(
                exchange_ops.save_ministry_email, address, done=self._address_saved, failed=self._failed
            )
        self.ctx.call(
            exchange_ops.write_bundle_email,
            self.export,
            address,
            done=self._written,
            failed=self._failed,
        )

    def _address_saved(self, contact: MinistryContact) -> None:
        self.ministry = contact

    def _written(self, draft: DraftFile) -> None:
        self.draft = draft
        if self.closed:
            open_with_system(draft.path)
            return
        self.send_button.setEnabled(True)
        where = f"{draft.path.name}, en {draft.path.parent}"
        problem = open_with_system(draft.path, self)
        if problem is None:
            text = (
                f"Se abrió el correo para {draft.to} con el paquete adjunto: revíselo y pulse Enviar."
                if draft.to
                else "Se abrió el correo con el paquete adjunto: escriba el correo del Ministerio y pulse Enviar."
            )
            self._say(f"{text} (Borrador: {where}.)", "ok")
        else:
            self._say(
                f"{problem} Ábralo con su programa de correo, o adjunte el paquete a un correo nuevo. "
                f"(Borrador: {where}.)",
                "",
            )

    def _failed(self, message: str) -> None:
        if not self.closed:
            self.send_button.setEnabled(True)
        self._say(message, "error")


def hint_text(test_key: bool) -> str:
    """What the result dialog says about where the bundle goes, by the key it was encrypted to."""
    if test_key:
        return (
            f"<b>{TEST_KEY_WARNING}</b> {TEST_KEY_ADVICE} Mientras tanto, puede ensayar el "
            "envío con «Enviar por correo»."
        )
    return (
        "Va cifrado: solo el Ministerio puede abrirlo. «Enviar por correo» abre un correo nuevo para el "
        "Ministerio con el paquete adjunto. Cuando lo importe, le devolverá un acuse de recibo (.acuse) "
        "que usted registra en esta pantalla."
    )


# --- the page ------------------------------------------------------------------------------------------


class ExchangePage(kit.Page):
    """Generate the bundle for the ministry; export history and receipts."""

    TOPICS = ("exports", "members", "sessions", "attendance", "actas", "commitments", "plan", "cases")
    HISTORY_HEADERS = ("N.º", "Generado", "Archivo", "Tamaño", "Acuse de recibo del Ministerio")

    def __init__(self, ctx, parent: QWidget | None = None, *, settings: QSettings | None = None):
        super().__init__(ctx, parent)
        self.settings = settings if settings is not None else QSettings()
        self.info: exchange_ops.ExchangeView | None = None
        self.last_result: export.ExportResult | None = None
        layout, self.subtitle = kit.page_layout(self, "Envío al Ministerio")
        self.subtitle.setText(
            "Genere el paquete con los datos de la mesa y envíelo por correo al Ministerio. Cada paquete "
            "es una foto completa de la mesa: si un correo se pierde o llega tarde, el siguiente lo reemplaza."
        )

        top = QHBoxLayout()
        top.setSpacing(12)
        contents_box = QGroupBox("Qué lleva el próximo paquete", self)
        contents_layout = QVBoxLayout(contents_box)
        self.contents = kit.make_table(("Contenido", "Detalle", "Registros"), contents_box, stretch=1)
        self.contents.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Wrapped rows change height with the column widths: refit after the table's own relayout.
        self.contents.horizontalHeader().sectionResized.connect(
            lambda *_args: QTimer.singleShot(0, self._fit_contents)
        )
        self.contents.setSelectionMode(self.contents.SelectionMode.NoSelection)
        self.contents.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.privacy = QLabel(PRIVACY_NOTE, contents_box)
        self.privacy.setObjectName("hint")
        self.privacy.setWordWrap(True)
        contents_layout.addWidget(self.contents)
        contents_layout.addWidget(self.privacy)
        top.addWidget(contents_box, 3)

        send_box = QGroupBox("Generar el paquete", self)
        send_layout = QVBoxLayout(send_box)
        self.key_label = QLabel("", send_box)
        self.key_label.setWordWrap(True)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_warning = kit.notice("", parent=send_box)
        self.key_warning.hide()
        self.settings_button = QPushButton("Cambiar la clave en Configuración", send_box)
        self.actas_check = QCheckBox("Incluir actas aprobadas (PDF)", send_box)
        self.actas_hint = QLabel("", send_box)
        self.actas_hint.setObjectName("hint")
        self.actas_hint.setWordWrap(True)
        self.export_button = QPushButton("Generar paquete…", send_box)
        self.export_button.setObjectName("primary")
        self.export_button.setEnabled(False)
        send_layout.addWidget(self.key_label)
        send_layout.addWidget(self.key_warning)
        settings_row = QHBoxLayout()
        settings_row.addWidget(self.settings_button)
        settings_row.addStretch(1)
        send_layout.addLayout(settings_row)
        send_layout.addStretch(1)
        send_layout.addWidget(self.actas_check)
        send_layout.addWidget(self.actas_hint)
        send_layout.addWidget(self.export_button)
        send_box.setMaximumWidth(400)
        top.addWidget(send_box, 2)
        layout.addLayout(top)

        self.result = kit.notice("", parent=self)
        self.result.hide()
        layout.addWidget(self.result)
        self.work = kit.Working(self, "Envío al Ministerio", self.result, self._update_buttons)

        layout.addWidget(kit.section_title("Paquetes generados y acuses del Ministerio", self))
        self.history = kit.make_table(self.HISTORY_HEADERS, self, stretch=2)
        layout.addWidget(self.history, 1)
        row = QHBoxLayout()
        self.send_button = QPushButton("Enviar por correo…", self)
        self.send_button.setToolTip("El último paquete generado: abre su ventana para enviarlo por correo.")
        self.receipt_button = QPushButton("Registrar acuse de recibo…", self)
        self.receipt_button.setToolTip("El archivo .acuse que el Ministerio le devuelve por correo.")
        self.folder_button = QPushButton("Abrir carpeta de envíos", self)
        self.oficio_button = QPushButton("Oficio al Ministerio (PDF)…", self)
        self.oficio_button.setToolTip(
            "Reporta el punto focal y la mesa (lineamiento 2.6) e imprime la huella "
            "de la llave con que se firman los paquetes, para que el Ministerio la verifique."
        )
        row.addWidget(self.send_button)
        row.addWidget(self.receipt_button)
        row.addWidget(self.oficio_button)
        row.addStretch(1)
        row.addWidget(self.folder_button)
        layout.addLayout(row)

        self.export_button.clicked.connect(self.generate)
        self.receipt_button.clicked.connect(self.register_receipt)
        self.send_button.clicked.connect(self.show_last_result)
        self.folder_button.clicked.connect(self.open_outbox)
        self.oficio_button.clicked.connect(self.save_oficio)
        self.settings_button.clicked.connect(lambda: self.navigate.emit("settings", None))
        self._update_buttons()

    # -- loading --------------------------------------------------------------------------------
    def load(self) -> None:
        self.ctx.call(exchange_ops.exchange_view, done=self._loaded, failed=self._not_available)

    def _not_available(self, message: str) -> None:
        """A consolidation store (several mesas) has nothing to send."""
        self.info = None
        self.export_button.setEnabled(False)
        self.receipt_button.setEnabled(False)
        self.work.show_result(message, "error")
        self.mark_loaded()

    def _loaded(self, info: exchange_ops.ExchangeView) -> None:
        self.info = info
        self.subtitle.setText(
            f"{info.territory_name}. Genere el paquete con los datos de la mesa y envíelo por correo al "
            "Ministerio. Cada paquete es una foto completa de la mesa: si un correo se pierde o llega "
            "tarde, el siguiente lo reemplaza."
        )
        lines = contents_lines(info.counts, info.cases)
        self.contents.setRowCount(len(lines))
        for row, (heading, detail, total) in enumerate(lines):
            kit.fill_row(self.contents, row, (heading, detail, f"{total:,}".replace(",", ".")))
            cast(QTableWidgetItem, self.contents.item(row, 2)).setTextAlignment(
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            )
        self.contents.resizeRowsToContents()
        self._fit_contents()
        self._show_key(info.key, info.ministry)
        self.actas_hint.setText(
            f"{kit.plural(info.approved_actas, 'acta aprobada', 'actas aprobadas')}; van sin las firmas "
            "capturadas en la asistencia."
            if info.approved_actas
            else "Todavía no hay actas aprobadas."
        )
        self._fill_history(info.history)
        self._update_buttons()
        self.mark_loaded()

    def _fit_contents(self) -> None:
        """Every row of the contents visible: it is short, and a scroll bar would hide what leaves."""
        table = self.contents
        height = table.horizontalHeader().height() + 2 * table.frameWidth()
        height += sum(table.rowHeight(row) for row in range(table.rowCount()))
        table.setFixedHeight(height)

    def _show_key(self, key: mesa_ops.KeyInfo, ministry: MinistryContact) -> None:
        if key.problem:
            self.key_label.setText(f"Clave del Ministerio: {key.path}")
            self.key_warning.setText(f"No se puede cifrar con esa clave: {key.problem}")
            kit.set_notice_state(self.key_warning, "error")
            self.key_warning.show()
            return
        address = ministry.email or "sin correo: escríbalo al enviar (viene en el oficio del Ministerio)"
        self.key_label.setText(
            f"Cifrado para la clave del Ministerio:\n{short_key(key.recipient)}\nArchivo: {key.path}\n"
            f"Correo del Ministerio:\n{address}"
        )
        if ministry.test_key:
            self.key_warning.setText(
                f"<b>{TEST_KEY_WARNING}</b> Es la clave de PRUEBA que trae la aplicación: sirve para "
                "ensayar. El Ministerio envía su clave real con su oficio; instálela en Configuración → "
                "«Reemplazar clave del Ministerio…»."
            )
            kit.set_notice_state(self.key_warning, "")
            self.key_warning.show()
        else:
            self.key_warning.hide()

    def _fill_history(self, entries: list[receipts.HistoryEntry]) -> None:
        self.history.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            kit.fill_row(
                self.history,
                row,
                (
                    str(entry.sequence),
                    exported_text(entry),
                    entry.file_name,
                    size_text(entry.size_bytes),
                    receipt_text(entry),
                ),
                key=entry.sequence,
                tooltips=("", "", f"SHA-256: {entry.sha256}", "", ""),
            )
            kit.tone_cell(self.history.item(row, 4), "ok" if entry.receipt_verdict else "pending", bold=False)
        if not entries:
            self.history.setRowCount(1)
            self.history.setSpan(0, 0, 1, len(self.HISTORY_HEADERS))
            kit.fill_row(self.history, 0, ("Todavía no ha generado ningún paquete.",), tone="neutral")
        else:
            self.history.clearSpans()
        self.history.resizeRowsToContents()

    def _update_buttons(self) -> None:
        usable = self.info is not None and self.info.key.problem is None
        self.export_button.setEnabled(usable and not self.work.busy)
        self.receipt_button.setEnabled(self.info is not None and bool(self.info.history))
        self.send_button.setEnabled(self.last_result is not None and self.last_result.path.is_file())
        self.actas_check.setEnabled(self.info is not None and self.info.approved_actas > 0)
        self.oficio_button.setEnabled(self.info is not None)

    def history_rows(self) -> list[tuple[str, ...]]:
        """The history table as text (what the person reads)."""
        if self.info is None or not self.info.history:
            return []
        return [
            tuple(
                cast(QTableWidgetItem, self.history.item(r, c)).text()
                for c in range(self.history.columnCount())
            )
            for r in range(self.history.rowCount())
        ]

    # -- progress -------------------------------------------------------------------------------
    # -- export -----------------------------------------------------------------------------------
    def outbox(self) -> str:
        folder = str(self.settings.value(FOLDER_SETTING, "") or "")
        return folder if folder and Path(folder).is_dir() else documents_folder()

    def generate(self) -> None:
        if self.info is None:
            return
        folder = choose_folder(self, "Carpeta donde guardar el paquete para el Ministerio", self.outbox())
        if not folder:
            return
        self.settings.setValue(FOLDER_SETTING, folder)
        with_actas = self.actas_check.isChecked() and self.actas_check.isEnabled()
        self.work.start(
            "Generando el paquete cifrado…"
            if not with_actas
            else "Generando el paquete cifrado con las actas en PDF…"
        )
        self.ctx.call(
            exchange_ops.export_bundle,
            folder,
            include_actas=with_actas,
            done=self._exported,
            failed=self.work.failed,
        )

    def _exported(self, result: export.ExportResult) -> None:
        self.work.finish()
        self.last_result = result
        self.work.show_result(
            f"Paquete {result.file_name} ({size_text(result.size_bytes)}) guardado en {result.path.parent}. "
            "Envíelo al Ministerio con «Enviar por correo…».",
            "ok",
        )
        self.status(f"Paquete {result.file_name} generado.")
        self.refresh()  # the history shows it behind the dialog, before the broadcast after it
        self._update_buttons()
        self.show_last_result()

    def show_last_result(self) -> None:
        """The dialog of the last bundle: its file, where it goes, and "Enviar por correo"."""
        if self.last_result is None:
            return
        ministry = self.info.ministry if self.info is not None else None
        dialog = ExportResultDialog(self.last_result, self, ctx=self.ctx, ministry=ministry)
        kit.run_dialog(dialog)
        dialog.deleteLater()

    def save_oficio(self) -> None:
        suggested = str(Path(self.outbox()) / "oficio-punto-focal-y-mesa.pdf")
        path = kit.save_file(self, "Guardar el oficio al Ministerio", suggested, "PDF (*.pdf)")
        if path:
            self.ctx.call(exchange_ops.write_oficio, path, done=self._oficio_saved, failed=self.work.failed)

    def _oficio_saved(self, saved: tuple[Path, str]) -> None:
        path, fingerprint = saved
        self.work.show_result(
            f"Oficio guardado en {path}. Huella de la llave: {fingerprint}. Fírmelo y envíelo al Ministerio.",
            "ok",
        )

    def open_outbox(self) -> None:
        folder = Path(self.outbox())
        if self.last_result is not None:
            folder = self.last_result.path.parent
        open_folder(folder)

    # -- receipts -----------------------------------------------------------------------------------
    def register_receipt(self) -> None:
        path = kit.open_file(
            self,
            "Registrar el acuse de recibo del Ministerio",
            "Acuse de recibo del Ministerio (*.acuse);;Todos los archivos (*)",
            self.outbox(),
        )
        if path:
            self.ctx.call(
                exchange_ops.record_receipt,
                path,
                done=lambda info: self._receipt_recorded(path, info),
                failed=self.work.failed,
            )

    def _receipt_recorded(self, path: str, info: receipts.ReceiptInfo) -> None:
        words = RECEIPT_WORDS.get(info.verdict, info.verdict)
        prefix = "Acuse registrado" if info.changed else "Este acuse ya estaba registrado"
        self.work.show_result(
            f"{prefix}: el Ministerio recibió la exportación n.º {info.sequence} "
            f"({info.bundle_file}); {words}.",
            "ok",
        )
        self.status(f"{prefix}.")

"""Consolidación nacional (ministry): import the territories' emailed bundles into a
consolidation store, look after the quarantine and key changes, read the national view and
write the national report (DESIGN §7; ``mesa bundle import``, ``accept-key``, ``report national``).

The import runs on the database thread with the importer's progress callback relayed to a
progress dialog by a queued signal; "Cancelar" sets the flag the importer checks between
bundles, so what was imported stays imported. A focal point's own store is never used for
consolidation: there the page only explains where consolidation happens.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QProgressDialog,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mesa_desktop import clock, formatting, territories
from mesa_desktop.bundle import encryption, importer
from mesa_desktop.bundle.mail import DraftFile
from mesa_desktop.bundle.national import STALE_AFTER_DAYS, NationalView
from mesa_desktop.operations import ministry as ministry_ops
from mesa_desktop.operations.ministry import ImportReport, MinistryView, PendingKey, QuarantineEntry
from mesa_desktop.services.lookup import fold
from mesa_desktop.services.store_role import CONSOLIDATION, StoreRole
from ui import style
from ui.pages import page_kit as kit
from ui.pages.ministry.dialogs import ask_fingerprint, choose_bundles
from ui.pages.ministry.map_widget import ColombiaMap
from ui.pages.ministry.model import NationalFilter, NationalModel, short_date
from ui.widgets.files import choose_folder, documents_folder, open_folder
from ui.widgets.files import open_file as open_with_system

IDENTITY_SETTING = "ministry/identity_path"
IMPORT_FOLDER_SETTING = "ministry/import_folder"
UNVERIFIED_TEXT = "Sin verificar: confirme la huella del oficio"

TERRITORIAL_NOTE = (
    "Este almacén es el de una mesa territorial{name}: aquí no se importan los paquetes de otros "
    "territorios, para que sus datos nunca se mezclen con los de la mesa. La consolidación nacional "
    "la hace el Ministerio en un almacén propio (un archivo nuevo, o su servidor PostgreSQL), con la "
    "llave secreta del Ministerio. Para enviar los datos de esta mesa use «Envío al Ministerio»."
)
KEY_ADVICE = (
    "Un paquete firmado con una llave distinta de la registrada para su territorio queda retenido. "
    "Antes de aceptar la llave nueva, confirme con el punto focal por teléfono o en persona (no por "
    "el mismo correo) que reinstaló la aplicación o cambió de equipo. La primera llave de cada "
    "territorio queda sin verificar hasta que confirme su huella con la del oficio que envió el territorio."
)


class _ProgressRelay(QObject):
    """Carries the importer's progress from the database thread to the GUI thread."""

    advanced = Signal(int, int, str)

    def report(self, index: int, total: int, outcome: importer.ImportOutcome) -> None:
        self.advanced.emit(index, total, outcome.file)


# --- the page ------------------------------------------------------------------------------------------


class MinistryPage(kit.Page):
    """Import bundles, quarantine, key changes, the national view and its reports."""

    TOPICS = ("store", "exports")
    QUARANTINE_HEADERS = ("Archivo", "Motivo", "Qué pasó y qué hacer", "Recibido")
    KEY_HEADERS = ("Territorio", "Llave registrada", "Registrada el", "Llave nueva (paquetes retenidos)")

    def __init__(self, ctx, parent: QWidget | None = None, *, settings: QSettings | None = None):
        super().__init__(ctx, parent)
        self.settings = settings if settings is not None else QSettings()
        self.role: StoreRole | None = None
        self.view: NationalView | None = None
        self.quarantine_dir: Path | None = None
        self.quarantined: list[QuarantineEntry] = []
        self.keys: list[PendingKey] = []
        self.last_report: ImportReport | None = None
        self.progress: QProgressDialog | None = None
        self.relay = _ProgressRelay(self)
        self.relay.advanced.connect(self._advance)

        layout, self.subtitle = kit.page_layout(self, "Consolidación nacional")
        self.subtitle.setText(
            "Importe los paquetes que envían los puntos focales: se descifran con la llave secreta del "
            "Ministerio, se verifican y se consolidan. Un paquete ya importado o más antiguo no cambia nada."
        )
        self.territorial_notice = kit.notice("", parent=self)
        self.territorial_notice.hide()
        layout.addWidget(self.territorial_notice)

        self.body = QWidget(self)
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.body, 1)

        actions = QHBoxLayout()
        self.identity_label = QLabel("", self.body)
        self.identity_label.setWordWrap(True)
        self.identity_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.identity_button = QPushButton("Elegir llave…", self.body)
        self.import_button = QPushButton("Importar paquetes…", self.body)
        self.import_button.setObjectName("primary")
        menu = QMenu(self.import_button)
        self.import_files_action = menu.addAction("Elegir archivos .mesa…", self.import_files)
        self.import_folder_action = menu.addAction(
            "Elegir una carpeta (todos sus .mesa)…", self.import_folder
        )
        self.import_button.setMenu(menu)
        actions.addWidget(self.identity_label, 1)
        actions.addWidget(self.identity_button)
        actions.addSpacing(12)
        actions.addWidget(self.import_button)
        self.mail_button = QPushButton("Enviar acuse por correo", self.body)
        self.mail_button.setToolTip(
            "Crea el correo de cada acuse de la última importación para el punto focal de su territorio, "
            "con el acuse adjunto, y lo abre en su programa de correo."
        )
        actions.addWidget(self.mail_button)
        body.addLayout(actions)

        self.result = kit.notice("", parent=self.body)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        body.addWidget(self.result)
        self.work = kit.Working(self, "Consolidación nacional", self.result, self._update_buttons)

        self.tabs = QTabWidget(self.body)
        body.addWidget(self.tabs, 1)
        self._build_national_tab()
        self._build_quarantine_tab()
        self._build_keys_tab()

        self.identity_button.clicked.connect(lambda: self.choose_identity())
        self.mail_button.clicked.connect(self.mail_receipts)
        self._show_identity()
        self._update_buttons()

    def _build_national_tab(self) -> None:
        tab = QWidget(self.tabs)
        layout = QVBoxLayout(tab)
        filters = QHBoxLayout()
        self.department = QComboBox(tab)
        self.department.addItem("Todos los departamentos", "")
        for territory in sorted(territories.departments(), key=lambda t: fold(t.name)):
            self.department.addItem(territory.name, territory.code)
        self.department.setMaxVisibleItems(20)
        self.search = QLineEdit(tab)
        self.search.setPlaceholderText("Buscar municipio o departamento…")
        self.search.setClearButtonEnabled(True)
        self.only_reported = QCheckBox("Solo los que han enviado", tab)
        self.pdf_button = QPushButton("Reporte nacional (PDF)…", tab)
        self.xlsx_button = QPushButton("Reporte nacional (Excel)…", tab)
        self.department.setMinimumWidth(220)
        self.search.setMinimumWidth(240)
        filters.addWidget(self.department)
        filters.addWidget(self.search, 1)
        filters.addWidget(self.only_reported)
        layout.addLayout(filters)
        self.counts = QLabel("", tab)
        self.counts.setObjectName("hint")
        self.counts.setWordWrap(True)

        self.model = NationalModel(self)
        self.proxy = NationalFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView(tab)
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self._columns_fitted = False
        # The map beside the table: a department at a glance, a click filters the table to it.
        self.map = ColombiaMap(tab)
        self.map.setToolTip("Clic en un departamento para ver solo sus territorios.")
        body = QHBoxLayout()
        body.addWidget(self.map)
        body.addWidget(self.table, 1)
        layout.addLayout(body, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.counts, 1)
        bottom.addWidget(self.pdf_button)
        bottom.addWidget(self.xlsx_button)
        layout.addLayout(bottom)
        self.tabs.addTab(tab, "Vista nacional")

        self.department.currentIndexChanged.connect(self._filter)
        self.map.department_clicked.connect(self._map_clicked)
        self.search.textChanged.connect(self._filter)
        self.only_reported.toggled.connect(self._filter)
        self.pdf_button.clicked.connect(lambda: self.save_report(".pdf"))
        self.xlsx_button.clicked.connect(lambda: self.save_report(".xlsx"))

    def _build_quarantine_tab(self) -> None:
        tab = QWidget(self.tabs)
        layout = QVBoxLayout(tab)
        hint = QLabel(
            "Archivos rechazados: se copiaron aquí con su motivo y no se guardó ningún dato de "
            "ellos. Pida al punto focal que genere y envíe un paquete nuevo.",
            tab,
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.quarantine_table = kit.make_table(self.QUARANTINE_HEADERS, tab, stretch=2, widths={0: 240})
        layout.addWidget(self.quarantine_table, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        self.quarantine_folder_button = QPushButton("Abrir la carpeta de cuarentena", tab)
        row.addWidget(self.quarantine_folder_button)
        layout.addLayout(row)
        self.tabs.addTab(tab, "Cuarentena")
        self.quarantine_folder_button.clicked.connect(self.open_quarantine)

    def _build_keys_tab(self) -> None:
        tab = QWidget(self.tabs)
        layout = QVBoxLayout(tab)
        hint = QLabel(KEY_ADVICE, tab)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.keys_table = kit.make_table(self.KEY_HEADERS, tab, stretch=0)
        layout.addWidget(self.keys_table, 1)
        row = QHBoxLayout()
        self.accept_key_button = QPushButton("Aceptar nueva llave…", tab)
        self.accept_key_button.setObjectName("primary")
        row.addWidget(self.accept_key_button)
        self.confirm_key_button = QPushButton("Confirmar huella…", tab)
        row.addWidget(self.confirm_key_button)
        self.confirm_key_button.clicked.connect(self.confirm_selected_key)
        row.addStretch(1)
        layout.addLayout(row)
        self.tabs.addTab(tab, "Cambios de llave pendientes")
        self.accept_key_button.clicked.connect(self.accept_selected_key)
        self.keys_table.itemSelectionChanged.connect(self._update_buttons)

    # -- loading ------------------------------------------------------------------------------------
    def load(self) -> None:
        self.ctx.call(ministry_ops.ministry_view, done=self._loaded)

    def _loaded(self, view: MinistryView) -> None:
        self.role = view.role
        self.body.setVisible(view.consolidation)
        self.territorial_notice.setVisible(not view.consolidation)
        if not view.consolidation:
            mesa = view.role.mesa
            name = f" ({mesa.territory_name})" if mesa else ""
            self.territorial_notice.setText(TERRITORIAL_NOTE.format(name=name))
            self._update_buttons()
            self.mark_loaded()
            return
        self._keys_loaded(list(view.keys))
        self._quarantine_loaded((view.quarantine_dir, list(view.quarantined)))
        if view.national is not None:
            self._view_loaded(view.national)

    def _fit_columns(self) -> None:
        """Headers readable in full (measured in the header's bold font once shown, when the style
        sheet has set it), names wide enough for most municipalities, the last bundle's date and
        age in full; the key's column takes the rest."""
        if self._columns_fitted or not self.table.isVisible():
            return
        self._columns_fitted = True
        font = QFont(self.table.horizontalHeader().font())
        font.setBold(True)
        metrics = QFontMetrics(font)
        cells = QFontMetrics(self.table.font())
        bold_cell = QFont(self.table.font())
        bold_cell.setBold(True)  # a stale bundle's date is bold
        # The widest texts these columns show (a long month, three-digit days; never sent).
        content = {
            NationalModel.LAST_BUNDLE: max(
                QFontMetrics(bold_cell).horizontalAdvance("30 sept 2026 (999 días)"),
                cells.horizontalAdvance("Nunca ha enviado"),
            ),
            NationalModel.KEY: cells.horizontalAdvance("Sin verificar"),
        }
        for column, title in enumerate(NationalModel.HEADERS[:-1]):
            text = max(metrics.horizontalAdvance(line) for line in title.split("\n"))
            room = 20 + (18 if column == 0 else 0)  # padding, borders and the sort arrow
            self.table.setColumnWidth(
                column,
                max(
                    text + room, content.get(column, 0) + 16, (110, 148, 0, 112)[column] if column < 4 else 0
                ),
            )
        key_title = metrics.horizontalAdvance(NationalModel.HEADERS[-1])
        self.table.setColumnWidth(NationalModel.KEY, max(key_title + 20, content[NationalModel.KEY] + 16))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_columns()

    def _map_clicked(self, code: str) -> None:
        index = self.department.findData(code)
        self.department.setCurrentIndex(max(index, 0))

    def _view_loaded(self, view: NationalView) -> None:
        self._fit_columns()
        self.view = view
        self.model.set_lines(view.lines)
        self.map.set_departments(view.departments)
        self._filter()
        self._update_buttons()
        self.mark_loaded()

    def _filter(self, *_args) -> None:
        self.map.selected = self.department.currentData() or None
        self.map.update()
        self.proxy.set_filter(
            department=self.department.currentData(),
            text=self.search.text(),
            only_reported=self.only_reported.isChecked(),
        )
        if self.view is None:
            self.counts.setText("")
            return
        stale = sum(line.stale for line in self.view.lines)
        number = formatting.number
        text = (
            f"Año {self.view.year}: {number(self.view.reported)} de {number(len(self.view.lines))} "
            f"territorios han enviado al menos un paquete; {number(stale)} no envían uno hace más de "
            f"{STALE_AFTER_DAYS} días (en rojo). En gris, los que nunca han enviado."
        )
        shown = self.proxy.rowCount()
        if shown != len(self.view.lines):
            text += f" Mostrando {number(shown)}."
        self.counts.setText(text)

    def _quarantine_loaded(self, found: tuple[Path | None, list[QuarantineEntry]]) -> None:
        self.quarantine_dir, self.quarantined = found
        table = self.quarantine_table
        table.setRowCount(len(self.quarantined))
        for row, entry in enumerate(self.quarantined):
            when = formatting.moment(entry.received_at) if entry.received_at else "—"
            kit.fill_row(
                table,
                row,
                (entry.file, entry.reason_label, entry.message, when),
                key=str(entry.copy),
                tooltips=(str(entry.copy), "", entry.message, ""),
            )
            kit.tone_cell(table.item(row, 1), "missing")
        table.resizeRowsToContents()
        self.tabs.setTabText(1, f"Cuarentena ({len(self.quarantined)})" if self.quarantined else "Cuarentena")

    def _keys_loaded(self, keys: list[PendingKey]) -> None:
        self.keys = keys
        table = self.keys_table
        table.setRowCount(len(keys))
        for row, key in enumerate(keys):
            kit.fill_row(
                table,
                row,
                (
                    f"{key.territory_code} {key.territory_name}",
                    key.pinned_key_id,
                    short_date(key.pinned_at),
                    key.new_key_id or UNVERIFIED_TEXT,
                ),
                key=(key.territory_code, key.new_key_id),
            )
            kit.tone_cell(table.item(row, 3), "pending")
        if keys:
            table.selectRow(0)
        changes = sum(1 for key in keys if not key.unverified)
        self.tabs.setTabText(
            2, f"Cambios de llave pendientes ({changes})" if changes else "Cambios de llave pendientes"
        )
        self._update_buttons()

    def _update_buttons(self) -> None:
        ready = self.role is not None and self.role.role == CONSOLIDATION
        idle = self.progress is None and not self.work.busy
        self.import_button.setEnabled(ready and idle)
        receipts = self.receipts()
        self.mail_button.setEnabled(ready and idle and bool(receipts))
        self.mail_button.setText(
            f"Enviar acuses por correo ({len(receipts)})" if len(receipts) > 1 else "Enviar acuse por correo"
        )
        self.identity_button.setEnabled(ready and idle)
        for button in (self.pdf_button, self.xlsx_button):
            button.setEnabled(ready and idle and self.view is not None)
        chosen = kit.selected_key(self.keys_table)
        self.accept_key_button.setEnabled(ready and idle and chosen is not None and bool(chosen[1]))
        self.confirm_key_button.setEnabled(ready and idle and chosen is not None)

    # -- the ministry's identity ---------------------------------------------------------------------
    def identity_path(self) -> str | None:
        path = str(self.settings.value(IDENTITY_SETTING, "") or "")
        return path or None

    def _show_identity(self) -> None:
        path = self.identity_path()
        if path:
            self.identity_label.setText(f"Llave secreta del Ministerio: {path}")
            self.identity_label.setStyleSheet("")
        else:
            self.identity_label.setText(
                "Elija la llave secreta del Ministerio (archivo .key): sin ella no se "
                "pueden abrir los paquetes."
            )
            self.identity_label.setStyleSheet(f"color: {style.WARN};")

    def choose_identity(self, then=None) -> None:
        current = self.identity_path()
        start = str(Path(current).parent) if current else documents_folder()
        path = kit.open_file(
            self,
            "Elegir la llave secreta del Ministerio",
            "Llave secreta age (*.key);;Todos los archivos (*)",
            start,
        )
        if not path:
            return

        def valid(_identities) -> None:
            self.settings.setValue(IDENTITY_SETTING, path)
            self._show_identity()
            self.status("Llave del Ministerio elegida.")
            if then is not None:
                then()

        self.ctx.work(encryption.load_identities, path, done=valid, failed=self.work.failed)

    def _with_identity(self, action) -> None:
        """Run ``action`` once the ministry's key is known (asking for it first if needed)."""
        current = self.identity_path()
        if current and Path(current).is_file():
            action()
        else:
            self.choose_identity(then=action)

    # -- import --------------------------------------------------------------------------------------
    def import_folder_setting(self) -> str:
        folder = str(self.settings.value(IMPORT_FOLDER_SETTING, "") or "")
        return folder if folder and Path(folder).is_dir() else documents_folder()

    def import_files(self) -> None:
        self._with_identity(self._pick_files)

    def _pick_files(self) -> None:
        paths = choose_bundles(self, self.import_folder_setting())
        if paths:
            self.settings.setValue(IMPORT_FOLDER_SETTING, str(Path(paths[0]).parent))
            self.start_import(paths)

    def import_folder(self) -> None:
        self._with_identity(self._pick_folder)

    def _pick_folder(self) -> None:
        folder = choose_folder(self, "Carpeta con los paquetes recibidos", self.import_folder_setting())
        if folder:
            self.settings.setValue(IMPORT_FOLDER_SETTING, folder)
            self.start_import([folder])

    def start_import(self, paths: list[str], *, intro: str = "") -> None:
        identity = self.identity_path()
        if not identity:
            return
        dialog = QProgressDialog("Preparando la importación…", "Cancelar", 0, 0, self)
        dialog.setWindowTitle("Consolidación nacional")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(300)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        cancel = threading.Event()
        dialog.canceled.connect(cancel.set)
        self.progress = dialog
        self._update_buttons()
        self.status("Importando paquetes…")
        self.ctx.call(
            ministry_ops.import_bundles,
            list(paths),
            identity,
            self.relay.report,
            cancel.is_set,
            done=lambda report: self._imported(report, intro),
            failed=self._import_failed,
        )

    def _advance(self, index: int, total: int, name: str) -> None:
        if self.progress is None:
            return
        if self.progress.maximum() != total:
            self.progress.setMaximum(total)
        self.progress.setLabelText(f"Paquete {index} de {total}: {name}")
        self.progress.setValue(index)

    def _close_progress(self) -> None:
        dialog, self.progress = self.progress, None
        kit.dismiss(dialog)
        self._update_buttons()

    def _imported(self, report: ImportReport, intro: str = "") -> None:
        self._close_progress()
        self.last_report = report
        summary = report.summary
        needs_attention = summary.count(importer.REJECTED) or summary.count(importer.KEY_CHANGE_PENDING)
        self.work.show_result(
            intro + ministry_ops.summary_text(summary), "" if needs_attention or summary.cancelled else "ok"
        )
        self.status(f"Importación terminada: {summary.count(importer.IMPORTED)} importados.")
        self.refresh()
        if summary.count(importer.REJECTED):
            self.tabs.setCurrentIndex(1)
        elif summary.count(importer.KEY_CHANGE_PENDING):
            self.tabs.setCurrentIndex(2)

    def _import_failed(self, message: str) -> None:
        self._close_progress()
        self.work.failed(message)
        self.refresh()  # a batch stopped by an error keeps the bundles imported before it

    # -- receipts back to the focal points ----------------------------------------------------------
    def receipts(self) -> list[str]:
        """The receipts the last import wrote (one per bundle it accepted or already had)."""
        report = self.last_report
        return [o.receipt for o in report.summary.outcomes if o.receipt] if report is not None else []

    def mail_receipts(self) -> None:
        receipts = self.receipts()
        if receipts:
            # About 20 ms a draft: a month of bundles takes seconds, so say it is working.
            self.work.start(f"Preparando {kit.plural(len(receipts), 'correo', 'correos')} de acuse…")
            self.ctx.call(
                ministry_ops.write_receipt_emails,
                receipts,
                done=self._receipts_mailed,
                failed=self.work.failed,
            )

    def _receipts_mailed(self, drafts: list[DraftFile]) -> None:
        self.work.finish()
        missing = sum(1 for draft in drafts if not draft.to)
        note = (
            f" {kit.plural(missing, 'paquete no trae', 'paquetes no traen')} el correo del punto focal: "
            "escriba el destinatario en ese correo."
            if missing
            else ""
        )
        if len(drafts) == 1:
            [draft] = drafts
            where = f"{draft.path.name}, en {draft.path.parent}"
            problem = open_with_system(draft.path, self)
            if problem is None:
                to = f" para {draft.to}" if draft.to else ""
                text = f"Se abrió el correo{to} con el acuse adjunto: revíselo y pulse Enviar."
                self.work.show_result(f"{text}{note} (Borrador: {where}.)", "ok")
            else:
                self.work.show_result(
                    f"{problem} Ábralo con su programa de correo.{note} (Borrador: {where}.)", ""
                )
            return
        folder = drafts[0].path.parent
        open_folder(folder, self)
        self.work.show_result(
            f"Se crearon {len(drafts)} borradores de correo (.eml), uno por acuse, en {folder}: se abrió "
            f"esa carpeta; abra cada uno con su programa de correo y envíelo.{note}",
            "ok",
        )

    # -- key changes ------------------------------------------------------------------------------------
    def accept_selected_key(self) -> None:
        chosen = kit.selected_key(self.keys_table)
        if chosen is None:
            return
        code, key_id = chosen
        pending = next(k for k in self.keys if (k.territory_code, k.new_key_id) == (code, key_id))
        if not kit.confirm(
            self,
            "Aceptar la llave nueva",
            f"¿Aceptar la llave {key_id} para {pending.territory_name}? Sus paquetes retenidos se importarán "
            "enseguida.",
            "Aceptar nueva llave",
            detail=(
                "Acéptela solo si confirmó con el punto focal, por teléfono o en persona (no por el mismo "
                "correo), que reinstaló la aplicación o cambió de equipo. Si no lo reconoce, no la acepte: "
                "alguien más podría estar enviando paquetes a nombre del territorio. Después de aceptarla, "
                f"los paquetes firmados con la llave anterior ({pending.pinned_key_id}) quedarán retenidos."
            ),
        ):
            return
        self._with_identity(
            lambda: self.ctx.call(
                ministry_ops.accept_key, code, key_id, done=self._key_accepted, failed=self.work.failed
            )
        )

    def confirm_selected_key(self) -> None:
        chosen = kit.selected_key(self.keys_table)
        if chosen is None:
            return
        code = chosen[0]
        typed = ask_fingerprint(self, territories.get(code).full_name)
        if typed is None:
            return
        self.ctx.call(
            ministry_ops.confirm_key, code, typed, done=self._key_confirmed, failed=self.work.failed
        )

    def _key_confirmed(self, done: importer.KeyConfirmation) -> None:
        name = territories.get(done.territory_code).full_name
        intro = f"Huella confirmada: la llave {done.key_id} de {name} queda verificada. "
        held = [path for path in done.held_files if Path(path).exists()]
        if held:
            self._with_identity(lambda: self.start_import(held, intro=intro))
        else:
            self.work.show_result(intro.strip(), "ok")
            self.refresh()

    def _key_accepted(self, decision: importer.KeyDecision) -> None:
        name = territories.get(decision.territory_code).full_name
        intro = f"Llave {decision.key_id} aceptada para {name}. "
        held = [path for path in decision.held_files if Path(path).exists()]
        if held:
            self.start_import(held, intro=intro)
        else:
            self.work.show_result(intro + "No quedaban paquetes retenidos por importar.", "ok")
            self.refresh()

    # -- reports ----------------------------------------------------------------------------------------
    def save_report(self, suffix: str) -> None:
        kind = "PDF" if suffix == ".pdf" else "Excel"
        suggested = str(Path(documents_folder()) / f"consolidado-nacional-{clock.today():%Y-%m-%d}{suffix}")
        filters = "PDF (*.pdf)" if suffix == ".pdf" else "Libro de Excel (*.xlsx)"
        path = kit.save_file(self, f"Guardar el reporte nacional ({kind})", suggested, filters)
        if not path:
            return
        if not path.lower().endswith(suffix):
            path += suffix
        self.work.start(f"Generando el reporte nacional ({kind})…")
        only = self.only_reported.isChecked()

        def write(view: NationalView) -> None:
            from mesa_desktop.bundle.national_report import write_national_report

            self.ctx.work(write_national_report, view, path, done=self._report_saved, failed=self.work.failed)

        self.ctx.call(ministry_ops.national_view, only_reported=only, done=write, failed=self.work.failed)

    def _report_saved(self, path: Path) -> None:
        self.work.finish()
        self.work.show_result(f"Reporte nacional guardado en {path}.", "ok")
        self.status("Reporte nacional guardado.")

    # -- shared -------------------------------------------------------------------------------------------
    def open_quarantine(self) -> None:
        folder = self.quarantine_dir
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            open_folder(folder)

"""Consolidación nacional (ministry): import the territories' emailed bundles into a
consolidation store, look after the quarantine and key changes, read the national view and
write the national report (DESIGN §7; ``mesa bundle import``, ``accept-key``, ``report national``).

The import runs on the database thread with the importer's progress callback relayed to a
progress dialog by a queued signal; "Cancelar" sets the flag the importer checks between
bundles, so what was imported stays imported. A focal point's own store is never used for
consolidation: there the page only explains where consolidation happens.
"""

from __future__ import annotations

import gc
import json
import threading
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QSettings,
    QSortFilterProxyModel,
    QStandardPaths,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
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

from mesa_desktop import clock, territories
from mesa_desktop.bundle import encryption, importer, installation, keys, quarantine
from mesa_desktop.bundle.manifest import BUNDLE_SUFFIX
from mesa_desktop.bundle.national import STALE_AFTER_DAYS, NationalView, TerritoryLine, national_view
from mesa_desktop.clock import local
from mesa_desktop.errors import Conflict
from mesa_desktop.services.lookup import fold
from mesa_desktop.store import Store
from ui import style
from ui.pages import page_kit as kit
from ui.pages.exchange import choose_folder, open_folder

IDENTITY_SETTING = "ministry/identity_path"
IMPORT_FOLDER_SETTING = "ministry/import_folder"
SUMMARY_NOTES = 4  # refused or held files listed in the summary; the tabs list them all
STALE_TINT = "#fde7e5"
# The compliance status of the focal point's report, as an answer to "¿reportado?".
FOCAL_POINT_WORDS = {
    "ok": "Sí",
    "late": "Sí, con retraso",
    "missing": "No (venció el plazo)",
    "pending": "Aún no (en plazo)",
    "not_applicable": "No aplica",
}
SILENT_TEXT = "#8a939c"

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


# --- what the page reads (database thread / file pool) --------------------------------------------


@dataclass(frozen=True)
class StoreRole:
    consolidation: bool
    mesa_name: str | None = None


def store_role(store: Store) -> StoreRole:
    """A consolidation store, or a focal point's own store (which the importer refuses)."""
    try:
        importer.refuse_territorial_store(store)
    except Conflict:
        from mesa_desktop.errors import MesaError
        from mesa_desktop.services import conformation

        try:
            mesa = conformation.get_mesa(store)
        except MesaError:
            return StoreRole(False)
        return StoreRole(False, f"{mesa.territory_name}")
    return StoreRole(True)


@dataclass(frozen=True)
class QuarantineEntry:
    file: str
    reason: str
    reason_label: str
    message: str
    received_at: datetime | None
    copy: Path


def read_quarantine(folder: Path) -> list[QuarantineEntry]:
    """The refused files of the quarantine folder, newest first, from their ``.motivo.json``.
    File pool."""
    entries = []
    for record in folder.glob("*.motivo.json") if folder.is_dir() else ():
        try:
            data = json.loads(record.read_text(encoding="utf-8"))
            at = data.get("at")
            moment = datetime.fromisoformat(at.replace("Z", "+00:00")) if at else None
            reason = str(data.get("reason", ""))
            entries.append(
                QuarantineEntry(
                    file=str(data.get("file") or record.name),
                    reason=reason,
                    reason_label=str(
                        data.get("reason_label") or quarantine.REASON_LABELS.get(reason, reason)
                    ),
                    message=str(data.get("message", "")),
                    received_at=moment,
                    copy=folder / str(data.get("copy") or record.name),
                )
            )
        except (OSError, ValueError, AttributeError):
            continue  # a hand-edited or half-copied record must not hide the others
    return sorted(
        entries, key=lambda e: (e.received_at is not None, e.received_at or datetime.min), reverse=True
    )


def quarantine_entries(store: Store) -> tuple[Path, list[QuarantineEntry]]:
    folder = quarantine.default_folder(store)
    return folder, read_quarantine(folder)


@dataclass(frozen=True)
class PendingKey:
    territory_code: str
    territory_name: str
    pinned_key_id: str
    pinned_at: datetime
    new_key_id: str  # "" for a pinned key still unverified (no bundles held)

    @property
    def unverified(self) -> bool:
        return not self.new_key_id


UNVERIFIED_TEXT = "Sin verificar: confirme la huella del oficio"


def pending_keys(store: Store) -> list[PendingKey]:
    """Key changes waiting for a person, then territories whose key nobody confirmed yet."""
    found, unverified = [], []
    for status in importer.key_statuses(store):
        name = territories.get(status.territory_code).full_name
        for key_id in status.pending_key_ids:
            found.append(PendingKey(status.territory_code, name, status.key_id, status.pinned_at, key_id))
        if not status.verified and not status.pending_key_ids:
            unverified.append(PendingKey(status.territory_code, name, status.key_id, status.pinned_at, ""))
    return found + unverified


def ask_fingerprint(parent: QWidget | None, territory_name: str) -> str | None:
    """The fingerprint as typed from the oficio (a seam tests replace)."""
    from PySide6.QtWidgets import QInputDialog

    text, ok = QInputDialog.getText(
        parent, "Confirmar huella", f"Huella impresa en el oficio de {territory_name} (10 grupos de 4):"
    )
    return text if ok and text.strip() else None


@dataclass(frozen=True)
class ImportReport:
    summary: importer.ImportSummary
    quarantine_dir: Path


def run_import(store: Store, paths: list[str], identity: str, progress, cancelled) -> ImportReport:
    """``mesa bundle import``: the ministry's identity, the installation's receipt key, the
    quarantine beside the store, receipts beside each bundle. Database thread."""
    identities = encryption.load_identities(identity)
    receipt_key = keys.receipt_signing_key(identity, installation.signing_key(store))
    work = importer.Importer(store, identities=identities, signing_key=receipt_key)
    summary = work.import_paths(paths, progress=progress, cancelled=cancelled)
    return ImportReport(summary, work.quarantine_dir)


def summary_text(summary: importer.ImportSummary) -> str:
    count = summary.count
    parts = [kit.plural(count(importer.IMPORTED), "importado", "importados")]
    for status, one, many in (
        (importer.DUPLICATE, "ya estaba importado (sin cambios)", "ya estaban importados (sin cambios)"),
        (
            importer.SUPERSEDED,
            "anterior al que ya había (sin cambios)",
            "anteriores a los que ya había (sin cambios)",
        ),
        (importer.REJECTED, "en cuarentena", "en cuarentena"),
        (importer.KEY_CHANGE_PENDING, "retenido por cambio de llave", "retenidos por cambio de llave"),
    ):
        if count(status):
            parts.append(kit.plural(count(status), one, many))
    listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} y {parts[-1]}"
    text = f"{kit.plural(len(summary.outcomes), 'paquete revisado', 'paquetes revisados')}: {listed}."
    if summary.cancelled:
        text = "Importación detenida: lo ya importado quedó guardado. " + text
    notes = []
    for outcome in summary.outcomes:
        if outcome.status == importer.REJECTED:
            label = quarantine.REASON_LABELS.get(outcome.reason or "", outcome.reason or "")
            notes.append(f"• {outcome.file}: {label}. {outcome.message}")
        elif outcome.status == importer.KEY_CHANGE_PENDING:
            name = (
                territories.get(outcome.territory_code).full_name
                if outcome.territory_code
                else "su territorio"
            )
            notes.append(f"• {outcome.file}: retenido hasta que acepte la llave nueva de {name}.")
    shown = notes[:SUMMARY_NOTES]
    if len(notes) > len(shown):
        shown.append(
            f"• … y {len(notes) - len(shown)} más: vea «Cuarentena» y «Cambios de llave pendientes»."
        )
    text += "".join(f"\n{note}" for note in shown)
    if count(importer.IMPORTED) + count(importer.SUPERSEDED) + count(importer.DUPLICATE):
        text += (
            "\nLos acuses de recibo (.acuse) quedaron junto a cada paquete: devuélvalos por correo "
            "a cada punto focal."
        )
    return text


# --- the national view as a table model --------------------------------------------------------------


def _short_date(moment: datetime) -> str:
    return kit.short_day(local(moment).date())


class NationalModel(QAbstractTableModel):
    """One row per territory of the national view; grey when it never reported, red when stale."""

    HEADERS = (
        "Departamento",
        "Municipio",
        "Mesa\nformalizada",
        "Punto focal\nreportado",
        "Sesiones por\ntrimestre",
        "Con\nquórum",
        "Compromisos\nvencidos",
        "Avance\ndel plan",
        "Último paquete",
    )
    SORT_ROLE = Qt.ItemDataRole.UserRole + 1
    LAST_BUNDLE = 8

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.lines: list[TerritoryLine] = []
        self._bold = QFont()
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)

    def set_lines(self, lines: list[TerritoryLine]) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(line, column)
        if role == self.SORT_ROLE:
            return self.sort_key(line, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            if not line.reported:
                return QBrush(QColor(SILENT_TEXT))
            if (line.stale or not line.key_verified) and column == self.LAST_BUNDLE:
                return QBrush(QColor(style.BAD))
            if column == 6 and line.overdue_commitments:
                return QBrush(QColor(style.BAD))
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(STALE_TINT)) if line.stale else None
        if role == Qt.ItemDataRole.FontRole:
            if line.stale and column == self.LAST_BUNDLE:
                return self._bold
            if column == 1 and line.is_department:
                return self._italic
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and 4 <= column <= 7:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(line, column)
        return None

    @staticmethod
    def text(line: TerritoryLine, column: int) -> str:
        if column == 0:
            return line.department_name
        if column == 1:
            return "Mesa departamental" if line.is_department else line.territory_name
        if not line.reported:
            return "Nunca ha enviado" if column == NationalModel.LAST_BUNDLE else "—"
        if column == 2:
            return "Sí" if line.formalised else "No"
        if column == 3:
            return FOCAL_POINT_WORDS.get(line.focal_point_status or "", line.focal_point_label)
        if column == 4:
            return " · ".join(str(n) for n in line.sessions_per_quarter)
        if column == 5:
            return f"{line.with_quorum} de {line.ordinary_held}" if line.ordinary_held else "—"
        if column == 6:
            return str(line.overdue_commitments)
        if column == 7:
            return f"{line.plan_progress:.0f} %" if line.plan_progress is not None else "—"
        days = line.days_since_bundle or 0
        ago = "hoy" if days <= 0 else ("ayer" if days == 1 else f"{days} días")
        unverified = "" if line.key_verified else " · llave sin verificar"
        return f"{_short_date(line.last_bundle_at)} ({ago}){unverified}"

    @staticmethod
    def sort_key(line: TerritoryLine, column: int):
        reported = 1 if line.reported else 0
        if column == 0:
            return (
                f"{fold(line.department_name)}|{0 if line.is_department else 1}|{fold(line.territory_name)}"
            )
        if column == 1:
            return fold(line.territory_name)
        values = {
            2: int(line.formalised),
            3: line.focal_point_label,
            4: sum(line.sessions_per_quarter),
            5: line.with_quorum,
            6: line.overdue_commitments,
            7: line.plan_progress or 0.0,
            8: -(line.days_since_bundle if line.days_since_bundle is not None else 10**6),
        }
        value = values[column]
        return (reported, value) if not isinstance(value, str) else f"{reported}|{value}"

    @staticmethod
    def tooltip(line: TerritoryLine, column: int) -> str | None:
        if not line.reported:
            return "El Ministerio no ha recibido ningún paquete de este territorio."
        if column == 2:
            return line.acto or "Sin acto administrativo que formalice la mesa."
        if column == 3:
            return f"Punto focal: {line.focal_point or '—'}"
        if column == 4:
            return "Sesiones ordinarias realizadas en cada trimestre del año."
        if column == 6:
            return f"{line.overdue_commitments} vencidos de {line.open_commitments} abiertos."
        if column == NationalModel.LAST_BUNDLE:
            note = (
                f" Hace más de {STALE_AFTER_DAYS} días: pida al punto focal un paquete nuevo."
                if line.stale
                else ""
            )
            if not line.key_verified:
                note += (
                    " La llave de sus paquetes no está verificada: confirme su huella con la del "
                    "oficio del territorio en «Cambios de llave pendientes»."
                )
            return f"Exportación n.º {line.last_sequence}, hace {line.days_since_bundle} días.{note}"
        return None


class NationalFilter(QSortFilterProxyModel):
    """Department, "only those who reported" and a search by words of the names (accents ignored)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.department: str | None = None
        self.words: list[str] = []
        self.only_reported = False
        self.setSortRole(NationalModel.SORT_ROLE)

    def set_filter(self, *, department: str | None, text: str, only_reported: bool) -> None:
        self.beginFilterChange()
        self.department = department or None
        self.words = fold(text).split()
        self.only_reported = only_reported
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        line = self.sourceModel().lines[source_row]
        if self.department and line.department_code != self.department:
            return False
        if self.only_reported and not line.reported:
            return False
        if self.words:
            haystack = fold(f"{line.territory_name} {line.department_name} {line.territory_code}")
            return all(word in haystack for word in self.words)
        return True


class _ProgressRelay(QObject):
    """Carries the importer's progress from the database thread to the GUI thread."""

    advanced = Signal(int, int, str)

    def report(self, index: int, total: int, outcome: importer.ImportOutcome) -> None:
        self.advanced.emit(index, total, outcome.file)


# --- file choosers: seams tests replace ----------------------------------------------------------------


def choose_bundles(parent: QWidget | None, folder: str) -> list[str]:
    paths, _ = QFileDialog.getOpenFileNames(
        parent,
        "Elegir los paquetes recibidos",
        folder,
        f"Paquetes de Mesa (*{BUNDLE_SUFFIX});;Todos los archivos (*)",
    )
    return list(paths)


def documents_folder() -> str:
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or str(
        Path.home()
    )


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
        self._busy: QProgressDialog | None = None
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
        body.addLayout(actions)

        self.result = kit.notice("", parent=self.body)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        body.addWidget(self.result)

        self.tabs = QTabWidget(self.body)
        body.addWidget(self.tabs, 1)
        self._build_national_tab()
        self._build_quarantine_tab()
        self._build_keys_tab()

        self.identity_button.clicked.connect(lambda: self.choose_identity())
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
        layout.addWidget(self.table, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.counts, 1)
        bottom.addWidget(self.pdf_button)
        bottom.addWidget(self.xlsx_button)
        layout.addLayout(bottom)
        self.tabs.addTab(tab, "Vista nacional")

        self.department.currentIndexChanged.connect(self._filter)
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
        self.ctx.call(store_role, done=self._role_known)

    def _role_known(self, role: StoreRole) -> None:
        self.role = role
        self.body.setVisible(role.consolidation)
        self.territorial_notice.setVisible(not role.consolidation)
        if not role.consolidation:
            name = f" ({role.mesa_name})" if role.mesa_name else ""
            self.territorial_notice.setText(TERRITORIAL_NOTE.format(name=name))
            self._update_buttons()
            self.mark_loaded()
            return
        self.ctx.call(national_view, done=self._view_loaded)
        self.ctx.call(pending_keys, done=self._keys_loaded)
        self.ctx.work(quarantine_entries, self.ctx.store, done=self._quarantine_loaded)

    def _fit_columns(self) -> None:
        """Headers readable in full (measured in the header's bold font once shown, when the style
        sheet has set it), names wide enough for most municipalities; the last bundle takes the rest."""
        if self._columns_fitted or not self.table.isVisible():
            return
        self._columns_fitted = True
        font = QFont(self.table.horizontalHeader().font())
        font.setBold(True)
        metrics = QFontMetrics(font)
        for column, title in enumerate(NationalModel.HEADERS[:-1]):
            text = max(metrics.horizontalAdvance(line) for line in title.split("\n"))
            room = 20 + (18 if column == 0 else 0)  # padding, borders and the sort arrow
            self.table.setColumnWidth(
                column, max(text + room, (110, 148, 0, 112)[column] if column < 4 else 0)
            )

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._fit_columns()

    def _view_loaded(self, view: NationalView) -> None:
        self._fit_columns()
        self.view = view
        self.model.set_lines(view.lines)
        self._filter()
        self._update_buttons()
        self.mark_loaded()

    def _filter(self, *_args) -> None:
        self.proxy.set_filter(
            department=self.department.currentData(),
            text=self.search.text(),
            only_reported=self.only_reported.isChecked(),
        )
        if self.view is None:
            self.counts.setText("")
            return
        stale = sum(line.stale for line in self.view.lines)
        text = (
            f"Año {self.view.year}: {self.view.reported} de {len(self.view.lines):,} territorios han enviado "
            f"al menos un paquete; {stale} no envían uno hace más de {STALE_AFTER_DAYS} días (en rojo). "
            "En gris, los que nunca han enviado."
        ).replace(",", ".")
        shown = self.proxy.rowCount()
        if shown != len(self.view.lines):
            text += f" Mostrando {shown:,}.".replace(",", ".")
        self.counts.setText(text)

    def _quarantine_loaded(self, found: tuple[Path, list[QuarantineEntry]]) -> None:
        self.quarantine_dir, self.quarantined = found
        table = self.quarantine_table
        table.setRowCount(len(self.quarantined))
        for row, entry in enumerate(self.quarantined):
            when = (
                _short_date(entry.received_at) + f", {local(entry.received_at):%H:%M}"
                if entry.received_at
                else "—"
            )
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
                    _short_date(key.pinned_at),
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
        ready = self.role is not None and self.role.consolidation
        idle = self.progress is None and self._busy is None
        self.import_button.setEnabled(ready and idle)
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
        start = str(Path(self.identity_path()).parent) if self.identity_path() else documents_folder()
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

        self.ctx.work(encryption.load_identities, path, done=valid, failed=self._failed)

    def _with_identity(self, action) -> None:
        """Run ``action`` once the ministry's key is known (asking for it first if needed)."""
        if self.identity_path() and Path(self.identity_path()).is_file():
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
        # A batch allocates a lot on the database thread, where a cyclic collection of garbage
        # holding Qt objects (a closed dialog, an old context) would destroy them on the wrong
        # thread; collect it here, on the GUI thread, first.
        gc.collect()
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
            run_import,
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
        self._show_result(intro + summary_text(summary), "" if needs_attention or summary.cancelled else "ok")
        self.status(f"Importación terminada: {summary.count(importer.IMPORTED)} importados.")
        self.refresh()
        if summary.count(importer.REJECTED):
            self.tabs.setCurrentIndex(1)
        elif summary.count(importer.KEY_CHANGE_PENDING):
            self.tabs.setCurrentIndex(2)

    def _import_failed(self, message: str) -> None:
        self._close_progress()
        self._failed(message)
        self.refresh()  # a batch stopped by an error keeps the bundles imported before it

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
                importer.accept_key, code, key_id, done=self._key_accepted, failed=self._failed
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
        self.ctx.call(importer.confirm_key, code, typed, done=self._key_confirmed, failed=self._failed)

    def _key_confirmed(self, done: importer.KeyConfirmation) -> None:
        name = territories.get(done.territory_code).full_name
        intro = f"Huella confirmada: la llave {done.key_id} de {name} queda verificada. "
        held = [path for path in done.held_files if Path(path).exists()]
        if held:
            self._with_identity(lambda: self.start_import(held, intro=intro))
        else:
            self._show_result(intro.strip(), "ok")
            self.refresh()

    def _key_accepted(self, decision: importer.KeyDecision) -> None:
        name = territories.get(decision.territory_code).full_name
        intro = f"Llave {decision.key_id} aceptada para {name}. "
        held = [path for path in decision.held_files if Path(path).exists()]
        if held:
            self.start_import(held, intro=intro)
        else:
            self._show_result(intro + "No quedaban paquetes retenidos por importar.", "ok")
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
        self._start_busy(f"Generando el reporte nacional ({kind})…")
        only = self.only_reported.isChecked()

        def write(view: NationalView) -> None:
            from mesa_desktop.bundle.national_report import write_national_report

            self.ctx.work(write_national_report, view, path, done=self._report_saved, failed=self._failed)

        self.ctx.call(national_view, only_reported=only, done=write, failed=self._failed)

    def _report_saved(self, path: Path) -> None:
        self._finish_busy()
        self._show_result(f"Reporte nacional guardado en {path}.", "ok")
        self.status("Reporte nacional guardado.")

    # -- shared -------------------------------------------------------------------------------------------
    def _start_busy(self, text: str) -> None:
        self._busy = kit.busy_dialog(self, "Consolidación nacional", text)
        self._update_buttons()
        self.status(text)

    def _finish_busy(self) -> None:
        dialog, self._busy = self._busy, None
        kit.dismiss(dialog)
        self._update_buttons()

    def _show_result(self, text: str, state: str) -> None:
        kit.show_notice(self.result, text, state)

    def _failed(self, message: str) -> None:
        self._finish_busy()
        self._show_result(message, "error")
        self.ctx.error.emit(message)

    def open_quarantine(self) -> None:
        folder = self.quarantine_dir
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            open_folder(folder)

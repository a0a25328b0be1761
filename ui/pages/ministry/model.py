"""The national view as a Qt table model, and its filter (department, reported, words).

Besides the counts, a column per guideline rule (installation, sessions per quarter, closing,
ministry meetings, periodic reports) with the status the ministry computed with the
territories' own rules."""

from __future__ import annotations

from datetime import datetime
from typing import cast

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QFont

from mesa_desktop.bundle.national import (
    RULE_SHORT_NAMES,
    STALE_AFTER_DAYS,
    TerritoryLine,
)
from mesa_desktop.bundle.national_report import days_ago
from mesa_desktop.clock import local
from mesa_desktop.rules import compliance
from mesa_desktop.services.lookup import fold
from ui import style
from ui.pages import page_kit as kit

STALE_TINT = "#fde7e5"
SILENT_TEXT = "#8a939c"
# The compliance status of the focal point's report, as an answer to "¿reportado?".
FOCAL_POINT_WORDS = {
    "ok": "Sí",
    "late": "Sí, con retraso",
    "missing": "No (venció el plazo)",
    "pending": "Aún no (en plazo)",
    "not_applicable": "No aplica",
}
# A rule's status in a narrow cell.
RULE_WORDS = {
    "ok": "Cumple",
    "late": "Con retraso",
    "missing": "Incumple",
    "pending": "En plazo",
    "not_applicable": "No aplica",
}


def short_date(moment: datetime) -> str:
    return kit.short_day(local(moment).date())


class NationalModel(QAbstractTableModel):
    """One row per territory of the national view; grey when it never reported, red when stale."""

    HEADERS = (
        "Departamento",
        "Municipio",
        "Mesa\nformalizada",
        "Punto focal\nreportado",
        "Instalación",
        "Sesiones por\ntrimestre",
        "Con\nquórum",
        "Cierre",
        "Reuniones\nMinisterio",
        "Informes\nperiódicos",
        "Compromisos\nvencidos",
        "Casos",
        "Avance\ndel plan",
        "Último paquete",
        "Llave",
    )
    SORT_ROLE = Qt.ItemDataRole.UserRole + 1
    INSTALLATION, SESSIONS, QUORUM, CLOSING, MINISTRY, PERIODIC = 4, 5, 6, 7, 8, 9
    OVERDUE, CASES, PROGRESS, LAST_BUNDLE, KEY = 10, 11, 12, 13, 14
    # Column → the rule whose status it shows (sessions: the counts, coloured by the rule).
    RULE_COLUMNS = {
        INSTALLATION: compliance.RULE_INSTALLATION,
        SESSIONS: compliance.RULE_SESSIONS_PER_QUARTER,
        CLOSING: compliance.RULE_CLOSING,
        MINISTRY: compliance.RULE_MINISTRY_MEETINGS,
        PERIODIC: compliance.RULE_PERIODIC_REPORT,
    }

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

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(self, section: int, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
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
            if (line.stale and column == self.LAST_BUNDLE) or (not line.key_verified and column == self.KEY):
                return QBrush(QColor(style.BAD))
            if column == self.OVERDUE and line.overdue_commitments:
                return QBrush(QColor(style.BAD))
            rule = self.RULE_COLUMNS.get(column)
            if rule is not None and line.status(rule) in ("missing", "late"):
                return QBrush(QColor(style.BAD if line.status(rule) == "missing" else style.WARN))
            return None
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(STALE_TINT)) if line.stale else None
        if role == Qt.ItemDataRole.FontRole:
            if line.stale and column == self.LAST_BUNDLE:
                return self._bold
            if column == 1 and line.is_department:
                return self._italic
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and self.INSTALLATION <= column <= self.PROGRESS:
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
        if column == NationalModel.SESSIONS:
            return " · ".join(str(n) for n in line.sessions_per_quarter)
        if column in NationalModel.RULE_COLUMNS:
            status = line.status(NationalModel.RULE_COLUMNS[column])
            return RULE_WORDS.get(status or "", status or "—")
        if column == NationalModel.QUORUM:
            return f"{line.with_quorum} de {line.ordinary_held}" if line.ordinary_held else "—"
        if column == NationalModel.OVERDUE:
            return str(line.overdue_commitments)
        if column == NationalModel.CASES:
            return "—" if line.cases_total is None else str(line.cases_total)
        if column == NationalModel.PROGRESS:
            return f"{line.plan_progress:.0f} %" if line.plan_progress is not None else "—"
        if column == NationalModel.KEY:
            # Its own column: the reason a territory's data may not be trusted yet stays visible.
            return "Verificada" if line.key_verified else "Sin verificar"
        days = line.days_since_bundle or 0
        ago = "hoy" if days <= 0 else ("ayer" if days == 1 else f"{days} días")
        when = short_date(line.last_bundle_at) if line.last_bundle_at else "—"
        return f"{when} ({ago})"

    @staticmethod
    def sort_key(line: TerritoryLine, column: int):
        reported = 1 if line.reported else 0
        if column == 0:
            return (
                f"{fold(line.department_name)}|{0 if line.is_department else 1}|{fold(line.territory_name)}"
            )
        if column == 1:
            return fold(line.territory_name)
        rule = NationalModel.RULE_COLUMNS.get(column)
        values = {
            2: int(line.formalised),
            3: line.focal_point_label,
            NationalModel.SESSIONS: sum(line.sessions_per_quarter),
            NationalModel.QUORUM: line.with_quorum,
            NationalModel.OVERDUE: line.overdue_commitments,
            NationalModel.CASES: line.cases_total or 0,
            NationalModel.PROGRESS: line.plan_progress or 0.0,
            NationalModel.LAST_BUNDLE: -(
                line.days_since_bundle if line.days_since_bundle is not None else 10**6
            ),
            NationalModel.KEY: int(line.key_verified),
        }
        value = (
            values[column] if rule is None or column == NationalModel.SESSIONS else line.status_label(rule)
        )
        return (reported, value) if not isinstance(value, str) else f"{reported}|{value}"

    @staticmethod
    def tooltip(line: TerritoryLine, column: int) -> str | None:
        if not line.reported:
            return "El Ministerio no ha recibido ningún paquete de este territorio."
        if column == 2:
            return line.acto or "Sin acto administrativo que formalice la mesa."
        if column == 3:
            return f"Punto focal: {line.focal_point or '—'}"
        if column in NationalModel.RULE_COLUMNS:
            rule = NationalModel.RULE_COLUMNS[column]
            prefix = "Sesiones ordinarias en cada trimestre. " if column == NationalModel.SESSIONS else ""
            return f"{prefix}{RULE_SHORT_NAMES.get(rule, rule)}: {line.status_label(rule)}."
        if column == NationalModel.CASES and line.cases_total is not None:
            return f"{line.cases_total} casos remitidos en el año; {line.cases_open} aún abiertos."
        if column == NationalModel.OVERDUE:
            return f"{line.overdue_commitments} vencidos de {line.open_commitments} abiertos."
        if column == NationalModel.LAST_BUNDLE:
            note = (
                f" Hace más de {STALE_AFTER_DAYS} días: pida al punto focal un paquete nuevo."
                if line.stale
                else ""
            )
            return f"Exportación n.º {line.last_sequence}, {days_ago(line.days_since_bundle)}.{note}"
        if column == NationalModel.KEY:
            if line.key_verified:
                return "La huella de la llave de sus paquetes se confirmó con la del oficio del territorio."
            return (
                "La llave de sus paquetes no está verificada: sus datos podrían no venir del territorio. "
                "Confirme su huella con la del oficio del territorio en «Cambios de llave pendientes»."
            )
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

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        line = cast(NationalModel, self.sourceModel()).lines[source_row]
        if self.department and line.department_code != self.department:
            return False
        if self.only_reported and not line.reported:
            return False
        if self.words:
            haystack = fold(f"{line.territory_name} {line.department_name} {line.territory_code}")
            return all(word in haystack for word in self.words)
        return True

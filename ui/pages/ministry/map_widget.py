"""The map of Colombia by department on screen: the same tile grid and classes as the PDF's
(mesa_desktop.documents.map), painted with QPainter. Clicking a tile filters the table to that
department; hovering tells its name, share and counts."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from mesa_desktop.bundle.national import DepartmentSummary
from mesa_desktop.documents import map as colombia_map

_GAP = 3.0
_LEGEND_ROWS = len(colombia_map.CLASSES) + 1


class ColombiaMap(QWidget):
    """Tiles coloured by each department's share of reporting territories meeting every rule."""

    department_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.summaries: dict[str, DepartmentSummary] = {}
        self.selected: str | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(215, 420)

    def sizeHint(self) -> QSize:
        return QSize(215, 520)

    def set_departments(self, departments: list[DepartmentSummary]) -> None:
        self.summaries = {d.code: d for d in departments}
        self.update()

    def share(self, code: str) -> float | None:
        summary = self.summaries.get(code)
        return summary.share if summary else None

    def colour(self, code: str) -> str:
        return colombia_map.colour_of(self.share(code))

    # --- geometry (also what the tests click) --------------------------------------------

    def _tile_size(self) -> float:
        columns, rows = colombia_map.grid_size()
        legend = _LEGEND_ROWS * 18 + 30
        return max(12.0, min(self.width() / columns, (self.height() - legend) / rows) - _GAP)

    def tile_rect(self, code: str) -> QRectF:
        size = self._tile_size()
        for tile in colombia_map.tiles():
            if tile.code == code:
                return QRectF(tile.column * (size + _GAP), tile.row * (size + _GAP), size, size)
        raise KeyError(code)

    def code_at(self, point: QPointF) -> str | None:
        for tile in colombia_map.tiles():
            if self.tile_rect(tile.code).contains(point):
                return tile.code
        return None

    # --- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        size = self._tile_size()
        small = QFont(self.font())
        small.setPixelSize(max(8, int(size * 0.26)))
        bold = QFont(small)
        bold.setBold(True)
        for tile in colombia_map.tiles():
            rect = self.tile_rect(tile.code)
            share = self.share(tile.code)
            painter.fillRect(rect, QColor(colombia_map.colour_of(share)))
            if share is None:
                self._hatch(painter, rect)
            if tile.code == self.selected:
                painter.setPen(QPen(QColor("#1b1f23"), 2))
                painter.drawRect(rect.adjusted(1, 1, -1, -1))
            dark = colombia_map.class_of(share) in (0, 4)
            painter.setPen(QColor("white" if dark else "#1b1f23"))
            painter.setFont(bold)
            painter.drawText(
                rect.adjusted(0, 2, 0, -rect.height() / 2), Qt.AlignmentFlag.AlignCenter, tile.code
            )
            painter.setFont(small)
            painter.drawText(
                rect.adjusted(0, rect.height() / 2, 0, -2),
                Qt.AlignmentFlag.AlignCenter,
                colombia_map.percent_label(share),
            )
        self._legend(painter, (colombia_map.grid_size()[1]) * (size + _GAP) + 6)
        painter.end()

    @staticmethod
    def _hatch(painter: QPainter, rect: QRectF) -> None:
        painter.save()
        painter.setPen(QPen(QColor(colombia_map.HATCH_COLOUR), 1))
        for x1, y1, x2, y2 in colombia_map.hatch_lines(rect.x(), rect.y(), rect.width(), rect.width() / 4):
            painter.drawLine(QPointF(x1, y1), QPointF(x2, y2))
        painter.restore()

    def _legend(self, painter: QPainter, top: float) -> None:
        painter.setFont(self.font())
        painter.setPen(QColor("#1b1f23"))
        painter.drawText(
            QRectF(0, top, self.width(), 16), Qt.AlignmentFlag.AlignLeft, "Cumplen todas las reglas:"
        )
        entries = [(item.colour, item.label) for item in colombia_map.CLASSES]
        entries.append((colombia_map.NO_DATA_COLOUR, "Sin datos"))
        for index, (colour, label) in enumerate(entries):
            y = top + 20 + index * 18
            box = QRectF(0, y + 2, 12, 12)
            painter.fillRect(box, QColor(colour))
            if index == len(entries) - 1:
                self._hatch(painter, box)
            painter.setPen(QColor("#1b1f23"))
            painter.drawText(QRectF(18, y, self.width() - 18, 16), Qt.AlignmentFlag.AlignLeft, label)

    # --- interaction -----------------------------------------------------------------------

    def tooltip_for(self, code: str) -> str:
        summary = self.summaries.get(code)
        if summary is None:
            return code
        if not summary.reported:
            return f"{summary.name}: ningún territorio ha reportado ({summary.territories} territorios)."
        return (
            f"{summary.name}: {summary.compliant} de {summary.reported} territorios que reportan cumplen "
            f"todas las reglas ({colombia_map.percent_label(summary.share)}); {summary.territories} "
            "territorios en total. Clic para ver solo este departamento."
        )

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        code = self.code_at(event.position())
        if code:
            QToolTip.showText(event.globalPosition().toPoint(), self.tooltip_for(code), self)
        else:
            QToolTip.hideText()
        super().mouseMoveEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        code = self.code_at(event.position())
        if code and event.button() == Qt.MouseButton.LeftButton:
            self.selected = None if code == self.selected else code
            self.update()
            self.department_clicked.emit(self.selected or "")
        super().mousePressEvent(event)

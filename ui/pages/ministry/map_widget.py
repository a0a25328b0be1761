"""The map of Colombia by department on screen: the same outlines and classes as the PDF's
(mesa_desktop.documents.map), painted with QPainter. Clicking a department filters the table to
it; hovering tells its name, share and counts. A department where fewer than half of the
territories report is dotted, as in the PDF."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTransform,
)
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from mesa_desktop.bundle.national import DepartmentSummary
from mesa_desktop.documents import map as colombia_map

_MARGIN = 4.0
LEGEND_COMPLIES = "cumple, con retraso o aún en plazo"
_LEGEND_ROW = 18
_LEGEND_TITLE_HEIGHT = 34  # two lines: the title and what "cumple" includes
# The classes, no data and the dotted low coverage.
_LEGEND_HEIGHT = (len(colombia_map.CLASSES) + 2) * _LEGEND_ROW + _LEGEND_TITLE_HEIGHT + 14


@cache
def _paths() -> dict[str, QPainterPath]:
    """Each department's outline in map units, holes cut out (odd-even fill)."""
    paths = {}
    for department in colombia_map.outlines().departments:
        path = QPainterPath()
        path.setFillRule(Qt.FillRule.OddEvenFill)
        for ring in department.rings:
            path.moveTo(*ring[0])
            for point in ring[1:]:
                path.lineTo(*point)
            path.closeSubpath()
        paths[department.code] = path
    return paths


class ColombiaMap(QWidget):
    """Departments coloured by their share of reporting territories meeting every rule."""

    department_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.summaries: dict[str, DepartmentSummary] = {}
        self.selected: str | None = None
        self.setMouseTracking(True)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(250, 420)

    def sizeHint(self) -> QSize:
        return QSize(250, 520)

    def set_departments(self, departments: list[DepartmentSummary]) -> None:
        self.summaries = {d.code: d for d in departments}
        self.update()

    def share(self, code: str) -> float | None:
        summary = self.summaries.get(code)
        return summary.share if summary else None

    def colour(self, code: str) -> str:
        return colombia_map.colour_of(self.share(code))

    def thin(self, code: str) -> bool:
        """Fewer than half of the department's territories report: its share rests on few."""
        summary = self.summaries.get(code)
        return summary is not None and colombia_map.thin_coverage(summary.reported, summary.territories)

    # --- geometry (also what the tests click) --------------------------------------------

    def _transform(self) -> QTransform:
        """Map units → widget pixels: as large as the widget allows above the legend."""
        shape = colombia_map.outlines()
        free_width = self.width() - 2 * _MARGIN
        free_height = max(80.0, self.height() - _LEGEND_HEIGHT - 2 * _MARGIN)
        scale = min(free_width / shape.width, free_height / shape.height)
        return QTransform(scale, 0, 0, scale, _MARGIN, _MARGIN)

    def _inset_rect(self) -> QRectF:
        left, top, right, bottom = colombia_map.outlines().inset_box
        return self._transform().mapRect(QRectF(QPointF(left, top), QPointF(right, bottom)))

    def label_point(self, code: str) -> QPointF:
        """A point well inside the department, in widget pixels (where its label is drawn)."""
        (x, y), _ = colombia_map.label_anchor(colombia_map.outlines().department(code))
        return self._transform().map(QPointF(x, y))

    def code_at(self, point: QPointF) -> str | None:
        if self._inset_rect().contains(point):
            return colombia_map.outlines().inset_code
        inverse, _ = self._transform().inverted()
        where = inverse.map(point)
        for code, path in _paths().items():
            if path.contains(where):
                return code
        return None

    # --- painting ------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        transform = self._transform()
        shape = colombia_map.outlines()
        painter.setPen(QPen(QColor(colombia_map.INSET_FRAME_COLOUR), 1))
        painter.drawRect(self._inset_rect())
        border = QPen(QColor(colombia_map.BORDER_COLOUR), 0.8)
        for code, path in _paths().items():
            share = self.share(code)
            screen_path = transform.map(path)
            painter.setPen(border)
            painter.setBrush(QColor(colombia_map.colour_of(share)))
            painter.drawPath(screen_path)
            if share is None:
                self._hatch(painter, screen_path)
            elif self.thin(code):
                self._dots(painter, screen_path, colombia_map.ink_of(share))
        if self.selected:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(QColor("#1b1f23"), 2.2))
            if self.selected == shape.inset_code:
                painter.drawRect(self._inset_rect())
            else:
                painter.drawPath(transform.map(_paths()[self.selected]))
        self._labels(painter, transform.m11())
        self._legend(painter, shape.height * transform.m11() + 2 * _MARGIN + 6)
        painter.end()

    def _labels(self, painter: QPainter, scale: float) -> None:
        """The share inside each department it fits in; the rest are read in the tooltip."""
        font = QFont(self.font())
        font.setPixelSize(10)
        font.setBold(True)
        metrics = QFontMetricsF(font)
        painter.setFont(font)
        shape = colombia_map.outlines()
        for department in shape.departments:
            _, room = colombia_map.label_anchor(department)
            share = self.share(department.code)
            text = colombia_map.percent_label(share)
            if metrics.horizontalAdvance(text) > 2 * room * scale or 2 * room * scale < metrics.height():
                continue
            ink = colombia_map.ink_of(share) if department.code != shape.inset_code else "#1b1f23"
            painter.setPen(QColor(ink))
            centre = self.label_point(department.code)
            box = QRectF(centre.x() - 40, centre.y() - metrics.height() / 2, 80, metrics.height())
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    @staticmethod
    def _hatch(painter: QPainter, path: QPainterPath) -> None:
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)  # crisp 1-px lines
        painter.setClipPath(path)
        painter.setPen(QPen(QColor(colombia_map.HATCH_COLOUR), 1))
        rect = path.boundingRect()
        for x1, y1, x2, y2 in colombia_map.hatch_lines(rect.x(), rect.y(), rect.width(), rect.height(), 5):
            painter.drawLine(QPointF(x1, y1), QPointF(x2, y2))
        painter.restore()

    @staticmethod
    def _dots(painter: QPainter, path: QPainterPath, ink: str) -> None:
        painter.save()
        painter.setClipPath(path)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(ink))
        rect = path.boundingRect()
        for x, y in colombia_map.dot_points(rect.x(), rect.y(), rect.width(), rect.height(), 6):
            painter.drawEllipse(QPointF(x, y), 0.9, 0.9)
        painter.restore()

    def _legend(self, painter: QPainter, top: float) -> None:
        painter.setFont(self.font())
        painter.setPen(QColor("#1b1f23"))
        painter.drawText(
            QRectF(0, top, self.width(), _LEGEND_TITLE_HEIGHT),
            Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
            f"Cumplen todas las reglas ({LEGEND_COMPLIES}):",
        )
        entries = [(item.colour, item.label) for item in colombia_map.CLASSES]
        entries.append((colombia_map.NO_DATA_COLOUR, "Sin datos"))
        entries.append((colombia_map.CLASSES[2].colour, "Reportan menos de la mitad"))
        for index, (colour, label) in enumerate(entries):
            y = top + _LEGEND_TITLE_HEIGHT + 4 + index * _LEGEND_ROW
            box = QRectF(0, y + 2, 12, 12)
            painter.fillRect(box, QColor(colour))
            square = QPainterPath()
            square.addRect(box)
            if index == len(colombia_map.CLASSES):
                self._hatch(painter, square)
            elif index > len(colombia_map.CLASSES):
                self._dots(painter, square, colombia_map.ink_of(0.5))
            painter.setPen(QColor("#1b1f23"))
            painter.drawText(QRectF(18, y, self.width() - 18, 16), Qt.AlignmentFlag.AlignLeft, label)

    # --- interaction -----------------------------------------------------------------------

    def tooltip_for(self, code: str) -> str:
        summary = self.summaries.get(code)
        if summary is None:
            return code
        if not summary.reported:
            return f"{summary.name}: ningún territorio ha reportado ({summary.territories} territorios)."
        thin = " Menos de la mitad reporta: el porcentaje descansa en pocas mesas." if self.thin(code) else ""
        return (
            f"{summary.name}: {summary.compliant} de {summary.reported} territorios que reportan cumplen "
            f"todas las reglas ({colombia_map.percent_label(summary.share)}; {LEGEND_COMPLIES}); "
            f"reportan {summary.reported} de {summary.territories} territorios.{thin} "
            "Clic para ver solo este departamento."
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

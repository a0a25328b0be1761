"""Charts drawn with ReportLab's graphics, in the documents' fonts and colours.

Imported only while a PDF is being built (see ``pdfdoc``).
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics import shapes
from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.charts.piecharts import Pie
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors

from mesa_desktop.documents.pdfdoc import FONT, FONT_BOLD, GRID, INK, MUTED, NAVY

# A drawing starts its canvas state on Helvetica; it would be referenced, never embedded.
shapes.STATE_DEFAULTS["fontName"] = FONT

_ROW = 20  # points per bar
_LABEL_WIDTH = 52  # room for the category labels at the left


def progress_bars(labels: Sequence[str], values: Sequence[float | None], width: float, title: str) -> Drawing:
    """Horizontal bars on a 0-100 % scale, one per label, first label on top."""
    count = max(len(labels), 1)
    height = count * _ROW + 46
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 11, title, fontName=FONT_BOLD, fontSize=9, fillColor=INK))

    chart = HorizontalBarChart()
    chart.x = _LABEL_WIDTH
    chart.y = 20
    chart.width = width - _LABEL_WIDTH - 30
    chart.height = count * _ROW
    # ReportLab draws the first category at the bottom; reverse so the list reads top-down.
    chart.data = [[value or 0 for value in reversed(values)]]
    chart.barLabelFormat = "values"
    chart.barLabelArray = [["Sin reporte" if v is None else f"{round(v)}%" for v in reversed(values)]]
    chart.barLabels.fontName = FONT
    chart.barLabels.fontSize = 7.5
    chart.barLabels.fillColor = INK
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 4
    chart.bars[0].fillColor = NAVY
    chart.bars[0].strokeColor = None
    chart.barWidth = 11
    chart.groupSpacing = _ROW - 11

    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = 100
    chart.valueAxis.valueStep = 20
    chart.valueAxis.labelTextFormat = "%d%%"
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.valueAxis.strokeColor = GRID

    chart.categoryAxis.categoryNames = list(reversed(labels))
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -5
    chart.categoryAxis.strokeColor = GRID
    chart.categoryAxis.visibleTicks = False
    drawing.add(chart)
    return drawing


def status_pie(items: Sequence[tuple[str, int, str]], width: float, title: str) -> Drawing:
    """A pie of (label, count, hex colour) with a legend giving each count; empty slices left out."""
    shown = [(label, count, colour) for label, count, colour in items if count > 0]
    height = 150
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 11, title, fontName=FONT_BOLD, fontSize=9, fillColor=INK))
    if not shown:
        drawing.add(
            String(
                0,
                height / 2,
                "No hay compromisos registrados en el periodo.",
                fontName=FONT,
                fontSize=9,
                fillColor=MUTED,
            )
        )
        return drawing

    pie = Pie()
    pie.x = 10
    pie.y = 10
    pie.width = pie.height = 112
    pie.data = [count for _, count, _ in shown]
    pie.labels = None
    pie.slices.strokeColor = colors.white
    pie.slices.strokeWidth = 1
    for index, (_, _, colour) in enumerate(shown):
        pie.slices[index].fillColor = colors.HexColor(colour)
    drawing.add(pie)

    total = sum(pie.data)
    legend = Legend()
    legend.x = 150
    legend.y = 112
    legend.fontName = FONT
    legend.fontSize = 8.5
    legend.dy = 8
    legend.dx = 8
    legend.deltay = 16
    legend.columnMaximum = 8
    legend.alignment = "right"
    legend.strokeColor = None
    legend.colorNamePairs = [
        (colors.HexColor(colour), f"{label}: {count} ({round(100 * count / total)}%)")
        for label, count, colour in shown
    ]
    drawing.add(legend)
    return drawing

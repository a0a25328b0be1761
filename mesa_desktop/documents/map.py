"""The map of Colombia by department, coloured by compliance.

The outlines are Natural Earth's (public domain), simplified and projected once by
``tools/colombia_outlines.py`` into ``resources/map/colombia_departments.json``: map units with
y growing southward, San Andrés enlarged in an inset box. Each department is coloured by the
share of its reporting territories that meet every tracked rule, in five classes; a department
with no territory reporting is grey and hatched, one where fewer than half of its territories
report is dotted (its share rests on few mesas). The geometry and the classes are plain data
here, shared by the PDF (a ReportLab vector drawing, below) and the screen's widget.

ReportLab loads only when a drawing is made. Thread affinity: none.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

from mesa_desktop.resources import resource_path

Point = tuple[float, float]


@dataclass(frozen=True)
class Department:
    code: str
    name: str
    short: str
    label: Point  # the point deepest inside its largest part
    room: float  # distance from there to the outline, in map units
    rings: tuple[tuple[Point, ...], ...]  # outer rings and holes; even-odd fill


@dataclass(frozen=True)
class Outlines:
    width: float
    height: float
    inset_code: str
    inset_box: tuple[float, float, float, float]  # left, top, right, bottom
    departments: tuple[Department, ...]

    def department(self, code: str) -> Department:
        return next(d for d in self.departments if d.code == code)


@dataclass(frozen=True)
class MapClass:
    low: float  # share from (inclusive) …
    high: float  # … to (exclusive, except the last)
    colour: str
    label: str


# Red to green, readable in grey print; the bounds are shares of reporting territories.
CLASSES = (
    MapClass(0.0, 0.2, "#c0392b", "Menos del 20 %"),
    MapClass(0.2, 0.4, "#e67e22", "20 % a 39 %"),
    MapClass(0.4, 0.6, "#f1c40f", "40 % a 59 %"),
    MapClass(0.6, 0.8, "#82c341", "60 % a 79 %"),
    MapClass(0.8, 1.0, "#1e8449", "80 % o más"),
)
NO_DATA_COLOUR = "#e3e6e9"
HATCH_COLOUR = "#a9b0b7"
BORDER_COLOUR = "#ffffff"
INSET_FRAME_COLOUR = "#8a939c"
NO_DATA_LABEL = "Sin datos (ningún territorio ha reportado)"
LEGEND_TITLE = "Territorios que reportan y cumplen todas las reglas"
# What "cumple" counts, said where the colours are read, not only in the report's text.
COMPLIES_NOTE = "Cumplir incluye: cumple, con retraso o aún en plazo."
THIN_LABEL = "Punteado: reportan menos de la mitad de sus territorios"
THIN_COVERAGE = 0.5
SOURCE_NOTE = "Contornos: Natural Earth (dominio público)."


@cache
def outlines() -> Outlines:
    with open(resource_path("map", "colombia_departments.json"), encoding="utf-8") as handle:
        document = json.load(handle)
    departments = tuple(
        Department(
            code=item["code"],
            name=item["name"],
            short=item["short"],
            label=(item["label"][0], item["label"][1]),
            room=item["room"],
            rings=tuple(tuple((x, y) for x, y in ring) for ring in item["rings"]),
        )
        for item in document["departments"]
    )
    left, top, right, bottom = document["inset"]["box"]
    return Outlines(
        width=document["width"],
        height=document["height"],
        inset_code=document["inset"]["code"],
        inset_box=(left, top, right, bottom),
        departments=departments,
    )


def label_anchor(department: Department) -> tuple[Point, float]:
    """Where a department's label goes and the room it has there, in map units. San Andrés's
    islands are too thin for one: its label sits at the foot of the inset box."""
    shape = outlines()
    if department.code == shape.inset_code:
        left, top, right, bottom = shape.inset_box
        return ((left + right) / 2, bottom - 0.3), 0.55
    return department.label, department.room


def class_of(share: float | None) -> int | None:
    """Index into ``CLASSES`` of a share (0–1); None for no data."""
    if share is None:
        return None
    for index, item in enumerate(CLASSES):
        if share < item.high:
            return index
    return len(CLASSES) - 1


def colour_of(share: float | None) -> str:
    index = class_of(share)
    return NO_DATA_COLOUR if index is None else CLASSES[index].colour


def ink_of(share: float | None) -> str:
    """Text colour readable on ``colour_of(share)``."""
    return "#ffffff" if class_of(share) in (0, 4) else "#1b1f23"


def percent_label(share: float | None) -> str:
    return "s. d." if share is None else f"{share * 100:.0f} %"


def coverage_label(reported: int, territories: int) -> str:
    """'3 de 41': how many of a department's territories report."""
    return f"{reported} de {territories}"


def thin_coverage(reported: int, territories: int) -> bool:
    """Fewer than half of the territories report (none at all is shown as no data instead)."""
    return 0 < reported < territories * THIN_COVERAGE


def dot_points(x: float, y: float, width: float, height: float, step: float) -> list[Point]:
    """A staggered grid of dot centres covering the rectangle at (x, y); clip them to a shape."""
    points = []
    row = 0
    cy = y + step / 2
    while cy < y + height:
        cx = x + (step / 2 if row % 2 else step)
        while cx < x + width:
            points.append((cx, cy))
            cx += step
        cy += step * 0.87
        row += 1
    return points


def hatch_lines(
    x: float, y: float, width: float, height: float, step: float
) -> list[tuple[float, float, float, float]]:
    """Diagonal segments (x1, y1, x2, y2) covering the rectangle at (x, y); clip them to a shape."""
    lines = []
    offset = step
    while offset < width + height:
        start = (x + max(0.0, offset - height), y + min(offset, height))
        end = (x + min(offset, width), y + max(0.0, offset - width))
        lines.append((start[0], start[1], end[0], end[1]))
        offset += step
    return lines


def fitting_labels(
    department: Department, share: float | None, room: float, width_of: Callable[[str], float]
) -> list[str]:
    """The label lines that fit across ``room`` (the label's free width, in the painter's
    units): the short name and the share, the share alone, or nothing — text spilling onto a
    neighbour would be read as the neighbour's."""
    share_text = percent_label(share)
    if width_of(department.short) <= room:
        return [department.short, share_text]
    if width_of(share_text) <= room:
        return [share_text]
    return []


def bounds(department: Department) -> tuple[float, float, float, float]:
    xs = [x for ring in department.rings for x, _ in ring]
    ys = [y for ring in department.rings for _, y in ring]
    return min(xs), min(ys), max(xs), max(ys)


# --- PDF ---------------------------------------------------------------------------------------


def drawing(
    shares: Mapping[str, float | None],
    width: float,
    height: float,
    coverage: Mapping[str, tuple[int, int]] | None = None,
) -> Any:
    """A ReportLab ``Drawing`` fitting ``width`` × ``height`` points: the outlines, their labels
    where they fit, and at the right the legend and every department's share (the small ones
    are read there). ``coverage`` gives per department (territories reporting, territories):
    the list shows it and the map dots the departments where fewer than half report."""
    from reportlab.graphics.shapes import Circle, Drawing, Group, Line, Path, Rect, String
    from reportlab.lib.colors import HexColor
    from reportlab.pdfbase.pdfmetrics import stringWidth

    shape = outlines()
    scale = height / shape.height
    map_width = shape.width * scale
    picture = Drawing(width, height)

    def at(point: Point) -> Point:  # map units (y down) → PDF points (y up)
        return point[0] * scale, height - point[1] * scale

    def outline_path(department: Department, **style: Any) -> Any:
        path = Path(**style)
        for ring in department.rings:
            path.moveTo(*at(ring[0]))
            for point in ring[1:]:
                path.lineTo(*at(point))
            path.closePath()
        return path

    left, top, right, bottom = shape.inset_box
    picture.add(
        Rect(
            left * scale,
            height - bottom * scale,
            (right - left) * scale,
            (bottom - top) * scale,
            fillColor=None,
            strokeColor=HexColor(INSET_FRAME_COLOUR),
            strokeWidth=0.5,
        )
    )
    for department in shape.departments:
        share = shares.get(department.code)
        picture.add(
            outline_path(
                department,
                fillColor=HexColor(colour_of(share)),
                strokeColor=HexColor(BORDER_COLOUR),
                strokeWidth=0.6,
                fillMode=0,  # even-odd
                strokeLineJoin=1,
            )
        )
        if share is None:
            hatched = Group()
            hatched.add(outline_path(department, isClipPath=1, fillMode=0, fillColor=None, strokeColor=None))
            x1, y1, x2, y2 = bounds(department)
            for a, b, c, d in hatch_lines(x1, y1, x2 - x1, y2 - y1, 0.12):
                hatched.add(
                    Line(*at((a, b)), *at((c, d)), strokeColor=HexColor(HATCH_COLOUR), strokeWidth=0.4)
                )
            picture.add(hatched)
        elif coverage and thin_coverage(*coverage.get(department.code, (0, 0))):
            dotted = Group()
            dotted.add(outline_path(department, isClipPath=1, fillMode=0, fillColor=None, strokeColor=None))
            ink = HexColor(ink_of(share))
            x1, y1, x2, y2 = bounds(department)
            for cx, cy in dot_points(x1, y1, x2 - x1, y2 - y1, 0.2):
                dotted.add(Circle(*at((cx, cy)), 0.5, fillColor=ink, strokeColor=None))
            picture.add(dotted)
    for department in shape.departments:
        (x, y), room = label_anchor(department)
        share = shares.get(department.code)
        size = min(6.5, room * scale * 0.62)
        lines = fitting_labels(
            department,
            share,
            2 * room * scale,
            partial(stringWidth, fontName="DejaVuSans-Bold", fontSize=size),
        )
        if size < 4.2 or not lines:
            continue  # read in the list at the right
        ink = HexColor(ink_of(share) if department.code != shape.inset_code else "#1b1f23")
        px, py = at((x, y))
        for index, text in enumerate(lines):
            dy = (len(lines) / 2 - index - 0.85) * size * 1.1
            font = "DejaVuSans-Bold" if text == lines[-1] else "DejaVuSans"
            picture.add(
                String(px, py + dy, text, fontName=font, fontSize=size, fillColor=ink, textAnchor="middle")
            )
    _legend(picture, shares, coverage or {}, map_width + 14, height)
    return picture


def _legend(
    picture: Any,
    shares: Mapping[str, float | None],
    coverage: Mapping[str, tuple[int, int]],
    left: float,
    height: float,
) -> None:
    from reportlab.graphics.shapes import Circle, Group, Line, Rect, String
    from reportlab.lib.colors import HexColor
    from reportlab.lib.utils import simpleSplit

    grey = HexColor("#4a4f55")
    legend_width = 165.0

    def swatch(x: float, y: float, size: float, share: float | None, thin: bool = False) -> None:
        picture.add(
            Rect(
                x,
                y,
                size,
                size,
                fillColor=HexColor(colour_of(share)),
                strokeColor=HexColor("#8a939c"),
                strokeWidth=0.4,
            )
        )
        if share is None:
            lines = Group()
            for x1, y1, x2, y2 in hatch_lines(x, y, size, size, size / 3):
                lines.add(Line(x1, y1, x2, y2, strokeColor=HexColor(HATCH_COLOUR), strokeWidth=0.5))
            picture.add(lines)
        elif thin:
            for cx, cy in dot_points(x, y, size, size, size / 3.2):
                picture.add(Circle(cx, cy, 0.55, fillColor=HexColor(ink_of(share)), strokeColor=None))

    def wrapped(text: str, x: float, y: float, font: str, size: float, leading: float, **style: Any) -> float:
        """Draw ``text`` within the legend's width; the y below its last line."""
        for line in simpleSplit(text, font, size, legend_width):
            picture.add(String(x, y, line, fontName=font, fontSize=size, **style))
            y -= leading
        return y

    top = height - 4
    y = wrapped(LEGEND_TITLE, left, top - 8, "DejaVuSans-Bold", 7.5, 9.5)
    y = wrapped(COMPLIES_NOTE, left, y, "DejaVuSans", 6.8, 8.5, fillColor=grey)
    box = 10.0
    samples: list[tuple[float | None, str, bool]] = [(item.low, item.label, False) for item in CLASSES]
    samples.append((None, NO_DATA_LABEL, False))
    if coverage:
        samples.append((0.5, THIN_LABEL, True))
    y -= 10
    for share, label, thin in samples:
        swatch(left, y, box, share, thin)
        lines = simpleSplit(label, "DejaVuSans", 7.2, legend_width - box - 5)
        for offset, line in enumerate(lines):
            picture.add(
                String(left + box + 5, y + 2.2 - offset * 8.5, line, fontName="DejaVuSans", fontSize=7.2)
            )
        y -= box + 5 + (len(lines) - 1) * 8.5
    notes = [
        "El porcentaje es sobre los territorios que reportan"
        + ("; «n de N»: cuántos de sus territorios reportan." if coverage else "."),
        "San Andrés, Providencia y Santa Catalina, ampliado en el recuadro.",
        SOURCE_NOTE,
    ]
    y -= 2
    for text in notes:
        y = wrapped(text, left, y, "DejaVuSans", 6.5, 8, fillColor=grey) - 2

    # Every department, two columns, so the small ones are read too.
    list_left = left + legend_width + 8
    column_width = 130.0 if coverage else 110.0
    picture.add(String(list_left, top - 8, "Por departamento", fontName="DejaVuSans-Bold", fontSize=7.5))
    departments = sorted(outlines().departments, key=lambda d: d.short)
    rows = (len(departments) + 1) // 2
    row_height = min(10.0, (height - 30) / rows)
    for index, department in enumerate(departments):
        column, row = divmod(index, rows)
        x = list_left + column * column_width
        y = top - 24 - row * row_height
        share = shares.get(department.code)
        reported, territories = coverage.get(department.code, (0, 0))
        swatch(x, y, 7, share, thin_coverage(reported, territories))
        picture.add(String(x + 10, y + 1, department.short, fontName="DejaVuSans", fontSize=6.6))
        if coverage:
            picture.add(
                String(
                    x + 100,
                    y + 1,
                    coverage_label(reported, territories),
                    fontName="DejaVuSans",
                    fontSize=6.6,
                    fillColor=grey,
                    textAnchor="end",
                )
            )
        picture.add(
            String(
                x + column_width - 4,
                y + 1,
                percent_label(share),
                fontName="DejaVuSans",
                fontSize=6.6,
                textAnchor="end",
            )
        )

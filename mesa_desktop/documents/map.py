"""The map of Colombia by department, coloured by compliance.

The outlines are Natural Earth's (public domain), simplified and projected once by
``tools/colombia_outlines.py`` into ``resources/map/colombia_departments.json``: map units with
y growing southward, San Andrés enlarged in an inset box. Each department is coloured by the
share of its reporting territories that meet every tracked rule, in five classes; a department
with no territory reporting is grey and hatched. The geometry and the classes are plain data
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


def drawing(shares: Mapping[str, float | None], width: float, height: float) -> Any:
    """A ReportLab ``Drawing`` fitting ``width`` × ``height`` points: the outlines, their labels
    where they fit, and at the right the legend and every department's share (the small ones
    are read there)."""
    from reportlab.graphics.shapes import Drawing, Group, Line, Path, Rect, String
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
    _legend(picture, shares, map_width + 18, height)
    return picture


def _legend(picture: Any, shares: Mapping[str, float | None], left: float, height: float) -> None:
    from reportlab.graphics.shapes import Group, Line, Rect, String
    from reportlab.lib.colors import HexColor

    grey = HexColor("#4a4f55")

    def swatch(x: float, y: float, size: float, share: float | None) -> None:
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

    top = height - 4
    picture.add(String(left, top - 8, LEGEND_TITLE, fontName="DejaVuSans-Bold", fontSize=7.5))
    box = 10.0
    samples: list[tuple[float | None, str]] = [(item.low, item.label) for item in CLASSES]
    samples.append((None, NO_DATA_LABEL))
    for index, (share, label) in enumerate(samples):
        y = top - 26 - index * (box + 5)
        swatch(left, y, box, share)
        picture.add(String(left + box + 5, y + 2.2, label, fontName="DejaVuSans", fontSize=7.5))
    note_y = top - 26 - len(samples) * (box + 5) - 4
    for offset, text in enumerate(
        (
            "El porcentaje es sobre los territorios que reportan.",
            "San Andrés, Providencia y Santa Catalina, ampliado en el recuadro.",
            SOURCE_NOTE,
        )
    ):
        picture.add(
            String(left, note_y - offset * 9, text, fontName="DejaVuSans", fontSize=6.5, fillColor=grey)
        )

    # Every department, two columns, so the small ones are read too.
    list_left = left + 245
    picture.add(String(list_left, top - 8, "Por departamento", fontName="DejaVuSans-Bold", fontSize=7.5))
    departments = sorted(outlines().departments, key=lambda d: d.short)
    rows = (len(departments) + 1) // 2
    row_height = min(10.0, (height - 30) / rows)
    for index, department in enumerate(departments):
        column, row = divmod(index, rows)
        x = list_left + column * 110
        y = top - 24 - row * row_height
        share = shares.get(department.code)
        swatch(x, y, 7, share)
        picture.add(String(x + 11, y + 1, department.short, fontName="DejaVuSans", fontSize=6.8))
        picture.add(
            String(
                x + 100, y + 1, percent_label(share), fontName="DejaVuSans", fontSize=6.8, textAnchor="end"
            )
        )

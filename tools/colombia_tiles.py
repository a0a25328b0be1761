"""Writes resources/map/colombia_tiles.json: the tile-grid cartogram of Colombia's departments.

No open outline source with all 33 departments (32 + Bogotá, D.C.) is available from the
package registries we reach, so the map is a tile grid: one equal tile per department in its
approximate geographic position (column west→east, row north→south), the way news maps do it.
Codes and names come from DIVIPOLA (resources/divipola.csv, DANE); the script refuses a grid
that misses a department or puts two in one tile.

Run once: ``.venv/bin/python tools/colombia_tiles.py``.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# code: (column, row, short name)
GRID: dict[str, tuple[int, int, str]] = {
    "88": (0, 0, "San Andrés"),
    "08": (2, 1, "Atlántico"),
    "47": (3, 1, "Magdalena"),
    "44": (4, 1, "La Guajira"),
    "23": (1, 2, "Córdoba"),
    "70": (2, 2, "Sucre"),
    "13": (3, 2, "Bolívar"),
    "20": (4, 2, "Cesar"),
    "27": (0, 3, "Chocó"),
    "05": (1, 3, "Antioquia"),
    "68": (2, 3, "Santander"),
    "54": (3, 3, "N. Santander"),
    "81": (4, 3, "Arauca"),
    "66": (0, 4, "Risaralda"),
    "17": (1, 4, "Caldas"),
    "15": (2, 4, "Boyacá"),
    "85": (3, 4, "Casanare"),
    "99": (4, 4, "Vichada"),
    "76": (0, 5, "Valle"),
    "63": (1, 5, "Quindío"),
    "25": (2, 5, "Cundinamarca"),
    "11": (3, 5, "Bogotá"),
    "50": (4, 5, "Meta"),
    "94": (5, 5, "Guainía"),
    "19": (0, 6, "Cauca"),
    "73": (1, 6, "Tolima"),
    "41": (2, 6, "Huila"),
    "95": (3, 6, "Guaviare"),
    "97": (4, 6, "Vaupés"),
    "52": (0, 7, "Nariño"),
    "86": (1, 7, "Putumayo"),
    "18": (2, 7, "Caquetá"),
    "91": (3, 8, "Amazonas"),
}


def main() -> None:
    with open(ROOT / "resources" / "divipola.csv", encoding="utf-8", newline="") as handle:
        names = {row["department_code"]: row["department_name"] for row in csv.DictReader(handle)}
    missing = sorted(set(names) - set(GRID))
    extra = sorted(set(GRID) - set(names))
    if missing or extra:
        raise SystemExit(f"departamentos sin casilla: {missing}; casillas sin departamento: {extra}")
    cells = [(column, row) for column, row, _ in GRID.values()]
    if len(set(cells)) != len(cells):
        raise SystemExit("dos departamentos en la misma casilla")
    tiles = [
        {"code": code, "name": names[code], "short": short, "column": column, "row": row}
        for code, (column, row, short) in sorted(GRID.items())
    ]
    document = {
        "source": "Cartograma de casillas; códigos y nombres DIVIPOLA (DANE), tools/colombia_tiles.py",
        "columns": max(c for c, _ in cells) + 1,
        "rows": max(r for _, r in cells) + 1,
        "tiles": tiles,
    }
    target = ROOT / "resources" / "map" / "colombia_tiles.json"
    target.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{target}: {len(tiles)} departamentos")


if __name__ == "__main__":
    main()

"""DIVIPOLA territories (DANE codes) with their Spanish display names."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from mesa_desktop.errors import InvalidInput
from mesa_desktop.resources import resource_path

NATIONAL_CODE = "00"
# Words that stay lower case inside a place name, as in "San José de Cúcuta".
_LOWER_WORDS = {"de", "del", "la", "las", "los", "el", "y", "e", "en", "a"}


@dataclass(frozen=True)
class Territory:
    code: str  # 2 digits for a department, 5 for a municipality
    name: str  # display form, e.g. "San José de Cúcuta"
    department_code: str
    department_name: str

    @property
    def is_department(self) -> bool:
        return len(self.code) == 2

    @property
    def full_name(self) -> str:
        if self.is_department or self.code == "11001":
            return self.name
        return f"{self.name} ({self.department_name})"


def display_name(official: str) -> str:
    """DANE's upper-case name in the form people write it: "BOGOTÁ, D.C." → "Bogotá, D.C."."""
    words = official.strip().split()
    shown = []
    for index, word in enumerate(words):
        lower = word.lower()
        if "." in word:  # abbreviations such as D.C.
            shown.append(word)
        elif index > 0 and lower in _LOWER_WORDS:
            shown.append(lower)
        else:
            shown.append(lower[:1].upper() + lower[1:])
    return " ".join(shown)


@cache
def _load() -> dict[str, Territory]:
    territories: dict[str, Territory] = {}
    with open(resource_path("divipola.csv"), encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            dept_code = row["department_code"]
            dept_name = display_name(row["department_name"])
            territories.setdefault(dept_code, Territory(dept_code, dept_name, dept_code, dept_name))
            code = row["municipality_code"]
            territories[code] = Territory(code, display_name(row["municipality_name"]), dept_code, dept_name)
    return territories


def national() -> Territory:
    return Territory(NATIONAL_CODE, "Nación", NATIONAL_CODE, "Nación")


def get(code: str) -> Territory:
    code = code.strip()
    if code == NATIONAL_CODE:
        return national()
    territory = _load().get(code)
    if territory is None:
        raise InvalidInput(
            f"El código DIVIPOLA «{code}» no existe. Use 2 dígitos para un departamento "
            "(p. ej. 54) o 5 para un municipio (p. ej. 54001)."
        )
    return territory


def all_territories() -> list[Territory]:
    return list(_load().values())


def departments() -> list[Territory]:
    return [t for t in _load().values() if t.is_department]


def municipalities_of(department_code: str) -> list[Territory]:
    return [t for t in _load().values() if not t.is_department and t.department_code == department_code]

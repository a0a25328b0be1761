"""A national mesa with people in two dependencies, for the enlaces permanentes tests."""

from __future__ import annotations

from pathlib import Path

from mesa_desktop.services import conformation, liaisons
from mesa_desktop.store import Store
from mesa_desktop.territories import NATIONAL_CODE

OPS = "Oficina de Promoción Social"
DED = "Dirección de Epidemiología y Demografía"
PEOPLE = {
    OPS: ("Ana Ruiz", "Carlos Pérez"),
    DED: ("Luis Mora",),
}


def fill_national(store: Store) -> None:
    """The national preset (its dependencies), the example work groups loaded on purpose (a
    new national mesa has none) and three people."""
    conformation.init_mesa(store, territory_code=NATIONAL_CODE, preset="nacional")
    liaisons.load_preset_work_groups(store)
    for dependency, names in PEOPLE.items():
        for name in names:
            conformation.add_person(
                store, name, dependency=dependency, role="delegate", position="Profesional especializado"
            )


def national_store(path: Path) -> Store:
    path.parent.mkdir(parents=True, exist_ok=True)
    store = Store(path, backup=False)
    fill_national(store)
    return store

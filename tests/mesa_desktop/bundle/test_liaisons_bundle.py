"""The national mesa's work groups and enlaces permanentes travel in its bundle with the rest of
its membership, and reach the ministry's consolidation store."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from mesa_desktop.bundle import datapackage
from mesa_desktop.services import liaisons
from tests.support.bundles import export_to, make_importer
from tests.support.liaisons import DED, national_store

ACCESO = "Acceso y aseguramiento en salud"


def test_the_data_package_declares_the_liaison_tables_after_their_parents():
    names = [spec.name for spec in datapackage.tables()]
    assert names.index("work_group") > names.index("mesa")
    assert names.index("liaison") > max(names.index(t) for t in ("dependency", "person", "work_group"))
    liaison = datapackage.table_specs()["liaison"]
    assert {fk.field for fk in liaison.foreign_keys} >= {"dependency_id", "work_group_id", "person_id"}


@pytest.mark.slow  # over a second: a national store, an export and an import
def test_designations_reach_the_ministry(tmp_path, ministry_store):
    store = national_store(tmp_path / "nacional" / "mesa.sqlite")
    try:
        liaisons.designate(store, dependency=DED, work_group=ACCESO, person="Luis Mora")
        result = export_to(store, tmp_path / "salida")
    finally:
        store.close()
    summary = make_importer(ministry_store, tmp_path).import_paths([result.path])
    assert [o.status for o in summary.outcomes] == ["imported"], summary.outcomes
    with ministry_store.engine.connect() as conn:
        groups = {name for (name,) in conn.execute(text("SELECT name FROM work_group"))}
        rows = [
            tuple(row)
            for row in conn.execute(
                text(
                    "SELECT d.name, g.name, p.full_name FROM liaison l "
                    "JOIN dependency d ON d.id = l.dependency_id "
                    "JOIN work_group g ON g.id = l.work_group_id JOIN person p ON p.id = l.person_id"
                )
            )
        ]
    assert groups == set(liaisons.preset_work_groups())
    assert rows == [(DED, ACCESO, "Luis Mora")]

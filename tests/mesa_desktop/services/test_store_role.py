from __future__ import annotations

import pytest

from mesa_desktop.bundle import export
from mesa_desktop.errors import InvalidInput
from mesa_desktop.services import store_role
from mesa_desktop.store import Store
from tests.support.bundles import MINISTRY_PUB, make_importer


def test_roles(demo_store, tmp_path):
    empty_store = Store(tmp_path / "vacio.sqlite")
    assert store_role.store_role(empty_store).role == store_role.EMPTY
    territorial = store_role.store_role(demo_store)
    assert territorial.role == store_role.TERRITORIAL and territorial.mesa.territory_code == "54001"
    with pytest.raises(InvalidInput):
        store_role.make_consolidation_store(demo_store)
    assert store_role.make_consolidation_store(empty_store).role == store_role.CONSOLIDATION
    assert store_role.store_role(empty_store).role == store_role.CONSOLIDATION


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_store_that_received_bundles_is_a_consolidation_store(demo_store, tmp_path):
    bundle = export.export_bundle(demo_store, tmp_path, to=MINISTRY_PUB)
    ministry = Store(tmp_path / "ministerio.sqlite")
    make_importer(ministry, tmp_path).import_paths([bundle.path])
    assert store_role.store_role(ministry).role == store_role.CONSOLIDATION

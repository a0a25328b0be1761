"""A real bundle of each format version (and of each schema revision that exported one)
imports into this version's consolidation store with its data.

The fixtures were exported from a demo store of 2026 by the code of their revision, encrypted
to the test ministry key in ``tests/fixtures/keys``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from mesa_desktop.bundle import manifest
from mesa_desktop.bundle.national import national_view
from mesa_desktop.store import Store
from tests.support import ROOT
from tests.support.bundles import MINISTRY_KEY

FIXTURES = ROOT / "tests" / "fixtures" / "bundles"
BUNDLES = sorted(FIXTURES.glob("formato*-esquema*.mesa"))
FIXTURE_YEAR = 2026


def test_there_is_a_bundle_of_the_current_format():
    assert any(p.name.startswith(f"formato{manifest.FORMAT_VERSION}-") for p in BUNDLES)


@pytest.mark.parametrize("bundle", BUNDLES, ids=lambda p: p.stem)
@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_each_bundle_fixture_imports_with_its_data(bundle, tmp_path):
    store_path = tmp_path / "ministerio" / "consolidado.sqlite"
    store_path.parent.mkdir()
    mesa = Path(sys.executable).with_name("mesa")
    result = subprocess.run(
        [
            str(mesa),
            "--db",
            str(store_path),
            "bundle",
            "import",
            str(bundle),
            "--identity",
            str(MINISTRY_KEY),
            "--receipts",
            str(tmp_path / "acuses"),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    store = Store(store_path)
    try:
        view = national_view(store, year=FIXTURE_YEAR, only_reported=True)
        (cucuta,) = [line for line in view.lines if line.territory_code == "54001"]
        assert cucuta.reported and cucuta.ordinary_held >= 3 and cucuta.formalised
    finally:
        store.close()
    report = tmp_path / "nacional.xlsx"
    made = subprocess.run(
        [str(mesa), "--db", str(store_path), "report", "national", "-o", str(report)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert made.returncode == 0, made.stderr
    assert report.stat().st_size > 0

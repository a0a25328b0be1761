"""Helpers shared by the tests, imported one way: ``from tests.support.<module> import …``.

* ``bundles``  keys, PostgreSQL, bundles made by the export and hand-made bad ones
* ``cli``      the ``mesa`` command, as the console script or in process
* ``ui``       Qt helpers (typing, windows, page display) and the people of the UI fixtures
* ``samples``  deterministic inputs for every document (also the previews and benchmarks)
* ``bundle_generator``  synthetic territories and busy stores (also the benchmarks)

Fixtures live in ``tests/conftest.py``, never here, so no test module imports one.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"

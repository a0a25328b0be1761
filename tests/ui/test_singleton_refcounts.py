"""Qt calls must not lose references to None, True or False (CPython 3.11 aborts at zero).

PySide6 6.12.0 returned the singletons without taking a reference: one ``True`` lost per
``emit()`` and one ``None`` per ``void`` method (``setText``, ``setEnabled``, ``setItem`` …), so
the app died after about a hundred check-ins. The probe runs in a child process, because a
binding with that bug aborts the interpreter instead of failing an assertion.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("singleton_probe.py")
# gc and lazily created wrappers move a count by a few; a leaking binding loses one per call.
NOISE = 3

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None, True and False are immortal on Python ≥ 3.12: no count to lose"
)


@pytest.fixture(scope="module")
def deltas() -> dict[str, dict[str, int]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(PROBE)], capture_output=True, text=True, timeout=240, env=env
    )
    assert result.returncode == 0, (
        f"the probe process died (a lost singleton reference?):\n{result.stderr[-3000:]}"
    )
    return json.loads(result.stdout)


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_the_probe_covers_emits_widgets_models_and_the_runner(deltas):
    assert len(deltas) >= 15
    assert {
        "emit(None, True, None) to a slot",
        "Python model reset + proxy sort + paint",
        "AppContext.call on the ThreadRunner",
        "QTableWidget refill + paint",
    } <= set(deltas)


@pytest.mark.parametrize("singleton", ["None", "True", "False"])
@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_no_qt_path_loses_references(deltas, singleton):
    lost = {probe: -counts[singleton] for probe, counts in deltas.items() if counts[singleton] < -NOISE}
    assert not lost, f"references to {singleton} lost per probe (thousands of calls each): {lost}"

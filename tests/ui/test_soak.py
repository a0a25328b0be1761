"""The longest day: 500 check-ins and 100 check-outs through the real screen and thread runner.

Runs ``tools/soak_attendance.py`` in a child process (a crash there is a failure here, not the
end of the test run): every action must be in the store, the acta autosaved and its PDF
written, the process alive, and its memory may grow by less than 30 MB.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.support import ROOT

SCRIPT = ROOT / "tools" / "soak_attendance.py"


@pytest.fixture(scope="module")
def report() -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--json"], capture_output=True, text=True, timeout=280, env=env
    )
    assert result.stdout.strip(), f"the app process died during the soak:\n{result.stderr[-3000:]}"
    return json.loads(result.stdout) | {"returncode": result.returncode}


@pytest.mark.slow
def test_every_action_of_a_long_meeting_is_in_the_store(report):
    assert report["plan"]["checkins"] == 500 and report["plan"]["checkouts"] == 100
    assert report["problems"] == []
    assert report["returncode"] == 0


@pytest.mark.slow
def test_memory_stays_flat(report):
    assert report["rss_mb"]["growth"] < 30, report["rss_mb"]


@pytest.mark.slow
@pytest.mark.skipif(sys.version_info >= (3, 12), reason="immortal singletons on Python ≥ 3.12")
def test_no_singleton_reference_is_lost(report):
    start, end = report["refcounts"]["start"], report["refcounts"]["end"]
    assert all(end[name] >= start[name] - 50 for name in start), report["refcounts"]

"""The SIGKILL harness in its short mode: every writer killed at random moments."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.support import ROOT


@pytest.mark.slow  # 27+ child processes killed and reopened
@pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")
def test_no_kill_bricks_a_store_loses_a_write_or_leaves_a_file():
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "kill_harness.py"), "--json"],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    import json

    report = json.loads(done.stdout)
    assert report["trials"] >= 27 and report["killed"] >= 1
    assert (
        report["bricked"],
        report["lost_acknowledged"],
        report["partial"],
        report["leftovers"],
        report["reused_sequences"],
    ) == (0, 0, 0, 0, 0)

"""A kill between writing the bundle and recording it never lets a sequence number be reused."""

from __future__ import annotations

import signal
import subprocess
import sys

import pytest

from mesa_desktop.bundle import export
from tests.support.bundles import MINISTRY_PUB

# Runs an export in a child process that SIGKILLs itself as soon as the bundle file is
# written, before the export record can be committed (the worst moment for a power cut).
_KILLED_EXPORT = """
import os, signal, sys
from mesa_desktop import atomic
from mesa_desktop.bundle import export
from mesa_desktop.store import Store

def write_then_die(target, data):
    atomic.write_bytes(target, data)
    os.kill(os.getpid(), signal.SIGKILL)

export.write_bytes = write_then_die
export.export_bundle(Store(sys.argv[1]), sys.argv[2], to=sys.argv[3])
"""


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_killed_exports_number_is_skipped_not_reused(demo_store_file, tmp_path):
    out = tmp_path / "salida"
    out.mkdir()
    child = subprocess.run(
        [sys.executable, "-c", _KILLED_EXPORT, str(demo_store_file), str(out), str(MINISTRY_PUB)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert child.returncode == -signal.SIGKILL
    killed = list(out.glob("*.mesa"))
    assert len(killed) == 1  # published, but its record never made it

    from mesa_desktop.store import Store

    store = Store(demo_store_file)
    again = export.export_bundle(store, tmp_path, to=MINISTRY_PUB)
    assert again.sequence == 2
    assert again.file_name != killed[0].name
    store.close()

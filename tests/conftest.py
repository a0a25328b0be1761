"""Top-level test settings: no display needed, UTF-8 everywhere."""

from __future__ import annotations

import os

# Must be set before any Qt import (PLATFORM.md): without it pytest aborts with a
# misleading message about libxcb-cursor0 on machines without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")


import tempfile

import pytest


@pytest.fixture(scope="session", autouse=True)
def temporary_files_stay_in_the_run(tmp_path_factory):
    """Whatever a test, a library (openpyxl stages sheets there) or a child process writes to
    "the temporary folder" lands in this run's own folder, never in the shared /tmp."""
    folder = tmp_path_factory.getbasetemp() / "tmp"
    folder.mkdir(exist_ok=True)
    previous, previous_env = tempfile.tempdir, os.environ.get("TMPDIR")
    tempfile.tempdir = str(folder)
    os.environ["TMPDIR"] = str(folder)
    yield folder
    tempfile.tempdir = previous
    if previous_env is None:
        os.environ.pop("TMPDIR", None)
    else:
        os.environ["TMPDIR"] = previous_env

"""The first `./run` is quiet: setuptools finds nothing deprecated in pyproject.toml.

The license as a TOML table made setuptools print a page of deprecation warning twice per
install; the `run` script filters only the editable install's notice, so any new deprecation
shows up again, here first.
"""

from __future__ import annotations

import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_setuptools_reads_pyproject_without_a_deprecation_warning(monkeypatch):
    from setuptools.config.pyprojecttoml import apply_configuration
    from setuptools.dist import Distribution

    monkeypatch.chdir(ROOT)  # the readme and the packages are found from the project's folder
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        dist = apply_configuration(Distribution(), ROOT / "pyproject.toml")
    assert [str(w.message).splitlines()[0] for w in caught] == []
    assert dist.metadata.license_expression == "MIT"

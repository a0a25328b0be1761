"""Desktop start-up and idle memory (DESIGN §9), against a bare PySide6 window in the same run.

Each start is a fresh process timed from spawn until it reports, on stderr, its first paint
(``MESA_EXIT_AFTER=paint``) or the mesa's data on screen (``=ready``); the bare window
reports its first paint the same way.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RUNS = 7
BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.resize(1280, 760)
class FirstPaint(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            print("mesa-desktop: first_paint", file=sys.stderr, flush=True)
            QTimer.singleShot(0, app.quit)
        return False
paint = FirstPaint()
window.installEventFilter(paint)
window.show()
if sys.argv[-1] == "stay":
    window.removeEventFilter(paint)
app.exec()
"""


# The least any Qt + SQLAlchemy program pays before it can show stored data.
IMPORT_FLOOR = """
import sys
import PySide6.QtWidgets
import sqlalchemy.orm
print("mesa-desktop: imported", file=sys.stderr, flush=True)
"""


def _env() -> dict:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def _timed(command: list[str], marker: str, extra_env: dict | None = None) -> float:
    """Seconds from spawning the process to the moment it reports ``marker`` on stderr."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, env=_env() | (extra_env or {}), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    seen = None
    for line in process.stderr:
        if seen is None and line.startswith(f"mesa-desktop: {marker}"):
            seen = time.perf_counter() - start
    process.wait(timeout=120)
    if seen is None:
        raise RuntimeError(f"{command[0]} never reported {marker}")
    return seen


def _rss_after(command: list[str], seconds: float) -> float:
    process = subprocess.Popen(command, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        time.sleep(seconds)
        status = Path(f"/proc/{process.pid}/status").read_text()
        kb = int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:")))
        return kb / 1024
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    python = sys.executable
    app = str(Path(python).parent / "mesa-desktop")
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "demo.sqlite"
        subprocess.run(
            [str(Path(python).parent / "mesa"), "--db", str(store), "demo"], check=True, capture_output=True
        )
        bare = [_timed([python, "-c", BARE_WINDOW], "first_paint") for _ in range(RUNS)]
        paint = [
            _timed([app, "--db", str(store)], "first_paint", {"MESA_EXIT_AFTER": "paint"})
            for _ in range(RUNS)
        ]
        ready = [
            _timed([app, "--db", str(store)], "ready", {"MESA_EXIT_AFTER": "ready"}) for _ in range(RUNS)
        ]
        floor = [_timed([python, "-c", IMPORT_FLOOR], "imported") for _ in range(RUNS)]
        bare_rss = _rss_after([python, "-c", BARE_WINDOW, "stay"], 4)
        app_rss = _rss_after([app, "--db", str(store)], 8)
    b, p, r, f = (statistics.median(x) for x in (bare, paint, ready, floor))
    results = [
        {
            "name": "inicio hasta la primera ventana pintada (mediana)",
            "value": p,
            "unit": "s",
            "budget": "≤ 1,5 × ventana PySide6 desnuda",
            "ok": p <= 1.5 * b,
            "baseline": f"(ventana desnuda {b:.3f} s; razón {p / b:.2f}×)",
        },
        {
            "name": "inicio hasta la ventana con los datos de la mesa (mediana)",
            "value": r,
            "unit": "s",
            "budget": "≤ 4 × ventana PySide6 desnuda",
            "ok": r <= 4 * b,
            "baseline": f"(ventana desnuda {b:.3f} s; razón {r / b:.2f}×; solo importar PySide6 + "
            f"SQLAlchemy ya cuesta {f:.3f} s = {f / b:.2f}×)",
        },
        {
            "name": "memoria en reposo de la aplicación (RSS)",
            "value": app_rss,
            "unit": "MB",
            "budget": "≤ 250 MB",
            "ok": app_rss <= 250,
            "baseline": f"(ventana desnuda {bare_rss:.0f} MB)",
        },
    ]
    if "--json" in sys.argv:
        print(json.dumps(results, ensure_ascii=False))
    else:
        for item in results:
            print(f"{item['name']}: {item['value']:.3f} {item['unit']} {item['baseline']}")


if __name__ == "__main__":
    main()

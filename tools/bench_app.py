"""Desktop start-up and idle memory (DESIGN §9), against a bare PySide6 window in the same run.

Each start is a fresh process timed from spawn to exit: the app quits by itself right after
its first paint (``MESA_EXIT_AFTER=paint``) or once the mesa's data shows (``=ready``).
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
            QTimer.singleShot(0, app.quit)
        return False
paint = FirstPaint()
window.installEventFilter(paint)
window.show()
if sys.argv[-1] == "stay":
    window.removeEventFilter(paint)
app.exec()
"""


def _env() -> dict:
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    return env


def _timed(command: list[str], extra_env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=_env() | (extra_env or {}), check=True, capture_output=True, timeout=120)
    return time.perf_counter() - start


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
        subprocess.run([str(Path(python).parent / "mesa"), "--db", str(store), "demo"], check=True,
                       capture_output=True)
        bare = [_timed([python, "-c", BARE_WINDOW]) for _ in range(RUNS)]
        paint = [_timed([app, "--db", str(store)], {"MESA_EXIT_AFTER": "paint"}) for _ in range(RUNS)]
        ready = [_timed([app, "--db", str(store)], {"MESA_EXIT_AFTER": "ready"}) for _ in range(RUNS)]
        bare_rss = _rss_after([python, "-c", BARE_WINDOW, "stay"], 4)
        app_rss = _rss_after([app, "--db", str(store)], 8)
    b, p, r = (statistics.median(x) for x in (bare, paint, ready))
    results = [
        {"name": "inicio hasta la primera ventana pintada (mediana)", "value": p, "unit": "s",
         "budget": "≤ 1,5 × ventana PySide6 desnuda", "ok": p <= 1.5 * b,
         "baseline": f"(ventana desnuda {b:.3f} s; razón {p / b:.2f}×)"},
        {"name": "inicio hasta la ventana con los datos de la mesa (mediana)", "value": r, "unit": "s",
         "budget": "≤ 4 × ventana PySide6 desnuda", "ok": r <= 4 * b,
         "baseline": f"(ventana desnuda {b:.3f} s; razón {r / b:.2f}×)"},
        {"name": "memoria en reposo de la aplicación (RSS)", "value": app_rss, "unit": "MB",
         "budget": "≤ 250 MB", "ok": app_rss <= 250,
         "baseline": f"(ventana desnuda {bare_rss:.0f} MB)"},
    ]
    if "--json" in sys.argv:
        print(json.dumps(results, ensure_ascii=False))
    else:
        for item in results:
            print(f"{item['name']}: {item['value']:.3f} {item['unit']} {item['baseline']}")


if __name__ == "__main__":
    main()

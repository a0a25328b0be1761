"""Desktop start-up and idle memory (DESIGN §9), against a bare PySide6 window in the same run.

Each start is a fresh process timed from spawn until it reports, on stderr, its first paint
(``MESA_EXIT_AFTER=paint``) or the mesa's data on screen (``=ready``); the bare window
reports its first paint the same way.

The mesa's data show in two ways: from the home page's summary the previous run kept (the
usual start), and without it (the first start, or after another program changed the store):
each is timed, the summary removed before every start of the second kind.

``--app DIR --bare DIR``: the same for a frozen build (``DIR/mesa-desktop``) against a frozen
bare window (``DIR/bare-window``, made by ``--freeze-bare DIR``), instead of the source tree.
"""

from __future__ import annotations

import argparse
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


def freeze_bare(folder: Path) -> Path:
    """A one-folder PyInstaller build of the bare window (``folder/bare-window``), the frozen
    baseline: built like the app, with only QtCore/QtGui/QtWidgets."""
    work = folder / "work"
    work.mkdir(parents=True, exist_ok=True)
    script = work / "bare-window.py"
    script.write_text(BARE_WINDOW, encoding="utf-8")
    subprocess.run(
        [
            str(Path(sys.executable).parent / "pyinstaller"),
            "--noconfirm",
            "--log-level",
            "WARN",
            "--onedir",
            "--contents-directory",
            "_internal",
            "--distpath",
            str(work / "dist"),
            "--workpath",
            str(work / "build"),
            "--specpath",
            str(work),
            str(script),
        ],
        check=True,
    )
    built = work / "dist" / "bare-window"
    return built / "bare-window"


def _ready(app: list[str], store: Path, *, with_summary: bool) -> float:
    kept = store.with_name(f".{store.name}.inicio.json")  # mesa_desktop.summary.summary_path
    if not with_summary:
        kept.unlink(missing_ok=True)
    seconds = _timed([*app, "--db", str(store)], "ready", {"MESA_EXIT_AFTER": "ready"})
    if with_summary and not kept.is_file():
        raise RuntimeError("the app kept no summary of its home page")
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--app", type=Path, help="carpeta de una compilación congelada (mesa-desktop)")
    parser.add_argument("--bare", type=Path, help="carpeta de la ventana desnuda congelada (bare-window)")
    parser.add_argument("--freeze-bare", type=Path, metavar="DIR", help="compilar la ventana desnuda y salir")
    args = parser.parse_args()
    if args.freeze_bare:
        print(freeze_bare(args.freeze_bare))
        return
    python = sys.executable
    mesa = [str(Path(python).parent / "mesa")]
    app = [str(Path(python).parent / "mesa-desktop")]
    bare_window = [python, "-c", BARE_WINDOW]
    if args.app:
        app = [str(args.app / "mesa-desktop")]
        mesa = [str(args.app / "mesa")]
    if args.bare:
        bare_window = [str(args.bare / "bare-window")]
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "demo.sqlite"
        subprocess.run([*mesa, "--db", str(store), "demo"], check=True, capture_output=True)
        bare: list[float] = []
        paint: list[float] = []
        cold: list[float] = []
        ready: list[float] = []
        floor: list[float] = []
        # One start of each kind per round: on a shared machine the load changes within a
        # minute, and a ratio must compare starts made under the same load.
        for _ in range(RUNS):
            bare.append(_timed(bare_window, "first_paint"))
            paint.append(_timed([*app, "--db", str(store)], "first_paint", {"MESA_EXIT_AFTER": "paint"}))
            cold.append(_ready(app, store, with_summary=False))
            ready.append(_ready(app, store, with_summary=True))  # the cold start kept it
            floor.append(_timed([python, "-c", IMPORT_FLOOR], "imported"))
        bare_rss = _rss_after([*bare_window, "stay"], 4)
        app_rss = _rss_after([*app, "--db", str(store)], 8)
    b, p, r, c, f = (statistics.median(x) for x in (bare, paint, ready, cold, floor))
    frozen = " (congelada)" if args.app else ""
    results = [
        {
            "name": f"inicio hasta la primera ventana pintada{frozen} (mediana)",
            "value": p,
            "unit": "s",
            "budget": "≤ 1,5 × ventana PySide6 desnuda",
            "ok": p <= 1.5 * b,
            "baseline": f"(ventana desnuda {b:.3f} s; razón {p / b:.2f}×)",
        },
        {
            "name": f"inicio hasta la ventana con los datos de la mesa{frozen} (mediana)",
            "value": r,
            "unit": "s",
            "budget": "≤ 4 × ventana PySide6 desnuda",
            "ok": r <= 4 * b,
            "baseline": f"(ventana desnuda {b:.3f} s; razón {r / b:.2f}×; desde el resumen de Inicio "
            "que guardó la ejecución anterior)",
        },
        {
            "name": f"inicio hasta los datos de la mesa sin resumen{frozen} (mediana)",
            "value": c,
            "unit": "s",
            "budget": "informativo",
            "ok": True,
            "baseline": f"(razón {c / b:.2f}×: primer inicio, o el almacén cambió fuera de la "
            f"aplicación; solo importar PySide6 + SQLAlchemy ya cuesta {f:.3f} s = {f / b:.2f}×)",
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
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        for item in results:
            print(f"{item['name']}: {item['value']:.3f} {item['unit']} {item['baseline']}")


if __name__ == "__main__":
    main()

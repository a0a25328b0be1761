"""Measure the budgets of DESIGN.md §9 on this machine, each against a baseline of the same run.

Run with ``./run bench`` (offscreen). Prints a table and writes ``artifacts/benchmark.json``;
exits with status 1 when a budget is missed. The test suite does not run it (a slow machine must
not turn the suite red); ``--quick`` runs small sizes as a smoke test.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

RESULTS: list[dict] = []
GROWTH: list[dict] = []  # the growth section's rows per backend and size, for the table and JSON


def record(name: str, value: float, unit: str, budget: str, ok: bool, baseline: str = "") -> None:
    RESULTS.append(
        {
            "name": name,
            "value": round(value, 3),
            "unit": unit,
            "budget": budget,
            "ok": ok,
            "baseline": baseline,
        }
    )
    mark = "OK " if ok else "MAL"
    print(f"[{mark}] {name}: {value:.3f} {unit}  (presupuesto {budget}) {baseline}", flush=True)


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


# --- check-in ---------------------------------------------------------------------------
def _store_with_people(folder: Path, count: int):
    from mesa_desktop.services import conformation, sessions
    from mesa_desktop.store import Store

    store = Store(folder / "bench.sqlite")
    conformation.init_mesa(store, territory_code="54001", preset="territorial")
    deps = [d for d in conformation.list_members(store) if not d.invited]
    first = ["Ana", "Luis", "María", "José", "Carmen", "Jorge", "Lucía", "Óscar", "Nubia", "Iván"]
    last = ["Pérez", "Gómez", "Rincón", "Jaimes", "Suárez", "Peñaranda", "Ortiz", "Niño", "Durán", "Mora"]
    people = []
    for i in range(count):
        name = f"{first[i % 10]} {last[(i // 10) % 10]} {chr(65 + i // 100)}{i:03d}"
        people.append(
            conformation.add_person(
                store,
                name,
                dependency=deps[i % len(deps)].id,
                role="alternate" if i % 3 else "delegate",
                consent_given=True,
            )
        )
    session = sessions.new_session(store, on=date(2026, 3, 5), kind="ordinary", modality="hybrid")
    return store, people, session


def bench_check_in(folder: Path) -> None:
    from mesa_desktop.services import attendance

    store, people, session = _store_with_people(folder, 500)
    t0 = datetime(2026, 3, 5, 9, tzinfo=UTC)
    samples = []
    for i, person in enumerate(people[:200]):
        start = time.perf_counter()
        attendance.check_in(store, session.id, person.id, at=t0 + timedelta(seconds=i))
        samples.append((time.perf_counter() - start) * 1000)
    # Baseline: the bare cost of one durable SQLite commit on this disk, same pragmas.
    raw = sqlite3.connect(folder / "raw.sqlite")
    raw.execute("PRAGMA journal_mode=WAL")
    raw.execute("PRAGMA synchronous=FULL")
    raw.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, at TEXT)")
    base = []
    for i in range(200):
        start = time.perf_counter()
        raw.execute("INSERT INTO t (at) VALUES (?)", (str(i),))
        raw.commit()
        base.append((time.perf_counter() - start) * 1000)
    record(
        "check-in guardado en disco, p95",
        p95(samples),
        "ms",
        "≤ 30 ms",
        p95(samples) <= 30,
        f"(un commit SQLite desnudo: p95 {p95(base):.2f} ms; razón {p95(samples) / p95(base):.1f}×)",
    )
    store.close()


def bench_search(folder: Path) -> None:
    try:
        from ui.widgets.search_box import PeopleIndex
    except ImportError:
        print("(búsqueda: el índice de personas de la interfaz no está disponible)")
        return
    from mesa_desktop.services import conformation

    store, _people, _session = _store_with_people(folder, 500)
    index = PeopleIndex(conformation.list_people(store))
    queries = ["a", "an", "ana", "per", "jai", "peñ", "oscar", "m", "ma", "mar", "z", "du", "dur", "iv"]
    samples = []
    for _ in range(20):
        for q in queries:
            start = time.perf_counter()
            index.search(q)
            samples.append((time.perf_counter() - start) * 1000)
    names = [p.full_name.lower() for p in conformation.list_people(store)]
    base = []
    for _ in range(20):
        for q in queries:
            start = time.perf_counter()
            [n for n in names if q in n]
            base.append((time.perf_counter() - start) * 1000)
    record(
        "búsqueda al teclear entre 500 personas, p95",
        p95(samples),
        "ms",
        "≤ 16 ms",
        p95(samples) <= 16,
        f"(subcadena sin acentos ni orden: {p95(base):.3f} ms)",
    )
    store.close()


# --- documents, bundles, app start: delegated to their own scripts when present ------------
def run_script(name: str, *args: str) -> list | dict | None:
    """Run a benchmark script of this folder; a script that fails is a missed budget."""
    script = HERE / name
    out = subprocess.run([sys.executable, str(script), "--json", *args], capture_output=True, text=True)
    if out.returncode != 0:
        record(f"{name} terminó", out.returncode, "código", "0", False, out.stderr.strip()[-500:])
        return None
    found = json.loads(out.stdout)
    for item in found["results"] if isinstance(found, dict) else found:
        record(**item)
    return found


def bench_growth(quick: bool) -> None:
    sizes = "5,20,40" if quick else "100,1100,5000"
    pg = os.environ.get("MESA_BENCH_PG_URL") or os.environ.get("MESA_TEST_PG_URL")
    found = run_script("bench_growth.py", "--sizes", sizes, *(["--pg", pg] if pg else []))
    if found:
        GROWTH.extend(found["rows"])


def bench_national(bundles: int) -> None:
    pg = os.environ.get("MESA_BENCH_PG_URL") or os.environ.get("MESA_TEST_PG_URL")
    run_script("bench_national.py", "--count", str(bundles), *(["--pg", pg] if pg else []))


def bench_soak(_folder: Path, quick: bool = False) -> None:
    """The longest day: 5,000 attendance actions through the real screen in one process."""
    script = ROOT / "tools" / "soak_attendance.py"  # it is also a test, so it stays with the tools
    mode = [] if quick else ["--long"]
    out = subprocess.run([sys.executable, str(script), *mode, "--json"], capture_output=True, text=True)
    if not out.stdout.strip():
        record(
            "jornada larga (5.000 acciones): el proceso sigue vivo",
            0,
            "",
            "sin caídas",
            False,
            out.stderr.strip()[-300:],
        )
        return
    report = json.loads(out.stdout)
    start, end = report["refcounts"]["start"], report["refcounts"]["end"]
    counts = ", ".join(f"{name} {start[name]:,} → {end[name]:,}" for name in start)
    problems = "; ".join(report["problems"][:3])
    record(
        "jornada larga: acciones registradas y proceso vivo",
        report["plan"]["actions"],
        "acciones",
        "todas en el almacén, sin caídas",
        out.returncode == 0 and not report["problems"],
        f"({report['seconds']['total']:.0f} s; referencias {counts}) {problems}".strip(),
    )
    rss = report["rss_mb"]
    record(
        "jornada larga: crecimiento de memoria en la asistencia",
        rss["attendance_growth"],
        "MB",
        "< 30 MB",
        rss["attendance_growth"] < 30,
        f"(RSS {rss['start']:.0f} → {rss['after_attendance']:.0f} MB)",
    )
    record(
        "jornada larga: crecimiento de memoria con páginas, acta y PDF",
        rss["growth"],
        "MB",
        "informativo",
        True,
        f"(RSS {rss['start']:.0f} → {rss['end']:.0f} MB; el PDF lista a mil asistentes)",
    )
    record(
        "jornada larga: registro de llegada o salida en pantalla, media",
        report["seconds"]["per_action_ms"],
        "ms",
        "informativo",
        True,
        "(tecleo, Enter, almacén y refresco de la tabla)",
    )


def exit_status(results: list[dict]) -> int:
    """1 when any budget was missed (or nothing was measured), else 0."""
    return 0 if results and all(item["ok"] for item in results) else 1


def print_table(results: list[dict], growth: list[dict]) -> None:
    print("\nResumen")
    for item in results:
        print(
            f"  {'OK ' if item['ok'] else 'MAL'}  {item['name']}: {item['value']:.3f} {item['unit']}"
            f"  (presupuesto {item['budget']})"
        )
    if growth:
        print("\nCrecimiento de la consolidación")
        print(f"  {'base':<11}{'paquetes':>9}{'s':>9}{'ms/paquete':>12}{'reimportar s':>14}")
        for row in growth:
            print(
                f"  {row['backend']:<11}{row['size']:>9}{row['seconds']:>9.1f}{row['per_bundle_ms']:>12.1f}"
                f"{row['reimport_seconds']:>14.1f}"
            )
    missed = sum(1 for item in results if not item["ok"])
    print(f"\n{missed} presupuesto(s) incumplido(s)" if missed else "\nTodos los presupuestos se cumplen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--only", help="una sección: checkin, search, documents, export, import, app, soak, growth, national"
    )
    parser.add_argument("--bundles", type=int, default=1100, help="paquetes para la importación")
    parser.add_argument("--quick", action="store_true", help="tamaños pequeños, para una prueba de humo")
    parser.add_argument(
        "--out",
        type=Path,
        default=ROOT / "artifacts" / "benchmark.json",
        help="dónde escribir los resultados en JSON",
    )
    args = parser.parse_args()
    bundles = 20 if args.quick else args.bundles
    sections = {
        "checkin": lambda d: bench_check_in(d),
        "search": lambda d: bench_search(d),
        "documents": lambda d: run_script("bench_documents.py"),
        "export": lambda d: run_script("bench_export.py"),
        "import": lambda d: run_script("bench_import.py", "--count", str(bundles)),
        "app": lambda d: run_script("bench_app.py"),
        "soak": lambda d: bench_soak(d, args.quick),
        "growth": lambda d: bench_growth(args.quick),
        "national": lambda d: bench_national(bundles),
    }
    if args.only and args.only not in sections:
        parser.error(f"sección desconocida: {args.only}")
    for name, section in sections.items():
        if args.only and name != args.only:
            continue
        with tempfile.TemporaryDirectory() as folder:
            section(Path(folder))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(RESULTS, ensure_ascii=False, indent=2))
    if GROWTH:
        args.out.with_name(args.out.stem + "-growth.json").write_text(
            json.dumps(GROWTH, ensure_ascii=False, indent=2)
        )
    print_table(RESULTS, GROWTH)
    return exit_status(RESULTS)


if __name__ == "__main__":
    sys.exit(main())

"""The ministry's national view over 1,100 imported territories: ≤ 2 s on SQLite.

``national_view`` is what the "Vista nacional", ``mesa report national`` and the national
PDF/Excel are built from; the analyst waits for it after every import. The bundles are real
(``tests.support.bundle_generator``, as ``bench_import.py``), imported once into a fresh SQLite
store (and a fresh PostgreSQL database with ``--pg``); the view is then built a few times and
the best time kept. Baseline measured in the same run: reading every row of the tables the
view looks at through the same engine, with no objects, grouping or rules (the floor of the
reads).

Usage: ``python benchmarks/bench_national.py [--count 1100] [--pg URL] [--keep DIR]
[--profile] [--json]``. ``--keep`` reuses (or leaves) the SQLite store there, to profile again
without importing again.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BUDGET_SECONDS = 2.0
REPEAT = 3
# What the view reads: the mesas and what their facts and counts are built from.
TABLES = (
    "mesa",
    "imported_bundle",
    "dependency",
    "person",
    "meeting_session",
    "acta",
    "attendance",
    "presider",
    "agenda_item",
    "quorum_event",
    "commitment",
    "action_plan",
    "plan_axis",
    "plan_action",
    "plan_task",
    "task_progress",
    "periodic_report",
    "work_group",
    "liaison",
    "case_aggregate",
)


def say(text: str, quiet: bool) -> None:
    # With --json, progress goes to stderr so stdout stays one JSON document.
    print(text, file=sys.stderr if quiet else sys.stdout, flush=True)


def import_bundles(store, count: int, folder: Path, quiet: bool) -> None:
    from mesa_desktop.bundle import encryption, signing
    from mesa_desktop.bundle.importer import Importer
    from tests.support import bundle_generator

    folder.mkdir(parents=True)
    keys = encryption.create_identity_files(folder / "ministerio")
    started = time.perf_counter()
    made = bundle_generator.generate_bundles(
        folder / "bandeja",
        count,
        template=bundle_generator.demo_snapshot(),
        recipients=encryption.load_recipients(keys.recipient_path),
    )
    say(f"{count} paquetes generados en {time.perf_counter() - started:.0f} s", quiet)
    importer = Importer(
        store,
        identities=encryption.load_identities(keys.identity_path),
        signing_key=signing.generate_signing_key(),
        quarantine_dir=folder / "cuarentena",
        receipts_dir=folder / "acuses",
    )
    summary = importer.import_paths([made_bundle.path for made_bundle in made])
    imported = summary.count("imported")
    say(f"importados {imported} de {count} en {summary.seconds:.0f} s", quiet)
    if imported != count:
        raise SystemExit(f"solo {imported} de {count} paquetes se importaron")


def time_view(store, repeat: int = REPEAT) -> tuple[list[float], int]:
    from mesa_desktop.bundle.national import national_view

    samples = []
    reported = 0
    for _ in range(repeat):
        started = time.perf_counter()
        view = national_view(store)
        samples.append(time.perf_counter() - started)
        reported = view.reported
    return samples, reported


def read_floor(store, repeat: int = REPEAT) -> tuple[float, int]:
    """Every row of ``TABLES`` through the store's engine, as plain tuples."""
    from mesa_desktop.models import Base

    tables = [Base.metadata.tables[name] for name in TABLES]
    samples = []
    rows = 0
    for _ in range(repeat):
        started = time.perf_counter()
        with store.engine.connect() as conn:
            rows = sum(len(conn.execute(table.select()).all()) for table in tables)
        samples.append(time.perf_counter() - started)
    return min(samples), rows


def profile_view(store) -> str:
    from mesa_desktop.bundle.national import national_view

    profiler = cProfile.Profile()
    profiler.enable()
    national_view(store)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(30)
    return out.getvalue()


def measure(store, backend: str, count: int, profile: bool, quiet: bool) -> dict:
    samples, reported = time_view(store)
    view_seconds = min(samples)
    floor_seconds, rows = read_floor(store)
    say(
        f"{backend}: vista nacional {view_seconds:.2f} s ({reported} territorios con reporte); "
        f"lectura desnuda de {rows} filas {floor_seconds:.2f} s",
        quiet,
    )
    if profile:
        say(profile_view(store), quiet)
    return {
        "name": f"vista nacional sobre {count} territorios consolidados ({backend})",
        "value": view_seconds,
        "unit": "s",
        # The target is SQLite's (the ministry's default store); PostgreSQL's figure is shown.
        "budget": f"≤ {BUDGET_SECONDS:.0f} s" if backend == "SQLite" else "informativo",
        "ok": (view_seconds <= BUDGET_SECONDS or backend != "SQLite") and reported == count,
        "baseline": (
            f"(leer las {rows} filas de sus {len(TABLES)} tablas sin objetos: {floor_seconds:.2f} s; "
            f"razón {view_seconds / floor_seconds:.1f}×; mejor de {REPEAT}, "
            f"mediana {statistics.median(samples):.2f} s)"
        ),
    }


def run(count: int, pg: str | None, keep: Path | None, profile: bool, quiet: bool) -> list[dict]:
    from mesa_desktop.store import Store

    results = []
    with tempfile.TemporaryDirectory(prefix="mesa-bench-national-") as temp:
        folder = Path(temp)
        place = keep or folder / "consolidado"
        place.mkdir(parents=True, exist_ok=True)
        file = place / f"ministerio-{count}.sqlite"
        fresh = not file.exists()
        store = Store(file, backup=False)
        try:
            if fresh:
                import_bundles(store, count, folder / "sqlite", quiet)
            results.append(measure(store, "SQLite", count, profile, quiet))
        finally:
            store.close()
        if pg:
            from tests.support.bundles import fresh_pg_database

            with fresh_pg_database(pg, prefix="mesa_bench") as url:
                store = Store(url)
                try:
                    import_bundles(store, count, folder / "pg", quiet)
                    results.append(measure(store, "PostgreSQL", count, profile, quiet))
                finally:
                    store.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1100)
    parser.add_argument("--pg", help="URL de un servidor PostgreSQL donde crear una base vacía")
    parser.add_argument("--keep", type=Path, help="carpeta donde conservar (o reutilizar) el almacén SQLite")
    parser.add_argument("--profile", action="store_true", help="perfil (cProfile) de una construcción")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = run(args.count, args.pg, args.keep, args.profile, quiet=args.json)
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        for item in results:
            print(
                f"{item['name']}: {item['value']:.2f} {item['unit']} (presupuesto {item['budget']}) "
                f"{item['baseline']}"
            )


if __name__ == "__main__":
    main()

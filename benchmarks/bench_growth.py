"""Consolidation growth (DESIGN §9): 100, 1,100 and 5,000 one-year bundles imported into a fresh
SQLite store and a fresh PostgreSQL database per size; the time per bundle must stay within
1.3 × across the sizes (linear), and importing the same set again must change nothing.

The bundles are made once (``tests.support.bundle_generator``, as ``bench_import.py``) and every
size is a prefix of the same list. Colombia has 1,122 municipalities, so 5,000 bundles are what
the ministry holds after a few monthly rounds: round 1 is one bundle per municipality, rounds 2…5
the same territories exporting again (same installation key and mesa, next sequence, a month
later, a few fields changed). 100 and 1,100 are first bundles only; 5,000 adds 3,878 newer
bundles that replace a territory's data, the ministry's everyday case.

Usage: ``python benchmarks/bench_growth.py [--sizes 100,1100,5000] [--pg URL] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = (100, 1100, 5000)
LINEAR = 1.3  # DESIGN §9: time per bundle within 1.3 × across the sizes


def say(text: str, to_stderr: bool) -> None:
    # With --json, progress goes to stderr so stdout stays one JSON document.
    print(text, file=sys.stderr if to_stderr else sys.stdout, flush=True)


def make_bundles(folder: Path, count: int, recipients) -> list[Path]:
    """``count`` bundles in monthly rounds over every municipality, oldest round first."""
    from mesa_desktop import territories
    from mesa_desktop.bundle import signing
    from mesa_desktop.bundle.export import build_bundle
    from mesa_desktop.clock import utcnow
    from tests.support import bundle_generator

    template = bundle_generator.demo_snapshot()
    codes = [t.code for t in territories.all_territories() if not t.is_department]
    keys = {}
    now = utcnow()
    rounds = -(-count // len(codes))
    paths: list[Path] = []
    for round_no in range(1, rounds + 1):
        out = folder / f"ronda-{round_no}"
        out.mkdir(parents=True)
        for code in codes:
            if len(paths) == count:
                return paths
            # Ids derive from the code, so every round is the same mesa; the rng varies a few fields.
            snapshot = bundle_generator.territory_snapshot(
                template, code, random.Random(f"2026-{code}-{round_no}")
            )
            key = keys.setdefault(code, signing.generate_signing_key())
            built = build_bundle(
                snapshot,
                signing_key=key,
                recipients=list(recipients),
                sequence=round_no,
                created_at=now - timedelta(days=30 * (rounds - round_no)),
            )
            path = out / built.file_name
            path.write_bytes(built.data)
            paths.append(path)
    return paths


def row_counts(store) -> dict[str, int]:
    from sqlalchemy import func, select

    from mesa_desktop.models import Base

    with store.engine.connect() as conn:
        return {t.name: conn.scalar(select(func.count()).select_from(t)) for t in Base.metadata.sorted_tables}


def import_once(store, paths: list[Path], identities, folder: Path) -> dict:
    from mesa_desktop.bundle import signing
    from mesa_desktop.bundle.importer import Importer

    importer = Importer(
        store,
        identities=identities,
        signing_key=signing.generate_signing_key(),
        quarantine_dir=folder / "cuarentena",
        receipts_dir=folder / "acuses",
    )
    first = importer.import_paths(paths)
    before = row_counts(store)
    again = importer.import_paths(paths)
    after = row_counts(store)
    statuses = Counter(outcome.status for outcome in first.outcomes)
    return {
        "seconds": first.seconds,
        "statuses": dict(statuses),
        "reimport_seconds": again.seconds,
        "reimport_unchanged": before == after and again.count("duplicate") == len(paths),
        "rows": sum(n for name, n in before.items() if name != "imported_bundle"),
    }


def measure(backend: str, size: int, paths: list[Path], identities, folder: Path, pg: str | None) -> dict:
    from mesa_desktop.store import Store

    work = folder / f"{backend}-{size}"
    work.mkdir()
    if backend == "SQLite":
        store = Store(work / "ministerio.sqlite")
        try:
            return import_once(store, paths[:size], identities, work)
        finally:
            store.close()
    from tests.support.bundles import fresh_pg_database

    with fresh_pg_database(pg, prefix="mesa_bench") as url:
        store = Store(url)
        try:
            return import_once(store, paths[:size], identities, work)
        finally:
            store.close()


def linearity(per_bundle: list[float]) -> float:
    """The spread of the time per bundle: the slowest size over the fastest."""
    return max(per_bundle) / min(per_bundle)


def run(sizes: list[int], pg: str | None, quiet: bool) -> tuple[list[dict], list[dict]]:
    from mesa_desktop.bundle import encryption

    backends = ["SQLite"] + (["PostgreSQL"] if pg else [])
    if not pg:
        say("(crecimiento: sin servidor PostgreSQL, solo SQLite)", quiet)
    rows: list[dict] = []
    with tempfile.TemporaryDirectory(prefix="mesa-bench-growth-") as temp:
        folder = Path(temp)
        keys = encryption.create_identity_files(folder / "ministerio")
        started = time.perf_counter()
        paths = make_bundles(folder / "bandeja", max(sizes), encryption.load_recipients(keys.recipient_path))
        say(f"{len(paths)} paquetes generados una vez en {time.perf_counter() - started:.0f} s", quiet)
        identities = encryption.load_identities(keys.identity_path)
        # Size by size, both backends, so an interrupted long run still compares them.
        for size in sizes:
            for backend in backends:
                got = measure(backend, size, paths, identities, folder, pg)
                got.update(backend=backend, size=size, per_bundle_ms=got["seconds"] / size * 1000)
                rows.append(got)
                say(
                    f"{backend} {size}: {got['seconds']:.1f} s ({got['per_bundle_ms']:.1f} ms por paquete; "
                    f"{got['statuses']}); reimportación {got['reimport_seconds']:.1f} s, "
                    f"{'sin cambios' if got['reimport_unchanged'] else 'CAMBIÓ'}",
                    quiet,
                )
    return results(rows), rows


def results(rows: list[dict]) -> list[dict]:
    """One linearity result and one idempotence result per backend."""
    out = []
    for backend in dict.fromkeys(row["backend"] for row in rows):
        mine = [row for row in rows if row["backend"] == backend]
        spread = linearity([row["per_bundle_ms"] for row in mine])
        clean = all(set(row["statuses"]) <= {"imported"} for row in mine)
        sizes = " → ".join(f"{row['size']:,}".replace(",", ".") for row in mine)
        detail = "; ".join(
            f"{row['size']}: {row['seconds']:.1f} s, {row['per_bundle_ms']:.1f} ms/paquete" for row in mine
        )
        out.append(
            {
                "name": f"crecimiento de la consolidación {sizes} paquetes ({backend}): tiempo por paquete",
                "value": spread,
                "unit": "× (más lento / más rápido)",
                "budget": f"≤ {LINEAR} × (lineal)",
                "ok": spread <= LINEAR and clean,
                "baseline": f"({detail}){'' if clean else ' ESTADOS: ' + str([r['statuses'] for r in mine])}",
            }
        )
        out.append(
            {
                "name": f"crecimiento ({backend}): reimportación de cada conjunto",
                "value": max(row["reimport_seconds"] for row in mine),
                "unit": "s",
                "budget": "no cambia nada",
                "ok": all(row["reimport_unchanged"] for row in mine),
                "baseline": "("
                + "; ".join(f"{row['size']}: {row['reimport_seconds']:.1f} s" for row in mine)
                + ")",
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="tamaños separados por comas")
    parser.add_argument("--pg", help="URL de un servidor PostgreSQL donde crear bases vacías")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    sizes = sorted(int(size) for size in args.sizes.split(","))
    found, rows = run(sizes, args.pg, quiet=args.json)
    if args.json:
        print(json.dumps({"results": found, "rows": rows}, ensure_ascii=False))
    else:
        for item in found:
            print(
                f"{item['name']}: {item['value']:.2f} {item['unit']} (presupuesto {item['budget']}) "
                f"{item['baseline']}"
            )


if __name__ == "__main__":
    main()

"""Export budget (DESIGN §9): five years of a busy mesa ≤ 1 s and ≤ 1 MB without PDFs.

The store is the demo year repeated over five years with three times its sessions
(``bundle_generator.busy_years_store``). The export is timed in process (the app has its modules
loaded when the focal point clicks), median of five after one warm-up export, which also
creates the installation key. The baseline in the same run is the plain data package:
reading the same rows and writing the CSV files and datapackage.json, with no manifest,
signature, zip or encryption.

Usage: ``python benchmarks/bench_export.py [--years 5] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def run(years: int, quiet: bool) -> list[dict]:
    from mesa_desktop.bundle import export, keys
    from tests.support import bundle_generator

    with tempfile.TemporaryDirectory(prefix="mesa-bench-export-") as temp:
        folder = Path(temp)
        started = time.perf_counter()
        store = bundle_generator.busy_years_store(folder / "mesa.sqlite", years=years)
        if not quiet:
            print(f"Almacén de {years} años construido en {time.perf_counter() - started:.1f} s", flush=True)
        outbox = folder / "enviados"
        outbox.mkdir()
        recipient = keys.default_ministry_key_path()
        export.export_bundle(store, outbox, to=recipient)  # warm-up; creates the installation key
        timings, result = [], None
        for _ in range(5):
            started = time.perf_counter()
            result = export.export_bundle(store, outbox, to=recipient)
            timings.append(time.perf_counter() - started)
        baseline = []
        for _ in range(5):
            started = time.perf_counter()
            export.data_package_files(export.collect_snapshot(store), datetime.now(UTC))
            baseline.append(time.perf_counter() - started)
        store.close()
    seconds, base = statistics.median(timings), statistics.median(baseline)
    rows = sum(result.rows.values())
    return [
        {
            "name": f"exportación de {years} años de una mesa activa (mediana de 5)",
            "value": seconds,
            "unit": "s",
            "budget": "≤ 1 s",
            "ok": seconds <= 1.0,
            "baseline": (
                f"(paquete de datos sin firma, zip ni cifrado: {base:.3f} s; razón "
                f"{seconds / base:.2f}×; {rows} filas, {result.rows['meeting_session']} sesiones)"
            ),
        },
        {
            "name": f"tamaño del paquete de {years} años sin PDF",
            "value": result.size_bytes / 1024,
            "unit": "KiB",
            "budget": "≤ 1024 KiB",
            "ok": result.size_bytes <= 1024 * 1024,
            "baseline": f"({result.file_name})",
        },
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = run(args.years, quiet=args.json)
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        for item in results:
            print(
                f"{item['name']}: {item['value']:.3f} {item['unit']} (presupuesto {item['budget']}) "
                f"{item['baseline']}"
            )


if __name__ == "__main__":
    main()

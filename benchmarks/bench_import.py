"""Ministry consolidation budget (DESIGN §9): 1,100 one-year bundles into SQLite ≤ 60 s, and
importing the same set again changes nothing.

The bundles are real: the demo mesa is built once, re-keyed per territory, signed with one
installation key per territory and encrypted to a ministry identity made for the run
(``tests.support.bundle_generator``). Baselines measured in the same run:

* decrypt + verify + parse only (no store): the floor of the bundle checks;
* ``sqlite3.executemany`` of the same rows into the same schema, one transaction per bundle,
  with no checks, upserts or logging: the floor of the writes.

Usage: ``python benchmarks/bench_import.py [--count 1100] [--db URL] [--json]``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
import uuid
from datetime import date, datetime
from datetime import time as clock_time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def say(text: str, quiet: bool) -> None:
    if not quiet:
        print(text, flush=True)


def make_bundles(folder: Path, count: int, quiet: bool):
    from mesa_desktop.bundle import encryption
    from tests.support import bundle_generator

    keys = encryption.create_identity_files(folder / "ministerio")
    started = time.perf_counter()
    template = bundle_generator.demo_snapshot()
    made = bundle_generator.generate_bundles(
        folder / "bandeja",
        count,
        template=template,
        recipients=encryption.load_recipients(keys.recipient_path),
    )
    seconds = time.perf_counter() - started
    size = sum(bundle.path.stat().st_size for bundle in made)
    say(f"{count} paquetes generados en {seconds:.1f} s ({size / count / 1024:.0f} KiB de media)", quiet)
    return keys, made


def parse_only(paths, identities) -> tuple[float, list]:
    from mesa_desktop.bundle import reader

    started = time.perf_counter()
    parsed = []
    for path in paths:
        opened = reader.open_bundle(path.read_bytes(), identities)
        parsed.append(opened.read_rows())
    return time.perf_counter() - started, parsed


def raw_sqlite_writes(folder: Path, parsed: list) -> float:
    """The same rows through sqlite3.executemany, values pre-converted, one commit per bundle."""
    import sqlite3

    from mesa_desktop.bundle import datapackage
    from mesa_desktop.bundle.importer import BATCH_PRAGMAS
    from mesa_desktop.store import Store

    Store(folder / "crudo.sqlite").close()  # the same schema, made by the migrations
    conn = sqlite3.connect(folder / "crudo.sqlite", isolation_level=None)
    conn.execute("PRAGMA foreign_keys=OFF")
    for pragma in BATCH_PRAGMAS:  # the same tuning the importer uses for a batch
        conn.execute(f"PRAGMA {pragma}")
    statements = {}
    for spec in datapackage.tables():
        columns = list(spec.field_names) + (["consent_given"] if spec.name == "person" else [])
        statements[spec.name] = (
            f"INSERT INTO {spec.name} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})",
            spec.field_names,
            spec.name == "person",
        )
    # Conversion is part of what any writer must do, so it is inside the timing.
    started = time.perf_counter()
    for rows in parsed:
        conn.execute("BEGIN")
        for name, (sql, fields, person) in statements.items():
            extra = (False,) if person else ()
            conn.executemany(sql, [tuple(_native(row[f]) for f in fields) + extra for row in rows[name]])
        conn.execute("COMMIT")
    seconds = time.perf_counter() - started
    conn.close()
    return seconds


def _native(value):
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime):
        return value.replace(tzinfo=None).isoformat(" ")
    if isinstance(value, (date, clock_time)):
        return value.isoformat()
    return value


def digest(store) -> tuple[str, int]:
    """A fingerprint of every row of every data table (the consolidation log aside)."""
    from sqlalchemy import select

    from mesa_desktop.models import Base

    hasher = hashlib.sha256()
    total = 0
    with store.engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            if table.name in ("imported_bundle", "territory_key", "pending_key_change", "app_setting"):
                continue
            for row in conn.execute(select(table).order_by(*table.primary_key.columns)):
                hasher.update(repr(tuple(row)).encode())
                total += 1
    return hasher.hexdigest(), total


def run(count: int, db: str | None, quiet: bool) -> list[dict]:
    from mesa_desktop.bundle import encryption, signing
    from mesa_desktop.bundle.importer import Importer
    from mesa_desktop.store import Store

    with tempfile.TemporaryDirectory(prefix="mesa-bench-import-") as temp:
        folder = Path(temp)
        keys, made = make_bundles(folder, count, quiet)
        identities = encryption.load_identities(keys.identity_path)
        paths = [bundle.path for bundle in made]

        parse_seconds, parsed = parse_only(paths, identities)
        rows = sum(len(table) for bundle in parsed for table in bundle.values())
        say(f"Base 1 — descifrar, verificar y leer: {parse_seconds:.1f} s ({rows} filas)", quiet)
        raw_seconds = raw_sqlite_writes(folder, parsed)
        del parsed
        say(f"Base 2 — sqlite3.executemany de las mismas filas: {raw_seconds:.1f} s", quiet)

        if db:
            store = Store(db)
        else:
            (folder / "consolidado").mkdir()
            store = Store(folder / "consolidado" / "ministerio.sqlite")
        importer = Importer(
            store,
            identities=identities,
            signing_key=signing.generate_signing_key(),
            quarantine_dir=folder / "cuarentena",
            receipts_dir=folder / "acuses",
        )
        first = importer.import_paths([folder / "bandeja"])
        imported = first.count("imported")
        say(
            f"Importación: {first.seconds:.1f} s, {imported} importados, {first.count('rejected')} rechazados",
            quiet,
        )
        before, stored_rows = digest(store)
        again = importer.import_paths([folder / "bandeja"])
        after, _ = digest(store)
        unchanged = before == after and again.count("duplicate") == count
        say(
            f"Reimportación: {again.seconds:.1f} s, {again.count('duplicate')} ya importados, "
            f"datos {'idénticos' if unchanged else 'CAMBIARON'} ({stored_rows} filas)",
            quiet,
        )
        store.close()

    floor = parse_seconds + raw_seconds
    backend = "PostgreSQL" if db and db.startswith("postgresql") else "SQLite"
    return [
        {
            "name": f"importación de {count} paquetes de un año ({backend})",
            "value": first.seconds,
            "unit": "s",
            "budget": "≤ 60 s",
            "ok": first.seconds <= 60 and imported == count,
            "baseline": (
                f"(descifrar+verificar+leer {parse_seconds:.1f} s + sqlite3.executemany "
                f"{raw_seconds:.1f} s = {floor:.1f} s; razón {first.seconds / floor:.2f}×; "
                f"{rows} filas)"
            ),
        },
        {
            "name": f"reimportación de los mismos {count} paquetes",
            "value": again.seconds,
            "unit": "s",
            "budget": "no cambia nada",
            "ok": unchanged,
            "baseline": f"({again.count('duplicate')} ya importados; datos idénticos: {'sí' if unchanged else 'no'})",
        },
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1100)
    parser.add_argument(
        "--db", help="URL de un almacén vacío (p. ej. PostgreSQL); por defecto SQLite temporal"
    )
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = run(args.count, args.db, quiet=args.json)
    if args.json:
        print(json.dumps(results, ensure_ascii=False))
    else:
        for item in results:
            print(
                f"{item['name']}: {item['value']:.1f} {item['unit']} (presupuesto {item['budget']}) {item['baseline']}"
            )


if __name__ == "__main__":
    main()

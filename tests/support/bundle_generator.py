"""Synthetic but real data for benchmarks and tests, made from the demo mesa.

* ``generate_bundles`` — N one-year bundles for N distinct territories. Building the demo
  through the services takes seconds per store, so the demo is built ONCE and its snapshot is
  re-keyed per territory: every UUID is replaced by a deterministic ``uuid5`` of the
  territory and the old id, and the mesa takes the territory's code and names, with some
  deterministic variety (no acto administrativo, focal point not reported, a late or old
  export). Each territory gets its own installation key, and each bundle is built by
  ``export.build_bundle``: signed, encrypted, byte for byte what a focal point sends.
* ``busy_years_store`` — a territorial store with several years of a busy mesa (the demo's
  year repeated and shifted, with more sessions), for the export benchmark.

Thread affinity: none. Not used by the application itself.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select

from mesa_desktop import territories
from mesa_desktop.atomic import write_bytes
from mesa_desktop.bundle import datapackage, encryption, rows, signing
from mesa_desktop.bundle.export import Snapshot, build_bundle, collect_snapshot
from mesa_desktop.clock import utcnow
from mesa_desktop.store import Store

_NAMESPACE = uuid.UUID("0b6f7f4e-5a0e-4f0e-8d7e-1c2b3a495867")


@dataclass(frozen=True)
class GeneratedBundle:
    path: Path
    territory_code: str
    sequence: int
    created_at: datetime
    signer: signing.SigningPublicKey


# --- the template ------------------------------------------------------------------------------


def demo_snapshot(*, year: int | None = None, territory_code: str = "54001") -> Snapshot:
    """The demo mesa's snapshot, built once in a temporary store."""
    from mesa_desktop.services import demo

    folder = Path(tempfile.mkdtemp(prefix="mesa-demo-"))
    try:
        store = Store(folder / "demo.sqlite")
        try:
            demo.build_demo(store, territory_code=territory_code, year=year)
            return collect_snapshot(store)
        finally:
            store.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# --- re-keying ---------------------------------------------------------------------------------


def uuid_fields() -> dict[str, tuple[str, ...]]:
    """Per shared table, its UUID columns (the id and every reference)."""
    return {
        spec.name: tuple(f.name for f in spec.fields if f.format == "uuid") for spec in datapackage.tables()
    }


def rekey_tables(
    tables: Mapping[str, list[dict[str, Any]]],
    new_id: Callable[[uuid.UUID], uuid.UUID],
    only: Iterable[str] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Copies of the rows of ``only`` (default all) with every known id replaced by ``new_id``.

    References to ids outside those tables (kept records) are left as they are.
    """
    names = set(only) if only is not None else set(tables)
    renamed = {row["id"]: new_id(row["id"]) for name in names for row in tables.get(name, ())}
    fields = uuid_fields()
    result = {}
    for name in names:
        copies = []
        for row in tables.get(name, ()):
            copy = dict(row)
            for field in fields[name]:
                value = copy.get(field)
                if value is not None:
                    copy[field] = renamed.get(value, value)
            copies.append(copy)
        result[name] = copies
    return result


def territory_snapshot(template: Snapshot, code: str, rng: random.Random) -> Snapshot:
    """The template as if it were ``code``'s mesa, with deterministic variety."""
    territory = territories.get(code)
    namespace = uuid.uuid5(_NAMESPACE, code)
    tables = rekey_tables(template.tables, lambda old: uuid.uuid5(namespace, old.hex))
    mesa = tables["mesa"][0]
    place = territory.name
    mesa.update(
        territory_code=code,
        kind="departmental"
        if territory.is_department
        else ("district" if code in _DISTRICTS else "municipal"),
        name=f"Mesa técnica territorial de migración y salud de {place}",
        entity_name=(
            f"Secretaría de Salud Departamental de {place}"
            if territory.is_department
            else f"Secretaría de Salud de {place}"
        ),
        acto_authority=f"{'Gobernación' if territory.is_department else 'Alcaldía'} de {place}",
    )
    if rng.random() < 0.18:
        mesa.update(acto_number=None, acto_date=None, acto_authority=None)
    if rng.random() < 0.12:
        mesa["focal_point_reported_on"] = None
    elif rng.random() < 0.2 and mesa.get("focal_point_reported_on"):
        mesa["focal_point_reported_on"] += timedelta(days=40)  # reported late
    for session in tables["meeting_session"]:
        if session["status"] in ("held", "acta_approved") and rng.random() < 0.07:
            session["status"] = "planned"  # a session that did not take place
    tables["periodic_report"] = first_semester_report(mesa, tables["meeting_session"], code)
    return Snapshot(mesa["id"], code, territory.full_name, mesa["name"], tables)


def first_semester_report(
    mesa: dict[str, Any], sessions: list[dict[str, Any]], code: str
) -> list[dict[str, Any]]:
    """Most mesas issued and sent their January–June report, some late, some not at all. A
    generator of its own, so the variety above stays what earlier tests expect."""
    rng = random.Random(f"informe-{code}")
    if not sessions or rng.random() < 0.3:
        return []
    year = min(s["year"] for s in sessions)
    issued = date(year, 7, rng.randint(1, 20))
    sent = issued + timedelta(days=rng.randint(0, 8)) if rng.random() < 0.8 else date(year, 9, 12)
    moment = datetime.combine(issued, datetime.min.time()).astimezone()
    return [
        {
            "id": uuid.uuid5(_NAMESPACE, f"{code}/informe/{year}/1"),
            "mesa_id": mesa["id"],
            "period_start": date(year, 1, 1),
            "period_end": date(year, 6, 30),
            "status": "sent",
            "progress": "Se sesionó cada trimestre y avanzó el plan de acción.",
            "challenges": "Rotación de delegados de las dependencias.",
            "opportunities": "Articulación con la cooperación internacional.",
            "articulations": "Cooperación internacional y sociedad civil.",
            "psychosocial": "Jornadas de acompañamiento psicosocial en los puntos de atención.",
            "year": year,
            "sequence": 1,
            "number": f"IP-001-{year}",
            "issued_on": issued,
            "pdf_sha256": "0" * 64,
            "sent_on": sent,
            "created_at": moment,
            "updated_at": moment,
        }
    ]


_DISTRICTS = {"11001", "08001", "13001", "47001", "76109"}


# --- bundles ----------------------------------------------------------------------------------


def generate_bundles(
    folder: str | Path,
    count: int,
    *,
    recipients: list[encryption.Recipient],
    template: Snapshot | None = None,
    codes: list[str] | None = None,
    now: datetime | None = None,
    seed: int = 2026,
) -> list[GeneratedBundle]:
    """``count`` bundles for distinct territories (municipalities by code unless ``codes``)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    template = template or demo_snapshot()
    now = now or utcnow()
    chosen = codes or [t.code for t in territories.all_territories() if not t.is_department][:count]
    if len(chosen) < count:
        raise ValueError(f"only {len(chosen)} territories available")
    made = []
    for code in chosen[:count]:
        rng = random.Random(f"{seed}-{code}")
        snapshot = territory_snapshot(template, code, rng)
        key = signing.generate_signing_key()
        # Most focal points exported this month; some months ago (stale at the ministry).
        age_days = rng.choice([0, 1, 3, 7, 15, 30, 45]) if rng.random() < 0.85 else rng.randint(121, 400)
        created = now - timedelta(days=age_days, minutes=rng.randint(0, 600))
        sequence = rng.randint(1, 8)
        built = build_bundle(
            snapshot, signing_key=key, recipients=list(recipients), sequence=sequence, created_at=created
        )
        path = folder / built.file_name
        write_bytes(path, built.data)
        made.append(GeneratedBundle(path, code, sequence, created, key.public_key))
    return made


# --- a busy mesa over several years ------------------------------------------------------------

_ONCE = ("mesa", "dependency", "person")
_PER_SESSION = (
    "meeting_session",
    "agenda_item",
    "attendance",
    "quorum_event",
    "decision",
    "commitment",
    "commitment_note",
    "acta",
)
_PER_YEAR = (
    "action_plan",
    "plan_axis",
    "plan_action",
    "plan_task",
    "task_progress",
    "action_report",
    "plan_indicator",
    "indicator_value",
)


def busy_years_store(
    target: str | Path, *, years: int = 5, session_copies: int = 3, template: Snapshot | None = None
) -> Store:
    """A territorial store whose mesa has ``years`` years of data, each year holding
    ``session_copies`` times the demo's sessions (with their attendance, decisions,
    commitments and actas), one action plan a year and its case referrals."""
    from mesa_desktop.services import demo

    work = Path(tempfile.mkdtemp(prefix="mesa-busy-"))
    try:
        source = Store(work / "demo.sqlite")
        demo.build_demo(source)
        template = template or collect_snapshot(source)
        with source.reading() as db:
            cases = [dict(r) for r in db.execute(select(rows.sa_table("case_referral"))).mappings()]
        source.close()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    store = Store(target)
    with store.transaction() as db:
        conn = db.connection()
        batches: dict[str, list[dict[str, Any]]] = {name: list(template.tables[name]) for name in _ONCE}
        for back in range(years):
            for copy in range(session_copies):
                names = _PER_SESSION + (_PER_YEAR if copy == 0 else ())
                tag = f"{back}/{copy}"
                copied = rekey_tables(
                    template.tables,
                    lambda old, tag=tag: uuid.uuid5(_NAMESPACE, f"{tag}/{old}"),  # type: ignore[misc]  # mypy cannot infer a lambda whose defaults bind loop values
                    only=names,
                )
                for name, table_rows in copied.items():
                    batches.setdefault(name, []).extend(_shifted(name, r, back, copy) for r in table_rows)
            batches.setdefault("case_referral", []).extend(
                _shifted_case(case, back, template.mesa_id) for case in cases
            )
        for spec in datapackage.tables():
            rows.upsert(conn, spec, batches.get(spec.name, []))
        conn.execute(insert(rows.sa_table("case_referral")), batches["case_referral"])
    return store


def _shift_years(value: Any, back: int) -> Any:
    if back == 0 or value is None:
        return value
    try:
        return value.replace(year=value.year - back)
    except ValueError:  # 29 February
        return value.replace(year=value.year - back, day=28)


def _shifted(name: str, row: dict[str, Any], back: int, copy: int) -> dict[str, Any]:
    shifted = {
        key: _shift_years(value, back) if isinstance(value, (date, datetime)) else value
        for key, value in row.items()
    }
    if name == "meeting_session":
        shifted["year"] = row["year"] - back
        shifted["number"] = row["number"] + copy * 20
    elif name == "acta":
        number, year = row["number"].split("-")
        shifted["number"] = f"{int(number) + copy * 20:03d}-{int(year) - back}"
    elif name == "action_plan":
        shifted["year"] = row["year"] - back
    return shifted


def _shifted_case(case: dict[str, Any], back: int, mesa_id: uuid.UUID) -> dict[str, Any]:
    copy = {
        key: _shift_years(value, back) if isinstance(value, (date, datetime)) else value
        for key, value in case.items()
    }
    copy["id"] = uuid.uuid5(_NAMESPACE, f"case/{back}/{case['id']}")
    copy["code"] = f"{case['code']}-{back}"
    copy["mesa_id"] = mesa_id
    return copy

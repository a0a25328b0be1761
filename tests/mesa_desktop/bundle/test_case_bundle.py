"""Cases in the bundle: totals with the new statuses, never a name, a note, a route or a code;
bundles of older versions (statuses open/closed) still read."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from mesa_desktop.bundle import archive, datapackage, encryption, export
from mesa_desktop.services import cases
from tests.support.bundles import MINISTRY_PUB, ministry_identities

NAME = "Yuleidy Carolina Pérez Contreras"


def test_a_named_case_reaches_the_bundle_only_as_a_count(store, tmp_path):
    named = cases.add_case(
        store,
        referred_on=date(2026, 3, 2),
        referring_actor="Cruz Roja Colombiana",
        need="materno_perinatal",
        route="ESE Hospital Universitario Erasmo Meoz",
        responsible="Enfermera jefe del programa materno",
        person_name=NAME,
    )
    cases.add_note(store, named.id, "Control prenatal confirmado por la madre", on=date(2026, 3, 5))
    cases.set_status(store, named.id, "referred", on=date(2026, 3, 5))
    other = cases.add_case(
        store, referred_on=date(2026, 3, 9), referring_actor="OIM", need="materno_perinatal"
    )
    cases.set_status(store, other.id, "unresolved", on=date(2026, 3, 20), note="No se ubicó a la persona")
    result = export.export_bundle(store, tmp_path, to=MINISTRY_PUB, now=datetime(2026, 4, 1, 12, tzinfo=UTC))
    files = archive.read_archive(encryption.decrypt(result.path.read_bytes(), ministry_identities()))
    everything = b"\n".join(files.values()).decode("utf-8")
    for secret in (
        NAME,
        "Yuleidy",
        "Erasmo Meoz",
        "Enfermera jefe",
        "Control prenatal",
        "No se ubicó",
        named.code,
    ):
        assert secret not in everything, secret
    assert not [name for name in files if "case_referral" in name or "case_event" in name]
    totals = list(csv.DictReader(io.StringIO(files["data/case_aggregate.csv"].decode())))
    assert sorted((row["need"], row["status"], row["count"]) for row in totals) == [
        ("materno_perinatal", "referred", "1"),
        ("materno_perinatal", "unresolved", "1"),
    ]


def test_an_older_bundle_with_the_old_case_statuses_still_reads():
    spec = datapackage.table_specs()["case_aggregate"]
    fields = spec.field_names
    old = {
        "id": "0b9a1f0e-3c55-4f0e-9d7e-5a0a3f3c2a11",
        "mesa_id": "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
        "year": "2025",
        "need": "urgencias",
        "status": "closed",
        "count": "4",
        "created_at": "2025-12-01T10:00:00Z",
        "updated_at": "2025-12-01T10:00:00Z",
    }
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow(fields)
    for status in ("closed", "open", "in_progress"):
        writer.writerow([{**old, "status": status}[name] for name in fields])
    rows = datapackage.decode_csv(spec, text.getvalue().encode())
    assert [row["status"] for row in rows] == ["resolved", "received", "in_progress"]

"""The compliance facts of many consolidated mesas read at once (``facts_for_mesas``) are the facts
of each one read alone (``facts_of``), on SQLite and PostgreSQL, and the national view is built
from them."""

from __future__ import annotations

import random
import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import insert, select, text, update

from mesa_desktop.bundle import export, signing
from mesa_desktop.bundle.national import TRACKED_RULES, national_view
from mesa_desktop.models import Mesa
from mesa_desktop.rules import compliance as rules
from mesa_desktop.services import compliance
from tests.support import bundle_generator
from tests.support.bundles import make_importer, ministry_recipients

TODAY = date(2026, 11, 22)
# A municipality's mesa convenes the departmental secretary: one per territory below.
SECRETARY = "Secretario Departamental de Salud"
TERRITORIES = ("54", "54498", "54518", "68001", "81001", "05088")
NO_QUORUM = "54518"  # its attendance never recorded quorum
ABSENT = "68001"  # the secretary's dependency missed every session


def _bundle(snapshot, code: str, sequence: int, folder):
    territory = bundle_generator.territory_snapshot(snapshot, code, random.Random(code))
    # A delegate who attended is the departmental secretary of health: convened to every
    # session and named in the acta; where his dependency missed the sessions, listed absent.
    tables = territory.tables
    attended = {row["person_id"] for row in tables["attendance"]}
    person = min(
        (p for p in tables["person"] if p.get("dependency_id") and p["active"] and p["id"] in attended),
        key=lambda p: p["full_name"],
    )
    person.update(position=SECRETARY, entity=f"Gobernación del departamento {code[:2]}", role="delegate")
    if code == ABSENT:
        tables["attendance"] = [
            a for a in tables["attendance"] if a["dependency_id"] != person["dependency_id"]
        ]
    if code == NO_QUORUM:
        territory.tables["quorum_event"] = []
    built = export.build_bundle(
        territory,
        signing_key=signing.generate_signing_key(),
        recipients=ministry_recipients(),
        sequence=sequence,
        created_at=datetime(2026, 11, 10, 12, 0, tzinfo=UTC),
    )
    path = folder / built.file_name
    path.write_bytes(built.data)
    return path


@pytest.fixture
def consolidated(ministry_store, bundle_set, snapshot, tmp_path):
    folder = tmp_path / "bandeja"
    folder.mkdir()
    paths = [bundle_set.first, bundle_set.second, bundle_set.other]
    paths += [_bundle(snapshot, code, n + 1, folder) for n, code in enumerate(TERRITORIES)]
    summary = make_importer(ministry_store, tmp_path).import_paths(paths)
    assert [o.status for o in summary.outcomes] == ["imported"] * len(paths)
    return ministry_store


def _mesas(db) -> list[Mesa]:
    return list(db.scalars(select(Mesa).order_by(Mesa.territory_code)))


def test_the_facts_of_all_mesas_at_once_are_each_mesas_own(consolidated):
    with consolidated.reading() as db:
        mesas = _mesas(db)
        together = compliance.facts_for_mesas(db, mesas, year=2026, today=TODAY)
        alone = {m.territory_code: compliance.facts_of(db, m, year=2026, today=TODAY) for m in mesas}
        codes = {m.id: m.territory_code for m in mesas}
    assert len(codes) == 2 + len(TERRITORIES) and len(together) == len(alone)
    for mesa_id, code in codes.items():
        assert together[mesa_id] == alone[code], code
    # Every kind of fact is there to compare, not only empty tuples.
    facts = list(together.values())
    sessions = [s for f in facts for s in f.sessions]
    assert all(f.dependencies and f.sessions and f.commitments for f in facts)
    assert any(f.periodic_reports for f in facts)
    assert any(c.responsible for f in facts for c in f.commitments)
    assert any(s.ministry_participated for s in sessions) and not all(
        s.ministry_participated for s in sessions
    )
    assert any(s.acta_status != rules.ACTA_NONE for s in sessions)
    assert any(s.guidelines_on_agenda for s in sessions)
    assert any(not s.reached_quorum for s in sessions) and any(s.reached_quorum for s in sessions)
    convened = {name for s in sessions for name in s.secretary_convened}
    assert any(name.endswith(f"({SECRETARY})") for name in convened)
    in_acta = [name for s in sessions for name in s.secretary_in_acta]
    assert any(name.endswith(", presidencia)") for name in in_acta)
    assert any(name.endswith(f"({SECRETARY})") for name in in_acta)
    assert any(name.endswith(" (ausente)") for name in in_acta)
    # Each mesa's rows stay its own: the territories' dependencies never mix.
    for one in facts:
        assert len({d.id for d in one.dependencies}) == len(one.dependencies)
    assert len({d.id for f in facts for d in f.dependencies}) == sum(len(f.dependencies) for f in facts)


def test_small_chunks_give_the_same_facts(consolidated, monkeypatch):
    with consolidated.reading() as db:
        mesas = _mesas(db)
        whole = compliance.facts_for_mesas(db, mesas, year=2026, today=TODAY)
        monkeypatch.setattr(compliance, "_CHUNK", 3)  # several chunks, one of them short
        chunked = compliance.facts_for_mesas(db, mesas, year=2026, today=TODAY)
    assert chunked == whole


@pytest.mark.slow  # over a second: 5,000 mesas are inserted and read
def test_five_thousand_mesas_are_read_in_chunks(consolidated):
    """SQLite refuses more than its limit of variables in one statement; the ids go in chunks."""
    with consolidated.transaction() as db:
        db.execute(
            insert(Mesa),
            [
                {
                    "id": uuid.uuid4(),
                    "territory_code": "99001",
                    "kind": "municipal",
                    "name": f"Mesa de prueba {n}",
                    "entity_name": "Secretaría de Salud",
                }
                for n in range(5000)
            ],
        )
    with consolidated.reading() as db:
        mesas = _mesas(db)
        facts = compliance.facts_for_mesas(db, mesas, year=2026, today=TODAY)
        cucuta = next(m for m in mesas if m.territory_code == "54001")
        assert facts[cucuta.id] == compliance.facts_of(db, cucuta, year=2026, today=TODAY)
    assert len(facts) == len(mesas) == 5000 + 2 + len(TERRITORIES)
    assert sum(1 for f in facts.values() if not f.sessions) == 5000


def test_one_mesa_outside_the_vocabulary_leaves_the_others_standing(consolidated):
    with consolidated.transaction() as db:
        db.execute(update(Mesa).where(Mesa.territory_code == "05001").values(convocation_lead_days=-1))
    with consolidated.reading() as db:
        mesas = _mesas(db)
        with pytest.raises(ValueError, match="convocation_lead_days"):
            compliance.facts_for_mesas(db, mesas, year=2026, today=TODAY)
        kept = compliance.facts_for_mesas(db, mesas, year=2026, today=TODAY, skip_invalid=True)
        left_out = {m.territory_code for m in mesas if m.id not in kept}
    assert left_out == {"05001"}
    lines = {line.territory_code: line for line in national_view(consolidated, year=2026, today=TODAY).lines}
    assert lines["05001"].reported and lines["05001"].statuses == {}
    assert lines["54001"].statuses and lines["54498"].statuses


def test_the_national_view_shows_each_mesas_rules(consolidated):
    view = national_view(consolidated, year=2026, today=TODAY, only_reported=True)
    with consolidated.reading() as db:
        by_code = {m.territory_code: m for m in _mesas(db)}
        for line in view.lines:
            findings = rules.evaluate(
                compliance.facts_of(db, by_code[line.territory_code], year=2026, today=TODAY)
            )
            for rule, status in line.statuses.items():
                assert status in {f.status for f in findings if f.rule == rule}, (line.territory_code, rule)
            assert set(line.statuses) == {f.rule for f in findings} & set(TRACKED_RULES)
    assert len(view.lines) == 2 + len(TERRITORIES)


def test_the_view_leaves_no_transaction_open_on_postgresql(consolidated):
    if consolidated.engine.dialect.name != "postgresql":
        pytest.skip("solo PostgreSQL")
    national_view(consolidated, year=2026, today=TODAY)
    with consolidated.engine.connect() as conn:
        states = conn.execute(
            text(
                "SELECT state FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()"
            )
        ).scalars()
        assert "idle in transaction" not in set(states)

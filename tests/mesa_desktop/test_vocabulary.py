"""One vocabulary: the stored codes, their labels, and the CHECK constraints made from them."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect
from sqlalchemy.exc import IntegrityError

from mesa_desktop import labels
from mesa_desktop.errors import StoreError
from mesa_desktop.models import Base, MeetingSession
from mesa_desktop.services import sessions
from mesa_desktop.store import Store
from mesa_desktop.store.schema import HEAD_REVISION
from mesa_desktop.vocabulary import STORED_CODES, Role, SessionKind, SessionStatus, codes

FIXTURES = Path(__file__).parent.parent / "fixtures" / "stores"


def test_members_are_the_stored_strings_and_carry_their_label():
    assert SessionKind.ORDINARY == "ordinary" and SessionKind("extraordinary").label == "extraordinaria"
    assert codes(SessionStatus) == ("planned", "convened", "held", "acta_approved", "cancelled")
    assert labels.ROLE_LABELS["alternate"] == Role.ALTERNATE.label == "Suplente"
    assert dict(labels.SESSION_STATUS_LABELS) == {s.value: s.label for s in SessionStatus}


def test_every_stored_code_names_a_real_column():
    for table, column in STORED_CODES:
        assert column in Base.metadata.tables[table].columns, (table, column)


def checks_of(inspector, table: str) -> dict[str, str]:
    return {c["name"]: " ".join(c["sqltext"].split()) for c in inspector.get_check_constraints(table)}


def model_checks(table: str) -> dict[str, str]:
    return {
        c.name: " ".join(str(c.sqltext).split())
        for c in Base.metadata.tables[table].constraints
        if c.__class__.__name__ == "CheckConstraint"
    }


@pytest.mark.parametrize("origin", ["new", "v0004-demo.sqlite"])
def test_the_migrated_store_holds_the_models_check_constraints(origin, tmp_path):
    """compare_metadata does not look at CHECKs; this does, for a new and an upgraded store."""
    path = tmp_path / "mesa.sqlite"
    if origin != "new":
        shutil.copy(FIXTURES / origin, path)
    store = Store(path)
    try:
        inspector = inspect(store.engine)
        tables = {table for table, _ in STORED_CODES}
        for table in tables:
            assert checks_of(inspector, table) == model_checks(table) != {}, table
    finally:
        store.close()


def test_the_store_refuses_a_code_outside_the_vocabulary(tmp_path, demo_store):
    with pytest.raises(IntegrityError, match="ck_meeting_session_kind_code"):
        with demo_store.transaction() as db:
            session = db.query(MeetingSession).first()
            session.kind = "imperial"
            db.flush()
    assert {s.kind for s in sessions.list_sessions(demo_store)} <= set(codes(SessionKind))


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_an_old_store_with_an_unknown_code_is_refused_and_kept_with_its_backup(tmp_path):
    path = tmp_path / "mesa.sqlite"
    shutil.copy(FIXTURES / "v0004-demo.sqlite", path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meeting_session SET kind = 'imperial' WHERE number = 2")
        conn.execute("UPDATE commitment SET status = 'olvidado'")
    with pytest.raises(StoreError) as raised:
        Store(path)
    message = str(raised.value)
    assert "meeting_session.kind = «imperial» (1 fila(s))" in message
    assert "commitment.status = «olvidado»" in message
    assert "copia de seguridad" in message
    # Nothing changed: still at 0004, the unknown code still there for a person to look at.
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0004_session_record"
        assert conn.execute("SELECT count(*) FROM meeting_session WHERE kind = 'imperial'").fetchone()[0] == 1
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 0  # a fresh connection's default
    assert len(list((tmp_path / "copias").glob("antes-de-migrar-0004_session_record-*.sqlite"))) == 1
    # Once corrected, the same file upgrades.
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meeting_session SET kind = 'ordinary' WHERE kind = 'imperial'")
        conn.execute("UPDATE commitment SET status = 'pending' WHERE status = 'olvidado'")
    store = Store(path)
    try:
        assert store.revision() == HEAD_REVISION
    finally:
        store.close()


def test_rebuilding_tables_keeps_every_child_row(tmp_path):
    """The upgrade rebuilds ``mesa``; with foreign keys on, that would cascade-delete the mesa."""
    path = tmp_path / "mesa.sqlite"
    shutil.copy(FIXTURES / "v0004-demo.sqlite", path)
    with sqlite3.connect(path) as conn:
        before = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("person", "attendance")
        }
    store = Store(path)
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
            assert conn.exec_driver_sql("PRAGMA foreign_key_check").first() is None
    finally:
        store.close()
    with sqlite3.connect(path) as conn:
        after = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
    assert after == before and before["attendance"] > 0


def test_the_agenda_templates_use_the_vocabulary():
    from mesa_desktop.vocabulary import AgendaPurpose, SessionTemplate

    purposes = {purpose for items in sessions.AGENDA_TEMPLATES.values() for _, purpose, _ in items}
    assert purposes | {"other"} == set(codes(AgendaPurpose))
    assert set(sessions.AGENDA_TEMPLATES) == set(sessions.PRESIDER_SLOTS) == set(codes(SessionTemplate))

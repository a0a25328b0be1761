from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys

import pytest
from sqlalchemy import text

from mesa_desktop.errors import StoreError
from mesa_desktop.services import sessions
from mesa_desktop.store import Store, resolve_location
from mesa_desktop.store.backup import DAILY_BACKUPS_KEPT, daily_backup
from mesa_desktop.store.schema import HEAD_REVISION, KNOWN_REVISIONS
from tests.support import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "stores"


def test_new_store_is_created_at_head_with_safe_pragmas(tmp_path):
    store = Store(tmp_path / "nuevo.sqlite")
    assert store.revision() == HEAD_REVISION
    with store.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        # FULL (2): a commit the user saw survives a power cut.
        assert conn.execute(text("PRAGMA synchronous")).scalar() == 2
    assert store.quick_check() == "ok"


def test_known_revisions_match_the_shipped_migrations():
    from alembic.script import ScriptDirectory

    from mesa_desktop.store.migrate import alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [HEAD_REVISION]
    chain = [rev.revision for rev in script.walk_revisions()][::-1]
    assert tuple(chain) == KNOWN_REVISIONS


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_models_and_migrations_agree(tmp_path):
    """Autogenerate against a migrated store finds nothing to add: models == migrations."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from mesa_desktop.models import Base

    store = Store(tmp_path / "m.sqlite")
    with store.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_store_from_older_version_is_migrated_keeping_data_and_a_backup(tmp_path):
    old = tmp_path / "mesa.sqlite"
    shutil.copy(FIXTURES / "v0001-demo.sqlite", old)
    assert (
        sqlite3.connect(old).execute("SELECT version_num FROM alembic_version").fetchone()[0]
        == "0001_initial"
    )
    store = Store(old)
    assert store.revision() == HEAD_REVISION
    assert [s.number for s in sessions.list_sessions(store)][:2] == ["001-2026", "002-2026"]
    backups = list((tmp_path / "copias").glob("antes-de-migrar-0001_initial-*.sqlite"))
    assert len(backups) == 1
    assert (
        sqlite3.connect(backups[0]).execute("SELECT version_num FROM alembic_version").fetchone()[0]
        == "0001_initial"
    )


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_store_opened_without_backups_makes_none(tmp_path):
    """``backup=False`` (the fixtures) skips the daily and the pre-migration copies alike."""
    old = tmp_path / "mesa.sqlite"
    shutil.copy(FIXTURES / "v0001-demo.sqlite", old)
    store = Store(old, backup=False)
    try:
        assert store.revision() == HEAD_REVISION
    finally:
        store.close()
    Store(tmp_path / "nuevo.sqlite", backup=False).close()
    assert list((tmp_path / "copias").iterdir()) == []  # the folder, for the imports' copies
    Store(tmp_path / "nuevo.sqlite").close()  # the default still makes the daily copy
    assert len(list((tmp_path / "copias").glob("diaria-*.sqlite"))) == 1


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_store_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "futuro.sqlite"
    Store(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    with pytest.raises(StoreError, match="versión más reciente"):
        Store(path)


def test_a_file_that_is_not_sqlite_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "acta.docx"
    path.write_bytes(b"PK\x03\x04 not a database")
    with pytest.raises(StoreError, match="no es un almacén"):
        Store(path)
    assert path.read_bytes() == b"PK\x03\x04 not a database"


def test_location_comes_from_argument_then_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("MESA_DB", str(tmp_path / "env.sqlite"))
    assert resolve_location(None).endswith("env.sqlite")
    assert resolve_location(tmp_path / "arg.sqlite").endswith("arg.sqlite")
    assert resolve_location("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"


def test_default_location_is_the_user_data_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("MESA_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert resolve_location(None) == f"sqlite:///{tmp_path / 'xdg' / 'MesaDesktop' / 'mesa.sqlite'}"


def test_daily_backup_is_made_once_a_day_and_rotated(tmp_path, demo_store):
    from datetime import date, timedelta

    folder = tmp_path / "rot"
    for offset in range(DAILY_BACKUPS_KEPT + 3):
        made = daily_backup(demo_store.file, folder, date(2026, 1, 1) + timedelta(days=offset))
        assert made is not None
    assert daily_backup(demo_store.file, folder, date(2026, 1, 1) + timedelta(days=offset)) is None
    kept = sorted(p.name for p in folder.glob("diaria-*.sqlite"))
    assert len(kept) == DAILY_BACKUPS_KEPT
    assert kept[-1] == f"diaria-{date(2026, 1, 1) + timedelta(days=offset)}.sqlite"


def test_backup_and_restore_round_trip_keeps_the_replaced_store(tmp_path, demo_store):
    copy = demo_store.backup_to(tmp_path / "copia.sqlite")
    sessions.new_session(demo_store, on=__import__("datetime").date(2026, 12, 10), kind="ordinary")
    assert len(sessions.list_sessions(demo_store)) == 6
    kept = demo_store.restore_from(copy)
    assert len(sessions.list_sessions(demo_store)) == 5
    assert kept.exists()
    assert len(sessions.list_sessions(Store(kept))) == 6


@pytest.mark.parametrize(
    "content, message",
    [
        (b"esto no es una base de datos", "no es una copia"),
        (b"SQLite format 3\x00" + b"\x00" * 200, "No se pudo leer|dañada"),
    ],
)
def test_restore_refuses_bad_files_and_changes_nothing(tmp_path, demo_store, content, message):
    bad = tmp_path / "mala.sqlite"
    bad.write_bytes(content)
    before = len(sessions.list_sessions(demo_store))
    with pytest.raises(StoreError, match=message):
        demo_store.restore_from(bad)
    assert len(sessions.list_sessions(demo_store)) == before


def test_restore_refuses_a_sqlite_file_of_another_program(tmp_path, demo_store):
    other = tmp_path / "otra.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE clientes (id INTEGER)")
    with pytest.raises(StoreError, match="no contiene datos de Mesa Desktop"):
        demo_store.restore_from(other)


def test_opening_a_current_store_imports_neither_alembic_nor_reportlab(demo_store_file):
    code = (
        "import sys\n"
        "from mesa_desktop.store import Store\n"
        f"Store({str(demo_store_file)!r})\n"
        "from mesa_desktop.services import attendance, sessions\n"
        "import mesa_desktop.cli.main\n"
        "print(sorted(m for m in ('alembic', 'reportlab', 'PySide6') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_services_composed_in_one_transaction_commit_or_roll_back_together(tmp_path):
    """An operation made of several services is one transaction: a refusal in the second
    undoes the first, and a read inside sees the transaction's own writes."""
    store = Store(tmp_path / "mesa.sqlite")
    from mesa_desktop.services import conformation

    conformation.init_mesa(store, territory_code="54001")

    def count() -> int:
        with store.reading() as db:
            return db.execute(text("select count(*) from dependency")).scalar_one()

    before = count()
    with pytest.raises(RuntimeError):
        with store.transaction():
            conformation.add_dependency(store, "Dependencia compuesta")
            assert count() == before + 1  # the read joins the open transaction
            raise RuntimeError("the second step refuses")
    assert count() == before

    with store.transaction():
        conformation.add_dependency(store, "Dependencia compuesta")
    assert count() == before + 1

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import event, text

from mesa_desktop.store import Store
from mesa_desktop.store.schema import HEAD_REVISION
from tests.support import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "stores"


def _statements_committed(store: Store) -> list[str]:
    seen: list[str] = []
    event.listen(store.engine, "commit", lambda _conn: seen.append("commit"))
    return seen


def test_schema_creation_is_one_transaction(tmp_path):
    store = Store(tmp_path / "nuevo.sqlite", migrate=False)
    commits = _statements_committed(store)
    store.migrate_if_needed()
    assert commits == ["commit"]
    assert store.revision() == HEAD_REVISION


def test_upgrade_from_the_oldest_fixture_is_one_transaction(tmp_path):
    path = tmp_path / "viejo.sqlite"
    shutil.copy(FIXTURES / "v0001-demo.sqlite", path)
    store = Store(path, migrate=False)
    commits = _statements_committed(store)
    store.migrate_if_needed()
    assert commits == ["commit"]
    assert store.revision() == HEAD_REVISION


def _half_migrate_as_an_older_build_did(path: Path) -> None:
    """What a kill during 0002 left: the copy made first, then the new table, no version bump."""
    copias = path.parent / "copias"
    copias.mkdir()
    shutil.copy(path, copias / "antes-de-migrar-0001_initial-20250101-000000-000000.sqlite")
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE app_setting (key VARCHAR(120) PRIMARY KEY, value TEXT NOT NULL)")


def test_half_migrated_store_is_restored_from_its_copy_with_a_notice(tmp_path):
    path = tmp_path / "mesa.sqlite"
    shutil.copy(FIXTURES / "v0001-demo.sqlite", path)
    with sqlite3.connect(path) as conn:
        sessions_before = conn.execute("SELECT count(*) FROM meeting_session").fetchone()[0]
    _half_migrate_as_an_older_build_did(path)

    store = Store(path)
    assert store.revision() == HEAD_REVISION
    assert "a medio actualizar" in store.notice
    assert "antes-de-migrar-0001_initial-20250101" in store.notice
    with store.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM meeting_session")).scalar() == sessions_before
    assert store.quick_check() == "ok"
    store.close()

    again = Store(path)
    assert again.notice is None
    again.close()


def test_a_failing_open_makes_one_pre_migration_copy_not_one_per_try(tmp_path):
    path = tmp_path / "mesa.sqlite"
    shutil.copy(FIXTURES / "v0001-demo.sqlite", path)
    _half_migrate_as_an_older_build_did(path)
    for copy in (path.parent / "copias").iterdir():
        copy.unlink()  # no usable copy: every open fails
    for _ in range(3):
        try:
            Store(path).close()
        except Exception as error:
            assert "mesa restore" in str(error)
    copies = list((path.parent / "copias").glob("antes-de-migrar-*"))
    assert len(copies) == 1


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_half_created_new_store_is_created_again(tmp_path):
    head = Store(tmp_path / "modelo.sqlite")
    with head.engine.connect() as conn:
        create_mesa = conn.execute(text("SELECT sql FROM sqlite_master WHERE name='mesa'")).scalar()
    head.close()
    path = tmp_path / "mesa.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute(create_mesa)

    store = Store(path)
    assert store.revision() == HEAD_REVISION
    assert "a medio crear" in store.notice
    store.close()


def test_half_created_store_with_data_is_refused_and_left_as_is(tmp_path):
    path = tmp_path / "mesa.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE mesa (id TEXT)")
        conn.execute("INSERT INTO mesa VALUES ('x')")
    try:
        Store(path)
    except Exception as error:
        assert "no se modificó" in str(error)
    else:
        raise AssertionError("a store with data and no version must be refused")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT id FROM mesa").fetchall() == [("x",)]
        tables = conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    assert tables == [("mesa",)]


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_the_cli_prints_the_repair_notice_in_one_line(tmp_path):
    import subprocess
    import sys

    path = tmp_path / "mesa.sqlite"
    shutil.copy(FIXTURES / "v0001-demo.sqlite", path)
    _half_migrate_as_an_older_build_did(path)
    done = subprocess.run(
        [sys.executable, "-m", "mesa_desktop.cli.main", "--db", str(path), "check"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    notices = [line for line in done.stderr.splitlines() if line.startswith("Aviso:")]
    assert len(notices) == 1 and "se recuperó automáticamente" in notices[0]
    assert "Traceback" not in done.stderr

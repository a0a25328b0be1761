"""A store made by every released schema revision opens in this version with its data intact.

Each fixture is a real demo store written by the code of its revision (``v0002-demo.sqlite``
by the commit whose head was 0002, and so on). A new migration must bring its own fixture:
the first test fails until ``tests/fixtures/stores/v<NNNN>-demo.sqlite`` exists for it.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from mesa_desktop.services import actas, document_data, sessions
from mesa_desktop.store import Store
from mesa_desktop.store.schema import HEAD_REVISION, KNOWN_REVISIONS
from tests.support import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "stores"


def fixture_for(revision: str) -> Path:
    return FIXTURES / f"v{revision[:4]}-demo.sqlite"


def test_every_schema_revision_has_a_store_fixture():
    assert [r for r in KNOWN_REVISIONS if not fixture_for(r).is_file()] == []


def row_counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        tables = [
            name
            for (name,) in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                "AND name != 'alembic_version'"
            )
        ]
        return {table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0] for table in tables}


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_store_of_each_revision_opens_with_its_data(revision, tmp_path):
    path = tmp_path / "mesa.sqlite"
    shutil.copy(fixture_for(revision), path)
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == revision
    before = row_counts(path)
    store = Store(path)
    try:
        assert store.revision() == HEAD_REVISION
        after = row_counts(path)
        # Migrations may add tables (and fill them from old columns); they never lose rows.
        assert {table: after[table] for table in before} == before
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        listed = sessions.list_sessions(store)
        assert len(listed) == 5 and listed[0].number.startswith("001-")
        approved = [
            a for a in (actas.current_acta(store, s.id) for s in listed) if a is not None and a.locked
        ]
        assert len(approved) >= 3
        for acta in approved:  # the frozen content still matches the hash recorded at approval
            with sqlite3.connect(path) as conn:
                (frozen,) = conn.execute(
                    "SELECT approved_content FROM acta WHERE id = ?", (acta.id.hex,)
                ).fetchone()  # ids are stored as 32 hex digits
            assert hashlib.sha256(frozen.encode("utf-8")).hexdigest() == acta.content_sha256
        # Still usable: the first session's acta renders from the migrated data.
        from mesa_desktop.documents.acta import write_acta

        pdf = write_acta(document_data.acta_data(store, listed[0].id), tmp_path / "acta.pdf")
        assert Path(pdf).read_bytes().startswith(b"%PDF")
    finally:
        store.close()

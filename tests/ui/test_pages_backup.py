"""Backup page: copy now, list of copies, validated restore that can be undone, health check."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlite3  # noqa: E402

from pages_fixtures import page_ctx, page_store, show, table_texts  # noqa: E402, F401

from mesa_desktop.services import conformation  # noqa: E402
from ui.pages import page_kit as kit  # noqa: E402
from ui.pages.backup import BackupPage  # noqa: E402


def dependency_names(store):
    return {d.name for d in conformation.list_members(store)}


def test_lists_the_daily_copy_and_creates_one_now(qtbot, page_ctx, monkeypatch, tmp_path):
    page = show(qtbot, BackupPage(page_ctx))
    assert "Automática diaria" in table_texts(page.table, 1)
    target = tmp_path / "mi-copia"
    monkeypatch.setattr(kit, "save_file", lambda *a, **k: str(target))
    page.backup_button.click()
    copy = tmp_path / "mi-copia.sqlite"
    assert copy.exists()
    with sqlite3.connect(copy) as conn:
        assert conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM dependency").fetchone()[0] == 19
    assert "Copia guardada" in page.result.text()
    assert page_ctx.errors == []


def test_restoring_a_garbage_file_is_refused_in_spanish_and_changes_nothing(qtbot, page_ctx, monkeypatch, tmp_path):
    before = dependency_names(page_ctx.store)
    garbage = tmp_path / "copia.sqlite"
    garbage.write_bytes(b"esto no es una base de datos" * 100)
    page = show(qtbot, BackupPage(page_ctx))
    monkeypatch.setattr(kit, "open_file", lambda *a, **k: str(garbage))
    asked = []
    monkeypatch.setattr(kit, "confirm", lambda *a, **k: asked.append(a[2]) or True)
    page.restore_button.click()
    assert asked and "copia.sqlite" in asked[0]
    assert page_ctx.errors == ["copia.sqlite no es una copia de seguridad de Mesa Desktop (no es una base de datos SQLite)."]
    assert page.result.text() == page_ctx.errors[0]
    assert dependency_names(page_ctx.store) == before
    assert page_ctx.store.quick_check() == "ok"


def test_restore_brings_back_the_copy_and_keeps_the_replaced_data(qtbot, page_ctx, monkeypatch, tmp_path):
    copy = tmp_path / "antes.sqlite"
    page_ctx.store.backup_to(copy)
    conformation.add_dependency(page_ctx.store, "Oficina de Atención al Migrante")
    page = show(qtbot, BackupPage(page_ctx))
    changed = []
    page_ctx.changed.connect(changed.append)
    monkeypatch.setattr(kit, "open_file", lambda *a, **k: str(copy))
    monkeypatch.setattr(kit, "confirm", lambda *a, **k: True)
    page.restore_button.click()
    assert page_ctx.errors == []
    assert "Oficina de Atención al Migrante" not in dependency_names(page_ctx.store)
    assert "members" in changed and "store" in changed  # every screen reloads
    assert "Antes de una restauración" in table_texts(page.table, 1)


def test_cancelled_restore_does_nothing(qtbot, page_ctx, monkeypatch):
    page = show(qtbot, BackupPage(page_ctx))
    monkeypatch.setattr(kit, "confirm", lambda *a, **k: False)
    page.restore_selected_button.click()
    assert page_ctx.errors == [] and "Restaur" not in page.result.text()


def test_check_database(qtbot, page_ctx):
    page = show(qtbot, BackupPage(page_ctx))
    page.check_button.click()
    assert "buen estado" in page.result.text()

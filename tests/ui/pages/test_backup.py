"""Backup page: copy now, list of copies, validated restore that can be undone, health check."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import sqlite3

import pytest

from mesa_desktop.services import conformation
from tests.support.ui import show, table_texts
from ui.pages import page_kit as kit
from ui.pages.backup import BackupPage


@pytest.fixture
def daily_backups() -> bool:
    return True  # the fixture stores' daily copy is what these tests look at


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


def test_restoring_a_garbage_file_is_refused_in_spanish_and_changes_nothing(
    qtbot, page_ctx, monkeypatch, tmp_path
):
    before = dependency_names(page_ctx.store)
    garbage = tmp_path / "copia.sqlite"
    garbage.write_bytes(b"esto no es una base de datos" * 100)
    page = show(qtbot, BackupPage(page_ctx))
    monkeypatch.setattr(kit, "open_file", lambda *a, **k: str(garbage))
    asked = []
    monkeypatch.setattr(kit, "confirm", lambda *a, **k: asked.append(a[2]) or True)
    page.restore_button.click()
    assert asked and "copia.sqlite" in asked[0]
    assert page_ctx.errors == [
        "copia.sqlite no es una copia de seguridad de Mesa Desktop (no es una base de datos SQLite)."
    ]
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


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_an_encrypted_copy_needs_both_passphrases_and_restores_with_the_right_one(
    qtbot, page_ctx, monkeypatch, tmp_path
):
    from pyrage import passphrase as age_passphrase

    from ui.pages import backup as backup_page

    page = show(qtbot, BackupPage(page_ctx))
    target = tmp_path / "cifrada"
    monkeypatch.setattr(kit, "save_file", lambda *a, **k: str(target))
    page.encrypt_check.setChecked(True)
    page.passphrase_edit.setText("clave larga")
    page.confirm_edit.setText("clave corta")
    page.backup_button.click()
    assert "dos veces" in page.result.text() and not list(tmp_path.glob("cifrada*"))
    page.confirm_edit.setText("clave larga")
    page.backup_button.click()
    copy = tmp_path / "cifrada.sqlite.age"
    assert age_passphrase.decrypt(copy.read_bytes(), "clave larga").startswith(b"SQLite format 3\x00")
    assert page_ctx.errors == []

    before = dependency_names(page_ctx.store)
    conformation.add_dependency(page_ctx.store, "Oficina de Atención al Migrante")
    monkeypatch.setattr(kit, "open_file", lambda *a, **k: str(copy))
    monkeypatch.setattr(kit, "confirm", lambda *a, **k: True)
    typed = iter(["equivocada", "clave larga"])
    asked = []
    monkeypatch.setattr(backup_page, "ask_passphrase", lambda _p, name: asked.append(name) or next(typed))
    page.restore_button.click()
    assert asked == ["cifrada.sqlite.age"]
    assert len(page_ctx.errors) == 1 and page_ctx.errors[0].startswith("La contraseña no abre la copia")
    assert "Oficina de Atención al Migrante" in dependency_names(page_ctx.store)
    page.restore_button.click()
    assert len(page_ctx.errors) == 1
    assert dependency_names(page_ctx.store) == before


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_the_daily_copy_can_be_encrypted_and_is_listed_as_such(qtbot, page_ctx, monkeypatch):
    from datetime import date

    from mesa_desktop.store.backup import daily_backup
    from ui.pages import backup as backup_page

    page = show(qtbot, BackupPage(page_ctx))
    assert not page.daily_check.isChecked()
    monkeypatch.setattr(backup_page, "ask_new_passphrase", lambda *a: None)
    page.daily_check.click()  # cancelled: stays off
    assert not page.daily_check.isChecked() and not page_ctx.store.daily_encryption_on()
    monkeypatch.setattr(backup_page, "ask_new_passphrase", lambda *a: "la de las copias")
    page.daily_check.click()
    assert page.daily_check.isChecked() and page_ctx.store.daily_encryption_on()
    made = daily_backup(page_ctx.store.file, page_ctx.store.backups_dir, date(2031, 1, 1))
    page.refresh()
    assert "Automática diaria (cifrada)" in table_texts(page.table, 1)
    monkeypatch.setattr(kit, "confirm", lambda *a, **k: True)
    monkeypatch.setattr(backup_page, "ask_passphrase", lambda *a: "la de las copias")
    monkeypatch.setattr(kit, "selected_key", lambda _t: str(made))
    page.restore_selected_button.click()
    assert page_ctx.errors == [] and "Se restauró" in page.result.text()
    assert BackupPage(page_ctx).daily_check.isChecked()  # the choice is kept with the copies
    page.daily_check.click()
    assert not page_ctx.store.daily_encryption_on()

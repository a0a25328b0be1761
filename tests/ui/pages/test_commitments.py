"""Commitments board: filters, overdue in red, status change, notes, edit, Excel export."""

from __future__ import annotations

import os

from mesa_desktop import clock

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date

from mesa_desktop.services import commitments
from tests.support.ui import show, table_texts
from ui.pages import page_kit as kit
from ui.pages.commitments import CommitmentsPage


def stored(ctx):
    return {c.id: c for c in commitments.list_commitments(ctx.store)}


def test_board_lists_every_commitment_and_the_overdue_filter_keeps_only_overdue(qtbot, page_ctx):
    page = show(qtbot, CommitmentsPage(page_ctx))
    everything = stored(page_ctx)
    assert page.table.rowCount() == len(everything)
    overdue = [c for c in everything.values() if c.is_overdue()]
    assert overdue, "the demo leaves overdue commitments"
    assert page.overdue_card.value.text() == str(len(overdue))

    page.overdue_only.setChecked(True)
    assert page.table.rowCount() == len(overdue)
    assert set(kit.keys_in(page.table)) == {c.id for c in overdue}
    assert all(text.startswith("Vencido hace") for text in table_texts(page.table, 3))
    # Overdue rows are red.
    assert page.table.item(0, 0).foreground().color().name() == kit.TONES["missing"][0]
    assert page_ctx.errors == []


def test_dependency_and_status_filters(qtbot, page_ctx):
    page = show(qtbot, CommitmentsPage(page_ctx))
    everything = list(stored(page_ctx).values())
    done = [c for c in everything if c.status == "done"]
    page.status_filter.setCurrentIndex(page.status_filter.findData("done"))
    assert page.table.rowCount() == len(done)
    page.status_filter.setCurrentIndex(page.status_filter.findData("all"))
    target = everything[0].responsible_dependency_id
    page.dependency_filter.setCurrentIndex(page.dependency_filter.findData(str(target)))
    assert page.table.rowCount() == sum(1 for c in everything if c.responsible_dependency_id == target)
    assert page.count_label.text().endswith(f"de {len(everything)} compromisos")


def test_marking_an_overdue_commitment_done_with_a_note_persists(qtbot, page_ctx, monkeypatch):
    page = show(qtbot, CommitmentsPage(page_ctx))
    page.overdue_only.setChecked(True)
    before = page.table.rowCount()
    item = page.current()

    def fill(dialog):
        dialog.status.setCurrentIndex(dialog.status.findData("done"))
        dialog.note.setPlainText("Se entregó el censo en la sesión de cierre.")
        return True

    monkeypatch.setattr(kit, "run_dialog", fill)
    page.status_button.click()
    after = stored(page_ctx)[item.id]
    assert after.status == "done" and after.done_on == clock.today()
    assert after.notes[-1][1] == "Se entregó el censo en la sesión de cierre."
    assert page.table.rowCount() == before - 1  # no longer overdue
    assert page_ctx.errors == []


def test_follow_up_note_and_edit(qtbot, page_ctx, monkeypatch):
    page = show(qtbot, CommitmentsPage(page_ctx))
    item = page.current()
    monkeypatch.setattr(
        kit, "run_dialog", lambda d: (d.note.setPlainText("Llamada al enlace: avanza."), True)[1]
    )
    page.note_button.click()
    assert stored(page_ctx)[item.id].notes[-1][1] == "Llamada al enlace: avanza."
    assert "Llamada al enlace" in page.details.toPlainText()

    new_due = date(clock.today().year + 1, 3, 31)

    def edit(dialog):
        dialog.text.setPlainText("Texto corregido del compromiso")
        dialog.due.setDate(kit.to_qdate(new_due))
        return True

    monkeypatch.setattr(kit, "run_dialog", edit)
    page.edit_button.click()
    after = stored(page_ctx)[item.id]
    assert after.text == "Texto corregido del compromiso" and after.due_date == new_due


def test_new_commitment(qtbot, page_ctx, monkeypatch):
    page = show(qtbot, CommitmentsPage(page_ctx))
    before = page.table.rowCount()

    def fill(dialog):
        dialog.text.setPlainText("Enviar la base de datos de gestantes migrantes")
        dialog.dependency.setCurrentIndex(2)
        dialog.session.setCurrentIndex(1)
        return True

    monkeypatch.setattr(kit, "run_dialog", fill)
    page.new_button.click()
    assert page.table.rowCount() == before + 1
    assert "Enviar la base de datos de gestantes migrantes" in table_texts(page.table)


def test_excel_export_of_the_visible_rows(qtbot, page_ctx, monkeypatch, tmp_path):
    page = show(qtbot, CommitmentsPage(page_ctx))
    assert page.excel_button.isVisible()
    page.overdue_only.setChecked(True)
    target = tmp_path / "compromisos"
    monkeypatch.setattr(kit, "save_file", lambda *a, **k: str(target))
    page.excel_button.click()
    assert page_ctx.errors == []
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "compromisos.xlsx").worksheets[0]
    texts = [row[1] for row in sheet.iter_rows(values_only=True)]
    header_row = next(i for i, row in enumerate(sheet.iter_rows(values_only=True)) if "Compromiso" in row)
    assert len(texts) - header_row - 1 == page.table.rowCount()

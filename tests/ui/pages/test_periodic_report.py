"""Informe periódico page: create a draft pre-filled from the period, edit, issue, mark sent."""

from __future__ import annotations

import hashlib
import os
from datetime import date

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

from mesa_desktop.services import periodic_reports
from tests.support.ui import show, table_texts
from ui.pages import page_kit as kit
from ui.pages.periodic_report import PeriodicReportPage


def _period(page: PeriodicReportPage, start: date, end: date) -> None:
    page.new_start.setDate(kit.to_qdate(start))
    page.new_end.setDate(kit.to_qdate(end))


def test_an_empty_list_suggests_the_last_closed_semester(qtbot, page_ctx):
    page = show(qtbot, PeriodicReportPage(page_ctx))
    assert page.table.rowCount() == 0
    assert "Crear borrador" in page.state_notice.text()
    assert page.frequency.currentData() == "semestral"
    today = date.today()
    start = kit.from_qdate(page.new_start.date())
    assert start.day == 1 and start.month in (1, 7) and start < today
    assert not page.issue_button.isEnabled() and not page.pdf_button.isEnabled()
    assert page_ctx.errors == []


@pytest.mark.slow  # over a second: issuing renders the PDF
def test_draft_edit_issue_and_send(qtbot, page_ctx, dialogs, tmp_path, monkeypatch):
    page = show(qtbot, PeriodicReportPage(page_ctx))
    _period(page, date(2026, 1, 1), date(2026, 6, 30))
    page.new_button.click()
    assert table_texts(page.table, 2) == ["Borrador"]
    assert "2 sesiones en el periodo" in page.editors["progress"].toPlainText()
    assert "Migración Colombia" in page.editors["articulations"].toPlainText()
    assert "2 sesiones realizadas" in page.facts.text() and "3 compromisos vencen" in page.facts.text()

    page.editors["psychosocial"].setPlainText("Dos psicólogas contratadas para la estrategia.")
    page.save_button.click()
    (saved,) = periodic_reports.list_reports(page_ctx.store)
    assert saved.psychosocial == "Dos psicólogas contratadas para la estrategia."

    page.editors["opportunities"].setPlainText("Cofinanciación con la OIM.")  # saved by issuing
    page.issue_button.click()
    assert dialogs.confirmations and "congelados" in dialogs.confirmations[-1]
    (issued,) = periodic_reports.list_reports(page_ctx.store)
    assert issued.status == "issued" and issued.opportunities == "Cofinanciación con la OIM."
    assert table_texts(page.table, 1) == [issued.number]
    assert page.editors["progress"].isReadOnly() and not page.save_button.isEnabled()
    assert (
        issued.pdf_sha256 in page.state_notice.text() and "no se puede modificar" in page.state_notice.text()
    )

    target = tmp_path / "informe.pdf"
    monkeypatch.setattr(kit, "save_file", lambda *_a: str(target))
    page.pdf_button.click()
    assert hashlib.sha256(target.read_bytes()).hexdigest() == issued.pdf_sha256

    # It cannot be sent before it was issued: the date field starts there.
    assert kit.from_qdate(page.sent_on.minimumDate()) == issued.issued_on
    page.sent_on.setDate(kit.to_qdate(date(2026, 7, 20)))
    page.sent_button.click()
    (sent,) = periodic_reports.list_reports(page_ctx.store)
    assert sent.sent_on == issued.issued_on
    assert table_texts(page.table, 2) == ["Enviado"]
    assert page.sent_button.isHidden()
    assert not page.sent_button.isEnabled()
    assert page_ctx.errors == [] and dialogs.errors == []


def test_changing_the_frequency_warns_that_past_periods_are_judged_by_it(qtbot, page_ctx, dialogs):
    # The store has no date for the change, so compliance applies it to the whole year (item 17).
    page = show(qtbot, PeriodicReportPage(page_ctx))
    assert "periodos que ya pasaron" in page.frequency.toolTip()
    dialogs.answer = False
    index = page.frequency.findData("trimestral")
    page.frequency.setCurrentIndex(index)
    page.frequency.activated.emit(index)
    assert dialogs.confirmations == [
        "Cambiar la periodicidad: ¿Cambiar la periodicidad del informe a trimestral?"
    ]
    assert periodic_reports.frequency(page_ctx.store) == "semestral"
    assert page.frequency.currentData() == "semestral"  # the control goes back to the stored one
    dialogs.answer = True
    page.frequency.setCurrentIndex(index)
    page.frequency.activated.emit(index)
    assert periodic_reports.frequency(page_ctx.store) == "trimestral"
    assert len(dialogs.confirmations) == 2


def test_the_frequency_is_saved_for_the_mesa(qtbot, page_ctx, dialogs):
    page = show(qtbot, PeriodicReportPage(page_ctx))
    index = page.frequency.findData("trimestral")
    page.frequency.setCurrentIndex(index)
    page.frequency.activated.emit(index)
    assert periodic_reports.frequency(page_ctx.store) == "trimestral"
    start = kit.from_qdate(page.new_start.date())
    assert start.month in (1, 4, 7, 10)


def test_a_new_mesa_is_not_offered_a_period_before_it_existed(qtbot, territorial_store):
    from tests.support.ui import make_ctx

    ctx = make_ctx(territorial_store)
    page = show(qtbot, PeriodicReportPage(ctx))
    began = periodic_reports.mesa_began(territorial_store)
    assert began is not None
    start, end = kit.from_qdate(page.new_start.date()), kit.from_qdate(page.new_end.date())
    assert start <= began <= end  # the semester the mesa began in, not the one before


def test_an_empty_report_is_not_issued_and_the_screen_says_why(qtbot, page_ctx, dialogs):
    page = show(qtbot, PeriodicReportPage(page_ctx))
    _period(page, date(2026, 1, 1), date(2026, 6, 30))
    page.new_button.click()
    for box in page.editors.values():
        box.setPlainText("")
    page.issue_button.click()
    (report,) = periodic_reports.list_reports(page_ctx.store)
    assert report.status == "draft"
    shown = page_ctx.errors + dialogs.errors
    assert any("secciones del informe están vacías" in message for message in shown), shown

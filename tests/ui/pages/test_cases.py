"""Case referrals page: notice, minimal form, optional name, close and reopen, aggregates."""

from __future__ import annotations

import os

from mesa_desktop import clock

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


from mesa_desktop.services import cases
from tests.support.ui import show, table_texts
from ui.pages import page_kit as kit
from ui.pages.cases import CasesPage


def test_notice_list_and_totals(qtbot, page_ctx):
    items = cases.list_cases(page_ctx.store)
    page = show(qtbot, CasesPage(page_ctx))
    assert page.notice.text() == cases.SENSITIVE_NOTICE
    assert page.notice.isVisible()
    assert page.table.rowCount() == len(items)
    this_year = [c for c in items if c.referred_on.year == clock.today().year]
    total_row = page.totals.rowCount() - 1
    assert page.totals.item(total_row, 0).text() == "Total"
    assert page.totals.item(total_row, 4).text() == str(len(this_year))
    open_count = sum(1 for c in items if c.status != "closed")
    page.open_only.setChecked(True)
    assert page.table.rowCount() == open_count
    assert page_ctx.errors == []


def test_register_a_case_without_a_name(qtbot, page_ctx):
    page = show(qtbot, CasesPage(page_ctx))
    before = page.table.rowCount()
    page.actor.setCurrentText("Médicos del Mundo")
    page.need.setCurrentIndex(page.need.findData("salud_mental"))
    page.population.setCurrentIndex(page.population.findData("transito"))
    page.age_group.setCurrentIndex(page.age_group.findData("18-59"))
    assert not page.person_name.isEnabled()
    page.add_button.click()
    assert page.table.rowCount() == before + 1
    newest = max(
        cases.list_cases(page_ctx.store),
        key=lambda c: c.code if c.referring_actor == "Médicos del Mundo" else "",
    )
    assert newest.referring_actor == "Médicos del Mundo" and newest.need == "salud_mental"
    assert newest.population == "transito" and newest.person_name is None
    assert page.current().id == newest.id


def test_the_name_is_kept_only_when_the_box_is_ticked(qtbot, page_ctx):
    page = show(qtbot, CasesPage(page_ctx))
    page.actor.setCurrentText("Pastoral Social")
    page.with_name.setChecked(True)
    assert page.person_name.isEnabled() and page.name_warning.isVisible()
    page.add_button.click()  # ticked but empty: refused
    assert "nombre" in page.form_error.text()
    page.person_name.setText("Yusmary Pérez")
    page.add_button.click()
    named = [c for c in cases.list_cases(page_ctx.store) if c.person_name]
    assert [c.person_name for c in named] == ["Yusmary Pérez"]
    assert not page.with_name.isChecked() and page.person_name.text() == ""
    assert table_texts(page.table, 7)[0] == "Registrado"


def test_close_and_reopen(qtbot, page_ctx):
    page = show(qtbot, CasesPage(page_ctx))
    page.open_only.setChecked(True)
    case = page.current()
    assert case.status != "closed"
    page.close_button.click()
    stored = {c.id: c for c in cases.list_cases(page_ctx.store)}[case.id]
    assert stored.status == "closed" and stored.closed_on == clock.today()
    assert case.id not in kit.keys_in(page.table)
    page.open_only.setChecked(False)
    kit.select_key(page.table, case.id)
    assert page.close_button.text() == "Reabrir caso"
    page.close_button.click()
    assert {c.id: c for c in cases.list_cases(page_ctx.store)}[case.id].status == "open"


def test_the_form_is_not_cut_at_1366x768_even_with_larger_text(demo_window, qtbot):
    """ "Registrar nombre (requiere autoi…" was cut; a quarter larger text (Windows at 125 %)
    still fits the form at 1366×768."""
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QWidget

    page = demo_window.show_page("cases")
    font = page.font()
    font.setPointSizeF(font.pointSizeF() * 1.25)
    page.setFont(font)
    page.with_name.setChecked(True)
    qtbot.wait(20)
    assert demo_window.width() == 1366
    box = page.with_name.parentWidget()
    cut = [
        widget.text() if hasattr(widget, "text") else widget.currentText()
        for widget in box.findChildren(QWidget)
        if isinstance(widget, QLabel | QAbstractButton | QComboBox)
        and widget.isVisible()
        and widget.width() < widget.minimumSizeHint().width()
    ]
    assert cut == []
    assert page.with_name.width() >= page.with_name.sizeHint().width()

"""Sessions screen: templates, calendar, agenda editor, follow-up of commitments, status, convocation."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import QDate

from mesa_desktop import clock
from mesa_desktop.services import commitments, sessions
from ui.widgets.session_picker import default_session


@pytest.fixture
def sessions_page(make_window, populated_store):
    window = make_window(populated_store)
    return window.show_page("sessions")


def test_list_and_calendar_show_the_sessions(demo_window, demo_store):
    page = demo_window.show_page("sessions")
    numbers = [page.table.item(r, 0).text() for r in range(page.table.rowCount())]
    year = clock.today().year
    assert numbers == [f"00{n}-{year}" for n in range(5, 0, -1)]  # most recent first
    assert page.table.item(4, 2).text() == "Instalación"
    assert page.table.item(0, 3).text() == "Realizada"
    first = sessions.list_sessions(demo_store)[0]
    mark = page.calendar.dateTextFormat(QDate(first.date.year, first.date.month, first.date.day))
    assert mark.background().color().name() != "#000000" and "Instalación" not in mark.toolTip()
    assert "sesión ordinaria 001" in mark.toolTip().lower()
    # Clicking a highlighted day selects its session.
    page._calendar_clicked(QDate(first.date.year, first.date.month, first.date.day))
    assert page.session.id == first.id


def test_new_session_from_each_template_has_its_mandatory_items(sessions_page, populated_store):
    page = sessions_page
    created = {}
    for template in ("installation", "extraordinary", "closing"):
        page.new_session()
        dialog = page.dialog
        dialog.template.setCurrentIndex(dialog.template.findData(template))
        assert "(obligatorio)" in dialog.agenda.text()
        dialog.day.setDate(QDate(clock.today()).addDays(30))
        dialog.accept()
        created[template] = page.session
    assert created["extraordinary"].kind == "extraordinary"
    assert created["installation"].template == "installation"
    purposes = [item.purpose for item in created["installation"].agenda]
    assert "installation" in purposes and "national_guidelines" in purposes
    assert all(item.mandatory for item in created["closing"].agenda if item.purpose == "commitments_followup")


def test_lead_time_warning_in_the_dialog(sessions_page):
    page = sessions_page
    page.new_session()
    dialog = page.dialog
    dialog.day.setDate(QDate(clock.today()).addDays(5))
    assert not dialog.warning.isHidden()
    assert "anticipación" in dialog.warning.text()
    dialog.day.setDate(QDate(clock.today()).addDays(20))
    assert dialog.warning.isHidden()
    dialog.reject()


def test_agenda_editor_protects_mandatory_items(sessions_page, populated_store, dialogs):
    page = sessions_page
    session = page.session
    count = len(session.agenda)
    page.agenda.setCurrentRow(0)
    assert "obligatorio" in page.agenda.item(0).text()
    assert not page.remove_button.isEnabled()
    page.new_item.setText("Presentación de la Cruz Roja sobre vacunación")
    page.add_button.click()
    agenda = page.session.agenda
    assert len(agenda) == count + 1
    # New items go before "Definición de compromisos y próxima sesión", which stays last.
    assert agenda[-2].title == "Presentación de la Cruz Roja sobre vacunación"
    assert agenda[-1].purpose == "next_session"
    row = len(agenda) - 2
    page.agenda.setCurrentRow(row)
    assert page.remove_button.isEnabled()
    page.up_button.click()
    assert page.session.agenda[row - 1].title == "Presentación de la Cruz Roja sobre vacunación"
    # Rename in place.
    item = page.agenda.item(row - 1)
    item.setText(f"{row}. Presentación de la Cruz Roja")
    assert page.session.agenda[row - 1].title == "Presentación de la Cruz Roja"
    page.agenda.setCurrentRow(row - 1)
    page.remove_button.click()
    assert dialogs.confirmations and len(page.session.agenda) == count
    assert dialogs.errors == []


def test_followup_item_lists_open_commitments(sessions_page, populated_store):
    page = sessions_page
    commitments.add_commitment(
        populated_store,
        "Entregar el censo de albergues",
        responsible_dependency="Dirección de Aseguramiento",
        due_date=clock.today() - timedelta(days=3),
    )
    commitments.add_commitment(
        populated_store, "Socializar la ruta de atención", due_date=clock.today() + timedelta(days=20)
    )
    page.refresh()
    followup = next(
        i for i in range(page.agenda.count()) if "Seguimiento de compromisos" in page.agenda.item(i).text()
    )
    assert "2 compromisos abiertos" in page.agenda.item(followup).text()
    assert page.followup.isVisibleTo(page) and page.followup.rowCount() == 2
    overdue = [page.followup.item(r, 3).text() for r in range(2)]
    assert overdue.count("Vencido") == 1


def test_status_buttons(sessions_page, populated_store, dialogs):
    page = sessions_page
    assert page.session.status == "convened"
    assert not page.convene_button.isEnabled()
    page.held_button.click()
    assert page.session.status == "held" and not page.cancel_button.isEnabled()
    page.new_session()
    page.dialog.day.setDate(QDate(clock.today()).addDays(40))
    page.dialog.accept()
    assert page.session.status == "planned"
    page.convene_button.click()
    assert page.session.status == "convened" and page.session.convocation_date == clock.today()
    page.cancel_button.click()
    assert page.session.status == "cancelled" and page.reopen_button.isEnabled()
    assert dialogs.errors == []


def test_convocation_writes_letter_invitation_and_email(
    sessions_page, populated_store, tmp_path, monkeypatch, dialogs
):
    page = sessions_page
    session = sessions.new_session(
        populated_store, on=clock.today() + timedelta(days=6), kind="ordinary", start_time=None
    )
    page.open_item(session.id)
    page.refresh()
    assert page.session.id == session.id
    assert not page.lead_warning.isHidden()  # 6 days of notice, the mesa asks for 14
    # No start time yet: a clear Spanish message, no files.
    page.write_convocation()
    assert dialogs.errors and "hora de inicio" in dialogs.errors[-1]
    from datetime import time

    sessions.update_session(populated_store, session.id, start_time=time(9, 0))
    page.refresh()
    monkeypatch.setattr(page, "choose_folder", lambda: str(tmp_path))
    page.write_convocation()
    assert any("anticipación" in text for text in dialogs.confirmations)
    assert len(dialogs.errors) == 1, dialogs.errors
    files = page.last_convocation
    assert files.pdf.read_bytes().startswith(b"%PDF")
    assert b"BEGIN:VCALENDAR" in files.ics.read_bytes()
    assert b"Subject:" in files.eml.read_bytes()


def test_default_session_prefers_today_then_next_then_latest_open():
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class S:
        number: str
        date: date
        status: str

    today = date(2026, 5, 21)
    past = S("001-2026", date(2026, 2, 26), "held")
    approved = S("002-2026", date(2026, 3, 26), "acta_approved")
    todays = S("003-2026", today, "convened")
    future = S("004-2026", date(2026, 8, 27), "planned")
    cancelled = S("005-2026", date(2026, 6, 1), "cancelled")
    assert default_session([past, approved, todays, future, cancelled], today) == todays
    assert default_session([past, approved, future, cancelled], today) == future
    assert default_session([past, approved, cancelled], today) == past
    assert default_session([cancelled], today) is None


def test_screen_dates_and_times_read_like_the_documents():
    """The screens format without Babel (start-up); the words must match the documents'."""
    from datetime import time

    from mesa_desktop.documents import text
    from ui.widgets import format as fmt

    day = date(2026, 1, 1)
    for _ in range(366):
        assert fmt.long_date(day) == text.long_date(day)
        day += timedelta(days=1)
    for hour in range(24):
        for minute in (0, 7, 30, 59):
            assert fmt.clock(time(hour, minute)) == text.clock(time(hour, minute))


def test_a_date_on_a_holiday_or_a_weekend_is_flagged_in_the_dialog(sessions_page):
    page = sessions_page
    page.new_session()
    dialog = page.dialog
    dialog.day.setDate(QDate(2026, 12, 8))
    assert "festivo en Colombia (La Inmaculada Concepción)" in dialog.warning.text()
    dialog.day.setDate(QDate(2026, 12, 5))
    assert "sábado" in dialog.warning.text()
    dialog.reject()

"""The acta as the legal record, through the screens: a session opened at its real time, people
checked in and out at the hours of the paper list, presiders, a decision dated earlier than
when it was typed, one refused for lack of quorum, the previous acta approved in this session,
and the approved acta signed with the installation's certificate.

Every time is on yesterday's date, so whatever the hour the suite runs, none is in the future.
"""

from __future__ import annotations

import subprocess
from datetime import time, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from mesa_desktop import clock
from mesa_desktop.services import acta_signing, actas, attendance, conformation, sessions
from tests.support.ui import DELEGATES, press, type_text


@pytest.fixture
def record_setup(make_window, populated_store, tmp_path, monkeypatch):
    """Yesterday's ordinary session, and the one before whose acta is still a draft."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "datos"))  # the installation's certificate lives here
    yesterday = clock.today() - timedelta(days=1)
    earlier = sessions.new_session(populated_store, on=yesterday - timedelta(days=8), kind="ordinary")
    members = [d for d in conformation.list_members(populated_store) if not d.invited]
    sessions.open_session(populated_store, earlier.id, at=time(9, 0))
    for dependency in members[:7]:
        attendance.check_in(populated_store, earlier.id, dependency.people[0].id, at=time(9, 5))
    sessions.close_session(populated_store, earlier.id, at=time(11, 0))
    actas.ensure_draft(populated_store, earlier.id)
    session = sessions.new_session(populated_store, on=yesterday, kind="ordinary", modality="in_person")
    window = make_window(populated_store)
    return window, session, earlier


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_session_recorded_as_it_happened_approves_the_previous_acta_and_is_signed(
    record_setup, populated_store, dialogs, tmp_path
):
    window, session, earlier = record_setup

    # The paper list, transcribed: seven delegations arrive between 8:00 and 8:12, one leaves at 9:40.
    page = window.show_page("attendance", session.id)
    page.transcribe.setChecked(True)
    for minute, name in enumerate(DELEGATES[:7]):
        page.at_edit.set_value(time(8, 2 * minute))
        type_text(page.search, name.split()[0][:4])
        press(page.search, Qt.Key.Key_Return)
    page.at_edit.set_value(time(9, 40))
    page.table.selectRow(page.table.rowCount() - 1)  # the first to arrive is at the bottom
    assert page.selected_attendee().full_name == DELEGATES[0]
    QTest.mouseClick(page.check_out_button, Qt.MouseButton.LeftButton)
    assert dialogs.errors == []

    # The acta: the session opened at 7:55, presided by two people.
    acta_page = window.show_page("acta", session.id)
    record = acta_page.record
    acta_page.tabs.setCurrentWidget(record)
    record.opened_edit.set_value(time(7, 55))
    record.open_button.click()
    assert sessions.get_session(populated_store, session.id).opened_at is not None
    assert "Se abrió a las 7:55" in record.opened_label.text()
    record.presider_choice.setCurrentIndex(record.presider_choice.findData(DELEGATES[1]))
    record.add_present_button.click()
    type_text(record.typed_name, "Delegada del Ministerio")
    record.typed_position.setText("Profesional especializada")
    record.typed_entity.setText("Ministerio de Salud y Protección Social")
    record.add_typed_button.click()
    presiders = sessions.get_session(populated_store, session.id).presiders
    assert [p.full_name for p in presiders] == [DELEGATES[1], "Delegada del Ministerio"]
    assert record.presider_list.count() == 2

    # A decision typed now, about something decided at 8:40: the quorum of 8:40.
    acta_page.decision_at.set_value(time(8, 40))
    assert acta_page.decision_quorum.text() == "Quórum a esa hora: 7 de 12 — hay quórum"
    type_text(acta_page.decision_text, "Se aprueba el orden del día")
    acta_page.votes_for.setValue(7)
    acta_page.decision_button.click()
    # At 9:45 the first delegation had left: no quorum, refused until recorded as not valid.
    acta_page.decision_at.set_value(time(9, 45))
    type_text(acta_page.decision_text, "Se toma nota del informe de casos")
    acta_page.decision_button.click()
    assert "no había quórum" in dialogs.errors[-1]
    acta_page.without_quorum.setChecked(True)
    acta_page.decision_button.click()
    decisions = actas.list_decisions(populated_store, session.id)
    assert [(d.text, d.quorum_present, d.quorum_met, d.without_quorum) for d in decisions] == [
        ("Se aprueba el orden del día", 7, True, False),
        ("Se toma nota del informe de casos", 6, False, True),
    ]
    assert acta_page.decision_at.chosen() is None  # back to following the clock

    # The previous acta, approved in this session at 9:00, while the quorum held.
    assert not acta_page.previous_box.isHidden()
    acta_page.approve_previous_button.click()
    approve = acta_page.dialog
    approve.at_edit.set_value(time(9, 0))
    approve.accept()
    previous = actas.current_acta(populated_store, earlier.id)
    assert previous.locked and previous.approved_in_session == session.number
    assert any(d.approves_acta == earlier.number for d in actas.list_decisions(populated_store, session.id))
    assert acta_page.previous_box.isHidden()

    # Closed at 10:30, then this acta approved in its own session and signed.
    record.closed_edit.set_value(time(10, 30))
    record.close_button.click()
    assert "Se cerró a las 10:30" in record.closed_label.text()
    # At 10:20 the mesa no longer had its quorum (one delegation left at 9:40): refused.
    for hour, approved in ((time(10, 20), False), (time(9, 20), True)):
        acta_page.open_approve()
        own = acta_page.dialog
        own.session_combo.setCurrentIndex(own.session_combo.findData(str(session.id)))
        own.at_edit.set_value(hour)
        own.accept()
        assert actas.current_acta(populated_store, session.id).locked is approved
    assert "no tenía el quórum de la mesa" in dialogs.errors[-1]
    dialogs.errors.clear()
    assert acta_page.sign_button.isEnabled()
    signed_path = tmp_path / "acta-firmada.pdf"
    acta_page.choose_pdf_target = lambda _suggested: str(signed_path)
    acta_page.open_sign()
    acta_page.dialog.accept()  # the installation's own certificate
    assert dialogs.errors == []
    check = acta_signing.verify_signed_acta(signed_path)
    assert check.intact and check.self_signed and check.covers_whole_file

    text = subprocess.run(
        ["pdftotext", str(signed_path), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "7:55" in flat and "10:30" in flat
    assert f"Se aprobó el acta No. {earlier.number}" in flat
    assert "no es válida" in flat
    assert "Delegada del Ministerio" in flat and DELEGATES[1] in flat
    assert "se retiró a las 9:40" in flat

"""The acta screen records an invited actor convened who did not come (review item 3): chosen
from the invited actors nobody came for, listed among the absentees with its excuse, and taken
off again."""

from __future__ import annotations

from datetime import date, time, timedelta

from mesa_desktop import clock
from mesa_desktop.services import actas, attendance, conformation, sessions

IDS = "Instituto Departamental de Salud de Norte de Santander"


def test_an_invited_actor_who_did_not_come_is_recorded_absent_on_the_acta_screen(
    make_window, populated_store, dialogs
):
    store = populated_store
    conformation.add_dependency(store, IDS, invited=True, active_from=date(2020, 1, 1))
    yesterday = clock.today() - timedelta(days=1)
    session = sessions.new_session(store, on=yesterday, kind="ordinary", template="installation")
    member = next(d for d in conformation.list_members(store) if not d.invited and d.people)
    attendance.check_in(store, session.id, member.people[0].id, at=time(9, 0))
    window = make_window(store)
    page = window.show_page("acta", session.id)
    record = page.record
    page.tabs.setCurrentWidget(record)
    offered = [record.invited_choice.itemText(i) for i in range(record.invited_choice.count())]
    assert IDS in offered and member.name not in offered
    assert not record.remove_invited_button.isEnabled()
    before = record.absences.rowCount()

    record.invited_choice.setCurrentIndex(offered.index(IDS))
    record.add_invited_button.click()
    assert dialogs.errors == []
    assert record.absences.rowCount() == before + 1
    row = record.absences.rowCount() - 1
    assert record.absences.item(row, 0).text() == IDS
    assert IDS not in [record.invited_choice.itemText(i) for i in range(record.invited_choice.count())]
    record.absences.item(row, 1).setText("Agenda con el gobernador")  # typed in its cell
    assert actas.content(store, session.id)["absent_invited"] == [
        {"name": IDS, "excuse": "Agenda con el gobernador"}
    ]

    record.absences.setCurrentCell(row, 0)
    assert record.remove_invited_button.isEnabled()
    record.remove_invited_button.click()
    assert dialogs.errors == []
    assert record.absences.rowCount() == before
    assert actas.content(store, session.id)["absent_invited"] == []
    # A member dependency's row is not one that can be taken off.
    record.absences.setCurrentCell(0, 0)
    assert not record.remove_invited_button.isEnabled()

from __future__ import annotations

from datetime import date, time

import pytest

from mesa_desktop import clock
from mesa_desktop.errors import Conflict, InvalidInput, NotFound
from mesa_desktop.services import sessions


def test_sessions_are_numbered_per_year(store):
    a = sessions.new_session(store, on=date(2026, 3, 5), kind="ordinary", template="installation")
    b = sessions.new_session(store, on=date(2026, 6, 4), kind="ordinary")
    c = sessions.new_session(store, on=date(2027, 2, 4), kind="ordinary")
    assert (a.number, b.number, c.number) == ("001-2026", "002-2026", "001-2027")
    assert sessions.get_session(store, "002-2026").id == b.id
    assert sessions.get_session(store, str(c.id)).number == "001-2027"


@pytest.mark.parametrize(
    "template, purposes",
    [
        ("installation", {"quorum", "installation", "national_guidelines", "action_plan_approval"}),
        ("ordinary", {"quorum", "previous_acta", "commitments_followup"}),
        ("closing", {"action_plan_evaluation", "closing", "commitments_followup"}),
    ],
)
def test_templates_carry_their_mandatory_agenda(store, template, purposes):
    info = sessions.new_session(store, on=date(2026, 3, 5), kind="ordinary", template=template)
    mandatory = {i.purpose for i in info.agenda if i.mandatory}
    assert purposes <= mandatory
    assert [i.position for i in info.agenda] == list(range(1, len(info.agenda) + 1))


def test_extraordinary_template_goes_with_extraordinary_kind(store):
    with pytest.raises(InvalidInput):
        sessions.new_session(store, on=date(2026, 3, 5), kind="ordinary", template="extraordinary")
    info = sessions.new_session(store, on=date(2026, 3, 5), kind="extraordinary")
    assert info.agenda[0].title.startswith("Verificación de asistencia (no requiere quórum)")


def test_status_transitions_refuse_impossible_moves(store):
    info = sessions.new_session(store, on=date(2026, 3, 5), kind="ordinary")
    assert info.status == "planned"
    assert sessions.set_status(store, info.id, "convened").convocation_date == clock.today()
    assert sessions.set_status(store, info.id, "held").status == "held"
    with pytest.raises(Conflict, match="no puede pasar a «Cancelada»"):
        sessions.set_status(store, info.id, "cancelled")
    with pytest.raises(Conflict):
        sessions.set_status(store, info.id, "planned")


def test_a_convocation_date_means_convened(store):
    info = sessions.new_session(
        store, on=date(2026, 3, 20), kind="ordinary", convocation_date=date(2026, 3, 5), start_time=time(9)
    )
    assert info.status == "convened"


def test_agenda_editing_protects_mandatory_items(store):
    info = sessions.new_session(store, on=date(2026, 3, 5), kind="ordinary")
    info = sessions.add_agenda_item(store, info.id, "Presentación de Migración Colombia")
    assert info.agenda[-2].title == "Presentación de Migración Colombia"  # before "compromisos"
    assert info.agenda[-1].purpose == "next_session"
    added = info.agenda[-2]
    info = sessions.move_agenda_item(store, added.id, -2)
    assert info.agenda[-4].id == added.id
    with pytest.raises(Conflict, match="punto obligatorio"):
        sessions.remove_agenda_item(store, info.agenda[0].id)
    info = sessions.remove_agenda_item(store, added.id)
    assert added.id not in {i.id for i in info.agenda}
    assert [i.position for i in info.agenda] == list(range(1, len(info.agenda) + 1))


@pytest.mark.parametrize("ref, message", [("7-2026", "No existe la sesión"), ("siete", "no es un número")])
def test_session_references_are_checked(store, ref, message):
    with pytest.raises((NotFound, InvalidInput), match=message):
        sessions.get_session(store, ref)


def test_a_session_cannot_end_before_it_starts(store):
    with pytest.raises(InvalidInput, match="posterior"):
        sessions.new_session(
            store, on=date(2026, 3, 5), kind="ordinary", start_time=time(10), end_time=time(9)
        )

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from mesa_desktop.errors import Conflict, InvalidInput, NotFound
from mesa_desktop.services import attendance, conformation, sessions

T0 = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)


@pytest.fixture
def people(store):
    deps = [d for d in conformation.list_members(store) if not d.invited]
    made = {}
    for index, dep in enumerate(deps):
        made[index] = conformation.add_person(
            store, f"Delegado {index}", dependency=dep.id, consent_given=True
        )
    made["second_of_0"] = conformation.add_person(
        store, "Suplente Cero", dependency=deps[0].id, role="alternate"
    )
    made["invited"] = conformation.add_person(
        store, "Oficial OIM", dependency="Organización Internacional para las Migraciones (OIM)"
    )
    return made


def _session(store, kind="ordinary"):
    return sessions.new_session(store, on=date(2026, 3, 5), kind=kind, modality="hybrid")


def test_quorum_needs_seven_of_twelve_and_counts_each_dependency_once(store, people):
    s = _session(store)
    for i in range(6):
        result = attendance.check_in(store, s.id, people[i].id, at=T0 + timedelta(minutes=i))
    assert result.quorum.status.summary == "6 de 12 delegaciones — falta 1"
    assert result.quorum_event is None
    # A second person of dependency 0 and an invited actor change nothing.
    assert not attendance.check_in(store, s.id, people["second_of_0"].id).quorum.status.met
    invited = attendance.check_in(store, s.id, people["invited"].id)
    assert invited.quorum.status.present == 6
    assert not invited.attendee.counts_for_quorum
    seventh = attendance.check_in(store, s.id, people[6].id, at=T0 + timedelta(minutes=10))
    assert seventh.quorum.status.summary == "7 de 12 delegaciones — hay quórum"
    assert seventh.quorum_event == "established"
    assert len(seventh.quorum.missing_dependencies) == 5


def test_check_in_is_idempotent(store, people):
    s = _session(store)
    first = attendance.check_in(store, s.id, people[0].id)
    again = attendance.check_in(store, s.id, people[0].id)
    assert first.changed and not again.changed
    assert len(attendance.list_attendance(store, s.id)) == 1


def test_check_out_can_lose_quorum_and_the_event_is_recorded(store, people):
    s = _session(store)
    for i in range(7):
        attendance.check_in(store, s.id, people[i].id, at=T0 + timedelta(minutes=i))
    lost = attendance.check_out(store, s.id, people[3].id, at=T0 + timedelta(hours=2))
    assert lost.quorum_event == "lost"
    assert lost.quorum.status.summary == "6 de 12 delegaciones — falta 1"
    assert not attendance.check_out(store, s.id, people[3].id).changed
    back = attendance.check_in(store, s.id, people[3].id, at=T0 + timedelta(hours=2, minutes=5))
    assert back.quorum_event == "established"
    kinds = [e[1] for e in attendance.quorum_events(store, s.id)]
    assert kinds == ["established", "lost", "established"]


def test_other_person_of_the_same_dependency_keeps_it_present(store, people):
    s = _session(store)
    attendance.check_in(store, s.id, people[0].id)
    attendance.check_in(store, s.id, people["second_of_0"].id)
    assert attendance.check_out(store, s.id, people[0].id).quorum.status.present == 1


def test_extraordinary_sessions_need_no_quorum(store, people):
    s = _session(store, kind="extraordinary")
    result = attendance.check_in(store, s.id, people[0].id, virtual=True)
    assert result.quorum.status.met and result.quorum.status.required == 0
    assert "no requiere quórum" in result.quorum.status.summary


def test_check_in_by_name_ignores_accents_and_case(store, people):
    s = _session(store)
    conformation.add_person(store, "José Ñañez", dependency="Dirección de Aseguramiento")
    assert attendance.check_in(store, s.id, "jose nanez").attendee.full_name == "José Ñañez"
    with pytest.raises(NotFound, match="No hay ninguna persona"):
        attendance.check_in(store, s.id, "Nadie Conocido")


def test_walk_in_requires_consent(store):
    s = _session(store)
    with pytest.raises(InvalidInput, match="Ley 1581"):
        attendance.register_walk_in(store, s.id, full_name="Nueva Persona", consent_given=False)
    result = attendance.register_walk_in(
        store,
        s.id,
        full_name="Nueva Persona",
        consent_given=True,
        entity="Pastoral Social",
        signature_png=b"\x89PNG fake",
    )
    assert result.attendee.has_signature and not result.attendee.counts_for_quorum


def test_virtual_attendance_in_an_in_person_session_is_refused(store, people):
    s = sessions.new_session(store, on=date(2026, 3, 5), kind="ordinary")
    with pytest.raises(InvalidInput, match="presencial"):
        attendance.check_in(store, s.id, people[0].id, virtual=True)


def test_closed_sessions_take_no_attendance(store, people):
    s = _session(store)
    sessions.set_status(store, s.id, "cancelled")
    with pytest.raises(Conflict, match="cancelada"):
        attendance.check_in(store, s.id, people[0].id)


def test_undo_check_in(store, people):
    s = _session(store)
    attendance.check_in(store, s.id, people[0].id)
    assert attendance.undo_check_in(store, s.id, people[0].id).status.present == 0
    assert attendance.list_attendance(store, s.id) == []


def test_inactive_dependency_does_not_count(store, people):
    deps = [d for d in conformation.list_members(store) if not d.invited]
    conformation.deactivate_dependency(store, deps[11].id, date(2026, 1, 1))
    s = _session(store)
    status = attendance.check_in(store, s.id, people[11].id).quorum.status
    assert status.total == 11 and status.present == 0 and status.required == 7


def test_a_delegate_of_an_inactive_dependency_attends_as_a_guest(store, people):
    deps = [d for d in conformation.list_members(store) if not d.invited]
    conformation.deactivate_dependency(store, deps[11].id, date(2026, 1, 1))
    s = _session(store)
    counted = attendance.check_in(store, s.id, people[0].id).attendee
    retired = attendance.check_in(store, s.id, people[11].id).attendee
    assert (counted.capacity, counted.counts_for_quorum) == ("delegate", True)
    # Not "Delegado(a)": they represent nobody in this session.
    assert (retired.capacity, retired.counts_for_quorum) == ("guest", False)
    listed = {a.full_name: a.capacity for a in attendance.list_attendance(store, s.id)}
    assert listed == {"Delegado 0": "delegate", "Delegado 11": "guest"}
    invited = attendance.check_in(store, s.id, people["invited"].id).attendee
    assert invited.capacity == "invited"


def test_a_delegation_that_came_and_left_is_not_still_to_arrive(store, people):
    s = _session(store)
    attendance.check_in(store, s.id, people[0].id, at=T0)
    attendance.check_in(store, s.id, people[1].id, at=T0)
    view = attendance.check_out(store, s.id, people[1].id, at=T0 + timedelta(hours=1)).quorum
    deps = [d.name for d in conformation.list_members(store) if not d.invited]
    assert view.left_dependencies == (deps[1],)
    assert deps[1] in view.missing_dependencies  # still without representation for the quorum
    assert deps[1] not in view.not_arrived and deps[2] in view.not_arrived
    assert len(view.not_arrived) == 10
    assert view.as_json()["left"] == [deps[1]]
    # Back again: neither missing nor gone.
    back = attendance.check_in(store, s.id, people[1].id, at=T0 + timedelta(hours=2)).quorum
    assert back.left_dependencies == () and deps[1] not in back.missing_dependencies

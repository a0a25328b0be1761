"""Checking in by personal code (a scanned QR or the code typed) does what a check-in by person does."""

from __future__ import annotations

from datetime import time

import pytest

from mesa_desktop import clock
from mesa_desktop.errors import InvalidInput, NotFound
from mesa_desktop.operations import attendance as attendance_ops
from mesa_desktop.operations import sessions as session_ops
from mesa_desktop.services import attendance, conformation
from mesa_desktop.services.changes import Topic
from tests.support.store import database_sessions


@pytest.fixture
def meeting(store):
    members = [d for d in conformation.list_members(store) if not d.invited]
    people = [
        conformation.add_person(store, f"Delegada Número {n}", dependency=d.id, consent_given=True)
        for n, d in enumerate(members[:3], 1)
    ]
    session = session_ops.new_session(
        store, on=clock.today(), template="ordinary", modality="hybrid", start_time=time(0, 0)
    ).value
    return store, session, people


def test_a_scanned_code_checks_the_person_in_in_one_transaction(meeting):
    store, session, people = meeting
    with database_sessions(store) as opened:
        result = attendance_ops.check_in_by_code(store, session.id, people[1].check_in_code)
    assert len(opened) == 1
    assert result.topics == {Topic.ATTENDANCE} and result.value.changed
    assert result.value.attendee.person_id == people[1].id
    assert [a.person_id for a in attendance.list_attendance(store, session.id)] == [people[1].id]
    assert result.value.quorum == attendance.get_quorum(store, session.id)


def test_a_code_typed_loosely_is_the_same_code(meeting):
    store, session, people = meeting
    typed = " " + people[0].check_in_code.replace("-", "").lower() + "\n"
    attendance_ops.check_in_by_code(store, session.id, typed)
    again = attendance_ops.check_in_by_code(store, session.id, people[0].check_in_code)
    assert not again.value.changed  # scanning twice records one arrival
    assert [a.person_id for a in attendance.list_attendance(store, session.id)] == [people[0].id]


def test_the_given_arrival_time_is_kept(meeting):
    store, session, people = meeting
    result = attendance_ops.check_in_by_code(store, session.id, people[0].check_in_code, at=time(0, 1))
    assert clock.local(result.value.attendee.check_in_at).time() == time(0, 1)


@pytest.mark.parametrize("typed", ["ZZZZ-ZZZZ", "Delegada Número 1", ""])
def test_an_unknown_code_is_refused_in_spanish_and_changes_nothing(meeting, typed):
    store, session, people = meeting
    if typed == "ZZZZ-ZZZZ" and any(p.check_in_code == typed for p in people):
        typed = "YYYY-YYYY"
    with pytest.raises(NotFound, match="Código no reconocido"):
        attendance_ops.check_in_by_code(store, session.id, typed)
    assert attendance.list_attendance(store, session.id) == []


def test_an_inactive_persons_code_is_refused(meeting):
    store, session, people = meeting
    conformation.update_person(store, people[2].id, active=False)
    with pytest.raises(InvalidInput, match="inactiva"):
        attendance_ops.check_in_by_code(store, session.id, people[2].check_in_code)
    assert attendance.list_attendance(store, session.id) == []


def test_a_walk_in_gets_a_code_that_checks_them_in_next_time(meeting):
    store, session, _people = meeting
    result = attendance_ops.register_walk_in(store, session.id, full_name="Juan Invitado", consent_given=True)
    person = next(p for p in conformation.list_people(store) if p.id == result.value.attendee.person_id)
    assert person.check_in_code and len(person.check_in_code) == 9

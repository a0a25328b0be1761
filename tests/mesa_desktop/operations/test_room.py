"""The room screen's read-model, on the demo store: the session it picks, the quorum it counts,
and that no person's data is in it."""

from __future__ import annotations

import dataclasses
import uuid

from mesa_desktop import clock
from mesa_desktop.operations import attendance as attendance_ops
from mesa_desktop.operations import room
from mesa_desktop.services import conformation, sessions


def todays_session(store) -> sessions.SessionInfo:
    return sessions.new_session(store, on=clock.today(), kind="ordinary", template="ordinary")


def members(store):
    return [d for d in conformation.list_members(store) if not d.invited and d.people]


def strings(value) -> list[str]:
    """Every string a (nested) frozen dataclass holds."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in strings(getattr(value, f.name))]
    if isinstance(value, tuple | list):
        return [s for item in value for s in strings(item)]
    return []


def test_without_a_session_today_there_is_none_to_show(demo_store):
    assert all(s.date != clock.today() for s in sessions.list_sessions(demo_store))
    view = room.room_view(demo_store)
    assert view.session is None and view.quorum is None
    assert view.mesa_name == conformation.get_mesa(demo_store).name


def test_todays_session_is_shown_and_follows_arrivals_and_departures(demo_store):
    session = todays_session(demo_store)
    deps = members(demo_store)
    view = room.room_view(demo_store)  # no session asked: today's
    assert view.session is not None and view.session.id == session.id
    assert view.session.number == session.number and view.session.kind_label == "ordinaria"
    assert view.session.agenda == tuple(i.title for i in session.agenda) and view.session.agenda
    assert view.quorum.present == 0 and view.quorum.total == len(deps) == 12
    assert view.quorum.required == 7 and not view.quorum.met

    first = deps[0].people[0]
    attendance_ops.check_in(demo_store, session.id, first.id)
    view = room.room_view(demo_store, session.id)
    short = deps[0].name
    assert view.quorum.present == 1 and view.quorum.present_dependencies == (short,)
    assert short not in view.quorum.missing_dependencies
    assert len(view.quorum.missing_dependencies) == 11

    attendance_ops.check_out(demo_store, session.id, first.id)
    view = room.room_view(demo_store, session.id)
    assert view.quorum.present == 0 and short in view.quorum.missing_dependencies


def test_short_names_of_the_dependencies(demo_store):
    names = room.short_names(demo_store)
    assert names["Programa de Salud Mental y Convivencia Social"] == "Salud Mental"
    assert all(dependency != short for dependency, short in names.items())


def test_an_earlier_session_is_shown_when_asked(demo_store):
    past = sessions.list_sessions(demo_store)[0]
    view = room.room_view(demo_store, past.id)
    assert view.session.id == past.id and view.session.date == past.date


def test_a_session_that_no_longer_exists_falls_back_to_today(demo_store):
    session = todays_session(demo_store)
    assert room.room_view(demo_store, uuid.uuid4()).session.id == session.id


def test_no_person_data_reaches_the_room(demo_store):
    session = todays_session(demo_store)
    people = [p for d in conformation.list_members(demo_store) for p in d.people]
    for person in people[:20]:
        attendance_ops.check_in(demo_store, session.id, person.id)
    sessions.update_session(demo_store, session.id, president_name="Dr. Ricardo Peñaranda Ortiz")
    texts = " | ".join(strings(room.room_view(demo_store, session.id)))
    assert "Peñaranda" not in texts
    for person in people:
        assert person.full_name not in texts
        if person.email:
            assert person.email not in texts

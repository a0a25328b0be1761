"""Opening and closing a session at its real times (review item 2): an hour not yet reached is
refused, as a check-in is, and a session nobody attended is not closed as held."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from mesa_desktop import clock
from mesa_desktop.cli.main import main
from mesa_desktop.errors import Conflict, InvalidInput
from mesa_desktop.services import attendance, conformation, sessions

AHEAD = timedelta(hours=1)


def today_session(store):
    return next(s for s in sessions.list_sessions(store) if s.date == clock.today())


def a_delegate(store):
    member = next(d for d in conformation.list_members(store) if not d.invited and d.people)
    return member.people[0]


def mesa(db: Path, *argv: str, capsys) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_opening_at_an_hour_not_yet_reached_is_refused(populated_store):
    session = today_session(populated_store)
    with pytest.raises(InvalidInput, match="aún no ha llegado; indique una hora pasada"):
        sessions.open_session(populated_store, session.id, at=clock.utcnow() + AHEAD)
    assert sessions.get_session(populated_store, session.id).opened_at is None
    opened = sessions.open_session(populated_store, session.id, at=clock.utcnow() - timedelta(minutes=1))
    assert opened.opened_at is not None


def test_closing_at_an_hour_not_yet_reached_is_refused(populated_store):
    store, session = populated_store, today_session(populated_store)
    start = clock.utcnow() - timedelta(minutes=2)
    attendance.check_in(store, session.id, a_delegate(store).id, at=start)
    sessions.open_session(store, session.id, at=start)
    with pytest.raises(InvalidInput, match="aún no ha llegado"):
        sessions.close_session(store, session.id, at=clock.utcnow() + AHEAD)
    assert sessions.get_session(store, session.id).status != "held"
    closed = sessions.close_session(store, session.id)
    assert closed.status == "held" and closed.closed_at is not None


def test_a_session_nobody_attended_is_not_closed_as_held(populated_store, tmp_path, capsys):
    store, session = populated_store, today_session(populated_store)
    sessions.open_session(store, session.id, at=clock.utcnow() - timedelta(minutes=5))
    with pytest.raises(Conflict, match="Nadie ha registrado asistencia") as refused:
        sessions.close_session(store, session.id)
    assert "cancélela o cámbiele la fecha" in str(refused.value)
    code, out, err = mesa(tmp_path / "mesa.sqlite", "session", "close", session.number, capsys=capsys)
    assert code == 1 and out == "" and "Nadie ha registrado asistencia" in err, err
    assert sessions.get_session(store, session.id).status == "convened"
    # The refusal leaves the way out it names open.
    assert sessions.set_status(store, session.id, "cancelled").status == "cancelled"


def test_marking_held_with_nobody_present_warns(populated_store, tmp_path, capsys):
    store, session = populated_store, today_session(populated_store)
    code, out, err = mesa(
        tmp_path / "mesa.sqlite", "session", "status", session.number, "held", capsys=capsys
    )
    assert code == 0, err
    assert "Aviso: Nadie ha registrado asistencia" in err and "Realizada" in out
    attended = sessions.new_session(store, on=clock.today(), kind="ordinary")
    attendance.check_in(store, attended.id, a_delegate(store).id, at=clock.utcnow() - timedelta(minutes=1))
    assert sessions.set_status(store, attended.id, "held").warnings == ()

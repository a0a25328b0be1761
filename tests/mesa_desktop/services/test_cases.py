"""Referred cases (guideline 2.7): history, follow-ups, the closed-state rule, the migration."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import date, timedelta

import pytest

from mesa_desktop.errors import InvalidInput, NotFound
from mesa_desktop.services import cases, conformation
from mesa_desktop.store import Store
from tests.support import ROOT

V0006 = ROOT / "tests" / "fixtures" / "stores" / "v0006-demo.sqlite"


def _case(store, **extra):
    base = {"referred_on": date(2026, 3, 2), "referring_actor": "OIM", "need": "urgencias"}
    return cases.add_case(store, **{**base, **extra})


def test_history_keeps_dates_and_the_order_of_entry(store):
    case = _case(store, route="ESE Erasmo Meoz", responsible="Secretaría de Salud")
    assert (case.status, case.route, case.responsible) == (
        "received",
        "ESE Erasmo Meoz",
        "Secretaría de Salud",
    )
    cases.set_status(store, case.id, "referred", on=date(2026, 3, 4), next_follow_up=date(2026, 3, 18))
    cases.add_note(store, case.id, "La EPS pidió la historia clínica.", on=date(2026, 3, 4))
    cases.set_status(store, case.id, "in_progress", on=date(2026, 3, 10), note="Cita asignada")
    done = cases.set_status(store, case.id, "resolved", on=date(2026, 3, 20))
    assert [(e.on, e.status, e.note) for e in cases.history(store, case.id)] == [
        (date(2026, 3, 2), "received", None),
        (date(2026, 3, 4), "referred", None),
        (date(2026, 3, 4), None, "La EPS pidió la historia clínica."),  # same day: entry order
        (date(2026, 3, 10), "in_progress", "Cita asignada"),
        (date(2026, 3, 20), "resolved", None),
    ]
    # Closing ends the follow-up.
    assert done.closed_on == date(2026, 3, 20) and done.next_follow_up is None


def test_a_date_before_the_last_entry_is_refused(store):
    case = _case(store)
    cases.set_status(store, case.id, "referred", on=date(2026, 3, 10))
    with pytest.raises(InvalidInput, match="anterior al último registro"):
        cases.add_note(store, case.id, "tarde", on=date(2026, 3, 9))
    with pytest.raises(InvalidInput, match="anterior al último registro"):
        cases.set_status(store, case.id, "in_progress", on=date(2026, 3, 1))


def test_leaving_a_closed_state_needs_a_reason(store):
    case = _case(store)
    cases.set_status(store, case.id, "unresolved", on=date(2026, 3, 5))
    with pytest.raises(InvalidInput, match="escriba el motivo"):
        cases.set_status(store, case.id, "in_progress", on=date(2026, 3, 6))
    reopened = cases.set_status(
        store, case.id, "in_progress", on=date(2026, 3, 6), note="La IPS reabrió la cita"
    )
    assert reopened.status == "in_progress" and reopened.closed_on is None
    with pytest.raises(InvalidInput, match="ya está «En gestión»"):
        cases.set_status(store, case.id, "in_progress")
    with pytest.raises(InvalidInput, match="desconocido"):
        cases.set_status(store, case.id, "closed")


def test_codes_are_unique_per_mesa_and_found_in_any_case(store):
    given = _case(store, code="REM-001")
    assert cases.case_by_code(store, " rem-001 ").id == given.id
    with pytest.raises(InvalidInput, match="Ya hay un caso con el código «rem-001»"):
        _case(store, code="rem-001")
    with pytest.raises(NotFound, match="No hay un caso con el código «X-9»"):
        cases.case_by_code(store, "X-9")
    # A generated code skips one the user already took.
    territory = conformation.get_mesa(store).territory_code
    _case(store, code=f"C-{territory}-2026-0002")
    assert _case(store).code == f"C-{territory}-2026-0003"


def test_overdue_follow_ups_are_open_cases_past_their_date(store):
    today = date(2026, 4, 1)
    late = _case(store, next_follow_up=today - timedelta(days=3))
    _case(store, next_follow_up=today)  # due today: not overdue yet
    closed = _case(store, next_follow_up=today - timedelta(days=9))
    cases.set_status(store, closed.id, "resolved", on=date(2026, 3, 3))
    assert [c.id for c in cases.overdue(store, today)] == [late.id]


def test_period_totals_count_cases_referred_in_the_period_per_need_and_status(store):
    _case(store, referred_on=date(2026, 1, 10), need="vacunacion")
    b = _case(store, referred_on=date(2026, 2, 10), need="vacunacion")
    cases.set_status(store, b.id, "resolved", on=date(2026, 2, 20))
    _case(store, referred_on=date(2026, 7, 1), need="urgencias")  # outside
    totals = cases.period_totals(store, date(2026, 1, 1), date(2026, 6, 30))
    assert [need for need, _ in totals] == ["vacunacion"]
    assert totals[0][1]["received"] == 1 and totals[0][1]["resolved"] == 1 and totals[0][1]["total"] == 2


@pytest.mark.slow  # over a second: migrates a whole demo store
def test_the_0006_store_migrates_its_cases_to_the_new_statuses_with_history(tmp_path):
    path = tmp_path / "mesa.sqlite"
    shutil.copy(V0006, path)
    with sqlite3.connect(path) as conn:
        before = dict(conn.execute("SELECT code, status FROM case_referral"))
        closed_on = dict(conn.execute("SELECT code, closed_on FROM case_referral WHERE status = 'closed'"))
    assert set(before.values()) <= {"open", "in_progress", "closed"} and closed_on
    store = Store(path)
    try:
        after = {c.code: c for c in cases.list_cases(store)}
        assert after.keys() == before.keys()
        renamed = {"open": "received", "in_progress": "in_progress", "closed": "resolved"}
        assert {code: c.status for code, c in after.items()} == {
            code: renamed[s] for code, s in before.items()
        }
        some = next(code for code in closed_on)
        lines = cases.history(store, after[some].id)
        assert [(e.on, e.status) for e in lines] == [
            (after[some].referred_on, "received"),
            (date.fromisoformat(closed_on[some]), "resolved"),
        ]
        assert "Cerrado" in (lines[1].note or "")
        # The CHECK constraint now holds the new vocabulary: an old code is refused.
        with sqlite3.connect(path) as conn, pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE case_referral SET status = 'closed'")
    finally:
        store.close()


@pytest.mark.slow  # over a second: migrates a whole demo store up and down
def test_0007_downgrades_back_to_the_old_statuses(tmp_path):
    from alembic import command
    from sqlalchemy import create_engine

    from mesa_desktop.store.migrate import alembic_config

    path = tmp_path / "mesa.sqlite"
    shutil.copy(V0006, path)
    with sqlite3.connect(path) as conn:
        before = sorted(conn.execute("SELECT code, status FROM case_referral"))
    Store(path).close()  # up to head
    with sqlite3.connect(path) as conn:  # ministry-side totals: two new codes fold into "closed"
        (mesa_id,) = conn.execute("SELECT id FROM mesa").fetchone()
        conn.executemany(
            "INSERT INTO case_aggregate (id, mesa_id, year, need, status, count, created_at, updated_at) "
            "VALUES (?, ?, 2026, 'urgencias', ?, ?, '2026-11-01 00:00:00', '2026-11-01 00:00:00')",
            [
                ("a" * 32, mesa_id, "resolved", 3),
                ("b" * 32, mesa_id, "unresolved", 2),
                ("c" * 32, mesa_id, "referred", 1),
            ],
        )
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.begin() as connection:
            config = alembic_config()
            config.attributes["connection"] = connection
            command.downgrade(config, "0006_person_codes")
    finally:
        engine.dispose()
    with sqlite3.connect(path) as conn:
        assert sorted(conn.execute("SELECT code, status FROM case_referral")) == before
        tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert "case_event" not in tables
        assert sorted(conn.execute("SELECT status, count FROM case_aggregate")) == [
            ("closed", 5),
            ("open", 1),
        ]
        with pytest.raises(sqlite3.IntegrityError):
            conn.execute("UPDATE case_referral SET status = 'resolved'")


def test_dates_that_have_not_come_are_refused(store):
    from mesa_desktop import clock

    with clock.pinned_today(date(2026, 12, 2)):
        with pytest.raises(InvalidInput, match="La fecha 1 de mayo de 2027 aún no ha llegado"):
            _case(store, referred_on=date(2027, 5, 1))
        assert cases.list_cases(store) == []
        case = _case(store, next_follow_up=date(2027, 1, 15))  # a follow-up is planned ahead
        with pytest.raises(InvalidInput, match="1 de marzo de 2027 aún no ha llegado"):
            cases.set_status(store, case.id, "resolved", on=date(2027, 3, 1))
        with pytest.raises(InvalidInput, match="aún no ha llegado"):
            cases.add_note(store, case.id, "Llamada", on=date(2026, 12, 3))
        assert [e.on for e in cases.history(store, case.id)] == [date(2026, 3, 2)]
        # Today's change still goes in: nothing was locked by a future entry.
        assert cases.set_status(store, case.id, "resolved", on=date(2026, 12, 2)).closed_on == date(
            2026, 12, 2
        )


def test_period_totals_count_the_status_at_the_periods_end_from_the_history(store):
    late = _case(store, referred_on=date(2026, 6, 25), need="salud_mental", next_follow_up=date(2026, 6, 28))
    cases.set_status(store, late.id, "referred", on=date(2026, 6, 26))
    cases.set_status(store, late.id, "resolved", on=date(2026, 12, 2), note="Atendido en julio")
    early = _case(store, referred_on=date(2026, 2, 1), need="salud_mental")
    cases.set_status(store, early.id, "unresolved", on=date(2026, 6, 30))  # the last day counts
    (row,) = cases.period_totals(store, date(2026, 1, 1), date(2026, 6, 30))
    assert row[0] == "salud_mental"
    assert {k: n for k, n in row[1].items() if n} == {"referred": 1, "unresolved": 1, "total": 2}
    # The whole year sees December's resolution.
    (year,) = cases.period_totals(store, date(2026, 1, 1), date(2026, 12, 31))
    assert {k: n for k, n in year[1].items() if n} == {"resolved": 1, "unresolved": 1, "total": 2}
    assert cases.statuses_on(store, date(2026, 6, 25)) == {late.id: "received", early.id: "received"}


def test_a_follow_up_before_the_day_it_is_set_is_refused(store):
    case = _case(store, next_follow_up=date(2026, 3, 10))
    with pytest.raises(InvalidInput, match="próximo seguimiento .*7 de marzo de 2026.* anterior"):
        cases.set_status(store, case.id, "in_progress", on=date(2026, 3, 20), next_follow_up=date(2026, 3, 7))
    with pytest.raises(InvalidInput, match="indique una fecha nueva"):
        cases.add_note(store, case.id, "Llamada", on=date(2026, 3, 20), next_follow_up=date(2026, 3, 10))
    with pytest.raises(InvalidInput, match="anterior a la del registro"):
        _case(store, referred_on=date(2026, 3, 5), next_follow_up=date(2026, 3, 4))
    moved = cases.set_status(
        store, case.id, "in_progress", on=date(2026, 3, 20), next_follow_up=date(2026, 3, 30)
    )
    assert moved.next_follow_up == date(2026, 3, 30)
    assert cases.set_status(store, case.id, "resolved", on=date(2026, 3, 21)).next_follow_up is None


@pytest.mark.parametrize("code", ["Juan Pérez", "Ana 12", "1.090.123.456", "1090123", "C 109 012 345"])
def test_a_code_that_identifies_the_person_is_refused(store, code):
    with pytest.raises(InvalidInput, match="un código de caso, no el nombre"):
        _case(store, code=code)


@pytest.mark.parametrize("code", ["REM-2026-07", "C-54001-2026-0025", "T-1", "X3", "REM-12345"])
def test_a_plain_code_is_kept(store, code):
    assert _case(store, code=code).code == code

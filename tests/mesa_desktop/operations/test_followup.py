"""The operations of the follow-up screens (commitments, action plan, cases) on a real SQLite
store: one transaction per action, its topics returned; one read per screen."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from mesa_desktop import clock
from mesa_desktop.errors import MesaError
from mesa_desktop.operations import cases as case_ops
from mesa_desktop.operations import commitments as commitment_ops
from mesa_desktop.operations import plan as plan_ops
from mesa_desktop.services import action_plan, cases, commitments, conformation, sessions
from mesa_desktop.services.changes import Topic
from tests.support.store import database_sessions


def test_commitment_actions_are_one_transaction_each_and_announce_commitments(store):
    dependency = next(d for d in conformation.list_members(store) if not d.invited)
    with database_sessions(store) as opened:
        added = commitment_ops.add_commitment(
            store, "Enviar el informe", responsible_dependency=dependency.id, due_date=clock.today()
        )
    assert len(opened) == 1 and added.topics == {Topic.COMMITMENTS}
    item = added.value
    assert commitment_ops.set_status(store, item.id, "in_progress").value.status == "in_progress"
    assert commitment_ops.add_note(store, item.id, "Va por la mitad").topics == {Topic.COMMITMENTS}
    edited = commitment_ops.update_commitment(store, item.id, text="Enviar el informe final")
    assert edited.topics == {Topic.COMMITMENTS}
    assert commitments.list_commitments(store)[0].text == "Enviar el informe final"


def test_the_commitments_board_is_one_read(store):
    sessions.new_session(store, on=clock.today() + timedelta(days=20))
    commitment_ops.add_commitment(store, "Algo")
    with database_sessions(store) as opened:
        board = commitment_ops.board(store)
    assert len(opened) == 1
    assert [c.text for c in board.items] == ["Algo"] and len(board.sessions) == 1
    assert board.mesa.territory_code == "54001" and board.dependencies


def test_the_plan_is_built_in_one_transaction_per_step_and_read_once(store):
    year = clock.today().year
    plan = plan_ops.create_plan(store, year)
    assert plan.topics == {Topic.PLAN}
    axis = plan_ops.add_axis(store, plan.value, "Acceso a servicios").value
    action = plan_ops.add_action(store, axis, "Jornadas de afiliación").value
    with database_sessions(store) as opened:
        task = plan_ops.add_task(store, action, "Convocar a las EPS", responsible="Secretaría")
    assert len(opened) == 1 and task.topics == {Topic.PLAN}
    cut = clock.today()
    assert plan_ops.report_task_progress(store, task.value, cut, 40).topics == {Topic.PLAN}
    # Saved as it is typed; no other screen shows the text.
    assert plan_ops.report_action(store, action, cut, "Avanza").topics == frozenset()
    with database_sessions(store) as opened:
        view = plan_ops.plan_view(store, None, cut)
    assert len(opened) == 1
    assert view.year == year and view.years == (year,) and view.status is not None
    assert view.dependencies and view.status.id == plan.value


def test_the_plan_view_of_a_year_without_plan(store):
    view = plan_ops.plan_view(store, 2031, clock.today())
    assert view.status is None and view.year == 2031 and view.years == ()
    assert action_plan.plan_years(store) == []


def test_cases_are_registered_and_moved_in_one_transaction_each(store):
    with database_sessions(store) as opened:
        added = case_ops.add_case(
            store, referred_on=clock.today(), referring_actor="Hospital", need="vacunacion"
        )
    assert len(opened) == 1 and added.topics == {Topic.CASES}
    status = next(s for s in cases.CASE_STATUSES if s != added.value.status)
    assert case_ops.set_status(store, added.value.id, status).value.status == status
    with database_sessions(store) as opened:
        view = case_ops.cases_view(store)
    assert len(opened) == 1 and [c.id for c in view.items] == [added.value.id]


def test_a_refused_case_writes_nothing(store):
    with pytest.raises(MesaError):
        case_ops.add_case(store, referred_on=clock.today(), referring_actor="Hospital", need="nada")
    assert cases.list_cases(store) == []


def test_a_plan_opens_at_a_cut_that_belongs_to_its_year():
    today = date(2026, 5, 1)
    assert plan_ops.default_cut(2025, today) == date(2025, 12, 31)
    assert plan_ops.default_cut(2026, today) == today
    assert plan_ops.default_cut(2027, today) == date(2027, 1, 1)


def test_the_board_filter_and_how_late_a_commitment_is(store):
    dependency = next(d for d in conformation.list_members(store) if not d.invited)
    today = clock.today()
    late = commitment_ops.add_commitment(
        store, "Tarde", responsible_dependency=dependency.id, due_date=today - timedelta(days=3)
    ).value
    done = commitment_ops.set_status(
        store,
        commitment_ops.add_commitment(store, "Hecho", due_date=today - timedelta(days=9)).value.id,
        "done",
    ).value
    assert commitment_ops.days_overdue(late, today) == 3 and commitment_ops.days_overdue(done, today) == 0
    assert commitment_ops.matches(late, str(dependency.id), "open", True, today)
    assert not commitment_ops.matches(done, None, "open", False, today)
    assert commitment_ops.matches(done, None, "done", False, today)
    assert commitment_ops.matches(done, None, "all", False, today)
    assert not commitment_ops.matches(done, str(dependency.id), "all", False, today)
    assert not commitment_ops.matches(done, None, "all", True, today)


def test_case_totals_by_need_follow_the_catalogue_for_one_year():
    rows = [
        {"year": 2026, "need": "vacunacion", "status": "received", "count": 2},
        {"year": 2026, "need": "urgencias", "status": "resolved", "count": 1},
        {"year": 2026, "need": "vacunacion", "status": "resolved", "count": 3},
        {"year": 2025, "need": "urgencias", "status": "received", "count": 7},
    ]
    totals = case_ops.totals_by_need(rows, 2026)
    assert [need for need, _ in totals] == ["urgencias", "vacunacion"]  # the catalogue's order
    assert totals[1][1] == {
        "received": 2,
        "referred": 0,
        "in_progress": 0,
        "resolved": 3,
        "unresolved": 0,
        "total": 5,
    }

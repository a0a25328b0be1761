"""Case operations: one per screen action, each returning Changed(cases); overdue follow-ups on the home read-model."""

from __future__ import annotations

from datetime import date, timedelta

from mesa_desktop.operations import cases as ops
from mesa_desktop.operations import dashboard
from mesa_desktop.services.changes import Topic


def test_each_action_announces_cases_and_the_detail_reads_the_history(store):
    added = ops.add_case(store, referred_on=date(2026, 5, 4), referring_actor="ACNUR", need="salud_mental")
    assert added.topics == {Topic.CASES}
    case = added.value
    noted = ops.add_note(
        store, case.id, "Primera llamada", on=date(2026, 5, 5), next_follow_up=date(2026, 5, 12)
    )
    assert noted.topics == {Topic.CASES} and noted.value.next_follow_up == date(2026, 5, 12)
    moved = ops.set_status(store, case.id, "referred", on=date(2026, 5, 6), note="A la ESE")
    assert moved.topics == {Topic.CASES}
    by_code = ops.update_by_code(store, case.code.lower(), "in_progress")
    assert by_code.topics == {Topic.CASES} and by_code.value.status == "in_progress"
    detail = ops.case_detail(store, case.id)
    assert [(e.status, e.note) for e in detail.history][:3] == [
        ("received", None),
        (None, "Primera llamada"),
        ("referred", "A la ESE"),
    ]


def test_overdue_follow_ups_reach_the_home_read_model(store):
    today = date(2026, 6, 10)
    late = ops.add_case(
        store,
        referred_on=date(2026, 5, 4),
        referring_actor="OIM",
        need="vacunacion",
        next_follow_up=today - timedelta(days=1),
    ).value
    ops.add_case(
        store, referred_on=date(2026, 5, 4), referring_actor="OIM", need="vacunacion", next_follow_up=today
    )
    overview = dashboard.dashboard_view(store, today)
    assert [c.id for c in overview.overdue_cases] == [late.id]
    ops.set_status(store, late.id, "resolved", on=date(2026, 6, 1))
    assert dashboard.dashboard_view(store, today).overdue_cases == ()
    view = ops.cases_view(store, today)
    assert view.overdue == () and "OIM" in view.actors

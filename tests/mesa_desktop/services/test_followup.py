"""Commitments, action plan, actas and cases services."""

from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest

from mesa_desktop import clock
from mesa_desktop.errors import Conflict, InvalidInput
from mesa_desktop.services import (
    actas,
    action_plan,
    attendance,
    cases,
    commitments,
    compliance,
    conformation,
    sessions,
)

TODAY = date(2026, 6, 1)


def test_overdue_is_open_and_past_due(store):
    late = commitments.add_commitment(
        store,
        "Enviar el censo",
        responsible_dependency="Dirección de Aseguramiento",
        due_date=date(2026, 5, 1),
    )
    commitments.add_commitment(store, "Futuro", due_date=date(2026, 7, 1))
    done = commitments.add_commitment(store, "Hecho", due_date=date(2026, 4, 1))
    commitments.set_status(store, done.id, "done", on=date(2026, 3, 30), note="Entregado")
    overdue = commitments.list_commitments(store, overdue_only=True, today=TODAY)
    assert [c.id for c in overdue] == [late.id]
    assert overdue[0].responsible == "Dirección de Aseguramiento"
    by_dep = commitments.list_commitments(store, dependency="Dirección de Aseguramiento")
    assert [c.text for c in by_dep] == ["Enviar el censo"]
    finished = commitments.list_commitments(store, status="done")[0]
    assert finished.done_on == date(2026, 3, 30) and finished.notes[0][1] == "Entregado"


def test_commitment_due_date_cannot_precede_its_session(store):
    s = sessions.new_session(store, on=date(2026, 3, 5), kind="ordinary")
    with pytest.raises(InvalidInput, match="anterior a la sesión"):
        commitments.add_commitment(store, "X", due_date=date(2026, 3, 1), session=s.id)


def test_an_empty_commitment_is_refused_when_added_and_when_edited(store):
    with pytest.raises(InvalidInput, match="necesita una descripción"):
        commitments.add_commitment(store, " \n ")
    made = commitments.add_commitment(store, "Actualizar el directorio")
    with pytest.raises(InvalidInput, match="necesita una descripción"):
        commitments.update_commitment(store, made.id, text="   ")
    assert [c.text for c in commitments.list_commitments(store)] == ["Actualizar el directorio"]


def test_plan_progress_is_computed_from_tasks_at_each_cut(store):
    plan = action_plan.create_plan(store, 2026, "Objetivo")
    axis = action_plan.add_axis(store, plan, "Eje 1")
    action = action_plan.add_action(store, axis, "Acción 1")
    t1 = action_plan.add_task(store, action, "Tarea 1")
    t2 = action_plan.add_task(store, action, "Tarea 2")
    action_plan.report_task_progress(store, t1, date(2026, 3, 31), 50)
    action_plan.report_task_progress(store, t1, date(2026, 6, 30), 100)
    action_plan.report_task_progress(store, t2, date(2026, 6, 30), 40)
    action_plan.report_action(store, action, date(2026, 6, 30), "Avance del semestre")
    march = action_plan.plan_status(store, 2026, date(2026, 4, 15))
    june = action_plan.plan_status(store, 2026, date(2026, 7, 1))
    assert (march.percent, june.percent) == (25, 70)
    assert march.axes[0].actions[0].qualitative is None
    assert june.axes[0].actions[0].qualitative == "Avance del semestre"
    with pytest.raises(InvalidInput):
        action_plan.report_task_progress(store, t1, date(2026, 6, 30), 120)


def _held_session_with_quorum(store):
    deps = [d for d in conformation.list_members(store) if not d.invited]
    s = sessions.new_session(store, on=date(2026, 3, 5), kind="ordinary")
    for dep in deps[:7]:
        person = conformation.add_person(store, f"Delegado de {dep.name}", dependency=dep.id)
        attendance.check_in(store, s.id, person.id)
    return s


def test_decisions_record_the_quorum_of_that_moment(store):
    s = _held_session_with_quorum(store)
    decision = actas.record_decision(store, s.id, "Se aprueba el orden del día", votes_for=7)
    assert (decision.quorum_present, decision.quorum_required, decision.quorum_total) == (7, 7, 12)
    assert decision.quorum_met


def test_acta_approval_freezes_content_and_locks_it(store):
    s = _held_session_with_quorum(store)
    commitments.add_commitment(store, "Compromiso de la sesión", session=s.id, due_date=date(2026, 4, 5))
    draft = actas.ensure_draft(store, s.id)
    assert actas.ensure_draft(store, s.id).id == draft.id
    actas.update_draft(store, draft.id, closing_notes="Se levanta la sesión.")
    with pytest.raises(Conflict, match="realizada"):
        actas.approve(store, draft.id, s.id)
    sessions.set_status(store, s.id, "held")
    nxt = sessions.new_session(store, on=date(2026, 6, 4), kind="ordinary")
    with pytest.raises(Conflict, match="no se ha abierto"):  # a planned session approves nothing
        actas.approve(store, draft.id, nxt.id)
    approved = actas.approve(store, draft.id, s.id)  # read and approved before closing
    assert approved.locked and approved.approved_in_session == s.number
    content = actas.content(store, s.id)
    assert content["number"] == s.number
    assert content["quorum"]["opening"]["present"] == 7
    assert [c["text"] for c in content["commitments"]] == ["Compromiso de la sesión"]
    canonical = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert hashlib.sha256(canonical.encode()).hexdigest() == approved.content_sha256
    assert sessions.get_session(store, s.id).status == "acta_approved"
    # Locked: no edits, no new decisions, data changes do not alter the approved content.
    with pytest.raises(Conflict, match="aprobada y bloqueada"):
        actas.update_draft(store, draft.id, closing_notes="otra cosa")
    with pytest.raises(Conflict):
        actas.record_decision(store, s.id, "Tarde")
    commitments.add_commitment(store, "Añadido después", session=s.id)
    assert actas.content(store, s.id) == content


def test_a_correction_is_a_new_version_referencing_the_approved_one(store):
    s = _held_session_with_quorum(store)
    sessions.set_status(store, s.id, "held")
    draft = actas.ensure_draft(store, s.id)
    actas.approve(store, draft.id, s.id)
    with pytest.raises(InvalidInput):
        actas.correct(store, draft.id, " ")
    v2 = actas.correct(store, draft.id, "Nombre mal escrito")
    assert (v2.version, v2.status, v2.supersedes_id) == (2, "draft", draft.id)
    assert actas.current_acta(store, s.id).id == v2.id
    with pytest.raises(Conflict, match="versión 2"):
        actas.correct(store, draft.id, "otra")


def test_cases_keep_names_only_on_opt_in_and_export_aggregates(store):
    a = cases.add_case(store, referred_on=date(2026, 2, 1), referring_actor="OIM", need="vacunacion")
    b = cases.add_case(
        store,
        referred_on=date(2026, 2, 3),
        referring_actor="OIM",
        need="vacunacion",
        person_name="Persona Identificada",
    )
    assert a.code.endswith("2026-0001") and b.code.endswith("2026-0002")
    assert a.person_name is None and b.person_name == "Persona Identificada"
    cases.set_status(store, a.id, "resolved", on=date(2026, 3, 1))
    assert cases.aggregates(store) == [
        {"year": 2026, "need": "vacunacion", "status": "received", "count": 1},
        {"year": 2026, "need": "vacunacion", "status": "resolved", "count": 1},
    ]
    assert "Persona Identificada" not in json.dumps(cases.aggregates(store))


def test_demo_year_has_every_commitment_state_and_a_plan(demo_store):
    states = {c.status for c in commitments.list_commitments(demo_store)}
    assert states == {"pending", "in_progress", "done", "cancelled"}
    assert commitments.list_commitments(demo_store, overdue_only=True)
    listed = sessions.list_sessions(demo_store)
    assert [s.kind for s in listed].count("ordinary") == 4
    assert [s.kind for s in listed].count("extraordinary") == 1
    assert all(attendance.list_attendance(demo_store, s.id) for s in listed if s.date <= clock.today())
    year = listed[0].year
    assert action_plan.plan_status(demo_store, year, date(year, 9, 30)).percent > 0


def test_compliance_service_reads_the_store(demo_store):
    year = sessions.list_sessions(demo_store)[0].year
    findings = compliance.check(demo_store, year=year, today=date(year, 12, 31))
    by_rule = {f.rule for f in findings}
    assert {
        "acto_administrativo",
        "sessions_per_quarter",
        "delegation_notified",
        "ministry_meetings",
        "convocation_lead",
        "acta_sent",
        "commitment",
        "action_plan_first_session",
        "focal_point_reported",
    } <= by_rule
    statuses = {f.code: f.status for f in findings}
    assert statuses["acto_administrativo"] == "ok"
    assert statuses["ministry_meetings"] == "ok"
    assert "missing" in {f.status for f in findings if f.rule == "delegation_notified"}


def test_a_correction_may_amend_the_proceedings_but_an_approved_acta_may_not(store):
    s = _held_session_with_quorum(store)
    sessions.set_status(store, s.id, "held")
    item = sessions.get_session(store, s.id).agenda[2]
    draft = actas.ensure_draft(store, s.id)
    actas.approve(store, draft.id, s.id)
    with pytest.raises(Conflict):
        sessions.update_agenda_item(store, item.id, development="Cambio sin corrección")
    actas.correct(store, draft.id, "Faltó una intervención")
    sessions.update_agenda_item(store, item.id, development="Texto corregido")
    assert actas.content(store, s.id)["agenda"][2]["development"] == "Texto corregido"
    with pytest.raises(Conflict):
        sessions.update_agenda_item(store, item.id, title="Otro título")


def test_emails_are_checked_when_typed(store):
    with pytest.raises(InvalidInput, match="correo de Ana no es válido"):
        conformation.add_person(store, "Ana", email="ana@@salud")
    person = conformation.add_person(store, "Ana", email=" ana@salud.gov.co ")
    assert person.email == "ana@salud.gov.co"


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_demo_that_fails_midway_leaves_the_store_empty(tmp_path, monkeypatch):
    from mesa_desktop.services import demo
    from mesa_desktop.store import Store

    store = Store(tmp_path / "demo.sqlite")

    def broken(*_args):
        raise RuntimeError("disco lleno")

    monkeypatch.setattr(demo, "_demo_cases", broken)
    with pytest.raises(RuntimeError):
        demo.build_demo(store)
    with pytest.raises(Exception, match="no tiene una mesa"):
        conformation.get_mesa(store)
    monkeypatch.undo()
    assert demo.build_demo(store)["sessions"] == 5


@pytest.mark.slow  # over a second: builds the demo three times
@pytest.mark.parametrize(
    ("today", "held"),
    [(date(2026, 1, 10), 0), (date(2026, 3, 15), 1), (date(2026, 5, 21), 1), (date(2026, 5, 22), 2)],
)
def test_the_demo_builds_any_day_of_the_year_with_nothing_after_today(tmp_path, today, held):
    """Early in the year the demo holds only the sessions, cases and events already past; a
    session of today is still to be held (its hours may not have come)."""
    from mesa_desktop.services import demo
    from mesa_desktop.store import Store

    store = Store(tmp_path / "demo.sqlite")
    try:
        with clock.pinned_today(today):
            demo.build_demo(store)
            listed = sessions.list_sessions(store)
            assert sum(s.status in ("held", "acta_approved") for s in listed) == held
            assert all(c.referred_on <= today for c in cases.list_cases(store))
    finally:
        store.close()

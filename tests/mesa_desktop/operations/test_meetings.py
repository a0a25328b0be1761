"""The operations of the meeting screens (sessions, live attendance, acta) on a real SQLite
store: each user action is one transaction and reports the topics it wrote; each read-model
is one read; the rules the screens follow are decided in the core."""

from __future__ import annotations

import uuid
from datetime import time, timedelta

import pytest

from mesa_desktop import clock
from mesa_desktop.errors import MesaError
from mesa_desktop.operations import actas as acta_ops
from mesa_desktop.operations import attendance as attendance_ops
from mesa_desktop.operations import sessions as session_ops
from mesa_desktop.rules.compliance import DEFAULT_CONVOCATION_LEAD_DAYS
from mesa_desktop.services import actas, attendance, conformation, sessions
from mesa_desktop.services.changes import Topic
from tests.support.store import database_sessions


@pytest.fixture
def meeting(store):
    """A delegate for each of the 12 member dependencies and an ordinary session today."""
    members = [d for d in conformation.list_members(store) if not d.invited]
    people = [
        conformation.add_person(store, f"Delegada Número {n}", dependency=d.id, consent_given=True)
        for n, d in enumerate(members, 1)
    ]
    today = clock.today()
    session = session_ops.new_session(
        store, on=today, template="ordinary", modality="hybrid", start_time=time(0, 0)
    ).value
    return {"store": store, "people": people, "session": session}


# -- attendance ---------------------------------------------------------------------------------


def test_a_check_in_is_one_transaction_and_announces_attendance(meeting):
    store, session, person = meeting["store"], meeting["session"], meeting["people"][0]
    with database_sessions(store) as opened:
        result = attendance_ops.check_in(store, session.id, person.id)
    assert len(opened) == 1
    assert result.topics == {Topic.ATTENDANCE} and result.value.changed
    assert [a.person_id for a in attendance.list_attendance(store, session.id)] == [person.id]


def test_the_virtual_report_checks_everyone_in_in_one_transaction(meeting):
    store, session, people = meeting["store"], meeting["session"], meeting["people"]
    with database_sessions(store) as opened:
        result = attendance_ops.check_in_all(store, session.id, [p.id for p in people[:5]])
    assert len(opened) == 1
    assert result.value == 5 and result.topics == {Topic.ATTENDANCE}
    assert attendance_ops.check_in_all(store, session.id, [p.id for p in people[:6]]).value == 1


def test_a_refused_check_in_in_the_report_leaves_nobody_checked_in(meeting):
    store, session, people = meeting["store"], meeting["session"], meeting["people"]
    with pytest.raises(MesaError):
        attendance_ops.check_in_all(store, session.id, [people[0].id, uuid.uuid4()])
    assert attendance.list_attendance(store, session.id) == []


def test_check_out_undo_signature_and_walk_in_report_their_topics(meeting):
    store, session, people = meeting["store"], meeting["session"], meeting["people"]
    attendance_ops.check_in(store, session.id, people[0].id)
    attendance_ops.check_in(store, session.id, people[1].id)
    assert attendance_ops.set_signature(store, session.id, people[0].id, b"png").topics == {Topic.ATTENDANCE}
    assert attendance_ops.check_out(store, session.id, people[0].id).topics == {Topic.ATTENDANCE}
    assert attendance_ops.undo_check_in(store, session.id, people[1].id).topics == {Topic.ATTENDANCE}
    walk_in = attendance_ops.register_walk_in(
        store, session.id, full_name="Persona Nueva Díaz", consent_given=True, entity="OIM"
    )
    assert walk_in.topics == {Topic.MEMBERS, Topic.ATTENDANCE}
    assert walk_in.value.attendee.full_name == "Persona Nueva Díaz"


def test_the_attendance_view_and_the_directory_are_one_read_each(meeting):
    store, session, people = meeting["store"], meeting["session"], meeting["people"]
    attendance_ops.check_in_all(store, session.id, [p.id for p in people[:7]])
    with database_sessions(store) as opened:
        view = attendance_ops.attendance_view(store, session.id)
        directory = attendance_ops.directory(store)
    assert len(opened) == 2
    assert len(view.attendees) == 7 and view.quorum.status.met
    assert view.events and view.events[0][1] == "established"
    assert len(directory.people) == 12 and len(directory.members) >= 12


# -- sessions -------------------------------------------------------------------------------------


def test_a_session_takes_its_kind_from_the_template(store):
    today = clock.today() + timedelta(days=30)
    extraordinary = session_ops.new_session(store, on=today, template="extraordinary")
    installation = session_ops.new_session(store, on=today + timedelta(days=1), template="installation")
    assert extraordinary.topics == {Topic.SESSIONS}
    assert extraordinary.value.kind == "extraordinary" and installation.value.kind == "ordinary"
    assert [
        sessions.kind_of_template(t) for t in ("installation", "ordinary", "closing", "extraordinary")
    ] == [
        "ordinary",
        "ordinary",
        "ordinary",
        "extraordinary",
    ]


def test_agenda_edits_are_one_transaction_each(meeting):
    store, session = meeting["store"], meeting["session"]
    with database_sessions(store) as opened:
        added = session_ops.add_agenda_item(store, session.id, "Punto propio")
    assert len(opened) == 1 and added.topics == {Topic.SESSIONS}
    item = next(i for i in added.value.agenda if i.title == "Punto propio")
    assert session_ops.rename_agenda_item(store, item.id, "Otro nombre").value.title == "Otro nombre"
    # What is typed on the acta screen announces nothing: the editor already shows it.
    assert session_ops.write_agenda_development(store, item.id, "Se habló").topics == frozenset()
    assert session_ops.move_agenda_item(store, item.id, -1).topics == {Topic.SESSIONS}
    assert session_ops.remove_agenda_item(store, item.id).topics == {Topic.SESSIONS}
    assert item.id not in {i.id for i in sessions.get_session(store, session.id).agenda}


def test_opening_and_closing_a_session_change_its_acta_too(meeting):
    store, session = meeting["store"], meeting["session"]
    attendance_ops.check_in(store, session.id, meeting["people"][0].id)  # nobody there: no closing
    assert session_ops.open_session(store, session.id).topics == {Topic.SESSIONS, Topic.ACTAS}
    assert session_ops.close_session(store, session.id).topics == {Topic.SESSIONS, Topic.ACTAS}


def test_the_sessions_view_is_one_read(meeting):
    store = meeting["store"]
    with database_sessions(store) as opened:
        view = session_ops.sessions_view(store)
    assert len(opened) == 1
    assert [s.id for s in view.sessions] == [meeting["session"].id]
    assert view.mesa.convocation_lead_days == DEFAULT_CONVOCATION_LEAD_DAYS


def test_what_the_screens_offer_for_each_status():
    assert sessions.offered_moves("planned") == {"convened", "held", "cancelled"}
    assert sessions.offered_moves("convened") == {"held", "cancelled"}  # not back to planned
    assert sessions.offered_moves("held") == frozenset()
    assert sessions.offered_moves("acta_approved") == frozenset()
    assert sessions.offered_moves("cancelled") == {"planned"}
    assert sessions.offered_moves(None) == frozenset()
    assert [
        sessions.is_editable(s) for s in ("planned", "convened", "held", "acta_approved", "cancelled")
    ] == [
        True,
        True,
        True,
        False,
        False,
    ]
    assert [sessions.held_by_approval(s) for s in ("planned", "convened", "held")] == [True, True, False]
    assert sessions.convocation_lead_days(None) == DEFAULT_CONVOCATION_LEAD_DAYS == 14
    assert sessions.convocation_lead_days(21) == 21


def test_attendance_is_taken_from_the_session_day_until_its_acta_is_approved(meeting):
    session = meeting["session"]
    today = session.date
    assert sessions.takes_attendance(session, today) and sessions.takes_virtual_attendance(session, today)
    assert not sessions.is_upcoming(session, today)
    assert sessions.is_upcoming(session, today - timedelta(days=1))
    assert not sessions.takes_attendance(session, today - timedelta(days=1))
    in_person = session_ops.update_session(meeting["store"], session.id, modality="in_person").value
    assert sessions.takes_attendance(in_person, today) and not sessions.takes_virtual_attendance(
        in_person, today
    )


# -- acta --------------------------------------------------------------------------------------------


def test_opening_the_acta_writes_the_draft_then_reads_the_screen_once(meeting):
    store, session, people = meeting["store"], meeting["session"], meeting["people"]
    attendance_ops.check_in_all(store, session.id, [p.id for p in people[:7]])
    with database_sessions(store) as opened:
        draft = acta_ops.ensure_draft(store, session.id)
    assert len(opened) == 1 and draft.topics == frozenset()
    with database_sessions(store) as opened:
        view = acta_ops.acta_view(store, session.id)
    assert len(opened) == 1
    assert view.acta.id == draft.value.id and view.acta.status == "draft"
    assert len(view.members_present) == 7 and view.guests == ()
    assert len(view.absences) == 5 and view.absent_dependencies == tuple(a.dependency for a in view.absences)
    assert view.opening.met and view.opening.present == 7 and view.opening.at is not None
    assert view.quorum_required and "mitad" in view.rule_label
    assert view.previous_acta is None and view.pending is None
    assert [s.id for s in view.later_sessions] == [session.id]


def test_the_acta_view_of_a_session_without_a_draft_is_refused(meeting):
    with pytest.raises(MesaError):
        acta_ops.acta_view(meeting["store"], meeting["session"].id)


def test_the_previous_draft_is_offered_for_approval(meeting):
    store, session = meeting["store"], meeting["session"]
    earlier = session_ops.new_session(store, on=session.date - timedelta(days=10), template="ordinary").value
    acta_ops.ensure_draft(store, earlier.id)
    acta_ops.ensure_draft(store, session.id)
    view = acta_ops.acta_view(store, session.id)
    assert view.pending is not None and view.pending.session.id == earlier.id
    assert view.previous_acta is not None and view.previous_acta.status == "draft"


def test_typed_texts_announce_nothing(meeting):
    store, session = meeting["store"], meeting["session"]
    draft = acta_ops.ensure_draft(store, session.id).value
    assert acta_ops.write_draft(store, draft.id, opening_notes="Apertura").topics == frozenset()
    assert acta_ops.write_objective(store, session.id, "Objetivo").topics == frozenset()
    absent = acta_ops.acta_view(store, session.id).absences[0].dependency
    assert acta_ops.set_absence_excuse(store, session.id, absent, "Incapacidad").topics == frozenset()
    view = acta_ops.acta_view(store, session.id)
    assert view.acta.opening_notes == "Apertura" and view.session.objective == "Objetivo"
    assert view.absences[0].excuse == "Incapacidad"


def test_a_decision_records_the_quorum_and_announces_the_acta(meeting):
    store, session, people = meeting["store"], meeting["session"], meeting["people"]
    attendance_ops.check_in_all(store, session.id, [p.id for p in people[:7]])
    with database_sessions(store) as opened:
        decision = acta_ops.record_decision(store, session.id, "Se aprueba el plan")
    assert len(opened) == 1 and decision.topics == {Topic.ACTAS}
    assert decision.value.quorum_present == 7


def test_approval_marks_the_session_held_and_locks_the_acta_in_one_transaction(meeting):
    store, session, people = meeting["store"], meeting["session"], meeting["people"]
    attendance_ops.check_in_all(store, session.id, [p.id for p in people[:7]])
    session_ops.open_session(store, session.id)
    draft = acta_ops.ensure_draft(store, session.id).value
    with database_sessions(store) as opened:
        approved = acta_ops.approve(store, draft.id, session.id)
    assert len(opened) == 1
    assert approved.topics == {Topic.ACTAS, Topic.SESSIONS} and approved.value.locked
    assert sessions.get_session(store, session.id).status == "acta_approved"
    correction = acta_ops.correct(store, draft.id, "Un nombre mal escrito")
    assert correction.topics == {Topic.ACTAS} and correction.value.version == 2


def test_a_refused_approval_leaves_the_session_as_it_was(meeting):
    store, session, people = meeting["store"], meeting["session"], meeting["people"]
    attendance_ops.check_in_all(store, session.id, [p.id for p in people[:3]])  # no quorum
    session_ops.open_session(store, session.id)
    draft = acta_ops.ensure_draft(store, session.id).value
    before = sessions.get_session(store, session.id).status
    assert before in ("planned", "convened")
    with pytest.raises(MesaError, match="quórum"):
        acta_ops.approve(store, draft.id, session.id)
    assert sessions.get_session(store, session.id).status == before
    assert actas.current_acta(store, session.id).status == "draft"

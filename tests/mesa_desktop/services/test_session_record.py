"""The session as the acta records it (issue 9): real times, departures, quorum events,
presiders, texts, decisions at their time, approval, follow-up, absences, dates that make sense.

A whole installation session is run through the `mesa` command (in process), then its acta
and the approving session's acta are read back from the real PDFs.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from mesa_desktop import clock
from mesa_desktop.cli.main import main
from mesa_desktop.clock import local
from mesa_desktop.documents.text import long_date
from mesa_desktop.errors import Conflict, InvalidInput
from mesa_desktop.rules import calendar
from mesa_desktop.rules import compliance as rules
from mesa_desktop.services import actas, attendance, compliance, conformation, sessions
from mesa_desktop.store import Store
from mesa_desktop.store.schema import HEAD_REVISION
from tests.support import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "stores"
TODAY = clock.today()
# Two past sessions of this year, whatever day the tests run (early January included).
FIRST = max(date(TODAY.year, 1, 1), TODAY - timedelta(days=20))
SECOND = max(FIRST, TODAY - timedelta(days=1))
AHEAD = TODAY + timedelta(days=20)
MINISTRY = "Ministerio de Salud y Protección Social"


def mesa(db: Path, *argv: str, capsys) -> tuple[int, str, str]:
    code = main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def pdf_text(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


@pytest.fixture
def record(store, tmp_path):
    """12 member dependencies (preset), 9 with a delegate; the ministry and OIM invited; a
    dependency that joins today; an installation session, an approving one, a planned one."""
    members = [d for d in conformation.list_members(store) if not d.invited]
    people = []
    for index, dep in enumerate(members[:9], 1):
        people.append(
            conformation.add_person(
                store,
                f"Delegada Número {index}",
                dependency=dep.id,
                role="delegate",
                position="Profesional",
                consent_given=True,
            )
        )
    ministry = conformation.add_dependency(store, MINISTRY, invited=True, active_from=FIRST)
    conformation.add_person(
        store,
        "Camila Ministerio Rojas",
        dependency=ministry.id,
        role="invited",
        position="Delegada territorial",
        entity=MINISTRY,
        consent_given=True,
    )
    oim = conformation.add_dependency(store, "OIM", invited=True, active_from=FIRST)
    conformation.add_person(
        store, "Pedro Cooperación Gil", dependency=oim.id, role="invited", entity="OIM", consent_given=True
    )
    newcomer = conformation.add_dependency(store, "Oficina de Atención al Migrante")  # joins today
    first = sessions.new_session(
        store, on=FIRST, kind="ordinary", template="installation", start_time=time(8, 0), end_time=time(11, 0)
    )
    second = sessions.new_session(store, on=SECOND, kind="ordinary", start_time=time(8, 0))
    ahead = sessions.new_session(
        store,
        on=AHEAD,
        kind="ordinary",
        start_time=time(9, 0),
        modality="hybrid",
        place="Auditorio de la Gobernación",
    )
    return {
        "store": store,
        "people": people,
        "members": members,
        "first": first,
        "second": second,
        "ahead": ahead,
        "newcomer": newcomer,
    }


@pytest.fixture
def db_path(record, tmp_path) -> Path:
    return tmp_path / "mesa.sqlite"


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_whole_session_through_the_command_and_its_acta(record, db_path, tmp_path, capsys):
    store, people, members = record["store"], record["people"], record["members"]
    first, second = record["first"].number, record["second"].number
    names = [p.full_name for p in people]

    def ok(*argv: str) -> str:
        code, out, err = mesa(db_path, *argv, capsys=capsys)
        assert code == 0, err
        return out

    def refused(*argv: str) -> str:
        code, out, err = mesa(db_path, *argv, capsys=capsys)
        assert code == 1 and out == "", (code, out, err)
        assert err.count("\n") == 1 and err.startswith("Error: ")
        return err

    # 1. Arrivals typed from the paper list, quorum won, lost and won back.
    for minute, name in zip(range(40, 46), names[:6], strict=True):
        ok("checkin", first, "--name", name, "--at", f"08:{minute}")
    ok("checkin", first, "--name", names[6], "--at", "08:50")
    ok("checkin", first, "--name", "Camila Ministerio Rojas", "--at", "08:50")
    ok("checkin", first, "--name", "Pedro Cooperación Gil", "--at", "08:52")
    ok("session", "open", first, "--at", "08:55")
    ok("checkout", first, "--name", names[6], "--at", "10:20")
    ok("checkin", first, "--name", names[7], "--at", "10:40")
    # Transcribed later, but earlier than the last event: the events are replayed.
    ok("checkin", first, "--name", names[8], "--at", "10:30")
    events = [(at, kind) for at, kind, *_ in attendance.quorum_events(store, record["first"].id)]
    assert [(local(at).strftime("%H:%M"), kind) for at, kind in events] == [
        ("08:50", "established"),
        ("10:20", "lost"),
        ("10:30", "established"),
    ]
    refused("checkout", first, "--name", names[0], "--at", "08:00")  # before arriving

    # 4. Decisions at their own time, votes per delegation present then.
    assert "8 votos" in refused(
        "decision", "add", first, "--text", "Aprobar el orden del día", "--at", "09:30", "--for", "8"
    )
    out = ok(
        "--json",
        "decision",
        "add",
        first,
        "--text",
        "Aprobar el orden del día",
        "--at",
        "09:30",
        "--for",
        "6",
        "--abstain",
        "1",
    )
    decided = json.loads(out)
    assert set(decided) >= {"id", "at", "quorum"}
    assert decided["quorum"] == {"present": 7, "required": 7, "total": 12, "met": True}
    assert "no había quórum" in refused(
        "decision", "add", first, "--text", "Cambiar la sede", "--at", "10:25"
    )
    assert "se abrió a las 8:55\u00a0a.\u00a0m." in refused(
        "decision", "add", first, "--text", "Antes", "--at", "08:50"
    )
    ok("decision", "add", first, "--text", "Cambiar la sede", "--at", "10:25", "--without-quorum")

    # 2, 3, 7. Presiders, texts, absences, commitments.
    ok("session", "presiders", first, "--name", names[0])  # the ministry's delegate co-presides anyway
    refused("session", "presiders", first, "--name", "Delegada Número 1", "--name", "")
    ok(
        "acta",
        "edit",
        first,
        "--opening",
        "El secretario de salud dio la bienvenida a los asistentes.",
        "--closing",
        "Agotado el orden del día se levantó la sesión.",
        "--objective",
        "Instalar la mesa técnica territorial de migración y salud.",
    )
    varios = next(i for i in record["first"].agenda if i.title == "Proposiciones y varios")
    sessions.update_agenda_item(store, varios.id, development="La OIM propuso una jornada de salud.")
    absent = members[9].name
    ok("absence", first, "--dependency", absent, "--excuse", "Incapacidad médica de la delegada")
    assert "no es una dependencia integrante" in refused(
        "absence", first, "--dependency", record["newcomer"].name, "--excuse", "x"
    )
    ok("session", "close", first, "--at", "12:00")

    # 6. A commitment of the first session typed in after it (days later, in reality).
    ok(
        "commitment",
        "add",
        first,
        "--text",
        "Enviar el censo de albergues",
        "--responsible",
        members[0].name,
        "--due",
        (SECOND + timedelta(days=5)).isoformat(),
    )

    from mesa_desktop.services import commitments

    late = commitments.add_commitment(
        store,
        "Llamar a la OIM",
        responsible_dependency=members[1].id,
        due_date=SECOND,
        session=record["first"].id,
    )
    commitments.set_status(store, late.id, "done", on=TODAY + timedelta(days=1), note="Se llamó.")

    # 5. The second session approves the first acta, only with the mesa's quorum and opened.
    assert "no se ha abierto" in refused("acta", "approve", first, "--in", second, "--at", "09:30")
    for name in names[:7]:
        ok("checkin", second, "--name", name, "--at", "09:00")
    ok("session", "open", second, "--at", "08:50")
    assert "quórum" in refused("acta", "approve", first, "--in", second, "--at", "08:55")
    ok("acta", "approve", first, "--in", second, "--at", "09:20")
    assert actas.current_acta(store, record["first"].id).locked
    ok("session", "close", second, "--at", "11:00")

    # The installation acta, as the secretariat's lawyer reads it.
    pdf = tmp_path / "acta1.pdf"
    ok("acta", first, "-o", str(pdf))
    text = pdf_text(pdf)
    fields = text.split("1. Objetivo")[0]
    assert "Hora de inicio 8:55 a. m." in fields and "Hora de finalización 12:00 p. m." in fields
    assert "8:00 a. m." not in fields and "11:00 a. m." not in fields  # planned times stay off
    assert "Instalar la mesa técnica territorial de migración y salud." in text
    assert "El secretario de salud dio la bienvenida a los asistentes." in text
    assert "Agotado el orden del día se levantó la sesión." in text
    assert "La OIM propuso una jornada de salud." in text
    assert "se retiró a las 10:20 a. m." in text
    assert "Se estableció el quórum a las 8:50 a. m." in text
    assert "Se perdió el quórum a las 10:20 a. m." in text
    assert "Se restableció el quórum a las 10:30 a. m." in text
    assert "A las 9:30 a. m.: 7 de 12 (requiere 7): hay quórum" in text
    assert "Cambiar la sede (sin quórum: no es válida)" in text
    assert "A las 10:25 a. m.: 6 de" in text and "no hay quórum" in text
    assert "Excusa: Incapacidad médica de la delegada" in text
    assert "12 delegaciones previstas" in text
    assert record["newcomer"].name not in text  # joined after the session
    assert f"Copresidió la sesión: Camila Ministerio Rojas, Delegada territorial, {MINISTRY}" in text
    invited = text.split("con voz y sin voto")[1].split("Verificación del quórum")[0]
    assert "Pedro Cooperación Gil" in invited and "Camila Ministerio Rojas" not in invited
    signatures = text.split("Firmas")[-1]
    assert "Delegada Número 1" in signatures and "Camila Ministerio Rojas" in signatures
    assert "Copresidente(a) – Ministerio de Salud y Protección Social" in signatures
    assert "Secretaría técnica" in signatures

    # The approving session's acta says it approved the first one; follow-up; next session.
    pdf2 = tmp_path / "acta2.pdf"
    ok("acta", second, "-o", str(pdf2))
    text2 = pdf_text(pdf2)
    from mesa_desktop.documents.text import long_date

    assert f"Se aprobó el acta No. {first} de la sesión del {long_date(FIRST)}." in text2
    review = text2.split("Seguimiento de compromisos anteriores")[1].split("Compromisos")[0]
    assert "Enviar el censo de albergues" in review and "Pendiente" in review
    assert "Llamar a la OIM" in review and "Cumplido" not in review  # done after the session
    ahead = text2.split("Próxima sesión")[-1]
    assert (
        f"Sesión ordinaria prevista para el {long_date(AHEAD)} a las 9:00 a. m., en Auditorio de la "
        "Gobernación (modalidad híbrida)"
    ) in ahead

    # One page as a picture, for a human look (tests only check it renders).
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "p")], check=True
    )
    assert list(tmp_path.glob("p*.png"))


def test_presiders_are_people_present_or_typed(record, db_path, capsys):
    store, first, people = record["store"], record["first"], record["people"]
    with pytest.raises(InvalidInput, match="no figura en la asistencia"):
        sessions.set_presiders(store, first.id, [people[0].full_name])
    attendance.check_in(store, first.id, people[0].id, at=time(8, 0))
    code, out, err = mesa(
        db_path,
        "session",
        "presiders",
        first.number,
        "--name",
        people[0].full_name,
        "--name",
        f"Luis Gómez | Delegado | {MINISTRY}",
        capsys=capsys,
    )
    assert code == 0, err
    info = sessions.get_session(store, first.id)
    assert [(p.full_name, p.position, p.entity) for p in info.presiders] == [
        (people[0].full_name, "Profesional", record["members"][0].name),
        ("Luis Gómez", "Delegado", MINISTRY),
    ]
    text = actas.content(store, first.id)["session"]["presiders"]
    assert [p["name"] for p in text] == [people[0].full_name, "Luis Gómez"]


def test_future_sessions_refuse_attendance_opening_and_held_until_moved_to_today(record, db_path, capsys):
    store, ahead = record["store"], record["ahead"]
    name = record["people"][0].full_name
    for argv in (
        ["checkin", ahead.number, "--name", name],
        ["session", "open", ahead.number],
        ["session", "status", ahead.number, "held"],
    ):
        code, out, err = mesa(db_path, *argv, capsys=capsys)
        assert code == 1 and "programada para el" in err and "cambie su fecha a hoy" in err, err
    with pytest.raises(Conflict, match="programada"):
        actas.record_decision(store, ahead.id, "Algo", at=time(9, 0))
    code, _out, err = mesa(db_path, "session", "move-today", ahead.number, capsys=capsys)
    assert code == 0, err
    moved = sessions.get_session(store, ahead.id)
    assert moved.date == TODAY
    assert attendance.check_in(store, ahead.id, name).changed


def test_holidays_and_weekends_warn_when_a_session_is_dated(store, db_path, capsys):
    christmas = date(TODAY.year, 12, 25)
    code, out, err = mesa(
        db_path, "session", "new", "--date", christmas.isoformat(), "--kind", "ordinary", capsys=capsys
    )
    assert code == 0 and out.strip().endswith(f"-{TODAY.year}")
    assert "festivo" in err and calendar.holiday_name(christmas) in err
    saturday = date(TODAY.year, 1, 1) + timedelta(days=(5 - date(TODAY.year, 1, 1).weekday()) % 7 + 7)
    info = sessions.new_session(store, on=saturday, kind="extraordinary")
    assert info.warnings == (f"El {long_date(saturday)} es sábado; confirme la fecha de la sesión.",)
    plain = sessions.update_session(store, info.id, date=saturday + timedelta(days=2))
    assert plain.warnings == () or "festivo" in plain.warnings[0]


def test_a_dependency_counts_from_the_day_it_joins(record, db_path, capsys):
    store = record["store"]
    code, _out, err = mesa(
        db_path,
        "member",
        "add",
        "--dependency",
        "Oficina de Cooperación",
        "--since",
        FIRST.isoformat(),
        capsys=capsys,
    )
    assert code == 0, err
    view = attendance.get_quorum(store, record["first"].id)
    assert view.status.total == 13  # the preset's 12 and the one since FIRST; not today's newcomer
    names = [n for _id, n in attendance.active_member_dependencies(store, record["first"].id)]
    assert "Oficina de Cooperación" in names and record["newcomer"].name not in names
    assert record["newcomer"].name in [
        n for _id, n in attendance.active_member_dependencies(store, record["ahead"].id)
    ]


@pytest.mark.parametrize(
    ("arrivals", "decided_at", "votes", "error"),
    [
        ([("08:00", 7)], time(9, 0), (7, 0, 0), None),
        ([("08:00", 7)], time(9, 0), (5, 1, 2), "8 votos"),
        ([("08:00", 7)], time(7, 30), (0, 0, 0), "no había quórum"),
        ([("08:00", 6), ("09:30", 1)], time(9, 0), (None, None, None), "no había quórum"),
        ([("08:00", 6), ("09:30", 1)], time(9, 45), (7, None, None), None),
    ],
)
def test_decisions_take_the_quorum_and_the_votes_of_their_own_time(
    record, arrivals, decided_at, votes, error
):
    store, people, first = record["store"], record["people"], record["first"]
    queue = iter(people)
    for hhmm, count in arrivals:
        for _ in range(count):
            attendance.check_in(store, first.id, next(queue).id, at=time.fromisoformat(hhmm))
    # Everyone is still there now: the live quorum would say otherwise than the past one.
    attendance.check_in(store, first.id, next(queue).id, at=time(11, 0))
    call = dict(at=decided_at, votes_for=votes[0], votes_against=votes[1], abstentions=votes[2])
    if error:
        with pytest.raises((Conflict, InvalidInput), match=error):
            actas.record_decision(store, first.id, "Una decisión", **call)
        return
    made = actas.record_decision(store, first.id, "Una decisión", **call)
    assert made.quorum_met and not made.without_quorum
    assert local(made.at).time() == decided_at


def test_approval_needs_the_mesas_quorum_even_in_an_extraordinary_session(record):
    store, people, first = record["store"], record["people"], record["first"]
    for person in people[:7]:
        attendance.check_in(store, first.id, person.id, at=time(8, 0))
    sessions.open_session(store, first.id, at=time(8, 5))
    sessions.close_session(store, first.id, at=time(11, 0))
    acta = actas.ensure_draft(store, first.id)
    extra = sessions.new_session(store, on=SECOND, kind="extraordinary", objective="Brote de sarampión")
    for person in people[:3]:
        attendance.check_in(store, extra.id, person.id, at=time(9, 0))
    sessions.open_session(store, extra.id, at=time(9, 5))
    with pytest.raises(Conflict, match="quórum de la mesa"):
        actas.approve(store, acta.id, extra.id, at=time(9, 10))
    for person in people[3:7]:
        attendance.check_in(store, extra.id, person.id, at=time(9, 20))
    approved = actas.approve(store, acta.id, extra.id, at=time(9, 30), observations="corregir un nombre")
    assert approved.locked and approved.approved_in_session == extra.number
    decision = actas.list_decisions(store, extra.id)[-1]
    assert decision.approves_acta == first.number and "con observaciones: corregir un nombre" in decision.text


def test_an_ordinary_session_without_quorum_does_not_count_for_the_quarter(store):
    facts = dict(kind="ordinary", template="ordinary", status="held")
    held_on = date(2025, 2, 10)
    common = dict(today=date(2025, 12, 31), year=2025, kind="municipal", convocation_lead_days=14)
    for reached, expected in ((True, rules.OK), (False, rules.MISSING)):
        mesa_facts = rules.MesaFacts(
            sessions=(
                rules.SessionFacts(
                    session_date=held_on,
                    number="001-2025",
                    reached_quorum=reached,
                    action_plan_approved_here=True,
                    **facts,
                ),
            ),
            **common,
        )
        found = {f.code: f for f in rules.evaluate(mesa_facts)}
        quarter = found[f"{rules.RULE_SESSIONS_PER_QUARTER}_q1"]
        assert quarter.status == expected
        plan = found[rules.RULE_ACTION_PLAN]
        assert (plan.status == rules.OK) == reached
        if not reached:
            assert "nunca alcanzó el quórum" in quarter.detail and "no es válida" in plan.detail
    # Through the store: a held ordinary session with nobody checked in never had quorum.
    session = sessions.new_session(store, on=FIRST, kind="ordinary")
    sessions.set_status(store, session.id, "held")
    quarter = (FIRST.month - 1) // 3 + 1
    finding = next(
        f
        for f in compliance.check(store, year=FIRST.year)
        if f.code == f"{rules.RULE_SESSIONS_PER_QUARTER}_q{quarter}"
    )
    assert "nunca alcanzó el quórum" in finding.detail


def test_a_store_made_at_revision_0003_migrates_with_its_data(tmp_path):
    old = tmp_path / "mesa.sqlite"
    shutil.copy(FIXTURES / "v0003-demo.sqlite", old)
    with sqlite3.connect(old) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0003_consolidation"
        before = {
            t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("meeting_session", "attendance", "decision", "acta", "quorum_event")
        }
        presidents = conn.execute(
            "SELECT count(*) FROM meeting_session WHERE president_name <> ''"
        ).fetchone()[0]
    store = Store(old)
    try:
        assert store.revision() == HEAD_REVISION
        with sqlite3.connect(old) as conn:
            after = {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in before}
            assert after == before
            assert conn.execute("SELECT count(*) FROM presider").fetchone()[0] == presidents
            assert conn.execute("SELECT count(*) FROM decision WHERE without_quorum").fetchone()[0] == 0
        listed = sessions.list_sessions(store)
        assert len(listed) == before["meeting_session"] and all(s.opened_at is None for s in listed)
        approved = [s for s in listed if s.status == "acta_approved"]
        assert approved and actas.content(store, approved[0].id)["number"] == approved[0].number
    finally:
        store.close()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        # Live, in order: quorum won by the 7th arrival at 09:00.
        (
            [
                ("in", 0, "08:00"),
                ("in", 1, "08:10"),
                ("in", 2, "08:20"),
                ("in", 3, "08:30"),
                ("in", 4, "08:40"),
                ("in", 5, "08:50"),
                ("in", 6, "09:00"),
            ],
            [("09:00", "established")],
        ),
        # The 7th arrival was typed last but happened first: the quorum was won at 08:50.
        (
            [
                ("in", 0, "08:00"),
                ("in", 1, "08:10"),
                ("in", 2, "08:20"),
                ("in", 3, "08:30"),
                ("in", 4, "08:40"),
                ("in", 5, "08:50"),
                ("in", 6, "07:45"),
            ],
            [("08:50", "established")],
        ),
        # A departure typed after a later arrival: lost at 10:00, won back at 10:30.
        (
            [("in", i, "08:00") for i in range(7)] + [("in", 7, "10:30"), ("out", 0, "10:00")],
            [("08:00", "established"), ("10:00", "lost"), ("10:30", "established")],
        ),
        # An arrival corrected to an earlier time moves the event with it.
        (
            [("in", i, "08:00") for i in range(6)] + [("in", 6, "09:00"), ("in", 6, "08:30")],
            [("08:30", "established")],
        ),
    ],
)
def test_quorum_events_follow_the_times_typed_whatever_the_order(record, typed, expected):
    store, people, first = record["store"], record["people"], record["first"]
    for kind, who, hhmm in typed:
        call = attendance.check_in if kind == "in" else attendance.check_out
        call(store, first.id, people[who].id, at=time.fromisoformat(hhmm))
    events = [
        (local(at).strftime("%H:%M"), kind) for at, kind, *_ in attendance.quorum_events(store, first.id)
    ]
    assert events == expected


def test_a_refused_approval_leaves_the_session_as_it_was(record):
    """Marking the session held and approving its acta are one transaction (``mark_held``)."""
    store, people, second = record["store"], record["people"], record["second"]
    for person in people[:3]:  # three of twelve delegations: no quorum
        attendance.check_in(store, second.id, person.id, at=time(8, 0))
    sessions.open_session(store, second.id, at=time(8, 5))
    acta = actas.ensure_draft(store, second.id)
    with pytest.raises(Conflict, match="quórum de la mesa"):
        actas.approve(store, acta.id, second.id, at=time(8, 30), mark_held=True)
    assert sessions.get_session(store, second.id).status == "planned"
    assert not actas.current_acta(store, second.id).locked
    for person in people[3:7]:
        attendance.check_in(store, second.id, person.id, at=time(8, 40))
    assert actas.approve(store, acta.id, second.id, at=time(8, 50), mark_held=True).locked
    assert sessions.get_session(store, second.id).status == "acta_approved"

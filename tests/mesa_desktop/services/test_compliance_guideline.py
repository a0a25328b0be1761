"""The guideline's first-session, closing and ministry rules read from real stores (issue 10).

Every store is the territorial preset (Cúcuta, a municipal mesa) filled through the services
the app uses; the rules' own tables are in ``tests/mesa_desktop/rules/test_compliance.py``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, time

import pytest

from mesa_desktop import clock
from mesa_desktop.rules import compliance as rules
from mesa_desktop.services import attendance, compliance, conformation, sessions
from mesa_desktop.store import Store
from tests.support.cli import as_json, run

D = date
OK, PENDING, LATE, MISSING, NA = rules.OK, rules.PENDING, rules.LATE, rules.MISSING, rules.NOT_APPLICABLE
MINISTRY = "Ministerio de Salud y Protección Social"


def members(store: Store) -> list[conformation.DependencyInfo]:
    return [d for d in conformation.list_members(store) if not d.invited]


def person(store: Store, name: str, **kw: object) -> uuid.UUID:
    return conformation.add_person(store, name, consent_given=True, **kw).id  # type: ignore[arg-type]


def ministry_person(store: Store) -> uuid.UUID:
    return person(
        store,
        "Edda Yecenia Sierra Gil",
        entity=MINISTRY,
        position="Profesional especializada, Oficina de Promoción Social",
    )


def held_session(
    store: Store, on: date, template: str = "ordinary", present: tuple[uuid.UUID, ...] = (), **kw: object
) -> uuid.UUID:
    """A session on ``on``, everyone in ``present`` checked in (virtually if they are the
    ministry's), and marked held."""
    kind = "extraordinary" if template == "extraordinary" else "ordinary"
    kw.setdefault("modality", "hybrid")
    info = sessions.new_session(store, on=on, kind=kind, template=template, **kw)  # type: ignore[arg-type]
    for who in present:
        attendance.check_in(store, info.id, who, at=time(9, 0), virtual=True)
    sessions.set_status(store, info.id, "held")
    return info.id


def finding(store: Store, rule: str, *, year: int, today: date) -> rules.Finding | None:
    found = [f for f in compliance.check(store, year=year, today=today) if f.rule == rule]
    assert len(found) <= 1
    return found[0] if found else None


# --- installation session (2.7) -------------------------------------------------------------


def _installed(store: Store) -> None:
    held_session(store, D(2026, 2, 26), "installation", (ministry_person(store),))


def _installed_co_presided(store: Store) -> None:
    local = person(store, "Ricardo Peñaranda Ortiz", dependency=members(store)[0].id, role="head")
    ministry = ministry_person(store)
    sid = held_session(store, D(2026, 2, 26), "installation", (local, ministry))
    sessions.set_presiders(store, sid, [local, ministry])


def _checkbox_only(store: Store) -> None:
    held_session(store, D(2026, 2, 26), "installation", ministry_participated=True)


def _installed_late(store: Store) -> None:
    held_session(store, D(2026, 1, 20))
    held_session(store, D(2026, 2, 26), "installation", (ministry_person(store),))


def _first_ordinary(store: Store) -> None:
    held_session(store, D(2026, 2, 26), "ordinary", (ministry_person(store),))


def _nothing(store: Store) -> None:
    pass


INSTALLATION_CASES = [
    # (id, build, year, today, status or None, words in the detail)
    ("met: a ministry person attended, virtually", _installed, 2026, D(2026, 6, 1), OK,
     ["Asistió una persona del Ministerio", "socialización de los lineamientos"]),
    ("met: co-presided by the ministry", _installed_co_presided, 2026, D(2026, 6, 1), OK,
     ["figura en la presidencia"]),
    ("missing: only the checkbox says the ministry took part", _checkbox_only, 2026, D(2026, 6, 1), MISSING,
     ["ni la copresidencia"]),
    ("late: installed after an ordinary session", _installed_late, 2026, D(2026, 6, 1), LATE,
     ["después de la primera sesión"]),
    ("missing: the first session was an ordinary one", _first_ordinary, 2026, D(2026, 6, 1), MISSING,
     ["no fue una sesión de instalación"]),
    ("before the mesa existed", _nothing, clock.today().year - 1, clock.today(), None, []),
]  # fmt: skip


@pytest.mark.parametrize(("build", "year", "today", "status", "words"), [c[1:] for c in INSTALLATION_CASES],
                         ids=[c[0] for c in INSTALLATION_CASES])  # fmt: skip
def test_installation_session(
    store: Store, build: Callable[[Store], None], year: int, today: date, status: str | None, words: list[str]
) -> None:
    build(store)
    found = finding(store, rules.RULE_INSTALLATION, year=year, today=today)
    if status is None:
        assert found is None
        return
    assert found is not None and (found.status, found.section) == (status, "2.7")
    for word in words:
        assert word in found.detail


# --- the Secretario(a) Departamental de Salud (2.7) ---------------------------------------------

DEPARTMENTAL = "Secretaria Departamental de Salud de Norte de Santander"


def _secretary_attends(store: Store) -> None:
    who = person(
        store, "Sandra Milena Rojas", dependency=members(store)[0].id, role="head", position=DEPARTMENTAL
    )
    held_session(store, D(2026, 2, 26), "installation", (who,))


def _secretary_absent(store: Store) -> None:
    person(store, "Sandra Milena Rojas", dependency=members(store)[0].id, role="head", position=DEPARTMENTAL)
    held_session(store, D(2026, 2, 26), "installation")


def _delegate_invited(store: Store) -> None:
    # Convened as an invited actor: absent, an invited actor is not listed in the acta.
    invited = next(d for d in conformation.list_members(store) if d.invited)
    person(store, "Óscar Iván Mora", dependency=invited.id, role="invited",
           position="Delegado del Secretario Departamental de Salud")  # fmt: skip
    held_session(store, D(2026, 2, 26), "installation")


def _municipal_secretary(store: Store) -> None:
    who = person(store, "Ricardo Peñaranda Ortiz", dependency=members(store)[0].id, role="head",
                 position="Secretario de Salud de San José de Cúcuta")  # fmt: skip
    held_session(store, D(2026, 2, 26), "installation", (who,))


def _secretary_typed_as_presider(store: Store) -> None:
    sid = held_session(store, D(2026, 2, 26), "installation")
    sessions.set_presiders(
        store, sid, [("Sandra Milena Rojas", DEPARTMENTAL, "Gobernación de Norte de Santander")]
    )


def _subsecretary(store: Store) -> None:
    who = person(store, "Luz Marina Ortega", dependency=members(store)[0].id, role="head",
                 position="Subsecretaria Departamental de Salud Pública")  # fmt: skip
    held_session(store, D(2026, 2, 26), "installation", (who,))


SECRETARY_CASES = [
    ("met: convened and attended", _secretary_attends, 2026, OK, ["Sandra Milena Rojas", "en su acta"]),
    ("met: convened, its dependency listed absent", _secretary_absent, 2026, OK, ["(ausente)"]),
    ("missing: convened as invited, then absent", _delegate_invited, 2026, MISSING, ["pero no en el acta"]),
    ("missing: the municipal secretary is not the departmental one", _municipal_secretary, 2026, MISSING,
     ["no figura entre los destinatarios"]),
    ("missing: presided, never convened", _secretary_typed_as_presider, 2026, MISSING,
     ["En el acta figura Sandra Milena Rojas"]),
    ("missing: a subsecretary is not the secretary", _subsecretary, 2026, MISSING, []),
    ("before the mesa existed", _nothing, clock.today().year - 1, None, []),
]  # fmt: skip


@pytest.mark.parametrize(("build", "year", "status", "words"), [c[1:] for c in SECRETARY_CASES],
                         ids=[c[0] for c in SECRETARY_CASES])  # fmt: skip
def test_secretary_convened(
    store: Store, build: Callable[[Store], None], year: int, status: str | None, words: list[str]
) -> None:
    build(store)
    found = finding(store, rules.RULE_SECRETARY_CONVENED, year=year, today=clock.today())
    if status is None:
        assert found is None
        return
    assert found is not None and (found.status, found.section) == (status, "2.7")
    for word in words:
        assert word in found.detail


# --- closing session (1.5 a) ----------------------------------------------------------------


def _closed(store: Store) -> None:
    held_session(store, D(2026, 2, 26), "installation")
    held_session(store, D(2026, 11, 19), "closing")


def _closed_late(store: Store) -> None:
    held_session(store, D(2025, 2, 26), "installation")
    held_session(store, D(2026, 1, 22), "closing")


def _not_closed(store: Store) -> None:
    held_session(store, D(2025, 2, 26), "installation")


CLOSING_CASES = [
    ("met", _closed, 2026, D(2026, 12, 2), OK),
    ("late: held the next January", _closed_late, 2025, D(2026, 2, 1), LATE),
    ("pending while the year lasts", _not_closed, 2025, D(2025, 12, 1), PENDING),
    ("missing once the year is over", _not_closed, 2025, D(2026, 1, 2), MISSING),
    ("before the mesa existed", _nothing, clock.today().year - 1, clock.today(), None),
]


@pytest.mark.parametrize(("build", "year", "today", "status"), [c[1:] for c in CLOSING_CASES],
                         ids=[c[0] for c in CLOSING_CASES])  # fmt: skip
def test_closing_session(
    store: Store, build: Callable[[Store], None], year: int, today: date, status: str | None
) -> None:
    build(store)
    found = finding(store, rules.RULE_CLOSING, year=year, today=today)
    if status is None:
        assert found is None
        return
    assert found is not None and (found.status, found.section) == (status, "1.5 a")


# --- two meetings a year with the ministry (2.7) -----------------------------------------------


def _two_with_ministry(store: Store) -> None:
    ministry = ministry_person(store)
    held_session(store, D(2026, 2, 26), "installation", (ministry,))
    held_session(store, D(2026, 8, 27), "ordinary", (ministry,), modality="virtual")


def _one_plus_a_checkbox(store: Store) -> None:
    held_session(store, D(2026, 2, 26), "installation", (ministry_person(store),))
    held_session(store, D(2026, 8, 27), ministry_participated=True)


MINISTRY_CASES = [
    ("met: two sessions a ministry person attended", _two_with_ministry, 2026, D(2026, 12, 2), OK, "2 reuniones"),
    ("pending: a checkbox is not a meeting", _one_plus_a_checkbox, 2026, D(2026, 12, 2), PENDING, "1 de 2"),
    ("missing once the year is over", _one_plus_a_checkbox, 2026, D(2027, 1, 2), MISSING, "1 de 2"),
    ("before the mesa existed", _nothing, clock.today().year - 1, clock.today(), None, ""),
]  # fmt: skip


@pytest.mark.parametrize(("build", "year", "today", "status", "words"), [c[1:] for c in MINISTRY_CASES],
                         ids=[c[0] for c in MINISTRY_CASES])  # fmt: skip
def test_ministry_meetings(
    store: Store, build: Callable[[Store], None], year: int, today: date, status: str | None, words: str
) -> None:
    build(store)
    found = finding(store, rules.RULE_MINISTRY_MEETINGS, year=year, today=today)
    if status is None:
        assert found is None
        return
    assert found is not None and (found.status, found.section) == (status, "2.7")
    assert words in found.detail


# --- a brand-new mesa --------------------------------------------------------------------------


def test_a_brand_new_mesa_owes_nothing_for_the_time_before_it(store: Store) -> None:
    today = clock.today()
    findings = compliance.check(store, year=today.year, today=today)
    quarters = [f for f in findings if f.rule == rules.RULE_SESSIONS_PER_QUARTER]
    # Only the quarters that end on or after the day the mesa was created.
    assert quarters and all(f.due is not None and f.due >= today for f in quarters)
    assert all(f.status == PENDING for f in quarters)
    last_year = compliance.check(store, year=today.year - 1, today=today)
    periodic = {
        rules.RULE_INSTALLATION, rules.RULE_SECRETARY_CONVENED, rules.RULE_SESSIONS_PER_QUARTER,
        rules.RULE_ACTION_PLAN, rules.RULE_CLOSING, rules.RULE_MINISTRY_MEETINGS,
    }  # fmt: skip
    assert not [f for f in last_year if f.rule in periodic]


def test_sessions_typed_in_from_before_the_app_move_the_start_back(store: Store) -> None:
    held_session(store, D(2026, 2, 26), "installation")
    findings = compliance.check(store, year=2026, today=D(2026, 12, 2))
    quarters = {f.code: f.status for f in findings if f.rule == rules.RULE_SESSIONS_PER_QUARTER}
    # Held without anybody checked in, it had no quorum: the quarter is checked, and missing.
    assert quarters == dict.fromkeys((f"sessions_per_quarter_q{q}" for q in (1, 2, 3)), MISSING) | {
        "sessions_per_quarter_q4": PENDING
    }


# --- mesa check --json ---------------------------------------------------------------------------


@pytest.mark.slow  # over a second: the mesa command runs in a child process
def test_check_json_carries_the_new_rules_with_their_sections(demo_store_file) -> None:
    findings = as_json(run("--json", "check", db=demo_store_file))
    by_rule = {f["rule"]: f for f in findings}
    assert {rule: by_rule[rule]["section"] for rule in (
        "installation_session", "secretary_convened", "closing_session", "ministry_meetings",
    )} == {
        "installation_session": "2.7", "secretary_convened": "2.7",
        "closing_session": "1.5 a", "ministry_meetings": "2.7",
    }  # fmt: skip
    for rule in ("installation_session", "secretary_convened", "closing_session", "ministry_meetings"):
        assert by_rule[rule]["status"] in rules.STATUSES and by_rule[rule]["detail"]
    # The demo's ministry professional attends two sessions (one virtually): counted from attendance.
    assert "asistió una persona del Ministerio" in by_rule["ministry_meetings"]["detail"]

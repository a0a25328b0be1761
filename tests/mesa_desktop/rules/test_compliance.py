"""Compliance rules of DESIGN §2, one table per rule, every status each rule can give."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

import pytest

from mesa_desktop.rules import compliance as c
from mesa_desktop.rules.calendar import add_business_days
from mesa_desktop.rules.compliance import (
    ACTA_SEND_BUSINESS_DAYS,
    DEFAULT_CONVOCATION_LEAD_DAYS,
    DELEGATION_NOTICE_BUSINESS_DAYS,
    FOCAL_POINT_REPORT_BUSINESS_DAYS,
    MINISTRY_MEETINGS_PER_YEAR,
    RULES,
    STATUSES,
    CommitmentFacts,
    ComplianceSummary,
    DependencyFacts,
    Finding,
    LiaisonFacts,
    MesaFacts,
    SessionFacts,
    evaluate,
    summary,
)
from tests.mesa_desktop.rules.test_periodic_report_rule import PERIODIC_TABLE

D = date
OK, PENDING, LATE, MISSING, NA = c.OK, c.PENDING, c.LATE, c.MISSING, c.NOT_APPLICABLE


def facts(**overrides: object) -> MesaFacts:
    values: dict[str, object] = {"today": D(2026, 6, 1), "year": 2026, "kind": c.MESA_MUNICIPAL}
    values.update(overrides)
    return MesaFacts(**values)  # type: ignore[arg-type]


def of_rule(findings: list[Finding], rule: str) -> list[Finding]:
    return [f for f in findings if f.rule == rule]


def one(findings: list[Finding], rule: str) -> Finding:
    (finding,) = of_rule(findings, rule)
    return finding


def held(day: date, **kw: object) -> SessionFacts:
    kw.setdefault("status", c.SESSION_HELD)
    return SessionFacts(session_date=day, **kw)  # type: ignore[arg-type]


def planned(day: date, **kw: object) -> SessionFacts:
    return SessionFacts(session_date=day, status=c.SESSION_PLANNED, **kw)  # type: ignore[arg-type]


# Every status each rule can produce; the tables below must reach all of them.
REACHABLE = {
    c.RULE_ACTO_ADMINISTRATIVO: {OK, MISSING, NA},
    c.RULE_FOCAL_POINT_REPORTED: {OK, PENDING, LATE, MISSING, NA},
    c.RULE_DELEGATION_NOTIFIED: {OK, PENDING, LATE, MISSING, NA},
    c.RULE_INSTALLATION: {OK, PENDING, LATE, MISSING, NA},
    c.RULE_SECRETARY_CONVENED: {OK, PENDING, MISSING, NA},
    c.RULE_SESSIONS_PER_QUARTER: {OK, PENDING, MISSING, NA},
    c.RULE_ACTION_PLAN: {OK, PENDING, LATE, MISSING, NA},
    c.RULE_CLOSING: {OK, PENDING, LATE, MISSING, NA},
    c.RULE_MINISTRY_MEETINGS: {OK, PENDING, MISSING, NA},
    c.RULE_PERIODIC_REPORT: {OK, PENDING, LATE, MISSING, NA},
    c.RULE_CONVOCATION_LEAD: {OK, PENDING, LATE, MISSING},
    c.RULE_ACTA_SENT: {OK, PENDING, LATE, MISSING},
    c.RULE_COMMITMENT: {OK, PENDING, LATE, MISSING, NA},
    c.RULE_PERMANENT_LIAISON: {OK, PENDING, MISSING},  # no finding at all for a territorial mesa
}


def test_every_rule_is_covered_and_listed() -> None:
    assert set(REACHABLE) == set(RULES)
    assert set(STATUSES) == {OK, PENDING, LATE, MISSING, NA}


# --- acto administrativo (2.6, 2.7) ----------------------------------------------------------

ACTO_TABLE = [
    # (id, overrides, status, words in detail)
    ("complete", {"acto_number": "0123", "acto_date": D(2025, 11, 4), "acto_issued_by": "Alcaldía de Cúcuta"},
     OK, ["0123", "4 de noviembre de 2025", "Alcaldía de Cúcuta"]),
    ("no issuer", {"acto_number": "0123", "acto_date": D(2025, 11, 4)}, OK, ["0123"]),
    ("number only", {"acto_number": "0123"}, MISSING, ["fecha", "0123"]),
    ("date only", {"acto_date": D(2025, 11, 4)}, MISSING, ["número", "4 de noviembre de 2025"]),
    ("nothing", {}, MISSING, ["acto administrativo", "formaliza"]),
    ("empty number", {"acto_number": "", "acto_date": D(2025, 11, 4)}, MISSING, ["número"]),
    ("national", {"kind": c.MESA_NATIONAL}, NA, ["mesa nacional"]),
]  # fmt: skip


@pytest.mark.parametrize(("overrides", "status", "words"), [row[1:] for row in ACTO_TABLE],
                         ids=[row[0] for row in ACTO_TABLE])  # fmt: skip
def test_acto_administrativo(overrides: dict, status: str, words: list[str]) -> None:
    finding = one(evaluate(facts(**overrides)), c.RULE_ACTO_ADMINISTRATIVO)
    assert finding.code == "acto_administrativo"
    assert finding.status == status
    assert finding.due is None  # a standing requirement, no deadline
    assert finding.section == "2.6"
    for word in words:
        assert word in finding.detail


def test_acto_administrativo_is_not_owed_for_a_year_before_the_mesa() -> None:
    before = evaluate(facts(today=D(2026, 12, 2), year=2025, created_on=D(2026, 12, 2)))
    assert of_rule(before, c.RULE_ACTO_ADMINISTRATIVO) == []
    # From its first year on it is owed as always.
    now = evaluate(facts(today=D(2026, 12, 2), year=2026, created_on=D(2026, 12, 2)))
    assert one(now, c.RULE_ACTO_ADMINISTRATIVO).status == MISSING


# --- focal point reported within 20 business days (2.6) ---------------------------------------

# In force on Monday 16 March 2026: San José (23 March) and Jueves/Viernes Santo (2–3 April)
# push the 20th business day from Monday 13 to Thursday 16 April.
EFFECTIVE = D(2026, 3, 16)
REPORT_DUE = D(2026, 4, 16)

FOCAL_TABLE = [
    ("early", {"focal_point_reported_on": D(2026, 3, 20)}, D(2026, 7, 1), OK, ["20 de marzo de 2026"]),
    ("on the due day", {"focal_point_reported_on": REPORT_DUE}, D(2026, 7, 1), OK, ["dentro del plazo"]),
    ("one business day late", {"focal_point_reported_on": D(2026, 4, 17)}, D(2026, 7, 1), LATE,
     ["1 día hábil después", "16 de abril de 2026"]),
    ("late across a weekend", {"focal_point_reported_on": D(2026, 4, 20)}, D(2026, 7, 1), LATE,
     ["2 días hábiles después"]),
    ("not yet, due today", {}, REPORT_DUE, PENDING, ["a más tardar el 16 de abril de 2026"]),
    ("not yet, before", {}, D(2026, 3, 17), PENDING, ["16 de abril de 2026"]),
    ("not done, overdue", {}, D(2026, 4, 17), MISSING, ["venció el 16 de abril de 2026", "paquete"]),
    ("no resolution date", {"resolution_effective_on": None}, D(2026, 7, 1), NA, ["entrada en vigencia"]),
    ("national", {"kind": c.MESA_NATIONAL}, D(2026, 7, 1), NA, ["mesa nacional"]),
]  # fmt: skip


@pytest.mark.parametrize(("overrides", "today", "status", "words"), [row[1:] for row in FOCAL_TABLE],
                         ids=[row[0] for row in FOCAL_TABLE])  # fmt: skip
def test_focal_point_reported(overrides: dict, today: date, status: str, words: list[str]) -> None:
    values = {"resolution_effective_on": EFFECTIVE, "today": today, **overrides}
    finding = one(evaluate(facts(**values)), c.RULE_FOCAL_POINT_REPORTED)
    assert finding.code == "focal_point_reported"
    assert finding.status == status
    assert finding.section == "2.6"
    if status != NA:
        assert finding.due == REPORT_DUE == add_business_days(EFFECTIVE, FOCAL_POINT_REPORT_BUSINESS_DAYS)
        assert "20 días hábiles" in finding.detail
    else:
        assert finding.due is None
    for word in words:
        assert word in finding.detail


# --- delegations notified within 10 business days (2.5) ------------------------------------

# Communicated on Friday 13 March 2026: the tenth business day skips San José → Monday 30 March.
COMMUNICATED = D(2026, 3, 13)
DELEGATION_DUE = D(2026, 3, 30)

DELEGATION_TABLE = [
    ("early", D(2026, 3, 16), D(2026, 7, 1), OK, ["16 de marzo de 2026", "dentro del plazo"]),
    ("on the due day", DELEGATION_DUE, D(2026, 7, 1), OK, ["dentro del plazo"]),
    ("before the guideline", D(2026, 3, 1), D(2026, 7, 1), OK, []),
    ("one business day late", D(2026, 3, 31), D(2026, 7, 1), LATE, ["1 día hábil después"]),
    ("late over Semana Santa", D(2026, 4, 6), D(2026, 7, 1), LATE, ["3 días hábiles después"]),
    ("not yet, due today", None, DELEGATION_DUE, PENDING, ["a más tardar el 30 de marzo de 2026"]),
    ("not yet, same day as guideline", None, COMMUNICATED, PENDING, []),
    ("overdue", None, D(2026, 3, 31), MISSING, ["venció el 30 de marzo de 2026", "jefe de la dependencia"]),
]  # fmt: skip


@pytest.mark.parametrize(("notified", "today", "status", "words"), [row[1:] for row in DELEGATION_TABLE],
                         ids=[row[0] for row in DELEGATION_TABLE])  # fmt: skip
def test_delegation_notified(notified: date | None, today: date, status: str, words: list[str]) -> None:
    dependency = DependencyFacts(
        name="Subsecretaría de Salud Pública", delegation_notified_on=notified, id="dep-1"
    )
    finding = one(
        evaluate(facts(today=today, guideline_communicated_on=COMMUNICATED, dependencies=[dependency])),
        c.RULE_DELEGATION_NOTIFIED,
    )
    assert finding.code == "delegation_notified_dep-1"
    assert finding.title == "Delegación notificada — Subsecretaría de Salud Pública"
    assert finding.status == status
    assert finding.due == DELEGATION_DUE == add_business_days(COMMUNICATED, DELEGATION_NOTICE_BUSINESS_DAYS)
    assert finding.section == "2.5"
    assert "10 días hábiles" in finding.detail
    assert "13 de marzo de 2026" in finding.detail
    for word in words:
        assert word in finding.detail


DELEGATION_SINGLE_TABLE = [
    # (id, overrides, status): cases that give one finding for the whole mesa
    ("no communication date", {"guideline_communicated_on": None}, NA),
    ("national mesa", {"kind": c.MESA_NATIONAL}, NA),
    ("no dependencies yet, not due", {"today": D(2026, 3, 20)}, PENDING),
    ("no dependencies, overdue", {"today": D(2026, 4, 1)}, MISSING),
]  # fmt: skip


@pytest.mark.parametrize(("overrides", "status"), [row[1:] for row in DELEGATION_SINGLE_TABLE],
                         ids=[row[0] for row in DELEGATION_SINGLE_TABLE])  # fmt: skip
def test_delegation_single_findings(overrides: dict, status: str) -> None:
    values: dict[str, object] = {"guideline_communicated_on": COMMUNICATED, **overrides}
    if "today" not in overrides:
        values["dependencies"] = [DependencyFacts("A"), DependencyFacts("B")]
    finding = one(evaluate(facts(**values)), c.RULE_DELEGATION_NOTIFIED)
    assert finding.code == "delegation_notified"
    assert finding.status == status
    assert finding.detail


def test_delegation_findings_keep_dependency_order_and_have_distinct_codes() -> None:
    deps = [
        DependencyFacts("Dirección de Aseguramiento", D(2026, 3, 20), id="u-2"),
        DependencyFacts("Oficina de Calidad"),
        DependencyFacts("Oficina de Calidad"),  # same name twice, no ids
        DependencyFacts("Salud Pública", D(2026, 4, 1)),
    ]
    findings = of_rule(
        evaluate(facts(today=D(2026, 5, 1), guideline_communicated_on=COMMUNICATED, dependencies=deps)),
        c.RULE_DELEGATION_NOTIFIED,
    )
    assert [(f.code, f.status) for f in findings] == [
        ("delegation_notified_u-2", OK),
        ("delegation_notified_Oficina de Calidad", MISSING),
        ("delegation_notified_Oficina de Calidad#2", MISSING),
        ("delegation_notified_Salud Pública", LATE),
    ]


# --- ordinary sessions per quarter (1.5, 2.7) ----------------------------------------------

QUARTER_TABLE = [
    # (id, today, sessions, statuses of Q1..Q4)
    ("nothing yet, early in the year", D(2026, 2, 1), [], [PENDING] * 4),
    ("last day of the quarter is still pending", D(2026, 3, 31), [], [PENDING] * 4),
    ("quarter over without a session", D(2026, 4, 1), [], [MISSING, PENDING, PENDING, PENDING]),
    ("held in Q1", D(2026, 4, 1), [held(D(2026, 3, 18))], [OK, PENDING, PENDING, PENDING]),
    ("acta approved counts as held", D(2026, 4, 1),
     [held(D(2026, 1, 2), status=c.SESSION_ACTA_APPROVED)], [OK, PENDING, PENDING, PENDING]),
    ("quarter edges", D(2026, 12, 31),
     [held(D(2026, 1, 1)), held(D(2026, 3, 31)), held(D(2026, 4, 1)), held(D(2026, 12, 31))],
     [OK, OK, MISSING, OK]),
    ("extraordinary does not count", D(2026, 4, 1),
     [held(D(2026, 2, 10), kind=c.SESSION_EXTRAORDINARY, template=c.TEMPLATE_EXTRAORDINARY)],
     [MISSING, PENDING, PENDING, PENDING]),
    ("planned, convened or cancelled do not count", D(2026, 4, 1),
     [planned(D(2026, 2, 10)), SessionFacts(D(2026, 3, 1), status=c.SESSION_CONVENED),
      SessionFacts(D(2026, 3, 5), status=c.SESSION_CANCELLED)],
     [MISSING, PENDING, PENDING, PENDING]),
    ("other years do not count", D(2026, 4, 1), [held(D(2025, 12, 15)), held(D(2027, 1, 15))],
     [MISSING, PENDING, PENDING, PENDING]),
    ("whole past year", D(2027, 1, 10), [held(D(2026, 5, 5)), held(D(2026, 11, 5))],
     [MISSING, OK, MISSING, OK]),
    ("installed in Q2: Q1 does not apply", D(2026, 10, 2),
     [held(D(2026, 5, 12), template=c.TEMPLATE_INSTALLATION)], [NA, OK, MISSING, PENDING]),
    ("installed in an earlier year", D(2026, 4, 1),
     [held(D(2025, 5, 12), template=c.TEMPLATE_INSTALLATION)], [MISSING, PENDING, PENDING, PENDING]),
    ("installed on the last day of Q1", D(2026, 4, 1),
     [held(D(2026, 3, 31), template=c.TEMPLATE_INSTALLATION)], [OK, PENDING, PENDING, PENDING]),
    ("an installation still planned does not exempt", D(2026, 4, 1),
     [planned(D(2026, 5, 12), template=c.TEMPLATE_INSTALLATION)], [MISSING, PENDING, PENDING, PENDING]),
    ("installed next year", D(2027, 3, 1), [held(D(2027, 2, 1), template=c.TEMPLATE_INSTALLATION)], [NA] * 4),
]  # fmt: skip


@pytest.mark.parametrize(("today", "sessions", "statuses"), [row[1:] for row in QUARTER_TABLE],
                         ids=[row[0] for row in QUARTER_TABLE])  # fmt: skip
def test_sessions_per_quarter(today: date, sessions: list[SessionFacts], statuses: list[str]) -> None:
    year = 2026
    findings = of_rule(
        evaluate(facts(today=today, year=year, sessions=sessions)), c.RULE_SESSIONS_PER_QUARTER
    )
    assert [f.code for f in findings] == [f"sessions_per_quarter_q{q}" for q in range(1, 5)]
    assert [f.status for f in findings] == statuses
    assert [f.due for f in findings] == [D(year, 3, 31), D(year, 6, 30), D(year, 9, 30), D(year, 12, 31)]
    assert all(f.section == "2.7" for f in findings)
    assert findings[0].title == f"Sesión ordinaria del primer trimestre de {year}"
    assert findings[3].title == f"Sesión ordinaria del cuarto trimestre de {year}"


def test_future_year_quarters_are_pending() -> None:
    findings = of_rule(evaluate(facts(today=D(2026, 6, 1), year=2027)), c.RULE_SESSIONS_PER_QUARTER)
    assert [f.status for f in findings] == [PENDING] * 4


@pytest.mark.parametrize(
    ("sessions", "words"),
    [
        (
            [],
            ["Aún no hay una sesión ordinaria programada", "14 días de anticipación", "30 de junio de 2026"],
        ),
        (
            [planned(D(2026, 6, 20), number="002-2026")],
            ["Está programada la sesión 002-2026 (20 de junio de 2026)"],
        ),
        ([planned(D(2026, 5, 20))], ["ya pasó", "no figura como realizada", "30 de junio de 2026"]),
        ([SessionFacts(D(2026, 6, 20), status=c.SESSION_CANCELLED)], ["Aún no hay"]),
        ([planned(D(2026, 4, 20)), planned(D(2026, 6, 20))], ["Está programada la sesión del 20 de junio"]),
        ([planned(D(2026, 4, 20)), planned(D(2026, 5, 20))], ["La sesión del 20 de mayo de 2026 ya pasó"]),
    ],
)
def test_pending_quarter_detail_says_what_to_do(sessions: list[SessionFacts], words: list[str]) -> None:
    q2 = of_rule(evaluate(facts(today=D(2026, 6, 1), sessions=sessions)), c.RULE_SESSIONS_PER_QUARTER)[1]
    assert q2.status == PENDING
    for word in words:
        assert word in q2.detail


def test_quarter_details() -> None:
    sessions = [held(D(2026, 2, 5), number="001-2026"), held(D(2026, 3, 5), number="002-2026")]
    findings = of_rule(evaluate(facts(today=D(2026, 7, 2), sessions=sessions)), c.RULE_SESSIONS_PER_QUARTER)
    assert findings[0].detail.startswith("Se realizaron 2 sesiones ordinarias")
    assert "001-2026" in findings[0].detail and "002-2026" in findings[0].detail
    assert "entre el 1 de abril de 2026 y el 30 de junio de 2026" in findings[1].detail
    assert "una por trimestre" in findings[1].detail


def test_national_mesa_cites_1_5_for_quarters_and_plan() -> None:
    findings = evaluate(facts(kind=c.MESA_NATIONAL))
    assert {f.section for f in of_rule(findings, c.RULE_SESSIONS_PER_QUARTER)} == {"1.5"}
    assert one(findings, c.RULE_ACTION_PLAN).section == "1.5"


# --- plan de acción in the first ordinary session (1.5, 2.7) ----------------------------------

FIRST = D(2026, 2, 18)
SECOND = D(2026, 5, 20)

PLAN_TABLE = [
    # (id, today, sessions, status, due)
    ("approved in the first ordinary", D(2026, 6, 1),
     [held(FIRST, action_plan_approved_here=True), held(SECOND)], OK, FIRST),
    ("approved in the installation", D(2026, 6, 1),
     [held(FIRST, template=c.TEMPLATE_INSTALLATION, status=c.SESSION_ACTA_APPROVED,
           action_plan_approved_here=True)], OK, FIRST),
    ("approved earlier, in an extraordinary", D(2026, 6, 1),
     [held(D(2026, 1, 20), kind=c.SESSION_EXTRAORDINARY, action_plan_approved_here=True), held(FIRST)], OK, FIRST),
    ("approved in an extraordinary, no ordinary yet", D(2026, 2, 1),
     [held(D(2026, 1, 20), kind=c.SESSION_EXTRAORDINARY, action_plan_approved_here=True)], OK, None),
    ("approved in the second ordinary", D(2026, 6, 1),
     [held(FIRST), held(SECOND, action_plan_approved_here=True)], LATE, FIRST),
    ("approved in a later extraordinary", D(2026, 6, 1),
     [held(FIRST), held(D(2026, 3, 3), kind=c.SESSION_EXTRAORDINARY, action_plan_approved_here=True)], LATE, FIRST),
    ("first ordinary held without it", D(2026, 6, 1), [held(FIRST), held(SECOND)], MISSING, FIRST),
    ("first ordinary planned", D(2026, 2, 1), [planned(FIRST)], PENDING, FIRST),
    ("flag on a session not yet held is ignored", D(2026, 2, 1),
     [planned(FIRST, action_plan_approved_here=True)], PENDING, FIRST),
    ("cancelled first session is skipped", D(2026, 2, 1),
     [SessionFacts(FIRST, status=c.SESSION_CANCELLED), planned(SECOND)], PENDING, SECOND),
    ("nothing planned", D(2026, 2, 1), [], PENDING, None),
    ("a planned session already past is not the next one", D(2026, 3, 1),
     [planned(D(2026, 2, 10)), planned(D(2026, 3, 20))], PENDING, D(2026, 3, 20)),
    ("only past planned sessions", D(2026, 3, 1), [planned(D(2026, 2, 10))], PENDING, None),
    ("last year's approval does not count", D(2026, 2, 1),
     [held(D(2025, 2, 18), action_plan_approved_here=True)], PENDING, None),
    ("year over without sessions", D(2027, 1, 5), [], MISSING, None),
    ("installed after the year", D(2027, 3, 1),
     [held(D(2027, 2, 1), template=c.TEMPLATE_INSTALLATION)], NA, None),
]  # fmt: skip


@pytest.mark.parametrize(("today", "sessions", "status", "due"), [row[1:] for row in PLAN_TABLE],
                         ids=[row[0] for row in PLAN_TABLE])  # fmt: skip
def test_action_plan(today: date, sessions: list[SessionFacts], status: str, due: date | None) -> None:
    finding = one(evaluate(facts(today=today, sessions=sessions)), c.RULE_ACTION_PLAN)
    assert finding.code == "action_plan_first_session"
    assert finding.status == status
    assert finding.due == due
    assert finding.section == "1.5, 2.7"
    assert "plan de acción" in finding.detail


def test_action_plan_details_name_the_sessions() -> None:
    late = one(
        evaluate(
            facts(
                sessions=[
                    held(FIRST, number="001-2026"),
                    held(SECOND, number="002-2026", action_plan_approved_here=True),
                ]
            )
        ),
        c.RULE_ACTION_PLAN,
    )
    assert "se aprobó en la sesión 002-2026" in late.detail
    assert "001-2026" in late.detail
    pending = one(
        evaluate(facts(today=D(2026, 2, 1), sessions=[planned(FIRST, number="001-2026")])), c.RULE_ACTION_PLAN
    )
    assert "orden del día de la sesión 001-2026" in pending.detail


# --- two meetings a year with the ministry (2.7) --------------------------------------------

MINISTRY_TABLE = [
    ("two", D(2026, 9, 1), [held(D(2026, 2, 1), ministry_participated=True),
                            held(D(2026, 8, 1), ministry_participated=True)], OK, 2),
    ("three", D(2026, 12, 1), [held(D(2026, m, 3), ministry_participated=True) for m in (2, 5, 8)], OK, 3),
    ("one so far", D(2026, 9, 1), [held(D(2026, 2, 1), ministry_participated=True), held(D(2026, 5, 1))],
     PENDING, 1),
    ("none, last day of the year", D(2026, 12, 31), [], PENDING, 0),
    ("one, year over", D(2027, 1, 1), [held(D(2026, 2, 1), ministry_participated=True)], MISSING, 1),
    ("planned and cancelled ones do not count", D(2027, 1, 1),
     [held(D(2026, 2, 1), ministry_participated=True), planned(D(2026, 11, 1), ministry_participated=True),
      SessionFacts(D(2026, 10, 1), status=c.SESSION_CANCELLED, ministry_participated=True)], MISSING, 1),
    ("other years do not count", D(2027, 1, 1),
     [held(D(2025, 2, 1), ministry_participated=True), held(D(2027, 1, 1), ministry_participated=True),
      held(D(2026, 4, 1), ministry_participated=True)], MISSING, 1),
    ("extraordinary sessions count", D(2026, 9, 1),
     [held(D(2026, 2, 1), ministry_participated=True),
      held(D(2026, 3, 1), kind=c.SESSION_EXTRAORDINARY, ministry_participated=True)], OK, 2),
]  # fmt: skip


@pytest.mark.parametrize(("today", "sessions", "status", "count"), [row[1:] for row in MINISTRY_TABLE],
                         ids=[row[0] for row in MINISTRY_TABLE])  # fmt: skip
def test_ministry_meetings(today: date, sessions: list[SessionFacts], status: str, count: int) -> None:
    finding = one(evaluate(facts(today=today, sessions=sessions)), c.RULE_MINISTRY_MEETINGS)
    assert finding.code == "ministry_meetings"
    assert finding.status == status
    assert finding.due == D(2026, 12, 31)
    assert finding.section == "2.7"
    if status == OK:
        assert f"Se realizaron {count} reuniones" in finding.detail
    else:
        assert f"{count} de {MINISTRY_MEETINGS_PER_YEAR}" in finding.detail
    if status == PENDING:
        assert "Oficina de Promoción Social" in finding.detail


def test_ministry_meetings_national_does_not_apply() -> None:
    finding = one(evaluate(facts(kind=c.MESA_NATIONAL)), c.RULE_MINISTRY_MEETINGS)
    assert finding.status == NA


def test_ministry_meetings_are_one_for_a_mesa_begun_in_the_second_half() -> None:
    sessions = [held(D(2026, 9, 3), ministry_participated=True)]
    finding = one(
        evaluate(facts(today=D(2027, 1, 5), created_on=D(2026, 8, 1), sessions=sessions)),
        c.RULE_MINISTRY_MEETINGS,
    )
    assert finding.status == OK
    assert "(al menos 1)" in finding.title and "segundo semestre" in finding.detail
    # Begun in the first half, the year still owes two.
    early = one(
        evaluate(facts(today=D(2027, 1, 5), created_on=D(2026, 6, 30), sessions=sessions)),
        c.RULE_MINISTRY_MEETINGS,
    )
    assert early.status == MISSING and "1 de 2" in early.detail


def test_ministry_meetings_before_the_mesa_existed_give_no_finding() -> None:
    findings = evaluate(facts(today=D(2027, 3, 1), created_on=D(2027, 2, 1)))
    assert of_rule(findings, c.RULE_MINISTRY_MEETINGS) == []


# --- installation session co-presided by the ministry (2.7) ---------------------------------

INSTALL = {"template": c.TEMPLATE_INSTALLATION}
INSTALLED = {**INSTALL, "ministry_presided": True, "guidelines_on_agenda": True}

INSTALLATION_TABLE = [
    # (id, facts overrides, sessions, status or None for no finding, words in the detail)
    ("met: co-presided, guidelines socialised", {}, [held(FIRST, **INSTALLED)], OK,
     ["se instaló", "presidencia", "lineamientos nacionales"]),
    ("met: a ministry person attended (virtual counts)", {},
     [held(FIRST, **INSTALL, ministry_participated=True, guidelines_on_agenda=True)], OK,
     ["Asistió una persona del Ministerio"]),
    ("late: installed after an ordinary session", {}, [held(D(2026, 1, 28)), held(FIRST, **INSTALLED)],
     LATE, ["después de la primera sesión"]),
    ("missing: the first session was ordinary", {}, [held(FIRST)], MISSING,
     ["no fue una sesión de instalación", "registre esa sesión"]),
    ("missing: nobody of the ministry", {}, [held(FIRST, **INSTALL, guidelines_on_agenda=True)], MISSING,
     ["ni la copresidencia", "Ministerio de Salud"]),
    ("missing: no socialisation item", {}, [held(FIRST, **INSTALL, ministry_presided=True)], MISSING,
     ["no incluyó la socialización"]),
    ("missing: late and incomplete", {}, [held(D(2026, 1, 28)), held(FIRST, **INSTALL)], MISSING,
     ["Ministerio", "socialización"]),
    ("pending: installation planned", {}, [planned(D(2026, 7, 1), **INSTALL)], PENDING,
     ["de instalación", "presidida de manera conjunta"]),
    ("pending: an ordinary session planned first", {}, [planned(D(2026, 7, 1))], PENDING,
     ["que no es de instalación"]),
    ("pending: no session yet", {}, [], PENDING, ["plantilla de instalación"]),
    ("missing: the year went by without a session", {"today": D(2027, 1, 5)}, [], MISSING,
     ["no se instaló"]),
    ("before the mesa existed", {"today": D(2027, 3, 1), "created_on": D(2027, 2, 1)},
     [held(D(2027, 2, 10), **INSTALLED)], None, []),
    ("judged in the year of the first session only", {"year": 2027, "today": D(2027, 3, 1)},
     [held(FIRST, **INSTALLED)], None, []),
]  # fmt: skip


@pytest.mark.parametrize(("overrides", "sessions", "status", "words"), [row[1:] for row in INSTALLATION_TABLE],
                         ids=[row[0] for row in INSTALLATION_TABLE])  # fmt: skip
def test_installation_session(overrides: dict, sessions: list, status: str | None, words: list[str]) -> None:
    findings = of_rule(evaluate(facts(sessions=sessions, **overrides)), c.RULE_INSTALLATION)
    if status is None:
        assert findings == []
        return
    (finding,) = findings
    assert (finding.code, finding.section, finding.status) == ("installation_session", "2.7", status)
    for word in words:
        assert word in finding.detail


def test_installation_does_not_apply_to_the_national_mesa() -> None:
    finding = one(evaluate(facts(kind=c.MESA_NATIONAL)), c.RULE_INSTALLATION)
    assert finding.status == NA and "mesa nacional" in finding.detail


# --- the Secretario(a) Departamental de Salud convened to the first session (2.7) ----------

SECRETARY = ("Dra. Luz Ortega (Secretaria Departamental de Salud)",)

SECRETARY_TABLE = [
    # (id, facts overrides, sessions, status or None, words in the detail)
    ("met: convened and attended", {},
     [held(FIRST, secretary_convened=SECRETARY, secretary_in_acta=SECRETARY)], OK,
     ["destinatarios de la convocatoria", "en su acta"]),
    ("met: convened, listed absent", {},
     [held(FIRST, secretary_convened=SECRETARY, secretary_in_acta=("Despacho del Secretario (ausente)",))],
     OK, ["ausente"]),
    ("missing: presided but never convened", {}, [held(FIRST, secretary_in_acta=SECRETARY)], MISSING,
     ["no figura entre los destinatarios", "En el acta figura", "Regístrelo(a) en Conformación", "por el cargo"]),
    ("missing: convened, not in the acta", {}, [held(FIRST, secretary_convened=SECRETARY)], MISSING,
     ["pero no en el acta"]),
    ("missing: neither", {}, [held(FIRST)], MISSING, ["no figura entre los destinatarios"]),
    ("pending: first session planned, convened", {},
     [planned(D(2026, 7, 1), secretary_convened=SECRETARY)], PENDING, ["figura entre los destinatarios"]),
    ("pending: first session planned, not convened", {}, [planned(D(2026, 7, 1))], PENDING,
     ["Registre en Conformación"]),
    ("pending: no session yet", {}, [], PENDING, ["primera sesión"]),
    ("missing: the year went by without a session", {"today": D(2027, 1, 5)}, [], MISSING, ["Aún no hay"]),
    ("only the first session counts", {},
     [held(FIRST), held(SECOND, secretary_convened=SECRETARY, secretary_in_acta=SECRETARY)], MISSING, []),
    ("before the mesa existed", {"today": D(2027, 3, 1), "created_on": D(2027, 2, 1)}, [], None, []),
]  # fmt: skip


@pytest.mark.parametrize(("overrides", "sessions", "status", "words"), [row[1:] for row in SECRETARY_TABLE],
                         ids=[row[0] for row in SECRETARY_TABLE])  # fmt: skip
def test_secretary_convened(overrides: dict, sessions: list, status: str | None, words: list[str]) -> None:
    findings = of_rule(evaluate(facts(sessions=sessions, **overrides)), c.RULE_SECRETARY_CONVENED)
    if status is None:
        assert findings == []
        return
    (finding,) = findings
    assert (finding.code, finding.section, finding.status) == ("secretary_convened", "2.7", status)
    assert "Secretario(a) Departamental de Salud" in finding.title
    for word in words:
        assert word in finding.detail


def test_secretary_of_a_departmental_mesa_is_its_own() -> None:
    finding = one(evaluate(facts(kind=c.MESA_DEPARTMENTAL)), c.RULE_SECRETARY_CONVENED)
    assert finding.title.startswith("Secretario(a) de Salud o su delegado(a)")
    national = one(evaluate(facts(kind=c.MESA_NATIONAL)), c.RULE_SECRETARY_CONVENED)
    assert national.status == NA


# --- closing session each year (1.5 a) -----------------------------------------------------

CLOSE = {"template": c.TEMPLATE_CLOSING}

CLOSING_TABLE = [
    # (id, facts overrides, sessions, status or None, words in the detail)
    ("met in the last quarter", {"today": D(2026, 12, 1)}, [held(D(2026, 11, 19), **CLOSE)], OK,
     ["Se realizó"]),
    ("met before the last quarter", {"today": D(2026, 12, 1)}, [held(D(2026, 9, 1), **CLOSE)], OK,
     ["último trimestre"]),
    ("pending while the year lasts", {"today": D(2026, 12, 31)}, [], PENDING, ["Programe", "31 de diciembre"]),
    ("pending: planned", {"today": D(2026, 11, 1)}, [planned(D(2026, 12, 10), **CLOSE)], PENDING,
     ["Está programada"]),
    ("late: held in next January", {"today": D(2027, 2, 1)}, [held(D(2027, 1, 20), **CLOSE)], LATE,
     ["después del 31 de diciembre de 2026"]),
    ("missing: next year's ordinary came first", {"today": D(2027, 2, 1)},
     [held(D(2027, 1, 10)), held(D(2027, 1, 20), **CLOSE)], MISSING, ["No se registró"]),
    ("missing: the year is over", {"today": D(2027, 1, 1)}, [held(D(2026, 11, 19))], MISSING,
     ["No se registró", "plantilla de evaluación y cierre"]),
    ("a late closing does not close the next year", {"year": 2027, "today": D(2027, 6, 1)},
     [held(D(2027, 1, 20), **CLOSE)], PENDING, []),
    ("begun in the last quarter", {"today": D(2027, 1, 5), "created_on": D(2026, 10, 15)}, [], NA,
     ["último trimestre", "desde 2027"]),
    ("before the mesa existed", {"today": D(2027, 3, 1), "created_on": D(2027, 2, 1)}, [], None, []),
]  # fmt: skip


@pytest.mark.parametrize(("overrides", "sessions", "status", "words"), [row[1:] for row in CLOSING_TABLE],
                         ids=[row[0] for row in CLOSING_TABLE])  # fmt: skip
def test_closing_session(overrides: dict, sessions: list, status: str | None, words: list[str]) -> None:
    findings = of_rule(evaluate(facts(sessions=sessions, **overrides)), c.RULE_CLOSING)
    if status is None:
        assert findings == []
        return
    (finding,) = findings
    year = overrides.get("year", 2026)
    assert (finding.code, finding.section, finding.status, finding.due) == (
        "closing_session", "1.5 a", status, D(year, 12, 31)
    )  # fmt: skip
    for word in words:
        assert word in finding.detail


def test_closing_applies_to_the_national_mesa() -> None:
    finding = one(evaluate(facts(kind=c.MESA_NATIONAL, today=D(2027, 1, 2))), c.RULE_CLOSING)
    assert finding.status == MISSING


# --- no findings for periods before the mesa existed (issue 10) -----------------------------

START_TABLE = [
    # (id, created_on, communicated, held sessions, start)
    ("nothing known", None, None, [], None),
    ("created only", D(2026, 11, 20), None, [], D(2026, 11, 20)),
    ("communicated only", None, COMMUNICATED, [], COMMUNICATED),
    ("the later of the two", D(2026, 1, 10), COMMUNICATED, [], COMMUNICATED),
    ("sessions typed in from before the app", D(2026, 11, 20), None, [D(2026, 2, 18)], D(2026, 2, 18)),
    ("sessions alone tell nothing", None, None, [D(2026, 2, 18)], None),
]  # fmt: skip


@pytest.mark.parametrize(("created", "communicated", "days", "start"), [row[1:] for row in START_TABLE],
                         ids=[row[0] for row in START_TABLE])  # fmt: skip
def test_when_the_mesa_began(created, communicated, days, start) -> None:
    data = facts(created_on=created, guideline_communicated_on=communicated, sessions=[held(d) for d in days])
    assert data.start == start


def test_a_brand_new_mesa_has_nothing_missing_for_the_time_before_it() -> None:
    today = D(2026, 12, 2)
    findings = evaluate(facts(today=today, created_on=today))
    quarters = of_rule(findings, c.RULE_SESSIONS_PER_QUARTER)
    assert [(f.code, f.status) for f in quarters] == [("sessions_per_quarter_q4", PENDING)]
    periodic = {
        c.RULE_INSTALLATION, c.RULE_SECRETARY_CONVENED, c.RULE_SESSIONS_PER_QUARTER,
        c.RULE_ACTION_PLAN, c.RULE_CLOSING, c.RULE_MINISTRY_MEETINGS,
    }  # fmt: skip
    assert not [f for f in findings if f.rule in periodic and f.is_problem]
    # The same mesa a year earlier: nothing at all for the periodic rules.
    earlier = evaluate(facts(today=today, year=2025, created_on=today))
    assert not [f for f in earlier if f.rule in periodic]


def test_quarters_after_the_guideline_was_communicated() -> None:
    data = facts(today=D(2026, 8, 1), created_on=D(2026, 1, 10), guideline_communicated_on=D(2026, 5, 4))
    quarters = of_rule(evaluate(data), c.RULE_SESSIONS_PER_QUARTER)
    assert [(f.code, f.status) for f in quarters] == [
        ("sessions_per_quarter_q2", MISSING),
        ("sessions_per_quarter_q3", PENDING),
        ("sessions_per_quarter_q4", PENDING),
    ]


# --- convocation lead time (1.5 a) --------------------------------------------------------

SESSION_DAY = D(2026, 5, 20)
CONVOCATION_DUE = D(2026, 5, 6)  # 14 calendar days before

CONVOCATION_TABLE = [
    # (id, session kwargs, today, lead days, status, words)
    ("exactly 14 days", {"convened_on": D(2026, 5, 6)}, D(2026, 6, 1), 14, OK, ["14 días antes"]),
    ("a month before", {"convened_on": D(2026, 4, 20)}, D(2026, 6, 1), 14, OK, ["30 días antes"]),
    ("13 days", {"convened_on": D(2026, 5, 7)}, D(2026, 6, 1), 14, LATE, ["solo 13 días antes", "6 de mayo de 2026"]),
    ("the same day", {"convened_on": SESSION_DAY}, D(2026, 6, 1), 14, LATE, ["solo 0 días antes"]),
    ("one day before", {"convened_on": D(2026, 5, 19)}, D(2026, 6, 1), 14, LATE, ["solo 1 día antes"]),
    ("after the session", {"convened_on": D(2026, 5, 21)}, D(2026, 6, 1), 14, LATE, ["posterior", "revise"]),
    ("not convened, due today", {"status": c.SESSION_PLANNED}, CONVOCATION_DUE, 14, PENDING,
     ["a más tardar el 6 de mayo de 2026"]),
    ("not convened, overdue", {"status": c.SESSION_PLANNED}, D(2026, 5, 7), 14, MISSING,
     ["venció el 6 de mayo de 2026", "reprograme"]),
    ("held without a convocation date", {"status": c.SESSION_HELD}, D(2026, 6, 1), 14, MISSING,
     ["No se registró la fecha de convocatoria"]),
    ("convened status without a date", {"status": c.SESSION_CONVENED}, D(2026, 5, 10), 14, MISSING,
     ["No se registró"]),
    ("custom lead of 7 days", {"convened_on": D(2026, 5, 13)}, D(2026, 6, 1), 7, OK, ["7 días antes"]),
    ("custom lead of 7 days, late", {"convened_on": D(2026, 5, 14)}, D(2026, 6, 1), 7, LATE,
     ["7 días calendario"]),
    ("no lead required", {"convened_on": SESSION_DAY}, D(2026, 6, 1), 0, OK, []),
    ("extraordinary sessions too", {"convened_on": D(2026, 5, 18), "kind": c.SESSION_EXTRAORDINARY},
     D(2026, 6, 1), 14, LATE, []),
]  # fmt: skip


@pytest.mark.parametrize(("session_kw", "today", "lead", "status", "words"), [row[1:] for row in CONVOCATION_TABLE],
                         ids=[row[0] for row in CONVOCATION_TABLE])  # fmt: skip
def test_convocation_lead(session_kw: dict, today: date, lead: int, status: str, words: list[str]) -> None:
    session = SessionFacts(SESSION_DAY, number="002-2026", **{"status": c.SESSION_HELD, **session_kw})
    finding = one(
        evaluate(facts(today=today, sessions=[session], convocation_lead_days=lead)), c.RULE_CONVOCATION_LEAD
    )
    assert finding.code == "convocation_lead_002-2026"
    assert finding.title == "Convocatoria con anticipación — sesión 002-2026 (20 de mayo de 2026)"
    assert finding.status == status
    assert finding.due == SESSION_DAY - timedelta(days=lead)
    assert finding.section == "1.5 a"
    for word in words:
        assert word in finding.detail


def test_convocation_default_is_two_weeks() -> None:
    assert DEFAULT_CONVOCATION_LEAD_DAYS == 14
    assert facts().convocation_lead_days == 14


def test_convocation_skips_cancelled_sessions_and_other_years() -> None:
    sessions = [
        SessionFacts(D(2026, 3, 3), status=c.SESSION_CANCELLED),
        held(D(2025, 12, 1)),
        held(D(2027, 1, 20)),
        held(D(2026, 3, 10), convened_on=D(2026, 2, 20), id="s-1"),
        planned(D(2026, 9, 10)),
    ]
    findings = of_rule(evaluate(facts(sessions=sessions)), c.RULE_CONVOCATION_LEAD)
    assert [(f.code, f.status) for f in findings] == [
        ("convocation_lead_s-1", OK),
        ("convocation_lead_2026-09-10", PENDING),
    ]


def test_session_codes_stay_distinct_without_ids() -> None:
    sessions = [
        held(D(2026, 3, 10), convened_on=D(2026, 2, 1)),
        held(D(2026, 3, 10), convened_on=D(2026, 2, 1)),
    ]
    codes = [f.code for f in of_rule(evaluate(facts(sessions=sessions)), c.RULE_CONVOCATION_LEAD)]
    assert codes == ["convocation_lead_2026-03-10", "convocation_lead_2026-03-10#2"]


def test_sessions_are_reported_by_date_whatever_the_input_order() -> None:
    sessions = [held(D(2026, 5, 1), number="002-2026"), held(D(2026, 2, 1), number="001-2026")]
    findings = of_rule(evaluate(facts(sessions=sessions)), c.RULE_ACTA_SENT)
    assert [f.code for f in findings] == ["acta_sent_001-2026", "acta_sent_002-2026"]


# --- actas sent to the dependencies (2.6 f) -----------------------------------------------

# Wednesday 18 March 2026 + 15 business days, skipping San José and Jueves/Viernes Santo.
ACTA_SESSION = D(2026, 3, 18)
ACTA_DUE = D(2026, 4, 13)

ACTA_TABLE = [
    # (id, session kwargs, today, status, words)
    ("sent the same day", {"acta_sent_on": ACTA_SESSION}, D(2026, 6, 1), OK, ["18 de marzo de 2026", "a tiempo"]),
    ("sent on the due day", {"acta_sent_on": ACTA_DUE}, D(2026, 6, 1), OK, ["a tiempo"]),
    ("sent one business day late", {"acta_sent_on": D(2026, 4, 14)}, D(2026, 6, 1), LATE,
     ["1 día hábil después", "13 de abril de 2026"]),
    ("approved acta, sent late", {"acta_sent_on": D(2026, 4, 20), "status": c.SESSION_ACTA_APPROVED,
                                  "acta_status": c.ACTA_APPROVED}, D(2026, 6, 1), LATE, ["5 días hábiles"]),
    ("no acta yet, due today", {}, ACTA_DUE, PENDING, ["Elabore el acta", "a más tardar el 13 de abril de 2026"]),
    ("draft, not due", {"acta_status": c.ACTA_DRAFT}, D(2026, 3, 19), PENDING, ["borrador"]),
    ("no acta, overdue", {}, D(2026, 4, 14), MISSING, ["Elabore el acta", "venció el 13 de abril de 2026"]),
    ("draft, overdue", {"acta_status": c.ACTA_DRAFT}, D(2026, 4, 14), MISSING, ["borrador", "cuanto antes"]),
    ("approved, never sent", {"acta_status": c.ACTA_APPROVED, "status": c.SESSION_ACTA_APPROVED},
     D(2026, 6, 1), MISSING, ["Envíe el acta"]),
]  # fmt: skip


@pytest.mark.parametrize(("session_kw", "today", "status", "words"), [row[1:] for row in ACTA_TABLE],
                         ids=[row[0] for row in ACTA_TABLE])  # fmt: skip
def test_acta_sent(session_kw: dict, today: date, status: str, words: list[str]) -> None:
    session = SessionFacts(ACTA_SESSION, id="s-9", **{"status": c.SESSION_HELD, **session_kw})
    finding = one(evaluate(facts(today=today, sessions=[session])), c.RULE_ACTA_SENT)
    assert finding.code == "acta_sent_s-9"
    assert finding.title == "Envío del acta — sesión del 18 de marzo de 2026"
    assert finding.status == status
    assert finding.due == ACTA_DUE == add_business_days(ACTA_SESSION, ACTA_SEND_BUSINESS_DAYS)
    assert finding.section == "2.6 f"
    # The term is the app's, not the guideline's, and the detail says so.
    assert "15 días hábiles" in finding.detail
    assert "plazo de referencia" in finding.detail
    for word in words:
        assert word in finding.detail


@pytest.mark.parametrize("status", [c.SESSION_PLANNED, c.SESSION_CONVENED, c.SESSION_CANCELLED])
def test_acta_only_for_held_sessions(status: str) -> None:
    findings = evaluate(facts(sessions=[SessionFacts(D(2026, 3, 18), status=status)]))
    assert of_rule(findings, c.RULE_ACTA_SENT) == []


def test_acta_due_can_fall_in_the_next_year() -> None:
    finding = one(evaluate(facts(today=D(2027, 1, 15), sessions=[held(D(2026, 12, 22))])), c.RULE_ACTA_SENT)
    # Christmas, New Year and Reyes (Monday 11 January 2027) are skipped.
    assert finding.due == D(2027, 1, 15)
    assert finding.status == PENDING


def test_acta_constant() -> None:
    assert ACTA_SEND_BUSINESS_DAYS == 15


# --- commitments (2.6 f e) ----------------------------------------------------------------

COMMITMENT_DUE = D(2026, 4, 30)

COMMITMENT_TABLE = [
    # (id, commitment kwargs, today, status, words)
    ("done early", {"status": c.COMMITMENT_DONE, "done_on": D(2026, 4, 1)}, D(2026, 6, 1), OK,
     ["Cumplido el 1 de abril de 2026"]),
    ("done on the due day", {"status": c.COMMITMENT_DONE, "done_on": COMMITMENT_DUE}, D(2026, 6, 1), OK, []),
    ("done without a date", {"status": c.COMMITMENT_DONE}, D(2026, 6, 1), OK, ["sin fecha de cumplimiento"]),
    ("done late", {"status": c.COMMITMENT_DONE, "done_on": D(2026, 5, 3)}, D(2026, 6, 1), LATE,
     ["3 días después", "30 de abril de 2026"]),
    ("done one day late", {"status": c.COMMITMENT_DONE, "done_on": D(2026, 5, 1)}, D(2026, 6, 1), LATE,
     ["1 día después"]),
    ("pending, due today", {}, COMMITMENT_DUE, PENDING, ["Vence el 30 de abril de 2026"]),
    ("in progress, not due", {"status": c.COMMITMENT_IN_PROGRESS, "responsible": "Aseguramiento"},
     D(2026, 4, 1), PENDING, ["Responsable: Aseguramiento"]),
    ("pending, overdue", {}, D(2026, 5, 1), MISSING, ["Vencido desde el 30 de abril de 2026", "hace 1 día",
                                                     "sigue pendiente"]),
    ("in progress, overdue", {"status": c.COMMITMENT_IN_PROGRESS, "responsible": "Calidad"}, D(2026, 5, 31),
     MISSING, ["hace 31 días", "sigue en curso", "Responsable: Calidad"]),
    ("done_on ignored while open", {"done_on": D(2026, 4, 1)}, D(2026, 5, 1), MISSING, []),
    ("no due date", {"due_on": None}, D(2026, 6, 1), NA, ["no tiene fecha límite"]),
    ("in progress, no due date", {"due_on": None, "status": c.COMMITMENT_IN_PROGRESS}, D(2026, 6, 1), NA, []),
]  # fmt: skip


@pytest.mark.parametrize(("kw", "today", "status", "words"), [row[1:] for row in COMMITMENT_TABLE],
                         ids=[row[0] for row in COMMITMENT_TABLE])  # fmt: skip
def test_commitment(kw: dict, today: date, status: str, words: list[str]) -> None:
    commitment = CommitmentFacts(
        **{"text": "Enviar la base de atenciones", "due_on": COMMITMENT_DUE, "id": "k1", **kw}
    )
    finding = one(evaluate(facts(today=today, commitments=[commitment])), c.RULE_COMMITMENT)
    assert finding.code == "commitment_k1"
    assert finding.title == "Compromiso: Enviar la base de atenciones"
    assert finding.status == status
    assert finding.due == commitment.due_on
    assert finding.section == "2.6 f"
    for word in words:
        assert word in finding.detail


@pytest.mark.parametrize(
    ("kw", "included"),
    [
        ({"status": c.COMMITMENT_CANCELLED}, False),
        ({"status": c.COMMITMENT_CANCELLED, "due_on": D(2025, 1, 1)}, False),
        ({"due_on": None, "status": c.COMMITMENT_DONE}, False),  # nothing left to follow up
        ({"due_on": D(2025, 11, 30)}, True),  # carried over, still open: overdue this year
        ({"due_on": D(2025, 11, 30), "status": c.COMMITMENT_IN_PROGRESS}, True),
        ({"due_on": D(2025, 11, 30), "status": c.COMMITMENT_DONE, "done_on": D(2026, 2, 1)}, False),
        ({"due_on": D(2027, 1, 31)}, False),  # belongs to next year's check
        ({"due_on": D(2026, 12, 31), "status": c.COMMITMENT_DONE, "done_on": D(2026, 1, 1)}, True),
    ],
)
def test_which_commitments_are_checked(kw: dict, included: bool) -> None:
    commitment = CommitmentFacts(**{"text": "x", "due_on": D(2026, 3, 1), **kw})
    findings = of_rule(evaluate(facts(today=D(2026, 6, 1), commitments=[commitment])), c.RULE_COMMITMENT)
    assert len(findings) == (1 if included else 0)


def test_carried_over_commitment_is_missing() -> None:
    finding = one(
        evaluate(facts(today=D(2026, 2, 1), commitments=[CommitmentFacts("Ruta", D(2025, 12, 15))])),
        c.RULE_COMMITMENT,
    )
    assert finding.status == MISSING
    assert "hace 48 días" in finding.detail


def test_commitments_sorted_by_due_date_undated_last_with_stable_codes() -> None:
    commitments = [
        CommitmentFacts("sin fecha"),
        CommitmentFacts("tarde", D(2026, 9, 1)),
        CommitmentFacts("pronto", D(2026, 2, 1), id="uuid-p"),
        CommitmentFacts("cancelado", D(2026, 1, 1), status=c.COMMITMENT_CANCELLED),
    ]
    findings = of_rule(evaluate(facts(commitments=commitments)), c.RULE_COMMITMENT)
    assert [f.code for f in findings] == ["commitment_uuid-p", "commitment_2", "commitment_1"]
    assert [f.status for f in findings] == [MISSING, PENDING, NA]


def test_long_commitment_titles_are_shortened() -> None:
    text = "Gestionar con la EPS  la afiliación\nde la población migrante regular " + "y más detalle " * 10
    finding = one(evaluate(facts(commitments=[CommitmentFacts(text, D(2026, 8, 1))])), c.RULE_COMMITMENT)
    body = finding.title.removeprefix("Compromiso: ")
    assert len(body) <= 80
    assert body.endswith("…")
    assert "\n" not in body and "  " not in body


# --- the whole evaluation -----------------------------------------------------------------


def busy_year() -> MesaFacts:
    return facts(
        today=D(2026, 7, 1),
        guideline_communicated_on=COMMUNICATED,
        resolution_effective_on=EFFECTIVE,
        focal_point_reported_on=D(2026, 4, 1),
        acto_number="045",
        acto_date=D(2026, 1, 20),
        acto_issued_by="Gobernación de Norte de Santander",
        dependencies=[
            DependencyFacts("Salud Pública", D(2026, 3, 20), id="d1"),
            DependencyFacts("Calidad", id="d2"),
        ],
        sessions=[
            held(
                D(2026, 2, 18),
                number="001-2026",
                template=c.TEMPLATE_INSTALLATION,
                convened_on=D(2026, 2, 2),
                ministry_participated=True,
                ministry_presided=True,
                guidelines_on_agenda=True,
                secretary_convened=("Dra. Luz Ortega",),
                secretary_in_acta=("Dra. Luz Ortega",),
                action_plan_approved_here=True,
                status=c.SESSION_ACTA_APPROVED,
                acta_status=c.ACTA_APPROVED,
                acta_sent_on=D(2026, 2, 25),
            ),
            held(D(2026, 5, 20), number="002-2026", convened_on=D(2026, 5, 13), acta_status=c.ACTA_DRAFT),
            planned(D(2026, 8, 19), number="003-2026"),
        ],
        commitments=[CommitmentFacts("Enviar base", D(2026, 3, 30), c.COMMITMENT_DONE, D(2026, 4, 2))],
    )


def test_findings_come_grouped_in_rule_order_with_unique_codes() -> None:
    findings = evaluate(busy_year())
    order = [RULES.index(f.rule) for f in findings]
    assert order == sorted(order)
    # busy_year is a municipal mesa: the national mesa's enlaces give it nothing.
    assert {f.rule for f in findings} == set(RULES) - {c.RULE_PERMANENT_LIAISON}
    codes = [f.code for f in findings]
    assert len(codes) == len(set(codes))
    for finding in findings:
        assert finding.status in STATUSES
        assert finding.code.startswith(finding.rule)
        assert finding.title and finding.detail and finding.section


def test_busy_year_verdicts() -> None:
    verdicts = {f.code: f.status for f in evaluate(busy_year())}
    assert verdicts == {
        "acto_administrativo": OK,
        "focal_point_reported": OK,
        "delegation_notified_d1": OK,
        "delegation_notified_d2": MISSING,
        "installation_session": OK,
        "secretary_convened": OK,
        "sessions_per_quarter_q1": OK,
        "sessions_per_quarter_q2": OK,
        "sessions_per_quarter_q3": PENDING,
        "sessions_per_quarter_q4": PENDING,
        "action_plan_first_session": OK,
        "closing_session": PENDING,
        "ministry_meetings": PENDING,
        "periodic_report_2026-01-01": PENDING,
        "periodic_report_2026-07-01": PENDING,
        "convocation_lead_001-2026": OK,
        "convocation_lead_002-2026": LATE,
        "convocation_lead_003-2026": PENDING,
        "acta_sent_001-2026": OK,
        "acta_sent_002-2026": MISSING,
        "commitment_1": LATE,
    }


def test_national_mesa_skips_territorial_rules() -> None:
    findings = evaluate(dataclasses.replace(busy_year(), kind=c.MESA_NATIONAL))
    for rule in (
        c.RULE_ACTO_ADMINISTRATIVO,
        c.RULE_FOCAL_POINT_REPORTED,
        c.RULE_DELEGATION_NOTIFIED,
        c.RULE_MINISTRY_MEETINGS,
    ):
        finding = one(findings, rule)
        assert finding.status == NA
        assert "mesa nacional" in finding.detail
    assert {f.section for f in of_rule(findings, c.RULE_ACTA_SENT)} == {"1.5 c"}
    assert {f.section for f in of_rule(findings, c.RULE_COMMITMENT)} == {"1.5 c"}


def test_evaluation_is_pure() -> None:
    data = busy_year()
    assert evaluate(data) == evaluate(data)
    assert data == busy_year()


def test_an_empty_mesa_is_evaluated_without_errors() -> None:
    findings = evaluate(MesaFacts(today=D(2026, 1, 1), year=2026))
    assert [f.code for f in findings] == [
        "acto_administrativo",
        "focal_point_reported",
        "delegation_notified",
        "installation_session",
        "secretary_convened",
        "sessions_per_quarter_q1",
        "sessions_per_quarter_q2",
        "sessions_per_quarter_q3",
        "sessions_per_quarter_q4",
        "action_plan_first_session",
        "closing_session",
        "ministry_meetings",
        "periodic_report_2026-01-01",
        "periodic_report_2026-07-01",
    ]


# --- enlaces permanentes of the national mesa (1.4) ----------------------------------------

GROUPS = ("Gobernanza", "Aseguramiento")
OPS = DependencyFacts("Oficina de Promoción Social", id="ops")
DED = DependencyFacts("Dirección de Epidemiología y Demografía", id="ded")


def liaison(dep: DependencyFacts, group: str, person: str = "Ana Ruiz", **kw: object) -> LiaisonFacts:
    return LiaisonFacts(dep.name, group, person, dependency_id=dep.id, **kw)  # type: ignore[arg-type]


NATIONAL = {"kind": c.MESA_NATIONAL, "work_groups": GROUPS, "dependencies": (OPS, DED)}
LIAISON_TABLE = [
    # (id, overrides, {finding code: status}, words in the details)
    ("all designated", {**NATIONAL, "liaisons": [liaison(d, g, designated_on=D(2026, 3, 2))
                                                 for d in (OPS, DED) for g in GROUPS]},
     {"permanent_liaison_ops": OK, "permanent_liaison_ded": OK}, ["Ana Ruiz", "2 de marzo de 2026"]),
    ("one group missing", {**NATIONAL, "liaisons": [liaison(OPS, g) for g in GROUPS]
                           + [liaison(DED, "Gobernanza", "Luis Mora")]},
     {"permanent_liaison_ops": OK, "permanent_liaison_ded": MISSING},
     ["1 grupo de trabajo: Aseguramiento", "Gobernanza: Luis Mora"]),
    ("nobody designated", NATIONAL,
     {"permanent_liaison_ops": MISSING, "permanent_liaison_ded": MISSING},
     ["2 grupos de trabajo: Gobernanza; Aseguramiento"]),
    # A designation for a group the mesa no longer has does not count.
    ("stale group", {**NATIONAL, "dependencies": (OPS,), "liaisons": [liaison(OPS, "Otro"), liaison(OPS, "Gobernanza")]},
     {"permanent_liaison_ops": MISSING}, ["Aseguramiento"]),
    ("matched by name without ids", {**NATIONAL, "dependencies": (DependencyFacts("Oficina"),),
                                     "liaisons": [LiaisonFacts("Oficina", g, "Eva") for g in GROUPS]},
     {"permanent_liaison_Oficina": OK}, ["Eva"]),
    ("no work groups", {**NATIONAL, "work_groups": ()}, {"permanent_liaison": MISSING}, ["grupos de trabajo"]),
    ("no dependencies", {**NATIONAL, "dependencies": ()}, {"permanent_liaison": MISSING}, ["dependencias"]),
    ("territorial mesa", {**NATIONAL, "kind": c.MESA_DEPARTMENTAL}, {}, []),
    ("before the mesa existed", {**NATIONAL, "year": 2025, "created_on": D(2026, 2, 1)}, {}, []),
    # 2.5's term of 10 business days runs from when the mesa and the work group exist.
    ("new mesa, within the term", {**NATIONAL, "created_on": D(2026, 5, 25)},
     {"permanent_liaison_ops": PENDING, "permanent_liaison_ded": PENDING},
     ["a más tardar el 9 de junio de 2026", "numeral 2.5"]),
    ("mesa past the term", {**NATIONAL, "created_on": D(2026, 3, 2)},
     {"permanent_liaison_ops": MISSING, "permanent_liaison_ded": MISSING},
     ["venció el 16 de marzo de 2026", "numeral 2.5"]),
    ("a group added later has its own term",
     {**NATIONAL, "created_on": D(2026, 1, 5), "work_group_dates": [("Aseguramiento", D(2026, 5, 28))],
      "liaisons": [liaison(d, "Gobernanza") for d in (OPS, DED)] + [liaison(OPS, "Aseguramiento")]},
     {"permanent_liaison_ops": OK, "permanent_liaison_ded": PENDING}, ["a más tardar el 12 de junio de 2026"]),
    ("an old group still missing decides", {**NATIONAL, "created_on": D(2026, 1, 5),
                                            "work_group_dates": [("Aseguramiento", D(2026, 5, 28))]},
     {"permanent_liaison_ops": MISSING, "permanent_liaison_ded": MISSING}, ["venció el 20 de enero de 2026"]),
    ("no work groups yet", {**NATIONAL, "work_groups": (), "created_on": D(2026, 5, 25)},
     {"permanent_liaison": PENDING}, ["grupos de trabajo", "9 de junio de 2026"]),
    ("no dependencies yet", {**NATIONAL, "dependencies": (), "created_on": D(2026, 5, 25)},
     {"permanent_liaison": PENDING}, ["dependencias", "9 de junio de 2026"]),
]  # fmt: skip

LIAISON_DUE = {
    "new mesa, within the term": D(2026, 6, 9),
    "mesa past the term": D(2026, 3, 16),
    "a group added later has its own term": D(2026, 6, 12),
    "an old group still missing decides": D(2026, 1, 20),
    "no work groups yet": D(2026, 6, 9),
    "no dependencies yet": D(2026, 6, 9),
}


@pytest.mark.parametrize(("name", "overrides", "expected", "words"), LIAISON_TABLE,
                         ids=[row[0] for row in LIAISON_TABLE])  # fmt: skip
def test_permanent_liaisons(name: str, overrides: dict, expected: dict[str, str], words: list[str]) -> None:
    findings = of_rule(evaluate(facts(**overrides)), c.RULE_PERMANENT_LIAISON)
    assert {f.code: f.status for f in findings} == expected
    details = " ".join(f.detail for f in findings)
    for word in words:
        assert word in details
    for finding in findings:
        assert finding.section == "1.4"
        # A finding met has nothing left to be due; an unknown start gives no term.
        assert finding.due == (None if finding.status == OK else LIAISON_DUE.get(name))


# --- the tables reach every status ----------------------------------------------------------


def test_tables_reach_every_status_of_every_rule() -> None:
    reached: dict[str, set[str]] = {rule: set() for rule in RULES}
    reached[c.RULE_ACTO_ADMINISTRATIVO] |= {row[2] for row in ACTO_TABLE}
    reached[c.RULE_FOCAL_POINT_REPORTED] |= {row[3] for row in FOCAL_TABLE}
    reached[c.RULE_DELEGATION_NOTIFIED] |= {row[3] for row in DELEGATION_TABLE}
    reached[c.RULE_DELEGATION_NOTIFIED] |= {row[2] for row in DELEGATION_SINGLE_TABLE}
    reached[c.RULE_SESSIONS_PER_QUARTER] |= {s for row in QUARTER_TABLE for s in row[3]}
    reached[c.RULE_ACTION_PLAN] |= {row[3] for row in PLAN_TABLE}
    reached[c.RULE_MINISTRY_MEETINGS] |= {row[3] for row in MINISTRY_TABLE} | {NA}
    reached[c.RULE_INSTALLATION] |= {row[3] for row in INSTALLATION_TABLE if row[3]} | {NA}
    reached[c.RULE_SECRETARY_CONVENED] |= {row[3] for row in SECRETARY_TABLE if row[3]} | {NA}
    reached[c.RULE_CLOSING] |= {row[3] for row in CLOSING_TABLE if row[3]}
    reached[c.RULE_CONVOCATION_LEAD] |= {row[4] for row in CONVOCATION_TABLE}
    reached[c.RULE_ACTA_SENT] |= {row[3] for row in ACTA_TABLE}
    reached[c.RULE_COMMITMENT] |= {row[3] for row in COMMITMENT_TABLE}
    reached[c.RULE_PERIODIC_REPORT] |= {row[3] for row in PERIODIC_TABLE} | {NA}
    reached[c.RULE_PERMANENT_LIAISON] |= {s for row in LIAISON_TABLE for s in row[2].values()}
    assert reached == REACHABLE


# --- summary ------------------------------------------------------------------------------


def test_summary_counts_statuses() -> None:
    result = summary(evaluate(busy_year()))
    assert result == ComplianceSummary(ok=10, pending=7, late=2, missing=2, not_applicable=0)
    assert result.total == 21
    assert result.problems == 4
    assert result.as_dict() == {"ok": 10, "pending": 7, "late": 2, "missing": 2, "not_applicable": 0}


def test_summary_of_nothing() -> None:
    result = summary([])
    assert result == ComplianceSummary()
    assert result.total == result.problems == 0
    assert list(result.as_dict()) == list(STATUSES)


# --- the fact types -----------------------------------------------------------------------


def test_facts_are_frozen_hashable_and_take_lists() -> None:
    data = facts(dependencies=[DependencyFacts("A")], sessions=[held(D(2026, 1, 5))],
                 commitments=[CommitmentFacts("x")])  # fmt: skip
    assert isinstance(data.dependencies, tuple)
    assert isinstance(data.sessions, tuple)
    assert isinstance(data.commitments, tuple)
    hash(data)
    with pytest.raises(dataclasses.FrozenInstanceError):
        data.year = 2027  # type: ignore[misc]


@pytest.mark.parametrize(
    "build",
    [
        lambda: MesaFacts(today=D(2026, 1, 1), year=2026, kind="regional"),
        lambda: MesaFacts(today=D(2026, 1, 1), year=2026, convocation_lead_days=-1),
        lambda: SessionFacts(D(2026, 1, 1), kind="special"),
        lambda: SessionFacts(D(2026, 1, 1), template="other"),
        lambda: SessionFacts(D(2026, 1, 1), status="done"),
        lambda: SessionFacts(D(2026, 1, 1), acta_status="signed"),
        lambda: CommitmentFacts("x", status="open"),
        lambda: Finding("x", "t", "bad", None, "2.5", "d", "x"),
    ],
)
def test_unknown_values_are_refused(build) -> None:
    with pytest.raises(ValueError):
        build()


def test_finding_helpers() -> None:
    finding = Finding("c", "t", LATE, None, "2.5", "d", "c")
    assert finding.is_problem
    assert finding.status_label == "Cumplido con retraso"
    assert not Finding("c", "t", PENDING, None, "2.5", "d", "c").is_problem
    assert set(c.STATUS_LABELS) == set(STATUSES)


def test_one_ministry_meeting_reads_in_the_singular() -> None:
    """A mesa that began in the second half owes one meeting; having it reads «Se realizó 1 reunión»."""
    finding = one(
        evaluate(
            facts(
                today=D(2026, 11, 1),
                created_on=D(2026, 8, 1),
                sessions=[held(D(2026, 9, 1), ministry_participated=True)],
            )
        ),
        c.RULE_MINISTRY_MEETINGS,
    )
    assert finding.status == OK
    assert finding.detail.startswith("Se realizó 1 reunión con el Ministerio.")

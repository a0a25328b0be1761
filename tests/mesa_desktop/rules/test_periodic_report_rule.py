"""The informe periódico rule (guideline 2.6 e): one finding per period of the mesa's frequency."""

from __future__ import annotations

from datetime import date

import pytest

from mesa_desktop.rules import compliance as c
from mesa_desktop.rules.compliance import MesaFacts, PeriodicReportFacts, evaluate

D = date
OK, PENDING, LATE, MISSING, NA = c.OK, c.PENDING, c.LATE, c.MISSING, c.NOT_APPLICABLE
H1 = (D(2026, 1, 1), D(2026, 6, 30))


def report(period: tuple[date, date], issued: date, sent: date | None = None) -> PeriodicReportFacts:
    return PeriodicReportFacts(period[0], period[1], issued, sent, "IP-001-2026")


# today, reports, the first semester's status, its detail says
PERIODIC_TABLE = [
    (D(2026, 8, 20), [report(H1, D(2026, 7, 8), D(2026, 7, 15))], "sent within", OK, "dentro del mes siguiente"),
    (D(2026, 8, 20), [report(H1, D(2026, 7, 31), D(2026, 7, 31))], "sent on the last day", OK, "IP-001-2026"),
    (D(2026, 9, 20), [report(H1, D(2026, 8, 5), D(2026, 8, 10))], "sent after", LATE, "después del 31 de julio"),
    (D(2026, 5, 1), [], "the period runs", PENDING, "aún no termina"),
    (D(2026, 7, 20), [], "within the term", PENDING, "antes del 31 de julio"),
    (D(2026, 7, 20), [report(H1, D(2026, 7, 8))], "issued, not yet sent", PENDING, "márquelo como enviado"),
    (D(2026, 8, 1), [], "nothing after the term", MISSING, "No hay un informe emitido"),
    (D(2026, 8, 1), [report(H1, D(2026, 7, 8))], "issued, never sent", MISSING, "no figura como enviado"),
    # A report for a longer period counts for the period it ends in, not for the first one.
    (D(2026, 8, 1), [report((D(2026, 1, 1), D(2026, 12, 31)), D(2026, 7, 8), D(2026, 7, 9))], "wrong period",
     MISSING, "No hay un informe"),
]  # fmt: skip


@pytest.mark.parametrize(("today", "reports", "case", "status", "says"), PERIODIC_TABLE)
def test_first_semester(
    today: date, reports: list[PeriodicReportFacts], case: str, status: str, says: str
) -> None:
    findings = [f for f in evaluate(MesaFacts(today=today, year=2026, periodic_reports=tuple(reports)))
                if f.rule == c.RULE_PERIODIC_REPORT]  # fmt: skip
    first = findings[0]
    assert first.code == "periodic_report_2026-01-01"
    assert first.title == "Informe periódico del primer semestre de 2026"
    assert first.status == status, case
    assert says in first.detail, case
    assert first.due == D(2026, 7, 31) and first.section == "2.6 e"
    assert "dentro del mes siguiente al cierre del semestre" in first.detail  # the app's own term


@pytest.mark.parametrize(
    ("frequency", "codes", "dues"),
    [
        ("semestral", ["2026-01-01", "2026-07-01"], [D(2026, 7, 31), D(2027, 1, 31)]),
        (
            "trimestral",
            ["2026-01-01", "2026-04-01", "2026-07-01", "2026-10-01"],
            [D(2026, 4, 30), D(2026, 7, 31), D(2026, 10, 31), D(2027, 1, 31)],
        ),
        ("anual", ["2026-01-01"], [D(2027, 1, 31)]),
    ],
)
def test_one_finding_per_period_of_the_mesas_frequency(
    frequency: str, codes: list[str], dues: list[date]
) -> None:
    findings = [f for f in evaluate(MesaFacts(today=D(2026, 3, 1), year=2026, periodic_report_frequency=frequency))
                if f.rule == c.RULE_PERIODIC_REPORT]  # fmt: skip
    assert [f.code for f in findings] == [f"periodic_report_{code}" for code in codes]
    assert [f.due for f in findings] == dues
    assert {f.status for f in findings} == {PENDING}


def test_a_quarterly_report_sent_late_and_one_missing() -> None:
    q1 = report((D(2026, 1, 1), D(2026, 3, 31)), D(2026, 5, 2), D(2026, 5, 4))
    findings = [f for f in evaluate(MesaFacts(today=D(2026, 8, 15), year=2026, periodic_report_frequency="trimestral",
                                              periodic_reports=(q1,)))
                if f.rule == c.RULE_PERIODIC_REPORT]  # fmt: skip
    assert [f.status for f in findings] == [LATE, MISSING, PENDING, PENDING]
    assert findings[0].title == "Informe periódico del primer trimestre de 2026"


def test_no_finding_for_periods_before_the_mesa_existed() -> None:
    findings = evaluate(MesaFacts(today=D(2026, 12, 1), year=2026, created_on=D(2026, 8, 10)))
    periodic = [f for f in findings if f.rule == c.RULE_PERIODIC_REPORT]
    assert [f.code for f in periodic] == ["periodic_report_2026-07-01"]
    earlier = evaluate(MesaFacts(today=D(2026, 12, 1), year=2025, created_on=D(2026, 8, 10)))
    assert not [f for f in earlier if f.rule == c.RULE_PERIODIC_REPORT]


def test_national_mesa_does_not_apply() -> None:
    findings = evaluate(MesaFacts(today=D(2026, 8, 1), year=2026, kind=c.MESA_NATIONAL))
    (finding,) = [f for f in findings if f.rule == c.RULE_PERIODIC_REPORT]
    assert finding.status == NA and "mesa nacional" in finding.detail


def test_an_unknown_frequency_is_refused() -> None:
    with pytest.raises(ValueError, match="periodic_report_frequency"):
        MesaFacts(today=D(2026, 8, 1), year=2026, periodic_report_frequency="mensual")

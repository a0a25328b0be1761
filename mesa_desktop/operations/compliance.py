"""The compliance page: every rule of the guideline for a year."""

from __future__ import annotations

from dataclasses import dataclass

from mesa_desktop import clock
from mesa_desktop.rules import compliance as rules
from mesa_desktop.services import compliance, sessions
from mesa_desktop.store import Store


@dataclass(frozen=True)
class ComplianceView:
    year: int
    years: tuple[int, ...]  # the years the mesa has sessions in, and this year
    findings: tuple[rules.Finding, ...]


def compliance_view(store: Store, year: int | None = None) -> ComplianceView:
    """Findings of ``year`` (default: this year) and the years to choose from, one snapshot."""
    today = clock.today()
    with store.reading():
        years = sorted({s.year for s in sessions.list_sessions(store)} | {today.year})
        year = year or today.year
        return ComplianceView(year, tuple(years), tuple(compliance.check(store, year=year, today=today)))

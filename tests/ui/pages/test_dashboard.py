"""Inicio: next session, last quorum, overdue commitments, compliance and plan at a glance."""

from __future__ import annotations

import os

from mesa_desktop import clock

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import time, timedelta

from mesa_desktop.operations.dashboard import dashboard_view as load_overview
from mesa_desktop.services import commitments, compliance, sessions
from mesa_desktop.services.changes import Topic, changed
from tests.support.ui import show
from ui.pages.dashboard import DashboardPage


def test_overview_of_the_demo_year(qtbot, page_ctx):
    page = show(qtbot, DashboardPage(page_ctx))
    overdue = [c for c in commitments.list_commitments(page_ctx.store) if c.is_overdue()]
    assert page.overdue_card.value.text() == str(len(overdue))
    findings = compliance.check(page_ctx.store)
    done = sum(1 for f in findings if f.status in ("ok", "late"))
    applicable = sum(1 for f in findings if f.status != "not_applicable")
    assert page.compliance_card.value.text() == f"{done} de {applicable}"
    assert page.plan_card.value.text().endswith(" %")
    assert page.members_card.value.text() == "12"
    # The closing session (19 November) was the last one held; nothing is scheduled after it.
    last = load_overview(page_ctx.store).last_quorum
    assert page.quorum_card.value.text() == f"{last.attended} de 12"
    missing = [f for f in findings if f.status == "missing"]
    assert page.attention.rowCount() >= len(missing)
    assert page_ctx.errors == []


def test_next_session_appears_when_one_is_scheduled(qtbot, page_ctx):
    page = show(qtbot, DashboardPage(page_ctx))
    day = clock.today() + timedelta(days=20)

    def schedule(store, **fields):  # the service, announced as an operation would
        return changed(sessions.new_session(store, **fields), Topic.SESSIONS)

    page_ctx.call(schedule, on=day, kind="ordinary", start_time=time(9, 0))
    assert (
        page.next_card.value.text()
        == f"{day.day} {('ene', 'feb', 'mar', 'abr', 'may', 'jun', 'jul', 'ago', 'sep', 'oct', 'nov', 'dic')[day.month - 1]} {day.year}"
    )
    assert "en 20 días" in page.next_card.detail.text()


def test_cards_link_to_their_pages(qtbot, page_ctx):
    page = show(qtbot, DashboardPage(page_ctx))
    with qtbot.waitSignal(page.navigate) as signal:
        page.overdue_card.link.click()
    assert signal.args == ["commitments", None]


def test_the_national_mesa_is_not_asked_for_delegation_notices(qtbot, page_ctx, tmp_path):
    """Notifying delegates within 10 business days is the territories' duty (2.5); the national
    mesa's dependencies are permanent (1.4), so its card shows no orange count."""
    from tests.support.liaisons import national_store
    from tests.support.ui import make_ctx

    national = national_store(tmp_path / "nacional" / "mesa.sqlite")
    try:
        page = show(qtbot, DashboardPage(make_ctx(national)))
        assert page.members_card.value.text() == "12"
        assert "numeral 1.4" in page.members_card.detail.text()
        assert "sin delegación" not in page.members_card.detail.text()
    finally:
        national.close()
    territorial = show(qtbot, DashboardPage(page_ctx))
    assert "delegación" in territorial.members_card.detail.text()

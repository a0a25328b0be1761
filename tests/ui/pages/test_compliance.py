"""Compliance dashboard: every finding with its status, counts, filters, year and navigation."""

from __future__ import annotations

import os

from mesa_desktop import clock

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections import Counter

from mesa_desktop.operations import mesa as mesa_ops
from mesa_desktop.services import compliance
from tests.support.ui import show, table_texts
from ui.pages.compliance import CompliancePage, section_label


def test_lists_every_finding_with_counts_and_a_missing_one(qtbot, page_ctx):
    findings = compliance.check(page_ctx.store)
    page = show(qtbot, CompliancePage(page_ctx))
    assert page.table.rowCount() == len(findings)
    counts = Counter(f.status for f in findings)
    for status, card in page.cards.items():
        assert card.value.text() == str(counts.get(status, 0))
    statuses = table_texts(page.table, 0)
    assert "✖ Incumplido" in statuses
    row = statuses.index("✖ Incumplido")
    missing = [f for f in findings if f.status == "missing"][0]
    assert page.table.item(row, 1).text() == missing.title
    assert page.table.item(row, 3).text() == section_label(missing.section)
    assert "Numeral 2.5" in table_texts(page.table, 3)
    assert page_ctx.errors == []


def test_filters_and_navigation(qtbot, page_ctx):
    page = show(qtbot, CompliancePage(page_ctx))
    page.attention_only.setChecked(True)
    assert set(table_texts(page.table, 0)) <= {"✖ Incumplido", "● Pendiente"}
    page.attention_only.setChecked(False)
    page.rule_filter.setCurrentIndex(page.rule_filter.findData("delegation_notified"))
    assert page.table.rowCount() == 12
    with qtbot.waitSignal(page.navigate) as signal:
        page.go_button.click()
    assert signal.args == ["conformation", None]


def test_fixing_a_gap_updates_the_dashboard(qtbot, page_ctx):
    page = show(qtbot, CompliancePage(page_ctx))
    before = page.cards["missing"].value.text()
    page_ctx.call(mesa_ops.update, acto_number=None)
    after = int(page.cards["missing"].value.text())
    assert after == int(before) + 1
    assert "Acto administrativo que formaliza la mesa" in [
        page.table.item(r, 1).text()
        for r in range(page.table.rowCount())
        if page.table.item(r, 0).text() == "✖ Incumplido"
    ]


def test_another_year(qtbot, page_ctx):
    page = show(qtbot, CompliancePage(page_ctx))
    page.year.addItem(str(clock.today().year - 1), clock.today().year - 1)
    page.year.setCurrentIndex(page.year.count() - 1)
    assert page.view.year == clock.today().year - 1
    assert page.table.rowCount() == len(compliance.check(page_ctx.store, year=clock.today().year - 1))


def test_section_labels():
    assert section_label("2.5") == "Numeral 2.5"
    assert section_label("1.5, 2.7") == "Numerales 1.5, 2.7"


def test_a_brand_new_mesa_opens_without_red_quarters(qtbot, territorial_store):
    from tests.support.ui import make_ctx

    ctx = make_ctx(territorial_store)
    page = show(qtbot, CompliancePage(ctx))
    titles = table_texts(page.table, 1)
    missing = [titles[r] for r, status in enumerate(table_texts(page.table, 0)) if status == "✖ Incumplido"]
    # Only the standing acto administrativo; no quarter, plan or meeting owed before it existed.
    assert missing == ["Acto administrativo que formaliza la mesa"]
    quarters = [t for t in titles if t.startswith("Sesión ordinaria del")]
    assert 1 <= len(quarters) <= 4 and f"de {clock.today().year}" in quarters[-1]
    assert "Primera sesión: instalación copresidida por el Ministerio" in titles


def test_the_new_rules_can_be_filtered_and_lead_to_their_page(qtbot, page_ctx):
    page = show(qtbot, CompliancePage(page_ctx))
    for rule, target in (
        ("installation_session", "sessions"),
        ("secretary_convened", "conformation"),
        ("closing_session", "sessions"),
    ):
        page.rule_filter.setCurrentIndex(page.rule_filter.findData(rule))
        assert page.table.rowCount() == 1
        assert page.table.item(0, 3).text() in ("Numeral 2.7", "Numeral 1.5 a")
        with qtbot.waitSignal(page.navigate) as signal:
            page.go_button.click()
        assert signal.args == [target, None]


def test_a_rule_that_does_not_apply_leads_nowhere(qtbot, page_ctx, tmp_path):
    """The national mesa issues no periodic report (2.6 e is the territories' duty): nothing to
    go and do there, so the button stays off; on a territory the same rule leads to its page."""
    from tests.support.liaisons import national_store
    from tests.support.ui import make_ctx

    national = national_store(tmp_path / "nacional" / "mesa.sqlite")
    try:
        page = show(qtbot, CompliancePage(make_ctx(national)))
        page.rule_filter.setCurrentIndex(page.rule_filter.findData("periodic_report"))
        assert page.table.rowCount() >= 1 and all("No aplica" in s for s in table_texts(page.table, 0))
        page.table.selectRow(0)
        assert not page.go_button.isEnabled() and page.go_button.text() == "Ir a…"
    finally:
        national.close()
    territorial = show(qtbot, CompliancePage(page_ctx))
    territorial.rule_filter.setCurrentIndex(territorial.rule_filter.findData("periodic_report"))
    territorial.table.selectRow(0)
    assert territorial.go_button.isEnabled() and territorial.go_button.text() == "Ir a Informe periódico…"

"""Action plan page: tree with progress at a cut-off date, editing progress and reports, PDF."""

from __future__ import annotations

import os

from mesa_desktop import clock

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date

from mesa_desktop.services import action_plan
from tests.support.ui import show
from ui.pages import page_kit as kit
from ui.pages.action_plan import ActionPlanPage, default_cut

YEAR = clock.today().year


def first(page, kind):
    tree = page.tree
    for i in range(tree.topLevelItemCount()):
        axis = tree.topLevelItem(i)
        if kind == "axis":
            return axis
        for j in range(axis.childCount()):
            action = axis.child(j)
            if kind == "action":
                return action
            if action.childCount():
                return action.child(0)
    raise AssertionError(kind)


def set_cut(page, day):
    page.cut.setDate(kit.to_qdate(day))


def test_tree_and_overall_progress_follow_the_cut_off_date(qtbot, page_ctx):
    page = show(qtbot, ActionPlanPage(page_ctx))
    status = action_plan.plan_status(page_ctx.store, YEAR, clock.today())
    assert page.tree.topLevelItemCount() == 3
    assert page.overall.text() == f"{status.percent} %"
    assert first(page, "axis").text(0).startswith("Eje 1. Gobernanza")
    set_cut(page, date(YEAR, 4, 15))  # only the first quarter's reports count
    early = action_plan.plan_status(page_ctx.store, YEAR, date(YEAR, 4, 15))
    assert early.percent < status.percent
    assert page.overall.text() == f"{early.percent} %"
    set_cut(page, date(YEAR, 1, 15))
    assert page.overall.text() == "0 %"
    assert page_ctx.errors == []


def test_task_progress_is_saved_at_the_cut_off_date(qtbot, page_ctx):
    page = show(qtbot, ActionPlanPage(page_ctx))
    cut = date(YEAR, 10, 31)
    set_cut(page, cut)
    task_item = first(page, "task")
    task_id = task_item.data(0, kit.ROW_ID)[1]
    page.tree.setCurrentItem(task_item)
    assert page.editor.currentWidget() is page.task_panel
    page.task_percent.setValue(95)
    page.task_note.setText("Acto expedido y publicado")
    page.save_task_button.click()
    status = action_plan.plan_status(page_ctx.store, YEAR, cut)
    task = next(t for a in status.axes for x in a.actions for t in x.tasks if t.id == task_id)
    assert (task.percent, task.note) == (95, "Acto expedido y publicado")
    assert page.tree.currentItem().data(2, kit.ROW_ID) == 95


def test_qualitative_report_is_saved_when_moving_away(qtbot, page_ctx):
    page = show(qtbot, ActionPlanPage(page_ctx))
    cut = date(YEAR, 11, 30)
    set_cut(page, cut)
    action_item = first(page, "action")
    action_id = action_item.data(0, kit.ROW_ID)[1]
    page.tree.setCurrentItem(action_item)
    assert page.editor.currentWidget() is page.action_panel
    page.report.setPlainText("Se expidió el decreto y se notificaron once delegaciones.")
    page.tree.setCurrentItem(first(page, "axis"))  # autosave on leaving the action
    qtbot.wait(10)
    status = action_plan.plan_status(page_ctx.store, YEAR, cut)
    action = next(x for a in status.axes for x in a.actions if x.id == action_id)
    assert action.qualitative == "Se expidió el decreto y se notificaron once delegaciones."
    earlier = action_plan.plan_status(page_ctx.store, YEAR, date(YEAR, 10, 1))
    assert next(x for a in earlier.axes for x in a.actions if x.id == action_id).qualitative.startswith(
        "Con corte"
    )


def test_a_year_without_a_plan_offers_to_create_it_and_add_an_axis(qtbot, page_ctx, monkeypatch):
    page = show(qtbot, ActionPlanPage(page_ctx))
    page.year.setCurrentIndex(page.year.findData(YEAR + 1))
    assert page.create_button.isVisible() and page.tree.topLevelItemCount() == 0
    assert page.cut.date() == kit.to_qdate(date(YEAR + 1, 1, 1))
    page.create_button.click()
    assert not page.create_button.isVisible()
    monkeypatch.setattr(kit, "run_dialog", lambda d: (d.name.setText("Atención primaria"), True)[1])
    page.add_axis_button.click()
    assert page.tree.topLevelItemCount() == 1
    assert action_plan.plan_years(page_ctx.store) == [YEAR, YEAR + 1]


def test_default_cut():
    assert default_cut(2025, date(2026, 5, 1)) == date(2025, 12, 31)
    assert default_cut(2026, date(2026, 5, 1)) == date(2026, 5, 1)


def test_progress_report_pdf(qtbot, page_ctx, monkeypatch, tmp_path):
    page = show(qtbot, ActionPlanPage(page_ctx))
    assert page.pdf_button.isVisible()
    monkeypatch.setattr(kit, "save_file", lambda *a, **k: str(tmp_path / "avance"))
    page.pdf_button.click()
    assert page_ctx.errors == []
    pdf = tmp_path / "avance.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")

"""Every management page loads with the real thread runner (work off the GUI thread)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import importlib

import pytest

from tests.support.ui import show

PAGES = [
    "dashboard:DashboardPage",
    "conformation:ConformationPage",
    "commitments:CommitmentsPage",
    "action_plan:ActionPlanPage",
    "compliance:CompliancePage",
    "cases:CasesPage",
    "backup:BackupPage",
    "settings:SettingsPage",
]


@pytest.mark.parametrize("spec", PAGES)
def test_page_loads_through_the_thread_runner(qtbot, page_store, spec):
    from ui.context import AppContext
    from ui.tasks import ThreadRunner

    ctx = AppContext(page_store, ThreadRunner)
    errors = []
    ctx.error.connect(errors.append)
    module, name = spec.split(":")
    page_class = getattr(importlib.import_module(f"ui.pages.{module}"), name)
    page = page_class(ctx)
    with qtbot.waitSignal(page.loaded, timeout=10000):
        show(qtbot, page)
    ctx.runner.wait()
    qtbot.wait(20)
    assert errors == []
    page.hide()  # pages that autosave on hide must not fail with nothing to save
    ctx.runner.wait()
    qtbot.wait(20)
    assert errors == []

"""The ministry's store opens in consolidation mode: the national screens, not a mesa's."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWizard

from ui.pages import PAGES


def visible_pages(window) -> set[str]:
    return {page.key for row, page in enumerate(PAGES) if not window.navigation.isRowHidden(row)}


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_first_run_can_make_the_store_the_ministry_consolidation(make_window, empty_store):
    window = make_window(empty_store)
    wizard = window.first_run
    wizard.kind_page.consolidation.setChecked(True)
    wizard.next()
    assert wizard.currentId() == wizard.CONSOLIDATION
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert visible_pages(window) == {"ministry", "backup"}
    assert window.stack.currentWidget() is window.page("ministry")
    assert "Consolidación nacional" in window.windowTitle()


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_store_with_imported_bundles_reopens_in_consolidation_mode(make_window, demo_store, tmp_path):
    from mesa_desktop.bundle import export
    from mesa_desktop.store import Store
    from tests.support.bundles import MINISTRY_PUB, make_importer

    bundle = export.export_bundle(demo_store, tmp_path, to=MINISTRY_PUB)
    ministry = Store(tmp_path / "ministerio.sqlite")
    make_importer(ministry, tmp_path).import_paths([bundle.path])
    window = make_window(ministry)
    assert window.first_run is None
    assert visible_pages(window) == {"ministry", "backup"}
    window.refresh()  # a store of many mesas must not raise "no mesa" errors on refresh


def test_a_focal_point_does_not_see_the_consolidation_screen(demo_window):
    shown = visible_pages(demo_window)
    assert "ministry" not in shown
    assert {"home", "attendance", "exchange"} <= shown

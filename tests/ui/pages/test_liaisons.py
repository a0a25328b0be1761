"""Enlaces permanentes page: the dependencies × work groups matrix of the national mesa, choosing
the designated person by keyboard or mouse, removing it, and editing the work groups."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import Qt

from mesa_desktop.services import liaisons
from tests.support.liaisons import DED, OPS, national_store
from tests.support.ui import make_ctx, press, show, type_text
from ui.pages.liaisons import UNDESIGNATED, LiaisonsPage

ACCESO = "Acceso y aseguramiento en salud"


@pytest.fixture
def national(tmp_path):
    store = national_store(tmp_path / "nacional" / "mesa.sqlite")
    yield store
    store.close()


@pytest.fixture
def page(qtbot, national):
    ctx = make_ctx(national)
    ctx.errors = []
    ctx.error.connect(ctx.errors.append)
    return show(qtbot, LiaisonsPage(ctx))


def column_of(page, group: str) -> int:
    headers = [
        page.table.horizontalHeaderItem(c).text().replace("\n", " ") for c in range(page.table.columnCount())
    ]
    return headers.index(group)


def row_of(page, dependency: str) -> int:
    return [page.table.item(r, 0).text() for r in range(page.table.rowCount())].index(dependency)


def test_the_matrix_shows_every_pair_as_text(page):
    assert page.table.rowCount() == 12 and page.table.columnCount() == 1 + 3
    texts = {page.table.item(r, c).text() for r in range(12) for c in range(1, 4)}
    assert texts == {f"✖ {UNDESIGNATED}"}  # text, not only colour
    assert page.summary.text() == "Faltan 36 designaciones de 36."
    assert page.ctx.errors == []


def test_designating_by_keyboard(qtbot, page, national):
    page.table.setFocus()
    page.table.setCurrentCell(row_of(page, OPS), column_of(page, ACCESO))
    press(page.table, Qt.Key.Key_Return)  # Enter goes to the person chooser
    assert page.person.hasFocus() or page.focusWidget() is page.person
    assert [page.person.itemText(i) for i in range(page.person.count())] == ["Ana Ruiz", "Carlos Pérez"]
    press(page.person, Qt.Key.Key_Down)
    assert page.person.currentText() == "Carlos Pérez"
    page.save_button.click()
    cell = page.table.item(row_of(page, OPS), column_of(page, ACCESO))
    assert cell.text().startswith("Carlos Pérez · ")
    assert page.summary.text() == "Faltan 35 designaciones de 36."
    stored = liaisons.matrix(national).missing
    assert len(stored) == 35 and all(c.dependency_name != OPS or c.work_group_name != ACCESO for c in stored)
    # The selection stays on the cell after the reload, and shows who is designated.
    assert "designado(a): Carlos Pérez" in page.selected.text()


def test_designating_by_mouse_and_removing(qtbot, page, dialogs):
    item = page.table.item(row_of(page, DED), column_of(page, ACCESO))
    rect = page.table.visualItemRect(item)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.current_cell() is not None and page.person.currentText() == "Luis Mora"
    assert not page.remove_button.isEnabled()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.table.item(row_of(page, DED), column_of(page, ACCESO)).text().startswith("Luis Mora")
    assert page.remove_button.isEnabled()
    page.remove_button.click()
    assert dialogs.confirmations and "Luis Mora" in dialogs.confirmations[0]
    assert page.table.item(row_of(page, DED), column_of(page, ACCESO)).text() == f"✖ {UNDESIGNATED}"


def test_the_example_work_groups_button_says_they_are_examples(page):
    assert page.preset_button.text() == "Cargar grupos de trabajo de ejemplo (ejes del plan de acción)"
    assert "no enumera" in page.preset_button.toolTip()
    assert page.preset_button.isVisible()


def test_editing_the_work_groups(qtbot, page, dialogs):
    page.group_name.clear()
    type_text(page.group_name, "Talento humano en salud")
    page.add_group_button.click()
    assert page.table.columnCount() == 1 + 4
    assert "Talento humano en salud" in [page.group.itemText(i) for i in range(page.group.count())]
    page.group.setCurrentIndex(page.group.findText("Talento humano en salud"))
    page.remove_group_button.click()
    assert page.table.columnCount() == 1 + 3
    assert page.ctx.errors == []
    page.group_name.setText(ACCESO.upper())
    page.add_group_button.click()
    assert page.ctx.errors and "Ya existe" in page.ctx.errors[-1]


def nav_visible(window, key: str) -> bool:
    from ui.pages import index_of

    return not window.navigation.isRowHidden(index_of(key))


def test_only_the_national_mesa_has_the_page(make_window, national, territorial_store):
    national_window = make_window(national)
    assert nav_visible(national_window, "liaisons")
    page = national_window.show_page("liaisons")
    assert page.table.rowCount() == 12
    assert not nav_visible(make_window(territorial_store), "liaisons")


def test_the_national_mesa_is_not_offered_the_periodic_report(make_window, national, territorial_store):
    # 2.6 e is the territorial secretaría técnica's duty; its rule says «No aplica» to the national mesa.
    national_window = make_window(national)
    assert not nav_visible(national_window, "periodic_report")
    assert national_window.show_page("periodic_report") is None
    # Its bundle still carries its sessions and enlaces to the ministry.
    assert nav_visible(national_window, "exchange")
    territorial_window = make_window(territorial_store)
    assert nav_visible(territorial_window, "periodic_report") and nav_visible(territorial_window, "exchange")

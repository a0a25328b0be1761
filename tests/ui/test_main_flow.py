"""The main flow, end to end in the real window on a real SQLite store (issue 4, point 8).

First run wizard → conformation of the 12 preset dependencies (people added through the
conformation screen) → a new ordinary session through the dialog → 7 delegations checked in by
keyboard (two people from one dependency, plus an invited actor) → the banner says quorum →
the acta is drafted, approved and locked.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QWizard

from mesa_desktop import clock
from mesa_desktop.errors import NotFound
from mesa_desktop.services import actas, attendance, conformation, sessions
from tests.support.ui import DELEGATES, INVITED_PERSON, SECOND_PERSON, press, type_text


def run_first_run_wizard(window, qtbot) -> None:
    wizard = window.first_run
    assert wizard is not None and wizard.isVisible()
    assert wizard.kind_page.territorial.isChecked()
    wizard.next()
    territory = wizard.territory_page
    type_text(territory.department.lineEdit(), "norte de sant")
    assert territory.department.code() == "54"
    type_text(territory.municipality.lineEdit(), "cúcuta")  # accents typed the safe way
    assert territory.municipality.code() == "54001"
    assert "San José de Cúcuta" in territory.preview.text()
    wizard.next()
    acto = wizard.acto_page
    assert wizard.currentPage() is acto
    assert not acto.warning.isHidden()  # no acto administrativo yet: flagged as a gap
    wizard.next()
    focal = wizard.focal_page
    type_text(focal.name, "Marcela Jaimes Villamizar")
    type_text(focal.email, "migracionysalud@saludcucuta.gov.co")
    assert focal.half_plus_one.isChecked()
    wizard.button(QWizard.WizardButton.FinishButton).click()


def add_people_through_conformation(window, monkeypatch) -> None:
    """People are registered in the conformation screen, through its person dialog."""
    from ui.pages import page_kit

    page = window.show_page("conformation")
    queue: list[tuple[str, str]] = []

    def fill_and_accept(dialog) -> bool:
        name, role = queue.pop(0)
        dialog.name.setText(name)
        dialog.role.setCurrentIndex(dialog.role.findData(role))
        dialog.consent.setChecked(True)
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(page_kit, "run_dialog", fill_and_accept)
    members = [d for d in page.members if not d.invited]
    invited = next(d for d in page.members if d.invited and d.name == "Migración Colombia")
    for dependency, name in zip(members, DELEGATES, strict=True):
        queue.append((name, "delegate"))
        page.new_person(dependency.id)
    queue.append((SECOND_PERSON, "alternate"))
    page.new_person(members[0].id)
    queue.append((INVITED_PERSON, "invited"))
    page.new_person(invited.id)
    assert queue == []


def create_ordinary_session(window):
    window.new_session()  # Ctrl+N
    page = window.page("sessions")
    dialog = page.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.template.setCurrentIndex(dialog.template.findData("ordinary"))
    today = QDate(clock.today())
    dialog.day.setDate(today)
    dialog.convened.setChecked(True)
    dialog.convocation.setDate(today.addDays(-15))
    assert dialog.warning.isHidden()  # 15 days of notice: no lead-time warning
    dialog.accept()
    assert page.session is not None and page.session.date == clock.today()
    return page.session


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_first_run_to_locked_acta(make_window, empty_store, qtbot, dialogs, monkeypatch):
    window = make_window(empty_store)

    # 1. First run.
    run_first_run_wizard(window, qtbot)
    assert window.mesa is not None and window.mesa.territory_code == "54001"
    assert window.mesa.focal_point_name == "Marcela Jaimes Villamizar"
    assert window.mesa.acto_number is None
    assert window.first_run is None or not window.first_run.isVisible()

    # 2. Conformation: the territorial preset's 12 dependencies, a delegate each.
    add_people_through_conformation(window, monkeypatch)
    members = conformation.list_members(empty_store)
    assert sum(not d.invited for d in members) == 12
    assert all(len(d.people) >= 1 for d in members if not d.invited)

    # 3. A new ordinary session from the dialog.
    session = create_ordinary_session(window)
    assert session.kind == "ordinary" and session.number == f"001-{clock.today().year}"
    assert any(item.purpose == "commitments_followup" for item in session.agenda)

    # 4. Live attendance by keyboard: 3 letters + Enter per person.
    window.page("sessions").attendance_button.click()
    page = window.page("attendance")
    assert window.stack.currentWidget() is page
    assert page.session.id == session.id
    assert page.banner.headline.text() == "0 de 12 delegaciones — faltan 7"
    keystrokes = []
    for prefix in ("abi", "bal", "cel", "dag", "ern", "fil"):
        assert page.search.hasFocus() or page.search.text() == ""
        keystrokes.append(type_text(page.search, prefix) + press(page.search, Qt.Key.Key_Return))
        assert page.search.text() == ""  # cleared, ready for the next arrival
    assert page.banner.headline.text() == "6 de 12 delegaciones — falta 1"
    assert page.banner.state == "almost"
    # A second person of an already present dependency does not add a delegation.
    keystrokes.append(type_text(page.search, "ósc") + press(page.search, Qt.Key.Key_Return))
    assert page.banner.headline.text() == "6 de 12 delegaciones — falta 1"
    # An invited actor attends but never counts.
    keystrokes.append(type_text(page.search, "nep") + press(page.search, Qt.Key.Key_Return))
    assert page.banner.headline.text() == "6 de 12 delegaciones — falta 1"
    keystrokes.append(type_text(page.search, "gum") + press(page.search, Qt.Key.Key_Return))
    assert max(keystrokes) <= 4
    assert page.banner.headline.text() == "7 de 12 delegaciones — hay quórum"
    assert page.banner.state == "ok"
    assert "Herminia" not in page.banner.detail.text()  # names go by dependency, not person
    assert page.table.rowCount() == 9
    assert "¡Hay quórum!" in page.confirmation.text()
    view = attendance.get_quorum(empty_store, session.id)
    assert (view.status.present, view.status.required, view.status.total, view.status.met) == (7, 7, 12, True)
    assert [kind for _at, kind, *_ in attendance.quorum_events(empty_store, session.id)] == ["established"]

    # 5. The acta: drafted from the session, written, approved and locked.
    acta_page = window.show_page("acta", session.id)
    assert acta_page.view.session.id == session.id
    assert acta_page.banner.headline.text().startswith("Borrador del acta")
    assert "7 de 12 — hay quórum" in acta_page.summary.toPlainText()
    first_item = next(iter(acta_page.editors.values()))
    first_item.setFocus()
    type_text(first_item, "Se verificó el quórum: 7 de 12 delegaciones.")
    first_item.flush()
    type_text(acta_page.decision_text, "Se aprueba el orden del día")
    acta_page.decision_button.click()
    assert acta_page.decisions.rowCount() == 1
    assert acta_page.decisions.item(0, 3).text() == "7 de 12 — hay quórum"
    type_text(acta_page.commitment_text, "Enviar el censo de albergues")
    acta_page.responsible.setCurrentIndex(2)
    acta_page.commitment_button.click()
    assert acta_page.commitments.rowCount() == 1

    acta_page.open_approve()
    approve = acta_page.dialog
    assert approve is not None
    approve.accept()
    assert dialogs.errors == []
    acta = actas.current_acta(empty_store, session.id)
    assert acta.locked and acta.approved_in_session == session.number and len(acta.content_sha256) == 64
    assert sessions.get_session(empty_store, session.id).status == "acta_approved"
    assert acta_page.banner.state == "locked"
    assert "aprobada y bloqueada" in acta_page.banner.headline.text()
    assert acta.content_sha256 in acta_page.banner.detail.text()
    assert all(editor.isReadOnly() for editor in acta_page.editors.values())
    assert not acta_page.decision_button.isEnabled() and not acta_page.approve_button.isEnabled()
    assert acta_page.correct_button.isEnabled()
    content = actas.content(empty_store, session.id)
    assert content["agenda"][0]["development"] == "Se verificó el quórum: 7 de 12 delegaciones."
    assert dialogs.errors == []


# --- the shell around the flow ------------------------------------------------------------------


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_first_run_demo_button_opens_the_demo_mesa(make_window, empty_store, dialogs):
    window = make_window(empty_store)
    window.first_run.kind_page.demo_button.click()
    assert window.mesa is not None and window.mesa.territory_code == "54001"
    assert len(sessions.list_sessions(empty_store)) == 5
    assert window.current_key() == "home"
    assert window.page("home").overview.mesa.name == window.mesa.name
    assert dialogs.errors == []


def test_first_run_national_preset_and_absolute_majority(make_window, empty_store):
    window = make_window(empty_store)
    wizard = window.first_run
    wizard.kind_page.national.setChecked(True)
    wizard.next()
    assert wizard.currentPage() is wizard.acto_page  # a national mesa has no territory to choose
    type_text(wizard.acto_page.number, "Resolución 1234 de 2026")
    assert wizard.acto_page.warning.isHidden()
    wizard.next()
    wizard.focal_page.absolute.setChecked(True)
    type_text(wizard.focal_page.name, "Marcela Jaimes Villamizar")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    mesa = conformation.get_mesa(empty_store)
    assert (mesa.kind, mesa.quorum_rule, mesa.acto_number) == (
        "national",
        "mayoria_absoluta",
        "Resolución 1234 de 2026",
    )
    assert sum(not d.invited for d in conformation.list_members(empty_store)) == 12


def test_the_wizard_clears_a_solved_error_and_refuses_an_empty_focal_point(make_window, empty_store):
    window = make_window(empty_store)
    wizard = window.first_run
    wizard.next()
    territory = wizard.territory_page
    wizard.next()  # nothing chosen: refused, and said
    assert wizard.currentPage() is territory and territory.error.isVisible()
    assert territory.error.text().startswith("Elija un departamento")
    type_text(territory.department.lineEdit(), "la guaj")
    assert territory.department.code() == "44" and territory.error.isHidden()
    type_text(territory.municipality.lineEdit(), "cucuta")  # not a town of La Guajira
    wizard.next()
    assert wizard.currentPage() is territory and territory.error.text().startswith("Ese municipio")
    territory.municipality.lineEdit().clear()
    type_text(territory.municipality.lineEdit(), "riohach")
    assert territory.error.isHidden()
    wizard.next()
    wizard.next()
    focal = wizard.focal_page
    assert wizard.currentPage() is focal
    type_text(focal.name, "   ")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.currentPage() is focal and focal.error.isVisible()
    assert focal.error.text() == "Escriba el nombre del punto focal: firma las convocatorias y las actas."
    with pytest.raises(NotFound):
        conformation.get_mesa(empty_store)  # nothing was created
    type_text(focal.name, "Yolima Epiayú")
    assert focal.error.isHidden()
    type_text(focal.email, "yolima@")
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.currentPage() is focal and "no es válido" in focal.error.text()
    focal.email.clear()
    wizard.button(QWizard.WizardButton.FinishButton).click()
    mesa = conformation.get_mesa(empty_store)
    assert (mesa.territory_code, mesa.focal_point_name) == ("44001", "Yolima Epiayú")


def test_territory_type_ahead_ignores_accents(make_window, empty_store):
    window = make_window(empty_store)
    wizard = window.first_run
    wizard.next()
    page = wizard.territory_page
    type_text(page.department.lineEdit(), "bogota")
    assert page.department.code() == "11"
    completer = page.department.completer()
    completer.setCompletionPrefix("BOGOTÁ")
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "Bogotá, D.C."
    page.department.lineEdit().clear()
    type_text(page.department.lineEdit(), "narino")
    page.municipality.lineEdit().clear()
    type_text(page.municipality.lineEdit(), "ipia")
    assert page.territory_code() == "52356"  # Ipiales
    page.municipality.lineEdit().clear()
    assert page.territory_code() == "52"  # left empty: the departmental mesa
    wizard.reject()


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_navigation_shortcuts_and_placeholders(demo_window, qtbot, monkeypatch):
    from ui import pages

    window = demo_window
    for number, spec in enumerate(pages.PAGES[:9], 1):
        qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0 + number), Qt.KeyboardModifier.ControlModifier)
        assert window.current_key() == spec.key
    # Only a section declared as not built yet shows a placeholder; a missing module is an error.
    future = pages.PageSpec("future", "Futuro", "SP_FileIcon", "ui.pages.not_written_yet:Page", built=False)
    from ui.pages.placeholder import PlaceholderPage

    assert isinstance(pages.build(future, window.ctx), PlaceholderPage)
    missing = pages.PageSpec("missing", "Falta", "SP_FileIcon", "ui.pages.not_written_yet:Page")
    with pytest.raises(ModuleNotFoundError):
        pages.build(missing, window.ctx)


def test_errors_are_spanish_sentences_never_tracebacks(demo_window, dialogs):
    window = demo_window

    def broken(_store):
        raise KeyError("internal detail")

    window.ctx.call(broken)
    assert len(dialogs.errors) == 1
    assert dialogs.errors[0].startswith("Ocurrió un error inesperado")
    assert "KeyError" not in dialogs.errors[0] and "Traceback" not in dialogs.errors[0]


def test_window_geometry_and_last_page_are_remembered(make_window, demo_store, settings, qtbot):
    from tests.support.ui import make_ctx
    from ui.main_window import MainWindow

    window = make_window(demo_store)
    window.resize(1100, 700)
    window.show_page("sessions")
    window.close()
    again = MainWindow(settings=settings)  # no explicit size: what was saved
    qtbot.addWidget(again)
    again.show()
    again.attach(make_ctx(demo_store))
    assert again.current_key() == "sessions"
    # The offscreen screen is small, so Qt fits the restored size to it; check what was kept.
    assert not settings.value("window/geometry").isEmpty()
    assert settings.value("window/page") == "sessions"


def test_first_paint_does_not_import_the_database_layer():
    """The window paints before SQLAlchemy (≈0.6 s) is imported: start-up budget, DESIGN §9."""
    import subprocess
    import sys

    code = (
        "import sys; import ui.app, ui.main_window, ui.pages, ui.style; "
        "print(','.join(m for m in ('sqlalchemy', 'alembic', 'reportlab') if m in sys.modules))"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert output.stdout.strip() == ""


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_application_opens_stores_on_real_threads(qtbot, settings, dialogs, template_stores, tmp_path):
    """The production path: ThreadRunner (DB thread + file pool), reopening another store."""
    import shutil

    from ui.app import Application
    from ui.main_window import MainWindow

    demo = tmp_path / "demo" / "mesa.sqlite"
    demo.parent.mkdir()
    shutil.copy(template_stores["demo"], demo)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    app = Application(window, str(demo))
    with qtbot.waitSignal(window.ready, timeout=10000):
        assert app.open_store()
    assert window.mesa.territory_code == "54001"
    attendance_page = window.show_page("attendance")
    qtbot.waitUntil(lambda: len(attendance_page.index) == 42, timeout=10000)
    # Archivo › Abrir o crear almacén: a new, empty file starts the first-run wizard.
    fresh = tmp_path / "nueva" / "mesa.sqlite"
    fresh.parent.mkdir()
    window.store_requested.emit(str(fresh))
    qtbot.waitUntil(lambda: window.first_run is not None, timeout=10000)
    assert window.mesa is None and app.store.file == fresh
    window.first_run.reject()
    app.close_store()
    assert dialogs.errors == []


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_store_repaired_on_open_tells_the_user(qtbot, settings, dialogs, tmp_path):
    """A new store left half-created by a killed first start is recreated, and the app says so."""
    import sqlite3

    from sqlalchemy import text

    from mesa_desktop.store import Store
    from ui.app import Application
    from ui.main_window import MainWindow

    model = Store(tmp_path / "modelo.sqlite")
    with model.engine.connect() as conn:
        create_mesa = conn.execute(text("SELECT sql FROM sqlite_master WHERE name='mesa'")).scalar()
    model.close()
    broken = tmp_path / "almacen" / "mesa.sqlite"
    broken.parent.mkdir()
    with sqlite3.connect(broken) as conn:
        conn.execute(create_mesa)
    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    app = Application(window, str(broken))
    assert app.open_store()
    assert len(dialogs.notices) == 1 and "a medio crear" in dialogs.notices[0]
    app.close_store()
    assert dialogs.errors == []

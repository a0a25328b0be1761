"""Live attendance: keyboard check-in, walk-ins with consent, signatures, check-out, undo, virtual import."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from mesa_desktop import clock
from mesa_desktop.services import attendance, conformation
from tests.support.ui import DELEGATES, SECOND_PERSON, press, type_text
from ui.widgets.search_box import PeopleIndex
from ui.widgets.signature_pad import SignaturePad

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_a_known_person_is_checked_in_with_four_keystrokes(attendance_page, populated_store):
    page = attendance_page
    assert page.search.hasFocus()  # focus by default: no click needed
    keystrokes = type_text(page.search, "jac")
    assert page.results_people[0].full_name == "Jacinta Suárez Niño"
    keystrokes += press(page.search, Qt.Key.Key_Return)
    assert keystrokes == 4
    present = [a.full_name for a in attendance.list_attendance(populated_store, page.session.id)]
    assert present == ["Jacinta Suárez Niño"]
    assert page.search.text() == "" and page.search.hasFocus()
    assert page.confirmation.text().startswith("✓ Jacinta Suárez Niño")
    assert page.banner.headline.text() == "1 de 12 delegaciones — faltan 6"
    assert page.banner.state == "short"


def test_down_arrow_picks_another_result_and_dependency_words_match(attendance_page, populated_store):
    page = attendance_page
    type_text(page.search, "salud")  # a word of several dependency names
    names = [p.full_name for p in page.results_people]
    assert len(names) > 1
    press(page.search, Qt.Key.Key_Down)
    press(page.search, Qt.Key.Key_Return)
    present = [a.full_name for a in attendance.list_attendance(populated_store, page.session.id)]
    assert present == [names[1]]


def test_accented_names_typed_key_by_key(attendance_page, populated_store):
    page = attendance_page
    type_text(page.search, "Ósc")  # Key_unknown + text: qtbot.keyClicks would abort here
    assert page.results_people[0].full_name == SECOND_PERSON
    page.search.clear()
    type_text(page.search, "peñ")  # "Peñaranda" with the ñ, and without it below
    first = page.results_people[0].full_name
    page.search.clear()
    type_text(page.search, "pen")
    assert page.results_people[0].full_name == first == DELEGATES[0]
    page.search.clear()
    type_text(page.search, "gelvez")
    assert page.results_people[0].full_name == "Leopoldo Gélvez Parada"


def test_undo_the_last_check_in(attendance_page, populated_store):
    page = attendance_page
    type_text(page.search, "bal")
    press(page.search, Qt.Key.Key_Return)
    assert page.undo_button.isEnabled()
    press(page.search, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert attendance.list_attendance(populated_store, page.session.id) == []
    assert "Se deshizo" in page.confirmation.text()
    assert page.banner.headline.text() == "0 de 12 delegaciones — faltan 7"


def test_check_out_loses_quorum_and_the_timeline_shows_it(attendance_page, populated_store):
    page = attendance_page
    for prefix in ("abi", "bal", "cel", "dag", "ern", "fil", "gum"):
        type_text(page.search, prefix)
        press(page.search, Qt.Key.Key_Return)
    assert page.banner.headline.text() == "7 de 12 delegaciones — hay quórum"
    page.table.selectRow(0)  # the latest arrival is on top
    assert page.selected_attendee().full_name.startswith("Gumersindo")
    press(page.table, Qt.Key.Key_Delete)
    assert page.banner.headline.text() == "6 de 12 delegaciones — falta 1"
    assert "se perdió el quórum" in page.confirmation.text()
    events = [page.events.item(i).text() for i in range(page.events.count())]
    assert len(events) == 2 and "Quórum establecido" in events[0] and "Quórum perdido" in events[1]
    gone = next(a for a in page.attendees if a.full_name.startswith("Gumersindo"))
    assert not gone.present


def test_walk_in_requires_consent(attendance_page, populated_store):
    page = attendance_page
    type_text(page.search, "zoraida")
    assert page.results_people == []
    press(page.search, Qt.Key.Key_Return)  # nobody matches: Enter opens the walk-in form
    dialog = page.dialog
    assert dialog is not None and dialog.name.text() == "zoraida"
    dialog.name.clear()
    type_text(dialog.name, "Zoraida Muñoz Ibáñez")
    dialog.position.setText("Enfermera jefe")
    dialog.affiliation.setCurrentIndex(dialog.affiliation.findText("Dirección de Aseguramiento"))
    assert not dialog.ok.isEnabled()  # no consent yet
    assert "autorización" in dialog.why.text()
    dialog.accept()  # refused while the box is unchecked
    assert dialog.isVisible()
    dialog.consent.check.setChecked(True)
    assert dialog.ok.isEnabled()
    dialog.signature.pad.add_stroke([(20, 80), (80, 40), (140, 90), (220, 50)])
    dialog.ok.click()
    people = {p.full_name: p for p in conformation.list_people(populated_store)}
    assert people["Zoraida Muñoz Ibáñez"].consent_given
    assert people["Zoraida Muñoz Ibáñez"].dependency_name == "Dirección de Aseguramiento"
    row = next(a for a in attendance.list_attendance(populated_store, page.session.id))
    assert row.full_name == "Zoraida Muñoz Ibáñez" and row.capacity == "delegate" and row.has_signature
    assert page.banner.headline.text() == "1 de 12 delegaciones — faltan 6"
    # She is now in the search list too.
    type_text(page.search, "zor")
    assert page.results_people[0].full_name == "Zoraida Muñoz Ibáñez"


def test_walk_in_from_another_entity_does_not_count(attendance_page, populated_store):
    page = attendance_page
    page.open_walk_in()
    dialog = page.dialog
    type_text(dialog.name, "Ramón Pérez")
    type_text(dialog.entity, "Fundación Alas de Esperanza")
    dialog.consent.check.setChecked(True)
    dialog.ok.click()
    row = attendance.list_attendance(populated_store, page.session.id)[0]
    assert row.entity == "Fundación Alas de Esperanza" and not row.counts_for_quorum
    assert page.banner.headline.text() == "0 de 12 delegaciones — faltan 7"


def test_signature_pad_exports_a_png(qtbot):
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(480, 160)
    pad.show()
    assert pad.is_empty() and pad.png() == b""
    QTest.mousePress(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(30, 100))
    for x in range(40, 400, 20):
        QTest.mouseMove(pad, QPoint(x, 60 + (x % 60)))
    QTest.mouseRelease(pad, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(400, 90))
    assert not pad.is_empty()
    png = pad.png()
    assert png.startswith(PNG_MAGIC)
    image = QImage.fromData(png, "PNG")
    assert (image.width(), image.height()) == (600, 200)
    dark = sum(image.pixelColor(x, y).lightness() < 128 for x in range(0, 600, 3) for y in range(0, 200, 3))
    assert dark > 20  # there is ink
    pad.clear()
    assert pad.is_empty()


def test_signature_for_the_person_just_checked_in(attendance_page, populated_store):
    page = attendance_page
    type_text(page.search, "cel")
    press(page.search, Qt.Key.Key_Return)
    assert page.sign_button.isEnabled()
    page.sign_button.click()
    dialog = page.dialog
    assert not dialog.save.isEnabled()
    dialog.pad.add_stroke([(10, 10), (200, 120)])
    assert dialog.save.isEnabled()
    dialog.save.click()
    row = attendance.list_attendance(populated_store, page.session.id)[0]
    assert row.has_signature
    png = attendance.signature_of(populated_store, page.session.id, row.person_id)
    assert png.startswith(PNG_MAGIC)
    assert page.table.item(0, 4).text() == "✓"


def test_virtual_import_of_a_teams_report(attendance_page, populated_store, tmp_path, monkeypatch):
    page = attendance_page
    report = tmp_path / "asistencia.csv"
    report.write_bytes(
        (
            "1. Resumen\nTítulo de la reunión\tMesa\n\n2. Participantes\n"
            "Nombre\tPrimera unión\tCorreo electrónico\n"
            "Ernestina Quintero (Invitado)\t9:01\t\n"
            "Isidoro R.\t9:02\tisidoro@salud.gov.co\n"
            "Desconocido Total\t9:03\t\n"
        ).encode("utf-16")
    )
    monkeypatch.setattr(page, "choose_report_file", lambda: str(report))
    assert page.import_button.isEnabled()  # hybrid session
    page.import_report()
    dialog = page.dialog
    assert [m.person_name for m in dialog.preview.matched] == [
        "Ernestina Quintero Ibáñez",
        "Isidoro Ramírez Cañas",
    ]
    assert dialog.unmatched.rowCount() == 1
    dialog.ok.click()
    rows = attendance.list_attendance(populated_store, page.session.id)
    assert sorted(a.full_name for a in rows) == ["Ernestina Quintero Ibáñez", "Isidoro Ramírez Cañas"]
    assert all(a.virtual for a in rows)
    assert page.banner.headline.text() == "2 de 12 delegaciones — faltan 5"
    assert {page.table.item(r, 4).text() for r in range(2)} == {"Virtual"}


def test_virtual_toggle_marks_the_check_in_virtual(attendance_page, populated_store):
    page = attendance_page
    assert page.virtual.isEnabled() and not page.virtual.isChecked()  # hybrid: in person by default
    page.virtual.setChecked(True)
    type_text(page.search, "her")
    press(page.search, Qt.Key.Key_Return)
    row = attendance.list_attendance(populated_store, page.session.id)[0]
    assert row.virtual and "(virtual)" in page.confirmation.text()


def test_attendance_sheet_pdf(attendance_page, populated_store, tmp_path, monkeypatch):
    page = attendance_page
    type_text(page.search, "abi")
    press(page.search, Qt.Key.Key_Return)
    target = tmp_path / "listado.pdf"
    monkeypatch.setattr(page, "choose_pdf_target", lambda _suggested: str(target))
    page.save_attendance_sheet()
    assert target.read_bytes().startswith(b"%PDF")


@dataclass(frozen=True)
class FakePerson:
    id: uuid.UUID
    full_name: str
    dependency_name: str | None
    entity: str | None
    role: str = "delegate"
    dependency_id: uuid.UUID | None = None


def five_hundred_people() -> list[FakePerson]:
    from mesa_desktop.services.demo import FIRST_NAMES, LAST_NAMES

    deps = [
        "Subsecretaría de Salud Pública",
        "Dirección de Aseguramiento",
        "Programa Ampliado de Inmunizaciones",
        "Oficina de Planeación en Salud",
        None,
    ]
    people = []
    for i in range(500):
        name = f"{FIRST_NAMES[i % len(FIRST_NAMES)]} {LAST_NAMES[(i * 7) % len(LAST_NAMES)]}"
        dep = deps[i % len(deps)]
        people.append(FakePerson(uuid.uuid4(), name, dep, dep or "Cruz Roja Colombiana"))
    return people


def test_typing_among_500_people_filters_the_list_on_every_keystroke(attendance_page, qtbot):
    """Each keystroke re-filters the visible list (its speed is measured by benchmarks/benchmark.py)."""
    page = attendance_page
    page.index = PeopleIndex(five_hundred_people())
    for query in ("mar", "jos", "ñuñ", "peñ"):
        page.search.clear()
        shown = []
        for ch in query:
            type_text(page.search, ch)  # textChanged → filter → list rebuilt
            shown.append(page.results.count())
        assert shown[-1] <= shown[0]
        assert page.results.count() > 0


@pytest.mark.parametrize(
    "query, expected",
    [
        ("jose gre", "José Gregorio Pabón"),
        ("pab", "José Gregorio Pabón"),
        ("JOSÉ", "José Gregorio Pabón"),
        ("pai", "Ana Mora"),  # a word of the dependency, "(PAI)" in parentheses
        ("cruz", "Luis Peña"),  # the entity of an invited actor
    ],
)
def test_people_index_matches_word_prefixes(query, expected):
    people = [
        FakePerson(uuid.uuid4(), "José Gregorio Pabón", "Subsecretaría de Salud Pública", None),
        FakePerson(uuid.uuid4(), "Ana Mora", "Programa Ampliado de Inmunizaciones (PAI)", None),
        FakePerson(uuid.uuid4(), "Luis Peña", None, "Cruz Roja Colombiana", role="invited"),
    ]
    assert PeopleIndex(people).search(query)[0].full_name == expected
    assert PeopleIndex(people).search("regorio") == []  # prefixes of words, not any substring


class DeferredRunner:
    """Like the real runner, results arrive later; ``deliver()`` plays the DB thread."""

    def __init__(self, on_error):
        from ui.tasks import SyncRunner

        self._sync = SyncRunner(on_error)
        self.busy_changed = self._sync.busy_changed
        self.queue = []

    def db(self, fn, done=None, failed=None):
        self.queue.append((fn, done, failed))

    files = db

    def deliver(self):
        while self.queue:
            self._sync.db(*self.queue.pop(0))

    def wait(self, msecs=0):
        self.deliver()


def test_typing_the_next_name_while_the_store_answers_is_not_lost(qtbot, settings, dialogs, populated_store):
    from ui.context import AppContext
    from ui.main_window import MainWindow

    window = MainWindow(settings=settings)
    qtbot.addWidget(window)
    window.show()
    ctx = AppContext(populated_store, DeferredRunner)
    window.attach(ctx)
    ctx.runner.deliver()
    page = window.show_page("attendance")
    ctx.runner.deliver()
    type_text(page.search, "abi")
    press(page.search, Qt.Key.Key_Return)
    assert page.search.text() == ""  # cleared at once
    type_text(page.search, "ba")  # the next person arrives before the check-in is confirmed
    ctx.runner.deliver()
    assert page.confirmation.text().startswith("✓ Abigaíl")
    assert page.search.text() == "ba" and page.search.selectedText() == ""
    press(page.search, Qt.Key.Key_L)
    press(page.search, Qt.Key.Key_Return)
    ctx.runner.deliver()
    names = {a.full_name for a in attendance.list_attendance(populated_store, page.session.id)}
    assert names == {"Abigaíl Contreras Peñaranda", "Baltasar Jaimes Ortega"}


def test_a_paper_list_is_transcribed_at_the_times_written(attendance_page, populated_store):
    """Yesterday's session, typed in from its paper list: arrivals and a departure at their hours."""
    from datetime import time, timedelta

    from mesa_desktop.clock import local_time
    from mesa_desktop.services import sessions

    page = attendance_page
    yesterday = sessions.new_session(
        populated_store,
        on=clock.today() - timedelta(days=1),
        kind="ordinary",
        modality="in_person",
    )
    page.ctx.changed.emit("sessions")
    page.open_item(yesterday.id)
    assert page.session.id == yesterday.id and page.search.isEnabled()
    page.transcribe.setChecked(True)
    for prefix, hour in (("abi", time(8, 10)), ("bal", time(8, 25))):
        page.at_edit.set_value(hour)
        type_text(page.search, prefix)
        press(page.search, Qt.Key.Key_Return)
    page.at_edit.set_value(time(9, 40))
    assert page.at_edit.text() == "9:40 a.\u00a0m."  # Qt's es-CO wording
    page.table.selectRow(page.table.rowCount() - 1)  # the earliest arrival is at the bottom
    assert page.selected_attendee().full_name == DELEGATES[0]
    QTest.mouseClick(page.check_out_button, Qt.MouseButton.LeftButton)
    rows = {a.full_name: a for a in attendance.list_attendance(populated_store, yesterday.id)}
    assert local_time(rows[DELEGATES[0]].check_in_at) == time(8, 10)
    assert local_time(rows[DELEGATES[0]].check_out_at) == time(9, 40)
    assert local_time(rows[DELEGATES[1]].check_in_at) == time(8, 25)
    assert "8:10" in page.table.item(page.table.rowCount() - 1, 3).text()
    assert "salió 9:40\u00a0a.\u00a0m." in page.table.item(page.table.rowCount() - 1, 3).text()


def test_a_session_dated_later_takes_no_attendance_until_moved_to_today(attendance_page, populated_store):
    from datetime import timedelta

    from mesa_desktop.services import sessions

    page = attendance_page
    later = sessions.new_session(populated_store, on=clock.today() + timedelta(days=3), kind="ordinary")
    page.ctx.changed.emit("sessions")
    page.open_item(later.id)
    assert not page.search.isEnabled() and not page.walk_in_button.isEnabled()
    assert "está programada para el" in page.confirmation.text()
    assert page.move_today_button.isVisible()
    QTest.mouseClick(page.move_today_button, Qt.MouseButton.LeftButton)
    assert sessions.get_session(populated_store, later.id).date == clock.today()
    assert page.session.id == later.id and page.search.isEnabled()
    assert not page.move_today_button.isVisible()
    type_text(page.search, "jac")
    press(page.search, Qt.Key.Key_Return)
    assert [a.full_name for a in attendance.list_attendance(populated_store, later.id)] == [
        "Jacinta Suárez Niño"
    ]


def test_walk_ins_are_offered_only_the_dependencies_of_the_mesa_that_day(attendance_page, populated_store):
    from datetime import timedelta

    page = attendance_page
    today = clock.today()
    conformation.add_dependency(
        populated_store, "Oficina de Atención al Migrante", active_from=today + timedelta(days=7)
    )
    retired = next(
        d for d in conformation.list_members(populated_store) if d.name == "Dirección de Aseguramiento"
    )
    conformation.deactivate_dependency(populated_store, retired.id, today - timedelta(days=1))
    conformation.add_dependency(
        populated_store, "Fundación que llega luego", invited=True, active_from=today + timedelta(days=1)
    )
    gone_actor = conformation.add_dependency(populated_store, "Fundación que se fue", invited=True)
    conformation.deactivate_dependency(populated_store, gone_actor.id, today - timedelta(days=1))
    page.ctx.changed.emit("members")
    page.open_walk_in("Zoraida")
    offered = [page.dialog.affiliation.itemText(i) for i in range(page.dialog.affiliation.count())]
    assert "Oficina de Atención al Migrante" not in offered and "Dirección de Aseguramiento" not in offered
    assert not [o for o in offered if o.startswith("Fundación que")]  # invited actors alike
    assert "Subsecretaría de Salud Pública" in offered
    assert "Migración Colombia (actor invitado)" in offered
    # Typing the name of one that is not offered finds nothing and leaves the choice alone.
    type_text(page.dialog.affiliation, "fundacion que")
    assert page.dialog.affiliation.currentData() == "__other__"


def test_a_delegation_that_came_and_left_is_named_apart_not_still_to_arrive(attendance_page, populated_store):
    page = attendance_page
    type_text(page.search, "bal")  # Baltasar, the second dependency's delegate
    press(page.search, Qt.Key.Key_Return)
    type_text(page.search, "abi")
    press(page.search, Qt.Key.Key_Return)
    baltasar = next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == DELEGATES[1])
    dependency = page.table.item(baltasar, 1).text()  # as the banner writes it (short name)
    assert "Se retiraron" not in page.banner.detail.text()
    page.table.selectRow(baltasar)
    press(page.table, Qt.Key.Key_Delete)
    detail = page.banner.detail.text()
    arriving, gone = detail.split("Se retiraron:")
    assert arriving.startswith("Faltan por llegar:")
    assert dependency not in arriving and dependency in gone
    assert page.banner.headline.text() == "1 de 12 delegaciones — faltan 6"


def _row_of(page, name: str) -> int:
    return next(r for r in range(page.table.rowCount()) if page.table.item(r, 0).text() == name)


def _click_row(page, row: int) -> None:
    rect = page.table.visualItemRect(page.table.item(row, 0))
    QTest.mouseClick(
        page.table.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, rect.center()
    )


def test_after_a_click_on_a_row_typed_letters_still_search(attendance_page, populated_store, qtbot):
    page = attendance_page
    for prefix in ("abi", "bal"):
        type_text(page.search, prefix)
        press(page.search, Qt.Key.Key_Return)
    type_text(page.search, "cel")  # a name typed, then the focal point turns to the table
    _click_row(page, _row_of(page, DELEGATES[0]))
    assert page.table.hasFocus() and page.selected_attendee().full_name == DELEGATES[0]
    press(page.table, Qt.Key.Key_Delete)  # Abigaíl leaves
    assert page.search.text() == "" and page.search.hasFocus()  # the stale "cel" is gone
    _click_row(page, _row_of(page, DELEGATES[1]))
    assert page.table.hasFocus()
    qtbot.keyClicks(page.table, "jac")  # typed at the table, not lost
    assert page.search.text() == "jac" and page.search.hasFocus()
    assert page.results_people[0].full_name == "Jacinta Suárez Niño"
    _click_row(page, 0)
    press(page.table, Qt.Key.Key_Return)  # Enter on the table checks the result in
    names = {a.full_name for a in attendance.list_attendance(populated_store, page.session.id) if a.present}
    assert names == {DELEGATES[1], "Jacinta Suárez Niño"}
    assert page.search.text() == ""


def test_esc_clears_the_search_from_anywhere_and_inputs_keep_their_keys(attendance_page):
    page = attendance_page
    type_text(page.search, "her")
    page.sheet_button.setFocus()
    press(page.sheet_button, Qt.Key.Key_Escape)
    assert page.search.text() == "" and page.search.hasFocus()
    # A space on a check box with the box empty is the check box's own.
    page.virtual.setFocus()
    press(page.virtual, Qt.Key.Key_Space)
    assert page.virtual.isChecked() and page.search.text() == ""
    # The time of a transcription is typed into its own editor.
    page.transcribe.setChecked(True)
    page.at_edit.setFocus()
    before = page.at_edit.text()
    QTest.keyClicks(page.at_edit, "1")
    assert page.search.text() == "" and page.at_edit.text() != before
    page.search.setText("her")
    page.at_edit.setFocus()
    press(page.at_edit, Qt.Key.Key_Return)  # Enter in the time edit checks nobody in
    assert page.search.text() == "her" and page.at_edit.hasFocus()
    page.search.clear()
    assert page.search_hint.isVisible() and "Ctrl+F" in page.search_hint.text()


def _active(qtbot, dialog):
    """The dialog as the focal point sees it: its window active, so the keyboard is in it."""
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow, timeout=2000)
    return dialog


def test_a_walk_in_without_the_mouse(attendance_page, populated_store, qtbot):
    """Only key events: the name in the search box, Enter, a few letters of the dependency,
    Enter, Space for the consent, Enter."""
    page = attendance_page
    keys = type_text(page.search, "Zoraida Muñoz")
    assert page.results_people == []
    keys += press(page.search, Qt.Key.Key_Return)  # nobody matches: the walk-in form opens
    dialog = _active(qtbot, page.dialog)
    assert dialog.name.text() == "Zoraida Muñoz" and dialog.affiliation.hasFocus()
    keys += type_text(dialog.affiliation, "asegur")  # a word in the middle of the name
    assert dialog.affiliation.currentText() == "Dirección de Aseguramiento"
    assert "asegur" in dialog.affiliation_hint.text()
    keys += press(dialog.affiliation, Qt.Key.Key_Return)
    assert dialog.consent.check.hasFocus() and dialog.isVisible()
    keys += press(dialog.consent.check, Qt.Key.Key_Space)
    assert dialog.consent.given and dialog.ok.isEnabled()
    keys += press(dialog.consent.check, Qt.Key.Key_Return)
    assert not dialog.isVisible()
    assert keys == len("Zoraida Muñoz") + 1 + len("asegur") + 3
    row = attendance.list_attendance(populated_store, page.session.id)[0]
    assert row.full_name == "Zoraida Muñoz" and row.capacity == "delegate" and row.counts_for_quorum
    assert row.dependency_name == "Dirección de Aseguramiento"
    assert page.confirmation.text().startswith("✓ Zoraida Muñoz")
    assert page.window().focusWidget() is page.search  # back where the next arrival types


def test_the_walk_in_dependency_list_is_typed_through(attendance_page, qtbot):
    page = attendance_page
    page.open_walk_in()
    dialog = _active(qtbot, page.dialog)
    assert dialog.name.hasFocus()  # no name typed yet: it starts there
    type_text(dialog.name, "Ramón Pérez")
    press(dialog.name, Qt.Key.Key_Return)  # Enter moves on, it does not register
    assert dialog.isVisible() and dialog.affiliation.hasFocus()
    type_text(dialog.affiliation, "migra")  # an invited actor
    assert dialog.affiliation.currentText() == "Migración Colombia (actor invitado)"
    press(dialog.affiliation, Qt.Key.Key_Backspace)
    type_text(dialog.affiliation, "zzz")  # no match: the choice stays
    assert dialog.affiliation.currentText() == "Migración Colombia (actor invitado)"
    assert dialog.affiliation.typed == "migrzzz"
    for _ in range(7):
        press(dialog.affiliation, Qt.Key.Key_Backspace)
    type_text(dialog.affiliation, "otra")
    assert dialog.affiliation.currentData() == "__other__"
    press(dialog.affiliation, Qt.Key.Key_Return)  # another entity: its name comes next
    assert dialog.entity.hasFocus()
    press(dialog.entity, Qt.Key.Key_Return)
    assert dialog.consent.check.hasFocus()
    press(dialog.consent.check, Qt.Key.Key_Return)  # no consent: nothing is registered
    assert dialog.isVisible() and "autorización" in dialog.why.text()


def _styled(page, qtbot) -> None:
    """The app's own font and style sheet (18-point search box, 13-point results), as on screen."""
    from PySide6.QtGui import QFont

    from ui import style

    window = page.window()
    window.setFont(QFont(style.load_fonts() or style.FONT_FAMILY, 10))
    window.setStyleSheet(style.STYLE_SHEET)
    qtbot.wait(10)  # the layout follows the new sizes


def test_names_stay_whole_in_the_table_when_the_arrival_column_widens(
    attendance_page, populated_store, qtbot
):
    from ui.pages.attendance import CELL_PADDING

    page = attendance_page
    _styled(page, qtbot)
    deps = [d for d in conformation.list_members(populated_store) if not d.invited]
    long_name = "Sandra Milena Rodríguez Peñaranda"
    very_long = "María de los Ángeles Esperanza del Socorro Quintero Valderrama de la Hoz"
    for name in (long_name, very_long):
        conformation.add_person(populated_store, name, dependency=deps[3].id, consent_given=True)
    page.ctx.changed.emit("members")
    for prefix in ("abi", "bal", "sandra", "maria de los"):
        type_text(page.search, prefix)
        press(page.search, Qt.Key.Key_Return)
    page.table.selectRow(_row_of(page, DELEGATES[0]))
    press(page.table, Qt.Key.Key_Delete)  # "… – salió …" widens the arrival column
    table = page.table
    gone = _row_of(page, DELEGATES[0])
    assert table.item(gone, 3).text().split("\n")[1].startswith("salió ")  # a line of its own
    assert table.rowHeight(gone) > table.rowHeight(0)
    metrics = table.fontMetrics()
    for row in range(table.rowCount()):
        name = table.item(row, 0).text()
        assert table.item(row, 0).toolTip() == name  # the whole name on hover
        if name != very_long:
            assert metrics.horizontalAdvance(name) + CELL_PADDING <= table.columnWidth(0), name
    assert metrics.horizontalAdvance(very_long) > table.columnWidth(0)  # really long: elided
    assert table.columnWidth(1) >= 100  # the dependency keeps room for its short name
    total = sum(table.columnWidth(c) for c in range(table.columnCount()))
    assert total <= table.viewport().width()  # no column pushed out of sight


def test_the_advice_around_the_search_box_is_not_cut(attendance_page, qtbot):
    page = attendance_page
    _styled(page, qtbot)
    search = page.search
    placeholder = search.fontMetrics().horizontalAdvance(search.placeholderText())
    # The style sheet's padding (10 + 10) and border (2 + 2), the frame and the clear button.
    assert placeholder + 52 <= search.width()
    hint = page.search_hint
    assert hint.wordWrap() and hint.height() >= hint.heightForWidth(hint.width())
    # The session's name beside the title: the transcription's time edit shows only when used.
    picker = page.picker
    assert picker.fontMetrics().horizontalAdvance(picker.currentText()) + 36 <= picker.width()
    assert not page.at_edit.isVisible()
    page.transcribe.setChecked(True)
    assert page.at_edit.isVisible() and page.at_edit.isEnabled()
    page.transcribe.setChecked(False)
    page.splitter.setSizes([300, 850])  # the left column dragged narrower
    type_text(search, "zoraida")
    advice = page.results.item(0)
    assert advice.text().startswith("Nadie coincide.")
    shown = page.results.visualItemRect(advice)
    needed = page.results.fontMetrics().boundingRect(
        0, 0, page.results.viewport().width() - 8, 1000, Qt.TextFlag.TextWordWrap, advice.text()
    )
    assert shown.width() <= page.results.viewport().width() and shown.height() >= needed.height()


def test_the_acta_summary_counts_people_and_dependencies_apart(attendance_page, populated_store):
    from mesa_desktop.operations import actas
    from ui.pages.acta.preview import summary_html

    page = attendance_page
    for prefix in ("abi", "osc", "bal"):  # Óscar is a second person of Abigaíl's dependency
        type_text(page.search, prefix)
        press(page.search, Qt.Key.Key_Return)
    actas.ensure_draft(populated_store, page.session.id)
    html = summary_html(actas.acta_view(populated_store, page.session.id))
    assert "Asistentes de las dependencias (3 personas de 2 dependencias):" in html


def _code_of(store, name: str) -> str:
    return next(p.check_in_code for p in conformation.list_people(store) if p.full_name == name)


def test_a_scanned_code_checks_the_person_in_with_the_focus_elsewhere(
    attendance_page, populated_store, qtbot
):
    page = attendance_page
    type_text(page.search, "abi")
    press(page.search, Qt.Key.Key_Return)
    _click_row(page, 0)  # the focal point was looking at the table
    assert page.table.hasFocus()
    code = _code_of(populated_store, "Jacinta Suárez Niño")
    assert len(code) == 9 and code[4] == "-"
    qtbot.keyClicks(page.table, code)  # the scanner types into whatever has the focus…
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # …and Enter: one action
    present = {a.full_name for a in attendance.list_attendance(populated_store, page.session.id)}
    assert present == {DELEGATES[0], "Jacinta Suárez Niño"}
    assert page.confirmation.text().startswith("✓ Jacinta Suárez Niño")  # as a normal check-in
    assert page.undo_button.isEnabled() and page.search.text() == ""
    # Scanned on a button, lower case, the hyphen typed by a Latin American layout as '.
    second = _code_of(populated_store, DELEGATES[1]).lower().replace("-", "'")
    qtbot.keyClicks(page.sheet_button, second)
    qtbot.keyClick(page.sheet_button, Qt.Key.Key_Return)
    present = {a.full_name for a in attendance.list_attendance(populated_store, page.session.id)}
    assert DELEGATES[1] in present and len(present) == 3


def test_an_unknown_code_checks_nobody_in(attendance_page, populated_store, qtbot, dialogs):
    page = attendance_page
    known = {p.check_in_code for p in conformation.list_people(populated_store)}
    unknown = next(c for c in ("7K3M-Q9TB", "7K3M-Q9TC") if c not in known)
    page.virtual.setFocus()
    qtbot.keyClicks(page.virtual, unknown)
    assert page.results.item(0).text().startswith("Código de asistencia")  # not "Nadie coincide"
    qtbot.keyClick(page.virtual, Qt.Key.Key_Return)
    assert attendance.list_attendance(populated_store, page.session.id) == []
    assert page.dialog is None or not page.dialog.isVisible()  # no walk-in form for a code
    assert "Código no reconocido" in page.confirmation.text() and unknown in page.confirmation.text()
    assert page.confirmation.property("state") == "error"
    assert page.search.text() == "" and dialogs.errors == []  # a notice, no message box to close
    # A hyphenated name with a code's shape is still a name when it matches someone.
    conformation.add_person(populated_store, "Rosa-María Peñaloza", dependency="Migración Colombia")
    page.ctx.changed.emit("members")
    qtbot.keyClicks(page.table, "rosa-mari")
    assert page.results_people[0].full_name == "Rosa-María Peñaloza"
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert [a.full_name for a in attendance.list_attendance(populated_store, page.session.id)] == [
        "Rosa-María Peñaloza"
    ]
    # Eight letters without a hyphen are still a name being typed, not a code.
    from ui.widgets.search_box import scanned_code

    assert scanned_code("carrasca") is None and scanned_code("7K3MQ9TB") == "7K3M-Q9TB"


def test_a_delegate_of_a_retired_dependency_is_offered_and_shown_as_a_guest(attendance_page, populated_store):
    from datetime import timedelta

    page = attendance_page
    retired = next(
        d for d in conformation.list_members(populated_store) if d.name == "Dirección de Aseguramiento"
    )
    delegate = retired.people[0].full_name
    type_text(page.search, delegate.split()[0][:4])
    assert "Delegado(a) · " in page.results.item(0).text().split("\n")[1]  # a member today
    page.search.clear()
    conformation.deactivate_dependency(populated_store, retired.id, clock.today() - timedelta(days=1))
    page.ctx.changed.emit("members")
    type_text(page.search, delegate.split()[0][:4])
    assert page.results_people[0].full_name == delegate
    assert page.results.item(0).text().split("\n")[1].startswith("Asistente · ")
    press(page.search, Qt.Key.Key_Return)
    row = _row_of(page, delegate)
    assert page.table.item(row, 2).text() == "Asistente"
    assert "No representa" in page.table.item(row, 2).toolTip()
    assert page.banner.headline.text().startswith("0 de 11")

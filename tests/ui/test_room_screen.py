"""The room's screen on a real demo store: it follows check-ins and check-outs made through the
operations, shows no person's data, toggles full screen, moves along the agenda, follows the
attendance screen's session, and opens on the second screen when there is one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel

from mesa_desktop import clock, formatting
from mesa_desktop.operations import attendance as attendance_ops
from mesa_desktop.operations import sessions as session_ops
from mesa_desktop.services import conformation, sessions
from tests.support.ui import make_ctx, press, type_text
from ui.room_screen import RoomScreen

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def today_session(demo_store):
    return sessions.new_session(demo_store, on=clock.today(), kind="ordinary", template="ordinary")


@pytest.fixture
def room(qtbot, demo_store, today_session):
    ctx = make_ctx(demo_store)
    screen = RoomScreen(ctx, follow=lambda: today_session.id)
    qtbot.addWidget(screen)
    screen.resize(1366, 768)
    screen.show()
    return screen


def delegations(store):
    """One person of each member dependency, in the mesa's order."""
    return [(d, d.people[0]) for d in conformation.list_members(store) if not d.invited and d.people]


def label_texts(window) -> list[str]:
    return [label.text() for label in window.findChildren(QLabel)]


def shown_names(names) -> list[str]:
    return [line for column in names.columns for line in column.text().split("\n") if line]


def test_the_room_follows_check_ins_and_a_check_out(room, demo_store, today_session):
    ctx = room.ctx
    people = delegations(demo_store)
    assert room.verdict_label.text() == "Sin quórum: faltan 7"
    assert room.figure_label.text() == "0 / 7"
    assert shown_names(room.present_names) == ["Aún no llega ninguna dependencia."]
    assert len(shown_names(room.missing_names)) == 12

    for _dependency, person in people[:6]:
        ctx.call(attendance_ops.check_in, today_session.id, person.id)
    assert room.verdict_label.text() == "Sin quórum: falta 1"
    assert room.banner.property("state") == "almost"
    ctx.call(attendance_ops.check_in, today_session.id, people[6][1].id)
    assert room.verdict_label.text() == "Hay quórum" and room.figure_label.text() == "7 / 7"
    assert room.banner.property("state") == "ok"
    first = people[0][0].short_name or people[0][0].name
    assert first in shown_names(room.present_names)
    assert room.present_title.text() == "Presentes (7)"
    assert room.missing_title.text() == "Sin representación (5)"

    ctx.call(attendance_ops.check_out, today_session.id, people[0][1].id)
    assert room.verdict_label.text() == "Sin quórum: falta 1"
    assert first not in shown_names(room.present_names)
    assert first in shown_names(room.missing_names)


@pytest.mark.slow  # over a second: everyone of the demo is checked in, each reloading the screen
def test_no_person_name_or_address_is_on_the_screen(room, demo_store, today_session):
    everyone = [p for d in conformation.list_members(demo_store) for p in d.people]
    for person in everyone:
        room.ctx.call(attendance_ops.check_in, today_session.id, person.id)
    room.ctx.call(session_ops.update_session, today_session.id, president_name="Dr. Ricardo Peñaranda Ortiz")
    texts = "\n".join([*label_texts(room), room.windowTitle()])
    assert "Hay quórum" in texts and "Peñaranda" not in texts
    for person in everyone:
        assert person.full_name not in texts
        assert " ".join(person.full_name.split()[-2:]) not in texts  # nor the surnames alone
        if person.email:
            assert person.email not in texts


def test_f11_toggles_full_screen_and_esc_leaves_it(room):
    assert not room.isFullScreen() and room.hint_label.isVisible()
    press(room, Qt.Key.Key_F11)
    assert room.isFullScreen() and not room.hint_label.isVisible()
    press(room, Qt.Key.Key_F11)
    assert not room.isFullScreen()
    press(room, Qt.Key.Key_F11)
    press(room, Qt.Key.Key_Escape)
    assert not room.isFullScreen() and room.hint_label.isVisible()


def test_the_agenda_item_moves_with_page_keys_and_arrows(room, today_session):
    titles = [item.title for item in today_session.agenda]
    assert len(titles) > 2
    assert room.agenda_label.text() == f"1. {titles[0]}"
    press(room, Qt.Key.Key_PageDown)
    press(room, Qt.Key.Key_Right)
    assert room.agenda_label.text() == f"3. {titles[2]}"
    assert room.agenda_caption.text() == f"Orden del día · punto 3 de {len(titles)}"
    press(room, Qt.Key.Key_PageUp)
    assert room.agenda_label.text() == f"2. {titles[1]}"
    for _ in range(len(titles) + 2):
        press(room, Qt.Key.Key_Left)
    assert room.agenda_label.text() == f"1. {titles[0]}"  # stops at the first item
    for _ in range(len(titles) + 2):
        press(room, Qt.Key.Key_PageDown)
    assert room.agenda_label.text() == f"{len(titles)}. {titles[-1]}"  # and at the last


def test_the_clock_is_colombias_twelve_hour_clock(room):
    text = room.clock_label.text()
    assert text == formatting.clock(clock.local(clock.utcnow()).time()) or room._tick() is None
    assert text.endswith(f"{formatting.NBSP}a.{formatting.NBSP}m.") or text.endswith(
        f"{formatting.NBSP}p.{formatting.NBSP}m."
    )
    assert room.timer.isActive() and room.timer.interval() == 1000


def test_the_type_grows_with_the_window(room, qtbot):
    small = room.verdict_label.font().pixelSize()
    names_small = room.present_names.columns[0].font().pixelSize()
    room.resize(1920, 1080)
    qtbot.waitUntil(lambda: room.verdict_label.font().pixelSize() > small)
    assert room.verdict_label.font().pixelSize() >= small * 1080 / 768 - 1
    assert room.present_names.columns[0].font().pixelSize() > names_small


@pytest.mark.parametrize("size", [(1024, 768), (1366, 768), (1920, 1080), (640, 360)])
def test_long_dependency_names_shrink_instead_of_being_cut(room, qtbot, size):
    room.resize(*size)
    room.short_names = {}  # a mesa whose dependencies have no short names: the full ones
    room._loaded(room.view)
    lists = (room.present_names, room.missing_names)
    columns = [c for names in lists for c in names.columns]

    def laid_out(names) -> bool:
        shown = [c for c in names.columns if c.isVisible()]
        spacing = names.row.spacing() * (len(shown) - 1)
        return abs(sum(c.width() for c in shown) + spacing - names.width()) <= 1

    qtbot.waitUntil(lambda: all(laid_out(names) for names in lists))
    lines = 0
    for column in columns:
        if column.isVisible():
            metrics = QFontMetrics(column.font())
            for line in column.text().split("\n"):
                assert metrics.horizontalAdvance(line) <= column.width(), line
                lines += 1
            assert metrics.lineSpacing() * len(column.text().split("\n")) <= column.height()
    assert lines == 12 + 1  # every missing dependency, and the line saying none has arrived
    whole = "Oficina de Gestión del Riesgo de Emergencias y Desastres" in shown_names(room.missing_names)
    assert whole or size == (640, 360)  # the smallest window elides the longest names


def test_an_extraordinary_session_needs_no_quorum(qtbot, demo_store):
    session = sessions.new_session(
        demo_store, on=clock.today(), kind="extraordinary", template="extraordinary"
    )
    screen = RoomScreen(make_ctx(demo_store), follow=lambda: session.id)
    qtbot.addWidget(screen)
    screen.show()
    person = delegations(demo_store)[0][1]
    screen.ctx.call(attendance_ops.check_in, session.id, person.id)
    assert screen.verdict_label.text() == "Sesión extraordinaria: no requiere quórum"
    assert screen.figure_label.text() == "1 de 12" and screen.caption_label.text() == "dependencia presente"
    assert screen.banner.property("state") == "neutral"
    assert "Sesión extraordinaria" in screen.session_label.text()


def test_without_a_session_today_it_says_so(qtbot, demo_store):
    screen = RoomScreen(make_ctx(demo_store))
    qtbot.addWidget(screen)
    screen.show()
    assert screen.verdict_label.text() == "Hoy no hay sesión"
    assert not screen.figure_label.isVisible() and not screen.agenda_label.isVisible()
    assert screen.mesa_label.text() == conformation.get_mesa(demo_store).name


@pytest.mark.slow  # about a second: the main window, its attendance page and the room's screen
def test_opened_from_the_main_window_it_follows_the_attendance_screen(
    make_window, demo_store, today_session, qtbot
):
    window = make_window(demo_store)
    page = window.show_page("attendance")
    page.open_item(today_session.id)
    assert page.current_session_id() == today_session.id
    menu = window.menus["session"]
    actions = {action.text(): action for action in menu.actions()}
    assert actions["Sala: punto siguiente del orden del día"].shortcut().toString() == "Alt+PgDown"
    actions["Pantalla de sala (proyector)…"].trigger()
    room = window.room_screen
    qtbot.addWidget(room)
    assert room.isVisible() and not room.isFullScreen()  # one screen: a window to drag
    assert room.view.session.id == today_session.id
    assert room.verdict_label.text() == "Sin quórum: faltan 7"

    # A check-in typed on the attendance screen shows on the room's screen at once.
    person = delegations(demo_store)[0][1]
    type_text(page.search, person.full_name)
    press(page.search, Qt.Key.Key_Return)
    assert room.verdict_label.text() == "Sin quórum: faltan 6"

    # A name typed (or a badge scanned) while the room's screen has the focus is not lost: it
    # goes to the attendance screen's search box.
    second = delegations(demo_store)[1][1]
    type_text(room, second.full_name)
    assert page.search.text() == second.full_name
    press(room, Qt.Key.Key_Return)
    assert room.verdict_label.text() == "Sin quórum: faltan 5"

    # The main window's menu moves the agenda item of the room's screen.
    actions["Sala: punto siguiente del orden del día"].trigger()
    assert room.agenda_label.text().startswith("2. ")

    # The attendance screen switches to an earlier session: the room follows it.
    earlier = sessions.list_sessions(demo_store)[0]
    page.open_item(earlier.id)
    room._tick()
    assert room.view.session.id == earlier.id
    assert earlier.number in room.session_label.text()


@pytest.mark.slow  # over a second: a fresh interpreter with two virtual screens
def test_with_two_screens_it_opens_full_screen_on_the_other_one(tmp_path):
    config = tmp_path / "screens.json"
    screen = {"y": 0, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(
        json.dumps(
            {
                "screens": [
                    {"name": "portatil", "x": 0, "width": 1366, "height": 768, **screen},
                    {"name": "proyector", "x": 1366, "width": 1920, "height": 1080, **screen},
                ]
            }
        )
    )
    script = textwrap.dedent(
        f"""
        from PySide6.QtCore import QSettings
        from PySide6.QtWidgets import QApplication
        from mesa_desktop.services import conformation
        from mesa_desktop.store import Store
        from ui.context import AppContext
        from ui.main_window import MainWindow
        from ui.tasks import SyncRunner

        app = QApplication([])
        store = Store({str(tmp_path / "mesa.sqlite")!r}, backup=False)
        conformation.init_mesa(store, territory_code="54001", preset="territorial")
        window = MainWindow(settings=QSettings({str(tmp_path / "s.ini")!r}, QSettings.Format.IniFormat))
        window.setScreen(app.screens()[0])
        window.show()
        window.attach(AppContext(store, SyncRunner))
        window.open_room_screen()
        app.processEvents()
        room = window.room_screen
        print(window.screen().name(), room.screen().name(), room.isFullScreen())
        store.close()
        """
    )
    env = {**os.environ, "QT_QPA_PLATFORM": f"offscreen:configfile={config}"}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["portatil", "proyector", "True"]


def test_the_room_closes_with_the_store_it_shows(make_window, demo_store, today_session, qtbot):
    window = make_window(demo_store)
    window.open_room_screen()
    room = window.room_screen
    qtbot.addWidget(room)
    assert room.isVisible()
    window.detach()  # another store is being opened
    assert window.room_screen is None and not room.isVisible()

"""UI fixtures: offscreen Qt, real SQLite stores copied from templates, a synchronous runner.

Dialogs are opened with ``open()`` by the app (never a blocking ``exec()`` on the way to a
test), message boxes go through ``ui.widgets.dialogs``, which these fixtures record.
"""

from __future__ import annotations

import os

from mesa_desktop import clock

# Before any Qt import (PLATFORM.md).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from mesa_desktop.store import Store

TERRITORY = "54001"  # San José de Cúcuta


def type_text(widget, text: str) -> int:
    """Type ``text`` key by key, accents included; returns the number of keystrokes.

    ``qtbot.keyClicks`` aborts the process on non-ASCII characters (PLATFORM.md), so every
    character goes as a ``Key_unknown`` event carrying its text.
    """
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )
    return len(text)


def press(widget, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> int:
    QTest.keyClick(widget, key, modifier)
    return 1


@pytest.fixture(scope="session")
def template_stores(tmp_path_factory) -> dict[str, Path]:
    from mesa_desktop.services import conformation, demo

    root = tmp_path_factory.mktemp("ui-templates")

    def make(name: str, fill=None) -> Path:
        path = root / name / "mesa.sqlite"
        path.parent.mkdir()
        store = Store(path)
        if fill is not None:
            fill(store)
        store.close()
        return path

    def territorial(store: Store) -> None:
        conformation.init_mesa(store, territory_code=TERRITORY, preset="territorial")

    return {
        "empty": make("empty"),
        "territorial": make("territorial", territorial),
        "demo": make("demo", demo.build_demo),
    }


def _open_copy(template: Path, folder: Path) -> Store:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "mesa.sqlite"
    shutil.copy(template, target)
    return Store(target)


@pytest.fixture
def empty_store(template_stores, tmp_path):
    store = _open_copy(template_stores["empty"], tmp_path / "store")
    yield store
    store.close()


@pytest.fixture
def territorial_store(template_stores, tmp_path):
    """Cúcuta, territorial preset: 12 dependencies, 7 invited actors, nobody registered yet."""
    store = _open_copy(template_stores["territorial"], tmp_path / "store")
    yield store
    store.close()


@pytest.fixture
def demo_store(template_stores, tmp_path):
    store = _open_copy(template_stores["demo"], tmp_path / "store")
    yield store
    store.close()


class Recorder:
    """Stands in for message boxes: records errors, answers confirmations."""

    def __init__(self):
        self.errors: list[str] = []
        self.notices: list[str] = []
        self.confirmations: list[str] = []
        self.answer = True

    def show_error(self, _parent, message: str) -> None:
        self.errors.append(message)

    def confirm(self, _parent, title: str, text: str, yes: str, *, detail: str = "") -> bool:
        self.confirmations.append(f"{title}: {text}")
        return self.answer


@pytest.fixture
def dialogs(monkeypatch) -> Recorder:
    from ui.widgets import dialogs as module

    recorder = Recorder()
    monkeypatch.setattr(module, "show_error", recorder.show_error)
    monkeypatch.setattr(module, "inform", lambda _parent, title, message: recorder.notices.append(message))
    monkeypatch.setattr(module, "confirm", recorder.confirm)
    return recorder


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


def make_ctx(store):
    from ui.context import AppContext
    from ui.tasks import SyncRunner

    return AppContext(store, SyncRunner)


@pytest.fixture
def make_window(qtbot, settings, dialogs):
    """``make_window(store)``: the main window attached to ``store`` with a SyncRunner."""
    from ui.main_window import MainWindow

    def make(store):
        window = MainWindow(settings=settings)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        window.attach(make_ctx(store))
        return window

    return make


@pytest.fixture
def demo_window(make_window, demo_store):
    return make_window(demo_store)


# One delegate per dependency, in the preset's order; first letters unique so 3 letters find each.
DELEGATES = [
    "Abigaíl Contreras Peñaranda",
    "Baltasar Jaimes Ortega",
    "Celmira Pabón Sánchez",
    "Dagoberto Rincón Duarte",
    "Ernestina Quintero Ibáñez",
    "Filomena Carrascal León",
    "Gumersindo Vergel Bautista",
    "Herminia Mogollón Ruiz",
    "Isidoro Ramírez Cañas",
    "Jacinta Suárez Niño",
    "Leopoldo Gélvez Parada",
    "Maximina Ortiz Lizcano",
]
SECOND_PERSON = "Óscar Iván Sepúlveda Jaimes"  # a second person of the first dependency
INVITED_PERSON = "Nepomuceno Acevedo Maldonado"  # Migración Colombia


@pytest.fixture
def populated_store(territorial_store):
    """Territorial preset, a delegate per dependency, and a hybrid ordinary session today."""
    from datetime import timedelta

    from mesa_desktop.services import conformation, sessions
    from mesa_desktop.services.lookup import fold

    members = [d for d in conformation.list_members(territorial_store) if not d.invited]
    for dependency, name in zip(members, DELEGATES, strict=True):
        conformation.add_person(
            territorial_store,
            name,
            dependency=dependency.id,
            consent_given=True,
            email=f"{fold(name.split()[0])}@salud.gov.co",
        )
    conformation.add_person(
        territorial_store, SECOND_PERSON, dependency=members[0].id, role="alternate", consent_given=True
    )
    conformation.add_person(
        territorial_store, INVITED_PERSON, dependency="Migración Colombia", consent_given=True
    )
    today = clock.today()  # the session's day on Colombia's clock, not the machine's
    sessions.new_session(
        territorial_store,
        on=today,
        kind="ordinary",
        modality="hybrid",
        convocation_date=today - timedelta(days=15),
    )
    return territorial_store


@pytest.fixture
def attendance_page(make_window, populated_store):
    window = make_window(populated_store)
    return window.show_page("attendance")

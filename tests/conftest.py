"""The fixtures of the whole suite, core and UI, in one place.

Stores are real SQLite files built once per run from templates and copied per test, opened
with ``backup=False``: the daily copy is not what most tests look at (a module whose tests do
look at it overrides ``daily_backups``). Helpers are in ``tests/support``
(``from tests.support.<module> import …``). The bundle code and Qt are imported inside the
fixtures that need them: running one test module pays only for what it uses, and this module
imports without a display.
"""

from __future__ import annotations

import os

# Must be set before any Qt import (PLATFORM.md): without it pytest aborts with a
# misleading message about libxcb-cursor0 on machines without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("LANG", "C.UTF-8")

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from mesa_desktop.store import Store
from tests.support.ui import DELEGATES, INVITED_PERSON, SECOND_PERSON, TERRITORY


@pytest.fixture(scope="session", autouse=True)
def temporary_files_stay_in_the_run(tmp_path_factory):
    """Whatever a test, a library (openpyxl stages sheets there) or a child process writes to
    "the temporary folder" lands in this run's own folder, never in the shared /tmp."""
    folder = tmp_path_factory.getbasetemp() / "tmp"
    folder.mkdir(exist_ok=True)
    previous, previous_env = tempfile.tempdir, os.environ.get("TMPDIR")
    tempfile.tempdir = str(folder)
    os.environ["TMPDIR"] = str(folder)
    yield folder
    tempfile.tempdir = previous
    if previous_env is None:
        os.environ.pop("TMPDIR", None)
    else:
        os.environ["TMPDIR"] = previous_env


# --- territorial stores ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def template_stores(tmp_path_factory) -> dict[str, Path]:
    """The empty, territorial (Cúcuta) and demo stores, each built once per run and closed
    (which checkpoints the WAL, so copying the main file is enough)."""
    from mesa_desktop.services import conformation, demo

    root = tmp_path_factory.mktemp("templates")

    def make(name: str, fill=None) -> Path:
        path = root / name / "mesa.sqlite"
        path.parent.mkdir()
        store = Store(path, backup=False)
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


@pytest.fixture
def daily_backups() -> bool:
    """Whether the store fixtures make the daily copy when they open (override it in a module)."""
    return False


def _copy(template: Path, tmp_path: Path) -> Path:
    # In the test's own folder, which is then the store's data folder (keys, certificates).
    return Path(shutil.copy(template, tmp_path / "mesa.sqlite"))


@pytest.fixture
def empty_store(template_stores, tmp_path, daily_backups) -> Iterator[Store]:
    store = Store(_copy(template_stores["empty"], tmp_path), backup=daily_backups)
    yield store
    store.close()


@pytest.fixture
def territorial_store(template_stores, tmp_path, daily_backups) -> Iterator[Store]:
    """Cúcuta, territorial preset: 12 dependencies, 7 invited actors, nobody registered yet."""
    store = Store(_copy(template_stores["territorial"], tmp_path), backup=daily_backups)
    yield store
    store.close()


@pytest.fixture
def store(territorial_store) -> Store:
    """The core tests' name for ``territorial_store``."""
    return territorial_store


@pytest.fixture
def demo_store(template_stores, tmp_path, daily_backups) -> Iterator[Store]:
    """The demo mesa (Cúcuta, this year)."""
    store = Store(_copy(template_stores["demo"], tmp_path), backup=daily_backups)
    yield store
    store.close()


@pytest.fixture
def page_store(demo_store) -> Store:
    """The management pages' name for ``demo_store``."""
    return demo_store


@pytest.fixture
def demo_store_file(template_stores, tmp_path) -> Path:
    """A closed copy of the demo store, for the command line."""
    return _copy(template_stores["demo"], tmp_path)


@pytest.fixture
def populated_store(territorial_store):
    """Territorial preset, a delegate per dependency, and a hybrid ordinary session today."""
    from datetime import timedelta

    from mesa_desktop import clock
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


# --- the ministry's consolidation store and the bundles it imports --------------------------------


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def consolidation_backend(request, tmp_path_factory):
    """A migrated, empty consolidation store per module: a SQLite template file, or a fresh
    PostgreSQL database."""
    from tests.support import bundles

    if request.param == "sqlite":
        template = tmp_path_factory.mktemp("consolidacion") / "ministerio.sqlite"
        Store(template, backup=False).close()
        yield ("sqlite", template)
        return
    with bundles.fresh_pg_database() as url:
        Store(url, backup=False).close()
        yield ("postgresql", url)


@pytest.fixture
def ministry_store(consolidation_backend, tmp_path) -> Iterator[Store]:
    """The consolidation store, opened as the app opens it: with backups, since the importer
    copies a SQLite store into its backup folder before each import."""
    from sqlalchemy import text

    from mesa_desktop.models import Base

    kind, location = consolidation_backend
    if kind == "sqlite":
        folder = tmp_path / "ministerio"
        folder.mkdir()
        shutil.copy(location, folder / "ministerio.sqlite")
        store = Store(folder / "ministerio.sqlite")
    else:
        store = Store(location)
        names = ", ".join(f'"{table.name}"' for table in Base.metadata.sorted_tables)
        with store.engine.begin() as conn:
            conn.execute(text(f"TRUNCATE TABLE {names} CASCADE"))
    yield store
    store.close()


@pytest.fixture(scope="session")
def bundle_set(template_stores, tmp_path_factory):
    """Real bundles, made once per run (``tests.support.bundles.BundleSet``)."""
    from tests.support import bundles

    return bundles.make_bundle_set(template_stores["demo"], tmp_path_factory.mktemp("paquetes"))


@pytest.fixture(scope="module")
def snapshot(bundle_set, tmp_path_factory):
    """The export's snapshot of the focal point's store of ``bundle_set``."""
    from mesa_desktop.bundle import export
    from tests.support import bundles

    store = bundles.copy_store(bundle_set.territorial_file, tmp_path_factory.mktemp("instantanea"))
    try:
        return export.collect_snapshot(store)
    finally:
        store.close()


# --- the desktop app (Qt, imported inside each fixture) ------------------------------------------


@pytest.fixture
def dialogs(monkeypatch):
    """Message boxes replaced by a ``Recorder`` of errors, notices and confirmations."""
    from tests.support.ui import Recorder
    from ui.widgets import dialogs as module

    recorder = Recorder()
    monkeypatch.setattr(module, "show_error", recorder.show_error)
    monkeypatch.setattr(module, "inform", lambda _parent, title, message: recorder.notices.append(message))
    monkeypatch.setattr(module, "confirm", recorder.confirm)
    return recorder


@pytest.fixture
def settings(tmp_path):
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, settings, dialogs):
    """``make_window(store)``: the main window attached to ``store`` with a SyncRunner."""
    from tests.support.ui import make_ctx
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


@pytest.fixture
def attendance_page(make_window, populated_store):
    window = make_window(populated_store)
    return window.show_page("attendance")


@pytest.fixture
def page_ctx(page_store, qtbot):
    """An AppContext on the demo store with the synchronous runner; ``ctx.errors`` collects errors."""
    from tests.support.ui import make_ctx

    ctx = make_ctx(page_store)
    ctx.errors = []
    ctx.messages = []
    ctx.error.connect(ctx.errors.append)
    ctx.status.connect(ctx.messages.append)
    return ctx

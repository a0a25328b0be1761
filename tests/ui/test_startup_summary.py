"""Start-up from the summary: the home page shows the mesa's data before the store (and
SQLAlchemy) is loaded, then becomes the real page and shows the store's current data; a
summary that is stale, corrupt or for another page is never shown (issue 11, item 6)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest

from mesa_desktop import clock, summary
from mesa_desktop.services import conformation

NEW_FOCAL_POINT = "Rosalba Contreras Jaimes"


@pytest.fixture
def kept(make_window, demo_store):
    """The demo store with the summary its home page wrote (the window is then closed)."""
    window = make_window(demo_store)
    assert window.current_key() == "home"
    window.close()
    assert summary.read(demo_store.file, clock.today()) is not None
    return demo_store


@pytest.fixture
def starting(qtbot, settings):
    """``starting(store)``: a new window and its application, before the store is opened."""
    from ui.app import Application
    from ui.main_window import MainWindow

    made = []

    def make(store):
        window = MainWindow(settings=settings)
        qtbot.addWidget(window)
        window.resize(1366, 768)
        window.show()
        controller = Application(window, str(store.file))
        made.append(controller)
        return window, controller

    yield make
    for controller in made:
        controller.close_store()


def test_the_home_page_shows_the_summary_then_the_store(qtbot, kept, starting):
    window, controller = starting(kept)
    ready = []
    window.ready.connect(lambda: ready.append(True))
    page = controller.show_summary()
    assert page is not None and window.stack.currentWidget() is page
    assert ready == [True]  # the mesa's data are on screen: the start-up's "ready"
    assert page.members_card.value.text() == "12"
    assert page.quorum_card.value.text().endswith(" de 12")
    assert "Marcela Jaimes Villamizar" in page.subtitle.text()
    assert window.windowTitle().startswith("Mesa técnica territorial de migración y salud de San José")
    assert not window.navigation.isEnabled()  # nothing to open before the store is
    page.overdue_card.link.click()  # a link before the store opens does nothing
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.was_painted, timeout=10000)
    qtbot.waitUntil(lambda: bool(window.menus["file"].actions()), timeout=10000)  # menus after it

    # Another program changes the store after the summary was read, before it opens here.
    conformation.update_mesa(kept, focal_point_name=NEW_FOCAL_POINT)
    assert controller.open_store()
    qtbot.waitUntil(lambda: NEW_FOCAL_POINT in page.subtitle.text(), timeout=10000)
    assert window.page("home") is page and window.stack.currentWidget() is page
    assert window.navigation.isEnabled()
    qtbot.waitUntil(lambda: page.standing is not None, timeout=20000)
    assert page.compliance_card.value.text() != "—"
    controller.close_store()
    # The page wrote the summary of what it shows now.
    content = summary.read(kept.file, clock.today())
    assert content is not None and NEW_FOCAL_POINT in content["subtitle"]


def test_closing_keeps_the_days_ahead_for_the_next_starts(qtbot, kept, starting, monkeypatch):
    from mesa_desktop.operations.dashboard import dashboard_view
    from ui.pages.dashboard import overview_content

    window, controller = starting(kept)
    assert controller.open_store()
    qtbot.waitUntil(lambda: window.current_key() == "home", timeout=10000)
    controller.close_store()
    today = clock.today()
    ahead = today + timedelta(days=summary.DAYS_AHEAD - 1)
    assert summary.days_kept(kept.file) >= {today, ahead}
    assert json.loads(json.dumps(overview_content(dashboard_view(kept, ahead)))) == summary.read(
        kept.file, ahead
    )
    # Tomorrow's first start paints from it.
    monkeypatch.setenv("MESA_TODAY", (today + timedelta(days=1)).isoformat())
    window, controller = starting(kept)
    assert controller.show_summary() is not None
    monkeypatch.setenv("MESA_TODAY", (today + timedelta(days=summary.DAYS_AHEAD)).isoformat())
    window, controller = starting(kept)
    assert controller.show_summary() is None  # beyond the days kept: the normal path


def test_a_stale_summary_is_not_shown_and_closing_brings_it_up_to_date(qtbot, kept, starting, settings):
    conformation.update_mesa(kept, focal_point_name=NEW_FOCAL_POINT)
    window, controller = starting(kept)
    assert controller.show_summary() is None
    assert window.stack.currentWidget() is window.loading and window.stack.count() == 1
    settings.setValue("window/page", "sessions")  # the home page is not loaded in this run
    assert controller.open_store()
    qtbot.waitUntil(lambda: window.current_key() == "sessions", timeout=10000)
    assert summary.read(kept.file, clock.today()) is None  # still the old one
    controller.close_store()
    content = summary.read(kept.file, clock.today())
    assert content is not None and NEW_FOCAL_POINT in content["subtitle"]


def test_a_summary_that_does_not_fit_is_not_shown(kept, starting):
    path = summary.summary_path(kept.file)
    record = json.loads(path.read_text(encoding="utf-8"))
    record["days"][clock.today().isoformat()] = {"mesa": "Mesa"}  # no cards
    path.write_text(json.dumps(record), encoding="utf-8")
    window, controller = starting(kept)
    assert controller.show_summary() is None
    assert window.stack.currentWidget() is window.loading and window.stack.count() == 1
    path.write_text('{"format": 2, "days": {', encoding="utf-8")  # torn
    assert controller.show_summary() is None


def test_no_summary_when_the_window_opens_on_another_page(kept, starting, settings):
    settings.setValue("window/page", "attendance")
    window, controller = starting(kept)
    assert controller.show_summary() is None
    assert window.stack.currentWidget() is window.loading


def test_a_store_without_its_mesa_drops_the_summary_page(qtbot, kept, starting, tmp_path):
    """A summary shown, then the store turns out not to show it: the page goes away."""
    window, controller = starting(kept)
    page = controller.show_summary()
    assert page is not None
    controller.location = str(tmp_path / "otra" / "mesa.sqlite")  # a folder that does not exist
    assert not controller.open_store()
    assert window.stack.currentWidget() is window.loading and window.stack.count() == 1


@pytest.mark.slow  # over a second: a fresh interpreter imports Qt and the window
def test_the_summary_shows_before_sqlalchemy_is_imported(kept):
    script = (
        "import sys\n"
        "from ui.app import Application, make_application\n"
        "from ui.main_window import MainWindow\n"
        "app = make_application(['mesa-desktop'])\n"
        "window = MainWindow()\n"
        "page = Application(window, sys.argv[1]).show_summary()\n"
        "print(page is not None, page.members_card.value.text() if page else '',"
        " 'sqlalchemy' in sys.modules)\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_CONFIG_HOME=str(kept.file.parent / "config"))
    result = subprocess.run(
        [sys.executable, "-c", script, str(kept.file)], capture_output=True, text=True, env=env, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "12", "False"]

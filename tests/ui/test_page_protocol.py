"""kit.Page, the one page protocol: a hidden page only remembers it is stale, a visible one
reloads at once; a partial reload asked with when_shown runs once when the page is shown."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from mesa_desktop.services.changes import Topic, changed
from ui.context import AppContext
from ui.pages import page_kit as kit
from ui.tasks import SyncRunner


class CountingPage(kit.Page):
    TOPICS = ("members",)

    def __init__(self, ctx):
        super().__init__(ctx)
        self.loads = 0
        self.parts: list[str] = []

    def load(self) -> None:
        self.ctx.call(lambda _store: None, done=self._loaded)

    def _loaded(self, _value) -> None:
        self.loads += 1
        self.mark_loaded()

    def topic_changed(self, topic: str) -> None:
        if topic == "attendance":
            self.when_shown("snapshot", lambda: self.parts.append("snapshot"))
        else:
            super().topic_changed(topic)


def write(_store):
    return changed("hecho", Topic.MEMBERS, Topic.ATTENDANCE)


def test_stale_pages_reload_when_shown_and_partial_reloads_run_once(qtbot):
    ctx = AppContext(None, SyncRunner)
    page = CountingPage(ctx)
    qtbot.addWidget(page)
    with qtbot.waitSignal(page.loaded):
        page.show()
    assert page.loads == 1

    done = []
    ctx.call(write, done=done.append)  # visible: the whole page and the part reload now
    assert done == ["hecho"] and page.loads == 2 and page.parts == ["snapshot"]

    page.hide()
    ctx.call(write)
    ctx.call(write)  # hidden: nothing reloads, and the part is asked once per key
    ctx.changed.emit("sessions")  # a topic the page does not show
    assert page.loads == 2 and page.parts == ["snapshot"]
    page.show()
    assert page.loads == 3 and page.parts == ["snapshot", "snapshot"]
    page.hide()
    page.show()  # nothing changed meanwhile
    assert page.loads == 3 and page.parts == ["snapshot", "snapshot"]

"""Garbage cycles holding Qt objects are collected on the GUI thread, never on a worker."""

from __future__ import annotations

import gc
import threading

from PySide6.QtCore import QObject

from ui.tasks import GuiThreadCollector, ThreadRunner


def test_with_worker_threads_cycles_are_collected_on_the_gui_thread(qtbot):
    runner = ThreadRunner(lambda message: None)
    assert not gc.isenabled()  # no automatic collection on whichever thread allocates
    try:
        destroyed_on: list[str] = []

        def make_garbage_cycle() -> None:
            holder: dict[str, object] = {}
            thing = QObject()
            thing.destroyed.connect(lambda: destroyed_on.append(threading.current_thread().name))
            holder["self"] = holder
            holder["thing"] = thing

        make_garbage_cycle()
        # A worker allocates a lot, as an import does; its allocations trigger no collection.
        runner.db(lambda: [[i] for i in range(200_000)])
        runner.wait()
        assert destroyed_on == []
        alive = [[] for _ in range(2 * gc.get_threshold()[0])]  # over the youngest threshold
        qtbot.waitUntil(lambda: bool(destroyed_on), timeout=5000)  # the collector's next tick
        del alive
        assert destroyed_on == [threading.main_thread().name]
    finally:
        runner.wait()


def test_the_collector_is_installed_once(qtbot):
    ThreadRunner(lambda message: None)
    ThreadRunner(lambda message: None)
    from PySide6.QtCore import QCoreApplication

    assert len(QCoreApplication.instance().findChildren(GuiThreadCollector)) == 1

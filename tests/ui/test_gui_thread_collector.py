"""Garbage cycles holding Qt objects are collected on the GUI thread, never on a worker."""

from __future__ import annotations

import gc
import weakref

from PySide6.QtCore import QCoreApplication, QObject

from ui.tasks import GuiThreadCollector, ThreadRunner


class _Holder:
    pass


def test_a_worker_thread_never_collects_and_the_gui_thread_collector_runs(qtbot):
    runner = ThreadRunner(lambda message: None)
    assert not gc.isenabled()  # no automatic collection on whichever thread allocates
    try:

        def make_garbage_cycle() -> weakref.ref[_Holder]:
            holder = _Holder()
            holder.itself = holder  # a cycle: only the cycle collector frees it
            holder.thing = QObject()
            return weakref.ref(holder)

        cycle = make_garbage_cycle()
        # A worker allocates a lot, as an import does: its allocations collect nothing.
        runner.db(lambda: [[i] for i in range(200_000)])
        runner.wait()
        assert cycle() is not None
        (collector,) = QCoreApplication.instance().findChildren(GuiThreadCollector)
        assert collector._timer.isActive() and collector._timer.interval() == GuiThreadCollector.INTERVAL_MS
        gc.collect()  # what the collector's tick does on the GUI thread
        assert cycle() is None
    finally:
        runner.wait()


def test_the_collector_is_installed_once(qtbot):
    ThreadRunner(lambda message: None)
    ThreadRunner(lambda message: None)
    assert len(QCoreApplication.instance().findChildren(GuiThreadCollector)) == 1

"""Garbage cycles holding Qt objects are collected on the GUI thread, never on a worker."""

from __future__ import annotations

import gc
import threading
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


class _Cancel:
    """Stands for the import's cancel event: an object connected to a dialog's signal."""

    def set(self) -> None:
        pass


def test_a_jobs_closures_are_released_on_the_gui_thread(qtbot):
    """The last reference to what a job's closure holds drops on the GUI thread, not the worker.

    A cancel event connected to a progress dialog and dropped on the worker made PySide
    disconnect it there, while the GUI thread closed the dialog: the ministry import hung.
    """
    runner = ThreadRunner(lambda message: None)
    released_on: list[int] = []
    emitter = QObject()
    cancel = _Cancel()
    emitter.destroyed.connect(cancel.set)
    watch = weakref.ref(cancel, lambda _ref: released_on.append(threading.get_ident()))
    delivered: list[object] = []

    def job(held=cancel) -> str:
        return "hecho"

    runner.db(job, delivered.append)
    del job, cancel
    runner.wait()
    qtbot.waitUntil(lambda: delivered == ["hecho"], timeout=5000)
    assert watch() is None
    assert released_on == [threading.get_ident()]
    del emitter

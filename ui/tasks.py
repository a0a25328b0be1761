"""Running core work off the GUI thread.

Database work goes to one single-thread pool so writes never race; file work (PDFs, exports,
imports) goes to a general pool. Results come back to the GUI thread through a signal.
Workers receive ids and plain values, never widgets or ORM rows. Tests use ``SyncRunner``.
"""

from __future__ import annotations

import gc
import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

from mesa_desktop.errors import MesaError

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[str], None]


def describe(error: BaseException) -> str:
    """The Spanish message shown to a person; details go to the log only."""
    if isinstance(error, MesaError):
        return str(error)
    log.error("Unexpected error:\n%s", "".join(traceback.format_exception(error)))
    return (
        "Ocurrió un error inesperado y la acción no se completó. Sus datos guardados no se "
        "modificaron. Si se repite, use «Ayuda › Copiar diagnóstico» y envíelo al soporte."
    )


class _Relay(QObject):
    finished = Signal(object)  # the job's parcel: [fn, done, failed, result, error]


class _Job(QRunnable):
    """One call on a pool thread whose closures are released on the GUI thread.

    A closure may hold the last reference to an object connected to a Qt signal (the import's
    cancel event is connected to its progress dialog). Dropped here, PySide would disconnect it
    on this thread while the GUI thread closes the dialog: a deadlock (the GIL against Qt's
    connection lock) or a crash. So nothing stays on this side: the job's references travel in
    one list with the outcome, and the GUI thread empties it.
    """

    def __init__(self, relay: _Relay, fn: Callable[[], Any], done: Done | None, failed: Failed | None):
        super().__init__()
        self._relay = relay
        self._parcel: list[Any] | None = [fn, done, failed]

    def run(self) -> None:
        parcel, self._parcel = self._parcel, None
        assert parcel is not None
        try:
            parcel.append(parcel[0]())
            parcel.append(None)
        except BaseException as error:
            parcel.extend((None, error))
        self._relay.finished.emit(parcel)


class GuiThreadCollector(QObject):
    """Python's cycle collector, run only on the GUI thread.

    Automatic collection runs on whichever thread happens to allocate. On a worker thread it
    would destroy the Qt objects held in garbage cycles (a closed page, an old context) off the
    GUI thread, which crashes Qt. So once worker threads exist, automatic collection is off and
    this timer collects, with the interpreter's own thresholds, on the GUI thread (the pattern
    PyQt applications such as Anki and calibre use).
    """

    INTERVAL_MS = 500

    def __init__(self, parent: QObject):
        super().__init__(parent)
        self._thresholds = gc.get_threshold()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.setInterval(self.INTERVAL_MS)
        self._timer.timeout.connect(self.collect)
        self._timer.start()

    def collect(self) -> None:
        counts = gc.get_count()
        for generation in (2, 1, 0):
            if counts[generation] > self._thresholds[generation]:
                gc.collect(generation)
                return

    @classmethod
    def install(cls) -> None:
        """Once per application, on the GUI thread (where the application object lives)."""
        app = QCoreApplication.instance()
        if app is not None and app.findChild(cls) is None:
            cls(app)


class ThreadRunner(QObject):
    """Production runner: a single-thread database pool and a general file-work pool."""

    busy_changed = Signal(bool)

    def __init__(self, on_error: Failed, parent: QObject | None = None):
        super().__init__(parent)
        GuiThreadCollector.install()
        self._on_error = on_error
        self._db_pool = QThreadPool(self)
        self._db_pool.setMaxThreadCount(1)
        self._file_pool = QThreadPool(self)
        self._file_pool.setMaxThreadCount(2)
        self._relay = _Relay()
        self._relay.finished.connect(self._deliver)
        self._pending = 0

    def db(self, fn: Callable[[], Any], done: Done | None = None, failed: Failed | None = None) -> None:
        self._start(self._db_pool, fn, done, failed)

    def files(self, fn: Callable[[], Any], done: Done | None = None, failed: Failed | None = None) -> None:
        self._start(self._file_pool, fn, done, failed)

    def _start(self, pool: QThreadPool, fn, done, failed) -> None:
        self._pending += 1
        if self._pending == 1:
            self.busy_changed.emit(True)
        pool.start(_Job(self._relay, fn, done, failed))

    @Slot(object)
    def _deliver(self, parcel: list[Any]) -> None:
        _fn, done, failed, result, error = parcel
        parcel.clear()  # the last references drop here, on the GUI thread
        self._pending -= 1
        if self._pending == 0:
            self.busy_changed.emit(False)
        if error is not None:
            (failed or self._on_error)(describe(error))
        elif done is not None:
            done(result)

    def wait(self, msecs: int = 30000) -> None:
        self._db_pool.waitForDone(msecs)
        self._file_pool.waitForDone(msecs)


class SyncRunner(QObject):
    """Test runner: does the work at once on the calling thread, same callbacks."""

    busy_changed = Signal(bool)

    def __init__(self, on_error: Failed, parent: QObject | None = None):
        super().__init__(parent)
        self._on_error = on_error

    def db(self, fn, done: Done | None = None, failed: Failed | None = None) -> None:
        try:
            result = fn()
        except BaseException as error:
            (failed or self._on_error)(describe(error))
        else:
            if done is not None:
                done(result)

    files = db

    def wait(self, msecs: int = 0) -> None:
        pass

"""What every screen shares: the store, the task runner, and the "what changed" broadcast."""

from __future__ import annotations

import weakref

from PySide6.QtCore import QObject, Signal

from mesa_desktop.services.changes import Changed, Topic
from mesa_desktop.store import Store

# Topics a mutation announces; each view refreshes only for the topics it shows.
TOPICS = tuple(Topic)


class AppContext(QObject):
    """Created once per opened store and handed to every page.

    ``changed(topic)`` is emitted on the GUI thread after a service call that changed data,
    so every view decides whether to refresh (the Anki pattern: mutations say what changed).
    ``error(message)`` shows a Spanish message to the user (the main window owns the dialog).
    """

    changed = Signal(str)
    error = Signal(str)
    status = Signal(str)  # short, transient status-bar messages

    def __init__(self, store: Store, runner_factory, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        # The runner must not hold the context (a reference cycle would leave it to Python's
        # cycle collector, which may run on a worker thread and destroy Qt objects there).
        this = weakref.ref(self)

        def report(message: str) -> None:
            context = this()
            if context is not None:
                context.error.emit(message)

        self.runner = runner_factory(report)

    def call(self, service, *args, done=None, failed=None, **kwargs) -> None:
        """Run ``service(self.store, *args, **kwargs)`` on the database thread.

        On success, ``done(value)`` runs on the GUI thread, then what changed is broadcast: a
        write is an operation (``mesa_desktop.operations``) returning ``Changed(value, topics)``,
        ``done`` gets the value and its topics are announced. A read returns plain data and
        announces nothing.
        """

        def finished(result) -> None:
            announced: tuple[str, ...] = ()
            if isinstance(result, Changed):
                announced = tuple(sorted(result.topics))
                result = result.value
            if done is not None:
                done(result)
            for topic in announced:
                self.changed.emit(str(topic))

        self.runner.db(lambda: service(self.store, *args, **kwargs), finished, failed)

    def work(self, fn, *args, done=None, failed=None, **kwargs) -> None:
        """Run file work (PDF, export, import, backup) on the general pool."""
        self.runner.files(lambda: fn(*args, **kwargs), done, failed)

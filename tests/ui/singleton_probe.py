"""Count references to ``None``, ``True`` and ``False`` around the Qt paths the app uses.

Run as a script (``python tests/ui/singleton_probe.py``) by ``test_singleton_refcounts.py``:
a binding that returns a singleton without taking a reference (PySide6 6.12.0 did, from
``emit()`` and every ``void`` method) makes CPython 3.11 abort the whole process once a count
reaches zero, so the probe runs in a child process and prints one JSON object:
``{probe: {"None": delta, "True": delta, "False": delta}}`` after ``REPEAT`` rounds each.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
)

REPEAT = int(os.environ.get("PROBE_REPEAT", "2000"))
MODEL_REFRESHES = int(os.environ.get("PROBE_MODEL_REFRESHES", "300"))
SINGLETONS = {"None": None, "True": True, "False": False}


def counts() -> dict[str, int]:
    gc.collect()
    return {name: sys.getrefcount(value) for name, value in SINGLETONS.items()}


def measure(times: int, action) -> dict[str, int]:
    action()  # warm caches (method lookups, lazily built wrappers) outside the count
    before = counts()
    for _ in range(times):
        action()
    after = counts()
    return {name: after[name] - before[name] for name in SINGLETONS}


class Source(QObject):
    bare = Signal()
    text = Signal(str)
    anything = Signal(object)
    flag = Signal(bool)
    triple = Signal(object, object, object)


class Sink(QObject):
    def __init__(self):
        super().__init__()
        self.calls = 0

    @Slot(object, object, object)
    def take(self, _a, _b, _c) -> None:
        self.calls += 1

    @Slot(bool)
    def flag(self, value: bool) -> bool:
        self.calls += 1
        return value


class Table(QAbstractTableModel):
    """A Python model that answers ``None`` for most roles, as the national view does."""

    def __init__(self):
        super().__init__()
        self.rows = 40

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else self.rows

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: B008 - Qt API
        return 0 if parent.isValid() else 5

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row()}·{index.column()}"
        if role == Qt.ItemDataRole.CheckStateRole and index.column() == 4:
            return Qt.CheckState.Checked if index.row() % 2 else Qt.CheckState.Unchecked
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        return f"C{section}" if role == Qt.ItemDataRole.DisplayRole else None

    def refresh(self) -> None:
        self.beginResetModel()
        self.rows = 40 if self.rows != 40 else 41
        self.endResetModel()


def main() -> None:
    app = QApplication(sys.argv[:1])
    results: dict[str, dict[str, int]] = {}
    source, sink = Source(), Sink()

    # Signals: unconnected, to lambdas, to decorated slots, across threads (the runner's relay).
    results["emit, no receiver"] = measure(REPEAT, source.bare.emit)
    source.text.connect(lambda _topic: None)
    results["emit(str) to a lambda"] = measure(REPEAT, lambda: source.text.emit("attendance"))
    source.anything.connect(lambda _value: None)
    results["emit(None) to a lambda"] = measure(REPEAT, lambda: source.anything.emit(None))
    source.flag.connect(sink.flag)
    results["emit(bool) to a slot returning bool"] = measure(REPEAT, lambda: source.flag.emit(False))
    source.triple.connect(sink.take)
    results["emit(None, True, None) to a slot"] = measure(
        REPEAT, lambda: source.triple.emit(None, True, None)
    )
    timer = QTimer()
    timer.setSingleShot(True)
    results["QTimer.start / stop"] = measure(REPEAT, lambda: (timer.start(60_000), timer.stop()))

    # Widget calls that return void or bool, as every screen makes them.
    label, line, button = QLabel(), QLineEdit(), QPushButton()
    results["QLabel.setText / setVisible / setProperty"] = measure(
        REPEAT, lambda: (label.setText("✓"), label.setVisible(True), label.setProperty("state", "ok"))
    )
    results["QLabel.property of a missing name"] = measure(REPEAT, lambda: label.property("absent"))
    results["QLineEdit.clear / setFocus / hasFocus"] = measure(
        REPEAT, lambda: (line.clear(), line.setFocus(), line.hasFocus())
    )
    results["QPushButton.setEnabled / isEnabled"] = measure(
        REPEAT, lambda: (button.setEnabled(True), button.isEnabled(), button.setEnabled(False))
    )
    results["processEvents"] = measure(REPEAT, app.processEvents)

    # Item widgets refilled as the attendance screen does after every check-in.
    table = QTableWidget(12, 5)
    table.show()

    def refill_table() -> None:
        for row in range(12):
            for column in range(5):
                item = QTableWidgetItem("Sandra Milena")
                item.setData(Qt.ItemDataRole.UserRole, row)
                item.setForeground(QColor("#8a949e"))
                item.setToolTip("Secretaría de Salud")
                table.setItem(row, column, item)
        table.selectRow(3)
        table.item(0, 0).data(Qt.ItemDataRole.UserRole + 7)  # a role never set: None
        app.processEvents()

    results["QTableWidget refill + paint"] = measure(MODEL_REFRESHES, refill_table)
    results_list = QListWidget()
    results_list.show()

    def refill_list() -> None:
        results_list.clear()
        for row in range(8):
            item = QListWidgetItem(f"Persona {row}\nDelegado(a) · Salud")
            item.setData(Qt.ItemDataRole.UserRole, row)
            results_list.addItem(item)
        results_list.addItem("Nadie coincide.")
        results_list.setCurrentRow(0)
        app.processEvents()

    results["QListWidget refill + paint"] = measure(MODEL_REFRESHES, refill_list)

    # A Python model behind a sort/filter proxy and a painted view (the national view's shape).
    model = Table()
    proxy = QSortFilterProxyModel()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.resize(800, 600)
    view.show()

    def refresh_model() -> None:
        model.refresh()
        proxy.sort(0, Qt.SortOrder.DescendingOrder)
        app.processEvents()

    results["Python model reset + proxy sort + paint"] = measure(MODEL_REFRESHES, refresh_model)

    # The app's own plumbing: AppContext.call through the production ThreadRunner.
    from mesa_desktop.services.changes import Topic, changed
    from mesa_desktop.store import Store
    from ui.context import AppContext
    from ui.tasks import ThreadRunner

    with tempfile.TemporaryDirectory() as folder:
        store = Store(Path(folder) / "mesa.sqlite")
        ctx = AppContext(store, ThreadRunner)
        delivered = [0]
        ctx.changed.connect(lambda _topic: None)

        def arrived(_result) -> None:
            delivered[0] += 1

        def round_trip() -> None:
            expected = delivered[0] + 1
            ctx.call(lambda _store: changed(None, Topic.ATTENDANCE, Topic.ACTAS), done=arrived)
            while delivered[0] < expected:
                QCoreApplication.processEvents()

        results["AppContext.call on the ThreadRunner"] = measure(REPEAT // 4, round_trip)
        ctx.runner.wait()
        store.close()

    print(json.dumps(results))


if __name__ == "__main__":
    main()

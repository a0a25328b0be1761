"""Helpers of the desktop-app tests: keystrokes, contexts, page display, and the people the UI
fixtures register. Qt is imported inside the helpers, so ``tests/conftest.py`` can import the
names below without loading Qt.

Dialogs are opened with ``open()`` by the app (never a blocking ``exec()`` on the way to a
test); message boxes go through ``ui.widgets.dialogs``, which the ``dialogs`` fixture records.
"""

from __future__ import annotations

TERRITORY = "54001"  # San José de Cúcuta

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


def type_text(widget, text: str) -> int:
    """Type ``text`` key by key, accents included; returns the number of keystrokes.

    ``qtbot.keyClicks`` aborts the process on non-ASCII characters (PLATFORM.md), so every
    character goes as a ``Key_unknown`` event carrying its text.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )
    return len(text)


def press(widget, key, modifier=None) -> int:
    """One key click (``modifier`` defaults to none); returns the number of keystrokes."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClick(widget, key, Qt.KeyboardModifier.NoModifier if modifier is None else modifier)
    return 1


def make_ctx(store):
    """An AppContext on ``store`` whose work runs synchronously on the calling thread."""
    from ui.context import AppContext
    from ui.tasks import SyncRunner

    return AppContext(store, SyncRunner)


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


def show(qtbot, page):
    """Add a page to qtbot, show it at the smallest supported window size, wait for its data."""
    qtbot.addWidget(page)
    page.resize(1120, 680)  # 1366×768 minus the navigation bar and window chrome
    page.show()
    return page


def table_texts(table, column: int = 0) -> list[str]:
    return [table.item(row, column).text() for row in range(table.rowCount())]

"""One clock and one format on every screen: es-CO 12-hour ("1:18 p. m.") on Colombia's clock.

The demo mesa's screens are walked and every visible text (labels, buttons, fields, time
editors, table cells, rich text) is searched for a 24-hour time such as "13:24".
"""

from __future__ import annotations

import re

import pytest

from ui import pages as registry

# "13:24" or "09:05" with no "a. m."/"p. m." after it (any of the spaces Babel or we use).
TWENTY_FOUR_HOUR = re.compile(
    r"(?<![\d:])\d{1,2}:\d{2}(?![\d:])(?![\s\u00a0\u202f]*[ap]\.[\s\u00a0\u202f]*m\.)"
)
# The live attendance screen is another change's; the ministry's screen is not a mesa's.
SKIPPED = {"attendance", "ministry"}


def visible_texts(root) -> list[str]:
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QAbstractSpinBox,
        QComboBox,
        QLabel,
        QLineEdit,
        QPlainTextEdit,
        QTextEdit,
        QWidget,
    )

    texts: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel | QAbstractButton | QLineEdit | QAbstractSpinBox):
            texts.append(widget.text())
        elif isinstance(widget, QComboBox):
            texts.extend(widget.itemText(i) for i in range(widget.count()))
        elif isinstance(widget, QTextEdit | QPlainTextEdit):
            texts.append(widget.toPlainText())
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model keeps columnCount private: one column
                columns = 1
            for row in range(min(model.rowCount(QModelIndex()), 200)):
                for column in range(columns):
                    texts.append(str(model.index(row, column).data(Qt.ItemDataRole.DisplayRole) or ""))
    return texts


def twenty_four_hour_times(texts: list[str]) -> list[str]:
    return [text for text in texts if TWENTY_FOUR_HOUR.search(text)]


def test_the_pattern_tells_the_two_formats_apart():
    assert twenty_four_hour_times(["Llegó a las 13:24", "Sesión 003-2026, 09:00"]) == [
        "Llegó a las 13:24",
        "Sesión 003-2026, 09:00",
    ]
    assert (
        twenty_four_hour_times(["1:18\u00a0p.\u00a0m.", "9:05 a. m.", "3:44\u202fp.\u202fm.", "7 de 12"])
        == []
    )


@pytest.mark.slow  # over a second: builds every screen of the demo mesa
def test_no_screen_shows_a_24_hour_time(demo_window, qtbot):
    found: dict[str, list[str]] = {}
    for spec in registry.PAGES:
        if spec.key in SKIPPED or not spec.built:
            continue
        page = demo_window.show_page(spec.key)
        qtbot.wait(10)
        texts = visible_texts(demo_window)
        if spec.key == "acta":  # the autosave line, once a text is saved
            page.opening_notes.setPlainText(page.opening_notes.toPlainText() + " ")
            page.flush()
            assert page.saved_label.text().startswith("Guardado automáticamente a las ")
            texts += visible_texts(demo_window)
        if spec.key == "sessions":  # the new-session dialog's start and end times
            page.new_button.click()
            texts += visible_texts(page.dialog)
            page.dialog.reject()
        if wrong := twenty_four_hour_times(texts):
            found[spec.key] = wrong
    assert found == {}


def test_the_autosave_time_is_colombias_whatever_the_laptops_zone(make_window, populated_store, monkeypatch):
    import time

    from mesa_desktop import clock, formatting
    from mesa_desktop.services import sessions

    monkeypatch.setenv("TZ", "Asia/Tokyo")  # 14 hours ahead of Colombia
    time.tzset()
    try:
        window = make_window(populated_store)
        page = window.show_page("acta", sessions.list_sessions(populated_store)[0].id)
        before = formatting.hour(clock.utcnow())
        page.opening_notes.setPlainText("Se instala la sesión.")
        page.flush()
        after = formatting.hour(clock.utcnow())
        assert page.saved_label.text() in {
            f"Guardado automáticamente a las {before}",
            f"Guardado automáticamente a las {after}",
        }
    finally:
        monkeypatch.undo()
        time.tzset()

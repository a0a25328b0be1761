"""Keyboard-first people search: the index (pure Python) and the search box that drives it.

The attendance screen loads everyone once per session or refresh and filters in memory on
every keystroke: each query word must start some word of the person's name, dependency or
entity, accents and case ignored ("jose gre" finds "José Gregorio Pabón").
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from mesa_desktop import person_codes
from mesa_desktop.services.lookup import fold

_NON_WORD = re.compile(r"[^\w]+")
# Two halves of four letters or digits, with at most one mark between them: a scanner types the
# hyphen with the keyboard layout of the machine, which may turn it into ' or ? (Latin American).
_CODE_SHAPE = re.compile(r"([0-9A-Za-z]{4})([^0-9A-Za-z\s]?)([0-9A-Za-z]{4})")


def scanned_code(text: str) -> str | None:
    """The personal check-in code ``text`` holds (``XXXX-XXXX``), or ``None`` for a name.

    Eight letters without a separator could be the start of a name ("carrasca"): without the
    separator a code needs a digit."""
    shape = _CODE_SHAPE.fullmatch(text.strip())
    if shape is None:
        return None
    first, mark, second = shape.groups()
    if not mark and not any(ch.isdigit() for ch in first + second):
        return None
    return person_codes.normalize(first + second)


def words_of(*texts: str | None) -> str:
    """Folded words of ``texts`` as " w1 w2 … " so a prefix test is one substring test."""
    joined = " ".join(t for t in texts if t)
    return " " + _NON_WORD.sub(" ", fold(joined)).strip() + " "


@dataclass(frozen=True)
class _Entry:
    person: Any  # conformation.PersonInfo
    name_words: str
    all_words: str


class PeopleIndex:
    """Everyone who can be checked in, searchable by any word prefix."""

    def __init__(self, people: Iterable = ()):
        self._entries = [
            _Entry(p, words_of(p.full_name), words_of(p.full_name, p.dependency_name, p.entity))
            for p in people
        ]

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def people(self) -> list:
        return [entry.person for entry in self._entries]

    def search(self, query: str, *, limit: int = 8, present: Collection[uuid.UUID] = ()) -> list:
        """Best matches first: name matches before dependency matches, absent before present."""
        tokens = [" " + t for t in _NON_WORD.sub(" ", fold(query)).split()]
        if not tokens:
            return []
        ranked = []
        for entry in self._entries:
            haystack = entry.all_words
            if all(t in haystack for t in tokens):
                by_name = all(t in entry.name_words for t in tokens)
                first = entry.name_words.find(tokens[0]) if by_name else 999
                ranked.append((not by_name, entry.person.id in present, first, entry.name_words, entry))
        ranked.sort(key=lambda row: row[:4])
        return [row[4].person for row in ranked[:limit]]


class SearchBox(QLineEdit):
    """A line edit that also steers a result list: ↑/↓ move, Enter accepts, Esc clears, Ctrl+Z undoes."""

    moved = Signal(int)
    accepted = Signal()
    undo_requested = Signal()  # Ctrl+Z in an empty box: undo the last check-in, not the typing

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bigSearch")
        self.setClearButtonEnabled(True)

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5, Qt.Key.Key_PageUp: -5}[key]
            self.moved.emit(step)
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.accepted.emit()
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.Undo) and not self.text():
            self.undo_requested.emit()
            event.accept()
            return
        if key == Qt.Key.Key_Escape and self.text():
            self.clear()
            event.accept()
            return
        super().keyPressEvent(event)


def is_text_input(widget: QObject) -> bool:
    """Whether ``widget`` takes typed text itself (a time edit, a line edit, an editable combo)."""
    if isinstance(widget, QComboBox):
        return widget.isEditable()
    return isinstance(widget, (QLineEdit, QAbstractSpinBox, QTextEdit, QPlainTextEdit))


class TypeToSearch(QObject):
    """Sends the keys typed into the widgets of a screen to its search box.

    Installed on every widget of the screen but the box: a printable key typed while the focus
    is on a table, a button or a check box goes to the box, which takes the focus (a USB code
    scanner types into whatever has it); Enter, Backspace and Space follow when the box already
    holds something, so a scanned code or a name in two words arrives whole; Esc clears the box
    anywhere. Real text inputs keep their keys, and so do shortcuts (Ctrl/Alt) and the arrows.
    """

    def __init__(self, box: SearchBox, parent: QObject | None = None):
        super().__init__(parent)
        self.box = box

    def watch(self, container: QWidget) -> None:
        for widget in container.findChildren(QWidget):
            if widget is not self.box and not is_text_input(widget):
                widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if self._takes(event):
                self._forward(event)
                return True
        return super().eventFilter(watched, event)

    def _takes(self, event: QKeyEvent) -> bool:
        if not self.box.isEnabled() or not self.box.isVisible():
            return False
        # A key a text input let through (Enter in the time edit) is that input's, not a search.
        focus = QApplication.focusWidget()
        if focus is not None and focus is not self.box and is_text_input(focus):
            return False
        shift_only = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        if event.modifiers() & ~shift_only:
            return False
        key = event.key()
        if key == Qt.Key.Key_Escape:
            return True
        holding = bool(self.box.text())
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Backspace):
            return holding
        text = event.text()
        if not text or not text.isprintable():
            return False
        return holding if text == " " else True  # an empty box leaves Space to the button

    def _forward(self, event: QKeyEvent) -> None:
        self.box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if event.key() == Qt.Key.Key_Escape:
            self.box.clear()
            return
        copy = QKeyEvent(
            QEvent.Type.KeyPress,
            event.key(),
            event.modifiers(),
            event.text(),
            event.isAutoRepeat(),
            event.count(),
        )
        QApplication.sendEvent(self.box, copy)

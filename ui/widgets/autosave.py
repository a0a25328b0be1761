"""Text editors that save by themselves: shortly after typing stops, and when focus leaves.

Nothing typed is lost if the laptop dies mid-meeting: at most the last second of typing.
The editor only asks; the page decides how to store (``save_requested(text)``).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

DEBOUNCE_MS = 800


class AutosaveText(QPlainTextEdit):
    save_requested = Signal(str)

    def __init__(self, text: str = "", parent: QWidget | None = None, *, debounce_ms: int = DEBOUNCE_MS):
        super().__init__(parent)
        self.setPlainText(text)
        self._saved = text
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(self._typed)

    @property
    def dirty(self) -> bool:
        return self.toPlainText() != self._saved

    def _typed(self) -> None:
        if self.dirty:
            self._timer.start()

    def flush(self) -> None:
        """Save now if anything changed since the last save."""
        self._timer.stop()
        if self.dirty and not self.isReadOnly():
            self._saved = self.toPlainText()
            self.save_requested.emit(self._saved)

    def set_saved_text(self, text: str) -> None:
        """Show stored text without triggering a save."""
        self._timer.stop()
        self.blockSignals(True)
        self.setPlainText(text)
        self.blockSignals(False)
        self._saved = text

    def focusOutEvent(self, event) -> None:
        self.flush()
        super().focusOutEvent(event)


class AutosaveLine(QLineEdit):
    """One-line variant: saves on the same debounce and on focus-out / Enter."""

    save_requested = Signal(str)

    def __init__(self, text: str = "", parent: QWidget | None = None, *, debounce_ms: int = DEBOUNCE_MS):
        super().__init__(text, parent)
        self._saved = text
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(debounce_ms)
        self._timer.timeout.connect(self.flush)
        self.textChanged.connect(lambda _t: self._timer.start() if self.text() != self._saved else None)
        self.returnPressed.connect(self.flush)

    def flush(self) -> None:
        self._timer.stop()
        if self.text() != self._saved and not self.isReadOnly():
            self._saved = self.text()
            self.save_requested.emit(self._saved)

    def set_saved_text(self, text: str) -> None:
        self._timer.stop()
        self.blockSignals(True)
        self.setText(text)
        self.blockSignals(False)
        self._saved = text

    def focusOutEvent(self, event) -> None:
        self.flush()
        super().focusOutEvent(event)

"""Refresh a screen now if it is on view, or once when it is shown again.

A check-in must not make every hidden screen query the store: hidden pages only remember
what to reload (deduplicated by key) and do it when the user comes back to them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget


class WhenShown(QObject):
    def __init__(self, widget: QWidget):
        super().__init__(widget)
        self.widget = widget
        self.pending: dict[str, Callable[[], None]] = {}
        widget.installEventFilter(self)

    def run(self, key: str, action: Callable[[], None]) -> None:
        if self.widget.isVisible():
            action()
        else:
            self.pending[key] = action

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Show and self.pending:
            pending, self.pending = self.pending, {}
            for action in pending.values():
                action()
        return False

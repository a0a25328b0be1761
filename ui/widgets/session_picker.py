"""A session chooser shared by the attendance and acta screens.

It loads the sessions through the context when its page reloads it (the page shows the
"sessions" topic), keeps its choice across reloads, and starts on the session a focal point
most likely wants: today's, else the next one, else the latest one still open.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from mesa_desktop import clock
from mesa_desktop.operations import sessions as session_ops
from mesa_desktop.services import sessions as session_service
from ui.widgets import format as fmt

CLOSED = session_service.CLOSED_STATUSES


def default_session(items: Sequence, today: date | None = None):
    """Today's session, else the next one, else the latest one still open, else the latest."""
    today = today or clock.today()
    live = [s for s in items if s.status != "cancelled"]
    if not live:
        return None
    todays = [s for s in live if s.date == today]
    if todays:
        return todays[0]
    upcoming = sorted((s for s in live if s.date > today), key=lambda s: (s.date, s.number))
    if upcoming:
        return upcoming[0]
    still_open = [s for s in live if s.status not in CLOSED]
    return max(still_open or live, key=lambda s: (s.date, s.number))


class SessionPicker(QComboBox):
    """Emits ``session_changed(SessionInfo | None)`` when the choice (or its data) changes."""

    session_changed = Signal(object)

    def __init__(self, ctx, parent: QWidget | None = None, *, today: date | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.today = today
        self._sessions: list = []
        self._wanted: uuid.UUID | None = None
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(40)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.currentIndexChanged.connect(self._on_index)

    @property
    def sessions(self) -> list:
        return list(self._sessions)

    def current(self):
        index = self.currentIndex()
        return self._sessions[index] if 0 <= index < len(self._sessions) else None

    def reload(self) -> None:
        self.ctx.call(session_ops.session_list, done=self._loaded)

    def select(self, session_id: uuid.UUID) -> None:
        """Choose a session by id (now, or as soon as the list has it)."""
        self._wanted = session_id
        for index, item in enumerate(self._sessions):
            if item.id == session_id:
                if index == self.currentIndex():
                    self.session_changed.emit(item)
                else:
                    self.setCurrentIndex(index)
                self._wanted = None
                return
        self.reload()

    def _loaded(self, items) -> None:
        previous = self.current()
        keep = self._wanted or (previous.id if previous else None)
        # Most recent first: the meeting at hand is at the top of the list.
        self._sessions = sorted(items, key=lambda s: (s.date, s.number), reverse=True)
        self.blockSignals(True)
        self.clear()
        for item in self._sessions:
            self.addItem(fmt.session_line(item), str(item.id))
        chosen = next((s for s in self._sessions if s.id == keep), None) or default_session(
            self._sessions, self.today
        )
        self.setCurrentIndex(self._sessions.index(chosen) if chosen else -1)
        self.blockSignals(False)
        self._wanted = None
        current = self.current()
        # Re-announce even the same session: its status or agenda may have changed.
        self.session_changed.emit(current)

    def _on_index(self, _index: int) -> None:
        self.session_changed.emit(self.current())

"""A time of day typed or picked the way the screens write it: "1:20 p. m." (es-CO, 12-hour).

With ``follow_now`` the editor keeps showing the current time until the person changes it,
and ``chosen()`` is then ``None`` ("now", to the second); once edited it holds that time. A
decision typed at 9:30 without touching the clock is taken at 9:30, not when the page opened.
"""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QLocale, QTime, QTimer
from PySide6.QtWidgets import QTimeEdit, QWidget

from mesa_desktop.clock import local, utcnow

SPANISH_COLOMBIA = QLocale(QLocale.Language.Spanish, QLocale.Country.Colombia)


def colombia_now() -> time:
    """Hour and minute on Colombia's clock, whatever zone the laptop is set to."""
    return local(utcnow()).time().replace(second=0, microsecond=0, tzinfo=None)


class ClockEdit(QTimeEdit):
    def __init__(self, value: time | None = None, parent: QWidget | None = None, *, follow_now: bool = False):
        super().__init__(parent)
        self.setLocale(SPANISH_COLOMBIA)
        self.setDisplayFormat("h:mm ap")
        self._showing = False
        self._following = follow_now and value is None
        self.timeChanged.connect(self._changed)
        self._show(value or colombia_now())
        if follow_now:
            self._tick = QTimer(self)
            self._tick.setInterval(15_000)
            self._tick.timeout.connect(self._follow)
            self._tick.start()

    def _follow(self) -> None:
        if self._following:
            self._show(colombia_now())

    def _show(self, value: time) -> None:
        self._showing = True
        try:
            self.setTime(QTime(value.hour, value.minute))
        finally:
            self._showing = False

    def _changed(self, _value) -> None:
        if not self._showing:
            self._following = False  # the person typed or picked a time: keep it

    def value(self) -> time:
        return time(self.time().hour(), self.time().minute())

    def chosen(self) -> time | None:
        """The time set by the person, or ``None`` while the editor still follows the clock."""
        return None if self._following else self.value()

    def set_value(self, value: time) -> None:
        """Show ``value`` and keep it, as if the person had typed it."""
        self._following = False  # before showing it: whoever listens to the change reads chosen()
        self._show(value)

    def set_now(self) -> None:
        """Show the current time again (and follow it, in ``follow_now`` mode)."""
        self._show(colombia_now())
        self._following = hasattr(self, "_tick")

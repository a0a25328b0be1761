"""A time of day typed or picked the way the screens write it: "1:20 p. m." (es-CO, 12-hour)."""

from __future__ import annotations

from datetime import time

from PySide6.QtCore import QLocale, QTime
from PySide6.QtWidgets import QTimeEdit, QWidget

from mesa_desktop.clock import local, utcnow

SPANISH_COLOMBIA = QLocale(QLocale.Language.Spanish, QLocale.Country.Colombia)


def colombia_now() -> time:
    """Hour and minute on Colombia's clock, whatever zone the laptop is set to."""
    return local(utcnow()).time().replace(second=0, microsecond=0, tzinfo=None)


class ClockEdit(QTimeEdit):
    def __init__(self, value: time | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setLocale(SPANISH_COLOMBIA)
        self.setDisplayFormat("h:mm ap")
        self.set_value(value or colombia_now())

    def value(self) -> time:
        return time(self.time().hour(), self.time().minute())

    def set_value(self, value: time) -> None:
        self.setTime(QTime(value.hour, value.minute))

    def set_now(self) -> None:
        self.set_value(colombia_now())

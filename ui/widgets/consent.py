"""Consent to personal-data processing (Ley 1581 de 2012): the notice and a required checkbox."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from mesa_desktop.labels import CONSENT_NOTICE


class ConsentBox(QWidget):
    """The notice, read aloud or shown to the person, and the box they agree with."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        notice = QLabel(CONSENT_NOTICE, self)
        notice.setObjectName("notice")
        notice.setWordWrap(True)
        self.check = QCheckBox(
            "La persona autoriza el tratamiento de sus datos personales (obligatorio)", self
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(notice)
        layout.addWidget(self.check)

    @property
    def given(self) -> bool:
        return self.check.isChecked()

"""Consent to personal-data processing (Ley 1581 de 2012): the notice and a required checkbox."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

CONSENT_NOTICE = (
    "Autorización de tratamiento de datos personales (Ley 1581 de 2012): la persona autoriza a "
    "la secretaría técnica de la mesa a registrar su nombre, cargo, entidad, correo, teléfono y "
    "firma para convocarla y dejar constancia de su participación en las sesiones. Puede conocer, "
    "actualizar, rectificar o suprimir sus datos y revocar la autorización en cualquier momento."
)


class ConsentBox(QWidget):
    """The notice, read aloud or shown to the person, and the box they agree with."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        notice = QLabel(CONSENT_NOTICE, self)
        notice.setObjectName("notice")
        notice.setWordWrap(True)
        self.check = QCheckBox("La persona autoriza el tratamiento de sus datos personales (obligatorio)", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(notice)
        layout.addWidget(self.check)

    @property
    def given(self) -> bool:
        return self.check.isChecked()

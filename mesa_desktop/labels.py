"""Spanish labels of the stored codes and shared notices, for the services, CLI and screens.

The labels live beside their codes in ``mesa_desktop.vocabulary``; these mappings are read
from there. Kept free of SQLAlchemy on purpose: the desktop app uses them before the store is
open.
"""

from __future__ import annotations

from collections.abc import Mapping

from mesa_desktop.vocabulary import (
    CommitmentStatus,
    Modality,
    Role,
    SessionKind,
    SessionStatus,
    SessionTemplate,
)
from mesa_desktop.vocabulary import labels as _labels

SESSION_KIND_LABELS: Mapping[str, str] = _labels(SessionKind)
TEMPLATE_LABELS: Mapping[str, str] = _labels(SessionTemplate)
MODALITY_LABELS: Mapping[str, str] = _labels(Modality)
SESSION_STATUS_LABELS: Mapping[str, str] = _labels(SessionStatus)
ROLE_LABELS: Mapping[str, str] = _labels(Role)
COMMITMENT_STATUS_LABELS: Mapping[str, str] = _labels(CommitmentStatus)

# Ley 1581 de 2012: read to (or shown to) a person before their data is recorded.
CONSENT_NOTICE = (
    "Autorización de tratamiento de datos personales (Ley 1581 de 2012): la persona autoriza a "
    "la secretaría técnica de la mesa a registrar su nombre, cargo, entidad, correo, teléfono y "
    "firma para convocarla y dejar constancia de su participación en las sesiones. Puede conocer, "
    "actualizar, rectificar o suprimir sus datos y revocar la autorización en cualquier momento."
)

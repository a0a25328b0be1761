"""Spanish labels of the stored codes and shared notices, for the services, CLI and screens.

Kept free of SQLAlchemy on purpose: the desktop app uses them before the store is open.
"""

from __future__ import annotations

SESSION_KIND_LABELS = {"ordinary": "ordinaria", "extraordinary": "extraordinaria"}
TEMPLATE_LABELS = {
    "installation": "Instalación",
    "ordinary": "Ordinaria",
    "extraordinary": "Extraordinaria",
    "closing": "Evaluación y cierre",
}
MODALITY_LABELS = {"in_person": "Presencial", "virtual": "Virtual", "hybrid": "Híbrida"}
SESSION_STATUS_LABELS = {
    "planned": "Programada",
    "convened": "Convocada",
    "held": "Realizada",
    "acta_approved": "Acta aprobada",
    "cancelled": "Cancelada",
}
ROLE_LABELS = {
    "head": "Jefe de dependencia",
    "delegate": "Delegado(a)",
    "alternate": "Suplente",
    "invited": "Actor invitado",
    "guest": "Asistente",
}
COMMITMENT_STATUS_LABELS = {
    "pending": "Pendiente",
    "in_progress": "En curso",
    "done": "Cumplido",
    "cancelled": "Anulado",
}

# Ley 1581 de 2012: read to (or shown to) a person before their data is recorded.
CONSENT_NOTICE = (
    "Autorización de tratamiento de datos personales (Ley 1581 de 2012): la persona autoriza a "
    "la secretaría técnica de la mesa a registrar su nombre, cargo, entidad, correo, teléfono y "
    "firma para convocarla y dejar constancia de su participación en las sesiones. Puede conocer, "
    "actualizar, rectificar o suprimir sus datos y revocar la autorización en cualquier momento."
)

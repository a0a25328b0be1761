"""Spanish labels of the stored codes, shared by the services, the CLI and the screens.

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

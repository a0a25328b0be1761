"""Spanish wording for the screens: dates, times, session titles, capacities.

Reuses the documents' Spanish date helpers so a date reads the same on screen and on paper.
"""

from __future__ import annotations

from datetime import date, datetime, time

from mesa_desktop.documents.text import clock, long_date

KIND_LABELS = {"ordinary": "ordinaria", "extraordinary": "extraordinaria"}
TEMPLATE_LABELS = {
    "installation": "Instalación",
    "ordinary": "Ordinaria",
    "extraordinary": "Extraordinaria",
    "closing": "Evaluación y cierre",
}
MODALITY_LABELS = {"in_person": "Presencial", "virtual": "Virtual", "hybrid": "Híbrida"}
STATUS_LABELS = {
    "planned": "Programada",
    "convened": "Convocada",
    "held": "Realizada",
    "acta_approved": "Acta aprobada",
    "cancelled": "Cancelada",
}
CAPACITY_LABELS = {
    "head": "Jefe de dependencia",
    "delegate": "Delegado(a)",
    "alternate": "Suplente",
    "invited": "Actor invitado",
    "guest": "Asistente",
}


def day(value: date | None) -> str:
    """'21 de mayo de 2026', or an em dash."""
    return long_date(value) if value else "—"


def short_day(value: date | None) -> str:
    return value.strftime("%d/%m/%Y") if value else "—"


def hour(value: time | datetime | None) -> str:
    """'9:03 a. m.' in the laptop's local time for a stored (UTC) timestamp."""
    if value is None:
        return "—"
    if isinstance(value, datetime):
        value = value.astimezone().time() if value.tzinfo else value.time()
    return clock(value.replace(second=0, microsecond=0))


def session_title(session) -> str:
    """'Sesión ordinaria 003-2026'."""
    return f"Sesión {KIND_LABELS.get(session.kind, session.kind)} {session.number}"


def session_line(session) -> str:
    """'Sesión ordinaria 003-2026 · 21 de mayo de 2026 · Realizada' for pickers."""
    return f"{session_title(session)} · {day(session.date)} · {STATUS_LABELS.get(session.status, session.status)}"

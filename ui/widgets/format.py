"""Spanish wording for the screens: session titles and labels; dates and times re-exported.

Dates, times and numbers live in ``mesa_desktop.formatting`` (the documents use the same
module). ``short_day`` here keeps this module's old output, the documents' '21/05/2026'; the
screens' narrow '21 may 2026' is ``formatting.short_day``.
"""

from __future__ import annotations

from mesa_desktop import labels
from mesa_desktop.formatting import MONTHS, NBSP, clock, day, hour, long_date  # noqa: F401 - re-exported
from mesa_desktop.formatting import numeric_date as short_day  # noqa: F401 - '21/05/2026'

KIND_LABELS = labels.SESSION_KIND_LABELS
TEMPLATE_LABELS = labels.TEMPLATE_LABELS
MODALITY_LABELS = labels.MODALITY_LABELS
STATUS_LABELS = labels.SESSION_STATUS_LABELS
CAPACITY_LABELS = labels.ROLE_LABELS


def session_title(session) -> str:
    """'Sesión ordinaria 003-2026'."""
    return f"Sesión {KIND_LABELS.get(session.kind, session.kind)} {session.number}"


def session_line(session) -> str:
    """'Sesión ordinaria 003-2026 · 21 de mayo de 2026 · Realizada' for pickers."""
    return f"{session_title(session)} · {day(session.date)} · {STATUS_LABELS.get(session.status, session.status)}"

"""Spanish wording shared by every document: labels, session titles, quorum sentences.

Dates, times and numbers come from ``mesa_desktop.formatting`` (the screens use the same
module); they are re-exported here under the names the generators have always used.
"""

from __future__ import annotations

from mesa_desktop import formatting
from mesa_desktop.documents.data import CommitmentStatus, QuorumCheck
from mesa_desktop.vocabulary import ActaStatus, Capacity, Modality, SessionKind, labels

# The generators' names for the shared formatting (the screens use the same functions).
LOCALE = formatting.LOCALE
long_date = formatting.long_date
short_date = formatting.numeric_date  # '15/03/2026'
weekday_date = formatting.weekday_date
month_year = formatting.month_year
clock = formatting.clock
time_range = formatting.time_range
percent = formatting.percent
number = formatting.number
count = formatting.count

KIND_LABELS = labels(SessionKind)
MODALITY_LABELS = labels(Modality)
CAPACITY_LABELS = labels(Capacity)
STATUS_LABELS = labels(CommitmentStatus)  # what a document prints, overdue included
ACTA_STATUS_LABELS = labels(ActaStatus)
NO_QUORUM_NEEDED = "Sesión extraordinaria: no requiere quórum."


def session_title(kind: SessionKind, number: str) -> str:
    """'Sesión ordinaria No. 003-2026'."""
    return f"Sesión {KIND_LABELS[kind]} No. {number}"


def session_reference(kind: SessionKind, number: str) -> str:
    """'sesión ordinaria No. 003-2026', for use inside a sentence."""
    return f"sesión {KIND_LABELS[kind]} No. {number}"


def place_line(place: str, modality: Modality, link: str = "") -> str:
    parts = [place] if place else []
    if modality is not Modality.IN_PERSON and link:
        parts.append(f"enlace: {link}")
    return "; ".join(parts) or "—"


def quorum_statement(check: QuorumCheck | None, kind: SessionKind) -> tuple[str, str]:
    """The quorum verification as the acta states it (DESIGN §3): (the count, the verdict)."""
    if kind is SessionKind.EXTRAORDINARY:
        count = (
            f"Dependencias presentes: {check.present} de {check.total} delegaciones previstas."
            if check is not None
            else ""
        )
        return count, NO_QUORUM_NEEDED
    if check is None:
        return "", "No se registró verificación de quórum."
    if check.total == 0:
        return (
            "La mesa aún no tiene dependencias integrantes registradas.",
            "No es posible verificar el quórum.",
        )
    at = f" a las {clock(check.at)}" if check.at else ""
    count = (
        f"Regla: {check.rule_label}. Verificación{at}: {check.present} dependencias presentes de "
        f"{check.total} delegaciones previstas; se requieren {check.required}."
    )
    verdict = (
        "Hay quórum para deliberar y decidir." if check.met else "No hay quórum para deliberar y decidir."
    )
    return count, verdict


def quorum_result(check: QuorumCheck | None, kind: SessionKind) -> str:
    """'Hay quórum', 'No hay quórum', 'No requiere quórum'…, for table cells."""
    if kind is SessionKind.EXTRAORDINARY:
        return "No requiere quórum"
    if check is None:
        return "Sin verificación"
    if check.total == 0:
        return "Sin dependencias registradas"
    return "Hay quórum" if check.met else "No hay quórum"


def quorum_short(check: QuorumCheck | None, kind: SessionKind) -> str:
    """Compact form for table cells: '8 de 12 (requiere 7): hay quórum'."""
    result = quorum_result(check, kind)
    if check is None or check.total == 0 or kind is SessionKind.EXTRAORDINARY:
        return result
    return f"{check.present} de {check.total} (requiere {check.required}): {result.lower()}"


def paragraphs(text: str) -> list[str]:
    """Split free text into paragraphs at blank lines; single newlines stay line breaks."""
    blocks = [block.strip() for block in text.replace("\r\n", "\n").split("\n\n")]
    return [block for block in blocks if block]

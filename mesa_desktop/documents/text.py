"""Spanish wording shared by every document: dates, times, labels, quorum sentences.

Babel is imported inside the functions so that importing this module stays free.
"""

from __future__ import annotations

from datetime import date, time

from mesa_desktop.documents.data import (
    ActaStatus,
    Capacity,
    CommitmentStatus,
    Modality,
    QuorumCheck,
    SessionKind,
)

LOCALE = "es_CO"

KIND_LABELS = {SessionKind.ORDINARY: "ordinaria", SessionKind.EXTRAORDINARY: "extraordinaria"}
MODALITY_LABELS = {
    Modality.IN_PERSON: "Presencial",
    Modality.VIRTUAL: "Virtual",
    Modality.HYBRID: "Híbrida",
}
CAPACITY_LABELS = {
    Capacity.HEAD: "Jefe de dependencia",
    Capacity.DELEGATE: "Delegado(a)",
    Capacity.ALTERNATE: "Suplente",
}
STATUS_LABELS = {
    CommitmentStatus.PENDING: "Pendiente",
    CommitmentStatus.IN_PROGRESS: "En curso",
    CommitmentStatus.DONE: "Cumplido",
    CommitmentStatus.OVERDUE: "Vencido",
    CommitmentStatus.CANCELLED: "Cancelado",
}
ACTA_STATUS_LABELS = {ActaStatus.DRAFT: "Borrador", ActaStatus.APPROVED: "Aprobada"}
NO_QUORUM_NEEDED = "Sesión extraordinaria: no requiere quórum."


def long_date(value: date) -> str:
    """'15 de marzo de 2026'."""
    from babel.dates import format_date

    return format_date(value, "d 'de' MMMM 'de' y", locale=LOCALE)


def short_date(value: date | None) -> str:
    """'15/03/2026' for table cells; an em dash when unknown."""
    return value.strftime("%d/%m/%Y") if value else "—"


def weekday_date(value: date) -> str:
    """'domingo 15 de marzo de 2026'."""
    from babel.dates import format_date

    return format_date(value, "EEEE d 'de' MMMM 'de' y", locale=LOCALE)


def month_year(value: date) -> str:
    """'Noviembre 2025', as the CNIM report writes its cut-off."""
    from babel.dates import format_date

    text = format_date(value, "LLLL y", locale=LOCALE)
    return text[:1].upper() + text[1:]


def clock(value: time | None) -> str:
    """'8:00 a. m.'; an em dash when unknown."""
    if value is None:
        return "—"
    from babel.dates import format_time

    # Keep "8:00 a. m." on one line. Babel separates "a. m." with U+202F; a plain no-break
    # space survives every PDF viewer's copy-and-paste and every font.
    text = format_time(value, "h:mm a", locale=LOCALE)
    return text.replace("\u202f", "\u00a0").replace(" ", "\u00a0")


def time_range(start: time | None, end: time | None) -> str:
    if start and end:
        return f"{clock(start)} a {clock(end)}"
    return clock(start)


def percent(value: float | None) -> str:
    """'48%' as the CNIM report writes it; 'Sin reporte' when unknown."""
    if value is None:
        return "Sin reporte"
    return f"{round(value):d}%"


def number(value: float | int) -> str:
    """Colombian digit grouping: 113.142 and 48,5."""
    from babel.numbers import format_decimal

    return format_decimal(value, locale=LOCALE)


def count(n: int, singular: str, plural: str) -> str:
    """'1 sesión', '3 sesiones'."""
    return f"{n} {singular if n == 1 else plural}"


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

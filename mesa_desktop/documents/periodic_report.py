"""The informe periódico of the secretaría técnica (guideline 2.6 e): progress, challenges and
opportunities, the sessions held and their quorum, commitments by status, the referred cases
as totals per need and status (2.7), and the action plan's progress, with charts.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from mesa_desktop.documents import common
from mesa_desktop.documents.data import CommitmentStatus, PeriodicReportData
from mesa_desktop.documents.layout import Column
from mesa_desktop.documents.progress_report import overview
from mesa_desktop.documents.text import (
    ACTA_STATUS_LABELS,
    KIND_LABELS,
    MODALITY_LABELS,
    STATUS_LABELS,
    count,
    long_date,
    quorum_result,
    short_date,
)
from mesa_desktop.vocabulary import CaseNeed, CaseStatus, SessionKind, labels

if TYPE_CHECKING:
    from mesa_desktop.documents.pdfdoc import PdfDocument

STATUS_COLOURS = {
    CommitmentStatus.DONE: "#2E7D32",
    CommitmentStatus.IN_PROGRESS: "#1F6FB2",
    CommitmentStatus.PENDING: "#E0A800",
    CommitmentStatus.OVERDUE: "#C62828",
    CommitmentStatus.CANCELLED: "#9E9E9E",
}
# Reading order of the statuses in tables and the chart legend.
STATUS_ORDER = (
    CommitmentStatus.DONE,
    CommitmentStatus.IN_PROGRESS,
    CommitmentStatus.PENDING,
    CommitmentStatus.OVERDUE,
    CommitmentStatus.CANCELLED,
)

# Open commitments are listed most urgent first.
_URGENCY = {
    CommitmentStatus.OVERDUE: 0,
    CommitmentStatus.PENDING: 1,
    CommitmentStatus.IN_PROGRESS: 2,
}


def period_label(report: PeriodicReportData) -> str:
    """'1 de enero de 2026 al 30 de junio de 2026'."""
    return f"{long_date(report.period_start)} al {long_date(report.period_end)}"


def periodic_report_pdf(report: PeriodicReportData) -> bytes:
    """The periodic report as PDF bytes."""
    period = period_label(report)
    doc = common.new_document(
        report.mesa,
        title=f"Informe periódico – {report.mesa.mesa_name} – {period}",
        subject=f"Informe periódico de la secretaría técnica, periodo del {period}",
        header_title="INFORME PERIÓDICO",
        right=(f"Periodo: {short_date(report.period_start)} – {short_date(report.period_end)}",),
        footer=f"Informe periódico · {period}",
        keywords=["informe periódico"],
    )
    doc.title_block("INFORME PERIÓDICO", report.mesa.mesa_name, f"Periodo del {period}")
    rows = [
        [("Entidad", report.mesa.entity_name)],
        [
            ("Territorio", report.mesa.territory_name),
            ("Fecha del informe", long_date(report.report_date)),
        ],
    ]
    if report.mesa.acto_administrativo:
        rows.append([("Acto administrativo", report.mesa.acto_administrativo)])
    rows.append([("Número", report.number or "Borrador (sin emitir)")])
    doc.fields(rows)
    sections: list[tuple[str, Callable[[], None]]] = [
        ("Avances", lambda: doc.text(report.progress or "Sin información.")),
        ("Desafíos", lambda: doc.text(report.challenges or "Sin información.")),
        ("Oportunidades", lambda: doc.text(report.opportunities or "Sin información.")),
        ("Articulaciones requeridas con otros actores", lambda: _articulations(doc, report)),
        (
            "Estrategia de acompañamiento psicosocial",
            lambda: doc.text(report.psychosocial or "Sin información."),
        ),
        ("Sesiones realizadas", lambda: _sessions(doc, report)),
        ("Registro de quórum", lambda: _quorum(doc, report)),
        ("Compromisos por estado", lambda: _commitments(doc, report)),
        ("Casos remitidos en el periodo", lambda: _cases(doc, report)),
        ("Avance del plan de acción", lambda: _plan(doc, report)),
    ]
    for number, (heading, build) in enumerate(sections, start=1):
        doc.heading(f"{number}. {heading}")
        build()
    if report.prepared_by:
        doc.need(40)
        doc.text("Elaboró:", "body")
        doc.signature_blocks([report.prepared_by])
    return doc.build()


def write_periodic_report(report: PeriodicReportData, target: str | os.PathLike[str]) -> Path:
    """Render the periodic report and write it atomically to ``target``."""
    return common.save(target, periodic_report_pdf(report))


def commitment_counts(report: PeriodicReportData) -> list[tuple[CommitmentStatus, int]]:
    counts = Counter(item.status for item in report.commitments)
    return [(status, counts.get(status, 0)) for status in STATUS_ORDER]


def _sessions(doc: PdfDocument, report: PeriodicReportData) -> None:
    held = [s for s in report.sessions if not s.cancelled]
    if not report.sessions:
        doc.text("No se realizaron sesiones en el periodo.")
        return
    ordinary = sum(1 for s in held if s.kind is SessionKind.ORDINARY)
    with_ministry = sum(1 for s in held if s.ministry_present)
    cancelled = len(report.sessions) - len(held)
    summary = (
        f"En el periodo se realizaron {count(len(held), 'sesión', 'sesiones')}: "
        f"{count(ordinary, 'ordinaria', 'ordinarias')} y "
        f"{count(len(held) - ordinary, 'extraordinaria', 'extraordinarias')}; "
        f"{with_ministry} con participación del Ministerio de Salud y Protección Social."
    )
    if cancelled:
        summary += f" {'Se canceló 1' if cancelled == 1 else f'Se cancelaron {cancelled}'}."
    doc.text(summary)
    rows = [
        [
            s.number,
            short_date(s.date),
            KIND_LABELS[s.kind].capitalize(),
            MODALITY_LABELS[s.modality],
            str(s.attendee_count),
            "Sí" if s.ministry_present else "No",
            "Cancelada"
            if s.cancelled
            else (ACTA_STATUS_LABELS[s.acta_status] if s.acta_status else "Sin acta"),
        ]
        for s in report.sessions
    ]
    doc.table(
        [
            Column("Sesión", 1.0),
            Column("Fecha", 1.0, "center"),
            Column("Tipo", 1.2),
            Column("Modalidad", 1.0),
            Column("Asistentes", 0.9, "right"),
            Column("Ministerio", 0.9, "center"),
            Column("Acta", 1.0),
        ],
        rows,
    )


def _quorum(doc: PdfDocument, report: PeriodicReportData) -> None:
    held = [s for s in report.sessions if not s.cancelled]
    if not held:
        doc.text("Sin sesiones en el periodo.")
        return
    rows = []
    for s in held:
        check = s.quorum
        ordinary = s.kind is SessionKind.ORDINARY
        rule = (check.rule_label if check else "—") if ordinary else "No aplica (sesión extraordinaria)"
        rows.append(
            [
                s.number,
                rule,
                str(check.present) if check else "—",
                str(check.required) if check and ordinary else "—",
                str(check.total) if check else "—",
                quorum_result(check, s.kind),
            ]
        )
    doc.table(
        [
            Column("Sesión", 0.9),
            Column("Regla", 2.4),
            Column("Presentes", 0.85, "right"),
            Column("Requeridas", 0.9, "right"),
            Column("Previstas", 0.85, "right"),
            Column("Resultado", 1.3),
        ],
        rows,
    )


def _commitments(doc: PdfDocument, report: PeriodicReportData) -> None:
    from mesa_desktop.documents.charts import status_pie

    counts = commitment_counts(report)
    total = sum(n for _, n in counts)
    if not total:
        doc.text("No hay compromisos con vencimiento en el periodo.")
        return
    doc.text(
        f"{count(total, 'compromiso vence', 'compromisos vencen')} en el periodo; su estado es el "
        f"del {long_date(report.period_end)}."
    )
    doc.drawing(
        status_pie(
            [(STATUS_LABELS[status], n, STATUS_COLOURS[status]) for status, n in counts],
            doc.width,
            # The section heading already says "por estado": the chart names the day instead.
            f"Estado al {long_date(report.period_end)}",
        )
    )
    open_items = [
        item
        for item in report.commitments
        if item.status in (CommitmentStatus.OVERDUE, CommitmentStatus.PENDING, CommitmentStatus.IN_PROGRESS)
    ]
    if open_items:
        open_items.sort(key=lambda item: (_URGENCY[item.status], item.due_date or report.period_end))
        doc.heading("Compromisos abiertos", level=2)
        common.commitments_table(doc, open_items, review=True)


def _plan(doc: PdfDocument, report: PeriodicReportData) -> None:
    if not report.axes:
        doc.text("No hay plan de acción registrado para el periodo.")
        return
    overview(doc, report.axes, report.effective_progress)


def _articulations(doc: PdfDocument, report: PeriodicReportData) -> None:
    doc.text(report.articulations_text or "Sin información.")
    if not report.articulations:
        doc.text("Ningún actor invitado asistió a las sesiones del periodo.")
        return
    doc.table(
        [
            Column("Actor", 3.0),
            Column("Sesiones a las que asistió", 1.2, "right"),
            Column("Compromisos a su cargo", 1.2, "right"),
            Column("Cumplidos", 0.9, "right"),
        ],
        [
            [a.actor, str(a.sessions_attended), str(a.commitments), str(a.commitments_done)]
            for a in report.articulations
        ],
    )


def _cases(doc: PdfDocument, report: PeriodicReportData) -> None:
    """Totals per need and status only: a case's code, route or name never reaches a report."""
    total = sum(row.total for row in report.cases)
    if not total:
        doc.text("No se registraron casos remitidos en el periodo.")
        return
    statuses = labels(CaseStatus)
    by_status = dict.fromkeys(statuses, 0)
    for row in report.cases:
        for status, n in row.by_status:
            by_status[status] = by_status.get(status, 0) + n
    closed = by_status.get(CaseStatus.RESOLVED, 0) + by_status.get(CaseStatus.UNRESOLVED, 0)
    summary = (
        f"En el periodo se recibieron {count(total, 'caso remitido', 'casos remitidos')} por los actores "
        f"que identifican necesidades en salud de la población migrante; al {long_date(report.period_end)}, "
        f"{count(by_status.get(CaseStatus.RESOLVED, 0), 'resuelto', 'resueltos')}, "
        f"{count(by_status.get(CaseStatus.UNRESOLVED, 0), 'cerrado sin resolver', 'cerrados sin resolver')} "
        f"y {count(total - closed, 'en seguimiento', 'en seguimiento')}."
    )
    if report.overdue_cases:
        summary += (
            f" Al cierre del periodo, {count(report.overdue_cases, 'caso tiene', 'casos tienen')} "
            "el seguimiento vencido."
        )
    doc.text(summary)
    needs = labels(CaseNeed)
    rows = [
        [
            needs.get(row.need, row.need),
            *(str(dict(row.by_status).get(s, 0)) for s in statuses),
            str(row.total),
        ]
        for row in report.cases
    ]
    rows.append(["Total", *(str(by_status[s]) for s in statuses), str(total)])
    doc.table(
        [
            Column("Necesidad", 2.0),
            *(Column(label, 1.0, "right") for label in statuses.values()),
            Column("Total", 0.8, "right"),
        ],
        rows,
    )
    doc.text(
        "Solo se informan totales: ni códigos, ni nombres, ni rutas de los casos (Ley 1581 de 2012).", "small"
    )

"""The action-plan progress report, in the shape of the CNIM report the ministry already uses
(seeds/001): a title block, the plan's overall progress, its objective and strategic axes,
then per axis an Acción | Tareas | Reporte cualitativo table whose header repeats on every
page, with "Informe de avance YYYY – Corte: <mes año>" in every page header.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mesa_desktop.documents import common
from mesa_desktop.documents.data import ActionPlanReport, PlanAction, StrategicAxis
from mesa_desktop.documents.layout import Column, GroupRow, plain
from mesa_desktop.documents.text import long_date, month_year, number, percent

if TYPE_CHECKING:
    from mesa_desktop.documents.pdfdoc import PdfDocument


def report_heading(report: ActionPlanReport) -> str:
    """'Informe de avance 2025 – Corte: Noviembre 2025', as in the CNIM report."""
    return f"Informe de avance {report.year} – Corte: {month_year(report.cut_off_date)}"


def progress_report_pdf(report: ActionPlanReport) -> bytes:
    """The action-plan progress report as PDF bytes."""
    heading = report_heading(report)
    doc = common.new_document(
        report.mesa,
        title=f"Plan de acción – {heading}",
        subject=(
            f"Avance del plan de acción de la {report.mesa.mesa_name} "
            f"con corte al {long_date(report.cut_off_date)}"
        ),
        header_title=heading,
        right=(
            f"Plan de acción {report.year}",
            f"Fecha de corte: {long_date(report.cut_off_date)}",
        ),
        footer=f"Plan de acción · {heading}",
        keywords=["plan de acción", "informe de avance"],
    )
    doc.title_block("PLAN DE ACCIÓN", report.mesa.mesa_name.upper(), heading)
    overview(doc, report.axes, report.effective_progress, report.objective)
    for index, axis in enumerate(report.axes, start=1):
        _axis_table(doc, index, axis)
    _indicators(doc, report.axes)
    if report.prepared_by:
        doc.need(40)
        doc.text("Elaboró:", "body")
        doc.signature_blocks([report.prepared_by])
    return doc.build()


def write_progress_report(report: ActionPlanReport, target: str | os.PathLike[str]) -> Path:
    """Render the progress report and write it atomically to ``target``."""
    return common.save(target, progress_report_pdf(report))


def overview(
    doc: PdfDocument, axes: tuple[StrategicAxis, ...], overall: float | None, objective: str = ""
) -> None:
    """Overall progress, objective, axes and the per-axis chart (shared with the periodic report)."""
    from mesa_desktop.documents.charts import progress_bars

    rows: list[list[tuple[str, Any]]] = [
        [("Avance total del Plan", doc.para(percent(overall), "big_number"))],
    ]
    if objective:
        rows.append([("Objetivo", objective)])
    axes_list = doc.cell_list([f"{axis.title} ({percent(axis.effective_progress)})" for axis in axes])
    rows.append([("Ejes estratégicos", axes_list)])
    doc.fields(rows, label_share=0.22)
    if axes:
        doc.drawing(
            progress_bars(
                [f"Eje {index}" for index in range(1, len(axes) + 1)],
                [axis.effective_progress for axis in axes],
                doc.width,
                "Avance por eje estratégico",
            )
        )


def _axis_table(doc: PdfDocument, index: int, axis: StrategicAxis) -> None:
    doc.need(50)
    doc.heading(f"Eje estratégico {index}. {axis.title}")
    doc.markup(f"<b>Avance del eje:</b> {plain(percent(axis.effective_progress))}", "small")
    rows = [_action_row(doc, action) for action in axis.actions]
    if not rows:
        doc.text("El eje no tiene acciones registradas.")
        return
    doc.table(
        [Column("Acción", 2.3), Column("Tareas", 2.6), Column("Reporte cualitativo", 4.1)],
        rows,
        zebra=False,
    )


def _action_row(doc: PdfDocument, action: PlanAction) -> list[Any]:
    details = [f"<b>Avance:</b> {plain(percent(action.effective_progress))}"]
    if action.responsible:
        details.append(f"<b>Responsable:</b> {plain(action.responsible)}")
    action_cell = [
        doc.para(action.title, "cell_block"),
        doc.rich("<br/>".join(details), "cell_block"),
    ]
    tasks = doc.cell_list(
        [
            task.description + (f" ({percent(task.progress)})" if task.progress is not None else "")
            for task in action.tasks
        ]
    )
    report = (
        doc.cell_paragraphs(action.qualitative_report)
        if action.qualitative_report.strip()
        else [doc.para("Sin reporte cualitativo para este corte.", "small")]
    )
    return [action_cell, tasks, report]


def _indicators(doc: PdfDocument, axes: tuple[StrategicAxis, ...]) -> None:
    rows: list[Any] = []
    for axis in axes:
        for action in axis.actions:
            if action.indicators:
                rows.append(GroupRow(action.title))
            rows += [
                [
                    item.name,
                    item.territory or "—",
                    item.period or "—",
                    _value(item.value, item.unit),
                ]
                for item in action.indicators
            ]
    if not rows:
        return
    doc.need(40)
    doc.heading("Indicadores cuantitativos")
    doc.table(
        [
            Column("Indicador", 2.8),
            Column("Territorio", 1.5),
            Column("Periodo", 1.5),
            Column("Valor", 1.2, "right"),
        ],
        rows,
    )


def _value(value: float | int, unit: str) -> str:
    return f"{number(value)}\u00a0{unit}" if unit else number(value)

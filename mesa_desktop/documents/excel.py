"""Excel exports of attendance, commitments and the action plan (openpyxl).

The ministry and the focal points live in spreadsheets, so every sheet is a plain table:
one styled, frozen header row, an autofilter, real dates and times, percentages as numbers.
openpyxl is imported only when a workbook is made.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mesa_desktop.documents import common
from mesa_desktop.documents.data import (
    ActionPlanReport,
    AttendanceSheetData,
    Commitment,
    CommitmentStatus,
    MesaInfo,
)
from mesa_desktop.documents.text import CAPACITY_LABELS, STATUS_LABELS
from mesa_desktop.errors import MesaError

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

DATE_FORMAT = "DD/MM/YYYY"
TIME_FORMAT = "HH:MM"
PERCENT_FORMAT = "0%"
_HEADER_FILL = "1F3A5F"
_STATUS_FILLS = {CommitmentStatus.DONE: "E3F1E4", CommitmentStatus.OVERDUE: "F9E0E0"}


@dataclass(frozen=True)
class SheetColumn:
    header: str
    width: float  # in Excel character units
    number_format: str | None = None
    wrap: bool = False


# ---------------------------------------------------------------------- attendance

_ATTENDANCE = (
    SheetColumn("Sesión", 11),
    SheetColumn("Fecha", 11, DATE_FORMAT),
    SheetColumn("No.", 5),
    SheetColumn("Nombre", 30),
    SheetColumn("Cargo", 26),
    SheetColumn("Entidad", 30, wrap=True),
    SheetColumn("Dependencia", 34, wrap=True),
    SheetColumn("Tipo", 11),
    SheetColumn("Calidad", 18),
    SheetColumn("Correo electrónico", 30),
    SheetColumn("Teléfono", 15),
    SheetColumn("Hora de llegada", 10, TIME_FORMAT),
    SheetColumn("Hora de salida", 10, TIME_FORMAT),
    SheetColumn("Asistencia", 11),
    SheetColumn("Firma capturada", 9),
)


def attendance_workbook(sheets: AttendanceSheetData | Sequence[AttendanceSheetData]) -> bytes:
    """One worksheet per session ("Sesión NNN-YYYY")."""
    if isinstance(sheets, AttendanceSheetData):
        sheets = [sheets]
    book = new_book(sheets[0].mesa if sheets else None, "Asistencia a las sesiones")
    for sheet in sheets:
        session = sheet.session
        rows = [
            [
                session.number,
                session.date,
                index,
                person.name,
                person.position,
                person.entity,
                person.dependency,
                "Invitado(a)" if person.invited else "Integrante",
                CAPACITY_LABELS[person.capacity] if person.capacity else "",
                person.email,
                person.phone,
                person.check_in,
                person.check_out,
                "Virtual" if person.virtual else "Presencial",
                "Sí" if person.signature_png else "No",
            ]
            for index, person in enumerate(sheet.attendees, start=1)
        ]
        add_table(book, _sheet_title(f"Sesión {session.number}"), _ATTENDANCE, rows)
    if not sheets:
        add_table(book, "Asistencia", _ATTENDANCE, [])
    return book_bytes(book)


def write_attendance_xlsx(
    sheets: AttendanceSheetData | Sequence[AttendanceSheetData], target: str | os.PathLike[str]
) -> Path:
    return common.save(target, attendance_workbook(sheets))


# ---------------------------------------------------------------------- commitments

_COMMITMENTS = (
    SheetColumn("No.", 5),
    SheetColumn("Compromiso", 60, wrap=True),
    SheetColumn("Responsable", 34, wrap=True),
    SheetColumn("Fecha límite", 12, DATE_FORMAT),
    SheetColumn("Estado", 12),
    SheetColumn("Sesión de origen", 12),
    SheetColumn("Seguimiento", 50, wrap=True),
)


def commitments_workbook(commitments: Sequence[Commitment], *, mesa: MesaInfo | None = None) -> bytes:
    book = new_book(mesa, "Compromisos de la mesa")
    rows = [
        [
            index,
            item.text,
            item.responsible,
            item.due_date,
            STATUS_LABELS[item.status],
            item.source_session,
            item.follow_up,
        ]
        for index, item in enumerate(commitments, start=1)
    ]

    def shade(sheet: Worksheet, row: int) -> None:
        status = commitments[row - 2].status  # row 1 is the header
        if status in _STATUS_FILLS:
            sheet.cell(row=row, column=5).fill = solid_fill(_STATUS_FILLS[status])

    add_table(book, "Compromisos", _COMMITMENTS, rows, decorate=shade)
    return book_bytes(book)


def write_commitments_xlsx(
    commitments: Sequence[Commitment],
    target: str | os.PathLike[str],
    *,
    mesa: MesaInfo | None = None,
) -> Path:
    return common.save(target, commitments_workbook(commitments, mesa=mesa))


# ---------------------------------------------------------------------- action plan

_PLAN = (
    SheetColumn("No. eje", 7),
    SheetColumn("Eje estratégico", 40, wrap=True),
    SheetColumn("Avance del eje", 10, PERCENT_FORMAT),
    SheetColumn("Acción", 45, wrap=True),
    SheetColumn("Avance de la acción", 10, PERCENT_FORMAT),
    SheetColumn("Responsable", 28, wrap=True),
    SheetColumn("Tarea", 45, wrap=True),
    SheetColumn("Avance de la tarea", 10, PERCENT_FORMAT),
    SheetColumn("Inicio", 11, DATE_FORMAT),
    SheetColumn("Fin", 11, DATE_FORMAT),
    SheetColumn("Reporte cualitativo", 70, wrap=True),
    SheetColumn("Fecha de corte", 12, DATE_FORMAT),
)
_INDICATORS = (
    SheetColumn("No. eje", 7),
    SheetColumn("Acción", 45, wrap=True),
    SheetColumn("Indicador", 40, wrap=True),
    SheetColumn("Territorio", 22),
    SheetColumn("Periodo", 20),
    SheetColumn("Valor", 12, "#,##0.##"),
    SheetColumn("Unidad", 14),
)


def action_plan_workbook(report: ActionPlanReport) -> bytes:
    """One row per task (an action without tasks still gets a row), plus the indicators."""
    book = new_book(report.mesa, f"Plan de acción {report.year}")
    rows: list[list[Any]] = []
    indicators: list[list[Any]] = []
    for number, axis in enumerate(report.axes, start=1):
        for action in axis.actions:
            head = [
                number,
                axis.title,
                _ratio(axis.effective_progress),
                action.title,
                _ratio(action.effective_progress),
                action.responsible,
            ]
            for task in action.tasks or [None]:
                task_cells = (
                    [task.description, _ratio(task.progress), task.start_date, task.end_date]
                    if task
                    else [None, None, None, None]
                )
                rows.append([*head, *task_cells, action.qualitative_report, report.cut_off_date])
            indicators += [
                [
                    number,
                    action.title,
                    item.name,
                    item.territory,
                    item.period,
                    item.value,
                    item.unit,
                ]
                for item in action.indicators
            ]
    add_table(book, "Plan de acción", _PLAN, rows)
    add_table(book, "Indicadores", _INDICATORS, indicators)
    return book_bytes(book)


def write_action_plan_xlsx(report: ActionPlanReport, target: str | os.PathLike[str]) -> Path:
    return common.save(target, action_plan_workbook(report))


# ---------------------------------------------------------------------- helpers


def new_book(mesa: MesaInfo | None, title: str) -> Workbook:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    book.properties.title = title
    book.properties.creator = mesa.entity_name if mesa else "Mesa Desktop"
    book.properties.subject = mesa.mesa_name if mesa else title
    book.properties.language = "es-CO"
    return book


def add_table(
    book: Workbook,
    title: str,
    columns: Sequence[SheetColumn],
    rows: Sequence[Sequence[Any]],
    *,
    decorate: Callable[[Worksheet, int], None] | None = None,
) -> Worksheet:
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    append_row(sheet, [column.header for column in columns])
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = solid_fill(_HEADER_FILL)
    header_alignment = Alignment(vertical="center", wrap_text=True)
    for cell in sheet[1]:
        cell.font = header_font
        cell.fill = header_fill
        cell.alignment = header_alignment
    sheet.row_dimensions[1].height = 32
    wrap = Alignment(vertical="top", wrap_text=True)
    top = Alignment(vertical="top")
    for row_number, values in enumerate(rows, start=2):
        append_row(sheet, values)
        for column, cell in zip(columns, sheet[row_number], strict=True):
            if column.number_format:
                cell.number_format = column.number_format
            cell.alignment = wrap if column.wrap else top
        if decorate:
            decorate(sheet, row_number)
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(len(rows) + 1, 2)}"
    return sheet


def append_row(sheet: Worksheet, values: Sequence[Any]) -> None:
    """Append a row whose text is always text, never a formula.

    Names, acto numbers and notes come from people and from bundles; openpyxl would store
    ``=HYPERLINK(…)`` or ``=1+2`` as a live formula. Forcing the string type keeps the visible
    text exactly as typed and Excel never evaluates it. Every workbook row goes through here."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"


def solid_fill(colour: str) -> Any:
    from openpyxl.styles import PatternFill

    return PatternFill(fill_type="solid", start_color=colour, end_color=colour)


def book_bytes(book: Workbook) -> bytes:
    """The workbook's bytes. openpyxl stages each sheet in a file of the temp folder, so a
    full disk can fail here, before the target is touched."""
    import tempfile

    from lxml.etree import SerialisationError

    buffer = io.BytesIO()
    failed = False
    try:
        book.save(buffer)
    except (OSError, SerialisationError):
        failed = True
    if failed:
        _forget_half_written_sheets()
        raise MesaError(
            f"No hay espacio en el disco para preparar el Excel en la carpeta temporal "
            f"{tempfile.gettempdir()}. Libere espacio e inténtelo de nuevo; no se modificó ningún archivo."
        )
    return buffer.getvalue()


def _forget_half_written_sheets() -> None:
    # openpyxl's half-written sheet generators fail once more when collected and Python would
    # print that second, identical failure on stderr; collect them now, quietly.
    import gc
    import sys

    hook = sys.unraisablehook
    sys.unraisablehook = lambda _unraisable: None
    try:
        gc.collect()
    finally:
        sys.unraisablehook = hook


def _ratio(percent: float | None) -> float | None:
    return None if percent is None else percent / 100


def _sheet_title(text: str) -> str:
    """Excel refuses []:*?/\\ in sheet names and more than 31 characters."""
    return re.sub(r"[\[\]:*?/\\]", "-", text)[:31]

"""Excel exports read back with openpyxl: styled frozen header, autofilter, real dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path

import pytest
from openpyxl import load_workbook

from mesa_desktop.documents.data import CommitmentStatus
from mesa_desktop.documents.excel import (
    write_action_plan_xlsx,
    write_attendance_xlsx,
    write_commitments_xlsx,
)
from tests.support import samples


def assert_plain_table(sheet, headers: list[str]) -> None:
    assert [cell.value for cell in sheet[1]] == headers
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref.startswith("A1:")
    assert all(cell.font.bold for cell in sheet[1])
    assert sheet[1][0].fill.fgColor.rgb.endswith("1F3A5F")
    assert all(sheet.column_dimensions[c].width > 4 for c in "ABC")


def test_attendance_one_sheet_per_session(tmp_path: Path) -> None:
    first = samples.attendance_sheet(80)
    second = replace(
        samples.attendance_sheet(10),
        session=replace(samples.SESSION, number="004-2026", date=date(2026, 6, 16)),
    )
    path = write_attendance_xlsx([first, second], tmp_path / "asistencia.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["Sesión 003-2026", "Sesión 004-2026"]
    sheet = book["Sesión 003-2026"]
    assert_plain_table(
        sheet,
        [
            "Sesión",
            "Fecha",
            "No.",
            "Nombre",
            "Cargo",
            "Entidad",
            "Dependencia",
            "Tipo",
            "Calidad",
            "Correo electrónico",
            "Teléfono",
            "Hora de llegada",
            "Hora de salida",
            "Asistencia",
            "Firma capturada",
        ],
    )
    assert sheet.max_row == 81
    assert sheet.auto_filter.ref == "A1:O81"
    row = [cell.value for cell in sheet[2]]
    person = first.attendees[0]
    assert row[0] == "003-2026" and row[1] == datetime(2026, 3, 17)
    assert sheet["B2"].number_format == "DD/MM/YYYY"
    assert row[3] == person.name and row[9] == person.email
    assert row[11] == person.check_in and isinstance(row[11], time)
    assert row[8] == "Jefe de dependencia" and row[7] == "Integrante"
    invited = [r for r in sheet.iter_rows(min_row=2, values_only=True) if r[7] == "Invitado(a)"]
    assert invited and all(r[8] is None for r in invited)
    assert book["Sesión 004-2026"].max_row == 11


def test_single_session_export(tmp_path: Path) -> None:
    book = load_workbook(write_attendance_xlsx(samples.attendance_sheet(5), tmp_path / "una.xlsx"))
    assert book.sheetnames == ["Sesión 003-2026"]


def test_commitments_export(tmp_path: Path) -> None:
    items = list(samples.commitments(30))
    items[0] = replace(items[0], status=CommitmentStatus.OVERDUE, follow_up="Sin respuesta de la EPS.")
    book = load_workbook(write_commitments_xlsx(items, tmp_path / "compromisos.xlsx", mesa=samples.MESA))
    sheet = book["Compromisos"]
    assert_plain_table(
        sheet,
        [
            "No.",
            "Compromiso",
            "Responsable",
            "Fecha límite",
            "Estado",
            "Sesión de origen",
            "Seguimiento",
        ],
    )
    assert sheet.max_row == 31
    assert [c.value for c in sheet[2]][:5] == [
        1,
        items[0].text,
        items[0].responsible,
        datetime.combine(items[0].due_date, time()),
        "Vencido",
    ]
    assert sheet["G2"].value == "Sin respuesta de la EPS."
    assert sheet["E2"].fill.fgColor.rgb.endswith("F9E0E0")
    assert sheet["B2"].alignment.wrap_text
    assert book.properties.creator == samples.MESA.entity_name


def test_action_plan_export(tmp_path: Path) -> None:
    report = samples.action_plan()
    book = load_workbook(write_action_plan_xlsx(report, tmp_path / "plan.xlsx"))
    assert book.sheetnames == ["Plan de acción", "Indicadores"]
    plan = book["Plan de acción"]
    tasks = sum(max(len(action.tasks), 1) for axis in report.axes for action in axis.actions)
    assert plan.max_row == tasks + 1
    first = [c.value for c in plan[2]]
    assert first[0] == 1 and first[1] == report.axes[0].title
    assert first[6] == "Proyectar el decreto de conformación de la mesa"
    assert first[7] == pytest.approx(1.0) and plan["H2"].number_format == "0%"
    assert first[11] == datetime(2026, 11, 30)
    indicators = book["Indicadores"]
    assert indicators.max_row == 1 + sum(len(a.indicators) for axis in report.axes for a in axis.actions)
    assert 13442 in [c.value for c in indicators["F"]]

"""The national consolidated report (ministry): XLSX for analysis, PDF for circulation.

Both come from one ``NationalView``. The PDF opens with the map of Colombia by department
(coloured by the share of reporting territories that meet every rule) and the department
summary; the territory rows follow, grouped by department. Dates are es-CO, never ISO. The look is the documents' own: the PDF uses their
page template (header, "Página X de Y", embedded DejaVu) and the workbook their table
styling, so the ministry's report matches what the focal points print. Stale territories
(last bundle older than ``STALE_AFTER_DAYS``) are highlighted in red; territories with no
bundle at all in grey.

ReportLab and openpyxl load only when a report is made.

Thread affinity: none; call it off the GUI thread.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mesa_desktop import formatting
from mesa_desktop.bundle.national import (
    RULE_SHORT_NAMES,
    STALE_AFTER_DAYS,
    TRACKED_RULES,
    NationalView,
    TerritoryLine,
)
from mesa_desktop.clock import local
from mesa_desktop.documents import common
from mesa_desktop.documents import map as colombia_map
from mesa_desktop.documents.data import MesaInfo
from mesa_desktop.documents.layout import Column, GroupRow, plain
from mesa_desktop.documents.text import long_date
from mesa_desktop.errors import InvalidInput
from mesa_desktop.rules import compliance
from mesa_desktop.vocabulary import MesaKind, labels

MINISTRY = MesaInfo(
    entity_name="Ministerio de Salud y Protección Social",
    mesa_name="Oficina de Promoción Social — Mesas técnicas territoriales de migración y salud",
    territory_name="Colombia",
    city="Bogotá, D.C.",
)
TITLE = "Consolidado nacional de las mesas territoriales de migración y salud"
KIND_LABELS = labels(MesaKind)
_STALE_FILL = "F9E0E0"
_SILENT_FILL = "EDEDED"
_STALE_COLOUR = "#B00020"


# The department summary has a column per rule: abbreviated headings (explained above the table)
# so that no word breaks in two on a landscape page.
_SUMMARY_HEADINGS = {
    compliance.RULE_INSTALLATION: "Instal.",
    compliance.RULE_SESSIONS_PER_QUARTER: "Trim.",
    compliance.RULE_CLOSING: "Cierre",
    compliance.RULE_MINISTRY_MEETINGS: "MSPS",
    compliance.RULE_PERIODIC_REPORT: "Informe",
    compliance.RULE_ACTO_ADMINISTRATIVO: "Acto",
    compliance.RULE_FOCAL_POINT_REPORTED: "P. focal",
}


def kind_label(kind: str | None) -> str | None:
    """The Spanish name of a mesa kind; an unknown code shows as it is stored."""
    return KIND_LABELS.get(kind, kind) if kind else None


def write_national_report(view: NationalView, target: str | os.PathLike[str]) -> Path:
    """``.xlsx`` or ``.pdf`` according to the file name; written atomically."""
    path = Path(target)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return common.save(path, national_workbook(view))
    if suffix == ".pdf":
        return common.save(path, national_pdf(view))
    raise InvalidInput(f"El reporte nacional se genera como .pdf o .xlsx, no «{path.name}».")


def _note(view: NationalView) -> str:
    return (
        f"Año {view.year}, con corte al {long_date(view.today)}. {formatting.number(view.reported)} de "
        f"{formatting.number(len(view.lines))} territorios han enviado al menos un paquete. En rojo, los que no envían uno hace más de "
        f"{STALE_AFTER_DAYS} días; en gris, los que nunca han enviado."
    )


def _quarters(line: TerritoryLine) -> str:
    return " · ".join(str(count) for count in line.sessions_per_quarter)


def _quorum(line: TerritoryLine) -> str:
    return f"{line.with_quorum} de {line.ordinary_held}" if line.ordinary_held else "—"


def _progress(line: TerritoryLine) -> str:
    return f"{line.plan_progress:.0f} %" if line.plan_progress is not None else "—"


def _last_bundle(line: TerritoryLine) -> str:
    if line.last_bundle_at is None:
        return "Nunca"
    # The short date keeps the territory rows to two or three lines.
    day = formatting.short_day(local(line.last_bundle_at).date())
    return f"{day} (n.º {line.last_sequence}, {days_ago(line.days_since_bundle)})"


def days_ago(days: int | None) -> str:
    """'hoy', 'hace 1 día', 'hace 12 días'."""
    if not days or days <= 0:
        return "hoy"
    return f"hace {formatting.count(days, 'día', 'días')}"


def _cases(line: TerritoryLine) -> str:
    if line.cases_total is None:
        return "—"
    return f"{line.cases_total} ({line.cases_open} abiertos)" if line.cases_open else str(line.cases_total)


def department_shares(view: NationalView) -> dict[str, float | None]:
    """What the map colours: per department code, the share meeting every rule (None: no data)."""
    return {d.code: d.share for d in view.departments}


def department_coverage(view: NationalView) -> dict[str, tuple[int, int]]:
    """Per department code, (territories that reported, territories): how much a share rests on."""
    return {d.code: (d.reported, d.territories) for d in view.departments}


# --- workbook --------------------------------------------------------------------------------


def national_workbook(view: NationalView) -> bytes:
    # The documents' table styling (header, widths, filter, frozen row) for a consistent look.
    from mesa_desktop.documents.excel import (
        SheetColumn,
        add_table,
        append_row,
        book_bytes,
        new_book,
        solid_fill,
    )

    columns = (
        SheetColumn("Cód. depto.", 8),
        SheetColumn("Departamento", 22),
        SheetColumn("Código", 8),
        SheetColumn("Territorio", 26),
        SheetColumn("Reporta", 9),
        SheetColumn("Tipo de mesa", 13),
        # Unique headers: an analyst filters by name. The rule columns say they are rules; the
        # focal point's report is its rule's column (a second column said the same in other words).
        SheetColumn("Acto administrativo (texto)", 30, wrap=True),
        SheetColumn("Punto focal (nombre)", 26),
        *(SheetColumn(f"Regla: {RULE_SHORT_NAMES[rule]}", 14) for rule in TRACKED_RULES),
        SheetColumn("Casos del año", 9),
        SheetColumn("Casos abiertos", 9),
        SheetColumn("Cumple todas las reglas", 11),
        SheetColumn("Sesiones T1", 8),
        SheetColumn("Sesiones T2", 8),
        SheetColumn("Sesiones T3", 8),
        SheetColumn("Sesiones T4", 8),
        SheetColumn("Ordinarias realizadas", 11),
        SheetColumn("Con quórum", 9),
        SheetColumn("Compromisos abiertos", 11),
        SheetColumn("Compromisos vencidos", 11),
        SheetColumn("Avance del plan", 9, "0%"),
        SheetColumn("Último paquete", 12, "DD/MM/YYYY"),
        SheetColumn("Secuencia", 9),
        SheetColumn("Días desde el último paquete", 11),
        SheetColumn("Desactualizado", 11),
        SheetColumn("Llave verificada", 11),
    )
    rows = [_workbook_row(line) for line in view.lines]
    stale, silent = solid_fill(_STALE_FILL), solid_fill(_SILENT_FILL)

    def decorate(sheet: Any, row_number: int) -> None:
        line = view.lines[row_number - 2]
        fill = stale if line.stale else silent if not line.reported else None
        if fill is not None:
            for cell in sheet[row_number]:
                cell.fill = fill

    book = new_book(MINISTRY, TITLE)
    add_table(book, "Territorios", columns, rows, decorate=decorate)
    add_table(
        book,
        "Departamentos",
        (
            SheetColumn("Código", 8),
            SheetColumn("Departamento", 26),
            SheetColumn("Territorios", 11),
            SheetColumn("Reportan", 10),
            SheetColumn("Con acto administrativo", 11),
            SheetColumn("Punto focal reportado (a tiempo o con retraso)", 14),
            SheetColumn(f"Sin paquete hace más de {STALE_AFTER_DAYS} días", 14),
            SheetColumn("Compromisos vencidos", 11),
            *(SheetColumn(f"Cumplen la regla: {RULE_SHORT_NAMES[rule]}", 12) for rule in TRACKED_RULES),
            SheetColumn("Cumplen todas", 10),
            SheetColumn("Porcentaje que cumple", 10, "0%"),
            SheetColumn("Casos del año", 9),
        ),
        [
            [
                d.code,
                d.name,
                d.territories,
                d.reported,
                d.formalised,
                d.focal_point_reported,
                d.stale,
                d.overdue_commitments,
                *(d.meeting.get(rule, 0) for rule in TRACKED_RULES),
                d.compliant,
                d.share,
                d.cases_total,
            ]
            for d in view.departments
        ],
    )
    notes = book.create_sheet("Notas")
    # «a. m.» already ends in a period.
    generated = f"Generado el {formatting.moment(view.generated_at)}".removesuffix(".") + "."
    complies = (
        "«Regla: …» es el estado de cada regla en el territorio; «Cumplen la regla: …» cuenta los "
        "territorios que la cumplen, con retraso o aún en plazo. «Con acto administrativo» cuenta solo "
        "las mesas con acto registrado; «Punto focal reportado», solo los reportados a tiempo o con retraso."
    )
    for text in (TITLE, _note(view), generated, complies):
        append_row(notes, [text])
    notes.column_dimensions["A"].width = 120
    return book_bytes(book)


def _workbook_row(line: TerritoryLine) -> list[Any]:
    last = local(line.last_bundle_at).date() if line.last_bundle_at else None
    return [
        line.department_code,
        line.department_name,
        line.territory_code,
        line.territory_name,
        "Sí" if line.reported else "No",
        kind_label(line.mesa_kind),
        line.acto,
        line.focal_point,
        *((line.status_label(rule) if line.reported else None) for rule in TRACKED_RULES),
        line.cases_total,
        line.cases_open,
        ("Sí" if line.compliant else "No") if line.reported else None,
        *(line.sessions_per_quarter if line.reported else (None,) * 4),
        line.ordinary_held if line.reported else None,
        line.with_quorum if line.reported else None,
        line.open_commitments if line.reported else None,
        line.overdue_commitments if line.reported else None,
        line.plan_progress / 100 if line.plan_progress is not None else None,
        last,
        line.last_sequence,
        line.days_since_bundle,
        "Sí" if line.stale else None,
        ("Sí" if line.key_verified else "No, sin confirmar") if line.reported else None,
    ]


# --- PDF -------------------------------------------------------------------------------------


def national_pdf(view: NationalView) -> bytes:
    doc = common.new_document(
        MINISTRY,
        title=TITLE,
        subject=f"{TITLE} — {view.year}",
        header_title=TITLE,
        right=(f"Año {view.year}", f"Corte: {long_date(view.today)}"),
        footer=f"{TITLE} · {view.year}",
        wide=True,
        keywords=["consolidado", "nacional"],
    )
    doc.title_block(TITLE, f"Año {view.year} · corte al {long_date(view.today)}")
    doc.text(_note(view))
    doc.heading("Mapa de cumplimiento por departamento")
    doc.drawing(colombia_map.drawing(department_shares(view), doc.width, 350, department_coverage(view)))
    doc.page_break()
    doc.heading("Resumen por departamento")
    doc.text(
        "Por departamento: territorios, los que reportan y, entre ellos, los que cumplen cada regla "
        "(cumple también quien la cumplió con retraso o aún está en plazo). Instal.: sesión de "
        "instalación; Trim.: sesiones por trimestre; Cierre: sesión de cierre; MSPS: reuniones con el "
        "Ministerio; Informe: informes periódicos; Acto: acto administrativo; P. focal: punto focal "
        "reportado."
    )
    doc.table(
        [
            Column("Departamento", 2.4),
            Column("Territorios", 1.1, "right"),
            Column("Reportan", 1.0, "right"),
            *(Column(_SUMMARY_HEADINGS[rule], 0.8, "right") for rule in TRACKED_RULES),
            Column("Cumplen todas", 1.1, "right"),
            Column("Compromisos vencidos", 1.3, "right"),
            Column("Casos", 0.7, "right"),
        ],
        [
            [
                f"{d.code} {d.name}",
                str(d.territories),
                str(d.reported),
                *(str(d.meeting.get(rule, 0)) for rule in TRACKED_RULES),
                f"{d.compliant} ({colombia_map.percent_label(d.share)})",
                str(d.overdue_commitments),
                str(d.cases_total),
            ]
            for d in view.departments
        ],
        zebra=True,
    )
    _case_section(doc, view)
    reported = [line for line in view.lines if line.reported]
    if reported:
        doc.page_break()
        doc.heading("Situación por territorio")
        doc.table(
            [
                Column("Territorio", 2.2),
                Column("Acto administrativo", 2.3),
                Column("Punto focal", 0.9),
                Column("Instalación", 1),
                Column("Sesiones T1 · T2 · T3 · T4", 1.5, "center"),
                Column("Cierre", 0.9),
                Column("Reuniones Ministerio", 1),
                Column("Informes periódicos", 0.9, "center"),
                Column("Compromisos vencidos", 0.8, "right"),
                Column("Casos", 0.8, "right"),
                Column("Avance del plan", 0.7, "right"),
                Column("Último paquete", 1.7),
            ],
            _pdf_rows(doc, reported),
            zebra=True,
        )
    _silent_section(doc, view)
    return doc.build()


def _pdf_rows(doc: Any, lines: list[TerritoryLine]) -> list[Any]:
    rows: list[Any] = []
    department = None
    for line in lines:
        if line.department_code != department:
            department = line.department_code
            rows.append(GroupRow(f"{line.department_code} {line.department_name}"))
        name = f"{line.territory_code} {line.territory_name}"
        last = _last_bundle(line)
        if not line.key_verified:
            # Its bundles may be anyone's until the oficio's fingerprint is confirmed.
            name = doc.rich(f'{plain(name)}<br/><font color="{_STALE_COLOUR}">llave sin verificar</font>')
        rows.append(
            [
                name,
                line.acto or "No formalizada",
                line.focal_point_label,
                line.status_label(compliance.RULE_INSTALLATION),
                doc.rich(
                    f"{plain(_quarters(line))}<br/>"
                    f"{plain(line.status_label(compliance.RULE_SESSIONS_PER_QUARTER))}"
                ),
                line.status_label(compliance.RULE_CLOSING),
                line.status_label(compliance.RULE_MINISTRY_MEETINGS),
                line.status_label(compliance.RULE_PERIODIC_REPORT),
                str(line.overdue_commitments),
                _cases(line),
                _progress(line),
                doc.rich(f'<font color="{_STALE_COLOUR}"><b>{plain(last)}</b></font>')
                if line.stale
                else last,
            ]
        )
    return rows


def _silent_section(doc: Any, view: NationalView) -> None:
    """The territories that never sent a bundle: one paragraph of names per department, not
    a row of dashes each (they were most of the report's pages)."""
    by_department: dict[str, list[TerritoryLine]] = {}
    totals: dict[str, int] = {}
    for line in view.lines:
        totals[line.department_code] = totals.get(line.department_code, 0) + 1
        if not line.reported:
            by_department.setdefault(line.department_code, []).append(line)
    if not by_department:
        return
    silent = sum(len(lines) for lines in by_department.values())
    doc.heading("Territorios que nunca han enviado un paquete")
    doc.text(
        f"{formatting.number(silent)} de {formatting.number(len(view.lines))} territorios, por "
        "departamento (entre paréntesis, cuántos de los suyos no han enviado)."
    )
    for code, lines in by_department.items():
        names = " · ".join(
            "mesa departamental" if line.territory_code == line.department_code else line.territory_name
            for line in lines
        )
        if len(lines) < totals[code]:
            count = f"{len(lines)} de {totals[code]}"
        else:
            count = "su único territorio" if len(lines) == 1 else f"todos sus {len(lines)}"
        doc.markup(f"<b>{plain(f'{code} {lines[0].department_name}')}</b> ({count}): {plain(names)}")


def _case_section(doc: Any, view: NationalView) -> None:
    """The country's referred cases per need and status: totals only, as the bundles carry them."""
    from mesa_desktop.vocabulary import CaseNeed, CaseStatus, labels

    doc.heading("Casos remitidos por necesidad y estado")
    if not view.case_totals:
        doc.text(f"Ningún territorio reportó casos remitidos en {view.year}.")
        return
    statuses = labels(CaseStatus)
    needs = labels(CaseNeed)
    sums = dict.fromkeys((*statuses, "total"), 0)
    rows = []
    for need, counts in view.case_totals:
        rows.append([needs.get(need, need), *(str(counts.get(k, 0)) for k in (*statuses, "total"))])
        for key in sums:
            sums[key] += counts.get(key, 0)
    rows.append(["Total", *(str(sums[k]) for k in (*statuses, "total"))])
    doc.text(
        f"Casos remitidos en {view.year} según los paquetes recibidos de los territorios (solo totales por "
        "necesidad y estado: el Ministerio no recibe códigos, nombres ni rutas de los casos)."
    )
    doc.table(
        [
            Column("Necesidad", 2.4),
            *(Column(label, 1, "right") for label in statuses.values()),
            Column("Total", 0.8, "right"),
        ],
        rows,
    )

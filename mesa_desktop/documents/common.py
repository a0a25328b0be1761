"""Sections more than one document prints, written once.

Importing this module is free: ReportLab is loaded by ``new_document`` when a PDF is made.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mesa_desktop.atomic import write_bytes
from mesa_desktop.documents.data import Attendee, Commitment, MesaInfo, SessionInfo, Signatory
from mesa_desktop.documents.layout import Column, PageHeader, plain
from mesa_desktop.documents.text import (
    CAPACITY_LABELS,
    MODALITY_LABELS,
    STATUS_LABELS,
    clock,
    long_date,
    place_line,
    short_date,
)

if TYPE_CHECKING:
    from mesa_desktop.documents.pdfdoc import PdfDocument


def new_document(
    mesa: MesaInfo,
    *,
    title: str,
    subject: str,
    header_title: str,
    right: Sequence[str] = (),
    footer: str = "",
    note: str = "",
    wide: bool = False,
    draft: bool = False,
    keywords: Sequence[str] = (),
) -> PdfDocument:
    """A PDF with the mesa's page header; the first call in a process loads ReportLab."""
    from mesa_desktop.documents.pdfdoc import PdfDocument

    header = PageHeader(
        entity=mesa.entity_name,
        mesa=mesa.mesa_name,
        title=header_title,
        right=tuple(right),
        footer=footer,
        note=note,
        logo_png=mesa.logo_png,
    )
    return PdfDocument(
        title=title,
        subject=subject,
        author=mesa.entity_name,
        header=header,
        keywords=[mesa.mesa_name, mesa.territory_name, *keywords],
        wide=wide,
        draft=draft,
    )


def save(target: str | os.PathLike[str], content: bytes) -> Path:
    """Write a finished document atomically and return where it went."""
    path = Path(target)
    write_bytes(path, content)
    return path


def session_fields(doc: PdfDocument, session: SessionInfo, mesa: MesaInfo | None = None) -> None:
    """The date / time / place / modality grid at the top of session documents."""
    rows: list[list[tuple[str, str]]] = []
    if mesa is not None:
        rows.append([("Entidad", mesa.entity_name)])
    rows += [
        [("Fecha", long_date(session.date)), ("Modalidad", MODALITY_LABELS[session.modality])],
        [
            ("Hora de inicio", clock(session.start_time)),
            ("Hora de finalización", clock(session.end_time)),
        ],
        [("Lugar", place_line(session.place, session.modality, session.virtual_link))],
    ]
    if mesa is not None and mesa.acto_administrativo:
        rows.append([("Acto administrativo", mesa.acto_administrativo)])
    doc.fields(rows, label_share=0.22)


def affiliation(person: Attendee) -> str:
    """Members are dependencies of the entity (DESIGN §2), so their dependency says it all;
    invited actors are known by their organisation."""
    if person.invited:
        return person.entity or "—"
    return person.dependency


def capacity_label(person: Attendee) -> str:
    if person.invited or person.capacity is None:
        return "Invitado(a)"
    return CAPACITY_LABELS[person.capacity]


def attendance_table(
    doc: PdfDocument,
    attendees: Sequence[Attendee],
    *,
    contact: bool,
    blank_rows: int = 0,
) -> None:
    """The signed attendance list: with contact details on the attendance sheet, without
    them (but with each person's capacity) in the acta's annex, which circulates widely."""
    signature_column = Column("Firma", 1.75 if contact else 1.9, "center", "middle")
    time_column = Column("Hora de llegada" if contact else "Hora", 0.8, "center", "middle")
    if contact:
        columns = [
            Column("No.", 0.4, "center"),
            Column("Nombre", 2.2),
            Column("Cargo", 1.6),
            Column("Entidad / dependencia", 2.1),
            Column("Correo electrónico", 1.9),
            Column("Teléfono", 1.05),
            time_column,
            signature_column,
        ]
        box = (36, 10)
    else:
        columns = [
            Column("No.", 0.4, "center"),
            Column("Nombre y cargo", 2.3),
            Column("Dependencia o entidad", 2.3),
            Column("Calidad", 1.15),
            time_column,
            signature_column,
        ]
        box = (34, 9)
    rows: list[list[Any]] = []
    for index, person in enumerate(attendees, start=1):
        signature = "Virtual" if person.virtual else doc.signature_image(person.signature_png, *box) or ""
        if contact:
            middle: list[Any] = [
                person.name,
                person.position or "—",
                affiliation(person),
                person.email or "—",
                _unbroken(person.phone) or "—",
            ]
        else:
            middle = [_name_and_position(doc, person), affiliation(person), capacity_label(person)]
        rows.append([str(index), *middle, clock(person.check_in), signature])
    start = len(attendees) + 1
    for index in range(start, start + blank_rows):
        rows.append([str(index)] + [""] * (len(columns) - 1))
    doc.table(columns, rows, min_row_height=(12 if contact else 10.5) * _MM)


def _unbroken(text: str) -> str:
    """Keep a phone number on one line."""
    return text.strip().replace(" ", "\u00a0")


def _name_and_position(doc: PdfDocument, person: Attendee) -> Any:
    if not person.position:
        return person.name
    return doc.rich(
        f'{plain(person.name)}<br/><font size="7.3" color="#5B6B7C">{plain(person.position)}</font>'
    )


def commitments_table(doc: PdfDocument, commitments: Sequence[Commitment], *, review: bool = False) -> None:
    """New commitments (what, who, by when) or, with ``review``, their status and follow-up."""
    columns = [
        Column("No.", 0.4, "center"),
        Column("Compromiso", 4.2 if not review else 3.2),
        Column("Responsable", 1.9 if not review else 1.7),
        Column("Fecha límite", 1.0, "center"),
    ]
    with_notes = review and any(item.follow_up.strip() for item in commitments)
    if review:
        columns.append(Column("Estado", 0.9, "center"))
    if with_notes:
        columns.append(Column("Seguimiento", 2.4))
    rows = []
    for index, item in enumerate(commitments, start=1):
        row = [str(index), item.text, item.responsible, short_date(item.due_date)]
        if review:
            row.append(STATUS_LABELS[item.status])
        if with_notes:
            row.append(item.follow_up or "—")
        rows.append(row)
    doc.table(columns, rows)


def signatures(doc: PdfDocument, signatories: Sequence[Signatory], default_roles: Sequence[str]) -> None:
    """Signature blocks; with nobody named, blank blocks for the roles the document needs."""
    doc.signature_blocks(signatories or [Signatory(name="", role=role) for role in default_roles])


def dateline(mesa: MesaInfo, when: date) -> str:
    """'San José de Cúcuta, 15 de marzo de 2026', as letters are dated."""
    return f"{mesa.city}, {long_date(when)}" if mesa.city else long_date(when)


_MM = 72 / 25.4  # points per millimetre, without importing ReportLab's units

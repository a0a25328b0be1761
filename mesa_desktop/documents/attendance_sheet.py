"""The listado de asistencia of a session, with the captured signatures and the Ley 1581 notice.

Landscape, like the paper form people are used to; ``blank_rows`` adds numbered empty rows so
the sheet can also be printed and signed by hand when the laptop cannot be used.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from mesa_desktop.documents import common
from mesa_desktop.documents.data import AttendanceSheetData, MesaInfo
from mesa_desktop.documents.layout import plain
from mesa_desktop.documents.text import KIND_LABELS, long_date, session_reference, session_title

if TYPE_CHECKING:
    from mesa_desktop.documents.pdfdoc import PdfDocument

PAGE_NOTE = (
    "Al firmar este listado, o al registrar su asistencia virtual, usted autoriza el tratamiento "
    "de sus datos personales conforme a la Ley 1581 de 2012 y al aviso de privacidad que figura "
    "al final de este documento."
)


def privacy_notice(mesa: MesaInfo) -> list[tuple[str, str]]:
    """The data-processing notice (Ley 1581 de 2012, Decreto 1074 de 2015) as (heading, text)."""
    contact = _contact(mesa)
    responsible = f"{mesa.entity_name}, en su calidad de secretaría técnica de la {mesa.mesa_name}."
    if contact:
        responsible += f" {contact[:1].upper()}{contact[1:]}."
    return [
        ("Responsable del tratamiento", responsible),
        (
            "Datos que se recogen",
            "Nombre, cargo, entidad o dependencia, correo electrónico, teléfono, hora de llegada "
            "y firma. Este listado no recoge datos sensibles.",
        ),
        (
            "Finalidad",
            "Verificar la asistencia y el quórum de la sesión; elaborar y enviar el acta; "
            "comunicar las convocatorias y hacer seguimiento a los compromisos de la mesa; y "
            "reportar al Ministerio de Salud y Protección Social la información sobre el "
            "funcionamiento de la mesa. Los datos no se usarán para otros fines ni se entregarán a "
            "terceros, salvo por obligación legal o por orden de autoridad competente. Al "
            "Ministerio solo se reportan cifras agregadas y los datos de las actas aprobadas.",
        ),
        (
            "Derechos del titular",
            "Conocer, actualizar y rectificar sus datos personales; solicitar prueba de la "
            "autorización otorgada; ser informado sobre el uso que se ha dado a sus datos; "
            "presentar quejas ante la Superintendencia de Industria y Comercio; revocar la "
            "autorización o solicitar la supresión de sus datos cuando no se respeten los "
            "principios, derechos y garantías constitucionales y legales; y acceder en forma "
            "gratuita a sus datos (artículo 8 de la Ley 1581 de 2012).",
        ),
        (
            "Cómo ejercerlos",
            "Mediante solicitud dirigida a la secretaría técnica de la mesa"
            f"{' (' + contact + ')' if contact else ''}. Las consultas se atienden en un máximo de "
            "diez (10) días hábiles y los reclamos en un máximo de quince (15) días hábiles "
            "(artículos 14 y 15 de la Ley 1581 de 2012).",
        ),
        (
            "Autorización",
            "Con su firma en este listado, o con el registro de su asistencia virtual por la "
            "secretaría técnica, usted autoriza de manera previa, expresa e informada el "
            "tratamiento de sus datos para las finalidades descritas.",
        ),
    ]


def attendance_sheet_pdf(sheet: AttendanceSheetData, *, blank_rows: int = 0) -> bytes:
    """The listado de asistencia as PDF bytes."""
    session = sheet.session
    doc = common.new_document(
        sheet.mesa,
        title=f"Listado de asistencia – {session_title(session.kind, session.number)}",
        subject=f"Listado de asistencia de la {session_reference(session.kind, session.number)}",
        header_title="LISTADO DE ASISTENCIA",
        right=(session_title(session.kind, session.number), long_date(session.date)),
        footer=f"Listado de asistencia · {session_title(session.kind, session.number)}",
        note=PAGE_NOTE,
        wide=True,
        keywords=["listado de asistencia", session.number],
    )
    doc.title_block(
        "LISTADO DE ASISTENCIA",
        f"{sheet.mesa.mesa_name} – Sesión {KIND_LABELS[session.kind]} No. {session.number}",
    )
    common.session_fields(doc, session)
    if sheet.attendees:  # a sheet of blank rows is a paper form to be filled in by hand
        present = sum(1 for person in sheet.attendees if not person.virtual)
        doc.markup(
            f"<b>Total de asistentes:</b> {len(sheet.attendees)} "
            f"({present} presenciales y {len(sheet.attendees) - present} virtuales).",
            "small",
        )
    common.attendance_table(doc, sheet.attendees, contact=True, blank_rows=blank_rows)
    _notice(doc, sheet.mesa)
    return doc.build()


def write_attendance_sheet(
    sheet: AttendanceSheetData, target: str | os.PathLike[str], *, blank_rows: int = 0
) -> Path:
    """Render the listado de asistencia and write it atomically to ``target``."""
    return common.save(target, attendance_sheet_pdf(sheet, blank_rows=blank_rows))


def _notice(doc: PdfDocument, mesa: MesaInfo) -> None:
    lines = [f"<b>{plain(heading)}:</b> {plain(text)}" for heading, text in privacy_notice(mesa)]
    doc.need(45)
    doc.heading("Aviso de privacidad y autorización para el tratamiento de datos personales")
    doc.callout("<br/>".join(lines), style="notice")


def _contact(mesa: MesaInfo) -> str:
    parts = []
    if mesa.address:
        parts.append(f"dirección: {mesa.address}")
    if mesa.contact_email:
        parts.append(f"correo electrónico: {mesa.contact_email}")
    if mesa.contact_phone:
        parts.append(f"teléfono: {mesa.contact_phone}")
    return "; ".join(parts)

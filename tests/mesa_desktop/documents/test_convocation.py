"""The convocation: letter PDF, iCalendar invitation and e-mail draft, read back with pypdf,
icalendar and the standard library's e-mail parser; and the lead-time rule."""

from __future__ import annotations

import email
import io
import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from email.policy import default as default_policy
from pathlib import Path

import pypdf
import pytest
from icalendar import Calendar

from mesa_desktop.documents.convocation import (
    convocation_eml,
    convocation_ics,
    convocation_pdf,
    convocation_warning,
    lead_time_warning,
    write_convocation,
)
from mesa_desktop.documents.data import ConvocationData, Modality, SessionKind
from mesa_desktop.errors import InvalidInput
from tests.support import samples


@pytest.fixture(scope="module")
def data() -> ConvocationData:
    return samples.convocation()


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def the_event(ics: bytes):
    calendar = Calendar.from_ical(ics)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_letter_content(data: ConvocationData) -> None:
    reader = pypdf.PdfReader(io.BytesIO(convocation_pdf(data)))
    everything = flat(" ".join(page.extract_text() for page in reader.pages))
    assert "San José de Cúcuta, 2 de marzo de 2026" in everything
    assert "Asunto: Convocatoria a sesión ordinaria No. 003-2026" in everything
    assert "martes 17 de marzo de 2026, de 8:30 a. m. a 12:15 p. m." in everything
    for item in data.agenda:
        assert item.title in everything
    assert data.session.virtual_link in everything
    assert "Auditorio Eustorgio Colmenares" in everything
    assert data.sender.name in everything and "Secretaría técnica" in everything
    assert "Radicado: SSM-OPS-2026-0318" in everything
    for person in data.addressees:
        assert person.name in everything
    assert "Página 1 de" in everything
    assert reader.metadata.title == "Convocatoria – Sesión ordinaria No. 003-2026"


def test_invitation_parses_back(data: ConvocationData) -> None:
    calendar, event = the_event(convocation_ics(data))
    assert str(calendar["METHOD"]) == "REQUEST"
    assert str(event["UID"]) == "5d0f0c6e-8a39-4f47-9c55-3e6f4d1b2a77@mesa-desktop"
    start = event.decoded("DTSTART")
    end = event.decoded("DTEND")
    assert start.replace(tzinfo=None) == datetime(2026, 3, 17, 8, 30)
    assert end.replace(tzinfo=None) == datetime(2026, 3, 17, 12, 15)
    assert str(start.tzinfo) == "America/Bogota"
    assert start.utcoffset() == timedelta(hours=-5)
    assert event["DTSTART"].params["TZID"] == "America/Bogota"
    assert calendar.walk("VTIMEZONE"), "the invitation carries its time zone"
    assert "Auditorio Eustorgio Colmenares" in str(event["LOCATION"])
    assert str(event["URL"]) == data.session.virtual_link
    description = str(event["DESCRIPTION"])
    for index, item in enumerate(data.agenda, start=1):
        assert f"{index}. {item.title}" in description
    assert str(event["ORGANIZER"]) == "mailto:migracionysalud@cucuta.gov.co"
    attendees = event["ATTENDEE"]
    with_email = [p for p in data.addressees if p.email]
    assert len(attendees) == len(with_email) == 12
    assert {str(a) for a in attendees} == {f"mailto:{p.email}" for p in with_email}
    assert attendees[0].params["CN"] == with_email[0].name


def test_invitation_uid_is_stable_per_session(data: ConvocationData) -> None:
    _, first = the_event(convocation_ics(data))
    _, again = the_event(convocation_ics(replace(data, sequence=1, convocation_date=date(2026, 3, 1))))
    assert str(first["UID"]) == str(again["UID"])
    assert int(again["SEQUENCE"]) == 1
    _, other = the_event(
        convocation_ics(replace(data, session=replace(data.session, number="004-2026", uid="")))
    )
    assert str(other["UID"]) == "sesion-004-2026-54001@mesa-desktop"


def test_invitation_without_end_time_lasts_two_hours(data: ConvocationData) -> None:
    session = replace(data.session, end_time=None, modality=Modality.IN_PERSON, virtual_link="")
    _, event = the_event(convocation_ics(replace(data, session=session)))
    assert event.decoded("DTEND") - event.decoded("DTSTART") == timedelta(hours=2)
    assert "URL" not in event


def test_email_draft_has_both_attachments(data: ConvocationData) -> None:
    message = email.message_from_bytes(convocation_eml(data), policy=default_policy)
    assert message["X-Unsent"] == "1"
    assert message["Subject"].startswith("Convocatoria a sesión ordinaria No. 003-2026")
    assert "migracionysalud@cucuta.gov.co" in message["From"]
    assert len(message["To"].addresses) == 12
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Respetados(as) integrantes:" in body and "Verificación de asistencia" in body
    attachments = list(message.iter_attachments())
    assert [a.get_content_type() for a in attachments] == ["application/pdf", "text/calendar"]
    assert [a.get_filename() for a in attachments] == [
        "convocatoria-003-2026.pdf",
        "convocatoria-003-2026.ics",
    ]
    assert attachments[1].get_param("method") == "REQUEST"
    pdf = attachments[0].get_content()
    assert len(pypdf.PdfReader(io.BytesIO(pdf)).pages) >= 1
    ics = attachments[1].get_content()  # text/calendar comes back decoded as str
    _, event = the_event(ics.encode("utf-8") if isinstance(ics, str) else ics)
    assert str(event["UID"]).startswith(data.session.uid)


def test_write_convocation_writes_the_three_files(tmp_path: Path, data: ConvocationData) -> None:
    files = write_convocation(data, tmp_path)
    assert files.pdf.name == "convocatoria-003-2026.pdf" and files.pdf.read_bytes().startswith(b"%PDF")
    assert files.ics.read_bytes().startswith(b"BEGIN:VCALENDAR")
    assert b"X-Unsent: 1" in files.eml.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "convocatoria-003-2026.eml",
        "convocatoria-003-2026.ics",
        "convocatoria-003-2026.pdf",
    ]


def test_extraordinary_virtual_convocation(data: ConvocationData) -> None:
    session = replace(data.session, kind=SessionKind.EXTRAORDINARY, modality=Modality.VIRTUAL, place="")
    text = flat(
        " ".join(
            p.extract_text()
            for p in pypdf.PdfReader(io.BytesIO(convocation_pdf(replace(data, session=session)))).pages
        )
    )
    assert "Convocatoria a sesión extraordinaria No. 003-2026" in text
    assert "no se requiere quórum" in text
    assert "de manera virtual" in text


def test_convocation_needs_a_start_time(data: ConvocationData) -> None:
    with pytest.raises(InvalidInput, match="hora de inicio"):
        replace(data, session=replace(data.session, start_time=None, end_time=None))


def test_lead_time_warning() -> None:
    session = date(2026, 3, 17)
    assert lead_time_warning(date(2026, 3, 3), session) is None  # exactly two weeks
    warning = lead_time_warning(date(2026, 3, 10), session)
    assert warning is not None and "7 días calendario" in warning and "al menos 14 días" in warning
    assert "1 día calendario" in lead_time_warning(date(2026, 3, 16), session)
    assert "el mismo día" in lead_time_warning(session, session)
    assert "posterior" in lead_time_warning(date(2026, 3, 18), session)
    assert lead_time_warning(date(2026, 3, 10), session, min_days=7) is None


def test_convocation_warning_uses_the_mesa_minimum(data: ConvocationData) -> None:
    assert convocation_warning(data) is None  # 15 days' notice
    short = replace(data, convocation_date=date(2026, 3, 9))
    assert "8 días" in convocation_warning(short)
    assert convocation_warning(replace(short, min_lead_days=5)) is None


def test_invalid_email_is_reported_in_spanish(data: ConvocationData) -> None:
    broken = replace(data, addressees=(replace(data.addressees[0], email="nombre apellido@@x"),))
    with pytest.raises(InvalidInput, match="no es válida"):
        convocation_eml(broken, pdf=b"%PDF-1.4", ics=b"BEGIN:VCALENDAR")

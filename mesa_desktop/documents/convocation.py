"""The convocation of a session: a signed letter (PDF), a calendar invitation (.ics) and an
e-mail draft (.eml) carrying both, which the focal point sends from their own mail client
when there is connectivity.

Each convened person's personal check-in code goes with it, as a QR code: the letter PDF ends
with an annex of cards (one per person, to print and hand out), and every person with an
e-mail address gets a personal draft of their own with their QR inline. The group draft and
the letter attached to any e-mail leave the annex out, so no one receives another's code.

The lead-time rule (DESIGN §2: at least two weeks' notice, configurable per mesa) is checked
by ``lead_time_warning``; a short notice is flagged, never refused.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path
from typing import TYPE_CHECKING

from mesa_desktop.atomic import write_all
from mesa_desktop.documents import common, email_draft
from mesa_desktop.documents.data import Addressee, ConvocationData
from mesa_desktop.documents.layout import Column, plain
from mesa_desktop.documents.text import (
    MODALITY_LABELS,
    clock,
    long_date,
    session_reference,
    session_title,
    time_range,
    weekday_date,
)
from mesa_desktop.errors import InvalidInput
from mesa_desktop.vocabulary import Modality, SessionKind

if TYPE_CHECKING:
    from mesa_desktop.documents.pdfdoc import PdfDocument

TIMEZONE = "America/Bogota"
DEFAULT_DURATION = timedelta(hours=2)  # when the session has no end time


CODE_HINT = "Muestre este código al llegar"


@dataclass(frozen=True)
class ConvocationFiles:
    pdf: Path
    ics: Path
    eml: Path
    personal_eml: tuple[Path, ...] = ()  # one draft per convened person with an address
    without_email: tuple[str, ...] = ()  # convened people the e-mails cannot reach


def lead_time_warning(convocation_date: date, session_date: date, min_days: int = 14) -> str | None:
    """A Spanish warning when the convocation gives less notice than the mesa requires."""
    days = (session_date - convocation_date).days
    if days < 0:
        return (
            f"La fecha de la convocatoria ({long_date(convocation_date)}) es posterior a la de la "
            f"sesión ({long_date(session_date)}). Revise las fechas."
        )
    if days >= min_days:
        return None
    notice = (
        "el mismo día de la sesión"
        if days == 0
        else (
            "con 1 día calendario de anticipación"
            if days == 1
            else f"con {days} días calendario de anticipación"
        )
    )
    return (
        f"La convocatoria se envía {notice}; la mesa exige al menos {min_days} días. "
        "Considere aplazar la sesión o deje constancia en el acta de la razón de la convocatoria "
        "con menor anticipación."
    )


def convocation_warning(data: ConvocationData) -> str | None:
    """``lead_time_warning`` with the mesa's own minimum."""
    return lead_time_warning(data.convocation_date, data.session.date, data.min_lead_days)


def file_stem(data: ConvocationData) -> str:
    return f"convocatoria-{data.session.number}"


def subject(data: ConvocationData) -> str:
    session = session_reference(data.session.kind, data.session.number)
    return f"Convocatoria a {session} – {data.mesa.mesa_name}"


def without_email_warning(data: ConvocationData) -> str | None:
    """Who has no e-mail address, in Spanish, or None when the e-mail reaches everyone."""
    names = data.without_email
    if not names:
        return None
    return (
        f"{len(names)} persona(s) convocada(s) no tienen correo registrado y no recibirán el "
        f"correo: {', '.join(names)}. Convóquelas por otro medio (entregue la carta impresa con "
        "su código o llámelas)."
    )


def convocation_pdf(data: ConvocationData, *, codes: bool = True) -> bytes:
    """The convocation letter as PDF bytes; with ``codes``, the annex of personal code cards."""
    session = data.session
    doc = common.new_document(
        data.mesa,
        title=f"Convocatoria – {session_title(session.kind, session.number)}",
        subject=subject(data),
        header_title="CONVOCATORIA",
        right=tuple(
            line
            for line in (
                data.reference and f"Radicado: {data.reference}",
                session_title(session.kind, session.number),
            )
            if line
        ),
        footer=f"Convocatoria a {session_reference(session.kind, session.number)}",
        keywords=["convocatoria", session.number],
    )
    doc.markup(plain(common.dateline(data.mesa, data.convocation_date)))
    doc.spacer(3)
    doc.markup(
        "Señoras y señores<br/>"
        f"<b>Integrantes de la {plain(data.mesa.mesa_name)}</b><br/>"
        f"{plain(data.mesa.city or data.mesa.territory_name)}"
    )
    doc.spacer(2)
    doc.markup(f"<b>Asunto: Convocatoria a {plain(session_reference(session.kind, session.number))}</b>")
    doc.spacer(1)
    doc.text("Respetados(as) integrantes:")
    doc.text(data.body or _opening(data))
    if session.objective:
        doc.markup(f"<b>Objetivo de la sesión:</b> {plain(session.objective)}")
    doc.text("El orden del día propuesto es el siguiente:")
    doc.bullets([item.title for item in data.agenda])
    doc.fields(_logistics(data))
    doc.text(_closing(data))
    doc.text("Cordialmente,")
    doc.signature_blocks([data.sender])
    if data.addressees:
        _addressees(doc, data)
    if codes and any(p.check_in_code for p in data.addressees):
        _code_annex(doc, data)
    return doc.build()


def convocation_ics(data: ConvocationData) -> bytes:
    """An iCalendar invitation (METHOD:REQUEST) with a stable UID per session."""
    from zoneinfo import ZoneInfo

    from icalendar import Alarm, Calendar, Event, vCalAddress, vText

    session = data.session
    zone = ZoneInfo(TIMEZONE)
    assert session.start_time is not None  # ConvocationData refuses sessions without one
    start = datetime.combine(session.date, session.start_time, tzinfo=zone)
    end = (
        datetime.combine(session.date, session.end_time, tzinfo=zone)
        if session.end_time
        else start + DEFAULT_DURATION
    )
    calendar = Calendar()
    calendar.add("prodid", "-//Mesa Desktop//Convocatorias de la mesa técnica//ES")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "REQUEST")

    event = Event()
    event.add("uid", _uid(data))
    event.add("sequence", data.sequence)
    # DTSTAMP derives from the convocation date so the same convocation gives the same file.
    event.add("dtstamp", datetime.combine(data.convocation_date, datetime.min.time(), tzinfo=zone))
    event.add("dtstart", start)
    event.add("dtend", end)
    event.add("summary", f"{session_title(session.kind, session.number)} – {data.mesa.mesa_name}")
    event.add("location", _location(data))
    if session.virtual_link:
        event.add("url", session.virtual_link)
    event.add("description", _plain_description(data))
    event.add("status", "CONFIRMED")
    event.add("transp", "OPAQUE")
    if data.sender_email:
        _address(data.sender.name, data.sender_email)  # refuse what the e-mail draft refuses
        organizer = vCalAddress(f"mailto:{data.sender_email.strip()}")
        organizer.params["cn"] = vText(data.sender.name)
        event.add("organizer", organizer)
    for person in data.addressees:
        if not person.email:
            continue
        _address(person.name, person.email)
        attendee = vCalAddress(f"mailto:{person.email.strip()}")
        attendee.params["cn"] = vText(person.name)
        attendee.params["role"] = vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = vText("NEEDS-ACTION")
        attendee.params["rsvp"] = vText("TRUE")
        event.add("attendee", attendee)
    reminder = Alarm()
    reminder.add("action", "DISPLAY")
    reminder.add("description", f"Recordatorio: {session_title(session.kind, session.number)}")
    reminder.add("trigger", timedelta(days=-1))
    event.add_component(reminder)
    calendar.add_component(event)
    calendar.add_missing_timezones()
    ical: bytes = calendar.to_ical()
    return ical


def _sender(data: ConvocationData) -> Address | None:
    return _address(data.sender.name, data.sender_email) if data.sender_email else None


def _with_letter_and_invitation(
    message: EmailMessage, data: ConvocationData, pdf: bytes, ics: bytes
) -> bytes:
    """Attach the letter and the calendar invitation, as every convocation e-mail carries them."""
    stem = file_stem(data)
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=f"{stem}.pdf")
    message.add_attachment(
        ics,
        maintype="text",
        subtype="calendar",
        filename=f"{stem}.ics",
        params={"method": "REQUEST", "charset": "utf-8"},
    )
    return email_draft.draft_bytes(message)


def convocation_eml(data: ConvocationData, pdf: bytes | None = None, ics: bytes | None = None) -> bytes:
    """An unsent e-mail (X-Unsent: 1) with the letter and the invitation attached, to every
    addressee with an address (``without_email`` names the others)."""
    pdf = convocation_pdf(data, codes=False) if pdf is None else pdf
    ics = convocation_ics(data) if ics is None else ics
    sender = _sender(data)
    recipients = [_address(p.name, p.email) for p in data.addressees if p.email]
    message = email_draft.new_draft(subject(data), to=recipients, sender=sender)
    message.set_content(_email_body(data))
    return _with_letter_and_invitation(message, data, pdf, ics)


def personal_eml(
    data: ConvocationData, person: Addressee, pdf: bytes | None = None, ics: bytes | None = None
) -> bytes:
    """One person's unsent e-mail: the group draft's text and attachments, addressed to them
    only, with their personal code as text and as an inline QR image."""
    from mesa_desktop.documents.qr import qr_png

    if not person.email.strip():
        raise InvalidInput(f"{person.name} no tiene correo registrado.")
    pdf = convocation_pdf(data, codes=False) if pdf is None else pdf
    ics = convocation_ics(data) if ics is None else ics
    sender = _sender(data)
    message = email_draft.new_draft(subject(data), to=[_address(person.name, person.email)], sender=sender)
    text = _email_body(data, person)
    message.set_content(text)
    if person.check_in_code:
        cid = make_msgid(domain="mesa-desktop")
        message.add_alternative(_html_body(text, person.check_in_code, cid[1:-1]), subtype="html")
        html = message.get_body(preferencelist=("html",))
        assert html is not None  # just added
        html.add_related(
            qr_png(person.check_in_code),
            maintype="image",
            subtype="png",
            cid=cid,
            disposition="inline",
            filename=f"codigo-{person.check_in_code}.png",
        )
    return _with_letter_and_invitation(message, data, pdf, ics)


def personal_file_names(data: ConvocationData) -> list[tuple[Addressee, str]]:
    """``nombre-apellido.eml`` per addressee with a code and an address, unique."""
    names: list[tuple[Addressee, str]] = []
    used: set[str] = set()
    for person in data.addressees:
        if not (person.email.strip() and person.check_in_code):
            continue
        slug = _slug(person.name) or "persona"
        name, n = slug, 1
        while name in used:
            n += 1
            name = f"{slug}-{n}"
        used.add(name)
        names.append((person, f"{name}.eml"))
    return names


def write_convocation(data: ConvocationData, folder: str | os.PathLike[str]) -> ConvocationFiles:
    """Write ``convocatoria-NNN-YYYY.pdf``, ``.ics`` and ``.eml`` into ``folder``, and the
    personal drafts into ``convocatoria-NNN-YYYY-correos-personales/``, atomically."""
    folder = Path(folder)
    pdf = convocation_pdf(data)
    mailed = convocation_pdf(data, codes=False)
    ics = convocation_ics(data)
    eml = convocation_eml(data, mailed, ics)
    stem = file_stem(data)
    files = {folder / f"{stem}.pdf": pdf, folder / f"{stem}.ics": ics, folder / f"{stem}.eml": eml}
    # The personal drafts go in a folder of their own: a mesa convenes dozens of people.
    personal_folder = folder / f"{stem}-correos-personales"
    personal = {
        personal_folder / name: personal_eml(data, person, mailed, ics)
        for person, name in personal_file_names(data)
    }
    made_folder = bool(personal) and not personal_folder.is_dir()
    if made_folder:
        personal_folder.mkdir()
    # They go out together: a letter without its invitation would mislead.
    try:
        write_all(files | personal)
    except BaseException:
        if made_folder:
            personal_folder.rmdir()  # write_all left nothing in it: all or none, folder included
        raise
    pdf_path, ics_path, eml_path = files
    return ConvocationFiles(
        pdf_path, ics_path, eml_path, personal_eml=tuple(personal), without_email=data.without_email
    )


# ---------------------------------------------------------------------- wording


def _opening(data: ConvocationData) -> str:
    session = data.session
    basis = (
        f", y en cumplimiento de lo dispuesto en el {data.mesa.acto_administrativo}"
        if data.mesa.acto_administrativo
        else ""
    )
    when = f"el {weekday_date(session.date)}, de {time_range(session.start_time, session.end_time)}"
    if not session.end_time:
        when = f"el {weekday_date(session.date)} a las {clock(session.start_time)}"
    where = {
        Modality.IN_PERSON: f"de manera presencial en {session.place}",
        Modality.VIRTUAL: "de manera virtual",
        Modality.HYBRID: f"en modalidad híbrida: de manera presencial en {session.place} y virtual",
    }[session.modality]
    text = (
        f"En mi calidad de secretaría técnica de la {data.mesa.mesa_name}{basis}, me permito "
        f"convocarlos a la {session_reference(session.kind, session.number)}, que se realizará "
        f"{when}, {where}."
    )
    if session.installation:
        text += (
            " En esta sesión se instalará la mesa, con la participación del Ministerio de Salud y "
            "Protección Social."
        )
    return text


def _closing(data: ConvocationData) -> str:
    quorum = (
        "La asistencia de cada dependencia es necesaria para conformar el quórum de la sesión."
        if data.session.kind is SessionKind.ORDINARY
        else "Por tratarse de una sesión extraordinaria, no se requiere quórum; sin embargo, "
        "su asistencia es importante."
    )
    reply = f" al correo {data.sender_email}" if data.sender_email else ""
    return (
        "Agradecemos confirmar su asistencia y, si no le es posible asistir, delegar su "
        "participación en el(la) delegado(a) o suplente designado(a) por su dependencia, "
        f"informándolo a la secretaría técnica{reply}. {quorum}"
    )


def _logistics(data: ConvocationData) -> list[list[tuple[str, str]]]:
    session = data.session
    rows = [
        [
            ("Fecha", long_date(session.date)),
            ("Hora", time_range(session.start_time, session.end_time)),
        ],
        [("Modalidad", MODALITY_LABELS[session.modality])],
    ]
    if session.modality is not Modality.VIRTUAL:
        rows.append([("Lugar", session.place or "Por confirmar")])
    if session.modality is not Modality.IN_PERSON:
        rows.append([("Enlace de conexión", session.virtual_link or "Se enviará antes de la sesión")])
    return rows


def _addressees(doc: PdfDocument, data: ConvocationData) -> None:
    doc.need(40)
    doc.heading("Destinatarios", level=2)
    rows = [[p.name, p.position or "—", p.dependency or "—"] for p in data.addressees]
    doc.table([Column("Nombre", 2.2), Column("Cargo", 1.6), Column("Dependencia o entidad", 2.8)], rows)


def _code_annex(doc: PdfDocument, data: ConvocationData) -> None:
    from mesa_desktop.documents.qr import CodeCard, card_grid

    doc.page_break()
    doc.heading("Anexo. Códigos personales de registro")
    doc.text(
        "Cada persona convocada tiene un código personal para registrar su llegada: al mostrarlo "
        "(impreso o en el teléfono), la secretaría técnica lo lee con el lector y la asistencia "
        "queda registrada. El código no contiene datos personales. Recorte y entregue cada "
        "tarjeta a su titular.",
        "small",
    )
    cards = [
        CodeCard(p.name, p.check_in_code, p.dependency, CODE_HINT) for p in data.addressees if p.check_in_code
    ]
    card_grid(doc, cards, columns=3, qr_mm=26, height_mm=54)


def _location(data: ConvocationData) -> str:
    session = data.session
    if session.modality is Modality.VIRTUAL:
        return session.virtual_link or "Virtual"
    if session.modality is Modality.HYBRID and session.virtual_link:
        return f"{session.place} / {session.virtual_link}"
    return session.place


def _plain_description(data: ConvocationData) -> str:
    session = data.session
    lines = [
        f"Convocatoria a {session_reference(session.kind, session.number)} de la {data.mesa.mesa_name}.",
        "",
    ]
    lines.append("Orden del día:")
    lines += [f"{index}. {item.title}" for index, item in enumerate(data.agenda, start=1)]
    lines.append("")
    if session.modality is not Modality.VIRTUAL and session.place:
        lines.append(f"Lugar: {session.place}")
    if session.virtual_link:
        lines.append(f"Enlace de conexión: {session.virtual_link}")
    if session.objective:
        lines.append(f"Objetivo de la sesión: {session.objective}")
    lines.append(f"Convoca: {data.sender.name}, {data.sender.role}.")
    return "\n".join(lines)


def _email_body(data: ConvocationData, person: Addressee | None = None) -> str:
    session = data.session
    greeting = f"Respetado(a) {person.name}:" if person else "Respetados(as) integrantes:"
    code = (
        [
            f"Su código personal de registro es {person.check_in_code}. {CODE_HINT} (el código QR "
            "de este correo, en el teléfono o impreso) y su asistencia quedará registrada.",
            "",
        ]
        if person and person.check_in_code
        else []
    )
    return "\n".join(
        [
            greeting,
            "",
            _opening(data),
            "",
            *([f"Objetivo de la sesión: {session.objective}", ""] if session.objective else []),
            *code,
            "Adjuntamos la convocatoria firmada y la invitación para su calendario "
            f"({file_stem(data)}.ics). El orden del día propuesto es:",
            "",
            *[f"  {index}. {item.title}" for index, item in enumerate(data.agenda, start=1)],
            "",
            *([f"Enlace de conexión: {session.virtual_link}", ""] if session.virtual_link else []),
            _closing(data),
            "",
            "Cordialmente,",
            "",
            data.sender.name,
            data.sender.role + (f" – {data.sender.position}" if data.sender.position else ""),
            data.mesa.mesa_name,
            data.mesa.entity_name,
        ]
    )


def _html_body(text: str, code: str, cid: str) -> str:
    """The plain body as HTML, with the QR image after the paragraph that gives the code."""
    from html import escape

    blocks = []
    for paragraph in text.split("\n\n"):
        blocks.append("<p>" + escape(paragraph).replace("\n", "<br>") + "</p>")
        if code in paragraph:
            blocks.append(
                f'<p><img src="cid:{cid}" alt="Código QR {code}" width="200" height="200"><br>'
                f'<b style="font-size:18px;letter-spacing:2px">{code}</b></p>'
            )
    return '<html><body style="font-family:Arial,sans-serif">' + "".join(blocks) + "</body></html>"


def _slug(name: str) -> str:
    import re
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60]


def _address(name: str, email: str) -> Address:
    return email_draft.address(name, email)


def _uid(data: ConvocationData) -> str:
    session = data.session
    if session.uid:
        return f"{session.uid}@mesa-desktop"
    territory = data.mesa.divipola_code or "mesa"
    return f"sesion-{session.number}-{territory}@mesa-desktop"

"""The acta of a session, as Colombian public bodies write them (GTC 185).

It names the body and the kind of session, lists who attended (by dependency, with their
capacity), who was absent and who was invited, verifies the quorum at the opening and at every
decision, and records the agenda, the proceedings, the decisions, the commitments, the next
session and the signatures. A draft carries a BORRADOR watermark; an approved acta states the
session that approved it and the SHA-256 of its content, which the store records.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import is_dataclass
from datetime import date, time
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mesa_desktop.documents import common
from mesa_desktop.documents.data import ActaData, Attendee, hashed_fields
from mesa_desktop.documents.layout import Column, GroupRow, plain
from mesa_desktop.documents.text import (
    KIND_LABELS,
    MODALITY_LABELS,
    clock,
    long_date,
    quorum_short,
    quorum_statement,
    session_reference,
    session_title,
)
from mesa_desktop.territories import NATIONAL_CODE
from mesa_desktop.vocabulary import SessionKind

if TYPE_CHECKING:
    from collections.abc import Callable

    from mesa_desktop.documents.data import Signatory
    from mesa_desktop.documents.pdfdoc import PdfDocument

    # One numbered section of the acta: it writes itself, given its number.
    _Section = Callable[[PdfDocument, ActaData, int], None]

# Bump when the canonical form changes, so old and new hashes are never confused.
# 2: check-out times, decision times and validity are printed; 3: the closing session is named
# and the invited actors convened who did not come are listed.
_HASH_FORMAT = 3
SIGNATORY_ROLES = ("Presidente(a) de la mesa", "Secretaría técnica")


def content_json(acta: ActaData) -> str:
    """The acta's content as canonical JSON: sorted keys, ISO dates, images by their SHA-256.

    Left out: the approval status and record (they are about the content, not part of it),
    the fields marked ``NOT_HASHED`` (contact details, check-out times and the logo, which the
    acta does not print) and the later status of the commitments agreed in the session.
    """
    body = _canonical(acta)
    # The commitments agreed in the session keep changing afterwards (status, follow-up notes);
    # the acta records only what was agreed, so only that is part of its content.
    for item in body["commitments"]:
        del item["status"], item["follow_up"]
    content = {"format": _HASH_FORMAT, "acta": body}
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def content_sha256(acta: ActaData) -> str:
    """Stable hex SHA-256 of ``content_json(acta)``; the store records it on approval."""
    return hashlib.sha256(content_json(acta).encode("utf-8")).hexdigest()


def acta_pdf(acta: ActaData) -> bytes:
    """The acta as PDF bytes."""
    doc = common.new_document(
        acta.mesa,
        title=f"Acta No. {acta.number} – {acta.mesa.mesa_name}",
        subject=f"Acta de la {session_reference(acta.session.kind, acta.number)}",
        header_title="ACTA DE SESIÓN",
        right=(
            f"Acta No. {acta.number}",
            f"Sesión {KIND_LABELS[acta.session.kind]}",
            long_date(acta.session.date),
        ),
        footer=f"Acta No. {acta.number} · {acta.mesa.mesa_name}",
        draft=acta.is_draft,
        keywords=["acta", acta.number],
    )
    doc.fit_hint = "el texto más largo (por ejemplo, un punto del desarrollo)"
    _title(doc, acta)
    sections: list[tuple[str, _Section]] = []
    if acta.objective or acta.session.kind is SessionKind.EXTRAORDINARY:
        sections.append(("Objetivo de la sesión", _objective))
    sections += [
        ("Asistentes", _members),
        ("Dependencias ausentes", _absent),
        ("Presidencia e invitados", _invited),
        ("Verificación del quórum", _quorum),
        ("Orden del día", _agenda),
        ("Apertura", _opening),
        ("Desarrollo de la sesión", _development),
        ("Decisiones", _decisions),
    ]
    if acta.commitment_review:
        sections.append(("Seguimiento de compromisos anteriores", _review))
    sections += [("Compromisos", _commitments), ("Próxima sesión", _next_session), ("Cierre", _closing)]
    for number, (heading, build) in enumerate(sections, start=1):
        doc.heading(f"{number}. {heading}")
        build(doc, acta, number)
    doc.heading(f"{len(sections) + 1}. Firmas")
    doc.text(
        "En constancia se firma la presente acta por quienes presidieron la sesión y por la "
        "secretaría técnica de la mesa."
    )
    common.signatures(doc, _signatories(acta), SIGNATORY_ROLES)
    _approval_record(doc, acta)
    if acta.attendees:
        doc.page_break()
        doc.heading("Anexo. Registro de asistencia")
        doc.text(
            "Personas que registraron su asistencia a la "
            f"{session_reference(acta.session.kind, acta.number)}, "
            "con la hora de llegada y la firma capturada. Las asistencias virtuales las registró "
            "la secretaría técnica.",
            "small",
        )
        common.attendance_table(doc, acta.attendees, contact=False)
    return doc.build()


def write_acta(acta: ActaData, target: str | os.PathLike[str]) -> Path:
    """Render the acta and write it atomically to ``target``."""
    return common.save(target, acta_pdf(acta))


# ---------------------------------------------------------------------- sections


def _title(doc: PdfDocument, acta: ActaData) -> None:
    session = acta.session
    subtitle = session_title(session.kind, acta.number)
    if session.installation:
        subtitle += " – Sesión de instalación"
    elif session.closing:
        subtitle += " – Sesión final de evaluación y cierre"
    lines = [acta.mesa.mesa_name, subtitle]
    if acta.version > 1:
        corrects = f", que corrige el acta {acta.corrects}" if acta.corrects else ""
        lines.append(f"Versión {acta.version}{corrects}")
    doc.title_block(f"ACTA No. {acta.number}", *lines)
    common.session_fields(doc, session, acta.mesa)
    if acta.approval:
        status = (
            f"<b>Estado:</b> aprobada en la sesión {acta.approval.session_number} del "
            f"{long_date(acta.approval.session_date)}."
        )
    else:
        status = "<b>Estado:</b> borrador, pendiente de aprobación por la mesa."
    doc.markup(status, "small")


def _objective(doc: PdfDocument, acta: ActaData, _number: int) -> None:
    doc.text(acta.objective or "No se registró el objetivo de la sesión.")


def _opening(doc: PdfDocument, acta: ActaData, _number: int) -> None:
    start = f"La sesión se instaló a las {clock(acta.session.start_time)} " if acta.session.start_time else ""
    doc.text(start + (acta.opening_text or "No se registró texto de apertura."))


def _closing(doc: PdfDocument, acta: ActaData, _number: int) -> None:
    end = f"La sesión se levantó a las {clock(acta.session.end_time)} " if acta.session.end_time else ""
    doc.text(end + (acta.closing_text or "No se registraron observaciones de cierre."))


def _signatories(acta: ActaData) -> tuple[Signatory, ...]:
    """One line per presider and the secretaría técnica; the installation has two presidencies
    (guideline 2.7), so a missing one keeps its blank line to be signed."""
    from mesa_desktop.documents.data import Signatory

    presiders = list(acta.presiders) or [s for s in acta.signatories if s.role != "Secretaría técnica"]
    # The national mesa is the ministry's own: no territorial entity co-presides its installation.
    if acta.session.installation and acta.mesa.divipola_code != NATIONAL_CODE:
        named = {p.name for p in presiders}
        if len(presiders) < 2:  # the ministry's delegate, present, co-presides (2.7)
            presiders += [
                Signatory(g.name, "Copresidente(a) – Ministerio de Salud y Protección Social", g.position)
                for g in acta.co_presiding_guests
                if g.name not in named
            ][:1]
        slots = (
            "Presidente(a) de la mesa – entidad territorial",
            "Copresidente(a) – Ministerio de Salud y Protección Social",
        )
        presiders += [Signatory("", role) for role in slots[len(presiders) :]]
    elif not presiders:
        presiders = [Signatory("", SIGNATORY_ROLES[0])]
    secretariat = [s for s in acta.signatories if s.role == "Secretaría técnica"] or [
        Signatory("", "Secretaría técnica")
    ]
    return tuple(presiders + secretariat)


def _members(doc: PdfDocument, acta: ActaData, _number: int) -> None:
    members = acta.members
    if not members:
        doc.text("No asistieron representantes de las dependencias integrantes.")
        return
    dependencies = len({person.dependency for person in members})
    doc.text(
        f"Asistieron {len(members)} representantes de {dependencies} dependencias integrantes de la mesa:"
    )
    rows: list[Any] = []
    for dependency, people in _by_dependency(members):
        rows.append(GroupRow(dependency))
        rows += [
            [person.name, person.position or "—", common.capacity_label(person), _presence(person)]
            for person in people
        ]
    doc.table(
        [
            Column("Nombre", 2.4),
            Column("Cargo", 2.6),
            Column("Calidad", 1.5),
            Column("Asistencia", 1.3),
        ],
        rows,
    )


def _absent(doc: PdfDocument, acta: ActaData, _number: int) -> None:
    if not acta.absent_dependencies:
        doc.text("Asistieron todas las dependencias integrantes de la mesa.")
        return
    rows = [
        [
            absent.name,
            f"Excusa: {absent.note}"
            if absent.note
            else ("Presentó excusa" if absent.excused else "Sin excusa"),
        ]
        for absent in acta.absent_dependencies
    ]
    doc.table([Column("Dependencia", 3.0), Column("Observación", 2.5)], rows)


def _invited(doc: PdfDocument, acta: ActaData, _number: int) -> None:
    if acta.presiders:
        names = "; ".join(
            ", ".join(part for part in (p.name, p.position, p.role) if part) for p in acta.presiders
        )
        verb = "Presidieron" if len(acta.presiders) > 1 else "Presidió"
        doc.text(f"{verb} la sesión: {names}.")
    named = {p.name for p in acta.presiders}
    for guest in (g for g in acta.co_presiding_guests if g.name not in named):
        doc.text(
            f"Copresidió la sesión: {guest.name}, {guest.position or 'delegado(a)'}, "
            f"{guest.entity or 'Ministerio de Salud y Protección Social'}."
        )
    invited = acta.invited
    if not invited:
        doc.text("No asistieron invitados.")
    else:
        doc.text("Asistieron como invitados, con voz y sin voto; no se cuentan para el quórum:")
        rows = [
            [person.name, person.position or "—", person.entity or "—", _presence(person)]
            for person in invited
        ]
        doc.table(
            [
                Column("Nombre", 2.3),
                Column("Cargo", 2.2),
                Column("Entidad u organización", 2.4),
                Column("Asistencia", 1.0),
            ],
            rows,
        )
    if acta.absent_invited:
        doc.text("Fueron convocados como invitados y no asistieron:")
        doc.table(
            [Column("Actor invitado", 3.0), Column("Observación", 2.5)],
            [
                [absent.name, f"Excusa: {absent.note}" if absent.note else "Sin excusa"]
                for absent in acta.absent_invited
            ],
        )


def _quorum(doc: PdfDocument, acta: ActaData, _number: int) -> None:
    count, verdict = quorum_statement(acta.opening_quorum, acta.session.kind)
    if acta.session.kind is SessionKind.EXTRAORDINARY:
        doc.callout(f"<b>{plain(verdict)}</b> {plain(count)}")
    else:
        doc.callout(f"{plain(count)} <b>{plain(verdict)}</b>")
    if acta.quorum_events:
        labels = {
            "established": "Se estableció el quórum",
            "lost": "Se perdió el quórum",
            "re-established": "Se restableció el quórum",
        }
        doc.text("Durante la sesión:")
        doc.bullets(
            [
                f"{labels[e.kind]} a las {clock(e.at)}: {e.present} de {e.total} delegaciones "
                f"(se requieren {e.required})."
                for e in acta.quorum_events
            ]
        )


def _agenda(doc: PdfDocument, acta: ActaData, _number: int) -> None:
    if not acta.agenda:
        doc.text("No se registró orden del día.")
        return
    doc.bullets([item.title for item in acta.agenda])


def _development(doc: PdfDocument, acta: ActaData, number: int) -> None:
    if not acta.agenda:
        doc.text("No se registró el desarrollo de la sesión.")
        return
    for index, item in enumerate(acta.agenda, start=1):
        doc.heading(f"{number}.{index}. {item.title}", level=2)
        if item.presenter:
            doc.text(f"Presenta: {item.presenter}.", "small")
        doc.text(item.development or "Sin desarrollo registrado.")


def _decisions(doc: PdfDocument, acta: ActaData, _number: int) -> None:
    if not acta.decisions:
        doc.text("No se tomaron decisiones en la sesión.")
        return
    kind = acta.session.kind
    rows = []
    for index, decision in enumerate(acta.decisions, start=1):
        votes = _votes(decision.votes_for, decision.votes_against, decision.abstentions)
        point = str(decision.agenda_item) if decision.agenda_item else "—"
        quorum = quorum_short(decision.quorum, kind)
        if decision.at:
            quorum = f"A las {clock(decision.at)}: {quorum}"
        text = decision.text
        if decision.without_quorum:
            text += " (sin quórum: no es válida)"
        rows.append([str(index), text, point, quorum, votes])
    doc.table(
        [
            Column("No.", 0.4, "center"),
            Column("Decisión", 4.0),
            Column("Punto", 0.55, "center"),
            Column("Quórum al decidir", 1.7),
            Column("Votación", 1.4),
        ],
        rows,
    )


def _review(doc: PdfDocument, acta: ActaData, _number: int) -> None:
    doc.text("La secretaría técnica presentó el estado de los compromisos de sesiones anteriores:")
    common.commitments_table(doc, acta.commitment_review, review=True)


def _commitments(doc: PdfDocument, acta: ActaData, _number: int) -> None:
    if not acta.commitments:
        doc.text("No se adquirieron compromisos en la sesión.")
        return
    common.commitments_table(doc, acta.commitments)


def _next_session(doc: PdfDocument, acta: ActaData, _number: int) -> None:
    following = acta.next_session
    if following is None or following.date is None:
        note = f" {following.notes}" if following and following.notes else ""
        doc.text(f"La fecha de la próxima sesión se comunicará con la convocatoria.{note}")
        return
    text = f"Sesión {KIND_LABELS[following.kind]} prevista para el {long_date(following.date)}"
    if following.start_time:
        text += f" a las {clock(following.start_time)}"
    if following.place:
        text += f", en {following.place}"
    if following.modality:
        text += f" (modalidad {MODALITY_LABELS[following.modality].lower()})"
    text += "."
    if following.notes:
        text += f" {following.notes}"
    doc.text(text)


def _approval_record(doc: PdfDocument, acta: ActaData) -> None:
    if acta.approval is None:
        return
    approval = acta.approval
    doc.spacer(4)
    doc.callout(
        f"<b>Aprobada en la sesión {approval.session_number} del "
        f"{long_date(approval.session_date)}.</b><br/>"
        f"Huella SHA-256 del contenido: {approval.sha256}",
        "cell",
    )


# ---------------------------------------------------------------------- helpers


def _by_dependency(members: tuple[Attendee, ...]) -> list[tuple[str, list[Attendee]]]:
    """Members grouped by dependency in order of first appearance; head, delegates, alternates."""
    groups: dict[str, list[Attendee]] = {}
    for person in members:
        groups.setdefault(person.dependency, []).append(person)
    order = {"head": 0, "delegate": 1, "alternate": 2}
    return [
        (dependency, sorted(people, key=lambda p: order.get(p.capacity or "", 3)))
        for dependency, people in groups.items()
    ]


def _presence(person: Attendee) -> str:
    text = "Virtual" if person.virtual else "Presencial"
    if person.check_out:
        text += f"; se retiró a las {clock(person.check_out)}"
    return text


def _votes(votes_for: int | None, against: int | None, abstentions: int | None) -> str:
    if votes_for is None and against is None and abstentions is None:
        return "—"
    parts = [
        f"A favor: {votes_for or 0}",
        f"En contra: {against or 0}",
        f"Abstenciones: {abstentions or 0}",
    ]
    return "\n".join(parts)


def _canonical(value: Any) -> Any:
    if is_dataclass(value) and not isinstance(value, type):
        return {name: _canonical(getattr(value, name)) for name in hashed_fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, bytes):
        return {"sha256": hashlib.sha256(value).hexdigest()}
    if isinstance(value, (list, tuple)):
        return [_canonical(item) for item in value]
    return value

"""Where the screens meet the document generators: store data → ``mesa_desktop.documents`` inputs.

The generators take plain frozen dataclasses (``documents.data``); this module builds them
from the services, so the one place to rewire when the core gains its own builders is here.
Each ``*_data`` function reads the store and runs on the database thread (``ctx.call``); the
result is immutable and goes to ``ctx.work`` for the PDF, so no rendering blocks the screen.

Qt-free on purpose: it could move into the core unchanged.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime, time

from mesa_desktop.documents import data as doc
from mesa_desktop.documents.text import long_date
from mesa_desktop.services import actas, attendance, conformation, sessions
from mesa_desktop.store import Store

CAPACITIES = {"head", "delegate", "alternate"}


def _local_time(value: str | datetime | None) -> time | None:
    if value is None:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.time().replace(second=0, microsecond=0)


def _time(value: str | time | None) -> time | None:
    if value is None or isinstance(value, time):
        return value
    return time.fromisoformat(value)


def mesa_data(mesa: conformation.MesaInfo) -> doc.MesaInfo:
    acto = mesa.acto_number or ""
    if acto and mesa.acto_date:
        acto += f" del {long_date(mesa.acto_date)}"
    if acto and mesa.acto_authority:
        acto += f" ({mesa.acto_authority})"
    city = mesa.territory_name.split(" (")[0]
    return doc.MesaInfo(
        entity_name=mesa.entity_name, mesa_name=mesa.name, territory_name=mesa.territory_name,
        city=city, divipola_code=mesa.territory_code, acto_administrativo=acto,
        contact_email=mesa.focal_point_email or "",
    )


def session_data(session: sessions.SessionInfo) -> doc.SessionInfo:
    return doc.SessionInfo(
        number=session.number, kind=session.kind, date=session.date, modality=session.modality,
        start_time=session.start_time, end_time=session.end_time, place=session.place or "",
        virtual_link=session.virtual_link or "", uid=str(session.id),
        installation=session.template == "installation",
    )


def _attendee(row: dict, signature: bytes | None = None, email: str = "", phone: str = "") -> doc.Attendee:
    member = bool(row.get("counts_for_quorum")) and row.get("capacity") in CAPACITIES and row.get("dependency")
    return doc.Attendee(
        name=row["name"], position=row.get("position") or "", entity=row.get("entity") or "",
        dependency=(row.get("dependency") or "") if member else "",
        capacity=row["capacity"] if member else None,
        email=email or "", phone=phone or "",
        check_in=_local_time(row.get("check_in")), check_out=_local_time(row.get("check_out")),
        signature_png=None if row.get("virtual") else signature, virtual=bool(row.get("virtual")),
        invited=not member,
    )


def _signatures(store: Store, session_id: uuid.UUID) -> dict[str, bytes]:
    """Signature images by person name, for the people who signed."""
    found = {}
    for person in attendance.list_attendance(store, session_id):
        if person.has_signature:
            png = attendance.signature_of(store, session_id, person.person_id)
            if png:
                found[person.full_name] = png
    return found


def _quorum(check: dict, rule_label: str, at: str | None = None) -> doc.QuorumCheck:
    return doc.QuorumCheck(rule_label=rule_label, present=check["present"], required=check["required"],
                           total=check["total"], met=bool(check["met"]), at=_local_time(at))


def acta_data(store: Store, session_id: uuid.UUID) -> doc.ActaData:
    """Everything the acta PDF prints (frozen content for an approved acta). DB thread."""
    session = sessions.get_session(store, session_id)
    mesa = conformation.get_mesa(store)
    content = actas.content(store, session_id)
    info = actas.current_acta(store, session_id)
    signatures = _signatures(store, session_id)
    quorum = content["quorum"]
    rule = quorum.get("rule_label") or ""
    extraordinary = not quorum.get("required_by_session", True)
    opening = None if extraordinary else _quorum(quorum["opening"], rule, quorum["opening"].get("at"))
    approval = None
    if info is not None and info.locked:
        approving = sessions.get_session(store, info.approved_in_session)
        approval = doc.ActaApproval(session_number=approving.number, session_date=approving.date,
                                    sha256=info.content_sha256)
    following = content.get("next_session")
    next_session = doc.NextSession(
        date=date.fromisoformat(following["date"]) if following else None,
        place=(following or {}).get("place") or "",
        notes=content.get("next_session_note") or "",
    )
    signatories = []
    if content["session"].get("president"):
        signatories.append(doc.Signatory(content["session"]["president"], "Presidente(a) de la mesa",
                                         content["session"].get("president_position") or ""))
    if content["mesa"].get("focal_point"):
        signatories.append(doc.Signatory(content["mesa"]["focal_point"], "Secretaría técnica",
                                         content["mesa"].get("focal_point_position") or ""))
    return doc.ActaData(
        mesa=mesa_data(mesa),
        session=session_data(session),
        status="approved" if approval else "draft",
        attendees=[_attendee(row, signatures.get(row["name"])) for row in content["attendees"]],
        absent_dependencies=[doc.AbsentDependency(name) for name in content["absent_dependencies"]],
        opening_quorum=opening,
        agenda=[doc.AgendaItem(item["title"], item.get("development") or "") for item in content["agenda"]],
        decisions=[
            doc.Decision(d["text"], quorum=None if extraordinary else _quorum(d["quorum"], rule, d.get("at")),
                         votes_for=d["votes"]["for"], votes_against=d["votes"]["against"],
                         abstentions=d["votes"]["abstentions"], agenda_item=d.get("agenda_position"))
            for d in content["decisions"]
        ],
        commitments=[_commitment(c, session.number) for c in content["commitments"]],
        commitment_review=[_commitment(c, "") for c in content.get("followup", [])],
        next_session=next_session,
        signatories=signatories,
        approval=approval,
        version=content.get("version") or 1,
        corrects=f"{content['number']}" if (content.get("version") or 1) > 1 else "",
    )


def _commitment(c: dict, source: str) -> doc.Commitment:
    status = c.get("status") or "pending"
    due = date.fromisoformat(c["due_date"]) if c.get("due_date") else None
    if status in ("pending", "in_progress") and due and due < date.today():
        status = "overdue"
    return doc.Commitment(text=c["text"], responsible=c.get("responsible") or "Sin responsable",
                          due_date=due, status=status, source_session=source)


def attendance_sheet_data(store: Store, session_id: uuid.UUID) -> doc.AttendanceSheetData:
    """The listado de asistencia with every captured signature. DB thread."""
    session = sessions.get_session(store, session_id)
    mesa = conformation.get_mesa(store)
    people = []
    for person in attendance.list_attendance(store, session_id):
        png = attendance.signature_of(store, session_id, person.person_id) if person.has_signature else None
        row = {"name": person.full_name, "position": person.position, "entity": person.entity,
               "dependency": person.dependency_name, "capacity": person.capacity,
               "counts_for_quorum": person.counts_for_quorum, "check_in": person.check_in_at,
               "check_out": person.check_out_at, "virtual": person.virtual}
        people.append(_attendee(row, png, person.email or "", person.phone or ""))
    return doc.AttendanceSheetData(mesa=mesa_data(mesa), session=session_data(session), attendees=people)


def convocation_data(store: Store, session_id: uuid.UUID) -> doc.ConvocationData:
    """Letter, invitation and e-mail draft of a session, addressed to every registered member. DB thread."""
    session = sessions.get_session(store, session_id)
    mesa = conformation.get_mesa(store)
    addressees = []
    for dependency in conformation.list_members(store, on=session.date):
        if not dependency.active:
            continue
        for person in dependency.people:
            if person.role in ("head", "delegate", "alternate", "invited"):
                addressees.append(doc.Addressee(person.full_name, person.position or "",
                                                dependency.name, person.email or ""))
    return doc.ConvocationData(
        mesa=mesa_data(mesa),
        session=session_data(session),
        convocation_date=session.convocation_date or date.today(),
        agenda=[doc.AgendaItem(item.title) for item in session.agenda],
        addressees=addressees,
        sender=doc.Signatory(mesa.focal_point_name or "Secretaría técnica de la mesa", "Secretaría técnica"),
        sender_email=mesa.focal_point_email or "",
        min_lead_days=mesa.convocation_lead_days,
    )


def lead_time_warning(session: sessions.SessionInfo, lead_days: int, convocation_date: date | None = None) -> str | None:
    """The documents' lead-time warning for a session's convocation date (or today)."""
    from mesa_desktop.documents.convocation import lead_time_warning as warning

    return warning(convocation_date or session.convocation_date or date.today(), session.date, lead_days)

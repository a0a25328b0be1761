"""Store data → the documents' inputs (``mesa_desktop.documents.data``), shared by CLI and UI.

The generators take plain frozen dataclasses; this module builds them from the services.
Each ``*_data`` function reads the store (run it on the database thread in the UI); the
result is immutable and can be rendered anywhere.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, time
from typing import TYPE_CHECKING, Any, cast

from mesa_desktop import clock
from mesa_desktop.clock import local_time
from mesa_desktop.documents import data as doc
from mesa_desktop.documents.text import count, long_date
from mesa_desktop.errors import NotFound
from mesa_desktop.services import (
    actas,
    action_plan,
    attendance,
    cases,
    commitments,
    compliance,
    conformation,
    sessions,
)
from mesa_desktop.store import Store
from mesa_desktop.vocabulary import ActaStatus, CommitmentState, Modality, SessionKind

if TYPE_CHECKING:
    from mesa_desktop.documents.badges import BadgeSheet
    from mesa_desktop.documents.oficio import OficioData
    from mesa_desktop.services.commitments import CommitmentInfo

CAPACITIES = {"head", "delegate", "alternate"}


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
        entity_name=mesa.entity_name,
        mesa_name=mesa.name,
        territory_name=mesa.territory_name,
        city=city,
        divipola_code=mesa.territory_code,
        acto_administrativo=acto,
        contact_email=mesa.focal_point_email or "",
    )


def session_data(session: sessions.SessionInfo) -> doc.SessionInfo:
    return doc.SessionInfo(
        number=session.number,
        kind=SessionKind(session.kind),
        date=session.date,
        modality=Modality(session.modality),
        start_time=session.start_time,
        end_time=session.end_time,
        place=session.place or "",
        virtual_link=session.virtual_link or "",
        uid=str(session.id),
        installation=session.template == "installation",
        closing=session.template == "closing",
        objective=session.objective or "",
    )


def _attendee(
    row: dict[str, Any], signature: bytes | None = None, email: str = "", phone: str = ""
) -> doc.Attendee:
    member = (
        bool(row.get("counts_for_quorum")) and row.get("capacity") in CAPACITIES and row.get("dependency")
    )
    return doc.Attendee(
        name=row["name"],
        position=row.get("position") or "",
        entity=row.get("entity") or "",
        dependency=(row.get("dependency") or "") if member else "",
        capacity=row["capacity"] if member else None,
        email=email or "",
        phone=phone or "",
        check_in=local_time(row.get("check_in")),
        check_out=local_time(row.get("check_out")),
        signature_png=None if row.get("virtual") else signature,
        virtual=bool(row.get("virtual")),
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


def _quorum(check: dict[str, Any], rule_label: str, at: str | None = None) -> doc.QuorumCheck:
    return doc.QuorumCheck(
        rule_label=rule_label,
        present=check["present"],
        required=check["required"],
        total=check["total"],
        met=bool(check["met"]),
        at=local_time(at),
    )


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
        # A locked acta was approved in a session and has its content hash.
        approving = sessions.get_session(store, cast(str, info.approved_in_session))
        approval = doc.ActaApproval(
            session_number=approving.number,
            session_date=approving.date,
            sha256=cast(str, info.content_sha256),
        )
    following = content.get("next_session")
    next_session = doc.NextSession(
        date=date.fromisoformat(following["date"]) if following else None,
        start_time=_time((following or {}).get("start_time")),
        place=(following or {}).get("place") or "",
        modality=(following or {}).get("modality"),
        kind=SessionKind((following or {}).get("kind") or SessionKind.ORDINARY),
        notes=content.get("next_session_note") or "",
    )
    facts = content["session"]
    presiders = [
        doc.Signatory(
            p["name"],
            "Presidente(a) de la sesión",
            " – ".join(x for x in (p.get("position"), p.get("entity")) if x),
        )
        for p in facts.get("presiders") or []
    ]
    if not presiders and facts.get("president"):  # frozen before presiders were recorded
        presiders = [
            doc.Signatory(
                facts["president"], "Presidente(a) de la mesa", facts.get("president_position") or ""
            )
        ]
    if session.template == "installation" and len(presiders) == 2:
        presiders[1] = doc.Signatory(presiders[1].name, "Copresidente(a) de la sesión", presiders[1].position)
    signatories = list(presiders)
    if content["mesa"].get("focal_point"):
        signatories.append(
            doc.Signatory(
                content["mesa"]["focal_point"],
                "Secretaría técnica",
                content["mesa"].get("focal_point_position") or "",
            )
        )
    presiding_names = {p.name for p in presiders}
    attendees = []
    for row in content["attendees"]:
        person = _attendee(row, signatures.get(row["name"]))
        # The ministry co-presides the installation (guideline 2.7): not one of the invited.
        ministry = session.template == "installation" and _is_ministry(row)
        if person.name in presiding_names or ministry:
            person = replace(person, presiding=True)
        attendees.append(person)
    excuses = {a["name"]: a.get("excuse") for a in content.get("absences") or []}
    real = (
        replace(
            session_data(session),
            start_time=local_time(facts.get("opened_at")),
            end_time=local_time(facts.get("closed_at")),
        )
        if "opened_at" in facts
        else session_data(session)
    )
    return doc.ActaData(
        mesa=mesa_data(mesa),
        session=real,
        status=ActaStatus.APPROVED if approval else ActaStatus.DRAFT,
        attendees=tuple(attendees),
        absent_dependencies=tuple(
            [
                doc.AbsentDependency(name, excused=bool(excuses.get(name)), note=excuses.get(name) or "")
                for name in content["absent_dependencies"]
            ]
        ),
        absent_invited=tuple(
            doc.AbsentDependency(a["name"], excused=bool(a.get("excuse")), note=a.get("excuse") or "")
            for a in content.get("absent_invited") or []  # an acta approved before they were recorded
        ),
        opening_quorum=opening,
        agenda=tuple(
            doc.AgendaItem(item["title"], item.get("development") or "") for item in content["agenda"]
        ),
        decisions=tuple(
            doc.Decision(
                d["text"],
                quorum=None if extraordinary else _quorum(d["quorum"], rule, d.get("at")),
                votes_for=d["votes"]["for"],
                votes_against=d["votes"]["against"],
                abstentions=d["votes"]["abstentions"],
                agenda_item=d.get("agenda_position"),
                at=local_time(d.get("at")),
                without_quorum=bool(d.get("without_quorum")),
            )
            for d in content["decisions"]
        ),
        commitments=tuple(_commitment(c, session.number) for c in content["commitments"]),
        commitment_review=tuple(
            _commitment(c, c.get("source_session") or "", on=session.date)
            for c in content.get("followup", [])
        ),
        next_session=next_session,
        signatories=tuple(signatories),
        approval=approval,
        version=content.get("version") or 1,
        corrects=f"{content['number']}" if (content.get("version") or 1) > 1 else "",
        objective=facts.get("objective") or "",
        opening_text=content.get("opening_notes") or "",
        closing_text=content.get("closing_notes") or "",
        quorum_events=tuple(_quorum_events(quorum.get("events") or [])),
        presiders=tuple(presiders),
    )


def _is_ministry(row: dict[str, Any]) -> bool:
    text = " ".join(str(row.get(k) or "") for k in ("entity", "dependency")).lower()
    return "ministerio de salud" in text


def _quorum_events(events: list[dict[str, Any]]) -> list[doc.QuorumEventLine]:
    lines, lost_before = [], False
    for e in events:
        kind = e["kind"]
        if kind == "established" and lost_before:
            kind = "re-established"
        lost_before = lost_before or e["kind"] == "lost"
        lines.append(
            doc.QuorumEventLine(kind, local_time(e.get("at")), e["present"], e["required"], e["total"])
        )
    return lines


def _commitment(c: dict[str, Any], source: str, on: date | None = None) -> doc.Commitment:
    """``on``: the day the status is told for (a follow-up is as of its session's date)."""
    status = c.get("status") or "pending"
    due = date.fromisoformat(c["due_date"]) if c.get("due_date") else None
    if status in ("pending", "in_progress") and due and due < (on or clock.today()):
        status = "overdue"
    return doc.Commitment(
        text=c["text"],
        responsible=c.get("responsible") or "Sin responsable",
        due_date=due,
        status=CommitmentState(status),
        source_session=source,
        follow_up=c.get("follow_up") or "",
    )


def attendance_sheet_data(store: Store, session_id: uuid.UUID) -> doc.AttendanceSheetData:
    """The listado de asistencia with every captured signature. DB thread."""
    session = sessions.get_session(store, session_id)
    mesa = conformation.get_mesa(store)
    people = []
    for person in attendance.list_attendance(store, session_id):
        png = attendance.signature_of(store, session_id, person.person_id) if person.has_signature else None
        row = {
            "name": person.full_name,
            "position": person.position,
            "entity": person.entity,
            "dependency": person.dependency_name,
            "capacity": person.capacity,
            "counts_for_quorum": person.counts_for_quorum,
            "check_in": person.check_in_at,
            "check_out": person.check_out_at,
            "virtual": person.virtual,
        }
        people.append(_attendee(row, png, person.email or "", person.phone or ""))
    return doc.AttendanceSheetData(
        mesa=mesa_data(mesa), session=session_data(session), attendees=tuple(people)
    )


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
                addressees.append(
                    doc.Addressee(
                        person.full_name,
                        person.position or "",
                        dependency.name,
                        person.email or "",
                        person.check_in_code or "",
                    )
                )
    return doc.ConvocationData(
        mesa=mesa_data(mesa),
        session=session_data(session),
        convocation_date=session.convocation_date or clock.today(),
        agenda=tuple(doc.AgendaItem(item.title) for item in session.agenda),
        addressees=tuple(addressees),
        sender=doc.Signatory(mesa.focal_point_name or "Secretaría técnica de la mesa", "Secretaría técnica"),
        sender_email=mesa.focal_point_email or "",
        min_lead_days=mesa.convocation_lead_days,
    )


def badge_data(store: Store) -> BadgeSheet:
    """A badge for every active person with a code: member dependencies in their order, then
    invited actors, then people of no dependency. DB thread."""
    from mesa_desktop.documents.badges import Badge, BadgeSheet

    order = {d.id: index for index, d in enumerate(conformation.list_members(store))}
    people = sorted(
        (p for p in conformation.list_people(store) if p.check_in_code),
        key=lambda p: (
            order.get(p.dependency_id, len(order)) if p.dependency_id else len(order),
            p.full_name,
        ),
    )
    badges = tuple(
        Badge(p.full_name, p.check_in_code or "", p.dependency_name or p.entity or "") for p in people
    )
    return BadgeSheet(mesa_data(conformation.get_mesa(store)), badges)


def lead_time_warning(
    session: sessions.SessionInfo, lead_days: int, convocation_date: date | None = None
) -> str | None:
    """The documents' lead-time warning for a session's convocation date (or today)."""
    from mesa_desktop.documents.convocation import lead_time_warning as warning

    return warning(convocation_date or session.convocation_date or clock.today(), session.date, lead_days)


# --- action plan, commitments, periodic report ---------------------------------------------


def plan_report_data(status: action_plan.PlanStatus, mesa: conformation.MesaInfo) -> doc.ActionPlanReport:
    """The progress report (CNIM shape) of a plan status at its cut-off date."""
    period = long_date(status.cut_date)
    axes = []
    for axis in status.axes:
        actions = []
        for action in axis.actions:
            actions.append(
                doc.PlanAction(
                    title=action.name,
                    tasks=tuple(
                        doc.PlanTask(
                            description=t.name,
                            progress=t.percent,
                            responsible=t.responsible or "",
                            start_date=t.start_date,
                            end_date=t.end_date,
                        )
                        for t in action.tasks
                    ),
                    qualitative_report=action.qualitative or "",
                    progress=action.percent if action.tasks else None,
                    responsible=action.responsible or "",
                    indicators=tuple(
                        doc.Indicator(
                            name=i.name,
                            value=i.value,
                            unit=i.unit or "",
                            territory=mesa.territory_name,
                            period=f"Corte {period}",
                        )
                        for i in action.indicators
                        if i.value is not None
                    ),
                )
            )
        axes.append(
            doc.StrategicAxis(
                title=axis.name, actions=tuple(actions), progress=axis.percent if actions else None
            )
        )
    return doc.ActionPlanReport(
        mesa=mesa_data(mesa),
        year=status.year,
        cut_off_date=status.cut_date,
        objective=status.objective or "",
        axes=tuple(axes),
        overall_progress=status.percent,
        prepared_by=_focal_point(mesa),
    )


def _focal_point(mesa: conformation.MesaInfo) -> doc.Signatory | None:
    if not mesa.focal_point_name:
        return None
    return doc.Signatory(mesa.focal_point_name, "Secretaría técnica", "")


def progress_report_data(store: Store, cut_date: date, year: int | None = None) -> doc.ActionPlanReport:
    status = action_plan.plan_status(store, year or cut_date.year, cut_date)
    return plan_report_data(status, conformation.get_mesa(store))


def commitment_rows(items: Iterable[CommitmentInfo], today: date | None = None) -> list[doc.Commitment]:
    """The documents' commitment rows (an open, past-due commitment is "overdue" on paper)."""
    today = today or clock.today()
    return [
        doc.Commitment(
            text=item.text,
            responsible=item.responsible,
            due_date=item.due_date,
            status=CommitmentState.OVERDUE if item.is_overdue(today) else CommitmentState(item.status),
            source_session=item.session_number or "",
            follow_up=item.notes[-1][1] if item.notes else "",
        )
        for item in items
    ]


def commitment_at(item: CommitmentInfo, day: date) -> CommitmentState:
    """A commitment's state as it stood at the end of ``day``: done only if done by then;
    open and past its due date is overdue (a report of January–June does not count a
    commitment done in August as done, nor one due in September as overdue)."""
    if item.status == "cancelled":
        return CommitmentState.CANCELLED
    if item.status == "done" and (item.done_on is None or item.done_on <= day):
        return CommitmentState.DONE
    if item.due_date is not None and item.due_date < day:
        return CommitmentState.OVERDUE
    return CommitmentState.IN_PROGRESS if item.status == "in_progress" else CommitmentState.PENDING


def _in_period_commitments(
    store: Store, start: date, end: date, session_numbers: set[str]
) -> list[CommitmentInfo]:
    """Commitments due in the period, and undated ones agreed in its sessions."""
    found = []
    for item in commitments.list_commitments(store):
        if item.due_date is not None:
            if start <= item.due_date <= end:
                found.append(item)
        elif item.session_number in session_numbers:
            found.append(item)
    return sorted(found, key=lambda c: (c.due_date or end, c.text))


def _articulations(
    invited: dict[str, tuple[set[str], set[str]]], items: list[CommitmentInfo], as_of: date
) -> list[doc.Articulation]:
    """``invited``: actor → (sessions it attended, names of its people)."""
    rows = []
    for actor, (attended, people) in sorted(invited.items()):
        names = {actor.casefold(), *(p.casefold() for p in people)}
        held = [
            c
            for c in items
            if (c.responsible_person or "").casefold() in names
            or (c.responsible_dependency or "").casefold() in names
        ]
        done = sum(1 for c in held if commitment_at(c, as_of) is CommitmentState.DONE)
        rows.append(doc.Articulation(actor, len(attended), len(held), done))
    return rows


def periodic_report_data(
    store: Store,
    *,
    start: date,
    end: date,
    progress: str = "",
    challenges: str = "",
    opportunities: str = "",
    articulations: str = "",
    psychosocial: str = "",
    number: str = "",
    report_date: date | None = None,
) -> doc.PeriodicReportData:
    """The informe periódico (guideline 2.6 e) from the data of the period ``start``–``end`` only.

    Sessions held in the period, commitments due in it with their state at its end, the
    action plan as of its end, the cases referred in it (aggregates) and the invited actors
    who attended with the commitments assigned to them. DB thread.
    """
    mesa = conformation.get_mesa(store)
    as_of = min(end, clock.today())
    records = []
    invited: dict[str, tuple[set[str], set[str]]] = {}
    for session in sessions.list_sessions(store):
        if not start <= session.date <= end:
            continue
        view = attendance.get_quorum(store, session.id)
        present = attendance.list_attendance(store, session.id)
        acta = actas.current_acta(store, session.id)
        status = view.status
        quorum = (
            doc.QuorumCheck(status.rule_label, status.present, status.required, status.total, status.met)
            if status.quorum_required and status.total
            else None
        )
        cancelled = session.status == "cancelled"
        records.append(
            doc.SessionRecord(
                number=session.number,
                date=session.date,
                kind=SessionKind(session.kind),
                modality=Modality(session.modality),
                attendee_count=len(present),
                quorum=quorum,
                # As compliance counts it (2.7): a ministry person attended, not the session's checkbox.
                ministry_present=any(compliance.is_ministry(p.entity, p.dependency_name) for p in present),
                acta_status=ActaStatus(acta.status) if acta else None,
                cancelled=cancelled,
            )
        )
        for person in [] if cancelled else present:
            if person.counts_for_quorum and person.capacity in CAPACITIES and person.dependency_name:
                continue  # a member dependency, not another actor
            actor = person.entity or person.dependency_name or person.full_name
            attended, people = invited.setdefault(actor, (set(), set()))
            attended.add(session.number)
            people.add(person.full_name)
    items = _in_period_commitments(store, start, end, {r.number for r in records})
    try:
        plan = action_plan.plan_status(store, end.year, as_of)
        report = plan_report_data(plan, mesa)
        axes, overall = report.axes, report.overall_progress
    except NotFound:  # no plan for that year: the section stays empty
        axes, overall = (), None
    rows = [
        replace(row, status=commitment_at(item, as_of))
        for row, item in zip(commitment_rows(items), items, strict=True)
    ]
    return doc.PeriodicReportData(
        mesa=mesa_data(mesa),
        period_start=start,
        period_end=end,
        report_date=report_date or clock.today(),
        progress=progress,
        challenges=challenges,
        opportunities=opportunities,
        sessions=tuple(records),
        commitments=tuple(rows),
        axes=axes,
        overall_progress=overall,
        prepared_by=_focal_point(mesa),
        articulations_text=articulations,
        psychosocial=psychosocial,
        articulations=tuple(_articulations(invited, items, as_of)),
        number=number,
        cases=tuple(
            doc.CaseTotals(need, tuple((k, n) for k, n in counts.items() if k != "total"), counts["total"])
            for need, counts in cases.period_totals(store, start, end)
        ),
        overdue_cases=len(cases.overdue(store, min(end, clock.today()))),
    )


def periodic_drafts(report: doc.PeriodicReportData) -> dict[str, str]:
    """Short factual drafts of the editable sections, from the period's data (the focal point
    rewrites them); a section the data says nothing about stays empty."""
    held = [s for s in report.sessions if not s.cancelled]
    with_quorum = [s for s in held if s.quorum is not None and s.quorum.met]
    states = [c.status for c in report.commitments]
    done = states.count(CommitmentState.DONE)
    overdue = states.count(CommitmentState.OVERDUE)
    progress = []
    if held:
        progress.append(
            f"La mesa realizó {count(len(held), 'sesión', 'sesiones')} en el periodo, "
            f"{len(with_quorum)} con quórum."
        )
    if states:
        progress.append(
            f"De {count(len(states), 'compromiso', 'compromisos')} con vencimiento en el periodo, "
            f"{done} {'se cumplió' if done == 1 else 'se cumplieron'}."
        )
    if report.effective_progress is not None:
        progress.append(
            f"El plan de acción registra un avance de {report.effective_progress:.0f} % al cierre."
        )
    challenges = []
    if overdue:
        challenges.append(
            f"{count(overdue, 'compromiso venció', 'compromisos vencieron')} sin cumplirse en el periodo."
        )
    without = [s for s in held if s.quorum is not None and not s.quorum.met]
    if without:
        challenges.append(
            f"{count(len(without), 'sesión', 'sesiones')} sin quórum: "
            + ", ".join(s.number for s in without)
            + "."
        )
    articulations = [
        f"{a.actor}: asistió a {count(a.sessions_attended, 'sesión', 'sesiones')}; "
        f"{count(a.commitments, 'compromiso', 'compromisos')} a su cargo."
        for a in report.articulations
    ]
    return {
        "progress": " ".join(progress),
        "challenges": " ".join(challenges),
        "opportunities": "",
        "articulations": "\n".join(articulations),
        "psychosocial": "",
    }


def oficio_data(store: Store, day: date | None = None) -> OficioData:
    """The oficio to the ministry (guideline 2.6) with this installation's key fingerprint."""
    from mesa_desktop.bundle import installation
    from mesa_desktop.documents.oficio import OficioData

    mesa = conformation.get_mesa(store)
    key = installation.signing_key(store).public_key
    return OficioData(
        mesa=mesa_data(mesa),
        day=day or clock.today(),
        focal_point_name=mesa.focal_point_name or "",
        focal_point_position=mesa.focal_point_position or "",
        focal_point_email=mesa.focal_point_email or "",
        focal_point_phone=mesa.focal_point_phone or "",
        key_fingerprint=key.fingerprint,
        key_id=key.key_id,
    )

"""Actas: a draft built from the session, decisions with their quorum, approval and locking.

The acta's content is a plain dict (``acta_content``): the document renders it, and on
approval it is frozen as canonical JSON whose SHA-256 is recorded, so an approved acta
never changes even if the underlying data does. A correction is a new version.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, cast

from sqlalchemy import select
from sqlalchemy.orm import Session

from mesa_desktop import formatting, territories
from mesa_desktop.clock import to_utc
from mesa_desktop.errors import Conflict, InvalidInput, NotFound
from mesa_desktop.models import (
    Absence,
    Acta,
    AgendaItem,
    Attendance,
    Commitment,
    Decision,
    Dependency,
    MeetingSession,
    Mesa,
    Person,
    QuorumEvent,
)
from mesa_desktop.rules import quorum as quorum_rules
from mesa_desktop.services.attendance import (
    member_dependencies,
    moment_in,
    quorum_view,
    refuse_if_future,
    status_at,
)
from mesa_desktop.services.lookup import find_dependency, find_session, the_mesa
from mesa_desktop.services.sessions import _refuse_if_closed, held_by_approval, move_status
from mesa_desktop.store import Store


@dataclass(frozen=True)
class ActaInfo:
    id: uuid.UUID
    session_id: uuid.UUID
    number: str
    version: int
    status: str
    opening_notes: str | None
    closing_notes: str | None
    next_session_note: str | None
    content_sha256: str | None
    approved_in_session: str | None
    approved_at: datetime | None
    sent_on: date | None
    supersedes_id: uuid.UUID | None

    @property
    def locked(self) -> bool:
        return self.status == "approved"


@dataclass(frozen=True)
class DecisionInfo:
    id: uuid.UUID
    text: str
    at: datetime
    agenda_item_id: uuid.UUID | None
    quorum_present: int
    quorum_required: int
    quorum_total: int
    quorum_met: bool
    votes_for: int | None
    votes_against: int | None
    abstentions: int | None
    without_quorum: bool = False  # recorded anyway; the acta says it is not valid
    approves_acta: str | None = None  # "NNN-AAAA" when the decision approved that acta

    def as_json(self) -> dict[str, Any]:
        return {
            "id": str(self.id),
            "at": self.at.isoformat(),
            "quorum": {
                "present": self.quorum_present,
                "required": self.quorum_required,
                "total": self.quorum_total,
                "met": self.quorum_met,
            },
            "votes": {"for": self.votes_for, "against": self.votes_against, "abstentions": self.abstentions},
            "without_quorum": self.without_quorum,
            "approves_acta": self.approves_acta,
        }


def _info(db: Session, acta: Acta) -> ActaInfo:
    approved_in = db.get(MeetingSession, acta.approved_in_session_id) if acta.approved_in_session_id else None
    return ActaInfo(
        id=acta.id,
        session_id=acta.session_id,
        number=acta.number,
        version=acta.version,
        status=acta.status,
        opening_notes=acta.opening_notes,
        closing_notes=acta.closing_notes,
        next_session_note=acta.next_session_note,
        content_sha256=acta.content_sha256,
        approved_in_session=approved_in.label if approved_in else None,
        approved_at=acta.approved_at,
        sent_on=acta.sent_on,
        supersedes_id=acta.supersedes_id,
    )


def _current(db: Session, session: MeetingSession) -> Acta | None:
    return db.scalar(select(Acta).where(Acta.session_id == session.id).order_by(Acta.version.desc()))


def ensure_draft(store: Store, session_ref: str | uuid.UUID) -> ActaInfo:
    """The session's current acta, creating the first draft if there is none."""
    with store.transaction() as db:
        mesa = the_mesa(db)
        return _info(db, _draft_in(db, mesa, find_session(db, mesa, session_ref)))


def _draft_in(db: Session, mesa: Mesa, session: MeetingSession) -> Acta:
    """The session's current acta, the first draft created if there is none (caller's transaction)."""
    acta = _current(db, session)
    if acta is None:
        acta = Acta(mesa_id=mesa.id, session_id=session.id, number=session.label, version=1)
        db.add(acta)
        db.flush()
    return acta


def current_acta(store: Store, session_ref: str | uuid.UUID) -> ActaInfo | None:
    with store.reading() as db:
        acta = _current(db, find_session(db, the_mesa(db), session_ref))
        return _info(db, acta) if acta else None


def update_draft(store: Store, acta_id: uuid.UUID, **texts: str | None) -> ActaInfo:
    allowed = {"opening_notes", "closing_notes", "next_session_note"}
    if set(texts) - allowed:
        raise InvalidInput("Campos del acta no editables.")
    with store.transaction() as db:
        acta = _editable(db, acta_id)
        for key, value in texts.items():
            setattr(acta, key, value)
        return _info(db, acta)


def _editable(db: Session, acta_id: uuid.UUID) -> Acta:
    acta = db.get(Acta, acta_id)
    if acta is None:
        raise NotFound("El acta no existe.")
    if acta.status == "approved":
        raise Conflict(
            f"El acta {acta.number} está aprobada y bloqueada. Para corregirla, cree una nueva versión."
        )
    return acta


def record_decision(
    store: Store,
    session_ref: str | uuid.UUID,
    text: str,
    *,
    agenda_item_id: uuid.UUID | None = None,
    votes_for: int | None = None,
    votes_against: int | None = None,
    abstentions: int | None = None,
    at: datetime | time | None = None,
    without_quorum: bool = False,
) -> DecisionInfo:
    """A decision, with the quorum at the moment it was taken (the acta must state it).

    ``at`` defaults to now; a bare time is Colombia's clock on the session's date. Votes are
    per member delegation present at that moment. In an ordinary session without quorum the
    decision is refused unless ``without_quorum`` records it as not valid."""
    if not text.strip():
        raise InvalidInput("La decisión necesita un texto.")
    with store.transaction() as db:
        mesa = the_mesa(db)
        session = find_session(db, mesa, session_ref)
        acta = _current(db, session)
        if acta is not None and acta.status == "approved":
            raise Conflict(f"El acta {acta.number} ya está aprobada: no se pueden añadir decisiones.")
        refuse_if_future(session, "registrar decisiones")
        moment = moment_in(session, at)
        _within(session, moment, "la decisión")
        status = status_at(db, mesa, session, moment)
        _check_votes(status, votes_for, votes_against, abstentions, moment)
        if not status.met and not without_quorum:
            raise Conflict(
                f"A las {_hhmm(moment)} no había quórum ({status.summary}): la decisión no se registra. "
                "Regístrela como «sin quórum: no es válida» si así debe constar en el acta."
            )
        decision = Decision(
            session_id=session.id,
            agenda_item_id=agenda_item_id,
            text=text.strip(),
            at=moment,
            quorum_present=status.present,
            quorum_required=status.required,
            quorum_total=status.total,
            quorum_met=status.met,
            votes_for=votes_for,
            votes_against=votes_against,
            abstentions=abstentions,
            without_quorum=not status.met,
        )
        db.add(decision)
        db.flush()
        return _decision_info(db, decision)


def quorum_at(
    store: Store,
    session_ref: str | uuid.UUID,
    at: datetime | time | None = None,
    *,
    mesa_quorum: bool = False,
) -> quorum_rules.QuorumStatus:
    """The quorum the session had at ``at`` (a bare time is on the session's date), as a
    decision or, with ``mesa_quorum``, an approval of an acta at that moment would record it."""
    with store.reading() as db:
        mesa = the_mesa(db)
        session = find_session(db, mesa, session_ref)
        return status_at(
            db, mesa, session, moment_in(session, at), quorum_required=True if mesa_quorum else None
        )


def _within(session: MeetingSession, moment: datetime, what: str) -> None:
    """What the session decides happens between its real opening and closing."""
    if session.opened_at is not None and moment < to_utc(session.opened_at):
        raise InvalidInput(
            f"La sesión {session.label} se abrió a las {_hhmm(session.opened_at)}: {what} no puede "
            f"ser de las {_hhmm(moment)}."
        )
    if session.closed_at is not None and moment > to_utc(session.closed_at):
        raise InvalidInput(
            f"La sesión {session.label} se cerró a las {_hhmm(session.closed_at)}: {what} no puede "
            f"ser de las {_hhmm(moment)}."
        )


def _hhmm(moment: datetime) -> str:
    return formatting.hour(moment)  # "1:24 p. m." on Colombia's clock, as the screens write it


def _check_votes(
    status: quorum_rules.QuorumStatus,
    votes_for: int | None,
    votes_against: int | None,
    abstentions: int | None,
    moment: datetime,
) -> None:
    given = [v for v in (votes_for, votes_against, abstentions) if v is not None]
    if any(v < 0 for v in given):
        raise InvalidInput("Los votos no pueden ser negativos.")
    if sum(given) > status.present:
        noun = (
            "delegación integrante presente" if status.present == 1 else "delegaciones integrantes presentes"
        )
        raise InvalidInput(
            f"Se indicaron {sum(given)} votos, pero a las {_hhmm(moment)} había {status.present} {noun}: "
            "se vota una vez por delegación (los invitados tienen voz, no voto)."
        )


def _decision_info(db: Session, d: Decision) -> DecisionInfo:
    approved = db.get(Acta, d.approves_acta_id) if d.approves_acta_id else None
    return DecisionInfo(
        d.id,
        d.text,
        d.at,
        d.agenda_item_id,
        d.quorum_present,
        d.quorum_required,
        d.quorum_total,
        d.quorum_met,
        d.votes_for,
        d.votes_against,
        d.abstentions,
        bool(d.without_quorum),
        approved.number if approved else None,
    )


def list_decisions(store: Store, session_ref: str | uuid.UUID) -> list[DecisionInfo]:
    with store.reading() as db:
        session = find_session(db, the_mesa(db), session_ref)
        rows = db.scalars(select(Decision).where(Decision.session_id == session.id).order_by(Decision.at))
        return [_decision_info(db, d) for d in rows]


def approve(
    store: Store,
    acta_id: uuid.UUID,
    in_session: str | uuid.UUID,
    *,
    at: datetime | time | None = None,
    observations: str | None = None,
    mark_held: bool = False,
) -> ActaInfo:
    """Approve an acta in a session (normally the next one); freezes and locks it.

    The approval is a decision of the approving session: that session must be open or held,
    and the mesa must have quorum at that moment whatever the session's kind. With
    ``mark_held`` a session still planned or convened is marked held in the same transaction
    (so a refused approval leaves it as it was)."""
    with store.transaction() as db:
        mesa = the_mesa(db)
        acta = _editable(db, acta_id)
        session = db.get_one(MeetingSession, acta.session_id)
        approving = find_session(db, mesa, in_session)
        if mark_held and held_by_approval(session.status):
            move_status(session, "held")
        if session.status not in ("held",):
            raise Conflict(
                f"La sesión {session.label} no figura como realizada; márquela como realizada "
                "antes de aprobar su acta."
            )
        if approving.date < session.date:
            raise InvalidInput("El acta solo puede aprobarse en la misma sesión o en una posterior.")
        if approving.status == "cancelled":
            raise Conflict(f"La sesión {approving.label} está cancelada: no puede aprobar actas.")
        if approving.opened_at is None and approving.status not in ("held", "acta_approved"):
            raise Conflict(
                f"La sesión {approving.label} no se ha abierto: ábrala (con su hora de inicio) antes "
                "de aprobar en ella el acta anterior."
            )
        moment = moment_in(approving, at)
        _within(approving, moment, "la aprobación")
        status = status_at(db, mesa, approving, moment, quorum_required=True)
        if not status.met:
            raise Conflict(
                f"A las {_hhmm(moment)} la sesión {approving.label} no tenía el quórum de la mesa "
                f"({status.summary}): el acta {acta.number} no puede aprobarse."
            )
        note = (observations or "").strip()
        from mesa_desktop.documents.text import long_date

        text = f"Se aprobó el acta No. {acta.number} de la sesión del {long_date(session.date)}"
        text += f" con observaciones: {note}" if note else "."
        item = next((i for i in approving.agenda if i.purpose == "previous_acta"), None)
        db.add(
            Decision(
                session_id=approving.id,
                agenda_item_id=item.id if item else None,
                text=text,
                at=moment,
                quorum_present=status.present,
                quorum_required=status.required,
                quorum_total=status.total,
                quorum_met=True,
                approves_acta_id=acta.id,
                observations=note or None,
            )
        )
        content = acta_content(db, mesa, session, acta)
        canonical = canonical_json(content)
        acta.approved_content = canonical
        acta.content_sha256 = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
        acta.status = "approved"
        acta.approved_in_session_id = approving.id
        acta.approved_at = moment
        if acta.supersedes_id is None:
            move_status(session, "acta_approved")
        return _info(db, acta)


def edit_texts(
    store: Store,
    session_ref: str | uuid.UUID,
    *,
    opening: str | None = None,
    closing: str | None = None,
    objective: str | None = None,
) -> ActaInfo:
    """The texts the acta prints that are not in the agenda: opening, closing, objective.

    ``None`` leaves a text as it is; the draft is created if needed. One transaction."""
    with store.transaction() as db:
        mesa = the_mesa(db)
        session = find_session(db, mesa, session_ref)
        acta = _editable(db, _draft_in(db, mesa, session).id)
        if opening is not None:
            acta.opening_notes = opening.strip() or None
        if closing is not None:
            acta.closing_notes = closing.strip() or None
        if objective is not None:
            _refuse_if_closed(session)
            session.objective = objective.strip() or None
        return _info(db, acta)


@dataclass(frozen=True)
class AbsenceInfo:
    dependency_id: uuid.UUID
    dependency: str
    excuse: str | None
    invited: bool = False  # an invited actor convened who did not come


def set_absence_excuse(
    store: Store, session_ref: str | uuid.UUID, dependency: str | uuid.UUID, excuse: str | None
) -> AbsenceInfo:
    """Record (or clear, with an empty text) the excuse of an absent member dependency.

    An invited actor convened to the session who did not come is recorded absent this way too
    (with or without an excuse), so the acta lists it: the departmental secretary invited to
    the first session is then in the acta although absent (guideline 2.7)."""
    with store.transaction() as db:
        mesa = the_mesa(db)
        session = find_session(db, mesa, session_ref)
        _refuse_if_closed(session)
        dep = find_dependency(db, mesa, dependency)
        if not dep.is_active_on(session.date):
            from mesa_desktop.documents.text import long_date

            what = "un actor invitado activo" if dep.invited else "una dependencia integrante activa"
            raise InvalidInput(
                f"«{dep.name}» no es {what} el {long_date(session.date)}: no se registra su ausencia."
            )
        if dep.invited:
            came = db.scalar(
                select(Person.full_name)
                .join(Attendance, Attendance.person_id == Person.id)
                .where(Attendance.session_id == session.id, Person.dependency_id == dep.id)
                .limit(1)
            )
            if came is not None:
                raise Conflict(
                    f"{came}, de «{dep.name}», asistió a la sesión {session.label}: no se registra "
                    "su ausencia. Si se registró su llegada por error, deshágala en Asistencia."
                )
        row = db.scalar(
            select(Absence).where(Absence.session_id == session.id, Absence.dependency_id == dep.id)
        )
        if row is None:
            row = Absence(session_id=session.id, dependency_id=dep.id)
            db.add(row)
        row.excuse = (excuse or "").strip() or None
        return AbsenceInfo(dep.id, dep.name, row.excuse, dep.invited)


def remove_absence(store: Store, session_ref: str | uuid.UUID, dependency: str | uuid.UUID) -> None:
    """Take an invited actor off the acta's absentees (recorded by mistake). A member dependency
    that did not come stays absent: only its excuse can be cleared."""
    with store.transaction() as db:
        mesa = the_mesa(db)
        session = find_session(db, mesa, session_ref)
        _refuse_if_closed(session)
        dep = find_dependency(db, mesa, dependency)
        if not dep.invited:
            raise InvalidInput(
                f"«{dep.name}» es una dependencia integrante: si no asistió, el acta la lista como "
                "ausente. Puede borrar su excusa con un texto vacío."
            )
        row = db.scalar(
            select(Absence).where(Absence.session_id == session.id, Absence.dependency_id == dep.id)
        )
        if row is not None:
            db.delete(row)


def correct(store: Store, acta_id: uuid.UUID, reason: str) -> ActaInfo:
    """A correction of an approved acta: a new draft version that references it."""
    if not reason.strip():
        raise InvalidInput("Indique el motivo de la corrección.")
    with store.transaction() as db:
        old = db.get(Acta, acta_id)
        if old is None or old.status != "approved":
            raise Conflict("Solo se corrige un acta aprobada; un borrador se edita directamente.")
        latest = db.scalar(
            select(Acta).where(Acta.session_id == old.session_id).order_by(Acta.version.desc())
        )
        assert latest is not None  # the approved acta itself is one of them
        if latest.id != old.id:
            raise Conflict(f"Ya existe la versión {latest.version} de esta acta.")
        new = Acta(
            mesa_id=old.mesa_id,
            session_id=old.session_id,
            number=old.number,
            version=old.version + 1,
            opening_notes=old.opening_notes,
            closing_notes=old.closing_notes,
            next_session_note=old.next_session_note,
            supersedes_id=old.id,
            correction_reason=reason.strip(),
        )
        db.add(new)
        db.flush()
        return _info(db, new)


def mark_sent(store: Store, acta_id: uuid.UUID, on: date) -> ActaInfo:
    with store.transaction() as db:
        # The draft goes to the dependencies for review soon after the session (guideline 2.6 f);
        # recording that is allowed before approval.
        acta = db.get(Acta, acta_id)
        if acta is None:
            raise NotFound("El acta no existe.")
        acta.sent_on = on
        return _info(db, acta)


def content(store: Store, session_ref: str | uuid.UUID) -> dict[str, Any]:
    """What the acta says: frozen content when approved, live data for a draft."""
    with store.reading() as db:
        mesa = the_mesa(db)
        session = find_session(db, mesa, session_ref)
        acta = _current(db, session)
        if acta is not None and acta.status == "approved":
            # An approved acta always holds its frozen content.
            frozen: dict[str, Any] = json.loads(cast(str, acta.approved_content))
            return frozen
        return acta_content(db, mesa, session, acta)


def _absent_invited(
    db: Session, session: MeetingSession, recorded: set[uuid.UUID], came: set[uuid.UUID | None]
) -> list[Dependency]:
    """The invited actors recorded absent from ``session`` (none of their people came)."""
    if not recorded:
        return []
    found = db.scalars(
        select(Dependency)
        .where(Dependency.id.in_(recorded), Dependency.invited.is_(True))
        .order_by(Dependency.position, Dependency.name)
    ).all()
    return [d for d in found if d.id not in came and d.is_active_on(session.date)]


def canonical_json(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _iso(value: date | time | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def acta_content(db: Session, mesa: Mesa, session: MeetingSession, acta: Acta | None) -> dict[str, Any]:
    territory = territories.get(mesa.territory_code)
    members = member_dependencies(db, mesa, session.date)
    rows = db.scalars(
        select(Attendance).where(Attendance.session_id == session.id).order_by(Attendance.check_in_at)
    ).all()
    present_ids = {r.dependency_id for r in rows if r.dependency_id}
    live = quorum_view(db, mesa, session).status
    opening = db.scalar(
        select(QuorumEvent)
        .where(QuorumEvent.session_id == session.id, QuorumEvent.kind == "established")
        .order_by(QuorumEvent.at)
    )
    agenda = db.scalars(
        select(AgendaItem).where(AgendaItem.session_id == session.id).order_by(AgendaItem.position)
    ).all()
    # Looked up by a decision's agenda item, which may be none.
    positions: dict[uuid.UUID | None, int] = {item.id: item.position for item in agenda}
    decisions = db.scalars(
        select(Decision).where(Decision.session_id == session.id).order_by(Decision.at)
    ).all()
    agreed = db.scalars(
        select(Commitment)
        .where(Commitment.session_id == session.id)
        .order_by(Commitment.due_date, Commitment.created_at)
    ).all()
    followed = _followed_up(db, mesa, session)
    previous = db.scalar(
        select(MeetingSession)
        .where(
            MeetingSession.mesa_id == mesa.id,
            MeetingSession.date < session.date,
            MeetingSession.status != "cancelled",
        )
        .order_by(MeetingSession.date.desc())
    )
    previous_acta = _current(db, previous) if previous else None
    # The next session is one still to be held (planned or convened), not any later record.
    following = db.scalar(
        select(MeetingSession)
        .where(
            MeetingSession.mesa_id == mesa.id,
            MeetingSession.date > session.date,
            MeetingSession.status.in_(("planned", "convened")),
        )
        .order_by(MeetingSession.date, MeetingSession.number)
    )
    excuses = {
        a.dependency_id: a.excuse
        for a in db.scalars(select(Absence).where(Absence.session_id == session.id)).all()
    }
    events = db.scalars(
        select(QuorumEvent).where(QuorumEvent.session_id == session.id).order_by(QuorumEvent.at)
    ).all()
    approved_here: dict[uuid.UUID | None, Acta | None] = {
        d.approves_acta_id: db.get(Acta, d.approves_acta_id) for d in decisions if d.approves_acta_id
    }
    rule_label = quorum_rules.rule_label(mesa.quorum_rule)
    return {
        "mesa": {
            "name": mesa.name,
            "entity": mesa.entity_name,
            "territory": territory.full_name,
            "territory_code": mesa.territory_code,
            "focal_point": mesa.focal_point_name,
            "focal_point_position": mesa.focal_point_position,
        },
        "number": session.label,
        "version": acta.version if acta else 1,
        "correction_reason": acta.correction_reason if acta else None,
        "session": {
            "kind": session.kind,
            "template": session.template,
            "modality": session.modality,
            "date": _iso(session.date),
            "start_time": _iso(session.start_time),
            "end_time": _iso(session.end_time),
            "place": session.place,
            "virtual_link": session.virtual_link,
            "president": session.president_name,
            "president_position": session.president_position,
            "ministry_participated": session.ministry_participated,
            "opened_at": _iso(session.opened_at),
            "closed_at": _iso(session.closed_at),
            "objective": session.objective,
            "presiders": [
                {"name": p.full_name, "position": p.role_title, "entity": p.entity} for p in session.presiders
            ],
        },
        "attendees": [
            {
                "name": r.person.full_name,
                "position": r.person.position,
                "entity": r.person.entity,
                "dependency": r.person.dependency.name if r.person.dependency else None,
                "capacity": r.capacity,
                "counts_for_quorum": r.dependency_id is not None,
                "check_in": _iso(r.check_in_at),
                "check_out": _iso(r.check_out_at),
                "virtual": r.virtual,
            }
            for r in rows
        ],
        "absent_dependencies": [d.name for d in members if d.id not in present_ids],
        "absences": [
            {"name": d.name, "excuse": excuses.get(d.id)} for d in members if d.id not in present_ids
        ],
        # Invited actors convened who did not come, as the secretaría técnica recorded them.
        "absent_invited": [
            {"name": d.name, "excuse": excuses.get(d.id)}
            for d in _absent_invited(db, session, set(excuses), {r.person.dependency_id for r in rows})
        ],
        "quorum": {
            "rule": mesa.quorum_rule,
            "rule_label": rule_label,
            "required_by_session": session.kind == "ordinary",
            "opening": {
                "at": _iso(opening.at) if opening else None,
                "present": opening.present if opening else live.present,
                "required": opening.required if opening else live.required,
                "total": opening.total if opening else live.total,
                "met": bool(opening) or live.met,
            },
            "events": [
                {
                    "at": _iso(e.at),
                    "kind": e.kind,
                    "present": e.present,
                    "required": e.required,
                    "total": e.total,
                }
                for e in events
            ],
        },
        "agenda": [
            {"position": i.position, "title": i.title, "development": i.development or ""} for i in agenda
        ],
        "decisions": [
            {
                "text": d.text,
                "at": _iso(d.at),
                "agenda_position": positions.get(d.agenda_item_id),
                "quorum": {
                    "present": d.quorum_present,
                    "required": d.quorum_required,
                    "total": d.quorum_total,
                    "met": d.quorum_met,
                },
                "votes": {"for": d.votes_for, "against": d.votes_against, "abstentions": d.abstentions},
                "without_quorum": bool(d.without_quorum),
                "approves_acta": approved.number
                if (approved := approved_here.get(d.approves_acta_id))
                else None,
            }
            for d in decisions
        ],
        "commitments": [_commitment_dict(c) for c in agreed],
        "followup": [_commitment_dict(c, source, on=session.date) for c, source in followed],
        "previous_acta": (
            {"number": previous.label, "status": previous_acta.status if previous_acta else "none"}
            if previous
            else None
        ),
        "next_session": {
            "date": _iso(following.date),
            "number": following.label,
            "place": following.place,
            "kind": following.kind,
            "start_time": _iso(following.start_time),
            "modality": following.modality,
            "virtual_link": following.virtual_link,
        }
        if following
        else None,
        "opening_notes": acta.opening_notes if acta else None,
        "closing_notes": acta.closing_notes if acta else None,
        "next_session_note": acta.next_session_note if acta else None,
    }


def _followed_up(db: Session, mesa: Mesa, session: MeetingSession) -> list[tuple[Commitment, str]]:
    """Commitments of earlier sessions still due or open on this session's date, whenever
    they were typed in; one closed before the previous session was already reported there."""
    previous_date = db.scalar(
        select(MeetingSession.date)
        .where(
            MeetingSession.mesa_id == mesa.id,
            MeetingSession.date < session.date,
            MeetingSession.status != "cancelled",
        )
        .order_by(MeetingSession.date.desc())
    )
    rows = db.execute(
        select(Commitment, MeetingSession)
        .join(MeetingSession, MeetingSession.id == Commitment.session_id)
        .where(Commitment.mesa_id == mesa.id, MeetingSession.date < session.date)
        .order_by(Commitment.due_date, MeetingSession.date)
    ).all()
    found = []
    for commitment, agreed_in in rows:
        closed = commitment.status in ("done", "cancelled")
        closed_on = commitment.done_on
        if closed and closed_on is not None and previous_date is not None and closed_on < previous_date:
            continue
        if closed and closed_on is not None and closed_on > session.date:
            closed = False  # still open on the session's date
        if (
            closed
            and closed_on is None
            and commitment.updated_at
            and previous_date is not None
            and to_utc(commitment.updated_at).date() < previous_date
        ):
            continue
        found.append((commitment, agreed_in.label))
    return found


def _commitment_dict(c: Commitment, source: str | None = None, *, on: date | None = None) -> dict[str, Any]:
    """``source``/``on`` for a follow-up: the session it came from, its latest note, and its
    state on the following-up session's date (one done later was still open then)."""
    item = {
        "text": c.text,
        "responsible": " — ".join(
            p
            for p in (
                c.responsible_dependency.name if c.responsible_dependency else None,
                c.responsible_person,
            )
            if p
        )
        or None,
        "due_date": _iso(c.due_date),
        "status": c.status,
    }
    if source is not None:
        # Notes carry the moment they were typed, not when the fact happened: the latest one.
        notes = sorted(c.notes, key=lambda n: to_utc(n.at))
        item["follow_up"] = notes[-1].text if notes else None
        item["source_session"] = source
        if on is not None and c.status in ("done", "cancelled") and c.done_on and c.done_on > on:
            item["status"] = "in_progress" if notes else "pending"
    return item

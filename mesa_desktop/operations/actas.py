"""The acta screen: the draft, its texts, decisions, approval and correction; its read-model.

Opening a session's acta is a write (the first draft is created) followed by one read of
everything the screen shows, from one snapshot (``ensure_draft`` then ``acta_view``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, time

from mesa_desktop.errors import NotFound
from mesa_desktop.services import actas, commitments, conformation, sessions
from mesa_desktop.services.actas import AbsenceInfo, ActaInfo, DecisionInfo
from mesa_desktop.services.changes import Changed, Topic, changed
from mesa_desktop.services.commitments import CommitmentInfo
from mesa_desktop.services.conformation import DependencyInfo
from mesa_desktop.services.sessions import SessionInfo
from mesa_desktop.store import Store


@dataclass(frozen=True)
class Attendee:
    """Someone who came to the session, as the acta lists them."""

    name: str
    position: str | None
    entity: str | None
    dependency: str | None
    capacity: str
    counts_for_quorum: bool  # a delegation of a member dependency (invited actors do not)
    virtual: bool
    left: bool  # checked out before the end


@dataclass(frozen=True)
class Absence:
    """A member dependency (or an invited actor convened) that did not come, and its excuse."""

    dependency: str
    excuse: str | None


@dataclass(frozen=True)
class OpeningQuorum:
    """The quorum when it was first established (or the live one if it never was)."""

    at: datetime | None
    present: int
    required: int
    total: int
    met: bool


@dataclass(frozen=True)
class PreviousActa:
    """The acta of the session before, as this acta mentions it ("draft", "approved", "none")."""

    number: str
    status: str


@dataclass(frozen=True)
class PendingApproval:
    """The previous session's acta, still a draft: the mesa usually approves it in this session."""

    session: SessionInfo
    acta: ActaInfo


@dataclass(frozen=True)
class ActaView:
    """Everything the acta screen shows, read from one snapshot."""

    session: SessionInfo
    acta: ActaInfo
    attendees: tuple[Attendee, ...]
    absences: tuple[Absence, ...]
    opening: OpeningQuorum
    quorum_required: bool  # an extraordinary session needs no quorum of its own
    rule_label: str
    previous_acta: PreviousActa | None
    decisions: tuple[DecisionInfo, ...]
    commitments: tuple[CommitmentInfo, ...]
    members: tuple[DependencyInfo, ...]  # for the responsible of a commitment
    later_sessions: tuple[SessionInfo, ...]  # where this acta can be approved
    pending: PendingApproval | None = None
    absent_invited: tuple[Absence, ...] = ()  # invited actors recorded as convened and absent
    invited_not_present: tuple[str, ...] = ()  # the other invited actors nobody came for

    @property
    def absent_dependencies(self) -> tuple[str, ...]:
        return tuple(a.dependency for a in self.absences)

    @property
    def members_present(self) -> tuple[Attendee, ...]:
        return tuple(a for a in self.attendees if a.counts_for_quorum)

    @property
    def guests(self) -> tuple[Attendee, ...]:
        return tuple(a for a in self.attendees if not a.counts_for_quorum)


def ensure_draft(store: Store, session_id: uuid.UUID) -> Changed[ActaInfo]:
    """The session's acta, its first draft created if there is none.

    It announces nothing: a new empty draft changes nothing another screen shows, and the
    acta screen (which reloads on "actas") reads it right after.
    """
    with store.transaction():
        acta = actas.ensure_draft(store, session_id)
    return changed(acta)


def acta_view(store: Store, session_id: uuid.UUID) -> ActaView:
    with store.reading():
        session = sessions.get_session(store, session_id)
        acta = actas.current_acta(store, session_id)
        if acta is None:
            raise NotFound(f"La sesión {session.number} aún no tiene acta.")
        content = actas.content(store, session_id)
        every = [s for s in sessions.list_sessions(store) if s.status != "cancelled"]
        pending = None
        earlier = [s for s in every if s.date < session.date]
        if earlier:
            before = max(earlier, key=lambda s: (s.date, s.number))
            previous_acta = actas.current_acta(store, before.id)
            if previous_acta is not None and not previous_acta.locked:
                pending = PendingApproval(before, previous_acta)
        quorum = content["quorum"]
        opening = quorum["opening"]
        previous = content.get("previous_acta")
        members = conformation.list_members(store, on=session.date)
        came = {a.get("dependency") for a in content["attendees"]}
        absent_invited = [Absence(a["name"], a.get("excuse")) for a in content.get("absent_invited") or []]
        return ActaView(
            session=session,
            acta=acta,
            attendees=tuple(
                Attendee(
                    name=a["name"],
                    position=a.get("position"),
                    entity=a.get("entity"),
                    dependency=a.get("dependency"),
                    capacity=a["capacity"],
                    counts_for_quorum=bool(a.get("counts_for_quorum")),
                    virtual=bool(a.get("virtual")),
                    left=bool(a.get("check_out")),
                )
                for a in content["attendees"]
            ),
            absences=tuple(Absence(a["name"], a.get("excuse")) for a in content.get("absences", [])),
            opening=OpeningQuorum(
                at=datetime.fromisoformat(opening["at"]) if opening.get("at") else None,
                present=opening["present"],
                required=opening["required"],
                total=opening["total"],
                met=opening["met"],
            ),
            quorum_required=quorum.get("required_by_session", True),
            rule_label=quorum.get("rule_label") or "",
            previous_acta=PreviousActa(previous["number"], previous["status"]) if previous else None,
            decisions=tuple(actas.list_decisions(store, session_id)),
            commitments=tuple(commitments.list_commitments(store, session=session_id)),
            members=tuple(members),
            later_sessions=tuple(s for s in every if s.date >= session.date),
            pending=pending,
            absent_invited=tuple(absent_invited),
            invited_not_present=tuple(
                d.name
                for d in members
                if d.invited
                and d.is_active_on(session.date)
                and d.name not in came
                and d.name not in {a.dependency for a in absent_invited}
            ),
        )


def write_draft(store: Store, acta_id: uuid.UUID, **texts: str | None) -> Changed[ActaInfo]:
    """Opening, closing and next-session notes as they are typed. No topic: the text on screen
    is already the truth, and a broadcast would rebuild the editors under the person typing."""
    with store.transaction():
        acta = actas.update_draft(store, acta_id, **texts)
    return changed(acta)


def write_objective(store: Store, session_id: uuid.UUID, objective: str) -> Changed[ActaInfo]:
    """The session's objective, typed on the acta screen (no topic, as ``write_draft``)."""
    with store.transaction():
        acta = actas.edit_texts(store, session_id, objective=objective)
    return changed(acta)


def set_absence_excuse(
    store: Store, session_id: uuid.UUID, dependency: str | uuid.UUID, excuse: str | None
) -> Changed[AbsenceInfo]:
    """An absent dependency's excuse, typed in its cell (no topic, as ``write_draft``)."""
    with store.transaction():
        absence = actas.set_absence_excuse(store, session_id, dependency, excuse)
    return changed(absence)


def record_invited_absence(store: Store, session_id: uuid.UUID, dependency: str) -> Changed[AbsenceInfo]:
    """An invited actor convened who did not come, added to the acta's absentees."""
    with store.transaction():
        absence = actas.set_absence_excuse(store, session_id, dependency, None)
    return changed(absence, Topic.ACTAS)


def remove_invited_absence(store: Store, session_id: uuid.UUID, dependency: str) -> Changed[None]:
    with store.transaction():
        actas.remove_absence(store, session_id, dependency)
    return changed(None, Topic.ACTAS)


def record_decision(
    store: Store,
    session_id: uuid.UUID,
    text: str,
    *,
    agenda_item_id: uuid.UUID | None = None,
    votes_for: int | None = None,
    votes_against: int | None = None,
    abstentions: int | None = None,
    at: datetime | time | None = None,
    without_quorum: bool = False,
) -> Changed[DecisionInfo]:
    with store.transaction():
        decision = actas.record_decision(
            store,
            session_id,
            text,
            agenda_item_id=agenda_item_id,
            votes_for=votes_for,
            votes_against=votes_against,
            abstentions=abstentions,
            at=at,
            without_quorum=without_quorum,
        )
    return changed(decision, Topic.ACTAS)


def approve(
    store: Store,
    acta_id: uuid.UUID,
    in_session: uuid.UUID,
    *,
    at: datetime | time | None = None,
    observations: str | None = None,
) -> Changed[ActaInfo]:
    """Approve an acta in a session and lock it; a session still planned or convened is marked
    held in the same transaction, so a refused approval leaves the session as it was."""
    with store.transaction():
        acta = actas.approve(store, acta_id, in_session, at=at, observations=observations, mark_held=True)
    return changed(acta, Topic.ACTAS, Topic.SESSIONS)


def correct(store: Store, acta_id: uuid.UUID, reason: str) -> Changed[ActaInfo]:
    with store.transaction():
        acta = actas.correct(store, acta_id, reason)
    return changed(acta, Topic.ACTAS)

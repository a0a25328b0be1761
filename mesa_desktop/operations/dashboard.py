"""Inicio: the mesa at a glance (read-models of the dashboard page)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mesa_desktop import clock
from mesa_desktop.errors import NotFound
from mesa_desktop.rules import compliance as rules
from mesa_desktop.services import action_plan, attendance, commitments, compliance, conformation, sessions
from mesa_desktop.services.cases import CaseInfo
from mesa_desktop.services.cases import overdue as overdue_cases
from mesa_desktop.store import Store
from mesa_desktop.vocabulary import QuorumEventKind, SessionStatus

UPCOMING = (SessionStatus.PLANNED, SessionStatus.CONVENED)
HELD = (SessionStatus.HELD, SessionStatus.ACTA_APPROVED)


@dataclass(frozen=True)
class LastQuorum:
    session: sessions.SessionInfo
    attended: int  # member dependencies represented at some moment of the session
    required: int
    total: int
    quorum_required: bool
    reached: bool


@dataclass(frozen=True)
class Overview:
    mesa: conformation.MesaInfo
    next_session: sessions.SessionInfo | None
    last_quorum: LastQuorum | None
    open_commitments: int
    overdue: tuple[commitments.CommitmentInfo, ...]
    members: int
    delegations_missing: int
    days_to_next: int | None  # 0 today, 1 tomorrow; None without a next session
    overdue_cases: tuple[CaseInfo, ...] = ()  # open referred cases past their next follow-up


@dataclass(frozen=True)
class Standing:
    """Compliance and plan progress: loaded right after the overview, so the mesa shows first."""

    findings: tuple[rules.Finding, ...]
    plan_percent: int | None
    plan_cut: date
    attention: tuple[rules.Finding, ...]  # what needs doing now: see ``needs_attention``


def _last_quorum(store: Store, held: list[sessions.SessionInfo]) -> LastQuorum | None:
    if not held:
        return None
    last = held[-1]
    view = attendance.get_quorum(store, last.id)
    attended = len(
        {
            a.dependency_id
            for a in attendance.list_attendance(store, last.id)
            if a.counts_for_quorum and a.dependency_id
        }
    )
    events = attendance.quorum_events(store, last.id)
    status = view.status
    reached = (
        any(kind == QuorumEventKind.ESTABLISHED for _at, kind, *_rest in events)
        or attended >= status.required
    )
    return LastQuorum(
        last,
        attended,
        status.required,
        status.total,
        status.quorum_required,
        reached or not status.quorum_required,
    )


def dashboard_view(store: Store, today: date | None = None) -> Overview:
    """The mesa, its sessions, commitments and members, from one snapshot.

    The page reads it first and ``standing_view`` right after, so the mesa shows at once."""
    today = today or clock.today()
    with store.reading():
        mesa = conformation.get_mesa(store)
        all_sessions = sessions.list_sessions(store)
        upcoming = [s for s in all_sessions if s.date >= today and s.status in UPCOMING]
        held = [s for s in all_sessions if s.status in HELD and s.date <= today]
        items = commitments.list_commitments(store, today=today)
        members = [d for d in conformation.list_members(store) if not d.invited and d.active]
        next_session = upcoming[0] if upcoming else None
        return Overview(
            mesa=mesa,
            next_session=next_session,
            last_quorum=_last_quorum(store, held),
            open_commitments=sum(1 for c in items if c.status in commitments.OPEN_STATUSES),
            overdue=tuple(c for c in items if c.is_overdue(today)),
            members=len(members),
            delegations_missing=sum(1 for d in members if d.delegation_notified_on is None),
            days_to_next=(next_session.date - today).days if next_session else None,
            overdue_cases=tuple(overdue_cases(store, today)),
        )


ATTENTION_DAYS = 30  # a pending requirement due within this many days needs doing now


def needs_attention(findings: tuple[rules.Finding, ...], today: date) -> tuple[rules.Finding, ...]:
    """Missing requirements first, then the pending ones due within ``ATTENTION_DAYS``."""
    soon = today.toordinal() + ATTENTION_DAYS
    items = [f for f in findings if f.status == rules.MISSING]
    items += [f for f in findings if f.status == rules.PENDING and f.due and f.due.toordinal() <= soon]
    return tuple(items)


def standing_view(store: Store, today: date | None = None) -> Standing:
    """Compliance findings and plan progress; the first call also loads the holiday calendar."""
    today = today or clock.today()
    with store.reading():
        try:
            plan_percent = action_plan.plan_status(store, today.year, today).percent
        except NotFound:
            plan_percent = None
        findings = tuple(compliance.check(store, year=today.year, today=today))
    return Standing(findings, plan_percent, today, needs_attention(findings, today))

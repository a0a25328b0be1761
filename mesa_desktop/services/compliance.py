"""Compliance of the mesa with the guideline (DESIGN §2), built from the store's facts."""

from __future__ import annotations

import uuid
from datetime import date

from sqlalchemy import select

from mesa_desktop import clock
from mesa_desktop.models import Acta, ActionPlan, Commitment, Dependency, MeetingSession, QuorumEvent
from mesa_desktop.rules import compliance
from mesa_desktop.services.lookup import the_mesa
from mesa_desktop.store import Store


def mesa_facts(store: Store, *, year: int | None = None, today: date | None = None) -> compliance.MesaFacts:
    today = today or clock.today()
    year = year or today.year
    with store.reading() as db:
        mesa = the_mesa(db)
        deps = db.scalars(
            select(Dependency)
            .where(Dependency.mesa_id == mesa.id, Dependency.invited.is_(False))
            .order_by(Dependency.position)
        ).all()
        sessions = db.scalars(
            select(MeetingSession).where(MeetingSession.mesa_id == mesa.id).order_by(MeetingSession.date)
        ).all()
        actas: dict[uuid.UUID, Acta] = {}
        for acta in db.scalars(select(Acta).where(Acta.mesa_id == mesa.id).order_by(Acta.version)):
            actas[acta.session_id] = acta  # the latest version wins
        plan_sessions = set(
            db.scalars(select(ActionPlan.approved_in_session_id).where(ActionPlan.mesa_id == mesa.id))
        )
        commitments = db.scalars(select(Commitment).where(Commitment.mesa_id == mesa.id)).all()
        # Quorum reached at some moment of the session (its attendance recorded it).
        quorate = set(db.scalars(select(QuorumEvent.session_id).where(QuorumEvent.kind == "established")))
        return compliance.MesaFacts(
            today=today,
            year=year,
            kind=mesa.kind,
            guideline_communicated_on=mesa.guideline_communicated_on,
            resolution_effective_on=mesa.resolution_effective_on,
            focal_point_reported_on=mesa.focal_point_reported_on,
            acto_number=mesa.acto_number,
            acto_date=mesa.acto_date,
            acto_issued_by=mesa.acto_authority,
            convocation_lead_days=mesa.convocation_lead_days,
            dependencies=tuple(
                compliance.DependencyFacts(
                    name=d.name, delegation_notified_on=d.delegation_notified_on, id=str(d.id)
                )
                for d in deps
                if d.active_until is None or d.active_until.year >= year
            ),
            sessions=tuple(
                compliance.SessionFacts(
                    session_date=s.date,
                    kind=s.kind,
                    template=s.template,
                    status=s.status,
                    convened_on=s.convocation_date,
                    ministry_participated=s.ministry_participated,
                    action_plan_approved_here=s.id in plan_sessions,
                    acta_status=actas[s.id].status if s.id in actas else compliance.ACTA_NONE,
                    acta_sent_on=actas[s.id].sent_on if s.id in actas else None,
                    id=str(s.id),
                    number=s.label,
                    reached_quorum=s.kind != "ordinary" or s.id in quorate,
                )
                for s in sessions
            ),
            commitments=tuple(
                compliance.CommitmentFacts(
                    text=c.text,
                    due_on=c.due_date,
                    status=c.status,
                    done_on=c.done_on,
                    id=str(c.id),
                    responsible=c.responsible_dependency.name
                    if c.responsible_dependency
                    else c.responsible_person,
                )
                for c in commitments
            ),
        )


def check(store: Store, *, year: int | None = None, today: date | None = None) -> list[compliance.Finding]:
    return compliance.evaluate(mesa_facts(store, year=year, today=today))

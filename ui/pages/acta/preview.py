"""The acta screen's "Asistencia y quórum" tab: the acta's attendance part as HTML, from the typed view."""

from __future__ import annotations

from html import escape

from mesa_desktop.operations.actas import ActaView, Attendee
from ui.widgets import format as fmt

PREVIOUS_STATES = {"approved": "aprobada", "draft": "en borrador", "none": "sin acta"}


def quorum_text(present: int, required: int, total: int, met: bool, required_by_session: bool = True) -> str:
    if not required_by_session:
        return f"{present} de {total} — no requiere quórum"
    verdict = "hay quórum" if met else f"sin quórum (se requieren {required})"
    return f"{present} de {total} — {verdict}"


def summary_html(view: ActaView) -> str:
    opening = view.opening
    when = f" a las {fmt.hour(opening.at)}" if opening.at else ""
    quorum = quorum_text(opening.present, opening.required, opening.total, opening.met, view.quorum_required)
    parts = [f"<h3>{escape(fmt.session_title(view.session))} · {escape(fmt.day(view.session.date))}</h3>"]
    parts.append(
        f"<p><b>Quórum al abrir{when}:</b> {escape(quorum)}"
        f"<br><span style='color:#5d6873'>Regla: {escape(view.rule_label)}</span></p>"
    )
    members = view.members_present
    by_dependency: dict[str, list[Attendee]] = {}
    for person in members:
        by_dependency.setdefault(person.dependency or "", []).append(person)
    # Say what is counted: people, and how many dependencies they represent.
    counted = f"{len(members)} {'persona' if len(members) == 1 else 'personas'}"
    deps = f"{len(by_dependency)} {'dependencia' if len(by_dependency) == 1 else 'dependencias'}"
    parts.append(f"<p><b>Asistentes de las dependencias ({counted} de {deps}):</b></p><ul>")
    for dependency, people in by_dependency.items():
        names = "; ".join(
            f"{escape(p.name)} ({escape(fmt.CAPACITY_LABELS.get(p.capacity, p.capacity))}"
            f"{', virtual' if p.virtual else ''})"
            for p in people
        )
        parts.append(f"<li><b>{escape(dependency)}:</b> {names}</li>")
    parts.append("</ul>")
    absent = view.absent_dependencies
    parts.append(
        f"<p><b>Dependencias ausentes ({len(absent)}):</b> "
        f"{escape(', '.join(absent)) if absent else 'ninguna'}</p>"
    )
    guests = view.guests
    if guests:
        parts.append(
            f"<p><b>Invitados ({len(guests)}):</b> "
            + "; ".join(f"{escape(p.name)}{' — ' + escape(p.entity) if p.entity else ''}" for p in guests)
            + "</p>"
        )
    previous = view.previous_acta
    if previous:
        state = PREVIOUS_STATES.get(previous.status, previous.status)
        parts.append(f"<p><b>Acta anterior:</b> {escape(previous.number)} ({state}).</p>")
    return "".join(parts)

"""The `mesa` verbs that record a session as the acta states it: opening and closing, times of
arrivals and departures, presiders, decisions, commitments, absences, texts and approval."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from mesa_desktop.cli.groups import Group, Verb, Verbs, arg
from mesa_desktop.cli.output import emit
from mesa_desktop.cli.parsing import parse_date, parse_int, parse_time

if TYPE_CHECKING:
    from mesa_desktop.store import Store


def register(verbs: Verbs) -> None:
    verbs.add(*VERBS)


def warn(lines: Iterable[str]) -> None:
    for line in lines:
        print(f"Aviso: {line}", file=sys.stderr)


def _at(args: argparse.Namespace) -> time | None:
    return parse_time(args.at) if getattr(args, "at", None) else None


def _clock(moment: datetime | None) -> str:
    from mesa_desktop.clock import local

    return local(moment).strftime("%H:%M") if moment else "—"


def cmd_session_open(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import sessions

    info = sessions.open_session(store, args.session, at=_at(args))
    assert info.opened_at is not None  # an open session has its opening time
    emit(
        args,
        info.as_json() | {"opened_at": info.opened_at.isoformat()},
        f"Sesión {info.number} abierta a las {_clock(info.opened_at)}.",
    )


def cmd_session_close(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import sessions

    info = sessions.close_session(store, args.session, at=_at(args))
    assert info.opened_at is not None and info.closed_at is not None  # a closed session has both
    emit(
        args,
        info.as_json() | {"opened_at": info.opened_at.isoformat(), "closed_at": info.closed_at.isoformat()},
        f"Sesión {info.number} cerrada a las {_clock(info.closed_at)}: realizada.",
    )


def cmd_session_presiders(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import sessions

    given: list[Any] = []
    for name in args.name:
        parts = [p.strip() for p in name.split("|")]
        given.append((parts + [None, None])[:3] if len(parts) > 1 else name)
    given = [tuple(g) if isinstance(g, list) else g for g in given]
    info = sessions.set_presiders(store, args.session, given)
    lines = [", ".join(x for x in (p.full_name, p.position, p.entity) if x) for p in info.presiders]
    emit(
        args,
        {"number": info.number, "presiders": [p.__dict__ for p in info.presiders]},
        f"Presiden la sesión {info.number}: " + "; ".join(lines),
    )


def cmd_session_move_today(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import sessions

    info = sessions.move_to_today(store, args.session)
    warn(info.warnings)
    emit(args, info.as_json(), f"Sesión {info.number}: ahora el {info.date.isoformat()}.")


def _votes(text: str | None, what: str) -> int | None:
    return parse_int(text, what) if text is not None else None


def cmd_decision_add(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import actas

    decision = actas.record_decision(
        store,
        args.session,
        args.text,
        at=_at(args),
        votes_for=_votes(args.votes_for, "Los votos a favor"),
        votes_against=_votes(args.against, "Los votos en contra"),
        abstentions=_votes(args.abstain, "Las abstenciones"),
        without_quorum=args.without_quorum,
    )
    state = "hay quórum" if decision.quorum_met else "sin quórum: no es válida"
    emit(
        args,
        decision.as_json(),
        f"Decisión registrada a las {_clock(decision.at)}: {decision.quorum_present} de "
        f"{decision.quorum_total} delegaciones — {state}.",
    )


def cmd_commitment_add(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import commitments

    item = commitments.add_commitment(
        store,
        args.text,
        responsible_dependency=args.responsible,
        responsible_person=args.person,
        due_date=parse_date(args.due, "fecha límite"),
        session=args.session,
    )
    assert item.due_date is not None  # given above
    emit(
        args,
        {
            "id": str(item.id),
            "text": item.text,
            "due_date": item.due_date.isoformat(),
            "responsible": item.responsible,
        },
        f"Compromiso registrado: {item.text} — {item.responsible}, vence el {item.due_date.isoformat()}.",
    )


def cmd_absence(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.errors import InvalidInput
    from mesa_desktop.services import actas

    if args.remove:
        actas.remove_absence(store, args.session, args.dependency)
        emit(
            args,
            {"dependency": args.dependency, "removed": True},
            f"{args.dependency}: ya no figura como ausente.",
        )
        return
    if args.excuse is None:
        raise InvalidInput("Indique --excuse (un texto vacío si no presentó excusa) o --remove.")
    info = actas.set_absence_excuse(store, args.session, args.dependency, args.excuse)
    said = f"excusa registrada («{info.excuse}»)." if info.excuse else "sin excusa."
    if info.invited:
        said = "actor invitado convocado que no asistió; " + said
    emit(
        args,
        {"dependency": info.dependency, "excuse": info.excuse, "invited": info.invited},
        f"{info.dependency}: {said}",
    )


def cmd_acta_edit(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import actas

    if args.opening is None and args.closing is None and args.objective is None:
        from mesa_desktop.errors import InvalidInput

        raise InvalidInput("Indique al menos uno de --opening, --closing u --objective.")
    info = actas.edit_texts(
        store, args.session, opening=args.opening, closing=args.closing, objective=args.objective
    )
    emit(args, {"number": info.number, "version": info.version}, f"Acta {info.number}: textos guardados.")


def cmd_acta_approve(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import actas

    draft = actas.ensure_draft(store, args.session)
    info = actas.approve(store, draft.id, args.approving, at=_at(args), observations=args.observations)
    assert info.approved_at is not None  # an approved acta has its approval time
    emit(
        args,
        {
            "number": info.number,
            "approved_in": info.approved_in_session,
            "approved_at": info.approved_at.isoformat(),
            "sha256": info.content_sha256,
        },
        f"Acta {info.number} aprobada en la sesión {info.approved_in_session} a las "
        f"{_clock(info.approved_at)}; queda bloqueada.",
    )


def cmd_person_code(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import conformation

    person = conformation.find_person_info(store, args.name)
    if not person.check_in_code:
        from mesa_desktop.errors import InvalidInput

        raise InvalidInput(f"{person.full_name} no tiene código personal de registro.")
    emit(
        args,
        {"code": person.check_in_code, "person": person.full_name, "person_id": str(person.id)},
        f"{person.full_name}: {person.check_in_code}",
    )


# --- the verbs (read by ``register``; the handlers are above) ------------------------------------

VERBS = (
    Group(
        "person",
        "personas de la mesa",
        (
            Verb(
                "code",
                cmd_person_code,
                "código personal de registro de una persona (el de su QR)",
                (arg("--name", required=True, help="nombre completo o una parte que solo ella tenga"),),
            ),
        ),
    ),
    Group(
        "session",
        None,
        (
            Verb(
                "open",
                cmd_session_open,
                "abrir la sesión (hora real de inicio)",
                (
                    arg("session"),
                    arg("--at", help="hora HH:MM en Colombia el día de la sesión (por defecto, ahora)"),
                ),
            ),
            Verb(
                "close",
                cmd_session_close,
                "cerrar la sesión (hora real de finalización); queda realizada",
                (
                    arg("session"),
                    arg("--at", help="hora HH:MM en Colombia el día de la sesión (por defecto, ahora)"),
                ),
            ),
            Verb(
                "presiders",
                cmd_session_presiders,
                "quién presidió la sesión",
                (
                    arg("session"),
                    arg(
                        "--name",
                        action="append",
                        required=True,
                        help="una persona presente, o «Nombre | Cargo | Entidad»; repita para copresidir",
                    ),
                ),
            ),
            Verb(
                "move-today",
                cmd_session_move_today,
                "pasar a hoy una sesión que se realiza hoy",
                (arg("session"),),
            ),
        ),
    ),
    Group(
        "decision",
        "decisiones de una sesión",
        (
            Verb(
                "add",
                cmd_decision_add,
                "registrar una decisión con el quórum de ese momento",
                (
                    arg("session"),
                    arg("--text", required=True),
                    arg("--at", help="hora HH:MM en que se tomó (por defecto, ahora)"),
                    arg("--for", dest="votes_for"),
                    arg("--against"),
                    arg("--abstain"),
                    arg(
                        "--without-quorum",
                        action="store_true",
                        help="registrarla aunque no haya quórum: el acta dirá que no es válida",
                    ),
                ),
            ),
        ),
    ),
    Group(
        "commitment",
        "compromisos de una sesión",
        (
            Verb(
                "add",
                cmd_commitment_add,
                "registrar un compromiso acordado en la sesión",
                (
                    arg("session"),
                    arg("--text", required=True),
                    arg("--responsible", required=True, help="dependencia responsable"),
                    arg("--person", help="persona responsable (opcional)"),
                    arg("--due", required=True, help="fecha límite AAAA-MM-DD"),
                ),
            ),
        ),
    ),
    Verb(
        "absence",
        cmd_absence,
        "ausencia de una dependencia integrante (su excusa) o de un actor invitado convocado",
        (
            arg("session"),
            arg("--dependency", required=True, help="dependencia integrante o actor invitado"),
            arg("--excuse", help="texto de la excusa (vacío la borra)"),
            arg("--remove", action="store_true", help="quitar a un actor invitado de los ausentes"),
        ),
    ),
    # `acta edit …` and `acta approve …`: main() routes `acta WORD` to `acta-WORD`.
    Verb(
        "acta-edit",
        cmd_acta_edit,
        "textos del acta: apertura, cierre, objetivo",
        (
            arg("session"),
            arg("--opening"),
            arg("--closing"),
            arg("--objective"),
        ),
    ),
    Verb(
        "acta-approve",
        cmd_acta_approve,
        "aprobar el acta de una sesión en otra",
        (
            arg("session", help="la sesión cuya acta se aprueba"),
            arg("--in", dest="approving", required=True, help="la sesión que la aprueba"),
            arg("--at", help="hora HH:MM de la aprobación (por defecto, ahora)"),
            arg("--observations", help="aprobada con estas observaciones"),
        ),
    ),
)

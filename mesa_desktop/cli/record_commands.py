"""The `mesa` verbs that record a session as the acta states it: opening and closing, times of
arrivals and departures, presiders, decisions, commitments, absences, texts and approval."""

from __future__ import annotations

import sys

from mesa_desktop.cli.groups import Verbs
from mesa_desktop.cli.output import emit
from mesa_desktop.cli.parsing import parse_date, parse_int, parse_time


def register(verbs: Verbs) -> None:
    ssub = verbs.group("session")
    for verb, helptext in (
        ("open", "abrir la sesión (hora real de inicio)"),
        ("close", "cerrar la sesión (hora real de finalización); queda realizada"),
    ):
        p = ssub.parser(verb, help=helptext)
        p.add_argument("session")
        p.add_argument("--at", help="hora HH:MM en Colombia el día de la sesión (por defecto, ahora)")
        p.set_defaults(handler=cmd_session_open if verb == "open" else cmd_session_close)
    p = ssub.parser("presiders", help="quién presidió la sesión")
    p.add_argument("session")
    p.add_argument(
        "--name",
        action="append",
        required=True,
        help="una persona presente, o «Nombre | Cargo | Entidad»; repita para copresidir",
    )
    p.set_defaults(handler=cmd_session_presiders)
    p = ssub.parser("move-today", help="pasar a hoy una sesión que se realiza hoy")
    p.add_argument("session")
    p.set_defaults(handler=cmd_session_move_today)

    dsub = verbs.group("decision", "decisiones de una sesión")
    p = dsub.parser("add", help="registrar una decisión con el quórum de ese momento")
    p.add_argument("session")
    p.add_argument("--text", required=True)
    p.add_argument("--at", help="hora HH:MM en que se tomó (por defecto, ahora)")
    p.add_argument("--for", dest="votes_for")
    p.add_argument("--against")
    p.add_argument("--abstain")
    p.add_argument(
        "--without-quorum",
        action="store_true",
        help="registrarla aunque no haya quórum: el acta dirá que no es válida",
    )
    p.set_defaults(handler=cmd_decision_add)

    csub = verbs.group("commitment", "compromisos de una sesión")
    p = csub.parser("add", help="registrar un compromiso acordado en la sesión")
    p.add_argument("session")
    p.add_argument("--text", required=True)
    p.add_argument("--responsible", required=True, help="dependencia responsable")
    p.add_argument("--person", help="persona responsable (opcional)")
    p.add_argument("--due", required=True, help="fecha límite AAAA-MM-DD")
    p.set_defaults(handler=cmd_commitment_add)

    p = verbs.parser("absence", help="excusa de una dependencia ausente")
    p.add_argument("session")
    p.add_argument("--dependency", required=True)
    p.add_argument("--excuse", required=True, help="texto de la excusa (vacío la borra)")
    p.set_defaults(handler=cmd_absence)

    # `acta edit …` and `acta approve …`: main() routes `acta WORD` to `acta-WORD`.
    p = verbs.parser("acta-edit", help="textos del acta: apertura, cierre, objetivo")
    p.add_argument("session")
    p.add_argument("--opening")
    p.add_argument("--closing")
    p.add_argument("--objective")
    p.set_defaults(handler=cmd_acta_edit)
    p = verbs.parser("acta-approve", help="aprobar el acta de una sesión en otra")
    p.add_argument("session", help="la sesión cuya acta se aprueba")
    p.add_argument("--in", dest="approving", required=True, help="la sesión que la aprueba")
    p.add_argument("--at", help="hora HH:MM de la aprobación (por defecto, ahora)")
    p.add_argument("--observations", help="aprobada con estas observaciones")
    p.set_defaults(handler=cmd_acta_approve)


def warn(lines) -> None:
    for line in lines:
        print(f"Aviso: {line}", file=sys.stderr)


def _at(args):
    return parse_time(args.at) if getattr(args, "at", None) else None


def _clock(moment) -> str:
    from mesa_desktop.clock import local

    return local(moment).strftime("%H:%M") if moment else "—"


def cmd_session_open(args, store) -> None:
    from mesa_desktop.services import sessions

    info = sessions.open_session(store, args.session, at=_at(args))
    emit(
        args,
        info.as_json() | {"opened_at": info.opened_at.isoformat()},
        f"Sesión {info.number} abierta a las {_clock(info.opened_at)}.",
    )


def cmd_session_close(args, store) -> None:
    from mesa_desktop.services import sessions

    info = sessions.close_session(store, args.session, at=_at(args))
    emit(
        args,
        info.as_json() | {"opened_at": info.opened_at.isoformat(), "closed_at": info.closed_at.isoformat()},
        f"Sesión {info.number} cerrada a las {_clock(info.closed_at)}: realizada.",
    )


def cmd_session_presiders(args, store) -> None:
    from mesa_desktop.services import sessions

    given = []
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


def cmd_session_move_today(args, store) -> None:
    from mesa_desktop.services import sessions

    info = sessions.move_to_today(store, args.session)
    warn(info.warnings)
    emit(args, info.as_json(), f"Sesión {info.number}: ahora el {info.date.isoformat()}.")


def _votes(text: str | None, what: str) -> int | None:
    return parse_int(text, what) if text is not None else None


def cmd_decision_add(args, store) -> None:
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


def cmd_commitment_add(args, store) -> None:
    from mesa_desktop.services import commitments

    item = commitments.add_commitment(
        store,
        args.text,
        responsible_dependency=args.responsible,
        responsible_person=args.person,
        due_date=parse_date(args.due, "fecha límite"),
        session=args.session,
    )
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


def cmd_absence(args, store) -> None:
    from mesa_desktop.services import actas

    info = actas.set_absence_excuse(store, args.session, args.dependency, args.excuse)
    emit(
        args,
        {"dependency": info.dependency, "excuse": info.excuse},
        f"{info.dependency}: " + (f"excusa registrada («{info.excuse}»)." if info.excuse else "sin excusa."),
    )


def cmd_acta_edit(args, store) -> None:
    from mesa_desktop.services import actas

    if args.opening is None and args.closing is None and args.objective is None:
        from mesa_desktop.errors import InvalidInput

        raise InvalidInput("Indique al menos uno de --opening, --closing u --objective.")
    info = actas.edit_texts(
        store, args.session, opening=args.opening, closing=args.closing, objective=args.objective
    )
    emit(args, {"number": info.number, "version": info.version}, f"Acta {info.number}: textos guardados.")


def cmd_acta_approve(args, store) -> None:
    from mesa_desktop.services import actas

    draft = actas.ensure_draft(store, args.session)
    info = actas.approve(store, draft.id, args.approving, at=_at(args), observations=args.observations)
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

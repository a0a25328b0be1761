"""The `mesa` verbs of the core: mesa, members, sessions, attendance, quorum, compliance, backups."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mesa_desktop import clock
from mesa_desktop.cli.groups import Arg, Group, OneOf, Verb, Verbs, arg, one_of
from mesa_desktop.cli.output import emit, human_date, table
from mesa_desktop.cli.parsing import parse_date, parse_int, parse_time
from mesa_desktop.errors import InvalidInput
from mesa_desktop.vocabulary import (
    Capacity,
    MesaKind,
    Modality,
    QuorumRule,
    SessionKind,
    SessionStatus,
    SessionTemplate,
    codes,
)

if TYPE_CHECKING:
    from mesa_desktop.services.attendance import CheckResult
    from mesa_desktop.store import Store


def register(verbs: Verbs) -> None:
    verbs.add(*VERBS)


def _person_at_session(
    verb: str,
    handler: Callable[[argparse.Namespace, Store], None],
    helptext: str,
    *extra: Arg,
    by_code: bool = False,
) -> Verb:
    who: Arg | OneOf = arg("--name", required=True)
    if by_code:  # either one; the handler asks for one when neither is given
        who = one_of(
            arg("--name"),
            arg("--code", help="código personal XXXX-XXXX (el de la credencial o la convocatoria)"),
        )
    return Verb(
        verb,
        handler,
        helptext,
        (
            arg("session", help="número NNN-AAAA o identificador"),
            who,
            arg("--at", help="hora HH:MM en Colombia el día de la sesión (por defecto, ahora)"),
            *extra,
        ),
    )


def cmd_init(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import conformation

    preset = {"national": "nacional"}.get(args.preset, args.preset)
    info = conformation.init_mesa(
        store, territory_code=args.territory, kind=args.kind, preset=preset, quorum_rule=args.quorum_rule
    )
    emit(args, info, f"Mesa creada: {info.name} ({info.territory_name}).")


def cmd_demo(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import demo

    result = demo.build_demo(store, territory_code=args.territory)
    emit(
        args,
        result,
        f"Demostración cargada: {result['mesa']} — {result['dependencies']} dependencias, "
        f"{result['sessions']} sesiones, {result['people']} personas.",
    )


def cmd_deadline(args: argparse.Namespace, _store: Store | None) -> None:
    from mesa_desktop.rules import calendar

    start = parse_date(args.date)
    days = parse_int(args.business_days, "El número de días hábiles")
    due = calendar.add_business_days(start, days)
    emit(args, {"due": due.isoformat()}, due.isoformat())


def cmd_member_add(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import conformation

    if args.role and not args.name:
        from mesa_desktop.errors import InvalidInput

        raise InvalidInput("--role se usa junto con --name (la persona que cumple ese rol).")
    since = parse_date(args.since, "fecha de ingreso") if args.since else None
    dep = conformation.add_dependency(store, args.dependency, invited=args.invited, active_from=since)
    person = None
    if args.name:
        person = conformation.add_person(
            store,
            args.name,
            dependency=dep.id,
            role=args.role,
            position=args.position,
            email=args.email,
            phone=args.phone,
            consent_given=args.consent,
        )
    kind = "Actor invitado" if dep.invited else "Dependencia"
    text = f"{kind}: {dep.name}"
    if person:
        text += f"\nPersona: {person.full_name} ({conformation.ROLE_LABELS[person.role]})"
    emit(args, {"dependency": dep, "person": person}, text)


def cmd_member_list(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import conformation

    members = conformation.list_members(store)
    rows = []
    for dep in members:
        people = "; ".join(f"{p.full_name} ({conformation.ROLE_LABELS[p.role]})" for p in dep.people) or "—"
        rows.append(["invitado" if dep.invited else "miembro", dep.name, people])
    emit(args, members, table(rows, ["tipo", "dependencia / actor", "personas"]))


def cmd_session_new(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import sessions

    info = sessions.new_session(
        store,
        on=parse_date(args.date),
        kind=args.kind,
        template=args.template,
        start_time=parse_time(args.time) if args.time else None,
        end_time=parse_time(args.end_time) if args.end_time else None,
        modality=args.modality,
        place=args.place,
        virtual_link=args.link,
        convocation_date=parse_date(args.convened_on, "fecha de convocatoria") if args.convened_on else None,
        ministry_participated=args.with_ministry,
    )
    from mesa_desktop.cli.record_commands import warn

    warn(info.warnings)
    emit(args, {"id": str(info.id), "number": info.number, "warnings": list(info.warnings)}, info.number)


def cmd_session_list(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import sessions

    year = parse_int(args.year, "El año") if args.year else None
    found = sessions.list_sessions(store, year=year)
    rows = [
        [
            s.number,
            s.date.isoformat(),
            sessions.KIND_LABELS[s.kind],
            sessions.TEMPLATE_LABELS[s.template],
            sessions.MODALITY_LABELS[s.modality],
            sessions.STATUS_LABELS[s.status],
        ]
        for s in found
    ]
    emit(
        args,
        [s.as_json() for s in found],
        table(rows, ["número", "fecha", "tipo", "plantilla", "modalidad", "estado"])
        if rows
        else "No hay sesiones registradas.",
    )


def cmd_session_status(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import sessions

    info = sessions.set_status(store, args.session, args.status)
    from mesa_desktop.cli.record_commands import warn

    warn(info.warnings)
    emit(args, info.as_json(), f"Sesión {info.number}: {sessions.STATUS_LABELS[info.status]}.")


def _attendance_text(verb: str, result: CheckResult) -> str:
    a = result.attendee
    who = f"{a.full_name} ({a.dependency_name or a.entity or 'sin dependencia'})"
    if not result.changed:
        verb = "Ya estaba registrada la " + verb.lower()
    return f"{verb}: {who}\n{result.quorum.status.summary}"


def _attendance_json(result: CheckResult) -> dict[str, Any]:
    a = result.attendee
    return {
        "person": a.full_name,
        "person_id": str(a.person_id),
        "dependency": a.dependency_name,
        "counts_for_quorum": a.counts_for_quorum,
        "changed": result.changed,
        "quorum": result.quorum.as_json(),
        "quorum_event": result.quorum_event,
    }


def cmd_checkin(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import attendance

    at = parse_time(args.at) if args.at else None
    if args.code is not None:
        if args.virtual:
            raise InvalidInput("El código personal se usa en la sala; no lo combine con --virtual.")
        from mesa_desktop.operations import attendance as attendance_ops
        from mesa_desktop.services.lookup import find_session, the_mesa

        with store.reading() as db:
            session_id = find_session(db, the_mesa(db), args.session).id
        result = attendance_ops.check_in_by_code(store, session_id, args.code, at=at).value
    elif args.name is not None:
        result = attendance.check_in(store, args.session, args.name, virtual=args.virtual, at=at)
    else:
        raise InvalidInput("Indique a quién registrar: --name NOMBRE o --code CÓDIGO.")
    emit(args, _attendance_json(result), _attendance_text("Llegada", result))


def cmd_checkout(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import attendance

    result = attendance.check_out(store, args.session, args.name, at=parse_time(args.at) if args.at else None)
    emit(args, _attendance_json(result), _attendance_text("Salida", result))


def cmd_quorum(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import attendance

    view = attendance.get_quorum(store, args.session)
    text = f"{view.status.summary}\nRegla: {view.status.rule_label}."
    if view.missing_dependencies and view.status.quorum_required:
        text += "\nFaltan: " + "; ".join(view.missing_dependencies)
    emit(args, view.as_json(), text)


def cmd_check(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.rules.compliance import STATUS_LABELS, summary
    from mesa_desktop.services import compliance

    year = parse_int(args.year, "El año") if args.year else None
    findings = compliance.check(store, year=year)
    rows = [[STATUS_LABELS[f.status], f.section, human_date(f.due), f.title] for f in findings]
    counts = summary(findings)
    text = table(rows, ["estado", "numeral", "vence", "regla"])
    text += (
        f"\n\nCumplidas: {counts.ok} · Pendientes: {counts.pending} · Tardías: {counts.late}"
        f" · Incumplidas: {counts.missing}"
    )
    emit(args, [f.__dict__ | {"status_label": STATUS_LABELS[f.status]} for f in findings], text)


def cmd_commitments(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import commitments

    today = clock.today()
    found = commitments.list_commitments(store, overdue_only=args.overdue, today=today)
    rows = [
        [
            c.session_number or "—",
            c.due_date.isoformat() if c.due_date else "—",
            "VENCIDO" if c.is_overdue(today) else commitments.STATUS_LABELS[c.status],
            c.responsible,
            c.text,
        ]
        for c in found
    ]
    emit(
        args,
        [c.__dict__ | {"overdue": c.is_overdue(today)} for c in found],
        table(rows, ["sesión", "vence", "estado", "responsable", "compromiso"])
        if rows
        else "No hay compromisos.",
    )


def cmd_backup(args: argparse.Namespace, store: Store) -> None:
    passphrase = None
    if args.passphrase_env or args.ask_passphrase:
        passphrase = _passphrase(args.passphrase_env, confirm=True)
    target = store.backup_to(args.output, passphrase=passphrase)
    emit(
        args,
        {"backup": str(target), "encrypted": passphrase is not None},
        f"Copia de seguridad{' cifrada' if passphrase else ''} guardada en {target}.",
    )


def cmd_restore(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.store.backup_crypto import is_encrypted

    passphrase = _passphrase(args.passphrase_env) if is_encrypted(Path(args.file)) else None
    kept = store.restore_from(args.file, passphrase=passphrase)
    emit(
        args,
        {"restored": args.file, "previous_kept_at": str(kept)},
        f"Almacén restaurado desde {args.file}. La versión anterior quedó guardada en {kept}.",
    )


def cmd_backup_daily(args: argparse.Namespace, store: Store) -> None:
    passphrase = _passphrase(args.passphrase_env, confirm=True) if args.state == "on" else None
    on = store.set_daily_encryption(passphrase)
    emit(
        args,
        {"daily_encrypted": on},
        f"La copia diaria se cifrará; para restaurarla se pedirá la contraseña (llave en {store.backups_dir})."
        if on
        else "La copia diaria ya no se cifra; las copias cifradas anteriores siguen pudiéndose restaurar.",
    )


def _passphrase(env_var: str | None, confirm: bool = False) -> str:
    """From the named environment variable, or typed twice at a terminal; never an argument
    (it would show in the process list and the shell history)."""
    import getpass
    import sys

    from mesa_desktop.errors import InvalidInput

    if env_var:
        value = os.environ.get(env_var)
        if not value:
            raise InvalidInput(f"La variable de entorno {env_var} no tiene la contraseña.")
        return value
    if not sys.stdin.isatty():
        raise InvalidInput(
            "No hay una terminal donde escribir la contraseña de la copia: "
            "indíquela con --passphrase-env VARIABLE."
        )
    value = getpass.getpass("Contraseña de la copia: ")
    if confirm and getpass.getpass("Repita la contraseña: ") != value:
        raise InvalidInput("Las dos contraseñas no coinciden; no se hizo nada.")
    if not value:
        raise InvalidInput("La contraseña no puede estar vacía.")
    return value


# --- the verbs (the tables are read by ``register``; handlers are defined above) -------------------

_SETUP = (
    Verb(
        "init",
        cmd_init,
        "crear la mesa del almacén",
        (
            arg("--territory", required=True, help="código DIVIPOLA (2 o 5 dígitos; 00 = nación)"),
            arg("--kind", choices=codes(MesaKind)),
            arg("--preset", choices=["nacional", "national", "territorial"]),
            arg("--quorum-rule", choices=codes(QuorumRule), default=QuorumRule.MITAD_MAS_UNO.value),
        ),
    ),
    Verb(
        "demo", cmd_demo, "cargar una mesa de demostración de un año", (arg("--territory", default="54001"),)
    ),
    Verb(
        "deadline",
        cmd_deadline,
        "fecha límite en días hábiles colombianos",
        (arg("date"), arg("--business-days", required=True)),
        needs_store=False,
    ),
)

_MEMBER = (
    Verb(
        "add",
        cmd_member_add,
        "añadir una dependencia (y una persona)",
        (
            arg("--dependency", required=True),
            arg("--name"),
            arg("--role", choices=codes(Capacity)),
            arg("--invited", action="store_true", help="actor invitado: asiste, no cuenta para el quórum"),
            arg("--position"),
            arg("--email"),
            arg("--phone"),
            arg(
                "--consent",
                action="store_true",
                help="la persona autorizó el tratamiento de datos (Ley 1581)",
            ),
            arg("--since", help="integrante desde AAAA-MM-DD (por defecto, hoy)"),
        ),
    ),
    Verb("list", cmd_member_list, "ver la conformación"),
)

_SESSION = (
    Verb(
        "new",
        cmd_session_new,
        "nueva sesión; imprime su número NNN-AAAA",
        (
            arg("--date", required=True),
            arg("--time"),
            arg("--end-time"),
            arg("--kind", required=True, choices=codes(SessionKind)),
            arg("--template", choices=codes(SessionTemplate)),
            arg("--modality", choices=codes(Modality), default=Modality.IN_PERSON.value),
            arg("--place"),
            arg("--link"),
            arg("--convened-on", help="fecha de la convocatoria"),
            arg("--with-ministry", action="store_true", help="el Ministerio participa"),
        ),
    ),
    Verb("list", cmd_session_list, "listar sesiones", (arg("--year"),)),
    Verb(
        "status",
        cmd_session_status,
        "cambiar el estado de una sesión",
        (
            arg("session"),
            arg("status", choices=[s for s in codes(SessionStatus) if s != SessionStatus.ACTA_APPROVED]),
        ),
    ),
)

_DAY_TO_DAY = (
    _person_at_session(
        "checkin",
        cmd_checkin,
        "registrar la llegada de una persona (por nombre o por su código personal)",
        arg("--virtual", action="store_true"),
        by_code=True,
    ),
    _person_at_session("checkout", cmd_checkout, "registrar la salida de una persona"),
    Verb("quorum", cmd_quorum, "quórum de una sesión", (arg("session"),)),
    Verb("check", cmd_check, "cumplimiento de los lineamientos", (arg("--year"),)),
    Verb(
        "commitments",
        cmd_commitments,
        "compromisos y su estado",
        (arg("--overdue", action="store_true", help="solo los vencidos"),),
    ),
    Verb(
        "backup",
        cmd_backup,
        "copia de seguridad del almacén",
        (
            arg("-o", "--output", required=True),
            one_of(
                arg(
                    "--passphrase-env",
                    metavar="VAR",
                    help="cifrar con la contraseña de esa variable de entorno (age, scrypt)",
                ),
                arg(
                    "--ask-passphrase",
                    action="store_true",
                    help="cifrar con una contraseña escrita en la terminal",
                ),
            ),
        ),
    ),
    Verb(
        "restore",
        cmd_restore,
        "restaurar una copia (guarda la actual)",
        (
            arg("file"),
            arg(
                "--passphrase-env",
                metavar="VAR",
                help="contraseña de una copia cifrada (si falta, se pregunta en la terminal)",
            ),
        ),
    ),
    Verb(
        "backup-daily",
        cmd_backup_daily,
        "cifrar o no la copia diaria automática (`backup daily on|off`)",
        (
            arg("state", choices=["on", "off"]),
            arg(
                "--passphrase-env",
                metavar="VAR",
                help="contraseña que abrirá las copias diarias (si falta, se pregunta)",
            ),
        ),
    ),
)

VERBS = (
    *_SETUP,
    Group("member", "dependencias, personas y actores invitados", _MEMBER),
    Group("session", "sesiones de la mesa", _SESSION),
    *_DAY_TO_DAY,
)

"""`mesa case add|update|list`: referred cases (guideline 2.7) from the command line.

The output never carries a person's name (Ley 1581): a case is its code; whether a name was
recorded with the person's authorisation shows only as ``identifies_person``.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any

from mesa_desktop import clock
from mesa_desktop.cli.groups import Group, Verb, Verbs, arg
from mesa_desktop.cli.output import emit, table
from mesa_desktop.cli.parsing import parse_date
from mesa_desktop.errors import InvalidInput
from mesa_desktop.formatting import long_date
from mesa_desktop.operations import cases as ops
from mesa_desktop.services import cases
from mesa_desktop.services.cases import CaseInfo
from mesa_desktop.store import Store


def register(verbs: Verbs) -> None:
    verbs.add(*VERBS)


def _coded(text: str, known: dict[str, str], unknown: str) -> str:
    """A code typed as its code or as its Spanish label, in any letter case."""
    wanted = text.strip().casefold()
    for code, label in known.items():
        if wanted in (code.casefold(), label.casefold()):
            return code
    choices = ", ".join(f"{code} ({label})" for code, label in known.items())
    raise InvalidInput(f"{unknown} «{text}». Use uno de: {choices}.")


def _row(case: CaseInfo) -> dict[str, Any]:
    today = clock.today()
    return {
        "code": case.code,
        "referred_on": case.referred_on,
        "referred_by": case.referring_actor,
        "need": case.need,
        "route": case.route,
        "responsible": case.responsible,
        "status": case.status,
        "status_label": cases.STATUSES.get(case.status, case.status),
        "closed_on": case.closed_on,
        "next_follow_up": case.next_follow_up,
        "overdue": case.overdue(today),
        "identifies_person": case.person_name is not None,
    }


def cmd_case_add(args: argparse.Namespace, store: Store) -> None:
    need = _coded(args.need, dict(cases.NEEDS), "Necesidad desconocida")
    case = ops.add_case(
        store,
        code=args.code,
        referred_on=parse_date(args.on) if args.on else clock.today(),
        referring_actor=args.referred_by,
        need=need,
        route=args.route,
        responsible=args.responsible,
        next_follow_up=parse_date(args.follow_up, "fecha de seguimiento") if args.follow_up else None,
    ).value
    emit(
        args,
        _row(case),
        f"Caso {case.code} registrado: {cases.NEEDS[case.need]}, remitido por {case.referring_actor}.",
    )


def cmd_case_update(args: argparse.Namespace, store: Store) -> None:
    status = _coded(args.status, dict(cases.STATUSES), "Estado de caso desconocido")
    follow_up = parse_date(args.follow_up, "fecha de seguimiento") if args.follow_up else None
    case = ops.update_by_code(store, args.code, status, args.note, follow_up).value
    message = f"Caso {case.code}: {cases.STATUSES[case.status].lower()}."
    if case.overdue(clock.today()) and case.next_follow_up is not None:
        # Said, not left silent: the case stays overdue until it has a new date.
        message += (
            f" Su seguimiento previsto para el {long_date(case.next_follow_up)} ya venció: indique el próximo "
            "con --follow-up AAAA-MM-DD."
        )
    emit(args, _row(case), message)


def _choices(known: Mapping[str, str]) -> str:
    """'Recibido (received), Remitido (referred), …': the Spanish word or the code, both accepted."""
    return ", ".join(f"{label} ({code})" for code, label in known.items())


def cmd_case_list(args: argparse.Namespace, store: Store) -> None:
    items = cases.list_cases(store)
    rows = [_row(c) for c in items]
    if getattr(args, "json", False):
        emit(args, rows)
        return
    if not rows:
        print("No hay casos registrados.")
        return
    print(
        table(
            [
                [
                    r["code"],
                    r["referred_on"].isoformat(),
                    cases.NEEDS.get(r["need"], r["need"]),
                    r["status_label"],
                    (r["next_follow_up"].isoformat() if r["next_follow_up"] else "—")
                    + (" (vencido)" if r["overdue"] else ""),
                ]
                for r in rows
            ],
            ["Código", "Fecha", "Necesidad", "Estado", "Próximo seguimiento"],
        )
    )


VERBS = (
    Group(
        "case",
        "casos remitidos (numeral 2.7; datos sensibles, Ley 1581)",
        (
            Verb(
                "add",
                cmd_case_add,
                "registrar un caso remitido (solo código, sin nombre)",
                (
                    arg("--code", help="código del caso (por defecto, C-territorio-año-número)"),
                    arg(
                        "--need",
                        required=True,
                        help=f"necesidad, en español o por su código: {_choices(cases.NEEDS)}",
                    ),
                    arg("--referred-by", required=True, help="actor o dependencia que remite el caso"),
                    arg("--route", help="a quién se remite (IPS, EPS, programa)"),
                    arg("--responsible", help="persona o dependencia de la mesa que hace el seguimiento"),
                    arg("--on", help="fecha de la remisión AAAA-MM-DD (por defecto, hoy)"),
                    arg("--follow-up", help="fecha del próximo seguimiento AAAA-MM-DD"),
                ),
            ),
            Verb(
                "update",
                cmd_case_update,
                "cambiar el estado de un caso (hoy), con una nota opcional",
                (
                    arg("code", help="código del caso"),
                    arg(
                        "--status",
                        required=True,
                        help=f"estado, en español o por su código: {_choices(cases.STATUSES)}",
                    ),
                    arg("--note", help="nota de seguimiento; obligatoria para reabrir un caso cerrado"),
                    arg("--follow-up", help="fecha del próximo seguimiento AAAA-MM-DD (caso abierto)"),
                ),
            ),
            Verb("list", cmd_case_list, "casos con su estado y su próximo seguimiento"),
        ),
        metavar="ACCIÓN",
    ),
)

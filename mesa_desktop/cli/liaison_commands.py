"""`mesa liaison …`: the enlaces permanentes of the national mesa (guideline 1.4) — each
dependency's designated professional per work group of the Plan, and the work groups."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from mesa_desktop.cli.groups import Group, Verb, Verbs, arg
from mesa_desktop.cli.output import emit, table
from mesa_desktop.cli.parsing import parse_date
from mesa_desktop.formatting import long_date

if TYPE_CHECKING:
    from mesa_desktop.store import Store


def register(verbs: Verbs) -> None:
    verbs.add(*VERBS)


def cmd_liaison_list(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import liaisons

    matrix = liaisons.matrix(store)
    cells = [matrix.cell(d, g.id) for d, _ in matrix.dependencies for g in matrix.work_groups]
    data = [
        {
            "dependency": c.dependency_name,
            "work_group": c.work_group_name,
            "person": c.person_name,
            "designated_on": c.designated_on,
        }
        for c in cells
    ]
    if not matrix.national:
        text = "Los enlaces permanentes por grupo de trabajo son de la mesa nacional (numeral 1.4)."
    elif not matrix.work_groups:
        text = "La mesa no tiene grupos de trabajo; agréguelos con «mesa liaison group-add NOMBRE»."
    else:
        rows = [
            [
                c.dependency_name,
                c.work_group_name,
                c.person_name or "Sin designar",
                long_date(c.designated_on) if c.designated_on else "—",
            ]
            for c in cells
        ]
        missing = len(matrix.missing)
        text = table(rows, ["dependencia", "grupo de trabajo", "enlace", "designado el"])
        text += f"\n\n{missing} sin designar de {len(cells)}." if missing else "\n\nTodos designados."
    emit(args, data, text)


def cmd_liaison_set(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import liaisons

    on = parse_date(args.on, "fecha de designación") if args.on else None
    info = liaisons.designate(
        store, dependency=args.dependency, work_group=args.group, person=args.person, on=on
    )
    when = long_date(info.designated_on) if info.designated_on else ""
    emit(
        args,
        info,
        f"{info.person_name} es el enlace permanente de «{info.dependency_name}» para "
        f"«{info.work_group_name}» desde el {when}.",
    )


def cmd_liaison_remove(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import liaisons

    info = liaisons.remove_designation(store, dependency=args.dependency, work_group=args.group)
    emit(args, info, f"«{info.dependency_name}» queda sin enlace designado para «{info.work_group_name}».")


def cmd_liaison_groups(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import liaisons

    groups = liaisons.list_work_groups(store)
    emit(args, groups, "\n".join(g.name for g in groups) or "La mesa no tiene grupos de trabajo.")


def cmd_liaison_group_add(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import liaisons

    group = liaisons.add_work_group(store, args.name)
    emit(args, group, f"Grupo de trabajo agregado: {group.name}.")


def cmd_liaison_group_remove(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import liaisons

    wanted = next(
        (g for g in liaisons.list_work_groups(store) if liaisons.same_name(g.name, args.name)), None
    )
    if wanted is None:
        from mesa_desktop.errors import NotFound

        raise NotFound(f"No existe el grupo de trabajo «{args.name}».")
    liaisons.remove_work_group(store, wanted.id)
    emit(args, wanted, f"Grupo de trabajo quitado, con sus designaciones: {wanted.name}.")


def cmd_liaison_group_preset(args: argparse.Namespace, store: Store) -> None:
    from mesa_desktop.services import liaisons

    groups = liaisons.load_preset_work_groups(store)
    emit(
        args,
        groups,
        "Se cargaron los grupos de trabajo de ejemplo (ejes del plan de acción); renómbrelos o "
        "quítelos para que sean los del Plan de la mesa.\nGrupos de trabajo de la mesa:\n"
        + "\n".join(g.name for g in groups),
    )


_PAIR = (
    arg("--dependency", required=True, help="dependencia (nombre o sigla)"),
    arg("--group", required=True, help="grupo de trabajo del Plan"),
)
VERBS = (
    Group(
        "liaison",
        "enlaces permanentes de la mesa nacional por grupo de trabajo (numeral 1.4)",
        (
            Verb("list", cmd_liaison_list, "cada dependencia y grupo de trabajo con su enlace designado"),
            Verb(
                "set",
                cmd_liaison_set,
                "designar (o cambiar) el enlace de una dependencia para un grupo de trabajo",
                (
                    *_PAIR,
                    arg("--person", required=True, help="persona de esa dependencia"),
                    arg("--on", help="fecha de designación AAAA-MM-DD (por omisión, hoy)"),
                ),
            ),
            Verb("remove", cmd_liaison_remove, "quitar la designación", _PAIR),
            Verb("groups", cmd_liaison_groups, "los grupos de trabajo de la mesa"),
            Verb("group-add", cmd_liaison_group_add, "agregar un grupo de trabajo", (arg("name"),)),
            Verb(
                "group-remove",
                cmd_liaison_group_remove,
                "quitar un grupo de trabajo y sus designaciones",
                (arg("name"),),
            ),
            Verb(
                "group-preset",
                cmd_liaison_group_preset,
                "agregar los grupos de trabajo de ejemplo (ejes del plan de acción) que falten; la guía "
                "no enumera los del Plan: ajústelos a los de la mesa",
            ),
        ),
    ),
)

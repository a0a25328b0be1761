"""The `mesa` verbs as the command modules declare them, added through argparse's public API.

A module's ``register(verbs)`` adds ``Verb``s to the top level or to a group (``mesa member add``,
``mesa report progress|periodic|national``); a group several modules add to is created by the
first and found by the others. ``Verbs`` remembers the names it added, so nothing has to read
them back out of argparse's private attributes.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from mesa_desktop.cli.spanish import name_the_value


@dataclass(frozen=True)
class Arg:
    """One ``add_argument(*flags, **options)``."""

    flags: tuple[str, ...]
    options: dict[str, Any]


def arg(*flags: str, **options: Any) -> Arg:
    return Arg(flags, options)


@dataclass(frozen=True)
class OneOf:
    """Arguments of which at most one may be given (a mutually exclusive group)."""

    args: tuple[Arg, ...]


def one_of(*args: Arg) -> OneOf:
    return OneOf(args)


@dataclass(frozen=True)
class Verb:
    name: str
    handler: Callable[..., None]
    help: str
    args: tuple[Arg | OneOf, ...] = ()
    needs_store: bool = True
    parser_options: dict[str, Any] = field(default_factory=dict)  # usage=, …


@dataclass(frozen=True)
class Group:
    """``mesa NAME VERB …``: verbs under a name; a group several modules declare is one group."""

    name: str
    help: str | None
    verbs: tuple[Verb | Group, ...]
    metavar: str | None = None  # by default the usage lists the verbs: "{add,list}"


def report_group(*verbs: Verb) -> Group:
    """The `report` verb's subcommands (`mesa report progress|periodic|national`)."""
    return Group("report", "informes", verbs, metavar="INFORME")


class Verbs:
    """The verbs of one level of the command (the top level, or a group such as ``session``)."""

    def __init__(self, subparsers: Any, common: argparse.ArgumentParser, *, metavar: str | None = None):
        # ``subparsers`` is what ``add_subparsers()`` returned; without a fixed metavar the
        # usage lists the verbs in the order they were added ("{new,list,status,open,…}").
        self._subparsers = subparsers
        self._metavar = metavar
        self.common = common
        self.names: list[str] = []
        self._groups: dict[str, Verbs] = {}

    def parser(self, name: str, **options: Any) -> argparse.ArgumentParser:
        """A new verb's parser, with the common options (--db, --json) before or after it."""
        parser: argparse.ArgumentParser = self._subparsers.add_parser(name, parents=[self.common], **options)
        self.names.append(name)
        self._subparsers.metavar = self._metavar or "{" + ",".join(self.names) + "}"
        return parser

    def add(self, *verbs: Verb | Group) -> None:
        for verb in verbs:
            if isinstance(verb, Group):
                self.group(verb.name, verb.help, metavar=verb.metavar).add(*verb.verbs)
                continue
            parser = self.parser(verb.name, help=verb.help, **verb.parser_options)
            add_arguments(parser, verb.args)
            parser.set_defaults(handler=verb.handler)
            if not verb.needs_store:
                parser.set_defaults(needs_store=False)

    def group(self, name: str, help: str | None = None, *, metavar: str | None = None) -> Verbs:
        """The group ``name`` (``mesa NAME VERB …``), created on first use."""
        if name not in self._groups:
            parser = self.parser(name, help=help)
            subparsers = parser.add_subparsers(dest=f"{name}_command", required=True)
            self._groups[name] = Verbs(subparsers, self.common, metavar=metavar)
        return self._groups[name]


def every_verb(verbs: Verbs, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command line that names a verb or a group: ``("session",)``, ``("session", "new")``…"""
    found: list[tuple[str, ...]] = []
    for name in verbs.names:
        found.append((*prefix, name))
        if name in verbs._groups:
            found.extend(every_verb(verbs._groups[name], (*prefix, name)))
    return found


def add_arguments(parser: argparse.ArgumentParser, args: Iterable[Arg | OneOf]) -> None:
    for item in args:
        if isinstance(item, OneOf):
            group = parser.add_mutually_exclusive_group()
            for one in item.args:
                name_the_value(group.add_argument(*one.flags, **one.options))
        else:
            parser.add_argument(*item.flags, **item.options)

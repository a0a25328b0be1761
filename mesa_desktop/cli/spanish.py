"""argparse in Spanish: its own words ("usage:", "options", its error messages) translated.

argparse looks every text up through its module's ``_`` and ``ngettext`` (``gettext``) when it
builds a parser, formats help and reports an error. :class:`SpanishArgumentParser` puts a
Spanish catalogue there for the length of each of those calls only, so the person's language
settings (``LANG``) do not matter and no other argparse user in the process is affected. The
catalogue covers the msgids of Python 3.11 to 3.13 (3.13 adds "subcommands", "%(heading)s:",
the deprecation warnings and the version action's help); a text it lacks stays as argparse
wrote it.
"""

from __future__ import annotations

import argparse
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

EXIT_USAGE = 2

SPANISH = {
    # help
    "usage: ": "uso: ",
    "positional arguments": "argumentos posicionales",
    "options": "opciones",
    "optional arguments": "opciones",
    "subcommands": "subórdenes",
    "%(heading)s:": "%(heading)s:",
    "show this help message and exit": "muestra este mensaje de ayuda y termina",
    "show program's version number and exit": "muestra la versión del programa y termina",
    " (default: %(default)s)": " (predeterminado: %(default)s)",
    # errors: "el argumento --kind no admite «weekly»; use uno de: …" reads as one sentence
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: aviso: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "el argumento %(argument_name)s %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "no admite «%(value)s»; use uno de: %(choices)s",
    "invalid %(type)s value: %(value)r": "no admite el valor «%(value)s» (se esperaba: %(type)s)",
    "expected one argument": "necesita un valor",
    "expected at most one argument": "admite a lo sumo un valor",
    "expected at least one argument": "necesita al menos un valor",
    "ignored explicit argument %r": "no admite un valor (se escribió %r)",
    "not allowed with argument %s": "no se puede usar junto con %s",
    "the following arguments are required: %s": "faltan argumentos obligatorios: %s",
    "one of the arguments %s is required": "falta uno de estos argumentos: %s",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "la opción %(option)s es ambigua: puede ser %(matches)s"
    ),
    "unexpected option string: %s": "opción inesperada: %s",
    "can't open '%(filename)s': %(error)s": "no se pudo abrir «%(filename)s»: %(error)s",
    'argument "-" with mode %r': "el argumento «-» con el modo %r",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "orden desconocida %(parser_name)r (use una de: %(choices)s)"
    ),
    "%r is not callable": "%r no es una función",
    "command '%(parser_name)s' is deprecated": "la orden «%(parser_name)s» está en desuso",
    "option '%(option)s' is deprecated": "la opción «%(option)s» está en desuso",
    "argument '%(argument_name)s' is deprecated": "el argumento «%(argument_name)s» está en desuso",
}
SPANISH_PLURAL = {
    "expected %s argument": ("necesita %s valor", "necesita %s valores"),
}

# Sentences the catalogue's pieces compose into, made plainer: a mistyped verb is an "orden".
_REWORDED = [
    (
        r"el argumento (?:ORDEN|INFORME|\{[^}]*\}) no admite «([^»]*)»; use uno de: (.*)",
        r"la orden «\1» no existe; use una de: \2",
    ),
]


def gettext(message: str) -> str:
    return SPANISH.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    forms = SPANISH_PLURAL.get(singular)
    if forms is None:
        return singular if n == 1 else plural
    return forms[0] if n == 1 else forms[1]


_lock = threading.RLock()


@contextmanager
def spanish() -> Iterator[None]:
    """argparse speaks Spanish inside the block (re-entrant: a subparser's parse nests)."""
    with _lock:
        saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
        argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]
        try:
            yield
        finally:
            argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


# What a value is called in the help ("--on FECHA"), by the argument's dest; argparse would
# print the dest in capitals ("--on ON"). A dest missing here keeps argparse's placeholder.
PLACEHOLDERS = {
    "abstain": "N", "against": "N", "votes_for": "N", "blank_rows": "N", "business_days": "N",
    "approving": "SESIÓN", "session": "SESIÓN", "signed_session": "SESIÓN",
    "articulations": "TEXTO", "challenges": "TEXTO", "closing": "TEXTO", "excuse": "TEXTO",
    "note": "TEXTO", "objective": "TEXTO", "observations": "TEXTO", "opening": "TEXTO",
    "opportunities": "TEXTO", "progress": "TEXTO", "psychosocial": "TEXTO", "text": "TEXTO",
    "convened_on": "FECHA", "cut": "FECHA", "date": "FECHA", "due": "FECHA", "end": "FECHA",
    "follow_up": "FECHA", "on": "FECHA", "since": "FECHA", "start": "FECHA", "today": "FECHA",
    "at": "HORA", "end_time": "HORA", "time": "HORA",
    "code": "CÓDIGO", "db": "ALMACÉN", "dependency": "DEPENDENCIA", "email": "CORREO",
    "file": "ARCHIVO", "output": "ARCHIVO", "p12": "ARCHIVO.p12", "group": "GRUPO",
    "link": "ENLACE", "name": "NOMBRE", "need": "NECESIDAD", "person": "PERSONA",
    "phone": "TELÉFONO", "place": "LUGAR", "position": "CARGO", "referred_by": "ACTOR",
    "responsible": "RESPONSABLE", "role": "ROL", "route": "DESTINO", "state": "ESTADO",
    "status": "ESTADO", "template": "PLANTILLA", "territory": "CÓDIGO", "what": "QUÉ",
    "year": "AÑO",
}  # fmt: skip


def name_the_value(action: argparse.Action) -> argparse.Action:
    """Give ``action`` its Spanish placeholder, unless it has one, lists choices or takes no
    value (a flag)."""
    if action.metavar is None and action.choices is None and action.nargs != 0:
        action.metavar = PLACEHOLDERS.get(action.dest)
    return action


class SpanishArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose help and errors are Spanish; a usage error is one line, exit 2."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with spanish():  # the group titles and the -h help are written here
            super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> Any:  # 3.13 words the version's help here
        with spanish():
            return name_the_value(super().add_argument(*args, **kwargs))

    def add_subparsers(self, **kwargs: Any) -> Any:
        with spanish():
            return super().add_subparsers(**kwargs)

    def format_usage(self) -> str:
        with spanish():
            return super().format_usage()

    def format_help(self) -> str:
        with spanish():
            return super().format_help()

    def parse_args(self, args: Any = None, namespace: Any = None) -> Any:  # "unrecognized arguments"
        with spanish():
            return super().parse_args(args, namespace)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        with spanish():  # every error argparse raises while parsing is worded here
            return super().parse_known_args(args, namespace)

    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _REWORDED:
            if re.fullmatch(pattern, message):
                message = re.sub(pattern, replacement, message)
                break
        self.exit(EXIT_USAGE, f"Uso incorrecto: {message}. Vea «{self.prog} --help».\n")

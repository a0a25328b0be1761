"""The headless `mesa` command (DESIGN §8): one Spanish line and exit 1 on bad input, 2 on usage."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable

from mesa_desktop import __version__
from mesa_desktop.cli import (
    bundle_commands,
    case_commands,
    core_commands,
    document_commands,
    liaison_commands,
    record_commands,
)
from mesa_desktop.cli.groups import Verbs
from mesa_desktop.cli.spanish import EXIT_USAGE, SpanishArgumentParser
from mesa_desktop.errors import MesaError

# In registration order: record_commands adds to core's `session` group.
COMMAND_MODULES = (
    core_commands,
    document_commands,
    bundle_commands,
    record_commands,
    case_commands,
    liaison_commands,
)

EXIT_BAD_INPUT = 1
__all__ = ["EXIT_BAD_INPUT", "EXIT_USAGE", "SpanishArgumentParser", "build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    return _build()[0]


def _build() -> tuple[argparse.ArgumentParser, Verbs]:
    # --db and --json are accepted before or after the verb.
    common = SpanishArgumentParser(add_help=False)
    common.add_argument(
        "--db", default=argparse.SUPPRESS, help="archivo del almacén o URL SQLAlchemy (también $MESA_DB)"
    )
    common.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help="salida legible por máquinas"
    )
    parser = SpanishArgumentParser(
        prog="mesa",
        parents=[common],
        description="Mesa técnica territorial de migración y salud, sin interfaz gráfica.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"mesa {__version__}",
        help="muestra la versión del programa y termina",  # argparse translates it only from 3.13
    )
    sub = parser.add_subparsers(
        dest="command", required=True, parser_class=SpanishArgumentParser, metavar="ORDEN"
    )
    verbs = Verbs(sub, common, metavar="ORDEN")
    # Imported, not looked up: a command module that fails to import fails the command (and the
    # test that imports every module), instead of its verbs quietly going missing.
    for module in COMMAND_MODULES:
        module.register(verbs)
    return parser, verbs


def _route_compound_verbs(verbs: Iterable[str], argv: list[str]) -> list[str]:
    """`acta edit …` runs the verb registered as `acta-edit` (`acta SESSION -o FILE` stays as it
    is: a session number is never a verb)."""
    names = set(verbs)
    for index, token in enumerate(argv):
        if token.startswith("-") or (index > 0 and argv[index - 1] == "--db"):
            continue  # global options come before the verb
        if index + 1 < len(argv) and f"{token}-{argv[index + 1]}" in names:
            return argv[:index] + [f"{token}-{argv[index + 1]}"] + argv[index + 2 :]
        return argv
    return argv


def main(argv: list[str] | None = None) -> int:
    parser, verbs = _build()
    argv = _route_compound_verbs(verbs.names, list(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    args.json = getattr(args, "json", False)
    args.db = getattr(args, "db", None)
    store = None
    try:
        if getattr(args, "needs_store", True):
            from mesa_desktop.store import Store

            store = Store(args.db)
            if store.notice:
                print(f"Aviso: {store.notice}", file=sys.stderr)
        args.handler(args, store)
    except MesaError as error:
        print(f"Error: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        sys.stdout = open(os.devnull, "w")
    except OSError as error:
        # A file error no writer translated still reaches the person as one line, not a traceback.
        where = f" {error.filename}" if error.filename else ""
        print(
            f"Error: no se pudo leer o escribir{where}: {error.strerror or error}. "
            "Revise la carpeta y el espacio libre.",
            file=sys.stderr,
        )
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("Interrumpido: no se completó la orden.", file=sys.stderr)
        return EXIT_BAD_INPUT
    finally:
        if store is not None:
            store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`mesa` speaks Spanish in its help and its usage errors, argparse's own words included."""

from __future__ import annotations

import argparse
import re

import pytest

from mesa_desktop.cli import main as cli_main
from mesa_desktop.cli.groups import every_verb
from mesa_desktop.cli.spanish import SPANISH, SpanishArgumentParser
from tests.support.cli import mesa, run_in_process

# argparse's English, as it would appear in a help or an error (whole words: "argumento" is fine).
ENGLISH = re.compile(
    r"\b(usage|positional arguments|optional arguments|options|show this help|and exit|"
    r"the following|are required|is required|invalid choice|invalid \w+ value|choose from|"
    r"unrecognized|expected|argument|arguments|ambiguous|not allowed|could match|"
    r"deprecated|subcommands|version number|default:)\b",
    re.IGNORECASE,
)
VERBS = [" ".join(path) for path in every_verb(cli_main._build()[1])]


def english_in(text: str) -> list[str]:
    return [m.group(0) for m in ENGLISH.finditer(text)]


def test_the_top_level_help_is_spanish():
    result = mesa("--help")
    assert result.returncode == 0
    for words in (
        "uso: mesa",
        "argumentos posicionales:",
        "opciones:",
        "muestra este mensaje de ayuda y termina",
    ):
        assert words in result.stdout
    assert "muestra la versión del programa y termina" in result.stdout
    assert english_in(result.stdout + result.stderr) == []


def test_every_verbs_help_is_spanish():
    assert {"checkin", "session", "session new", "report national", "bundle export"} <= set(VERBS)
    for verb in VERBS:
        result = run_in_process([*verb.split(), "--help"], {})
        assert result.returncode == 0, (verb, result.stderr)
        assert result.stdout.startswith("uso: mesa "), verb
        assert "muestra este mensaje de ayuda y termina" in result.stdout, verb
        assert english_in(result.stdout + result.stderr) == [], verb


@pytest.mark.parametrize(
    "args, message",
    [
        (["session", "new", "--kind", "ordinary"], "faltan argumentos obligatorios: --date"),
        (
            ["session", "new", "--date", "2026-03-05", "--kind", "weekly"],
            "el argumento --kind no admite «weekly»",
        ),
        (["frobnicate"], "la orden «frobnicate» no existe; use una de: 'init'"),
        (["session", "frob"], "la orden «frob» no existe; use una de: 'new'"),
        (["session", "list", "--sin-esto"], "argumentos no reconocidos: --sin-esto"),
        (["session", "new", "--date"], "el argumento --date necesita un valor"),
        ([], "faltan argumentos obligatorios: ORDEN"),
    ],
)
def test_usage_errors_are_one_spanish_line(args, message):
    result = run_in_process(args, {})
    assert result.returncode == 2
    assert result.stderr.startswith("Uso incorrecto: ") and message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert english_in(result.stderr) == []


def test_the_catalogue_leaves_argparse_untouched_outside_its_parsers(capsys):
    parser = SpanishArgumentParser(prog="x")
    parser.add_argument("--n", type=int)
    plain = argparse.ArgumentParser(prog="y")
    assert plain.format_help().startswith("usage: y")  # another argparse user keeps its English
    assert parser.format_help().startswith("uso: x")
    with pytest.raises(SystemExit):
        parser.parse_args(["--n", "tres"])
    assert "el argumento --n no admite el valor «tres» (se esperaba: int)" in capsys.readouterr().err
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]


def test_the_catalogue_covers_the_msgids_of_this_python():
    """Every text argparse shows a person is translated (the programmer errors may stay English)."""
    import ast
    import inspect

    source = inspect.getsource(argparse)
    literals = re.findall(r"""\b_\(((['"]).*?\2)\)""", source)
    shown = {ast.literal_eval(literal) for literal, _quote in literals} - {
        "'required' is an invalid argument for positionals",
        ".__call__() not defined",
        "cannot have multiple subparser arguments",
        "cannot merge actions - two groups are named %r",
        "conflicting subparser alias: %s",
        "conflicting subparser: %s",
        "dest= is required for options like %r",
        "invalid conflict_resolution value: %r",
        "invalid option string %(option)r: ",
        "mutually exclusive arguments must be optional",
    }
    assert shown - set(SPANISH) == set()


def test_every_value_has_a_spanish_placeholder():
    """argparse would print the dest in capitals ("--referred-by REFERRED_BY"); every option
    and positional that takes a value is named in Spanish instead, or lists its choices."""
    unnamed = []

    def walk(parser, path):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for name, sub in action.choices.items():
                    walk(sub, f"{path} {name}")
            elif action.nargs != 0 and action.metavar is None and action.choices is None:
                if not isinstance(action, argparse._HelpAction | argparse._VersionAction):
                    unnamed.append(f"{path}: {action.dest}")

    walk(cli_main.build_parser(), "mesa")
    assert unnamed == []
    usage = " ".join(mesa("case", "add", "--help").stdout.split())
    assert "--referred-by ACTOR" in usage and "--on FECHA" in usage and "--db ALMACÉN" in usage
    assert "[--name NOMBRE | --code CÓDIGO]" in " ".join(mesa("checkin", "--help").stdout.split())

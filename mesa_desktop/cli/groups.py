"""Verb groups that several command modules add to (``mesa report progress|periodic|national``)."""

from __future__ import annotations

import argparse


def report_subparsers(sub: argparse._SubParsersAction, common: argparse.ArgumentParser):
    """The `report` verb's subcommands, created by whichever module registers first."""
    existing = sub.choices.get("report")
    if existing is not None:
        for action in existing._actions:
            if isinstance(action, argparse._SubParsersAction):
                return action
    report = sub.add_parser("report", parents=[common], help="informes")
    return report.add_subparsers(dest="report_command", required=True, metavar="INFORME")

"""Printing results: plain Spanish text for people, JSON for scripts (``--json``)."""

from __future__ import annotations

import argparse
import json
import sys
import uuid
from dataclasses import asdict, is_dataclass
from datetime import date, datetime, time
from typing import Any


def _default(value: Any) -> Any:
    if isinstance(value, (date, datetime, time)):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return None
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    raise TypeError(f"not JSON serialisable: {type(value)!r}")


def human_date(value: date | None) -> str:
    """A date as people in Colombia read it, «31 dic 2026» (an em dash when unknown); JSON
    output keeps ISO dates for scripts."""
    from mesa_desktop.formatting import short_day

    return short_day(value)


def emit(args: argparse.Namespace, data: Any, text: str | None = None) -> None:
    if getattr(args, "json", False):
        json.dump(data, sys.stdout, default=_default, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif text is not None:
        print(text)


def table(rows: list[list[str]], headers: list[str]) -> str:
    widths = [max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines)

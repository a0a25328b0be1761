"""Plain descriptions of page furniture, shared by the generators and ``pdfdoc``.

Kept apart from ``pdfdoc`` so a generator can describe its tables without importing ReportLab.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class PageHeader:
    """What every page repeats at its top and bottom."""

    entity: str
    mesa: str
    title: str  # the document's title, third line of the header
    right: tuple[str, ...] = ()  # right-aligned lines: document number, cut-off date…
    footer: str = ""  # left part of the footer
    note: str = ""  # a short line printed above the footer of every page
    logo_png: bytes | None = None


@dataclass(frozen=True)
class Column:
    header: str
    weight: float  # share of the table width (widened if a word would not fit)
    align: str = "left"  # left | center | right
    valign: str = "top"  # top | middle


@dataclass(frozen=True)
class GroupRow:
    """A shaded row spanning the whole table that opens a group (e.g. a dependency)."""

    text: str


def plain(text: str) -> str:
    """Escape user text for a ReportLab paragraph, keeping its line breaks."""
    return escape(text.strip()).replace("\n", "<br/>")

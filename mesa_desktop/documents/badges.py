"""The badge sheet: one credential per person of the mesa, several per letter-size page, each
with the person's name, dependency or entity, their personal check-in code as a QR and as
text, and the mesa's name. Printed, cut along the dashed lines and put in a badge holder, it
checks its holder in with one scan (mesa_desktop/person_codes.py).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from mesa_desktop.documents import common
from mesa_desktop.documents.data import MesaInfo
from mesa_desktop.documents.qr import CodeCard, card_grid
from mesa_desktop.errors import InvalidInput

COLUMNS = 2
QR_MM = 28
# 4 rows of 57 mm fill the frame under the page header; a card is about 85 × 57 mm.
BADGE_HEIGHT_MM = 57


@dataclass(frozen=True)
class Badge:
    name: str
    code: str  # XXXX-XXXX
    affiliation: str = ""  # dependency or entity


@dataclass(frozen=True)
class BadgeSheet:
    mesa: MesaInfo
    badges: tuple[Badge, ...] = field(default=())

    def __post_init__(self) -> None:
        object.__setattr__(self, "badges", tuple(self.badges))


def badges_pdf(sheet: BadgeSheet) -> bytes:
    if not sheet.badges:
        raise InvalidInput(
            "No hay personas activas con código de registro: registre a las personas de la mesa "
            "antes de imprimir las credenciales."
        )
    doc = common.new_document(
        sheet.mesa,
        title=f"Credenciales – {sheet.mesa.mesa_name}",
        subject="Credenciales con código personal de registro de asistencia",
        header_title="CREDENCIALES",
        right=(f"{len(sheet.badges)} personas",),
        footer="Recorte por la línea punteada. El código no contiene datos personales.",
        keywords=["credenciales", "código de registro"],
    )
    cards = [CodeCard(b.name, b.code, b.affiliation, sheet.mesa.mesa_name) for b in sheet.badges]
    card_grid(doc, cards, columns=COLUMNS, qr_mm=QR_MM, height_mm=BADGE_HEIGHT_MM)
    return doc.build()


def write_badges(sheet: BadgeSheet, target: str | os.PathLike[str]) -> Path:
    """Render the sheet and write it atomically to ``target``."""
    return common.save(target, badges_pdf(sheet))

"""QR codes for the documents: vector squares for PDFs (no image library), PNG for e-mails,
and the grid of personal code cards shared by the convocation's annex and the badge sheet.

segno writes PNG by itself (no Pillow), so an e-mail can carry a person's QR inline.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from mesa_desktop.documents.layout import plain

if TYPE_CHECKING:
    from reportlab.graphics.shapes import Drawing

    from mesa_desktop.documents.pdfdoc import PdfDocument


def qr_drawing(text: str, *, size_mm: float) -> Drawing:
    """A QR code of ``text`` as a ReportLab drawing (black squares on the page's white)."""
    import segno
    from reportlab.graphics.shapes import Drawing, Rect
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    rows = [list(row) for row in segno.make(text, error="m", micro=False).matrix_iter(border=4)]
    cell = size_mm * mm / len(rows)
    drawing = Drawing(len(rows) * cell, len(rows) * cell)
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                drawing.add(
                    Rect(
                        x * cell,
                        (len(rows) - 1 - y) * cell,
                        cell,
                        cell,
                        fillColor=colors.black,
                        strokeColor=None,
                        strokeWidth=0,
                    )
                )
    return drawing


def qr_png(text: str, *, scale: int = 8) -> bytes:
    """A QR code of ``text`` as PNG bytes, ``scale`` pixels per module, with its quiet zone."""
    import segno

    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="png", scale=scale, border=4)
    return buffer.getvalue()


@dataclass(frozen=True)
class CodeCard:
    """One person's card: who, their personal code and a line under it."""

    name: str
    code: str
    affiliation: str = ""  # dependency or entity
    footer: str = ""  # "Muestre este código al llegar", or the mesa's name on a badge


def card_grid(
    doc: PdfDocument, cards: Sequence[CodeCard], *, columns: int, qr_mm: float, height_mm: float
) -> None:
    """Cards in a grid of ``columns``, each framed by a dashed cutting line, none split;
    ``height_mm`` is the least height of a card (a long name makes its row taller)."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    if not cards:
        return
    cells = [_card(doc, card, qr_mm) for card in cards]
    cells += [[]] * (-len(cells) % columns)
    rows = [cells[i : i + columns] for i in range(0, len(cells), columns)]
    table = Table(
        rows,
        colWidths=[doc.width / columns] * columns,
        rowHeights=[height_mm * mm] * len(rows),
        hAlign="LEFT",
    )
    style: list[tuple[Any, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (-1, -1), "CENTER"),
        ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
    ]
    filled = len(cards)
    for index in range(filled):  # no frame around the empty cells of the last row
        cell = (index % columns, index // columns)
        style.append(("BOX", cell, cell, 0.5, colors.grey, None, (2, 2)))
    table.setStyle(TableStyle(style))
    doc.add(table)


def _card(doc: PdfDocument, card: CodeCard, qr_mm: float) -> list[object]:
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, Spacer

    name = ParagraphStyle("card_name", doc.styles["cell_bold"], fontSize=10.5, leading=13, alignment=1)
    small = ParagraphStyle("card_small", doc.styles["cell"], fontSize=8, leading=10, alignment=1)
    code = ParagraphStyle("card_code", doc.styles["cell_bold"], fontSize=13, leading=16, alignment=1)
    parts: list[object] = [Paragraph(plain(card.name), name)]
    if card.affiliation:
        parts.append(Paragraph(plain(card.affiliation), small))
    qr = qr_drawing(card.code, size_mm=qr_mm)
    qr.hAlign = "CENTER"
    parts += [Spacer(1, 1.5 * mm), qr, Paragraph(card.code, code)]
    if card.footer:
        parts.append(Paragraph(plain(card.footer), small))
    return parts

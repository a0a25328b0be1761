"""The page template and building blocks every PDF shares.

This is the only module (with ``charts``) that imports ReportLab, and the generators import
it inside their functions, so starting the app never pays for ReportLab. A generator fills a
``PdfDocument`` with headings, paragraphs, tables and charts and calls ``build()``; the
document takes care of fonts, the header and footer of every page ("Página X de Y" needs a
second pass over the pages), the BORRADOR watermark and the PDF metadata.

Every table cell is a ``Paragraph`` and tables may split inside a row, so long text flows to
the next page instead of being cut off; header rows repeat on every page.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import pairwise
from typing import Any, TypeAlias

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
from reportlab.lib.pagesizes import LETTER, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    LayoutError,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tables import CellStyle

from mesa_desktop.documents.data import Signatory
from mesa_desktop.documents.layout import Column, GroupRow, PageHeader, plain
from mesa_desktop.documents.text import paragraphs
from mesa_desktop.errors import MesaError
from mesa_desktop.resources import resource_path

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"
FONT_ITALIC = "DejaVuSans-Oblique"
FONT_BOLD_ITALIC = "DejaVuSans-BoldOblique"
_FONT_FILES = {
    FONT: "DejaVuSans.ttf",
    FONT_BOLD: "DejaVuSans-Bold.ttf",
    FONT_ITALIC: "DejaVuSans-Oblique.ttf",
    FONT_BOLD_ITALIC: "DejaVuSans-BoldOblique.ttf",
}

NAVY = colors.HexColor("#1F3A5F")
INK = colors.HexColor("#1D2733")
MUTED = colors.HexColor("#5B6B7C")
RULE = colors.HexColor("#9AA9BA")
GRID = colors.HexColor("#B8C4D1")
ZEBRA = colors.HexColor("#F2F5F9")
GROUP = colors.HexColor("#DDE5EF")
LABEL_BG = colors.HexColor("#E9EEF4")

# Smallest piece (in points) of a table row split across two pages (about four lines): short
# rows move to the next page whole, long ones flow over pages instead of being cut.
_MIN_ROW_SPLIT = 44


# ReportLab keeps process-wide state (font registry, caches); documents built from several
# worker threads at once take turns rather than race on it.
_BUILD_LOCK = threading.Lock()

# Binary (Flate only) streams instead of ASCII85 text: a third smaller and much faster without
# ReportLab's optional C accelerator. Nothing we make travels over a 7-bit channel (e-mail
# attachments are base64 anyway). This is the app's only ReportLab user, so the global is ours.
rl_config.useA85 = 0
# Cells holding a plain string (empty spacer cells, signature lines) are drawn in the table's
# default font, Helvetica, which would be referenced without being embedded.
CellStyle.fontname = FONT


@cache
def register_fonts() -> None:
    """Embed DejaVu (shipped in resources/fonts) so á é í ó ú ñ ¿ ¡ print on any machine."""
    from reportlab.lib.fonts import addMapping

    for name, filename in _FONT_FILES.items():
        path = resource_path("fonts", filename)
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except Exception as error:  # ReportLab raises TTFError or plain IOError
            raise MesaError(
                f"No se pudo cargar la fuente {filename} de la carpeta de recursos. Reinstale Mesa Desktop."
            ) from error
    addMapping(FONT, 0, 0, FONT)
    addMapping(FONT, 1, 0, FONT_BOLD)
    addMapping(FONT, 0, 1, FONT_ITALIC)
    addMapping(FONT, 1, 1, FONT_BOLD_ITALIC)


@cache
def styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13.5, textColor=INK)
    cell = ParagraphStyle("cell", base, fontSize=8.3, leading=10.6, alignment=0)
    return {
        "body": base,
        "justified": ParagraphStyle("justified", base, alignment=TA_JUSTIFY),
        "small": ParagraphStyle("small", base, fontSize=8, leading=10.5, textColor=MUTED),
        "notice": ParagraphStyle("notice", base, fontSize=7.8, leading=10.2, alignment=TA_JUSTIFY),
        "title": ParagraphStyle(
            "title",
            base,
            fontName=FONT_BOLD,
            fontSize=15,
            leading=19,
            alignment=TA_CENTER,
            textColor=NAVY,
            spaceAfter=2,
        ),
        "subtitle": ParagraphStyle(
            "subtitle",
            base,
            fontSize=10.5,
            leading=14,
            alignment=TA_CENTER,
            textColor=INK,
        ),
        "h1": ParagraphStyle(
            "h1",
            base,
            fontName=FONT_BOLD,
            fontSize=11,
            leading=14,
            textColor=NAVY,
            spaceBefore=11,
            spaceAfter=5,
        ),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName=FONT_BOLD,
            fontSize=9.8,
            leading=13,
            textColor=INK,
            spaceBefore=7,
            spaceAfter=3,
        ),
        "cell": cell,
        "cell_bold": ParagraphStyle("cell_bold", cell, fontName=FONT_BOLD),
        "cell_block": ParagraphStyle("cell_block", cell, spaceAfter=3),
        "cell_item": ParagraphStyle(
            "cell_item",
            cell,
            leftIndent=4.2 * mm,
            bulletIndent=0,
            spaceAfter=2.5,
            bulletFontName=FONT,
            bulletFontSize=cell.fontSize,
        ),
        "big_number": ParagraphStyle(
            "big_number", base, fontName=FONT_BOLD, fontSize=16, leading=19, textColor=NAVY
        ),
        "cell_center": ParagraphStyle("cell_center", cell, alignment=TA_CENTER),
        "cell_right": ParagraphStyle("cell_right", cell, alignment=TA_RIGHT),
        "cell_head": ParagraphStyle("cell_head", cell, fontName=FONT_BOLD, textColor=colors.white),
        "cell_head_right": ParagraphStyle(
            "cell_head_right",
            cell,
            fontName=FONT_BOLD,
            textColor=colors.white,
            alignment=TA_RIGHT,
        ),
        "cell_group": ParagraphStyle("cell_group", cell, fontName=FONT_BOLD, textColor=NAVY),
        "label": ParagraphStyle("label", cell, fontName=FONT_BOLD, textColor=NAVY),
        "sign_name": ParagraphStyle(
            "sign_name",
            base,
            fontName=FONT_BOLD,
            fontSize=9,
            leading=11.5,
            alignment=TA_CENTER,
        ),
        "sign_role": ParagraphStyle(
            "sign_role",
            base,
            fontSize=8.3,
            leading=10.5,
            alignment=TA_CENTER,
            textColor=MUTED,
        ),
        "head_entity": ParagraphStyle(
            "head_entity",
            base,
            fontName=FONT_BOLD,
            fontSize=9.2,
            leading=11.2,
            textColor=NAVY,
        ),
        "head_text": ParagraphStyle("head_text", base, fontSize=8.2, leading=10.2, textColor=INK),
        "head_right": ParagraphStyle(
            "head_right",
            base,
            fontSize=8.2,
            leading=10.2,
            alignment=TA_RIGHT,
            textColor=INK,
        ),
    }


Cell: TypeAlias = str | Flowable | Sequence[Flowable] | None


class PdfDocument:
    """A PDF under construction. Make and build it on any worker thread, never the GUI's."""

    def __init__(
        self,
        *,
        title: str,
        subject: str,
        author: str,
        header: PageHeader,
        keywords: Iterable[str] = (),
        wide: bool = False,
        draft: bool = False,
    ) -> None:
        with _BUILD_LOCK:
            register_fonts()
        self.title = title
        self.subject = subject
        self.author = author
        self.keywords = list(keywords)
        self.header = header
        self.draft = draft
        # What to shorten when an element does not fit a page; each document may name its own.
        self.fit_hint = "el texto más largo del documento"
        self.styles = styles()
        self.pagesize = landscape(LETTER) if wide else LETTER
        self.left = 15 * mm if wide else 25 * mm
        self.right = 15 * mm if wide else 20 * mm
        self._note = Paragraph(plain(header.note), self.styles["small"]) if header.note else None
        self.bottom = 20 * mm + (self._note.wrap(self.width, 1000)[1] + 2 * mm if self._note else 0)
        self._logo = _image_reader(header.logo_png) if header.logo_png else None
        self._header_parts = self._layout_header()
        self.top = self._header_height + 16 * mm
        self.story: list[Flowable] = []

    # ------------------------------------------------------------------ content

    @property
    def width(self) -> float:
        """Usable width of the page in points."""
        usable: float = self.pagesize[0] - self.left - self.right
        return usable

    def add(self, *flowables: Flowable) -> None:
        self.story.extend(flowables)

    def para(self, text: str, style: str = "cell") -> Paragraph:
        """A paragraph of plain (escaped) text."""
        return Paragraph(plain(text), self.styles[style])

    def rich(self, markup: str, style: str = "cell") -> Paragraph:
        """A paragraph of trusted markup; escape user text with ``plain()`` first."""
        return Paragraph(markup, self.styles[style])

    def title_block(self, title: str, *subtitles: str) -> None:
        self.add(self.para(title, "title"))
        for line in subtitles:
            self.add(self.para(line, "subtitle"))
        self.add(Spacer(1, 5 * mm))

    def heading(self, text: str, level: int = 1) -> None:
        # A heading needs a few lines of what follows on its page. CondPageBreak rather than
        # keepWithNext: the latter would push a heading and a whole table to the next page.
        self.add(CondPageBreak((28 if level == 1 else 22) * mm))
        self.add(self.para(text, "h1" if level == 1 else "h2"))

    def text(self, text: str, style: str = "justified") -> None:
        """Free text: one paragraph per blank-line-separated block."""
        for block in paragraphs(text):
            self.add(Paragraph(plain(block), self.styles[style]), Spacer(1, 2.2 * mm))

    def markup(self, markup: str, style: str = "body") -> None:
        self.add(Paragraph(markup, self.styles[style]), Spacer(1, 2 * mm))

    def bullets(self, items: Sequence[str], *, numbered: bool = True, style: str = "body") -> None:
        """A list whose items wrap with a hanging indent."""
        base = self.styles[style]
        item_style = ParagraphStyle(
            "item",
            base,
            leftIndent=7 * mm,
            bulletIndent=1.5 * mm,
            spaceAfter=1.5,
            bulletFontName=FONT,
            bulletFontSize=base.fontSize,
        )
        for index, item in enumerate(items, start=1):
            bullet = f"{index}." if numbered else "•"
            self.add(Paragraph(plain(item), item_style, bulletText=bullet))
        self.add(Spacer(1, 2 * mm))

    def cell_paragraphs(self, text: str) -> list[Flowable]:
        """Free text for a table cell, one paragraph per block, so a long cell can split."""
        blocks = paragraphs(text) or ["—"]
        return [Paragraph(plain(block), self.styles["cell_block"]) for block in blocks]

    def cell_list(self, items: Sequence[str], *, numbered: bool = True) -> list[Flowable]:
        """A numbered (or bulleted) list inside a table cell, with hanging indents."""
        return [
            Paragraph(plain(item), self.styles["cell_item"], bulletText=f"{index}." if numbered else "•")
            for index, item in enumerate(items, start=1)
        ] or [self.para("—")]

    def spacer(self, height_mm: float) -> None:
        self.add(Spacer(1, height_mm * mm))

    def page_break(self) -> None:
        """Start a new page, unless this one has just begun (no blank page after a full one)."""
        self.add(_NewPage(0))

    def need(self, height_mm: float) -> None:
        """Start a new page unless ``height_mm`` is left on this one."""
        self.add(CondPageBreak(height_mm * mm))

    def keep(self, *flowables: Flowable) -> None:
        self.add(KeepTogether(list(flowables)))

    def fields(self, rows: Sequence[Sequence[tuple[str, Cell]]], *, label_share: float = 0.2) -> None:
        """A label/value grid; each row holds one pair (full width) or two pairs."""
        widths = [label_share, 0.5 - label_share, label_share, 0.5 - label_share]
        data: list[list[Any]] = []
        commands: list[tuple[Any, ...]] = []
        for index, row in enumerate(rows):
            cells: list[Any] = []
            for label, value in row:
                cells += [self.para(label, "label"), self._cell(value or "—", "cell")]
            commands.append(("BACKGROUND", (0, index), (0, index), LABEL_BG))
            if len(row) == 1:
                cells += ["", ""]
                commands.append(("SPAN", (1, index), (3, index)))
            else:
                commands.append(("BACKGROUND", (2, index), (2, index), LABEL_BG))
            data.append(cells)
        table = Table(
            data,
            colWidths=[w * self.width for w in widths],
            splitInRow=_MIN_ROW_SPLIT,
            hAlign="LEFT",
        )
        table.setStyle(TableStyle(_BASE_TABLE_STYLE + commands))
        self.add(table, Spacer(1, 3 * mm))

    def table(
        self,
        columns: Sequence[Column],
        rows: Sequence[Sequence[Cell] | GroupRow],
        *,
        zebra: bool = True,
        min_row_height: float | None = None,
        keep_groups: int = 12,
    ) -> None:
        """A table with a repeated header row; plain strings become wrapped paragraphs.

        Columns get their share of the width by weight, but never less than their longest
        word, so dates and short labels are not broken mid-word. A group row stays on the page
        of its first member, and a group of up to ``keep_groups`` rows is not split at all,
        unless it is taller than a whole page: then it splits like any other rows.
        """
        header = [
            self.para(column.header, "cell_head_right" if column.align == "right" else "cell_head")
            for column in columns
        ]
        data: list[list[Any]] = [header]
        commands: list[tuple[Any, ...]] = [
            ("BACKGROUND", (0, 0), (-1, 0), NAVY),
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, NAVY),
        ]
        for index, column in enumerate(columns):
            if column.align != "left":
                commands.append(("ALIGN", (index, 1), (index, -1), column.align.upper()))
            if column.valign != "top":
                commands.append(("VALIGN", (index, 1), (index, -1), column.valign.upper()))
        styles_by_align = {"left": "cell", "center": "cell_center", "right": "cell_right"}
        shade = False
        group_starts: list[int] = []
        for row in rows:
            index = len(data)
            if isinstance(row, GroupRow):
                data.append([self.para(row.text, "cell_group")] + [""] * (len(columns) - 1))
                commands += [
                    ("SPAN", (0, index), (-1, index)),
                    ("BACKGROUND", (0, index), (-1, index), GROUP),
                ]
                group_starts.append(index)
                shade = False
                continue
            data.append(
                [
                    self._cell(value, styles_by_align[column.align])
                    for value, column in zip(row, columns, strict=True)
                ]
            )
            if zebra and shade:
                commands.append(("BACKGROUND", (0, index), (-1, index), ZEBRA))
            shade = not shade
        commands += _keep_groups(group_starts, len(data), keep_groups)
        heights = None
        if min_row_height:
            heights = [0] + [min_row_height] * (len(data) - 1)
        widths = self._fit_widths([column.weight for column in columns], data, group_starts)
        table = _GroupedTable(
            data,
            colWidths=widths,
            repeatRows=1,
            splitInRow=_MIN_ROW_SPLIT,
            hAlign="LEFT",
            minRowHeights=heights,
        )
        table.setStyle(TableStyle(_BASE_TABLE_STYLE + commands))
        self.add(table, Spacer(1, 3 * mm))

    def callout(self, markup: str, style: str = "body") -> None:
        """A shaded box with a rule at its left, for a statement that must stand out."""
        box = Table(
            [[Paragraph(markup, self.styles[style])]],
            colWidths=[self.width],
            hAlign="LEFT",
            splitInRow=_MIN_ROW_SPLIT,
        )
        box.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), ZEBRA),
                    ("LINEBEFORE", (0, 0), (0, -1), 2.5, NAVY),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                    ("TOPPADDING", (0, 0), (-1, -1), 6),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                ]
            )
        )
        self.add(box, Spacer(1, 3 * mm))

    def signature_image(
        self, png: bytes | None, width_mm: float, height_mm: float, *, box: bool = False
    ) -> Flowable | None:
        """A captured signature scaled into a box, or None when there is none."""
        if not png:
            return None
        reader = _image_reader(png)
        if reader is None:
            return self.para("(firma no legible)", "small")
        return _Picture(reader, width_mm * mm, height_mm * mm, box=box)

    def signature_blocks(self, signatories: Sequence[Signatory]) -> None:
        """Signature lines, two per row, kept together on one page."""
        cells: list[list[Flowable] | str] = [self._signature_cell(signatory) for signatory in signatories]
        if len(cells) % 2:
            cells.append("")
        rows = [cells[i : i + 2] for i in range(0, len(cells), 2)]
        table = Table(rows, colWidths=[self.width / 2] * 2, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                    ("LEFTPADDING", (0, 0), (-1, -1), 8 * mm),
                    ("RIGHTPADDING", (0, 0), (-1, -1), 8 * mm),
                    ("TOPPADDING", (0, 0), (-1, -1), 6 * mm),
                ]
            )
        )
        self.add(KeepTogether([Spacer(1, 4 * mm), table]))

    def drawing(self, drawing: Flowable) -> None:
        self.add(drawing, Spacer(1, 3 * mm))

    # ------------------------------------------------------------------ build

    def build(self) -> bytes:
        buffer = io.BytesIO()
        template = BaseDocTemplate(
            buffer,
            pagesize=self.pagesize,
            leftMargin=self.left,
            rightMargin=self.right,
            topMargin=self.top,
            bottomMargin=self.bottom,
            title=self.title,
            author=self.author,
            subject=self.subject,
            creator="Mesa Desktop",
            keywords=self.keywords,
            lang="es-CO",
            displayDocTitle=1,
            # ReportLab otherwise opens every page on Helvetica, which then shows up as a
            # non-embedded font (a PDF/A or signature validator flags it).
            initialFontName=FONT,
            initialFontSize=9.5,
        )
        frame = Frame(
            self.left,
            self.bottom,
            self.width,
            self.pagesize[1] - self.top - self.bottom,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        template.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=self._decorate)])
        try:
            with _BUILD_LOCK:
                template.build(self.story, canvasmaker=_numbered_canvas(self.header.footer, self.wide))
        except LayoutError as error:
            raise MesaError(
                f"No fue posible componer «{self.title}»: un elemento no cabe en una página. "
                f"Acorte {self.fit_hint} e inténtelo de nuevo."
            ) from error
        return buffer.getvalue()

    @property
    def wide(self) -> bool:
        landscape: bool = self.pagesize[0] > self.pagesize[1]
        return landscape

    # ------------------------------------------------------------------ internals

    def _fit_widths(self, weights: list[float], data: list[list[Any]], skip_rows: list[int]) -> list[float]:
        padding = 7.5  # left + right cell padding, plus a hair
        skip = set(skip_rows)
        need = [0.0] * len(weights)
        for row_index, row in enumerate(data):
            if row_index in skip:
                continue
            for column, cell in enumerate(row):
                need[column] = max(need[column], _min_width(cell) + padding)
        if sum(need) > self.width:
            need = [0.0] * len(weights)  # cannot honour them all: plain shares, words will split
        fixed: dict[int, float] = {}
        while True:
            free = [i for i in range(len(weights)) if i not in fixed]
            room = self.width - sum(fixed.values())
            share = sum(weights[i] for i in free)
            short = [i for i in free if weights[i] / share * room < need[i]]
            if not short:
                break
            for i in short:
                fixed[i] = need[i]
        return [fixed.get(i, weights[i] / share * room) for i in range(len(weights))]

    def _cell(self, value: Cell, style: str) -> Any:
        if value is None:
            return self.para("—", style)
        if isinstance(value, str):
            return self.para(value, style)
        return value

    def _signature_cell(self, signatory: Signatory) -> list[Flowable]:
        picture = self.signature_image(signatory.signature_png, 60, 16, box=True)
        parts: list[Flowable] = [picture or Spacer(1, 16 * mm)]
        line = Table([[""]], colWidths=[self.width / 2 - 16 * mm], rowHeights=[1])
        line.setStyle(TableStyle([("LINEABOVE", (0, 0), (-1, -1), 0.8, INK)]))
        parts += [line, self.para(signatory.name or " ", "sign_name")]
        parts.append(self.para(signatory.role, "sign_role"))
        if signatory.position:
            parts.append(self.para(signatory.position, "sign_role"))
        return parts

    def _layout_header(self) -> tuple[list[Paragraph], list[Paragraph], float, float]:
        logo_width = 18 * mm if self._logo else 0
        usable = self.width - logo_width - (4 * mm if self._logo else 0)
        s = self.styles
        # The right column takes what its lines need (up to 40 %); the entity name the rest.
        widest = max(
            (pdfmetrics.stringWidth(line, FONT, s["head_right"].fontSize) for line in self.header.right),
            default=0.0,
        )
        right_width = min(usable * 0.4, widest + 2)
        left_width = usable - right_width - 6 * mm
        left = [
            Paragraph(plain(self.header.entity), s["head_entity"]),
            Paragraph(plain(self.header.mesa), s["head_text"]),
            Paragraph(f"<b>{plain(self.header.title)}</b>", s["head_text"]),
        ]
        right = [Paragraph(plain(line), s["head_right"]) for line in self.header.right]
        left_height = sum(p.wrap(left_width, 1000)[1] for p in left)
        right_height = sum(p.wrap(right_width, 1000)[1] for p in right)
        self._header_height = max(left_height, right_height, 14 * mm if self._logo else 0)
        return left, right, left_width, right_width

    def _decorate(self, canvas: Canvas, _doc: Any) -> None:
        """Draw the page header (and the draft watermark beneath the content)."""
        canvas.saveState()
        if self.draft:
            _watermark(canvas, self.pagesize)
        left, right, left_width, right_width = self._header_parts
        top = self.pagesize[1] - 11 * mm
        x = self.left
        if self._logo:
            logo = _Picture(self._logo, 18 * mm, 14 * mm)
            _, h = logo.wrap(0, 0)
            logo.drawOn(canvas, x, top - h)
            x += 22 * mm
        y = top
        for paragraph in left:
            _, h = paragraph.wrap(left_width, 1000)
            paragraph.drawOn(canvas, x, y - h)
            y -= h
        y = top
        for paragraph in right:
            _, h = paragraph.wrap(right_width, 1000)
            paragraph.drawOn(canvas, self.pagesize[0] - self.right - right_width, y - h)
            y -= h
        rule_y = top - self._header_height - 2.5 * mm
        canvas.setStrokeColor(NAVY)
        canvas.setLineWidth(1.2)
        canvas.line(self.left, rule_y, self.pagesize[0] - self.right, rule_y)
        if self._note:
            self._note.wrap(self.width, 1000)
            self._note.drawOn(canvas, self.left, 15 * mm)
        canvas.restoreState()


def _min_width(cell: Any) -> float:
    """Width of the longest unbreakable piece of a cell."""
    if isinstance(cell, Paragraph):
        longest: float = cell.minWidth()
        return longest
    if isinstance(cell, _Picture):
        return cell.width
    if isinstance(cell, (list, tuple)):
        return max((_min_width(part) for part in cell), default=0.0)
    return 0.0


def _keep_groups(starts: list[int], end: int, limit: int) -> list[tuple[Any, ...]]:
    """NOSPLIT commands: whole small groups, or at least a group's title with its first row."""
    commands: list[tuple[Any, ...]] = []
    for start, following in pairwise([*starts, end]):
        last = following - 1 if following - start <= limit else min(start + 1, following - 1)
        commands.append(("NOSPLIT", (0, start), (-1, last)))
    return commands


class _NewPage(CondPageBreak):  # type: ignore[misc]  # ReportLab is untyped (CondPageBreak is Any)
    """A page break that does nothing while the page holds no more than a spacer.

    A plain PageBreak after a table that ends at the foot of a page (its trailing spacer
    already opened the next one) left that next page blank.
    """

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # ReportLab's names
        frame = self._doctemplateAttr("frame")
        if frame is not None and availHeight < frame._aH - 5 * mm:
            from reportlab.platypus.doctemplate import FrameBreak

            frame.add_generated_content(FrameBreak)
        return 0, 0


class _GroupedTable(Table):  # type: ignore[misc]  # ReportLab is untyped (Table is Any)
    """A table whose NOSPLIT groups give way when even an empty page cannot hold them.

    Otherwise ReportLab moves such a group to a fresh page, finds it still too tall and stops
    the whole document with a LayoutError (a department of tall rows in the national report).
    """

    _nosplitCmds: list[Any]  # ReportLab's name

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # ReportLab's names
        parts: list[Any] = super().split(availWidth, availHeight)
        frame = getattr(self, "_frame", None)
        if parts or not self._nosplitCmds or not getattr(frame, "_atTop", False):
            return parts
        heights = self._rowHeights
        header = sum(heights[: self.repeatRows]) if isinstance(self.repeatRows, int) else 0
        rows = len(heights)
        kept = []
        for command in self._nosplitCmds:
            first, last = command[1][1] % rows, command[2][1] % rows
            if header + sum(heights[first : last + 1]) <= availHeight:
                kept.append(command)
        if len(kept) == len(self._nosplitCmds):
            return parts
        self._nosplitCmds = kept
        if kept:
            self._calcNoSplitRanges()
        return list(super().split(availWidth, availHeight))


_BASE_TABLE_STYLE: list[tuple[Any, ...]] = [
    ("GRID", (0, 0), (-1, -1), 0.4, GRID),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("TOPPADDING", (0, 0), (-1, -1), 2.6),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3.2),
    ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
    ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
]


class _Picture(Flowable):  # type: ignore[misc]  # ReportLab is untyped (Flowable is Any)
    """An image scaled to fit a box, keeping its proportions; decoded only once."""

    def __init__(
        self, reader: ImageReader, max_width: float, max_height: float, *, box: bool = False
    ) -> None:
        super().__init__()
        width, height = reader.getSize()
        scale = min(max_width / width, max_height / height)
        self.reader = reader
        self.width: float = width * scale
        self.height: float = height * scale
        # In a box the flowable is always max_height tall, the image resting on its bottom,
        # so signature lines beside each other stay level.
        self.box_height = max_height if box else self.height

    def wrap(self, _avail_width: float, _avail_height: float) -> tuple[float, float]:
        return self.width, self.box_height

    def draw(self) -> None:
        self.canv.drawImage(self.reader, 0, 0, self.width, self.height, mask="auto")


def _image_reader(png: bytes) -> ImageReader | None:
    try:
        reader = ImageReader(io.BytesIO(png))
        reader.getSize()
    except Exception:  # Pillow raises many kinds of errors for damaged images
        return None
    return reader


def _fit(text: str, width: float, size: float, font: str = FONT) -> str:
    """Shorten one line with an ellipsis so it never runs into what is beside it."""
    if pdfmetrics.stringWidth(text, font, size) <= width:
        return text
    while text and pdfmetrics.stringWidth(text + "…", font, size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _watermark(canvas: Canvas, pagesize: tuple[float, float]) -> None:
    canvas.saveState()
    canvas.setFillColor(colors.HexColor("#C0392B"))
    canvas.setFillAlpha(0.10)
    canvas.setFont(FONT_BOLD, 96 if pagesize[0] < pagesize[1] else 110)
    canvas.translate(pagesize[0] / 2, pagesize[1] / 2)
    canvas.rotate(52 if pagesize[0] < pagesize[1] else 35)
    canvas.drawCentredString(0, -34, "BORRADOR")
    canvas.restoreState()


def _numbered_canvas(footer: str, wide: bool) -> type[Canvas]:
    """A canvas that holds every page until the end so each can say 'Página X de Y'."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # ReportLab is untyped (Canvas is Any)
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # ReportLab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._footer(number, total)
                Canvas.showPage(self)
            Canvas.save(self)

        def _footer(self, number: int, total: int) -> None:
            width = self._pagesize[0]
            left = 15 * mm if wide else 25 * mm
            right = width - (15 * mm if wide else 20 * mm)
            self.saveState()
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(left, 13 * mm, right, 13 * mm)
            self.setFillColor(MUTED)
            self.setFont(FONT, 7.5)
            page = f"Página {number} de {total}"
            self.drawRightString(right, 9 * mm, page)
            room = right - left - pdfmetrics.stringWidth(page, FONT, 7.5) - 8 * mm
            self.drawString(left, 9 * mm, _fit(footer, room, 7.5))
            self.restoreState()

    return NumberedCanvas


def signature_stamp_pdf(width: float, height: float, lines: Sequence[str]) -> bytes:
    """A one-page PDF of ``width`` × ``height`` points: the visible face of a digital
    signature, framed, the first line bold. pyHanko imports it as the signature's appearance,
    so its fonts are embedded like every other text we print."""
    with _BUILD_LOCK:
        register_fonts()
        buffer = io.BytesIO()
        canvas = Canvas(buffer, pagesize=(width, height), initialFontName=FONT, invariant=1)
        canvas.setStrokeColor(NAVY)
        canvas.setFillColor(ZEBRA)
        canvas.setLineWidth(0.6)
        canvas.roundRect(0.3, 0.3, width - 0.6, height - 0.6, 2, stroke=1, fill=1)
        size = min(6.8, (height - 4) / max(len(lines), 1) / 1.2)
        y = height - 2 - size
        for index, line in enumerate(lines):
            font = FONT_BOLD if index == 0 else FONT
            canvas.setFillColor(NAVY if index == 0 else INK)
            canvas.setFont(font, size)
            canvas.drawString(2.5 * mm, y, _fit(line, width - 5 * mm, size, font))
            y -= size * 1.2
        canvas.showPage()
        canvas.save()
    return buffer.getvalue()

"""Layout limits of ``PdfDocument`` that every document shares, read back from the PDF."""

from __future__ import annotations

import io

import pypdf
import pytest

from mesa_desktop.documents import common
from mesa_desktop.documents.layout import Column, GroupRow
from mesa_desktop.documents.pdfdoc import PdfDocument
from mesa_desktop.errors import MesaError
from tests.support import samples


def _document(title: str = "Documento de prueba") -> PdfDocument:
    return common.new_document(samples.MESA, title=title, subject=title, header_title=title, wide=True)


def test_a_group_taller_than_a_page_splits_instead_of_stopping_the_document() -> None:
    """Eleven tall rows under one group row do not fit a landscape page together: ReportLab
    used to give up with a LayoutError (the national report of the territories that reported)."""
    doc = _document()
    tall = "línea de texto que ocupa el ancho de la celda " * 12
    rows: list = [GroupRow("54 Norte de Santander")]
    rows += [[f"Territorio {n}", tall] for n in range(1, 12)]
    rows += [GroupRow("81 Arauca"), ["Territorio final", "corto"]]
    doc.table([Column("Territorio", 1), Column("Detalle", 1)], rows)
    reader = pypdf.PdfReader(io.BytesIO(doc.build()))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) > 1
    for n in range(1, 12):
        assert f"Territorio {n} " in text or f"Territorio {n}\n" in text
    assert "Territorio final" in text


def test_a_small_group_still_stays_together() -> None:
    """A group that fits a page is still moved whole to the next page rather than cut."""
    doc = _document()
    doc.table([Column("Territorio", 1)], [[f"relleno {n}"] for n in range(22)])
    doc.table([Column("Territorio", 1)], [GroupRow("Grupo entero"), *([f"miembro {n}"] for n in range(6))])
    reader = pypdf.PdfReader(io.BytesIO(doc.build()))
    pages = [page.extract_text() for page in reader.pages]
    holding = [index for index, text in enumerate(pages) if "miembro" in text]
    assert len(holding) == 1 and "Grupo entero" in pages[holding[0]]


def test_an_element_that_cannot_fit_names_the_document_not_an_acta() -> None:
    from reportlab.graphics.shapes import Drawing

    doc = _document("Consolidado de prueba")
    doc.drawing(Drawing(100, 2000))
    with pytest.raises(MesaError) as error:
        doc.build()
    message = str(error.value)
    assert "«Consolidado de prueba»" in message and "no cabe en una página" in message
    assert "punto del desarrollo" not in message and "Acorte el texto más largo del documento" in message


def test_a_page_break_after_a_full_page_leaves_no_blank_page() -> None:
    """A table ending at the foot of a page opens the next one with its trailing spacer; the
    page break that follows used to leave that page blank (page 4 of the national report)."""
    from reportlab.platypus import Spacer

    doc = _document()
    doc.add(Spacer(1, doc.pagesize[1] - doc.top - doc.bottom - 1))
    doc.spacer(3)
    doc.page_break()
    doc.text("Después del salto")
    doc.page_break()
    doc.text("Otra página")
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(doc.build())).pages]
    assert len(pages) == 3
    assert "Después del salto" in pages[1] and "Otra página" in pages[2]

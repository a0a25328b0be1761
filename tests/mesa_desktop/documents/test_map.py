"""The map of Colombia: the shipped outlines against DIVIPOLA, and the PDF drawing read back as
pixels (pdftoppm without antialiasing, so every pixel is a colour the drawing chose)."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess

import pytest

from mesa_desktop.documents import map as colombia_map
from mesa_desktop.documents.pdfdoc import register_fonts
from mesa_desktop.resources import resource_path


def inside(point, rings) -> bool:
    """Even-odd ray casting, the fill rule both painters use."""
    x, y = point
    crossings = 0
    for ring in rings:
        for (x1, y1), (x2, y2) in zip(ring, ring[1:], strict=False):
            if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
    return crossings % 2 == 1


def pixels_of(pdf):
    """The PDF's page at 144 dpi (two pixels per point), without antialiasing: every pixel is a
    colour the drawing chose."""
    from PIL import Image

    prefix = pdf.with_suffix("")
    subprocess.run(
        ["pdftoppm", "-r", "144", "-aa", "no", "-aaVector", "no", "-png", str(pdf), str(prefix)], check=True
    )
    (png,) = pdf.parent.glob(f"{prefix.name}*.png")
    return Image.open(png).convert("RGB")


def hex_colour(image, x: int, y: int) -> str:
    return "#{:02x}{:02x}{:02x}".format(*image.getpixel((x, y)))


def test_every_divipola_department_has_one_outline_with_its_name():
    with open(resource_path("divipola.csv"), encoding="utf-8", newline="") as handle:
        names = {row["department_code"]: row["department_name"] for row in csv.DictReader(handle)}
    shape = colombia_map.outlines()
    assert {d.code: d.name for d in shape.departments} == names and len(names) == 33
    for department in shape.departments:
        assert department.rings and all(len(ring) >= 4 and ring[0] == ring[-1] for ring in department.rings)
        x1, y1, x2, y2 = colombia_map.bounds(department)
        assert 0 <= x1 < x2 <= shape.width and 0 <= y1 < y2 <= shape.height


def test_each_label_point_lies_in_its_own_department_and_no_other():
    shape = colombia_map.outlines()
    for department in shape.departments:
        holders = [d.code for d in shape.departments if inside(department.label, d.rings)]
        assert holders == [department.code]
        assert department.room > 0
    # Bogotá is its own outline, not folded into Cundinamarca (as some copies of the data do).
    assert not inside(shape.department("11").label, shape.department("25").rings)
    # The islands are drawn inside their box, the mainland outside it.
    left, top, right, bottom = shape.inset_box
    islands = shape.department(shape.inset_code)
    assert all(left < x < right and top < y < bottom for ring in islands.rings for x, y in ring)
    guajira = shape.department("44")
    assert colombia_map.bounds(guajira)[0] > right


def test_labels_are_dropped_rather_than_spilt_onto_a_neighbour():
    quindio = colombia_map.outlines().department("63")
    width = len  # one unit per character
    assert colombia_map.fitting_labels(quindio, 0.5, 20, width) == ["Quindío", "50 %"]
    assert colombia_map.fitting_labels(quindio, 0.5, 5, width) == ["50 %"]
    assert colombia_map.fitting_labels(quindio, None, 3, width) == []


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="sin pdftoppm (poppler-utils)")
def test_the_pdf_map_paints_each_department_in_its_class(tmp_path):
    from reportlab.graphics import renderPDF

    register_fonts()
    shape = colombia_map.outlines()
    shares: dict[str, float | None] = {d.code: 0.5 for d in shape.departments}
    shares.update({"81": 0.0, "52": 0.9, "91": None, "88": 0.7})
    height = 350.0
    renderPDF.drawToFile(colombia_map.drawing(shares, 770, height), str(tmp_path / "mapa.pdf"))
    image = pixels_of(tmp_path / "mapa.pdf")
    pixels_per_unit = height / shape.height * 2  # 144 dpi: two pixels per point

    def colours_near(code: str) -> set[str]:
        """The colours on a short horizontal run well inside the department, above its label."""
        department = shape.department(code)
        x, y = department.label
        row = (y - 0.75 * department.room) * pixels_per_unit
        return {hex_colour(image, int(x * pixels_per_unit) + dx, int(row)) for dx in range(-6, 6)}

    assert colours_near("81") == {colombia_map.CLASSES[0].colour}
    assert colours_near("52") == {colombia_map.CLASSES[4].colour}
    assert colours_near("05") == {colombia_map.CLASSES[2].colour}
    assert colours_near("91") == {colombia_map.NO_DATA_COLOUR, colombia_map.HATCH_COLOUR}
    left, top, right, bottom = (value * pixels_per_unit for value in shape.inset_box)
    in_the_box = {
        hex_colour(image, x, y)
        for x in range(int(left) + 2, int(right) - 2)
        for y in range(int(top) + 2, int(bottom) - 2)
    }
    assert colombia_map.CLASSES[3].colour in in_the_box


def test_low_coverage_is_less_than_half_reporting():
    assert [colombia_map.thin_coverage(r, 10) for r in (0, 1, 4, 5, 10)] == [False, True, True, False, False]
    assert colombia_map.coverage_label(3, 41) == "3 de 41"


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="sin pdftoppm (poppler-utils)")
def test_the_pdf_map_dots_the_departments_where_few_report_and_lists_the_coverage(tmp_path):
    """Antioquia, where 1 of 10 reports, is dotted in the dark ink over its class colour; Nariño,
    where 9 of 10 report, is plain. The list gives «n de N» next to each share."""
    from reportlab.graphics import renderPDF

    register_fonts()
    shape = colombia_map.outlines()
    shares: dict[str, float | None] = {d.code: 0.5 for d in shape.departments}
    coverage = {d.code: (9, 10) for d in shape.departments}
    coverage["05"] = (1, 10)
    renderPDF.drawToFile(colombia_map.drawing(shares, 706, 350, coverage), str(tmp_path / "mapa.pdf"))
    image = pixels_of(tmp_path / "mapa.pdf")
    pixels_per_unit = 350 / shape.height * 2

    def colours_around(code: str) -> set[str]:
        department = shape.department(code)
        x, y = department.label
        return {
            hex_colour(image, int(x * pixels_per_unit) + dx, int(row))
            for dx in range(-6, 6)
            for row in [(y - 0.75 * department.room) * pixels_per_unit + dy for dy in range(-4, 5)]
        }

    yellow, ink = colombia_map.CLASSES[2].colour, colombia_map.ink_of(0.5)
    assert {yellow, ink} <= colours_around("05")
    assert colours_around("52") == {yellow}
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "mapa.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert colombia_map.COMPLIES_NOTE.split(":")[0] in text and "con retraso o aún en" in text
    assert "Punteado: reportan menos de la mitad" in text
    assert re.search(r"Antioquia\s+1 de 10\s+50 %", text) and re.search(r"Nariño\s+9 de 10\s+50 %", text)

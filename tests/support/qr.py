"""Reading QR codes back from what the app writes: PDF pages (pdftoppm at 150 dpi) and PNG bytes."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest


def decoder():
    """zxing-cpp and Pillow, or the test is skipped (both come from PyPI with the dev tools)."""
    zxingcpp = pytest.importorskip("zxingcpp")
    image = pytest.importorskip("PIL.Image")
    return zxingcpp, image


def codes_in_pdf(pdf: Path, workdir: Path) -> list[list[str]]:
    """The texts of the QR codes on each page of ``pdf``, page by page."""
    zxingcpp, image = decoder()
    prefix = workdir / f"{pdf.stem}-pagina"
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(prefix)], check=True)
    pages = sorted(workdir.glob(f"{prefix.name}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))
    found = []
    for page in pages:
        results = zxingcpp.read_barcodes(image.open(page))
        assert all(r.format == zxingcpp.BarcodeFormat.QRCode for r in results)
        found.append(sorted(r.text for r in results))
    return found


def codes_in_png(png: bytes) -> list[str]:
    zxingcpp, image = decoder()
    return [r.text for r in zxingcpp.read_barcodes(image.open(io.BytesIO(png)))]

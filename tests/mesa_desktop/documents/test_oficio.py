"""The oficio to the ministry (guideline 2.6), read back: the fingerprint as text and as a QR."""

from __future__ import annotations

import subprocess

import pytest

from mesa_desktop.bundle import keys
from tests.support.cli import as_json, mesa


def test_the_oficio_prints_the_installations_fingerprint_as_text_and_qr(demo_store_file, tmp_path):
    zxingcpp = pytest.importorskip("zxingcpp")
    image = pytest.importorskip("PIL.Image")
    target = tmp_path / "salida" / "oficio.pdf"
    target.parent.mkdir()

    made = as_json(mesa("oficio", "-o", target, "--date", "2026-03-02", "--json", db=demo_store_file))

    key = keys.installation_signing_key(demo_store_file.parent).public_key
    assert made["fingerprint"] == key.fingerprint and made["key_id"] == key.key_id
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert key.fingerprint in text
    assert "Ministerio de Salud y Protección Social" in text and "2 de marzo de 2026" in text
    assert "20 días" in text and "Punto focal" in text and "Decreto 0142 de 2026" in text
    subprocess.run(
        ["pdftoppm", "-r", "150", "-png", "-singlefile", str(target), str(tmp_path / "pagina")], check=True
    )
    [found] = zxingcpp.read_barcodes(image.open(tmp_path / "pagina.png"))
    assert found.format == zxingcpp.BarcodeFormat.QRCode
    assert found.text == key.fingerprint


def test_the_oficio_refuses_another_suffix_in_spanish(demo_store_file, tmp_path):
    result = mesa("oficio", "-o", tmp_path / "oficio.docx", db=demo_store_file)
    assert result.returncode == 1 and "debe terminar en .pdf" in result.stderr

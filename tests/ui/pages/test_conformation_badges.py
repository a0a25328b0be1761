"""The members screen prints the badge sheet: one QR credential per active person."""

from __future__ import annotations

import subprocess

import pytest

from mesa_desktop.services import conformation
from tests.support.ui import show
from ui.pages import page_kit as kit
from ui.pages.conformation import ConformationPage


@pytest.mark.slow  # over a second: renders 41 badges with their QR codes
def test_the_badges_button_saves_a_sheet_with_everyones_code(qtbot, page_ctx, monkeypatch, tmp_path):
    page = show(qtbot, ConformationPage(page_ctx))
    assert page.badges_button.isVisible() and page.badges_button.text() == "Imprimir credenciales (PDF)"
    assert page.badges_notice.isHidden()
    monkeypatch.setattr(kit, "save_file", lambda *a, **k: str(tmp_path / "credenciales"))
    page.badges_button.click()
    qtbot.waitUntil(lambda: page.last_badges is not None, timeout=20000)
    assert page_ctx.errors == []
    pdf = tmp_path / "credenciales.pdf"
    assert page.last_badges == pdf and pdf.read_bytes().startswith(b"%PDF")
    people = conformation.list_people(page_ctx.store)
    assert f"Credenciales de {len(people)} personas" in page.badges_notice.text()
    assert not page.badges_notice.isHidden() and page.badges_button.isEnabled()
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert all(p.check_in_code in text for p in people)


def test_cancelling_the_file_dialog_writes_nothing(qtbot, page_ctx, monkeypatch, tmp_path):
    page = show(qtbot, ConformationPage(page_ctx))
    monkeypatch.setattr(kit, "save_file", lambda *a, **k: None)
    page.badges_button.click()
    assert page.last_badges is None and page.badges_notice.isHidden() and page.badges_button.isEnabled()

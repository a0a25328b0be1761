"""The acta's title names the session it records (review item 8): the installation session and
the year's final evaluation and closing session (guideline 1.5 a), read back from the PDF."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from mesa_desktop.cli.main import main
from mesa_desktop.services import sessions

CLOSING = "Sesión final de evaluación y cierre"
INSTALLATION = "Sesión de instalación"


def first_page(pdf: Path) -> str:
    text = subprocess.run(
        ["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(text.split())


@pytest.mark.parametrize(
    "template, says, not_says",
    [
        ("closing", CLOSING, INSTALLATION),
        ("installation", INSTALLATION, CLOSING),
        ("ordinary", None, (INSTALLATION, CLOSING)),
    ],
)
def test_the_acta_title_names_the_installation_and_the_closing_session(
    store, tmp_path, capsys, template, says, not_says
):
    session = sessions.new_session(store, on=date(2026, 11, 20), kind="ordinary", template=template)
    pdf = tmp_path / "acta.pdf"
    code = main(["--db", str(tmp_path / "mesa.sqlite"), "acta", session.number, "-o", str(pdf)])
    assert code == 0, capsys.readouterr().err
    text = first_page(pdf)
    title = text.split("Fecha")[0]
    assert f"Sesión ordinaria No. {session.number}" in title
    if says:
        assert f"Sesión ordinaria No. {session.number} – {says}" in title
    for absent in (not_says,) if isinstance(not_says, str) else not_says:
        assert absent not in title

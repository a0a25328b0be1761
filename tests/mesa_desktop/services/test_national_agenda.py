"""The national mesa's installation agenda is its own (review item 7, guideline 1.4-1.6): the
ministry's authorities install it and the Oficina de Promoción Social is its secretaría
técnica; there is no Secretario(a) de Salud nor punto focal. Territorial mesas keep theirs."""

from __future__ import annotations

import subprocess
from datetime import date

import pytest

from mesa_desktop.cli.main import main
from mesa_desktop.services import sessions
from tests.support.liaisons import national_store

TERRITORIAL_ONLY = ("Secretario(a) de Salud", "punto focal")


@pytest.fixture
def national(tmp_path):
    store = national_store(tmp_path / "nacional" / "mesa.sqlite")
    yield store
    store.close()


def acta_text(db, number: str, tmp_path, capsys) -> str:
    pdf = tmp_path / f"acta-{number}.pdf"
    code = main(["--db", str(db), "acta", number, "-o", str(pdf)])
    assert code == 0, capsys.readouterr().err
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(text.split())


def test_the_national_installation_agenda_is_the_ministrys(national, tmp_path, capsys):
    info = sessions.new_session(national, on=date(2026, 11, 20), kind="ordinary", template="installation")
    titles = " ".join(item.title for item in info.agenda)
    for territorial in TERRITORIAL_ONLY:
        assert territorial.casefold() not in titles.casefold()
    installation = next(i for i in info.agenda if i.purpose == "installation")
    assert "directivas del Ministerio de Salud y Protección Social" in installation.title
    secretariat = next(i for i in info.agenda if i.purpose == "technical_secretariat")
    assert "Oficina de Promoción Social como secretaría técnica" in secretariat.title
    assert any("enlaces permanentes" in i.title for i in info.agenda)  # 1.4
    # The purposes the app checks are all there, mandatory as in the territorial template.
    mandatory = {i.purpose for i in info.agenda if i.mandatory}
    assert {"quorum", "installation", "national_guidelines", "action_plan_approval"} <= mandatory
    text = acta_text(tmp_path / "nacional" / "mesa.sqlite", info.number, tmp_path, capsys)
    assert "Instalación de la mesa por las directivas del Ministerio de Salud y Protección Social" in text
    assert "Oficina de Promoción Social como secretaría técnica de la mesa" in text
    assert "Secretario(a) de Salud" not in text and "punto focal" not in text
    # Its signatures: the mesa's presidency and its secretaría técnica, no territorial entity.
    signatures = text.split("Firmas")[-1]
    assert "Presidente(a) de la mesa" in signatures and "Secretaría técnica" in signatures
    assert "entidad territorial" not in signatures and "Copresidente(a)" not in signatures


def test_the_national_mesas_other_templates_are_the_common_ones(national):
    for template in ("ordinary", "closing"):
        info = sessions.new_session(national, on=date(2026, 11, 20), kind="ordinary", template=template)
        assert [i.title for i in info.agenda] == [t for t, _p, _m in sessions.AGENDA_TEMPLATES[template]]


def test_a_territorial_mesa_keeps_its_installation_agenda(store, tmp_path, capsys):
    info = sessions.new_session(store, on=date(2026, 11, 20), kind="ordinary", template="installation")
    signatures = acta_text(tmp_path / "mesa.sqlite", info.number, tmp_path, capsys).split("Firmas")[-1]
    assert "Presidente(a) de la mesa – entidad territorial" in signatures
    assert "Copresidente(a) – Ministerio de Salud y Protección Social" in signatures
    titles = [i.title for i in info.agenda]
    assert titles == [t for t, _p, _m in sessions.AGENDA_TEMPLATES["installation"]]
    assert any("Secretario(a) de Salud" in t for t in titles)
    assert any("punto focal como secretaría técnica" in t for t in titles)

"""Settings page: mesa data saved through update_mesa, autosave on leave, the ministry key."""

from __future__ import annotations

import os

from mesa_desktop import clock
from tests.support import ROOT

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date

from mesa_desktop.bundle import installation
from mesa_desktop.services import conformation
from tests.support.ui import show
from ui.pages import page_kit as kit
from ui.pages.settings import SettingsPage

FIXTURE_KEYS = ROOT / "tests" / "fixtures" / "keys"


def test_shows_the_mesa_and_saves_changes(qtbot, page_ctx):
    page = show(qtbot, SettingsPage(page_ctx))
    mesa = conformation.get_mesa(page_ctx.store)
    assert page.edits["acto_number"].text() == mesa.acto_number
    assert page.dates["guideline_communicated_on"].value() == mesa.guideline_communicated_on
    assert "2 de febrero" in page.deadlines.text()
    assert not page.save_button.isEnabled()

    page.edits["acto_number"].setText("Decreto 0200 de 2026")
    page.edits["acto_number"].textEdited.emit("Decreto 0200 de 2026")
    page.edits["focal_point_phone"].setText("607 5784950")
    page.edits["focal_point_phone"].textEdited.emit("607 5784950")
    page.quorum_rule.setCurrentIndex(page.quorum_rule.findData("mayoria_absoluta"))
    page.lead_days.setValue(10)
    page.dates["focal_point_reported_on"].set_value(date(clock.today().year, 2, 9))
    assert page.save_button.isEnabled()
    page.save_button.click()
    saved = conformation.get_mesa(page_ctx.store)
    assert saved.acto_number == "Decreto 0200 de 2026"
    assert saved.focal_point_phone == "607 5784950"
    assert saved.quorum_rule == "mayoria_absoluta"
    assert saved.convocation_lead_days == 10
    assert saved.focal_point_reported_on == date(clock.today().year, 2, 9)
    assert page.message.text() == "Cambios guardados."
    assert page_ctx.errors == []


def test_clearing_the_acto_warns_and_a_bad_email_is_refused(qtbot, page_ctx):
    page = show(qtbot, SettingsPage(page_ctx))
    page.edits["acto_number"].setText("")
    page.edits["acto_number"].textEdited.emit("")
    assert "incumplida" in page.acto_hint.text()
    page.edits["focal_point_email"].setText("correo-malo")
    page.edits["focal_point_email"].textEdited.emit("correo-malo")
    page.save_button.click()
    assert "correo" in page.message.text()
    assert conformation.get_mesa(page_ctx.store).acto_number  # nothing saved


def test_typed_changes_are_saved_when_leaving_the_page(qtbot, page_ctx):
    page = show(qtbot, SettingsPage(page_ctx))
    page.edits["default_place"].setText("Auditorio del IDS, piso 3")
    page.edits["default_place"].textEdited.emit("Auditorio del IDS, piso 3")
    page.hide()
    assert conformation.get_mesa(page_ctx.store).default_place == "Auditorio del IDS, piso 3"


def test_replacing_the_ministry_key(qtbot, page_ctx, monkeypatch):
    page = show(qtbot, SettingsPage(page_ctx))
    assert "PRUEBA" in page.key_label.text()
    data_dir = installation.data_dir(page_ctx.store)
    monkeypatch.setattr(kit, "confirm", lambda *a, **k: True)
    # A secret key is refused with a Spanish message and nothing is copied.
    monkeypatch.setattr(kit, "open_file", lambda *a, **k: str(FIXTURE_KEYS / "ministerio-prueba.key"))
    page.replace_key_button.click()
    assert page_ctx.errors and "llave secreta" in page_ctx.errors[0]
    assert not (data_dir / installation.INSTALLED_MINISTRY_KEY_NAME).exists()
    monkeypatch.setattr(kit, "open_file", lambda *a, **k: str(FIXTURE_KEYS / "ministerio-prueba.pub"))
    page.replace_key_button.click()
    assert (
        installation.ministry_key_path(page_ctx.store) == data_dir / installation.INSTALLED_MINISTRY_KEY_NAME
    )
    assert "reemplazada en este computador" in page.key_label.text()


def test_the_ministry_key_file_shows_its_receipt_key_and_an_old_one_says_it_cannot_verify(
    qtbot, page_ctx, monkeypatch, tmp_path
):
    from mesa_desktop.bundle import keys

    shipped = keys.load_ministry_key(keys.default_ministry_key_path()).receipt_key
    page = show(qtbot, SettingsPage(page_ctx))
    assert f"Acuses verificados con la llave {shipped.key_id}" in page.key_label.text()
    old = tmp_path / "antigua.pub"
    old.write_text("age18zndq4u05r0uakwuncp3kahzjg5v63g868qeuac07ck3cxjdw50qx7qwr3\n")
    monkeypatch.setattr(kit, "confirm", lambda *a, **k: True)
    monkeypatch.setattr(kit, "open_file", lambda *a, **k: str(old))
    page.replace_key_button.click()
    assert page_ctx.errors == []
    assert "formato antiguo" in page.key_label.text() and "no se pueden verificar" in page.key_label.text()

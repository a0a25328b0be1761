"""The sessions screen: the national mesa previews its own installation agenda; marking held a
session nobody attended warns."""

from __future__ import annotations

import pytest

from tests.support.liaisons import national_store


@pytest.fixture
def national(tmp_path):
    store = national_store(tmp_path / "nacional" / "mesa.sqlite")
    yield store
    store.close()


def test_the_national_mesa_previews_its_own_installation_agenda(qtbot, make_window, national):
    page = make_window(national).show_page("sessions")
    page.new_session()
    dialog = page.dialog
    opened_at = dialog.height()
    dialog.template.setCurrentIndex(dialog.template.findData("installation"))
    preview = dialog.agenda.text()
    # Its nine items are longer than the ordinary agenda the dialog opened with: it grows.
    qtbot.waitUntil(lambda: dialog.height() >= dialog.sizeHint().height() > opened_at, timeout=2000)
    assert "directivas del Ministerio de Salud y Protección Social" in preview
    assert "Oficina de Promoción Social como secretaría técnica" in preview
    assert "Secretario(a) de Salud" not in preview and "punto focal" not in preview
    # The territorial reminder that the ministry co-presides does not apply to the ministry itself.
    assert "copreside el Ministerio" not in dialog.warning.text()
    assert dialog.ministry.isHidden()
    dialog.reject()


def test_a_territorial_mesa_previews_the_territorial_installation_agenda(make_window, populated_store):
    page = make_window(populated_store).show_page("sessions")
    page.new_session()
    dialog = page.dialog
    dialog.template.setCurrentIndex(dialog.template.findData("installation"))
    assert "Secretario(a) de Salud" in dialog.agenda.text()
    assert "copreside el Ministerio" in dialog.warning.text()
    assert not dialog.ministry.isHidden()
    dialog.reject()


def test_marking_held_a_session_nobody_attended_warns_on_screen(make_window, populated_store):
    page = make_window(populated_store).show_page("sessions")
    shown: list[str] = []
    page.ctx.status.connect(shown.append)
    assert page.session.status == "convened"
    page.held_button.click()
    assert page.session.status == "held"
    assert any("Nadie ha registrado asistencia" in text for text in shown), shown

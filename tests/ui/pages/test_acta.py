"""Acta screen: pre-filled draft, autosave, decisions with quorum, commitments, PDF, approval, correction."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QLineEdit

from mesa_desktop import clock
from mesa_desktop.services import actas, attendance, commitments, conformation, sessions
from tests.support.ui import type_text


@pytest.fixture
def acta_setup(make_window, populated_store):
    """Seven delegations present in today's session, and the acta page on it."""
    session = sessions.list_sessions(populated_store)[0]
    members = [d for d in conformation.list_members(populated_store) if not d.invited]
    for dependency in members[:7]:
        attendance.check_in(populated_store, session.id, dependency.people[0].id)
    window = make_window(populated_store)
    page = window.show_page("acta", session.id)
    return window, page, session


def test_draft_is_prefilled_from_the_session(acta_setup, populated_store):
    _window, page, session = acta_setup
    assert actas.current_acta(populated_store, session.id).status == "draft"  # ensure_draft ran
    summary = page.summary.toPlainText()
    assert "Quórum al abrir" in summary and "7 de 12 — hay quórum" in summary
    assert "Dependencias ausentes (5)" in summary
    assert "la mitad más una de las delegaciones" in summary
    assert len(page.editors) == len(session.agenda)
    assert page.banner.state == "neutral" and not page.correct_button.isEnabled()


def test_development_autosaves_after_a_pause_and_on_focus_out(acta_setup, populated_store, qtbot):
    window, page, session = acta_setup
    page.tabs.setCurrentIndex(1)
    first, second = list(page.editors.values())[:2]
    first.setFocus()
    type_text(first, "Se verificó la asistencia: hay quórum.")
    qtbot.waitUntil(
        lambda: (
            sessions.get_session(populated_store, session.id).agenda[0].development
            == "Se verificó la asistencia: hay quórum."
        ),
        timeout=3000,
    )
    assert "Guardado automáticamente" in page.saved_label.text()
    # Focus-out saves at once, without waiting for the pause.
    second.setFocus()
    type_text(second, "Se leyó y aprobó el orden del día.")
    first.setFocus()
    assert (
        sessions.get_session(populated_store, session.id).agenda[1].development
        == "Se leyó y aprobó el orden del día."
    )
    # Leaving the page flushes too.
    type_text(page.next_note, "Próxima sesión en febrero")
    window.show_page("home")
    assert actas.current_acta(populated_store, session.id).next_session_note == "Próxima sesión en febrero"


def test_decision_records_the_quorum_of_that_moment(acta_setup, populated_store, dialogs):
    _window, page, session = acta_setup
    assert page.decision_quorum.text() == "Quórum a esa hora: 7 de 12 — hay quórum"
    type_text(page.decision_text, "Se aprueba la ruta de atención")
    page.decision_item.setCurrentIndex(2)
    page.votes_for.setValue(7)
    page.decision_button.click()
    # Someone leaves; the next decision is taken without quorum, and the acta says so.
    first = attendance.list_attendance(populated_store, session.id)[0]
    attendance.check_out(populated_store, session.id, first.person_id)
    type_text(page.decision_text, "Se toma nota del informe")
    page.decision_button.click()
    # Without quorum the decision is refused, unless the user records it as not valid.
    assert page.decisions.rowCount() == 1 and "no había quórum" in dialogs.errors[-1]
    page.without_quorum.setChecked(True)
    page.decision_button.click()
    cells = [page.decisions.item(r, 3).text() for r in range(2)]
    assert cells == ["7 de 12 — hay quórum", "6 de 12 — sin quórum (se requieren 7) · no es válida"]
    assert not page.without_quorum.isChecked()
    assert page.decisions.item(0, 4).text().startswith("7 a favor")
    decisions = actas.list_decisions(populated_store, session.id)
    assert decisions[0].agenda_item_id == session.agenda[1].id


def test_commitment_with_responsible_and_due_date(acta_setup, populated_store):
    _window, page, session = acta_setup
    type_text(page.commitment_text, "Actualizar el directorio de la mesa")
    page.responsible.setCurrentIndex(page.responsible.findText("Dirección de Aseguramiento"))
    page.responsible_person.setText("Baltasar Jaimes")
    page.due.setDate(QDate(clock.today()).addDays(45))
    page.commitment_button.click()
    made = commitments.list_commitments(populated_store, session=session.id)
    assert [(c.text, c.responsible_dependency, c.due_date) for c in made] == [
        (
            "Actualizar el directorio de la mesa",
            "Dirección de Aseguramiento",
            clock.today() + timedelta(days=45),
        )
    ]
    assert page.commitments.rowCount() == 1 and page.commitment_text.text() == ""


def test_pdf_preview_is_written_off_the_screen(acta_setup, monkeypatch):
    _window, page, _session = acta_setup
    opened = []
    monkeypatch.setattr(page, "open_pdf", opened.append)
    page.preview_pdf()
    assert opened and page.last_pdf.read_bytes().startswith(b"%PDF")
    first = page.last_pdf
    page.preview_pdf()  # a second preview never collides with the first (still open in a viewer)
    assert page.last_pdf != first and first.is_file()
    assert (first.parent.stat().st_mode & 0o777) == 0o700  # this user's own folder


def test_approve_locks_and_correction_makes_a_new_version(acta_setup, populated_store, dialogs):
    _window, page, session = acta_setup
    later = sessions.new_session(populated_store, on=clock.today() + timedelta(days=90), kind="ordinary")
    page.refresh()
    page.open_approve()
    dialog = page.dialog
    assert dialog.approving_session() == later.id  # the next session is proposed
    # Here the mesa approves it at the end of the same session, which has its quorum.
    dialog.session_combo.setCurrentIndex(dialog.session_combo.findData(str(session.id)))
    dialog.accept()
    acta = actas.current_acta(populated_store, session.id)
    assert acta.locked and acta.approved_in_session == session.number
    assert page.banner.state == "locked" and f"SHA-256 {acta.content_sha256}" in page.banner.detail.text()
    assert all(editor.isReadOnly() for editor in page.editors.values())
    assert page.next_note.isReadOnly() and not page.commitment_button.isEnabled()
    assert not page.approve_button.isEnabled()
    page.open_correction()
    correction = page.dialog
    assert not correction.ok.isEnabled()
    correction.reason.setPlainText("El nombre de un asistente estaba mal escrito.")
    correction.ok.click()
    new = actas.current_acta(populated_store, session.id)
    assert new.version == 2 and new.status == "draft" and new.supersedes_id == acta.id
    assert page.banner.headline.text() == f"Borrador del acta {session.number} (versión 2)"
    assert not page.next_note.isReadOnly()
    assert dialogs.errors == []


def test_a_locked_acta_is_read_only_on_the_demo(demo_window, demo_store):
    page = demo_window.show_page("acta")
    approved = next(s for s in sessions.list_sessions(demo_store) if s.status == "acta_approved")
    page.open_item(approved.id)
    assert page.view.acta.locked and page.banner.state == "locked"
    assert all(editor.isReadOnly() for editor in page.editors.values())
    assert not any(
        isinstance(w, QLineEdit) and w.isEnabled() and not w.isReadOnly()
        for w in (page.decision_text, page.commitment_text)
    )


def test_signing_with_an_own_certificate_needs_its_file(acta_setup):
    from ui.pages.acta.dialogs import SignDialog

    _window, page, _session = acta_setup
    dialog = SignDialog("001-2026", page)
    dialog.own.setChecked(True)
    dialog.accept()
    assert "Elija el archivo de su certificado" in dialog.error.text()
    assert dialog.result() == 0
    dialog.p12.setText("/ruta/firma.p12")
    dialog.passphrase.setText("clave")
    dialog.accept()
    assert dialog.result() == 1
    assert dialog.credential() == {"p12_path": "/ruta/firma.p12", "passphrase": "clave"}


def test_an_empty_commitment_is_refused_with_a_message(acta_setup, populated_store, dialogs):
    _window, page, session = acta_setup
    type_text(page.commitment_text, "   ")
    page.commitment_button.click()
    assert dialogs.errors == ["Escriba qué se hará antes de agregar el compromiso."]
    assert commitments.list_commitments(populated_store, session=session.id) == []


def test_an_empty_decision_is_refused_with_a_message(acta_setup, populated_store, dialogs):
    _window, page, session = acta_setup
    before = actas.list_decisions(populated_store, session.id)
    type_text(page.decision_text, "   ")
    page.decision_button.click()
    assert dialogs.errors == ["Escriba la decisión antes de registrarla."]
    assert actas.list_decisions(populated_store, session.id) == before

"""Conformation page: dependencies with their deadline status, people, import, deactivation."""

from __future__ import annotations

import os

from mesa_desktop import clock

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import date

from mesa_desktop.services import conformation
from tests.support.ui import show, table_texts
from ui.pages import conformation as page_module
from ui.pages import page_kit as kit
from ui.pages.conformation import ConformationPage, delegation_status


def test_delegation_status_counts_ten_business_days_from_the_guideline():
    guideline = date(2026, 1, 19)  # Monday; 10 business days later is Monday 2 February
    assert delegation_status(date(2026, 2, 2), guideline).code == "ok"
    assert delegation_status(date(2026, 2, 2), guideline).deadline == date(2026, 2, 2)
    assert delegation_status(date(2026, 2, 3), guideline).label == "Tarde"
    assert delegation_status(None, guideline, today=date(2026, 1, 30)).label == "Pendiente"
    assert delegation_status(None, guideline, today=date(2026, 2, 3)).label == "Vencida"
    assert delegation_status(None, None).code == "not_applicable"


def test_page_lists_dependencies_with_people_and_statuses(qtbot, page_ctx):
    page = show(qtbot, ConformationPage(page_ctx))
    assert page.dependencies.rowCount() == 12
    assert page.invited.rowCount() == 7
    assert page.tabs.tabText(0) == "Dependencias miembro (12)"
    statuses = table_texts(page.dependencies, 5)
    assert statuses.count("A tiempo") == 9 and statuses.count("Tarde") == 2 and statuses.count("Vencida") == 1
    assert "2 feb" in page.deadline_notice.text() or "2 de febrero" in page.deadline_notice.text()
    assert page.people.rowCount() == 3  # head, delegate, alternate of the first dependency
    assert page_ctx.errors == []


def test_add_person_through_the_dialog_persists(qtbot, page_ctx, monkeypatch):
    page = show(qtbot, ConformationPage(page_ctx))
    page.dependencies.selectRow(2)
    dep = page.current_dependency()

    def fill(dialog):
        dialog.name.setText("Zulay Peñaranda Núñez")
        dialog.role.setCurrentIndex(dialog.role.findData("alternate"))
        dialog.email.setText("zpenaranda@salud.gov.co")
        dialog.consent.setChecked(True)
        dialog.accept()
        return dialog.result() == dialog.DialogCode.Accepted

    monkeypatch.setattr(kit, "run_dialog", fill)
    page.add_person_button.click()
    people = {p.full_name: p for p in conformation.list_people(page_ctx.store)}
    zulay = people["Zulay Peñaranda Núñez"]
    assert zulay.dependency_id == dep.id and zulay.role == "alternate" and zulay.consent_given
    assert "Zulay Peñaranda Núñez" in table_texts(page.people)
    assert page_ctx.errors == []


def test_person_dialog_refuses_a_bad_email_and_offers_only_invited_role_for_actors(qtbot, page_ctx):
    members = conformation.list_members(page_ctx.store)
    actor = next(d for d in members if d.invited)
    dialog = page_module.PersonDialog(members, dependency_id=actor.id)
    qtbot.addWidget(dialog)
    assert [dialog.role.itemData(i) for i in range(dialog.role.count())] == ["invited"]
    dialog.name.setText("Ana")
    dialog.email.setText("no-es-correo")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert "correo" in dialog.error.text()


def test_delegation_date_is_set_and_status_turns_on_time(qtbot, page_ctx, monkeypatch):
    page = show(qtbot, ConformationPage(page_ctx))
    row = table_texts(page.dependencies, 5).index("Vencida")
    page.dependencies.selectRow(row)
    dep = page.current_dependency()

    def fill(dialog):
        dialog.date.set_value(date(clock.today().year, 1, 28))
        return True

    monkeypatch.setattr(kit, "run_dialog", fill)
    page.delegation_button.click()
    assert "Vencida" not in table_texts(page.dependencies, 5)
    stored = next(d for d in conformation.list_members(page_ctx.store) if d.id == dep.id)
    assert stored.delegation_notified_on == date(clock.today().year, 1, 28)


def test_deactivate_asks_first_keeps_the_record_and_can_be_undone(qtbot, page_ctx, monkeypatch):
    page = show(qtbot, ConformationPage(page_ctx))
    page.dependencies.selectRow(0)
    dep = page.current_dependency()
    monkeypatch.setattr(kit, "confirm", lambda *a, **k: False)
    page.deactivate_button.click()
    assert page.dependencies.rowCount() == 12

    monkeypatch.setattr(kit, "confirm", lambda *a, **k: True)
    page.deactivate_button.click()
    assert page.dependencies.rowCount() == 11
    stored = next(d for d in conformation.list_members(page_ctx.store) if d.id == dep.id)
    assert not stored.active and stored.people  # nothing deleted

    page.show_inactive.setChecked(True)
    assert page.dependencies.rowCount() == 12
    kit.select_key(page.dependencies, dep.id)
    assert page.deactivate_button.text() == "Reactivar"
    page.deactivate_button.click()
    assert next(d for d in conformation.list_members(page_ctx.store) if d.id == dep.id).active


def test_new_invited_actor(qtbot, page_ctx, monkeypatch):
    page = show(qtbot, ConformationPage(page_ctx))

    def fill(dialog):
        dialog.name.setText("Médicos del Mundo")
        return True

    monkeypatch.setattr(kit, "run_dialog", fill)
    page.new_invited_button.click()
    assert page.invited.rowCount() == 8
    assert page.tabs.currentIndex() == 1
    assert page.current_dependency().name == "Médicos del Mundo"
    assert page.people_title.text() == "Personas de «Médicos del Mundo»"
    assert page.dependencies.rowCount() == 12


def test_import_three_valid_rows_and_one_invalid(qtbot, page_ctx, monkeypatch, tmp_path):
    source = tmp_path / "integrantes.csv"
    source.write_text(
        "Dependencia;Nombre;Calidad;Cargo;Correo;Autoriza datos\n"
        "PAI;Ángela Suárez Niño;Suplente;Enfermera;asuarez@salud.gov.co;sí\n"
        "Salud Mental;Iván Darío Torres;Delegado;Psicólogo;;sí\n"
        "Oficina de Atención al Migrante;Nubia Ortiz;Jefe;Jefe de oficina;;no\n"
        "Aseguramiento;;Delegado;;correo-malo;sí\n",
        encoding="utf-8-sig",
    )
    before = len(conformation.list_people(page_ctx.store))
    page = show(qtbot, ConformationPage(page_ctx))
    monkeypatch.setattr(kit, "open_file", lambda *a, **k: str(source))
    seen = {}

    def look_and_accept(dialog):
        seen["rows"] = dialog.table.rowCount()
        seen["button"] = dialog.import_button.text()
        seen["error_cell"] = dialog.table.item(3, 6).text()
        return True

    monkeypatch.setattr(kit, "run_dialog", look_and_accept)
    page.import_button.click()
    assert seen["rows"] == 4
    assert seen["button"] == "Importar 3 filas válidas"
    assert "Falta el nombre" in seen["error_cell"]
    assert len(conformation.list_people(page_ctx.store)) == before + 3
    assert page.dependencies.rowCount() == 13  # the new office
    assert page_ctx.messages[-1].startswith("3 personas importadas")
    assert page_ctx.errors == []


def test_import_of_an_unreadable_file_shows_a_spanish_error(qtbot, page_ctx, monkeypatch, tmp_path):
    source = tmp_path / "lista.csv"
    source.write_text("Fecha,Lugar\n2026-01-01,Cúcuta\n", encoding="utf-8")
    page = show(qtbot, ConformationPage(page_ctx))
    monkeypatch.setattr(kit, "open_file", lambda *a, **k: str(source))
    monkeypatch.setattr(kit, "run_dialog", lambda d: pytest_fail("no preview expected"))
    page.import_button.click()
    assert page_ctx.errors and "fila de títulos" in page_ctx.errors[0]


def pytest_fail(message):
    raise AssertionError(message)


def test_a_new_dependency_is_a_member_from_the_date_given(qtbot, page_ctx, monkeypatch):
    """Added today by default; dated later, it is not among the members (nor absentees) before."""
    from datetime import timedelta

    page = show(qtbot, ConformationPage(page_ctx))
    joins = clock.today() + timedelta(days=10)

    def fill(dialog):
        assert kit.from_qdate(dialog.member_since.date()) == clock.today()
        dialog.name.setText("Oficina de Atención al Migrante")
        dialog.member_since.setDate(kit.to_qdate(joins))
        return True

    monkeypatch.setattr(kit, "run_dialog", fill)
    page.new_dependency_button.click()
    added = next(
        d for d in conformation.list_members(page_ctx.store) if d.name == "Oficina de Atención al Migrante"
    )
    assert added.active_from == joins
    assert not added.is_active_on(clock.today()) and added.is_active_on(joins)


def test_re_adding_an_existing_dependency_is_refused_with_a_message(qtbot, page_ctx, monkeypatch):
    page = show(qtbot, ConformationPage(page_ctx))

    def fill(dialog):
        dialog.name.setText("  dirección de  aseguramiento ")
        return True

    monkeypatch.setattr(kit, "run_dialog", fill)
    page_ctx.messages.clear()
    page.new_dependency_button.click()
    assert page_ctx.errors == [
        "«Dirección de Aseguramiento» ya está registrada como dependencia miembro; no se registró de nuevo."
    ]
    assert not any(m.startswith("Se registró") for m in page_ctx.messages)
    assert page.dependencies.rowCount() == 12

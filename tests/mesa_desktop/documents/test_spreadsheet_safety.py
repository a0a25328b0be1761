"""Text from people and bundles lands in every workbook as text, never as a live formula;
and a store holding a code the report does not know still makes the national report."""

from __future__ import annotations

import uuid
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook
from sqlalchemy import select, update

from mesa_desktop.bundle.national import national_view
from mesa_desktop.bundle.national_report import write_national_report
from mesa_desktop.documents import excel
from mesa_desktop.models import Attendance, MeetingSession, Mesa, Person, PlanTask
from mesa_desktop.services import commitments, conformation, document_data, member_import
from tests.support.bundles import make_importer, sealed, set_cell, signed_files

LINK = '=HYPERLINK("http://ataque.example/","Ver soporte")'
SUM = "=1+2"


def assert_text_only(path: Path, *texts: str) -> None:
    """Each text is in the workbook as a string cell, and no sheet holds a formula."""
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name
    book = load_workbook(path)
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    for text in texts:
        found = [cell for cell in cells if cell.value == text]
        assert found, text
        assert all(cell.data_type == "s" for cell in found), text


def test_bundle_text_reaches_the_national_workbook_as_text(ministry_store, snapshot, tmp_path):
    def edit(files):
        set_cell(files, "mesa", "focal_point_name", LINK)
        set_cell(files, "mesa", "acto_number", SUM)

    from mesa_desktop.bundle import signing

    incoming = tmp_path / "mesa-54001-20261121-9.mesa"
    incoming.write_bytes(
        sealed(
            signed_files(
                snapshot,
                signing.generate_signing_key(),
                sequence=9,
                created_at=datetime(2026, 11, 21, tzinfo=UTC),
                edit=edit,
            )
        )
    )
    assert make_importer(ministry_store, tmp_path).import_file(incoming).status == "imported"

    view = national_view(ministry_store, year=2026, today=date(2026, 11, 30), only_reported=True)
    path = write_national_report(view, tmp_path / "nacional.xlsx")
    line = view.lines[0]
    assert line.focal_point == LINK
    texts = [LINK] + ([line.acto] if line.acto else [])
    assert line.acto is None or line.acto.startswith(SUM)
    assert_text_only(path, *texts)


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_an_unknown_code_in_the_store_still_makes_the_national_report(ministry_store, bundle_set, tmp_path):
    make_importer(ministry_store, tmp_path).import_file(bundle_set.second)
    # Imported by an older build, before codes were checked (the store's CHECK now refuses it).
    with ministry_store.transaction() as db:
        if ministry_store.is_sqlite:
            db.execute(sa.text("PRAGMA ignore_check_constraints=ON"))
        else:
            db.execute(sa.text("ALTER TABLE mesa DROP CONSTRAINT ck_mesa_kind_code"))
        db.execute(update(Mesa).values(kind="imperial"))
        if ministry_store.is_sqlite:
            db.execute(sa.text("PRAGMA ignore_check_constraints=OFF"))
    view = national_view(ministry_store, year=2026, today=date(2026, 11, 30))
    (line,) = [line for line in view.lines if line.reported]
    assert line.mesa_kind == "imperial"
    pdf = write_national_report(view, tmp_path / "nacional.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    xlsx = write_national_report(view, tmp_path / "nacional.xlsx")
    assert_text_only(xlsx, "imperial")


def test_member_list_and_typed_text_reach_every_territorial_workbook_as_text(demo_store, tmp_path):
    members = tmp_path / "miembros.csv"
    members.write_text(
        "Dependencia;Nombre;Rol;Cargo;Entidad;Correo;Teléfono;Autoriza datos\n"
        f'Oficina de Atención al Migrante;{SUM};Delegado;"{LINK.replace(chr(34), chr(34) * 2)}";'
        "Alcaldía;uno@example.org;3001234567;Sí\n",
        encoding="utf-8",
    )
    preview = member_import.preview_member_file(demo_store, members)
    assert member_import.apply_import(demo_store, preview).people_added == 1
    with demo_store.transaction() as db:
        person = db.scalar(select(Person).where(Person.full_name == SUM))
        session = db.scalars(
            select(MeetingSession)
            .where(MeetingSession.status.in_(("held", "acta_approved")))
            .order_by(MeetingSession.date)
        ).first()
        db.add(
            Attendance(
                id=uuid.uuid4(),
                session_id=session.id,
                person_id=person.id,
                capacity="delegate",
                check_in_at=datetime.combine(session.date, datetime.min.time(), tzinfo=UTC),
            )
        )
        task = db.scalars(select(PlanTask)).first()
        task.name = SUM
        task.responsible = LINK
        session_id = session.id
    commitments.add_commitment(demo_store, SUM, responsible_person=LINK)

    attendance = excel.write_attendance_xlsx(
        [document_data.attendance_sheet_data(demo_store, session_id)], tmp_path / "asistencia.xlsx"
    )
    assert_text_only(attendance, SUM, LINK)
    rows = document_data.commitment_rows(commitments.list_commitments(demo_store))
    listed = excel.write_commitments_xlsx(
        rows, tmp_path / "compromisos.xlsx", mesa=document_data.mesa_data(conformation.get_mesa(demo_store))
    )
    assert_text_only(listed, SUM)
    plan = excel.write_action_plan_xlsx(
        document_data.progress_report_data(demo_store, date(2026, 12, 31)), tmp_path / "plan.xlsx"
    )
    assert_text_only(plan, SUM)

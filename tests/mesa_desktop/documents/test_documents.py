"""The PDF documents, read back from real files: acta, attendance sheet, progress and periodic
reports. Each is generated into tmp_path and parsed with pypdf; page 1 of each is rendered to
PNG so a person can look at it."""

from __future__ import annotations

import hashlib
import io
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from datetime import date, time
from pathlib import Path

import pypdf
import pytest

from mesa_desktop.documents.acta import content_json, content_sha256, write_acta
from mesa_desktop.documents.attendance_sheet import write_attendance_sheet
from mesa_desktop.documents.data import (
    ActaApproval,
    ActaData,
    ActaStatus,
    AgendaItem,
    Attendee,
    Capacity,
    Commitment,
    Decision,
    MesaInfo,
    SessionInfo,
    SessionKind,
)
from mesa_desktop.documents.periodic_report import write_periodic_report
from mesa_desktop.documents.progress_report import write_progress_report
from mesa_desktop.documents.text import clock, long_date, month_year
from mesa_desktop.errors import MesaError
from tests.support import ROOT, samples

FIXTURES = ROOT / "tests" / "fixtures" / "documents"


def pages_text(path: Path) -> list[str]:
    reader = pypdf.PdfReader(path)
    return [page.extract_text() for page in reader.pages]


def flat(text: str) -> str:
    """Collapse whitespace (including no-break spaces) so wrapped cell text compares whole."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def assert_page_numbers(texts: list[str]) -> None:
    total = len(texts)
    for number, text in enumerate(texts, start=1):
        assert f"Página {number} de {total}" in text


# ---------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def draft_acta() -> ActaData:
    return samples.acta()


@pytest.fixture(scope="module")
def acta_pdf(draft_acta: ActaData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_acta(draft_acta, tmp_path_factory.mktemp("acta") / "acta-003-2026.pdf")


@pytest.fixture(scope="module")
def approved_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[ActaData, Path]:
    data = samples.acta(approved=True)
    return data, write_acta(data, tmp_path_factory.mktemp("aprobada") / "acta.pdf")


@pytest.fixture(scope="module")
def sheet_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("listado") / "listado.pdf"
    return write_attendance_sheet(samples.attendance_sheet(), target, blank_rows=4)


@pytest.fixture(scope="module")
def progress_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_progress_report(samples.action_plan(), tmp_path_factory.mktemp("avance") / "avance.pdf")


@pytest.fixture(scope="module")
def periodic_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_periodic_report(
        samples.periodic_report(), tmp_path_factory.mktemp("periodico") / "informe.pdf"
    )


# ---------------------------------------------------------------------- cheap import, wording


def test_importing_the_generators_loads_neither_reportlab_nor_openpyxl() -> None:
    code = (
        "import sys\n"
        "import mesa_desktop.documents\n"
        "from mesa_desktop.documents import acta, attendance_sheet, convocation, excel, "
        "periodic_report, progress_report, data, text\n"
        "heavy = ('reportlab', 'openpyxl', 'icalendar', 'babel', 'PIL')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules if m.startswith(heavy)}))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_spanish_dates_and_times() -> None:
    assert long_date(date(2026, 3, 15)) == "15 de marzo de 2026"
    assert month_year(date(2025, 11, 30)) == "Noviembre 2025"
    assert clock(time(8, 30)) == "8:30\u00a0a.\u00a0m."
    assert clock(time(14, 5)) == "2:05\u00a0p.\u00a0m."


# ---------------------------------------------------------------------- acta


def test_draft_acta_content(acta_pdf: Path, draft_acta: ActaData) -> None:
    texts = pages_text(acta_pdf)
    first = flat(texts[0])
    everything = flat(" ".join(texts))
    assert "ACTA No. 003-2026" in first
    assert "Sesión ordinaria No. 003-2026" in first
    assert "17 de marzo de 2026" in first
    assert "8:30 a. m." in first and "12:15 p. m." in first
    assert "Auditorio Eustorgio Colmenares" in first
    assert "Híbrida" in first
    assert (
        "11 dependencias presentes de 12 delegaciones previstas; se requieren 7. "
        "Hay quórum para deliberar y decidir." in everything
    )
    assert "Regla: Mitad más una de las delegaciones previstas" in everything
    # Quorum at each decision.
    assert everything.count("11 de 12 (requiere 7): hay quórum") == 2
    assert "10 de 12 (requiere 7): hay quórum" in everything
    for commitment in draft_acta.commitments:
        assert flat(commitment.text) in everything, commitment.text
    for person in draft_acta.attendees:
        assert person.name in everything
    assert "Grupo de Gestión del Riesgo, Emergencias y Desastres" in everything  # absent
    assert "Jefe de dependencia" in everything and "Suplente" in everything
    assert "Delegado(a)" in everything
    assert "Presidencia e invitados" in everything and "no se cuentan para el quórum" in everything
    assert "16 de junio de 2026" in everything  # next session
    assert "Presidente(a) de la mesa" in everything and "Secretaría técnica" in everything
    assert "Ángela Rocío Peñaranda Ibáñez" in everything  # accents intact
    assert all("BORRADOR" in text for text in texts)
    assert "Huella SHA-256" not in everything
    assert_page_numbers(texts)


def test_acta_metadata_and_embedded_fonts(acta_pdf: Path) -> None:
    reader = pypdf.PdfReader(acta_pdf)
    meta = reader.metadata
    assert (
        meta.title
        == "Acta No. 003-2026 – Mesa técnica territorial de migración y salud de San José de Cúcuta"
    )
    assert meta.author == samples.MESA.entity_name
    assert meta.subject == "Acta de la sesión ordinaria No. 003-2026"
    embedded = set()
    for page in reader.pages[:2]:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and "/FontFile2" in descriptor.get_object():
                embedded.add(str(font["/BaseFont"]).split("+")[-1])
    assert {"DejaVuSans", "DejaVuSans-Bold"} <= embedded


def test_acta_annex_carries_every_signature_but_no_contact_data(acta_pdf: Path, draft_acta: ActaData) -> None:
    reader = pypdf.PdfReader(acta_pdf)
    images = set()
    for page in reader.pages:
        xobjects = page["/Resources"].get("/XObject", {})
        images |= {name for name, obj in xobjects.items() if obj.get_object()["/Subtype"] == "/Image"}
    signed = [p for p in draft_acta.attendees if p.signature_png and not p.virtual]
    assert len(images) >= len(signed)
    everything = flat(" ".join(page.extract_text() for page in reader.pages))
    assert "Anexo. Registro de asistencia" in everything
    assert not any(p.email in everything for p in draft_acta.attendees)


def test_approved_acta_states_its_approval_and_hash(approved_pdf: tuple[ActaData, Path]) -> None:
    data, path = approved_pdf
    texts = pages_text(path)
    everything = flat(" ".join(texts))
    assert "Aprobada en la sesión 004-2026 del 16 de junio de 2026" in everything
    assert f"Huella SHA-256 del contenido: {content_sha256(data)}" in everything
    assert "BORRADOR" not in everything
    assert data.approval is not None and data.approval.sha256 == content_sha256(data)


def test_extraordinary_acta_needs_no_quorum(tmp_path: Path) -> None:
    base = samples.acta(attendee_count=12, commitment_count=2)
    data = replace(base, session=replace(base.session, kind=SessionKind.EXTRAORDINARY))
    everything = flat(" ".join(pages_text(write_acta(data, tmp_path / "extra.pdf"))))
    assert "Sesión extraordinaria No. 003-2026" in everything
    assert "Sesión extraordinaria: no requiere quórum." in everything
    assert "No requiere quórum" in everything  # at each decision
    assert "se requieren" not in everything


def test_minimal_acta_renders_with_its_empty_sections_named(tmp_path: Path) -> None:
    data = ActaData(mesa=samples.MESA, session=samples.SESSION)
    everything = flat(" ".join(pages_text(write_acta(data, tmp_path / "vacia.pdf"))))
    assert "No se registró verificación de quórum." in everything
    assert "No se adquirieron compromisos en la sesión." in everything
    assert "La fecha de la próxima sesión se comunicará con la convocatoria." in everything


def test_text_longer_than_a_page_flows_instead_of_being_cut(tmp_path: Path) -> None:
    long_development = "\n\n".join(
        f"Párrafo {n}: " + "la mesa deliberó sobre el punto. " * 40 for n in range(1, 25)
    )
    huge_decision = "Decisión extensa " + " ".join(f"considerando-{n}" for n in range(900)) + " FIN-DECISIÓN"
    data = ActaData(
        mesa=samples.MESA,
        session=samples.SESSION,
        agenda=(AgendaItem("Punto largo", long_development),),
        decisions=(Decision(huge_decision),),
        commitments=(Commitment("Compromiso al final", "Oficina de Promoción Social"),),
    )
    texts = pages_text(write_acta(data, tmp_path / "larga.pdf"))
    everything = flat(" ".join(texts))
    assert "Párrafo 24:" in everything
    assert "considerando-899 FIN-DECISIÓN" in everything
    assert "Compromiso al final" in everything
    assert len(texts) > 4


def test_content_hash_is_stable_and_covers_only_content() -> None:
    data = samples.acta(attendee_count=6, commitment_count=3)
    assert content_sha256(data) == content_sha256(samples.acta(attendee_count=6, commitment_count=3))
    approved = replace(
        data,
        status=ActaStatus.APPROVED,
        approval=ActaApproval("004-2026", date(2026, 6, 16), "0" * 64),
    )
    assert content_sha256(approved) == content_sha256(data)
    people = list(data.attendees)
    people[0] = replace(people[0], email="otro@correo.co", phone="300 000 0000")
    assert content_sha256(replace(data, attendees=tuple(people))) == content_sha256(data)
    changed = replace(data, commitments=data.commitments[:-1])
    assert content_sha256(changed) != content_sha256(data)


def test_content_json_matches_the_recorded_golden_form() -> None:
    """Hashes are stored in the store and printed on approved actas: the canonical form may
    only change with a new format number."""
    data = ActaData(
        mesa=MesaInfo(
            "Secretaría de Salud de Arauca",
            "Mesa técnica territorial de migración y salud de Arauca",
            "Arauca, Arauca",
            contact_email="x@y.co",
        ),
        session=SessionInfo("001-2026", SessionKind.ORDINARY, date(2026, 2, 3), start_time=time(9, 0)),
        attendees=(
            Attendee(
                "Nubia Pérez",
                "Profesional",
                dependency="Salud Pública",
                capacity=Capacity.HEAD,
                check_in=time(8, 55),
                signature_png=b"\x89PNG firma",
            ),
            Attendee("Óscar Díaz", entity="ACNUR", invited=True, virtual=True),
        ),
        commitments=(Commitment("Enviar el acta", "Secretaría técnica", date(2026, 2, 10)),),
    )
    golden = (FIXTURES / "acta_content_v3.json").read_text(encoding="utf-8").strip()
    assert content_json(data) == golden
    assert content_sha256(data) == hashlib.sha256(golden.encode("utf-8")).hexdigest()


def test_writing_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(MesaError, match="no existe"):
        write_acta(ActaData(mesa=samples.MESA, session=samples.SESSION), tmp_path / "no" / "acta.pdf")


# ---------------------------------------------------------------------- attendance sheet


def test_attendance_sheet_content(sheet_pdf: Path) -> None:
    sheet = samples.attendance_sheet()
    texts = pages_text(sheet_pdf)
    everything = flat(" ".join(texts))
    assert "LISTADO DE ASISTENCIA" in flat(texts[0])
    for person in sheet.attendees:
        assert person.name in everything and person.email in everything
        assert flat(person.phone) in everything
    virtual = sum(1 for p in sheet.attendees if p.virtual)
    assert everything.count("Virtual") >= virtual
    assert f"Total de asistentes: 80 ({80 - virtual} presenciales y {virtual} virtuales)" in everything
    assert "Ley 1581 de 2012" in texts[0]  # the note on every page
    assert "Aviso de privacidad y autorización para el tratamiento de datos personales" in everything
    for heading in (
        "Responsable del tratamiento",
        "Finalidad",
        "Derechos del titular",
        "Cómo ejercerlos",
    ):
        assert heading in everything
    assert "migracionysalud@cucuta.gov.co" in everything
    assert "84" in everything  # blank rows numbered after the 80 attendees
    assert_page_numbers(texts)
    assert pypdf.PdfReader(sheet_pdf).metadata.title.startswith("Listado de asistencia")


def test_blank_paper_form_with_the_entity_logo(tmp_path: Path) -> None:
    """With no attendees and blank rows the sheet is a form to print when the laptop can't be used."""
    mesa = replace(samples.MESA, logo_png=samples.signature_png(1))
    sheet = replace(samples.attendance_sheet(0), mesa=mesa)
    path = write_attendance_sheet(sheet, tmp_path / "formulario.pdf", blank_rows=25)
    everything = flat(" ".join(pages_text(path)))
    assert "LISTADO DE ASISTENCIA" in everything and "25" in everything
    assert "Total de asistentes" not in everything
    first = pypdf.PdfReader(path).pages[0]
    assert first["/Resources"].get("/XObject"), "the logo is drawn in the page header"


def test_a_damaged_signature_image_does_not_stop_the_acta(tmp_path: Path) -> None:
    person = Attendee("Ana Peña", dependency="Salud Pública", capacity="head", signature_png=b"no-png")
    data = ActaData(mesa=samples.MESA, session=samples.SESSION, attendees=(person,))
    everything = flat(" ".join(pages_text(write_acta(data, tmp_path / "acta.pdf"))))
    assert "Ana Peña" in everything and "(firma no legible)" in everything


# ---------------------------------------------------------------------- progress report


def test_progress_report_follows_the_cnim_shape(progress_pdf: Path) -> None:
    report = samples.action_plan()
    texts = pages_text(progress_pdf)
    everything = flat(" ".join(texts))
    heading = "Informe de avance 2026 – Corte: Noviembre 2026"
    assert all(heading in flat(text) for text in texts)
    assert "PLAN DE ACCIÓN" in texts[0]
    assert f"Avance total del Plan {round(report.effective_progress)}%" in everything
    assert "Objetivo" in everything and "Ejes estratégicos" in everything
    assert "Avance por eje estratégico" in everything
    # The long qualitative report flows over pages, with the table header repeated.
    for n in range(3, 17):
        assert f"se realizaron {n} jornadas" in everything
    continued = [text for text in texts if "se realizaron 12 jornadas" in text]
    assert continued and all("Reporte cualitativo" in text for text in continued)
    assert "Acción" in everything and "Tareas" in everything
    assert "13.442 personas" in everything  # indicators with Colombian digit grouping
    assert_page_numbers(texts)


# ---------------------------------------------------------------------- periodic report


def test_periodic_report_content(periodic_pdf: Path) -> None:
    texts = pages_text(periodic_pdf)
    everything = flat(" ".join(texts))
    assert "INFORME PERIÓDICO" in texts[0]
    assert "Periodo del 1 de enero de 2026 al 30 de junio de 2026" in everything
    for heading in (
        "Avances",
        "Desafíos",
        "Oportunidades",
        "Sesiones realizadas",
        "Registro de quórum",
        "Compromisos por estado",
        "Avance del plan de acción",
    ):
        assert heading in everything
    assert "3 ordinarias y 1 extraordinaria" in everything
    assert "No hay quórum" in everything and "No requiere quórum" in everything
    assert "Cumplido: 14 (47%)" in everything and "Vencido: 3 (10%)" in everything
    assert "Avance por eje estratégico" in everything
    assert_page_numbers(texts)


# ---------------------------------------------------------------------- previews


@pytest.mark.parametrize("document", ["acta_pdf", "sheet_pdf", "progress_pdf", "periodic_pdf"])
def test_first_page_renders_to_png(document: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) no está instalado")
    pdf: Path = request.getfixturevalue(document)
    prefix = tmp_path / document
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True)
    (png,) = tmp_path.glob(f"{document}*.png")
    from PIL import Image

    with Image.open(png) as image:
        assert image.width > 400 and image.height > 400
        # Not a blank page: a fair share of the pixels carry ink.
        dark = sum(image.convert("L").histogram()[:200])
        assert dark > 0.01 * image.width * image.height


def test_pdf_bytes_are_a_single_valid_document(acta_pdf: Path) -> None:
    data = acta_pdf.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) >= 5

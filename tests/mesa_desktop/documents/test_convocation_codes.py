"""Personal codes on the convocation: QR cards in the letter's annex, read back with zxing-cpp;
one personal e-mail draft per person with an address, their QR inline; the group draft reaches
only those with an address and says who must be convened another way; the session's objective."""

from __future__ import annotations

import email
import io
import re
from dataclasses import replace
from email.policy import default as default_policy
from pathlib import Path

import pypdf
import pytest

from mesa_desktop.documents.convocation import (
    convocation_eml,
    convocation_pdf,
    personal_eml,
    without_email_warning,
    write_convocation,
)
from mesa_desktop.documents.data import ConvocationData
from mesa_desktop.errors import InvalidInput
from mesa_desktop.person_codes import new_code
from tests.support import samples
from tests.support.qr import codes_in_pdf, codes_in_png

OBJECTIVE = "Revisar la ruta de atención a gestantes migrantes"


@pytest.fixture(scope="module")
def data() -> ConvocationData:
    base = samples.convocation()
    addressees = tuple(replace(p, check_in_code=new_code()) for p in base.addressees)
    return replace(base, addressees=addressees, session=replace(base.session, objective=OBJECTIVE))


def text_of(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages).replace("\u00a0", " "))


def parse(raw: bytes) -> email.message.EmailMessage:
    return email.message_from_bytes(raw, policy=default_policy)


@pytest.mark.slow  # over a second: renders every page at 150 dpi and decodes the QR codes
def test_the_letter_ends_with_a_card_per_person_whose_qr_reads_back_as_their_code(data, tmp_path):
    pdf = tmp_path / "convocatoria.pdf"
    pdf.write_bytes(convocation_pdf(data))
    pages = codes_in_pdf(pdf, tmp_path)
    assert pages[0] == []  # the letter itself carries no code
    assert sorted(code for page in pages for code in page) == sorted(p.check_in_code for p in data.addressees)
    text = text_of(pdf.read_bytes())
    assert "Anexo. Códigos personales de registro" in text
    assert text.count("Muestre este código al llegar") == len(data.addressees)
    for person in data.addressees:
        assert person.check_in_code in text and person.name in text


def test_the_letter_states_the_objective_of_the_session(data):
    assert f"Objetivo de la sesión: {OBJECTIVE}" in text_of(convocation_pdf(data, codes=False))
    body = parse(convocation_eml(data)).get_body(preferencelist=("plain",)).get_content()
    assert OBJECTIVE in body


def test_no_objective_no_line(data):
    plain = replace(data, session=replace(data.session, objective=""))
    assert "Objetivo de la sesión" not in text_of(convocation_pdf(plain, codes=False))


def test_the_group_draft_reaches_those_with_an_address_and_carries_no_ones_code(data):
    message = parse(convocation_eml(data))
    with_address = [p for p in data.addressees if p.email]
    assert {a.addr_spec for a in message["To"].addresses} == {p.email for p in with_address}
    attached = next(a for a in message.iter_attachments() if a.get_content_type() == "application/pdf")
    everything = message.get_body(preferencelist=("plain",)).get_content() + text_of(attached.get_content())
    assert not [p.check_in_code for p in data.addressees if p.check_in_code in everything]


def test_who_has_no_address_is_named_in_the_warning(data):
    assert data.without_email == ("Coordinación regional",)
    warning = without_email_warning(data)
    assert warning and "Coordinación regional" in warning and "otro medio" in warning
    everyone = replace(data, addressees=tuple(p for p in data.addressees if p.email))
    assert without_email_warning(everyone) is None


@pytest.mark.slow  # over a second: decodes the inline QR image of the draft
def test_a_personal_draft_is_addressed_to_one_person_with_their_code_as_text_and_inline_qr(data):
    person = data.addressees[3]
    message = parse(personal_eml(data, person))
    assert message["X-Unsent"] == "1"
    assert [a.addr_spec for a in message["To"].addresses] == [person.email]
    plain = message.get_body(preferencelist=("plain",)).get_content()
    assert plain.startswith(f"Respetado(a) {person.name}:")
    assert person.check_in_code in plain and "Muestre este código al llegar" in plain
    html = message.get_body(preferencelist=("html",))
    image = next(part for part in message.walk() if part.get_content_type() == "image/png")
    assert image.get_content_disposition() == "inline"
    assert f'src="cid:{image["Content-ID"][1:-1]}"' in html.get_content()
    assert codes_in_png(image.get_content()) == [person.check_in_code]
    attachments = [a for a in message.iter_attachments() if a.get_content_type() != "image/png"]
    assert [a.get_filename() for a in attachments] == [
        "convocatoria-003-2026.pdf",
        "convocatoria-003-2026.ics",
    ]
    # The attached letter has no annex: nobody receives the others' codes.
    letter = text_of(attachments[0].get_content())
    assert not [p.check_in_code for p in data.addressees if p.check_in_code in letter]


def test_a_person_without_address_gets_no_personal_draft(data):
    with pytest.raises(InvalidInput, match="no tiene correo"):
        personal_eml(data, data.addressees[-1])


def test_write_convocation_puts_one_personal_draft_per_address_in_a_folder_of_its_own(data, tmp_path: Path):
    files = write_convocation(data, tmp_path)
    folder = tmp_path / "convocatoria-003-2026-correos-personales"
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "convocatoria-003-2026-correos-personales",
        "convocatoria-003-2026.eml",
        "convocatoria-003-2026.ics",
        "convocatoria-003-2026.pdf",
    ]
    with_address = [p for p in data.addressees if p.email]
    assert sorted(files.personal_eml) == sorted(folder.iterdir()) and len(files.personal_eml) == len(
        with_address
    )
    assert files.without_email == ("Coordinación regional",)
    received = {parse(path.read_bytes())["To"].addresses[0].addr_spec for path in files.personal_eml}
    assert received == {p.email for p in with_address}
    assert all(re.fullmatch(r"[a-z0-9-]+\.eml", path.name) for path in files.personal_eml)


def test_two_people_with_the_same_name_get_two_files(data, tmp_path):
    twin = replace(data.addressees[0], email="otra@cucuta.gov.co", check_in_code=new_code())
    files = write_convocation(replace(data, addressees=(*data.addressees, twin)), tmp_path)
    assert len({path.name for path in files.personal_eml}) == len(files.personal_eml) == 13


def test_the_objective_typed_for_a_session_reaches_convocation_and_acta(demo_store, tmp_path):
    from mesa_desktop.documents.acta import acta_pdf
    from mesa_desktop.services import document_data, sessions

    session = sessions.list_sessions(demo_store)[-1]  # held, its acta still a draft
    sessions.update_session(demo_store, session.id, objective=OBJECTIVE)
    letter = convocation_pdf(document_data.convocation_data(demo_store, session.id), codes=False)
    assert f"Objetivo de la sesión: {OBJECTIVE}" in text_of(letter)
    assert OBJECTIVE in text_of(acta_pdf(document_data.acta_data(demo_store, session.id)))

"""The `mesa` verbs of personal codes: `person code`, `checkin --code`, `badges`, and the
convocation's personal drafts; Spanish errors with the contract's exit codes (1 bad input,
2 usage). The badge sheet's QR codes are read back with zxing-cpp."""

from __future__ import annotations

import email
import sqlite3
import subprocess
from email.policy import default as default_policy
from pathlib import Path

import pytest

from tests.support.cli import as_json, mesa
from tests.support.qr import codes_in_pdf

PAOLA = "Paola Andrea Peñaranda Guerrero"


def stored_codes(db: Path) -> dict[str, str]:
    with sqlite3.connect(db) as conn:
        return dict(conn.execute("SELECT full_name, check_in_code FROM person WHERE active"))


def test_person_code_prints_the_stored_code(demo_store_file):
    code = stored_codes(demo_store_file)[PAOLA]
    made = as_json(mesa("person", "code", "--name", "paola andrea", "--json", db=demo_store_file))
    assert made["code"] == code and made["person"] == PAOLA
    text = mesa("person", "code", "--name", PAOLA, db=demo_store_file)
    assert text.returncode == 0 and code in text.stdout


@pytest.mark.parametrize(
    ("name", "message"),
    [("Juan Pablo", "coincide con varias personas"), ("Nadie Registrado", "No hay ninguna persona")],
)
def test_person_code_refuses_an_unknown_or_ambiguous_name_in_spanish(demo_store_file, name, message):
    result = mesa("person", "code", "--name", name, "--json", db=demo_store_file)
    assert result.returncode == 1 and message in result.stderr and result.stdout == ""


def test_checkin_by_code_checks_the_person_in(demo_store_file):
    code = stored_codes(demo_store_file)[PAOLA]
    typed = code.lower().replace("-", "")
    made = as_json(
        mesa("checkin", "005-2026", "--code", typed, "--at", "09:20", "--json", db=demo_store_file)
    )
    assert made["person"] == PAOLA and made["changed"] is True
    again = as_json(mesa("checkin", "005-2026", "--code", code, "--json", db=demo_store_file))
    assert again["changed"] is False


def test_checkin_by_name_still_works(demo_store_file):
    made = as_json(
        mesa("checkin", "005-2026", "--name", PAOLA, "--at", "09:20", "--json", db=demo_store_file)
    )
    assert made["person"] == PAOLA


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (("--code", "ZZZZ-ZZZZ"), 1, "Código no reconocido"),
        ((), 1, "--name NOMBRE o --code CÓDIGO"),
        (("--code", "ZZZZ-ZZZZ", "--name", PAOLA), 2, "Uso incorrecto"),
        (("--code", "ZZZZ-ZZZZ", "--virtual"), 1, "no lo combine con --virtual"),
    ],
)
def test_checkin_by_code_refusals(demo_store_file, args, status, message):
    if args[:2] == ("--code", "ZZZZ-ZZZZ") and "ZZZZ-ZZZZ" in stored_codes(demo_store_file).values():
        pytest.skip("the demo drew that code")  # one chance in a trillion
    result = mesa("checkin", "005-2026", *args, db=demo_store_file)
    assert result.returncode == status and message in result.stderr


@pytest.mark.slow  # over a second: renders six pages at 150 dpi and decodes 42 QR codes
def test_badges_one_per_active_person_whose_qr_reads_back(demo_store_file, tmp_path):
    target = tmp_path / "credenciales.pdf"
    made = as_json(mesa("badges", "-o", target, "--json", db=demo_store_file))
    codes = stored_codes(demo_store_file)
    assert made == {"file": str(target), "badges": len(codes)}
    pages = codes_in_pdf(target, tmp_path)
    assert sorted(code for page in pages for code in page) == sorted(codes.values())
    assert max(len(page) for page in pages) == 8  # two columns, four rows
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert PAOLA in text and "Despacho de la Secretaría de Salud" in text and codes[PAOLA] in text
    assert "Mesa técnica territorial de migración y salud" in text


def test_badges_refuse_another_suffix(demo_store_file, tmp_path):
    result = mesa("badges", "-o", tmp_path / "credenciales.docx", db=demo_store_file)
    assert result.returncode == 1 and "debe terminar en .pdf" in result.stderr


@pytest.mark.slow  # over a second: writes the letter and 40 personal drafts, twice
def test_convocation_json_lists_personal_drafts_and_who_has_no_address(demo_store_file, tmp_path):
    with sqlite3.connect(demo_store_file) as conn:
        conn.execute("UPDATE person SET email = NULL WHERE full_name = ?", (PAOLA,))
    made = as_json(mesa("convocation", "005-2026", "-o", tmp_path, "--json", db=demo_store_file))
    assert {"pdf", "ics", "eml", "warning"} <= made.keys()  # the keys it always had
    assert made["without_email"] == [PAOLA] and PAOLA in made["without_email_warning"]
    drafts = [Path(p) for p in made["personal_eml"]]
    assert drafts and all(p.parent.name == "convocatoria-005-2026-correos-personales" for p in drafts)
    codes = stored_codes(demo_store_file)
    for path in drafts[:3]:
        message = email.message_from_bytes(path.read_bytes(), policy=default_policy)
        (to,) = message["To"].addresses
        body = message.get_body(preferencelist=("plain",)).get_content()
        assert codes[to.display_name] in body
    text = mesa("convocation", "005-2026", "-o", tmp_path, db=demo_store_file)
    assert text.returncode == 0 and "Atención: 1 persona(s) convocada(s) no tienen correo" in text.stdout

"""The e-mail drafts of the exchange: the bundle for the ministry and the ministry's receipt
for the focal point, read back as a mail client reads them, the attachment opened with the
standard ``age`` and ``minisign`` tools."""

from __future__ import annotations

import email
import json
import shutil
from email.message import EmailMessage
from email.policy import default
from pathlib import Path

import pytest

from mesa_desktop import territories
from mesa_desktop.bundle import export, installation, keys, mail, receipts
from mesa_desktop.clock import local, utcnow
from mesa_desktop.errors import InvalidInput
from mesa_desktop.formatting import long_date
from mesa_desktop.operations import exchange as exchange_ops
from mesa_desktop.operations import ministry as ministry_ops
from tests.support.bundles import MINISTRY_PUB, make_importer, open_with_standard_tools

needs_tools = pytest.mark.skipif(
    shutil.which("age") is None or shutil.which("minisign") is None, reason="age or minisign CLI missing"
)
SHIPPED_KEY = keys.default_ministry_key_path()


def parse(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=default)
    assert isinstance(message, EmailMessage)
    return message


def body_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return part.get_content().replace("\r\n", "\n")  # the file keeps mail's CRLF line ends


def attachment_of(message: EmailMessage) -> EmailMessage:
    [attached] = list(message.iter_attachments())
    return attached


def exported(store, folder: Path, **options) -> export.ExportResult:
    folder.mkdir(parents=True, exist_ok=True)
    return export.export_bundle(store, folder, **options)


# --- the ministry's address ----------------------------------------------------------------------


def test_the_shipped_key_comes_with_its_address_and_is_labelled_test():
    metadata = mail.shipped_metadata()
    [recipient] = keys.load_ministry_key(SHIPPED_KEY).recipients
    assert metadata.email and "@" in metadata.email
    assert str(recipient) in metadata.recipients and mail.is_test_key(str(recipient))
    assert not mail.is_test_key(None) and not mail.is_test_key("")


def test_a_real_key_is_not_a_test_key_and_has_no_shipped_address(store, tmp_path):
    real = keys.create_ministry_keys(tmp_path / "real")
    assert not mail.is_test_key(real.recipient)
    # The history lists every key of an export: one real key among them is a real delivery.
    test_recipient = str(keys.load_ministry_key(SHIPPED_KEY).recipients[0])
    assert not mail.is_test_key(f"{test_recipient} {real.recipient}")
    assert mail.is_test_key(f"{test_recipient} {test_recipient}")
    contact = mail.ministry_contact(store, real.recipient)
    assert contact == mail.MinistryContact(None, None, False)


def test_the_address_is_editable_per_store_and_checked(store):
    recipient = str(keys.load_ministry_key(SHIPPED_KEY).recipients[0])
    shipped = mail.shipped_metadata().email
    assert mail.ministry_contact(store, recipient).email == shipped

    assert mail.save_ministry_email(store, "  envios@minsalud.gov.co ") == "envios@minsalud.gov.co"
    contact = mail.ministry_contact(store, recipient)
    assert contact.email == "envios@minsalud.gov.co" and contact.shipped_email == shipped
    with pytest.raises(InvalidInput, match="El correo de el Ministerio no es válido"):
        mail.save_ministry_email(store, "envios@minsalud")
    assert mail.ministry_contact(store, recipient).email == "envios@minsalud.gov.co"

    mail.save_ministry_email(store, "")  # empty: back to the address of the key
    assert mail.ministry_contact(store, recipient).email == shipped


def test_a_damaged_metadata_file_gives_no_address(tmp_path):
    bad = tmp_path / "ministerio.json"
    bad.write_text('{"correo": "no es un correo", "llaves_de_prueba": ["age1x"]}')
    assert mail.read_metadata(bad) == mail.KeyMetadata(None, frozenset(), frozenset())
    bad.write_text("{")
    assert mail.read_metadata(bad).email is None
    assert mail.read_metadata(tmp_path / "no-existe.json").email is None


# --- the bundle's draft --------------------------------------------------------------------------


@needs_tools
def test_the_bundle_draft_opens_as_a_new_message_with_the_bundle_intact(demo_store, tmp_path):
    result = exported(demo_store, tmp_path / "enviados")
    draft = exchange_ops.write_bundle_email(demo_store, result)

    assert draft.path == result.path.with_suffix(".eml") and draft.path.parent == result.path.parent
    assert draft.test_key and draft.to == mail.shipped_metadata().email
    message = parse(draft.path)
    assert message["X-Unsent"] == "1"
    assert message["To"].addresses[0].addr_spec == draft.to
    assert message["From"].addresses[0].addr_spec.startswith("migracionysalud@")
    day = long_date(local(result.created_at).date())
    territory = territories.get("54001").full_name
    assert message["Subject"] == f"Paquete de datos de la {mesa_name(demo_store)} – {territory} – {day}"
    body = body_of(message)
    assert body.startswith("ATENCIÓN – Clave de prueba: este paquete no llegará al Ministerio.")
    assert "«Reemplazar clave del Ministerio…»" in body and "oficio" in body
    assert f"n.º {result.sequence}" in body and result.file_name in body and "acuse de recibo" in body

    attached = attachment_of(message)
    assert attached.get_content_type() == "application/octet-stream"
    assert attached.get_filename() == result.file_name
    data = attached.get_content()
    assert data == result.path.read_bytes()
    manifest = open_with_standard_tools(data, tmp_path / "ministerio")
    assert manifest["sequence"] == result.sequence and manifest["territory"]["code"] == "54001"


def mesa_name(store) -> str:
    return mail.bundle_mail_facts(store, 1, utcnow()).mesa_name


def test_with_the_real_key_the_draft_says_nothing_of_a_test(demo_store, tmp_path):
    real = keys.create_ministry_keys(tmp_path / "ministerio-real")
    installation.install_ministry_key(demo_store, real.public_path)
    result = exported(demo_store, tmp_path / "enviados")
    draft = exchange_ops.write_bundle_email(demo_store, result, "paquetes@minsalud.gov.co")

    message = parse(draft.path)
    assert not draft.test_key and "prueba" not in body_of(message).lower()
    assert message["To"].addresses[0].addr_spec == "paquetes@minsalud.gov.co"
    assert body_of(message).startswith("Señores\nMinisterio de Salud y Protección Social")


def test_no_address_leaves_the_recipient_to_the_person(demo_store, tmp_path):
    real = keys.create_ministry_keys(tmp_path / "ministerio-real")
    result = exported(demo_store, tmp_path / "enviados", to=real.public_path)
    draft = exchange_ops.write_bundle_email(demo_store, result)
    assert draft.to is None and parse(draft.path)["To"] is None
    # An empty address, as the dialog passes a cleared field, means no recipient even when one ships.
    shipped = exported(demo_store, tmp_path / "prueba", to=SHIPPED_KEY)
    assert exchange_ops.write_bundle_email(demo_store, shipped).to == mail.shipped_metadata().email
    assert exchange_ops.write_bundle_email(demo_store, shipped, "").to is None


def test_a_bad_address_or_a_changed_bundle_writes_no_draft(demo_store, tmp_path):
    result = exported(demo_store, tmp_path / "enviados", to=MINISTRY_PUB)
    with pytest.raises(InvalidInput, match="no es válido"):
        exchange_ops.write_bundle_email(demo_store, result, "ministerio@@minsalud.gov.co")
    assert not mail.draft_path(result.path).exists()

    result.path.write_bytes(result.path.read_bytes() + b"x")
    with pytest.raises(Exception, match="cambió desde que se generó"):
        exchange_ops.write_bundle_email(demo_store, result)
    assert list(result.path.parent.iterdir()) == [result.path]


# --- the receipt's draft, at the ministry --------------------------------------------------------------


@pytest.mark.slow  # over a second: a real import into a consolidation store
def test_the_receipt_draft_goes_to_the_focal_point_with_the_receipt(demo_store, ministry_store, tmp_path):
    result = exported(demo_store, tmp_path / "recibidos", to=MINISTRY_PUB)
    summary = make_importer(ministry_store, tmp_path / "ministerio").import_paths([result.path])
    [outcome] = summary.outcomes
    assert outcome.receipt

    [draft] = ministry_ops.write_receipt_emails(ministry_store, [outcome.receipt])

    receipt = Path(outcome.receipt)
    assert draft.path == receipt.with_name(receipt.name + ".eml")
    message = parse(draft.path)
    assert message["X-Unsent"] == "1"
    [to] = message["To"].addresses
    assert to.addr_spec.startswith("migracionysalud@") and to.display_name == "Marcela Jaimes Villamizar"
    assert message["Subject"].startswith(f"Acuse de recibo del paquete n.º {result.sequence} – ")
    body = body_of(message)
    assert body.startswith("Respetado(a) Marcela Jaimes Villamizar:") and result.file_name in body
    assert "«Registrar acuse de recibo…»" in body
    attached = attachment_of(message)
    assert (
        attached.get_filename() == receipt.name and attached.get_content_type() == "application/octet-stream"
    )
    data = attached.get_content()
    assert data == receipt.read_bytes()
    trusted = keys.load_ministry_key(SHIPPED_KEY).receipt_key
    assert trusted is not None and receipts.read_receipt(data, trusted).sequence == result.sequence


def test_a_receipt_of_a_mesa_without_an_address_has_no_recipient_and_says_so(ministry_store, tmp_path):
    receipt = tmp_path / "mesa-54001-20260301-1.mesa.acuse"
    body = {
        "receipt": {
            "territory": {"code": "54001", "name": "San José de Cúcuta (Norte de Santander)"},
            "mesa_id": "6f1c58b2-3f55-4c7e-9a57-3c1d2b7e0a11",  # not in this store
            "sequence": 4,
            "bundle_file": "mesa-54001-20260301-4.mesa",
            "verdict": "imported",
        }
    }
    receipt.write_text(json.dumps(body))
    [draft] = ministry_ops.write_receipt_emails(ministry_store, [str(receipt)])
    message = parse(draft.path)
    assert draft.to is None and message["To"] is None
    assert body_of(message).startswith(
        "NOTA: el paquete de este territorio no trae el correo del punto focal"
    )
    receipt.write_text("no es un acuse")
    with pytest.raises(InvalidInput, match="no es un acuse"):
        ministry_ops.write_receipt_emails(ministry_store, [str(receipt)])

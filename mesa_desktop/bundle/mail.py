"""E-mail drafts of the exchange: the bundle for the ministry, and the ministry's receipt
back to a focal point (both ``.eml`` files beside what they carry; see ``email_draft``).

The ministry's address ships beside its key: ``resources/keys/ministerio.json`` gives the
address and the keys (age recipients) it belongs to, and labels the test keys. A store may
replace the address (setting ``bundle.ministry_email``). A key the file does not list (the
real key, installed in settings) has no shipped address until the focal point writes the
one in the ministry's oficio.

Thread affinity: none.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from functools import cache
from pathlib import Path
from typing import Any

from mesa_desktop.bundle.manifest import sha256_hex
from mesa_desktop.clock import local
from mesa_desktop.documents import email_draft
from mesa_desktop.email_address import check_email
from mesa_desktop.errors import Conflict, InvalidInput
from mesa_desktop.formatting import long_date
from mesa_desktop.resources import resource_path
from mesa_desktop.services.settings import get_setting, set_setting
from mesa_desktop.store import Store

MINISTRY_EMAIL_SETTING = "bundle.ministry_email"
METADATA_NAME = "ministerio.json"
MINISTRY_NAME = "Ministerio de Salud y Protección Social"
MINISTRY_OFFICE = "Oficina de Promoción Social"
MINISTRY_OWNER = "el Ministerio"  # names the address in Spanish errors

TEST_KEY_WARNING = "Clave de prueba: este paquete no llegará al Ministerio."
TEST_KEY_ADVICE = (
    "Se cifró con la clave de PRUEBA que trae la aplicación, que cualquiera puede abrir: sirve solo "
    "para ensayar. El Ministerio envía su clave real con su oficio; instálela en Configuración → "
    "«Reemplazar clave del Ministerio…» y genere el paquete de nuevo."
)


# --- the ministry's address ----------------------------------------------------------------------


@dataclass(frozen=True)
class KeyMetadata:
    """What ``ministerio.json`` says about the keys it lists."""

    email: str | None
    recipients: frozenset[str]  # the keys the address belongs to
    test_recipients: frozenset[str]  # labelled test keys: whatever goes to them is not delivered


def read_metadata(path: str | os.PathLike[str]) -> KeyMetadata:
    """The metadata file; a missing or damaged one gives no address and no test key."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        email = check_email(str(data.get("correo") or ""), MINISTRY_OWNER)
        tests = frozenset(str(r).strip() for r in data.get("llaves_de_prueba", ()))
        keys = frozenset(str(r).strip() for r in data.get("llaves", ())) | tests
    except (OSError, ValueError, AttributeError, TypeError, InvalidInput):
        return KeyMetadata(None, frozenset(), frozenset())
    return KeyMetadata(email, keys, tests)


@cache
def shipped_metadata() -> KeyMetadata:
    return read_metadata(resource_path("keys", METADATA_NAME))


def is_test_key(recipient: str | None) -> bool:
    """True for a labelled test key (its secret is public, nothing sent to it reaches anyone);
    ``recipient`` may list several keys, as the export history does: all must be test keys."""
    keys = (recipient or "").split()
    return bool(keys) and all(key in shipped_metadata().test_recipients for key in keys)


@dataclass(frozen=True)
class MinistryContact:
    email: str | None  # None: nobody wrote it and the key in use ships none
    shipped_email: str | None  # the address that comes with the key in use
    test_key: bool


def ministry_contact(store: Store, recipient: str | None) -> MinistryContact:
    """The address drafts for the ministry go to, for the key ``recipient`` in use."""
    metadata = shipped_metadata()
    listed = any(key in metadata.recipients for key in (recipient or "").split())
    shipped = metadata.email if listed else None
    configured = get_setting(store, MINISTRY_EMAIL_SETTING) or None
    return MinistryContact(configured or shipped, shipped, is_test_key(recipient))


def check_ministry_email(email: str | None) -> str | None:
    """The address stripped (None when empty), or a Spanish ``InvalidInput``."""
    return check_email(email, MINISTRY_OWNER)


def save_ministry_email(store: Store, email: str | None) -> str | None:
    """Replace the ministry's address for this store; empty goes back to the shipped one."""
    checked = check_ministry_email(email)
    set_setting(store, MINISTRY_EMAIL_SETTING, checked or "")
    return checked


# --- the bundle for the ministry --------------------------------------------------------------


@dataclass(frozen=True)
class BundleMail:
    """What the bundle's draft says (plain values; ``bundle_mail_facts`` reads them)."""

    mesa_name: str
    territory_name: str
    entity_name: str
    sequence: int
    created_at: datetime
    focal_point_name: str | None = None
    focal_point_position: str | None = None
    focal_point_email: str | None = None


def draft_path(bundle: str | os.PathLike[str]) -> Path:
    """``mesa-54001-20260315-3.eml`` beside ``mesa-54001-20260315-3.mesa``."""
    return Path(bundle).with_suffix(email_draft.EML_SUFFIX)


def bundle_subject(facts: BundleMail) -> str:
    day = long_date(local(facts.created_at).date())
    return f"Paquete de datos de la {facts.mesa_name} – {facts.territory_name} – {day}"


def bundle_body(facts: BundleMail, file_name: str, *, test_key: bool) -> str:
    day = long_date(local(facts.created_at).date())
    lines = []
    if test_key:
        lines += [f"ATENCIÓN – {TEST_KEY_WARNING}", TEST_KEY_ADVICE, ""]
    lines += [
        "Señores",
        MINISTRY_NAME,
        MINISTRY_OFFICE,
        "",
        f"Adjunto el paquete de datos de la {facts.mesa_name} ({facts.territory_name}): exportación "
        f"n.º {facts.sequence}, generada el {day} con Mesa Desktop (archivo {file_name}).",
        "",
        "El paquete va cifrado para el Ministerio y firmado por esta instalación. Por favor impórtelo "
        "en Mesa Desktop («Consolidación nacional», o «mesa bundle import») y responda a este correo "
        "con el acuse de recibo (.acuse) que genera la importación.",
        "",
        "Los casos remitidos van solo como totales por año, necesidad y estado; no van correos, "
        "teléfonos, números de documento ni firmas de las personas.",
        "",
        "Cordialmente,",
        "",
    ]
    if facts.focal_point_name:
        lines.append(facts.focal_point_name)
    if facts.focal_point_position:
        lines.append(facts.focal_point_position)
    lines += [f"Punto focal – {facts.mesa_name}", facts.entity_name]
    return "\n".join(lines)


def bundle_draft(
    facts: BundleMail, bundle: bytes, file_name: str, *, to: str | None, test_key: bool
) -> EmailMessage:
    recipients = [email_draft.address(MINISTRY_NAME, to)] if to else []
    sender = (
        email_draft.address(facts.focal_point_name or facts.mesa_name, facts.focal_point_email)
        if facts.focal_point_email
        else None
    )
    message = email_draft.new_draft(bundle_subject(facts), to=recipients, sender=sender)
    message.set_content(bundle_body(facts, file_name, test_key=test_key))
    email_draft.attach_file(message, bundle, file_name)
    return message


def bundle_mail_facts(store: Store, sequence: int, created_at: datetime) -> BundleMail:
    from mesa_desktop import territories
    from mesa_desktop.services.lookup import the_mesa

    with store.reading() as db:
        mesa = the_mesa(db)
        try:
            sender = check_email(mesa.focal_point_email, "el punto focal")
        except InvalidInput:
            sender = None  # an address saved before the rule: the draft goes without From
        return BundleMail(
            mesa_name=mesa.name,
            territory_name=territories.get(mesa.territory_code).full_name,
            entity_name=mesa.entity_name,
            sequence=sequence,
            created_at=created_at,
            focal_point_name=mesa.focal_point_name,
            focal_point_position=mesa.focal_point_position,
            focal_point_email=sender,
        )


@dataclass(frozen=True)
class DraftFile:
    path: Path
    to: str | None  # None: the draft has no recipient and the person writes it
    test_key: bool = False


def write_bundle_draft(
    store: Store,
    bundle: str | os.PathLike[str],
    *,
    sequence: int,
    created_at: datetime,
    sha256: str,
    recipient: str | None,
    to_address: str | None = None,
) -> DraftFile:
    """The draft carrying ``bundle`` (checked against its recorded SHA-256), beside it.

    ``to_address`` replaces the ministry's address for this draft only (``""``: no recipient,
    the person writes it); ``recipient`` is the key the bundle was encrypted to."""
    bundle = Path(bundle)
    to = check_ministry_email(to_address) if to_address is not None else None
    if to_address is None:
        to = ministry_contact(store, recipient).email
    data = bundle.read_bytes()
    if sha256_hex(data) != sha256:
        raise Conflict(f"El archivo {bundle.name} cambió desde que se generó; genere el paquete de nuevo.")
    test_key = is_test_key(recipient)
    facts = bundle_mail_facts(store, sequence, created_at)
    target = draft_path(bundle)
    email_draft.write_draft(target, bundle_draft(facts, data, bundle.name, to=to, test_key=test_key))
    return DraftFile(target, to, test_key)


# --- the receipt back to the focal point -----------------------------------------------------------


@dataclass(frozen=True)
class ReceiptMail:
    territory_name: str
    sequence: int
    bundle_file: str
    verdict: str
    mesa_name: str | None = None
    focal_point_name: str | None = None
    focal_point_email: str | None = None


def receipt_subject(facts: ReceiptMail) -> str:
    mesa = facts.mesa_name or facts.territory_name
    return f"Acuse de recibo del paquete n.º {facts.sequence} – {mesa} – {facts.territory_name}"


def receipt_body(facts: ReceiptMail, receipt_name: str) -> str:
    from mesa_desktop.bundle.receipts import verdict_label

    lines = []
    if not facts.focal_point_email:
        lines += [
            "NOTA: el paquete de este territorio no trae el correo del punto focal; escriba el "
            "destinatario antes de enviar este mensaje.",
            "",
        ]
    greeting = facts.focal_point_name or "punto focal"
    lines += [
        f"Respetado(a) {greeting}:",
        "",
        f"El Ministerio recibió la exportación n.º {facts.sequence} de la "
        f"{facts.mesa_name or 'mesa'} ({facts.territory_name}), archivo {facts.bundle_file}: "
        f"{verdict_label(facts.verdict)}.",
        "",
        f"Adjuntamos el acuse de recibo firmado ({receipt_name}). Regístrelo en Mesa Desktop, en "
        "«Envío al Ministerio» → «Registrar acuse de recibo…» (o con «mesa bundle receipt ARCHIVO»): "
        "así la aplicación muestra qué exportaciones tiene el Ministerio.",
        "",
        "Cordialmente,",
        "",
        MINISTRY_NAME,
        MINISTRY_OFFICE,
    ]
    return "\n".join(lines)


def receipt_draft(facts: ReceiptMail, receipt: bytes, receipt_name: str) -> EmailMessage:
    to = (
        [email_draft.address(facts.focal_point_name or "Punto focal", facts.focal_point_email)]
        if facts.focal_point_email
        else []
    )
    message = email_draft.new_draft(receipt_subject(facts), to=to)
    message.set_content(receipt_body(facts, receipt_name))
    email_draft.attach_file(message, receipt, receipt_name)
    return message


def receipt_mail_facts(store: Store, receipt: bytes) -> ReceiptMail:
    """The receipt's own fields, and the focal point's contact from the bundle's ``mesa`` row
    already consolidated in ``store`` (a receipt written by this store's import)."""
    from mesa_desktop.models import Mesa

    try:
        body: dict[str, Any] = json.loads(receipt)["receipt"]
        territory = body["territory"]
        mesa_id = uuid.UUID(str(body["mesa_id"]))
        facts = ReceiptMail(
            territory_name=str(territory.get("name") or territory["code"]),
            sequence=int(body["sequence"]),
            bundle_file=str(body["bundle_file"]),
            verdict=str(body["verdict"]),
        )
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise InvalidInput("El archivo no es un acuse de recibo de Mesa Desktop.") from error
    with store.reading() as db:
        mesa = db.get(Mesa, mesa_id)
        if mesa is None:
            return facts
        try:
            email = check_email(mesa.focal_point_email, "el punto focal")
        except InvalidInput:
            email = None  # a typo in the territory's data: the person writes the address
        return ReceiptMail(
            facts.territory_name,
            facts.sequence,
            facts.bundle_file,
            facts.verdict,
            mesa.name,
            mesa.focal_point_name,
            email,
        )


def write_receipt_draft(store: Store, receipt: str | os.PathLike[str]) -> DraftFile:
    """The draft carrying the receipt, beside it (``….acuse`` → ``….acuse.eml``)."""
    receipt = Path(receipt)
    data = receipt.read_bytes()
    facts = receipt_mail_facts(store, data)
    target = receipt.with_name(receipt.name + email_draft.EML_SUFFIX)
    email_draft.write_draft(target, receipt_draft(facts, data, receipt.name))
    return DraftFile(target, facts.focal_point_email)

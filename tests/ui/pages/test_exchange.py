"""Envío al Ministerio: a real bundle made through the page (opened with the standard ``age``
tool), the export history, and the ministry's receipts recorded through the page."""

from __future__ import annotations

import os

from tests.support import ROOT

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import email
import gc
import json
import shutil
import subprocess
import zipfile
from email.message import EmailMessage
from email.policy import default as email_policy
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from mesa_desktop.bundle import encryption, keys, mail, receipts, signing
from mesa_desktop.bundle.importer import Importer
from mesa_desktop.store import Store
from tests.support.bundles import open_with_standard_tools
from tests.support.ui import show, table_texts
from ui.pages import exchange
from ui.pages import page_kit as kit
from ui.pages.exchange import ExchangePage
from ui.widgets import files

KEYS = ROOT / "tests" / "fixtures" / "keys"
MINISTRY_KEY = KEYS / "ministerio-prueba.key"
RECEIPT_KEY = signing.read_secret_key(KEYS / "ministerio-prueba-acuses.key")
needs_age = pytest.mark.skipif(shutil.which("age") is None, reason="age CLI missing")
needs_tools = pytest.mark.skipif(
    shutil.which("age") is None or shutil.which("minisign") is None, reason="age or minisign CLI missing"
)


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def page(qtbot, page_ctx, settings):
    return show(qtbot, ExchangePage(page_ctx, settings=settings))


@pytest.fixture
def outbox(tmp_path, monkeypatch) -> Path:
    """The folder the person picks for the bundle; result dialogs are recorded, not shown."""
    folder = tmp_path / "enviados"
    folder.mkdir()
    monkeypatch.setattr(exchange, "choose_folder", lambda *a, **k: str(folder))
    return folder


@pytest.fixture
def shown_dialogs(monkeypatch) -> list:
    shown = []
    monkeypatch.setattr(kit, "run_dialog", lambda dialog: shown.append(dialog) or True)
    return shown


def export_through(page) -> Path:
    page.export_button.click()
    return page.last_result.path


def consolidate(bundle: Path, folder: Path, key: signing.SigningSecretKey) -> Path:
    """The ministry's side, through the core: import the bundle, return its receipt."""
    folder.mkdir(parents=True, exist_ok=True)
    store = Store(folder / "ministerio.sqlite")
    try:
        Importer(
            store,
            identities=encryption.load_identities(MINISTRY_KEY),
            signing_key=key,
            quarantine_dir=folder / "cuarentena",
            receipts_dir=folder / "acuses",
        ).import_paths([bundle])
    finally:
        store.close()
    return folder / "acuses" / receipts.receipt_file_name(bundle.name)


def test_the_page_says_what_leaves_and_for_which_key(page, page_ctx):
    headings = table_texts(page.contents)
    assert headings == [
        "La mesa",
        "Conformación",
        "Sesiones",
        "Compromisos",
        "Plan de acción",
        "Casos remitidos",
    ]
    details = dict(zip(headings, table_texts(page.contents, 1), strict=True))
    assert "dependencias" in details["Conformación"] and "integrantes" in details["Conformación"]
    assert "solo cuántos casos hay por año, necesidad y estado" in details["Casos remitidos"]
    assert "solo como totales" in page.privacy.text()
    for never in ("firmas", "correos", "teléfonos"):
        assert never in page.privacy.text()
    assert "ministerio.pub" in page.key_label.text() and "age1" in page.key_label.text()
    assert page.key_warning.isVisible() and "PRUEBA" in page.key_warning.text()
    assert "Clave de prueba: este paquete no llegará al Ministerio." in page.key_warning.text()
    assert "«Reemplazar clave del Ministerio…»" in page.key_warning.text()
    assert f"Correo del Ministerio:\n{mail.shipped_metadata().email}" in page.key_label.text()
    assert not page.send_button.isEnabled()  # no bundle generated yet
    assert page.export_button.isEnabled()
    assert table_texts(page.history) == ["Todavía no ha generado ningún paquete."]
    assert not page.receipt_button.isEnabled()
    assert page_ctx.errors == []


@needs_age
def test_generating_a_bundle_writes_a_file_the_ministry_opens_with_age(
    page, page_ctx, outbox, shown_dialogs, monkeypatch, tmp_path, settings
):
    bundle = export_through(page)

    assert page_ctx.errors == []
    assert bundle.parent == outbox and bundle.name.startswith("mesa-54001-") and bundle.suffix == ".mesa"
    opened = tmp_path / "abierto.zip"
    done = subprocess.run(
        ["age", "-d", "-i", str(MINISTRY_KEY), "-o", str(opened), str(bundle)],
        capture_output=True,
        stdin=subprocess.DEVNULL,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(opened) as archive:
        names = set(archive.namelist())
        manifest = json.loads(archive.read("manifest.json"))
    assert {"manifest.json", "manifest.json.minisig", "datapackage.json", "data/person.csv"} <= names
    assert manifest["territory"]["code"] == "54001" and manifest["sequence"] == 1

    [dialog] = shown_dialogs
    assert dialog.windowTitle() == "Paquete generado"
    texts = " ".join(label.text() for label in dialog.findChildren(type(page.result)))
    assert bundle.name in texts and "KB" in dialog.summary.text()
    assert "Clave de prueba: este paquete no llegará al Ministerio." in dialog.hint.text()
    assert "Va cifrado" not in dialog.hint.text()
    opened_folders = []
    monkeypatch.setattr(exchange, "open_folder", opened_folders.append)
    dialog.open_button.click()
    assert opened_folders == [outbox]

    [row] = page.history_rows()
    assert row[0] == "1" and row[2] == bundle.name and row[3].endswith("KB") and row[4] == "No, todavía"
    assert page.receipt_button.isEnabled()
    assert bundle.name in page.result.text()
    assert settings.value(exchange.FOLDER_SETTING) == str(outbox)


def test_approved_actas_can_travel_as_pdfs(page, outbox, shown_dialogs):
    assert page.actas_check.isEnabled() and "aprobada" in page.actas_hint.text()
    page.actas_check.setChecked(True)
    export_through(page)
    assert page.last_result.actas and all(name.endswith(".pdf") for name in page.last_result.actas)
    assert "en PDF" in shown_dialogs[0].summary.text()


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_receipt_from_the_ministry_shows_the_export_as_received(
    page, page_ctx, outbox, shown_dialogs, monkeypatch, tmp_path
):
    bundle = export_through(page)
    receipt = consolidate(bundle, tmp_path / "ministerio", RECEIPT_KEY)
    assert receipt.exists()
    monkeypatch.setattr(kit, "open_file", lambda *a, **k: str(receipt))

    page.receipt_button.click()

    assert page_ctx.errors == []
    [row] = page.history_rows()
    assert row[4].startswith("Sí, importado el") and "vigentes" in row[4]
    assert "Acuse registrado" in page.result.text() and "n.º 1" in page.result.text()
    page.receipt_button.click()  # the same file again changes nothing
    assert "ya estaba registrado" in page.result.text()


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_bad_and_forged_receipts_are_refused_in_spanish(
    page, page_ctx, outbox, shown_dialogs, monkeypatch, tmp_path
):
    bundle = export_through(page)
    receipt = consolidate(bundle, tmp_path / "ministerio", RECEIPT_KEY)
    garbage = tmp_path / "correo.acuse"
    garbage.write_text("Adjunto el acuse, saludos.")
    document = json.loads(receipt.read_text())
    document["receipt"]["verdict"] = "superseded"
    forged = tmp_path / "alterado.acuse"
    forged.write_text(json.dumps(document))

    for path in (garbage, forged):
        monkeypatch.setattr(kit, "open_file", lambda *a, path=path, **k: str(path))
        page.receipt_button.click()
    assert len(page_ctx.errors) == 2
    assert "no es un acuse de recibo" in page_ctx.errors[0]
    assert "no corresponde al contenido" in page_ctx.errors[1]
    assert page.result.text() == page_ctx.errors[1]
    assert page.history_rows()[0][4] == "No, todavía"


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_receipt_signed_with_another_key_is_refused_without_asking(
    page, page_ctx, outbox, shown_dialogs, monkeypatch, tmp_path
):
    """No trust on first use: only the ministry key file decides, never a click."""
    first = export_through(page)
    stranger = consolidate(first, tmp_path / "b", signing.generate_signing_key())
    monkeypatch.setattr(kit, "open_file", lambda *a, **k: str(stranger))
    monkeypatch.setattr(kit, "confirm", lambda *a, **k: pytest.fail("no debe preguntar"))

    page.receipt_button.click()

    assert len(page_ctx.errors) == 1 and "no es la del Ministerio" in page_ctx.errors[0]
    assert [row[4] for row in page.history_rows()] == ["No, todavía"]
    genuine = consolidate(first, tmp_path / "a", RECEIPT_KEY)
    monkeypatch.setattr(kit, "open_file", lambda *a, **k: str(genuine))
    page.receipt_button.click()
    assert [row[4].split(",")[0] for row in page.history_rows()] == ["Sí"]


def test_an_installed_ministry_key_is_the_one_shown(qtbot, page_ctx, settings, tmp_path):
    from mesa_desktop.bundle import installation

    real = keys.create_ministry_keys(tmp_path / "ministerio-real")
    installation.install_ministry_key(page_ctx.store, real.public_path)
    page = show(qtbot, ExchangePage(page_ctx, settings=settings))
    assert str(installation.data_dir(page_ctx.store)) in page.key_label.text()
    assert not page.key_warning.isVisible()
    assert "Correo del Ministerio:\nsin correo" in page.key_label.text()


def test_the_test_key_installed_by_hand_is_still_the_test_key(qtbot, page_ctx, settings):
    from mesa_desktop.bundle import installation

    installation.install_ministry_key(page_ctx.store, KEYS / "ministerio-prueba.pub")
    page = show(qtbot, ExchangePage(page_ctx, settings=settings))
    assert str(installation.data_dir(page_ctx.store)) in page.key_label.text()
    assert page.key_warning.isVisible() and "Clave de prueba" in page.key_warning.text()


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_store_without_a_mesa_has_nothing_to_send(qtbot, tmp_path, settings):
    from ui.context import AppContext
    from ui.tasks import SyncRunner

    (tmp_path / "vacio").mkdir()
    store = Store(tmp_path / "vacio" / "mesa.sqlite")
    try:
        ctx = AppContext(store, SyncRunner)
        page = show(qtbot, ExchangePage(ctx, settings=settings))
        assert not page.export_button.isEnabled() and not page.receipt_button.isEnabled()
        assert "aún no tiene una mesa" in page.result.text()
    finally:
        store.close()


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_the_page_loads_through_the_thread_runner(qtbot, page_store, settings):
    from ui.context import AppContext
    from ui.tasks import ThreadRunner

    # Earlier tests leave Qt objects in reference cycles (a context and its runner); collect them
    # here, on the GUI thread, not whenever a worker thread happens to trigger a collection.
    gc.collect()

    ctx = AppContext(page_store, ThreadRunner)
    errors = []
    ctx.error.connect(errors.append)
    page = ExchangePage(ctx, settings=settings)
    with qtbot.waitSignal(page.loaded, timeout=20000):
        show(qtbot, page)
    ctx.runner.wait()
    assert errors == [] and page.contents.rowCount() == 6


def test_the_oficio_is_saved_from_the_page_with_the_installations_fingerprint(
    page, page_ctx, monkeypatch, tmp_path
):
    from mesa_desktop.bundle import installation

    target = tmp_path / "oficio.pdf"
    monkeypatch.setattr(kit, "save_file", lambda *a, **k: str(target))
    assert page.oficio_button.isEnabled()

    page.oficio_button.click()

    assert page_ctx.errors == []
    fingerprint = installation.signing_key(page_ctx.store).public_key.fingerprint
    assert target.read_bytes().startswith(b"%PDF") and fingerprint in page.result.text()
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    assert fingerprint in text


# --- "Enviar por correo" ------------------------------------------------------------------------------


def parse_draft(path: Path) -> EmailMessage:
    message = email.message_from_bytes(path.read_bytes(), policy=email_policy)
    assert isinstance(message, EmailMessage)
    return message


@pytest.fixture
def opened(monkeypatch) -> list[Path]:
    """The files handed to the system's handler (a mail client opens each one)."""
    handed: list[Path] = []
    monkeypatch.setattr(exchange, "open_with_system", lambda path, parent=None: handed.append(path))
    return handed


@needs_tools
def test_send_by_email_with_the_test_key(page, page_ctx, outbox, shown_dialogs, opened, tmp_path):
    bundle = export_through(page)
    [dialog] = shown_dialogs
    assert dialog.to_edit.text() == mail.shipped_metadata().email
    assert dialog.send_button.isDefault() and dialog.send_button.text() == "Enviar por correo"

    dialog.send_button.click()

    assert page_ctx.errors == []
    draft = bundle.with_suffix(".eml")
    assert opened == [draft]
    assert dialog.message.text().startswith(f"Se abrió el correo para {mail.shipped_metadata().email}")
    message = parse_draft(draft)
    assert (
        message["X-Unsent"] == "1" and message["To"].addresses[0].addr_spec == mail.shipped_metadata().email
    )
    body = message.get_body(preferencelist=("plain",)).get_content()
    assert "Clave de prueba: este paquete no llegará al Ministerio." in body
    [attached] = list(message.iter_attachments())
    assert attached.get_filename() == bundle.name and attached.get_content() == bundle.read_bytes()
    assert open_with_standard_tools(attached.get_content(), tmp_path / "ministerio")["sequence"] == 1


def test_with_the_real_key_the_dialog_says_it_is_encrypted_and_keeps_a_new_address(
    qtbot, page_ctx, settings, outbox, shown_dialogs, opened, tmp_path
):
    from mesa_desktop.bundle import installation

    real = keys.create_ministry_keys(tmp_path / "ministerio-real")
    installation.install_ministry_key(page_ctx.store, real.public_path)
    page = show(qtbot, ExchangePage(page_ctx, settings=settings))
    bundle = export_through(page)
    [dialog] = shown_dialogs
    assert dialog.hint.text().startswith("Va cifrado: solo el Ministerio puede abrirlo.")
    assert "prueba" not in dialog.hint.text().lower()
    assert dialog.to_edit.text() == ""  # a real key ships no address: the oficio gives it

    dialog.to_edit.setText("ministerio@")
    dialog.send_button.click()
    assert "no es válido: «ministerio@»" in dialog.message.text() and not dialog.message.isHidden()
    assert opened == [] and not bundle.with_suffix(".eml").exists()
    assert mail.ministry_contact(page_ctx.store, real.recipient).email is None

    dialog.to_edit.setText(" paquetes@minsalud.gov.co ")
    dialog.send_button.click()
    assert page_ctx.errors == [] and opened == [bundle.with_suffix(".eml")]
    assert parse_draft(opened[0])["To"].addresses[0].addr_spec == "paquetes@minsalud.gov.co"
    # Kept for the next bundles, and shown on the page.
    assert mail.ministry_contact(page_ctx.store, real.recipient).email == "paquetes@minsalud.gov.co"
    assert "Correo del Ministerio:\npaquetes@minsalud.gov.co" in page.key_label.text()
    page.send_button.click()  # the page's button opens the last bundle's dialog again
    assert shown_dialogs[1].export == page.last_result
    assert shown_dialogs[1].to_edit.text() == "paquetes@minsalud.gov.co"


def test_without_a_mail_client_the_folder_opens_and_says_where(
    page, page_ctx, outbox, shown_dialogs, monkeypatch
):
    class NoMailClient:  # the system has no handler for .eml files, only a file manager
        urls: list[str] = []

        @classmethod
        def openUrl(cls, url) -> bool:
            cls.urls.append(url.toLocalFile())
            return Path(url.toLocalFile()).is_dir()

    monkeypatch.setattr(files, "QDesktopServices", NoMailClient)
    bundle = export_through(page)
    [dialog] = shown_dialogs
    dialog.send_button.click()

    draft = bundle.with_suffix(".eml")
    assert NoMailClient.urls == [str(draft), str(outbox)]
    assert dialog.message.text().startswith(
        f"No se encontró un programa para abrir {draft.name}: se abrió su carpeta."
    )
    assert f"{draft.name}, en {outbox}" in dialog.message.text() and draft.is_file()

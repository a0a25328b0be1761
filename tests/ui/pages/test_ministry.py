"""Consolidación nacional: import with progress and cancel, quarantine with its Spanish reason,
key changes accepted through the page, the national view, and the national reports."""

from __future__ import annotations

import os

from tests.support import ROOT

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import random
import shutil
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from mesa_desktop.bundle import encryption, export, signing
from mesa_desktop.store import Store
from tests.support import bundle_generator
from tests.support.ui import show, table_texts
from ui.pages import ministry
from ui.pages import page_kit as kit
from ui.pages.ministry import model as ministry_model
from ui.pages.ministry import page as ministry
from ui.pages.ministry.page import MinistryPage

KEYS = ROOT / "tests" / "fixtures" / "keys"
MINISTRY_KEY = KEYS / "ministerio-prueba.key"
MINISTRY_PUB = KEYS / "ministerio-prueba.pub"


@dataclass(frozen=True)
class Bundles:
    medellin: Path  # 05001, export n.º 2, three days ago
    pasto: Path  # 52001, export n.º 1, 200 days ago (stale at the ministry)
    medellin_new_laptop: Path  # 05001, export n.º 3 signed with another installation key


@pytest.fixture(scope="module")
def bundles(template_stores, tmp_path_factory) -> Bundles:
    """Real signed, encrypted bundles of two territories, re-keyed from the demo mesa."""
    source = Store(template_stores["demo"], backup=False)
    try:
        template = export.collect_snapshot(source)
    finally:
        source.close()
    folder = tmp_path_factory.mktemp("recibidos")
    recipients = encryption.load_recipients(MINISTRY_PUB)
    now = datetime.now(UTC)
    medellin = bundle_generator.territory_snapshot(template, "05001", random.Random(1))
    pasto = bundle_generator.territory_snapshot(template, "52001", random.Random(2))

    def build(snapshot, key, sequence, days_ago) -> Path:
        built = export.build_bundle(
            snapshot,
            signing_key=key,
            recipients=recipients,
            sequence=sequence,
            created_at=now - timedelta(days=days_ago),
        )
        path = folder / built.file_name
        path.write_bytes(built.data)
        return path

    laptop = signing.generate_signing_key()
    return Bundles(
        build(medellin, laptop, 2, 3),
        build(pasto, signing.generate_signing_key(), 1, 200),
        build(medellin, signing.generate_signing_key(), 3, 1),
    )


@pytest.fixture(scope="module")
def empty_consolidation(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("consolidacion") / "ministerio.sqlite"
    Store(path).close()
    return path


@pytest.fixture
def ministry_ctx(empty_consolidation, tmp_path, qtbot):
    from ui.context import AppContext
    from ui.tasks import SyncRunner

    folder = tmp_path / "ministerio"
    folder.mkdir()
    shutil.copy(empty_consolidation, folder / "ministerio.sqlite")
    store = Store(folder / "ministerio.sqlite")
    ctx = AppContext(store, SyncRunner)
    ctx.errors = []
    ctx.error.connect(ctx.errors.append)
    yield ctx
    store.close()


@pytest.fixture
def settings(tmp_path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def inbox(tmp_path, bundles) -> dict[str, Path]:
    """This test's copies of the received files (receipts are written next to them)."""
    folder = tmp_path / "correo"
    folder.mkdir()
    copies = {
        name: Path(shutil.copy(getattr(bundles, name), folder))
        for name in ("medellin", "pasto", "medellin_new_laptop")
    }
    garbage = folder / "mesa-11001-20261120-4.mesa"
    garbage.write_bytes(b"Hola, adjunto el informe de la mesa.\n" * 40)
    copies["garbage"] = garbage
    return copies


@pytest.fixture
def page(qtbot, ministry_ctx, settings, monkeypatch):
    """The page with the ministry's key chosen through it."""
    page = show(qtbot, MinistryPage(ministry_ctx, settings=settings))
    monkeypatch.setattr(kit, "open_file", lambda *a, **k: str(MINISTRY_KEY))
    page.identity_button.click()
    return page


def import_files(page, monkeypatch, *paths: Path) -> None:
    monkeypatch.setattr(ministry, "choose_bundles", lambda *a, **k: [str(p) for p in paths])
    page.import_files_action.trigger()


LAST = ministry_model.NationalModel.LAST_BUNDLE
KEY = ministry_model.NationalModel.KEY


def national_rows(page) -> list[list[str]]:
    proxy = page.proxy
    return [[proxy.index(r, c).data() for c in range(proxy.columnCount())] for r in range(proxy.rowCount())]


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_the_key_is_chosen_and_remembered(page, ministry_ctx, settings, qtbot, monkeypatch):
    assert settings.value(ministry.IDENTITY_SETTING) == str(MINISTRY_KEY)
    assert str(MINISTRY_KEY) in page.identity_label.text()
    again = show(qtbot, MinistryPage(ministry_ctx, settings=settings))
    assert str(MINISTRY_KEY) in again.identity_label.text()
    # A public key is not the identity: refused in Spanish, the remembered one stays.
    monkeypatch.setattr(kit, "open_file", lambda *a, **k: str(MINISTRY_PUB))
    again.identity_button.click()
    assert ministry_ctx.errors and "llave pública" in ministry_ctx.errors[0]
    assert settings.value(ministry.IDENTITY_SETTING) == str(MINISTRY_KEY)


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_two_bundles_and_a_garbage_file(page, ministry_ctx, inbox, monkeypatch):
    progress = []
    page.relay.advanced.connect(lambda index, total, name: progress.append((index, total, name)))

    import_files(page, monkeypatch, inbox["medellin"], inbox["pasto"], inbox["garbage"])

    assert ministry_ctx.errors == []
    summary = page.last_report.summary
    assert [o.status for o in summary.outcomes].count("imported") == 2
    assert "2 importados" in page.result.text() and "1 en cuarentena" in page.result.text()
    assert "No es un paquete de Mesa" in page.result.text()
    assert [(i, t) for i, t, _ in progress] == [(1, 3), (2, 3), (3, 3)]
    assert page.progress is None and page.import_button.isEnabled()
    # Receipts to email back, next to each accepted bundle.
    assert sorted(p.name for p in inbox["medellin"].parent.glob("*.acuse")) == sorted(
        p.name.replace(".mesa", ".acuse") for p in (inbox["medellin"], inbox["pasto"])
    )

    assert table_texts(page.quarantine_table) == [inbox["garbage"].name]
    assert table_texts(page.quarantine_table, 1) == ["No es un paquete de Mesa"]
    assert "no es un paquete" in table_texts(page.quarantine_table, 2)[0].lower()
    assert page.tabs.tabText(1) == "Cuarentena (1)" and page.tabs.currentIndex() == 1

    assert page.view.reported == 2
    page.only_reported.setChecked(True)
    rows = national_rows(page)
    assert [(row[0], row[1]) for row in rows] == [("Antioquia", "Medellín"), ("Nariño", "Pasto")]
    medellin, pasto = rows
    lines = {line.territory_name: line for line in page.model.lines if line.reported}
    assert f"({lines['Medellín'].days_since_bundle} días)" in medellin[LAST]
    assert f"({lines['Pasto'].days_since_bundle} días)" in pasto[LAST]
    assert lines["Pasto"].stale and not lines["Medellín"].stale
    stale = page.proxy.index(1, LAST)
    assert stale.data(ministry.Qt.ItemDataRole.BackgroundRole).color().name() == ministry_model.STALE_TINT
    assert "2 de 1.154 territorios" in page.counts.text()
    assert "En gris, los que nunca han enviado." in page.counts.text()


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_filters_and_never_reported_territories(page, inbox, monkeypatch):
    import_files(page, monkeypatch, inbox["medellin"], inbox["pasto"])
    page.department.setCurrentIndex(page.department.findText("Antioquia"))
    rows = national_rows(page)
    assert rows[0][:2] == ["Antioquia", "Mesa departamental"] and len(rows) == 126
    never = next(row for row in rows if row[1] == "Envigado")
    assert never[LAST] == "Nunca ha enviado" and never[2] == "—"
    index = page.proxy.index(rows.index(never), 1)
    assert index.data(ministry.Qt.ItemDataRole.ForegroundRole).color().name() == ministry_model.SILENT_TEXT
    page.search.setText("medellin")
    assert [row[1] for row in national_rows(page)] == ["Medellín"]
    page.department.setCurrentIndex(0)
    page.search.setText("pasto nariño")
    assert [row[1] for row in national_rows(page)] == ["Pasto"]
    assert "Mostrando 1." in page.counts.text()


@pytest.mark.slow  # over a second: imports two bundles
def test_the_rule_columns_and_the_map(page, inbox, monkeypatch, qtbot):
    """Each rule's status from the same rules the territory runs; the map colours Antioquia
    and Nariño by their share, hatches the rest, and a click on a department filters the table."""
    from PySide6.QtCore import QPointF, Qt

    from mesa_desktop.documents import map as colombia_map

    import_files(page, monkeypatch, inbox["medellin"], inbox["pasto"])
    model = ministry_model.NationalModel
    assert model.HEADERS[model.PERIODIC] == "Informes\nperiódicos"
    medellin = next(line for line in page.model.lines if line.territory_name == "Medellín")
    page.search.setText("medellin")
    (row,) = national_rows(page)
    for column, rule in model.RULE_COLUMNS.items():
        if column != model.SESSIONS:
            assert row[column] == ministry_model.RULE_WORDS[medellin.statuses[rule]]
    assert row[model.CASES] == str(medellin.cases_total)
    page.search.setText("")

    departments = {d.code: d for d in page.view.departments}
    assert page.map.colour("05") == colombia_map.colour_of(departments["05"].share)
    assert departments["05"].reported == 1 and departments["05"].share in (0.0, 1.0)
    assert page.map.colour("91") == colombia_map.NO_DATA_COLOUR and page.map.share("91") is None
    # What is painted is what is computed: a pixel well inside Nariño's outline, above its label,
    # and the hatching of Amazonas, where nobody reported.
    page.map.resize(250, 520)
    image = page.map.grab().toImage()
    nariño = page.map.label_point("52")
    pixel = image.pixelColor(int(nariño.x()), int(nariño.y()) - 9)
    assert pixel.name() == colombia_map.colour_of(departments["52"].share)
    amazonas = page.map.label_point("91")
    seen = {image.pixelColor(int(amazonas.x()) + dx, int(amazonas.y()) - 12).name() for dx in range(-8, 8)}
    assert {colombia_map.NO_DATA_COLOUR, colombia_map.HATCH_COLOUR} <= seen
    # Hit-testing follows the outlines: Bogotá inside Cundinamarca, the islands in their box.
    for code in ("11", "25", "63", "88", "91"):
        assert page.map.code_at(page.map.label_point(code)) == code
    assert page.map.code_at(QPointF(1, 515)) is None
    assert "ningún territorio ha reportado" in page.map.tooltip_for("91")
    # Nariño's share rests on 1 of its 65 territories: dotted, and the tooltip says so.
    assert page.map.thin("52") and not page.map.thin("91")
    tip = page.map.tooltip_for("52")
    assert "reportan 1 de 65 territorios" in tip and "cumple, con retraso o aún en plazo" in tip
    around = {
        image.pixelColor(int(nariño.x()) + dx, int(nariño.y()) - 9 + dy).name()
        for dx in range(-5, 6)
        for dy in range(-5, 3)
    }
    assert colombia_map.ink_of(departments["52"].share) in around

    qtbot.mouseClick(page.map, Qt.MouseButton.LeftButton, pos=page.map.label_point("52").toPoint())
    assert page.department.currentData() == "52" and page.map.selected == "52"
    assert {row[0] for row in national_rows(page)} == {"Nariño"}
    qtbot.mouseClick(page.map, Qt.MouseButton.LeftButton, pos=page.map.label_point("52").toPoint())
    assert page.department.currentIndex() == 0 and page.map.selected is None


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_whole_folder_can_be_imported(page, inbox, monkeypatch):
    monkeypatch.setattr(ministry, "choose_folder", lambda *a, **k: str(inbox["pasto"].parent))
    page.import_folder_action.trigger()
    statuses = sorted(o.status for o in page.last_report.summary.outcomes)
    # Medellín's two laptops: the second key is held for a person to accept.
    assert statuses == ["imported", "imported", "key_change_pending", "rejected"]


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_cancel_stops_between_bundles_and_keeps_what_was_imported(page, inbox, monkeypatch):
    from PySide6.QtWidgets import QPushButton

    # The person presses "Cancelar" while the first bundle is reported.
    page.relay.advanced.connect(lambda *_: page.progress.findChild(QPushButton).click())
    import_files(page, monkeypatch, inbox["medellin"], inbox["pasto"])
    summary = page.last_report.summary
    assert summary.cancelled and [o.status for o in summary.outcomes] == ["imported"]
    assert "detenida" in page.result.text()
    assert page.view.reported == 1


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_accepting_a_new_key_imports_the_held_bundle(page, ministry_ctx, inbox, monkeypatch):
    import_files(page, monkeypatch, inbox["medellin"])
    import_files(page, monkeypatch, inbox["medellin_new_laptop"])
    assert "1 retenido por cambio de llave" in page.result.text()
    assert "llave nueva de Medellín (Antioquia)" in page.result.text()
    assert page.tabs.currentIndex() == 2 and page.tabs.tabText(2).endswith("(1)")
    assert table_texts(page.keys_table) == ["05001 Medellín (Antioquia)"]
    assert page.accept_key_button.isEnabled()
    asked = []
    monkeypatch.setattr(kit, "confirm", lambda *a, **k: asked.append((a[2], k.get("detail", ""))) or False)
    page.accept_key_button.click()
    assert asked and "Medellín" in asked[0][0] and "por teléfono" in asked[0][1]
    assert page.keys_table.rowCount() == 1  # not accepted

    monkeypatch.setattr(kit, "confirm", lambda *a, **k: True)
    page.accept_key_button.click()

    assert ministry_ctx.errors == []
    assert "aceptada para Medellín" in page.result.text() and "1 importado" in page.result.text()
    # The accepted key is still unverified until its fingerprint is confirmed from the oficio.
    assert page.keys_table.rowCount() == 1 and page.tabs.tabText(2) == "Cambios de llave pendientes"
    page.only_reported.setChecked(True)
    [row] = national_rows(page)
    assert row[1] == "Medellín"
    assert [line.last_sequence for line in page.model.lines if line.reported] == [3]


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_national_reports_in_pdf_and_excel(page, ministry_ctx, inbox, monkeypatch, tmp_path):
    import_files(page, monkeypatch, inbox["medellin"], inbox["pasto"])
    for suffix, magic in ((".pdf", b"%PDF"), (".xlsx", b"PK")):
        target = tmp_path / f"consolidado{suffix}"
        monkeypatch.setattr(kit, "save_file", lambda *a, target=target, **k: str(target.with_suffix("")))
        (page.pdf_button if suffix == ".pdf" else page.xlsx_button).click()
        assert target.read_bytes().startswith(magic)
        assert str(target) in page.result.text()
    assert ministry_ctx.errors == []


def test_a_focal_points_store_only_explains(qtbot, page_ctx, settings):
    page = show(qtbot, MinistryPage(page_ctx, settings=settings))
    assert page.territorial_notice.isVisible() and not page.body.isVisible()
    assert "mesa territorial (San José de Cúcuta" in page.territorial_notice.text()
    assert "Envío al Ministerio" in page.territorial_notice.text()
    assert not page.import_button.isEnabled()
    assert page_ctx.errors == []


@pytest.mark.slow  # over a second: a real import on the database thread
def test_the_import_runs_off_the_gui_thread(qtbot, empty_consolidation, inbox, tmp_path, monkeypatch):
    from ui.context import AppContext
    from ui.tasks import ThreadRunner

    folder = tmp_path / "hilos"
    folder.mkdir()
    shutil.copy(empty_consolidation, folder / "ministerio.sqlite")
    store = Store(folder / "ministerio.sqlite")
    try:
        ctx = AppContext(store, ThreadRunner)
        errors = []
        ctx.error.connect(errors.append)
        settings = QSettings(str(tmp_path / "hilos.ini"), QSettings.Format.IniFormat)
        settings.setValue(ministry.IDENTITY_SETTING, str(MINISTRY_KEY))
        page = MinistryPage(ctx, settings=settings)
        with qtbot.waitSignal(page.loaded, timeout=20000):
            show(qtbot, page)
        with qtbot.waitSignal(page.relay.advanced, timeout=20000):
            import_files(page, monkeypatch, inbox["medellin"], inbox["pasto"])
        qtbot.waitUntil(
            lambda: page.last_report is not None and page.view is not None and page.view.reported == 2,
            timeout=30000,
        )
        ctx.runner.wait()
        assert errors == [] and page.last_report.summary.count("imported") == 2
    finally:
        ctx.runner.wait()
        store.close()


@pytest.mark.slow  # over a second: the whole suite runs it, --fast does not
def test_a_first_key_is_confirmed_on_screen_with_the_oficios_fingerprint(
    page, ministry_ctx, inbox, monkeypatch
):
    from mesa_desktop.bundle import encryption, reader

    import_files(page, monkeypatch, inbox["medellin"])
    page.only_reported.setChecked(True)
    [row] = national_rows(page)
    # The reason for the red is its own column, with the date left whole beside it.
    assert row[KEY] == "Sin verificar" and "llave" not in row[LAST]
    index = page.proxy.index(0, KEY)
    assert "no está verificada" in index.data(ministry.Qt.ItemDataRole.ToolTipRole)
    # At 1366×768 both columns show their text whole once scrolled to the right.
    page.resize(1366, 768)
    page.only_reported.setChecked(False)
    metrics = page.table.fontMetrics()
    for column in (LAST, KEY):
        longest = max(metrics.horizontalAdvance(r[column]) for r in national_rows(page)[:200] + [row])
        assert page.table.columnWidth(column) >= longest + 8, (
            column,
            page.table.columnWidth(column),
            longest,
        )
    page.only_reported.setChecked(True)
    assert index.data(ministry.Qt.ItemDataRole.ForegroundRole).color().name() == ministry.style.BAD.lower()
    assert table_texts(page.keys_table, 3) == [ministry.UNVERIFIED_TEXT]
    page.keys_table.selectRow(0)
    assert page.confirm_key_button.isEnabled() and not page.accept_key_button.isEnabled()

    monkeypatch.setattr(ministry, "ask_fingerprint", lambda *a: "0000 " * 10)
    page.confirm_key_button.click()
    assert len(ministry_ctx.errors) == 1 and "La huella no coincide" in ministry_ctx.errors[0]
    assert page.keys_table.rowCount() == 1

    signer = reader.open_bundle(
        inbox["medellin"].read_bytes(), encryption.load_identities(MINISTRY_KEY)
    ).signer
    monkeypatch.setattr(ministry, "ask_fingerprint", lambda *a: signer.fingerprint)
    page.confirm_key_button.click()

    assert len(ministry_ctx.errors) == 1
    assert "Huella confirmada" in page.result.text() and "Medellín" in page.result.text()
    assert page.keys_table.rowCount() == 0
    [row] = national_rows(page)
    assert row[KEY] == "Verificada"


@pytest.mark.slow  # over a second: real imports through the page
def test_receipts_go_back_by_email_to_each_focal_point(page, ministry_ctx, inbox, monkeypatch):
    import email
    from email.policy import default

    assert not page.mail_button.isEnabled()  # nothing imported yet
    import_files(page, monkeypatch, inbox["medellin"], inbox["pasto"])
    assert page.mail_button.isEnabled() and page.mail_button.text() == "Enviar acuses por correo (2)"
    assert "devuélvalos a cada punto focal con «Enviar acuse por correo»" in page.result.text()
    folders = []
    monkeypatch.setattr(ministry, "open_folder", lambda folder, parent=None: folders.append(folder))

    page.mail_button.click()

    assert ministry_ctx.errors == []
    folder = inbox["medellin"].parent
    assert folders == [folder]
    assert "Se crearon 2 borradores de correo (.eml)" in page.result.text()
    assert not page.work.busy and page.mail_button.isEnabled()
    for bundle in (inbox["medellin"], inbox["pasto"]):
        receipt = bundle.with_suffix(".acuse")
        draft = receipt.with_name(receipt.name + ".eml")
        message = email.message_from_bytes(draft.read_bytes(), policy=default)
        assert message["X-Unsent"] == "1" and message["To"].addresses[0].addr_spec.startswith(
            "migracionysalud@"
        )
        assert message["Subject"].startswith("Acuse de recibo del paquete n.º ")
        [attached] = list(message.iter_attachments())
        assert attached.get_filename() == receipt.name and attached.get_content() == receipt.read_bytes()

    # One bundle: its draft opens in the mail client, or its folder when no client opens it.
    import_files(page, monkeypatch, inbox["medellin"])
    assert page.mail_button.text() == "Enviar acuse por correo"
    opened = []
    monkeypatch.setattr(ministry, "open_with_system", lambda path, parent=None: opened.append(path))
    page.mail_button.click()
    assert [p.name for p in opened] == [inbox["medellin"].with_suffix(".acuse").name + ".eml"]
    assert page.result.text().startswith("Se abrió el correo para migracionysalud@")
    no_client = "No se encontró un programa para abrir el borrador: se abrió su carpeta."
    monkeypatch.setattr(ministry, "open_with_system", lambda path, parent=None: no_client)
    page.mail_button.click()
    assert page.result.text().startswith(f"{no_client} Ábralo con su programa de correo.")

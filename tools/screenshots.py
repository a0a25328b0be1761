"""Screenshots of every main screen on a demo store, at 1366×768, for the README and for review.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py
    QT_QPA_PLATFORM=offscreen .venv/bin/python tools/screenshots.py [--out docs/screenshots]

Runs under the current QPA platform; builds the demo mesa (services.demo) in a temporary
store, adds a session happening today with a few arrivals so the live screens have something
to show, and saves ``window.grab()`` of each page.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import datetime, time, timedelta
from pathlib import Path

from mesa_desktop import clock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZE = (1366, 768)


def prepare_store(folder: Path):
    from mesa_desktop.services import attendance, conformation, demo, sessions
    from mesa_desktop.store import Store

    store = Store(folder / "mesa.sqlite")
    demo.build_demo(store)
    today = sessions.new_session(
        store,
        on=clock.today(),
        kind="ordinary",
        template="ordinary",
        start_time=time(9, 0),
        end_time=time(12, 0),
        modality="hybrid",
        virtual_link="https://meet.example.gov.co/mesa",
        convocation_date=clock.today() - timedelta(days=15),
    )
    members = [d for d in conformation.list_members(store) if not d.invited]
    # Arrivals in the last hour, so none is later than now whenever the shots are taken.
    start = datetime.now().astimezone().replace(second=0, microsecond=0) - timedelta(minutes=50)
    sessions.open_session(store, today.id, at=start - timedelta(minutes=5))
    for index, dependency in enumerate(members[:5]):
        person = dependency.people[1] if len(dependency.people) > 1 else dependency.people[0]
        attendance.check_in(store, today.id, person.id, at=start + timedelta(minutes=3 * index))
    invited = next(d for d in conformation.list_members(store) if d.invited and d.people)
    attendance.check_in(store, today.id, invited.people[0].id, at=start + timedelta(minutes=16))
    chair = members[0].people[1] if len(members[0].people) > 1 else members[0].people[0]
    sessions.set_presiders(
        store,
        today.id,
        [
            chair.id,
            ("Luz Marina Ortega", "Profesional especializada", "Ministerio de Salud y Protección Social"),
        ],
    )
    return store, today


def shoot(out: Path) -> list[Path]:
    from PySide6.QtCore import QEvent, QSettings
    from PySide6.QtWidgets import QApplication

    from ui.app import make_application
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.pages import PAGES
    from ui.tasks import SyncRunner

    app = QApplication.instance() or make_application(sys.argv[:1])
    out.mkdir(parents=True, exist_ok=True)
    saved: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store, today = prepare_store(folder)
        window = MainWindow(settings=QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
        window.resize(*SIZE)
        window.show()
        window.attach(AppContext(store, SyncRunner))

        def grab(name: str) -> None:
            for _ in range(3):
                app.processEvents()
            path = out / f"{name}.png"
            window.grab().save(str(path))
            saved.append(path)

        for number, page in enumerate(PAGES, 1):
            if page.key in ("ministry", "liaisons"):
                continue  # shot on a consolidation store (shoot_ministry); the national mesa's page
            if page.key == "exchange":
                send_and_acknowledge(store, folder)
            widget = window.show_page(page.key)
            if page.key == "attendance":
                widget.open_item(today.id)
                widget.search.setText("mar")
            if page.key == "acta":
                widget.open_item(today.id)
            grab(f"{number:02d}-{page.key}")
            if page.key == "acta":
                widget.tabs.setCurrentWidget(widget.record)
                grab(f"{number:02d}-{page.key}-sesion")
                widget.tabs.setCurrentIndex(2)
                grab(f"{number:02d}-{page.key}-desarrollo")
                widget.tabs.setCurrentIndex(0)
        attendance_page = window.show_page("attendance")
        attendance_page.search.clear()
        attendance_page.open_walk_in("Nubia Esperanza Galvis")
        dialog = attendance_page.dialog
        for _ in range(3):
            app.processEvents()
        dialog.grab().save(str(out / "20-walk-in.png"))
        saved.append(out / "20-walk-in.png")
        dialog.reject()
        window.close()
        # Its pages' pending refresh timers go with it, instead of firing once the folder is gone.
        window.deleteLater()
        QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        store.close()
    return saved


def send_and_acknowledge(store, folder: Path) -> None:
    """Two exports of the demo mesa; the ministry acknowledged the first (a real receipt)."""
    from mesa_desktop.bundle import encryption, export, receipts
    from mesa_desktop.bundle.importer import Importer
    from mesa_desktop.store import Store
    from tests.support.bundles import ministry_receipt_key

    outbox = folder / "enviados"
    outbox.mkdir(exist_ok=True)
    now = datetime.now().astimezone()
    first = export.export_bundle(store, outbox, now=now - timedelta(days=34, hours=3))
    export.export_bundle(store, outbox, now=now - timedelta(days=2, hours=1))
    (folder / "ministerio").mkdir()
    ministry = Store(folder / "ministerio" / "ministerio.sqlite")
    try:
        Importer(
            ministry,
            identities=encryption.load_identities(MINISTRY_KEY),
            signing_key=ministry_receipt_key(),
            quarantine_dir=folder / "ministerio" / "cuarentena",
            receipts_dir=folder / "ministerio" / "acuses",
        ).import_paths([first.path])
    finally:
        ministry.close()
    receipts.import_receipt(
        store, folder / "ministerio" / "acuses" / receipts.receipt_file_name(first.file_name)
    )


MINISTRY_KEY = ROOT / "tests" / "fixtures" / "keys" / "ministerio-prueba.key"


def consolidation_inbox(folder: Path) -> list[Path]:
    """What a ministry analyst receives in a month: bundles of about four in ten territories
    (made from the demo mesa by the benchmark's generator), one from a reinstalled laptop
    (held for a key change) and an attachment that is not a bundle."""
    import random

    from mesa_desktop import territories
    from mesa_desktop.bundle import encryption
    from tests.support import bundle_generator

    rng = random.Random(2026)
    codes = [t.code for t in territories.all_territories() if rng.random() < 0.4]
    recipients = encryption.load_recipients(MINISTRY_KEY.with_suffix(".pub"))
    template = bundle_generator.demo_snapshot()
    inbox = folder / "correo"
    made = bundle_generator.generate_bundles(
        inbox, len(codes), recipients=recipients, template=template, codes=codes
    )
    again = bundle_generator.generate_bundles(
        folder / "portatil-nuevo",
        1,
        recipients=recipients,
        template=template,
        codes=[made[3].territory_code],
        seed=7,
        now=datetime.now().astimezone() + timedelta(minutes=1),
    )
    garbage = inbox / "mesa-15001-20261103-2.mesa"
    garbage.write_bytes(b"Respuesta automatica: el buzon esta lleno.\n" * 30)
    return [inbox, again[0].path]


def shoot_ministry(out: Path) -> Path:
    """Consolidación nacional on a consolidation store after a month of emails."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from mesa_desktop.store import Store
    from ui.context import AppContext
    from ui.pages.ministry.page import IDENTITY_SETTING, MinistryPage
    from ui.tasks import SyncRunner

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = consolidation_inbox(folder)
        (folder / "ministerio").mkdir()
        store = Store(folder / "ministerio" / "ministerio.sqlite")
        settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
        settings.setValue(IDENTITY_SETTING, str(MINISTRY_KEY))
        page = MinistryPage(AppContext(store, SyncRunner), settings=settings)
        page.setWindowTitle("Consolidación nacional — Mesa Desktop")
        page.resize(*SIZE)
        page.show()
        page.start_import([str(p) for p in paths])
        page.tabs.setCurrentIndex(0)
        for _ in range(3):
            QApplication.processEvents()
        path = out / "14-ministry.png"
        page.grab().save(str(path))
        page.close()
        store.close()
    return path


def shoot_first_run(out: Path) -> Path:
    from PySide6.QtCore import QSettings

    from mesa_desktop.store import Store
    from ui.context import AppContext
    from ui.main_window import MainWindow
    from ui.tasks import SyncRunner

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "mesa.sqlite")
        window = MainWindow(settings=QSettings(str(Path(tmp) / "s.ini"), QSettings.Format.IniFormat))
        window.resize(*SIZE)
        window.show()
        window.attach(AppContext(store, SyncRunner))
        wizard = window.first_run
        from PySide6.QtWidgets import QApplication

        for _ in range(3):
            QApplication.processEvents()
        wizard.grab().save(str(out / "00-first-run-inicio.png"))
        wizard.next()
        wizard.territory_page.department.setEditText("norte de sant")
        wizard.territory_page.municipality.setEditText("cucuta")
        for _ in range(3):
            QApplication.processEvents()
        path = out / "00-first-run-territorio.png"
        wizard.grab().save(str(path))
        wizard.reject()
        window.close()
        store.close()
    return path


def shoot_send_dialog(out: Path) -> Path:
    """The dialog after "Generar paquete…" (shipped test key), once "Enviar por correo" wrote the draft."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from ui.context import AppContext
    from ui.pages import exchange
    from ui.pages import page_kit as kit
    from ui.tasks import SyncRunner

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        store, _today = prepare_store(folder)
        (folder / "enviados").mkdir()
        page = exchange.ExchangePage(
            AppContext(store, SyncRunner),
            settings=QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat),
        )
        page.resize(*SIZE)
        page.show()
        dialogs: list = []
        saved_run, saved_choose, saved_open = (
            kit.run_dialog,
            exchange.choose_folder,
            exchange.open_with_system,
        )

        def keep(dialog) -> bool:
            dialogs.append(dialog)
            return True

        kit.run_dialog = keep
        exchange.choose_folder = lambda *a, **k: str(folder / "enviados")
        exchange.open_with_system = lambda path, parent=None: None  # no mail client starts for the shot
        try:
            page.export_button.click()
            [dialog] = dialogs
            dialog.show()
            dialog.send_button.click()
            for _ in range(3):
                QApplication.processEvents()
            path = out / "22-send-dialog.png"
            dialog.grab().save(str(path))
            dialog.close()
        finally:
            kit.run_dialog, exchange.choose_folder, exchange.open_with_system = (
                saved_run,
                saved_choose,
                saved_open,
            )
        page.close()
        store.close()
    return path


def shoot_room(out: Path) -> list[Path]:
    """The room's screen (projector) at 1366×768 without quorum, and at 1920×1080 with it."""
    from PySide6.QtWidgets import QApplication

    from mesa_desktop.services import attendance, conformation
    from ui.context import AppContext
    from ui.room_screen import RoomScreen
    from ui.tasks import SyncRunner

    saved = []
    with tempfile.TemporaryDirectory() as tmp:
        store, today = prepare_store(Path(tmp))
        room = RoomScreen(AppContext(store, SyncRunner), follow=lambda: today.id)
        room.resize(*SIZE)
        room.show()
        room.move_item(2)
        for name, size in (("21-room", SIZE), ("21-room-1920", (1920, 1080))):
            if name == "21-room-1920":  # two more delegations arrive: quorum
                members = [d for d in conformation.list_members(store) if not d.invited]
                for dependency in members[5:7]:
                    attendance.check_in(store, today.id, dependency.people[0].id)
                room.reload()
            room.resize(*size)
            for _ in range(3):
                QApplication.processEvents()
            path = out / f"{name}.png"
            room.grab().save(str(path))
            saved.append(path)
        room.close()
        store.close()
    return saved


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    saved = shoot(args.out)
    saved.append(shoot_first_run(args.out))
    saved.append(shoot_ministry(args.out))
    saved.append(shoot_send_dialog(args.out))
    saved.extend(shoot_room(args.out))
    for path in saved:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

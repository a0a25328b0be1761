"""``mesa-desktop --self-test``: the whole app exercised headless in a temporary folder.

What an installer's check needs to know works on this machine: the store (SQLite, Alembic),
the demo, a check-in, both PDFs (ReportLab and its fonts), a bundle encrypted and signed for a
freshly made ministry key and opened again with the project's own reader, a backup and its
restore, and the main window shown offscreen and closed. One Spanish line per step; exit 0 when
every step passed, 1 otherwise. The frozen builds run this same code.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# A PDF page object, not the /Pages tree node.
_PAGE = re.compile(rb"/Type\s*/Page(?![a-zA-Z])")


class StepFailed(Exception):
    """A check that did not hold, with its reason in Spanish."""


@dataclass
class _State:
    # Set by the first step; the steps chained to it run only when it passed.
    folder: Any = None  # Path
    store: Any = None  # mesa_desktop.store.Store, or None once the window step closed it
    session_number: str = ""
    person: str = ""
    facts: dict[str, Any] = field(default_factory=dict)


def _check_pdf(path: Path) -> int:
    data = Path(path).read_bytes()
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
        raise StepFailed(f"{Path(path).name} no es un PDF completo")
    pages = len(_PAGE.findall(data))
    if pages < 1:
        raise StepFailed(f"{Path(path).name} no tiene páginas")
    return pages


def _reason(error: BaseException) -> str:
    from mesa_desktop.errors import MesaError

    if isinstance(error, StepFailed | MesaError):
        return str(error)
    if isinstance(error, OSError):
        where = f" {error.filename}" if error.filename else ""
        return f"no se pudo leer o escribir{where}: {error.strerror or error}"
    return f"error inesperado ({type(error).__name__}: {error})"


# --- the steps -----------------------------------------------------------------------------------


def _store(state: _State) -> str:
    from mesa_desktop.store import HEAD_REVISION, Store

    state.folder = Path(tempfile.mkdtemp(prefix="mesa-autoprueba-"))
    state.store = Store(state.folder / "mesa.sqlite")
    revision = state.store.revision()
    if revision != HEAD_REVISION:
        raise StepFailed(f"el esquema quedó en la revisión {revision}, se esperaba {HEAD_REVISION}")
    return f"Almacén creado en una carpeta temporal ({state.folder})"


def _demo(state: _State) -> str:
    from mesa_desktop.services import demo

    result = demo.build_demo(state.store)
    return (
        f"Demostración cargada: {result['mesa']}, {result['sessions']} sesiones, {result['people']} personas"
    )


def _check_in(state: _State) -> str:
    from mesa_desktop import clock
    from mesa_desktop.services import attendance, conformation, sessions

    # A session today, so the check-in is neither in the future nor in a closed session.
    info = sessions.new_session(state.store, on=clock.today(), kind="extraordinary")
    people = [p for p in conformation.list_people(state.store) if p.dependency_id is not None]
    if not people:
        raise StepFailed("la demostración no tiene integrantes activos")
    result = attendance.check_in(state.store, info.number, people[0].id)
    if not result.changed:
        raise StepFailed("la llegada no quedó registrada")
    state.session_number = info.number
    state.person = result.attendee.full_name
    return f"Llegada registrada en la sesión {info.number}: {state.person}"


def _acta(state: _State) -> str:
    from mesa_desktop.documents.acta import write_acta
    from mesa_desktop.services import actas, document_data, sessions

    session = sessions.get_session(state.store, state.session_number)
    if actas.current_acta(state.store, session.id) is None:
        actas.ensure_draft(state.store, session.id)
    path = write_acta(document_data.acta_data(state.store, session.id), state.folder / "acta.pdf")
    pages = _check_pdf(path)
    return f"Acta en PDF ({pages} {'página' if pages == 1 else 'páginas'})"


def _signed_acta(state: _State) -> str:
    from mesa_desktop.services import actas, sessions
    from mesa_desktop.services.acta_signing import sign_acta

    # The demo's approved acta, signed with the installation's own certificate (pyHanko).
    approved = [
        s.number
        for s in sessions.list_sessions(state.store)
        if (acta := actas.current_acta(state.store, s.id)) is not None and acta.status == "approved"
    ]
    if not approved:
        raise StepFailed("la demostración no tiene actas aprobadas")
    signed = sign_acta(state.store, approved[0], state.folder / "acta-firmada.pdf")
    data = Path(signed.path).read_bytes()
    _check_pdf(signed.path)
    if b"/ByteRange" not in data:
        raise StepFailed("el acta firmada no lleva firma")
    return f"Acta {signed.number} firmada (PAdES, certificado de la instalación)"


def _attendance_sheet(state: _State) -> str:
    from mesa_desktop.documents.attendance_sheet import write_attendance_sheet
    from mesa_desktop.services import document_data, sessions

    session = sessions.get_session(state.store, state.session_number)
    data = document_data.attendance_sheet_data(state.store, session.id)
    if not any(a.name == state.person for a in data.attendees):
        raise StepFailed(f"el listado no incluye a {state.person}")
    path = write_attendance_sheet(data, state.folder / "asistencia.pdf")
    pages = _check_pdf(path)
    return f"Listado de asistencia en PDF ({pages} {'página' if pages == 1 else 'páginas'})"


def _bundle(state: _State) -> str:
    from mesa_desktop.bundle import encryption, export, keys, reader

    ministry = keys.create_ministry_keys(state.folder / "ministerio")
    outbox = state.folder / "envios"
    outbox.mkdir()
    result = export.export_bundle(state.store, outbox, to=ministry.public_path)
    verdict = reader.verify_file(result.path, encryption.load_identities(ministry.identity_path))
    if not verdict.ok:
        raise StepFailed(f"el paquete no se pudo verificar: {verdict.message}")
    if sum(verdict.rows.values()) != sum(result.rows.values()):
        raise StepFailed("el paquete descifrado no tiene los registros exportados")
    return f"Paquete {result.file_name} cifrado, firmado y verificado con una llave nueva del Ministerio"


def _backup(state: _State) -> str:
    from mesa_desktop.services import attendance

    store = state.store
    copy = store.backup_to(state.folder / "copia.sqlite")
    # A change after the copy must be gone once the copy is restored.
    attendance.check_out(store, state.session_number, state.person)
    store.restore_from(copy)
    rows = attendance.list_attendance(store, state.session_number)
    if [(a.full_name, a.check_out_at) for a in rows] != [(state.person, None)]:
        raise StepFailed("la copia restaurada no devolvió el almacén al estado copiado")
    if store.quick_check() != "ok":
        raise StepFailed("el almacén restaurado no pasó la verificación de integridad")
    return "Copia de seguridad hecha y restaurada"


def _window(state: _State) -> str:
    from PySide6.QtCore import QEventLoop, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from ui.app import Application
    from ui.main_window import MainWindow

    location = str(state.store.file)
    state.store.close()
    state.store = None
    app = QApplication.instance()
    assert isinstance(app, QApplication)  # main() made it before the steps
    # Its own settings file: the user's window geometry and recent stores stay untouched.
    window = MainWindow(QSettings(str(state.folder / "ajustes.ini"), QSettings.Format.IniFormat))
    controller = Application(window, location)
    loop = QEventLoop()
    shown: list[str] = []

    def on_ready() -> None:
        shown.append("ready")
        loop.quit()

    window.ready.connect(on_ready)
    window.painted.connect(lambda: QTimer.singleShot(0, controller.open_store))
    QTimer.singleShot(60_000, loop.quit)
    start = time.perf_counter()
    window.show()
    loop.exec()
    elapsed = time.perf_counter() - start
    try:
        if not shown:
            raise StepFailed("la ventana principal no mostró los datos de la mesa en 60 s")
        if controller.store is None:
            raise StepFailed("la ventana principal no abrió el almacén")
        pages = _page_modules()
    finally:
        controller.close_store()
        window.close()
        window.deleteLater()
        app.processEvents()
    return (
        f"Ventana principal abierta con la mesa ({app.platformName()}, {elapsed:.1f} s, "
        f"{pages} páginas) y cerrada"
    )


def _page_modules() -> int:
    """Every page's module is there (pages are imported by name: a frozen build could miss one
    and show «disponible próximamente» instead)."""
    import importlib

    from ui import pages

    names = [p.factory.partition(":")[0] for p in pages.PAGES if isinstance(p.factory, str)]
    missing = []
    for name in names:
        try:
            importlib.import_module(name)
        except ModuleNotFoundError:
            missing.append(name)
    if missing:
        raise StepFailed(f"faltan las páginas {', '.join(missing)}")
    return len(pages.PAGES)


def _qt_spanish(_state: _State) -> str:
    from PySide6.QtCore import QCoreApplication

    # Qt's own texts (file dialogs, standard buttons) come from its shipped qtbase_es.qm.
    texts = [
        QCoreApplication.translate(c, t)
        for c, t in (("QFileDialog", "Look in:"), ("QPlatformTheme", "Cancel"))
    ]
    if texts == ["Look in:", "Cancel"]:
        raise StepFailed("no se cargó la traducción de Qt (qtbase_es.qm)")
    return f"Textos de Qt en español («{texts[0]}», «{texts[1]}»)"


# (label, step, in the chain: each chained step builds on the chained ones before it)
STEPS: list[tuple[str, Callable[[_State], str], bool]] = [
    ("Textos de Qt en español", _qt_spanish, False),
    ("Almacén en una carpeta temporal", _store, True),
    ("Demostración", _demo, True),
    ("Registro de llegada", _check_in, True),
    ("Acta en PDF", _acta, True),
    ("Acta firmada", _signed_acta, True),
    ("Listado de asistencia en PDF", _attendance_sheet, True),
    ("Paquete para el Ministerio", _bundle, True),
    ("Copia de seguridad y restauración", _backup, True),
    ("Ventana principal", _window, True),
]


def run(out=None) -> int:
    """Run every step (a QApplication must exist); 0 when all passed, 1 otherwise."""
    from mesa_desktop.bundle.installation import DATA_DIR_ENV

    out = out or sys.stdout
    if out is sys.stdout and hasattr(out, "reconfigure"):
        # Windows writes a redirected stdout in the ANSI code page, which has no ✓ or ✗.
        out.reconfigure(encoding="utf-8", errors="replace")
    state = _State()
    # Keys and certificates the steps create go beside the temporary store, never the user's.
    saved_data_dir = os.environ.pop(DATA_DIR_ENV, None)
    failed: str | None = None  # the first step that failed
    blocked: str | None = None  # the one the remaining chained steps depend on
    passed = 0
    started = time.perf_counter()
    try:
        for label, step, chained in STEPS:
            if chained and blocked is not None:
                print(f"✗ {label}: no se probó porque falló «{blocked}»", file=out, flush=True)
                continue
            try:
                print(f"✓ {step(state)}", file=out, flush=True)
                passed += 1
            except Exception as error:
                failed = failed or label
                if chained:
                    blocked = blocked or label
                print(f"✗ {label}: {_reason(error)}", file=out, flush=True)
    finally:
        if saved_data_dir is not None:
            os.environ[DATA_DIR_ENV] = saved_data_dir
        if state.store is not None:
            state.store.close()
        if state.folder is not None:
            shutil.rmtree(state.folder, ignore_errors=True)
    seconds = time.perf_counter() - started
    if failed is None:
        print(f"Autoprueba superada: {passed} de {len(STEPS)} pasos en {seconds:.1f} s.", file=out)
        return 0
    print(f"Autoprueba fallida: {passed} de {len(STEPS)} pasos superados.", file=out)
    return 1

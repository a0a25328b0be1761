"""Entry point of the desktop app: ``mesa-desktop [--db PATH]``.

Start-up order matters for the first paint: Qt, the style and the empty window come first;
the store (SQLAlchemy, maybe Alembic) is opened only after the window has painted once. When
the summary the last run kept still describes the store (``mesa_desktop.summary``: standard
library only), the home page shows the mesa's data from it first, and the store opens after
that page has painted; the page then reloads from the store.

``MESA_EXIT_AFTER=paint`` or ``=ready`` quits right after the first paint or once the first
page shows the mesa's data, so a benchmark can time a real start-up from outside.

``--self-test`` runs ``ui.self_test`` headless instead of the app. Qt's own arguments
(``-platform offscreen``, ``-style``…) reach Qt: Wine drops every ``QT_*`` variable.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

try:
    from PySide6.QtCore import QObject, QTimer
    from PySide6.QtWidgets import QApplication
except ModuleNotFoundError as _missing:
    # A core-only install (`pip install --no-deps`): one line, not a traceback.
    if (_missing.name or "").partition(".")[0] not in ("PySide6", "shiboken6"):
        raise
    print(
        "Falta PySide6: la aplicación de escritorio lo necesita. Instálelo con "
        "«pip install mesa-desktop» (o «pip install PySide6-Essentials») y vuelva a abrirla.",
        file=sys.stderr,
    )
    raise SystemExit(1) from None

from ui import style
from ui.main_window import MainWindow

if TYPE_CHECKING:
    from mesa_desktop.store import Store
    from ui.context import AppContext
    from ui.pages.dashboard import DashboardPage

log = logging.getLogger("ui.app")
ORGANIZATION = "MesaDesktop"
APPLICATION = "Mesa Desktop"
_STARTED = time.perf_counter()


def parse_args(argv: list[str] | None) -> tuple[argparse.Namespace, list[str]]:
    """Our options, and the rest for Qt (``-platform offscreen``); Qt refuses what it does not
    know."""
    parser = argparse.ArgumentParser(
        prog="mesa-desktop",
        description="Mesa técnica territorial de migración y salud (aplicación de escritorio).",
    )
    parser.add_argument(
        "--db", metavar="RUTA", help="archivo del almacén (por defecto, el de su usuario o $MESA_DB)"
    )
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="probar la instalación sin pantalla (almacén temporal, documentos, paquete, ventana) y salir",
    )
    return parser.parse_known_args(argv)


def log_file() -> Path:
    from platformdirs import user_log_path

    return user_log_path("MesaDesktop", appauthor=False, ensure_exists=True) / "mesa-desktop.log"


def setup_logging() -> None:
    import logging.handlers

    try:
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            log_file(), maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def diagnostics(ctx=None) -> str:
    """What support needs, without personal data: versions, store health, recent log lines."""
    import platform

    from PySide6 import __version__ as pyside_version

    from mesa_desktop import __version__

    lines = [
        f"Mesa Desktop {__version__}",
        f"Python {platform.python_version()} · PySide6 {pyside_version} · {platform.platform()}",
    ]
    if ctx is not None:
        store = ctx.store
        lines.append(f"Almacén: {store.file or store.url}")
        try:
            lines.append(f"Revisión del esquema: {store.revision()} · quick_check: {store.quick_check()}")
        except Exception as error:
            lines.append(f"No se pudo revisar el almacén: {error}")
    try:
        tail = log_file().read_text(encoding="utf-8", errors="replace").splitlines()[-150:]
        lines += ["", "Registro (últimas líneas):", *tail]
    except OSError:
        pass
    return "\n".join(lines)


class Application(QObject):
    """Owns the opened store and its context; reopens when the user picks another store."""

    def __init__(self, window: MainWindow, location: str | None):
        super().__init__(window)
        self.window = window
        self.location = location
        self.store: Store | None = None
        self.ctx: AppContext | None = None
        window.store_requested.connect(self.open_store)

    def open_store(self, location: str | None = None) -> bool:
        from mesa_desktop.errors import MesaError
        from mesa_desktop.store import Store
        from ui.context import AppContext
        from ui.tasks import ThreadRunner

        location = location if location is not None else self.location
        try:
            store = Store(location)
        except MesaError as error:
            self._refused(str(error))
            return False
        except Exception:
            log.exception("Could not open store %s", location)
            self._refused(
                "No se pudo abrir el almacén. Verifique que el archivo exista y que tenga permiso "
                "para escribir en esa carpeta, o elija otro en «Archivo › Abrir o crear almacén»."
            )
            return False
        self.close_store()
        self.store = store
        self.location = location
        self.ctx = AppContext(store, ThreadRunner, self)
        self.window.attach(self.ctx)
        log.info("Opened store %s", store.url)
        if store.notice:  # repaired while opening (an interrupted upgrade): the user must know
            log.warning("Store repaired on open: %s", store.notice)
            from ui.widgets import dialogs

            dialogs.inform(self.window, "Almacén reparado", store.notice)
        return True

    def show_summary(self) -> DashboardPage | None:
        """Show the home page from the summary, if it is the store's as it is now."""
        from mesa_desktop import clock, summary

        try:
            content = summary.read(summary.store_file(self.location), clock.today())
        except Exception:  # a summary only saves time: never a reason not to start
            log.exception("Could not read the home page's summary")
            return None
        return self.window.show_summary(content) if content is not None else None

    def keep_summary(self) -> None:
        """Before closing: make the summary the next start paints from, if it is out of date."""
        store = self.store
        if store is None or store.file is None:
            return
        from datetime import timedelta

        from mesa_desktop import clock, summary
        from mesa_desktop.operations import dashboard as dashboard_ops
        from ui.pages.dashboard import overview_content

        try:
            today = clock.today()
            # The days ahead too: tomorrow's first start counts its days from its own date.
            days = [today + timedelta(days=n) for n in range(summary.DAYS_AHEAD)]
            if set(days) <= summary.days_kept(store.file):
                return  # still the store's: nothing changed since it was written
            overviews = dashboard_ops.days_ahead_view(store, days)
            stamp = overviews[today].fingerprint if overviews else None
            if overviews and stamp is not None:
                texts = {day: overview_content(overview) for day, overview in overviews.items()}
                summary.write(store.file, stamp, texts)
        except Exception:
            log.exception("Could not keep the home page's summary")

    def _refused(self, message: str) -> None:
        self.window.drop_preview()
        if self.store is None:
            self.window.loading.label.setText(
                "No se abrió ningún almacén. Elija uno en «Archivo › Abrir o crear almacén»."
            )
        self.window.show_error(message)

    def close_store(self) -> None:
        if self.store is None or self.ctx is None:  # both are set together
            return
        has_mesa = self.window.mesa is not None and not self.window.consolidating
        self.window.detach()
        self.ctx.runner.wait()
        if has_mesa:
            self.keep_summary()
        try:
            result = self.store.quick_check()
            if result != "ok":
                log.error("quick_check on close: %s", result)
        except Exception:
            log.exception("quick_check failed on close")
        self.store.close()
        self.store = self.ctx = None


def _excepthook(kind, value, trace) -> None:
    """Unexpected errors in a slot: log the detail, show people a sentence."""
    log.error("Unhandled error", exc_info=(kind, value, trace))
    app = QApplication.instance()
    window = (
        next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow)), None)
        if isinstance(app, QApplication)
        else None
    )
    if window is not None:
        from ui.tasks import describe

        window.show_error(describe(value))


def make_application(argv: list[str]) -> QApplication:
    if os.environ.get("LANG", "C") in ("C", "POSIX", ""):
        os.environ["LANG"] = "C.UTF-8"
    app = QApplication(argv)
    app.setOrganizationName(ORGANIZATION)
    app.setApplicationName(APPLICATION)
    app.setDesktopFileName("mesa-desktop")  # the menu entry's icon and name (build/linux/)
    style.install_translations(app)
    style.apply(app)
    _set_icon(app)
    return app


def _set_icon(app: QApplication) -> None:
    from PySide6.QtGui import QIcon

    from mesa_desktop.errors import StoreError
    from mesa_desktop.resources import resource_path

    try:  # PNG: Qt reads it without an image-format plugin (the frozen build ships none)
        app.setWindowIcon(QIcon(str(resource_path("icons", "mesa-desktop-256.png"))))
    except StoreError:
        pass


def _preload_core() -> None:
    """Import the database layer while Qt starts and paints (it is most of the start-up)."""
    import importlib

    # SQLAlchemy, the models and the services the first screens call; no Qt module here.
    for name in (
        "mesa_desktop.store",
        "mesa_desktop.services.conformation",
        "mesa_desktop.services.sessions",
        "mesa_desktop.services.commitments",
        "mesa_desktop.services.actas",
        "mesa_desktop.services.action_plan",
        "mesa_desktop.services.compliance",
    ):
        try:
            importlib.import_module(name)
        except Exception:
            return


def _summary_kept(location: str | None) -> bool:
    """Whether a summary of the home page lies beside the store (read and checked later)."""
    from mesa_desktop import summary

    try:
        file = summary.store_file(location)
        return file is not None and summary.summary_path(file).is_file()
    except Exception:  # an odd location: the store's own opening will say what is wrong
        return False


def main(argv: list[str] | None = None) -> int:
    args, qt_args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test and not any(a in ("-platform", "--platform") for a in qt_args):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # headless unless told otherwise
    app = make_application([sys.argv[0] if sys.argv and sys.argv[0] else "mesa-desktop", *qt_args])
    unknown = app.arguments()[1:]  # Qt took its own; whatever is left is a mistake
    if unknown:
        print(
            f"Uso incorrecto: argumentos no reconocidos: {' '.join(unknown)}. Vea «mesa-desktop --help».",
            file=sys.stderr,
        )
        return 2
    if args.self_test:
        from ui import self_test

        return self_test.run()
    exit_after = os.environ.get("MESA_EXIT_AFTER", "")
    window = MainWindow()
    controller = Application(window, args.db)

    def trace(what: str) -> None:
        if exit_after:
            print(f"mesa-desktop: {what} {1000 * (time.perf_counter() - _STARTED):.0f} ms", file=sys.stderr)

    def after_paint() -> None:
        trace("first_paint")
        if exit_after == "paint":
            app.quit()
            return
        sys.excepthook = _excepthook
        preview = controller.show_summary() if summary_kept else None
        if preview is not None:
            # The mesa's data are on screen once that page paints; the store opens after.
            preview.painted.connect(lambda: trace("home_painted"))
            preview.painted.connect(lambda: QTimer.singleShot(0, lambda: open_store(True)))
            return
        open_store(False)

    def open_store(from_summary: bool) -> None:
        setup_logging()  # after the summary's page: its import (sockets) is not needed before
        if from_summary:
            log.info("Home page shown from the summary while the store opened")
        if preload.ident is None:  # not started yet
            preload.start()
        preload.join()
        controller.open_store()

    def when_ready() -> None:
        trace("ready")
        if exit_after == "ready":
            QTimer.singleShot(0, app.quit)

    # Open the store once the window has painted: the user sees it at once.
    window.painted.connect(lambda: QTimer.singleShot(0, after_paint))
    window.ready.connect(when_ready)
    # Qt lays out and paints in C++ without holding the GIL, so the import overlaps with it;
    # but with a summary to show, the import would only slow that page down: it waits.
    import threading

    summary_kept = _summary_kept(args.db)
    preload = threading.Thread(target=_preload_core, name="preload-core", daemon=True)
    if not summary_kept:
        preload.start()
    window.show()
    code = app.exec()
    controller.close_store()
    return code


if __name__ == "__main__":
    sys.exit(main())

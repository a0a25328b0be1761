"""The main window: navigation, pages, menus, shortcuts, status bar, remembered state.

This module is imported before the first paint, so it must not import the core at module
level (SQLAlchemy alone costs more than the whole window), and it keeps Qt's costlier lazy
types (the ``Qt`` namespace, ``QStyle``, dialogs) out of the way until after that paint.
Pages are built the first time they are shown. The home page may show before the store is
open, from the summary the last run kept (``show_summary``); it becomes the real page when
the store opens, and reloads from it.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSettings, QSize, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from mesa_desktop import clock
from ui import pages as registry
from ui.widgets import dialogs

if TYPE_CHECKING:
    from ui.context import AppContext
    from ui.first_run import FirstRunWizard
    from ui.pages.dashboard import DashboardPage
    from ui.room_screen import RoomScreen

log = logging.getLogger(__name__)

APP_TITLE = "Mesa Desktop"
SHORTCUT_HELP = """
<table cellpadding="3">
<tr><td><b>Ctrl+1 … Ctrl+9</b></td><td>Ir a las secciones de la barra izquierda</td></tr>
<tr><td><b>Ctrl+N</b></td><td>Nueva sesión</td></tr>
<tr><td><b>Ctrl+F</b></td><td>Asistencia en vivo: buscar persona</td></tr>
<tr><td><b>Escriba + Enter</b></td><td>Registrar la llegada de la primera persona encontrada</td></tr>
<tr><td><b>↑ / ↓</b></td><td>Elegir otra persona de la lista</td></tr>
<tr><td><b>Ctrl+Z</b></td><td>Deshacer el último registro de llegada</td></tr>
<tr><td><b>Supr</b></td><td>Registrar la salida de la persona seleccionada</td></tr>
<tr><td><b>F5</b></td><td>Actualizar</td></tr>
<tr><td><b>F11</b></td><td>Pantalla completa (proyector)</td></tr>
<tr><td><b>Ctrl+Mayús+P</b></td><td>Pantalla de sala; en ella F11, Esc y Av Pág / Re Pág</td></tr>
<tr><td><b>Alt+Av Pág / Alt+Re Pág</b></td><td>Pantalla de sala: punto siguiente / anterior</td></tr>
<tr><td><b>Ctrl+Q</b></td><td>Salir</td></tr>
</table>
"""


# What a ministry consolidation store shows (its data are many mesas, not one).
CONSOLIDATION_PAGES = {"ministry", "backup"}


class _Loading(QWidget):
    """What the window shows until the store is open (the first paint)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = QLabel("Abriendo el almacén de la mesa…", self)
        self.label.setObjectName("hint")
        self.action = QPushButton("Configurar la mesa…", self)
        self.action.setObjectName("primary")
        self.action.hide()
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        centred = QHBoxLayout()
        centred.addStretch(1)
        centred.addWidget(self.label)
        centred.addStretch(1)
        layout.addLayout(centred)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.action)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)


class MainWindow(QMainWindow):
    """Left navigation, stacked pages, menus. ``attach(ctx)`` binds it to an opened store."""

    painted = Signal()  # once, after the first paint (start-up measures and deferred loading)
    ready = Signal()  # the first page shows the mesa's data
    store_requested = Signal(str)  # Archivo › Abrir almacén: the application opens it

    def __init__(self, settings: QSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.settings = settings or QSettings()
        self.ctx: AppContext | None = None
        self.mesa = None  # conformation.MesaInfo once known
        self.consolidating = False  # the ministry's store: no mesa of its own
        self.first_run: FirstRunWizard | None = None  # the wizard while it is open
        self.room_screen: RoomScreen | None = None  # the projector's window, once opened
        self._pages: dict[str, QWidget] = {}
        self._preview: DashboardPage | None = None  # the home page from the summary, no store yet
        self._ready_sent = False
        self._painted = False
        self.setWindowTitle(APP_TITLE)
        self.setMinimumSize(QSize(980, 600))
        self._build_body()
        self._build_menus()
        self._build_status_bar()
        self._restore_geometry()

    # -- layout -------------------------------------------------------------------
    def _build_body(self) -> None:
        body = QWidget(self)
        layout = QHBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.navigation = QListWidget(body)
        self.navigation.setObjectName("navigation")
        self.navigation.setFixedWidth(212)
        self.navigation.setIconSize(QSize(18, 18))
        for number, page in enumerate(registry.PAGES, 1):
            item = QListWidgetItem(page.title)
            tip = page.hint + (f"  (Ctrl+{number})" if number <= 9 else "")
            item.setToolTip(tip)
            self.navigation.addItem(item)
        self.navigation.setEnabled(False)
        self.navigation.currentRowChanged.connect(self._on_row_changed)
        self.stack = QStackedWidget(body)
        self.loading = _Loading(self.stack)
        self.loading.action.clicked.connect(self.start_first_run)
        self.stack.addWidget(self.loading)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(body)

    def _action(self, menu, text: str, slot, shortcut: str | None = None, *, tip: str = ""):
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        """The menu titles now; their actions right after the first paint (``populate_menus``)."""
        bar = self.menuBar()
        self.menus = {
            key: bar.addMenu(title)
            for key, title in (
                ("file", "&Archivo"),
                ("session", "&Sesión"),
                ("view", "&Ver"),
                ("help", "A&yuda"),
            )
        }
        self._menus_populated = False

    def populate_menus(self) -> None:
        if self._menus_populated:
            return
        self._menus_populated = True
        file_menu, session_menu, view_menu, help_menu = self.menus.values()
        self._action(
            file_menu,
            "Abrir o crear almacén…",
            self.choose_store,
            "Ctrl+O",
            tip="Abre otro archivo de datos de la mesa, o crea uno nuevo.",
        )
        self.backup_action = self._action(
            file_menu,
            "Copia de seguridad ahora…",
            self.backup_now,
            tip="Guarda una copia completa del almacén en el archivo que elija.",
        )
        file_menu.addSeparator()
        self._action(file_menu, "Salir", self.close, "Ctrl+Q")

        self._action(session_menu, "Nueva sesión…", self.new_session, "Ctrl+N")
        self._action(session_menu, "Asistencia en vivo", lambda: self.show_page("attendance"))
        self._action(
            session_menu,
            "Pantalla de sala (proyector)…",
            self.open_room_screen,
            "Ctrl+Shift+P",
            tip="Abre una ventana para el proyector o el televisor: quórum, orden del día y hora.",
        )
        self._action(
            session_menu,
            "Sala: punto siguiente del orden del día",
            lambda: self.move_room_item(1),
            "Alt+PgDown",
        )
        self._action(
            session_menu,
            "Sala: punto anterior del orden del día",
            lambda: self.move_room_item(-1),
            "Alt+PgUp",
        )
        self._action(session_menu, "Acta de la sesión", lambda: self.show_page("acta"))

        self._action(view_menu, "Actualizar", self.refresh, "F5")
        self._action(view_menu, "Pantalla completa (proyector)", self.toggle_full_screen, "F11")
        view_menu.addSeparator()
        for number, page in enumerate(registry.PAGES[:9], 1):
            self._action(
                view_menu, page.title, lambda _=False, key=page.key: self.show_page(key), f"Ctrl+{number}"
            )

        self._action(help_menu, "Atajos de teclado", self.show_shortcuts, "F1")
        self._action(
            help_menu,
            "Copiar diagnóstico",
            self.copy_diagnostics,
            tip="Copia al portapapeles la información que necesita el soporte (sin datos personales).",
        )
        self._action(help_menu, "Acerca de Mesa Desktop", self.show_about)

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)  # indeterminate: "working…"
        self.busy.setFixedWidth(110)
        self.busy.setMaximumHeight(14)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.store_label = QLabel(self)
        status.addPermanentWidget(self.busy)
        status.addPermanentWidget(self.store_label)

    # -- geometry ---------------------------------------------------------------------
    def _restore_geometry(self) -> None:
        geometry = self.settings.value("window/geometry")
        if isinstance(geometry, QByteArray) and not geometry.isEmpty():
            self.restoreGeometry(geometry)
        else:
            # Fits a 1366×768 laptop screen with its task bar.
            self.resize(1280, 720)
        state = self.settings.value("window/state")
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)

    def save_state(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        key = self.current_key()
        if key:
            self.settings.setValue("window/page", key)
        self.settings.sync()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.painted.emit()
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self._populate_after_paint)

    def _populate_after_paint(self) -> None:
        preview = self._preview
        if preview is not None and not preview.was_painted:  # the mesa's data first, then menus
            from PySide6.QtCore import QTimer

            preview.painted.connect(lambda: QTimer.singleShot(0, self.populate_menus))
            return
        self.populate_menus()

    def _add_icons(self) -> None:
        """Navigation icons, after the first paint (``QStyle`` alone costs ~10 ms to load)."""
        from PySide6.QtWidgets import QStyle

        style = self.style()
        for row, page in enumerate(registry.PAGES):
            icon = getattr(QStyle.StandardPixmap, page.icon, None)
            item = self.navigation.item(row)
            if icon is not None and item.icon().isNull():
                item.setIcon(style.standardIcon(icon))

    # -- store binding --------------------------------------------------------------------
    def attach(self, ctx: AppContext) -> None:
        """Bind the window to an opened store: first-run wizard if it has no mesa yet."""
        self.populate_menus()
        self._add_icons()
        self.detach()
        self.ctx = ctx
        ctx.error.connect(self.show_error)
        ctx.status.connect(self.show_status)
        ctx.changed.connect(self._on_changed)
        ctx.runner.busy_changed.connect(self.busy.setVisible)
        self.store_label.setText(f"Almacén: {ctx.store.file or ctx.store.url}")
        self.store_label.setToolTip(str(ctx.store.file or ctx.store.url))
        ctx.call(_mesa_ops().role, done=self._on_role)

    def detach(self) -> None:
        """Forget the current store's pages (saving what they hold first)."""
        self.flush_pages()
        if self.room_screen is not None:  # it shows the store being closed
            self.room_screen.close()
            self.room_screen.deleteLater()
            self.room_screen = None
        for page in self._pages.values():
            self.stack.removeWidget(page)
            page.deleteLater()
        self._pages.clear()
        if self.ctx is not None:
            for signal, slot in (
                (self.ctx.error, self.show_error),
                (self.ctx.status, self.show_status),
                (self.ctx.changed, self._on_changed),
            ):
                try:
                    signal.disconnect(slot)
                except (RuntimeError, TypeError):
                    pass
        self.ctx = None
        self.mesa = None
        self.consolidating = False
        self.navigation.setEnabled(False)
        if self._preview is None:  # the summary's home page stays up while the store opens
            self.stack.setCurrentWidget(self.loading)

    # -- the home page before the store opens ---------------------------------------------
    def show_summary(self, content: dict) -> DashboardPage | None:
        """Show the home page from the last run's summary (``mesa_desktop.summary``) until the
        store opens; None when the window opens on another page or the summary does not fit."""
        if self.ctx is not None or self._preview is not None:
            return None
        if str(self.settings.value("window/page", "home")) != "home":
            return None
        from ui.pages.dashboard import DashboardPage

        page = self._preview = DashboardPage(None)
        page.navigate.connect(self.show_page)
        self.stack.addWidget(page)
        try:
            title = f"{content['mesa']} — {APP_TITLE}"
            page.loaded.connect(self._emit_ready)
            page.show_overview(content)
        except (KeyError, TypeError, ValueError):
            log.warning("The home page's summary does not fit this version: ignored")
            self.drop_preview()
            return None
        self.setWindowTitle(title)
        self._show_rows({p.key for p in registry.PAGES} - {"ministry"})
        self.navigation.setCurrentRow(registry.index_of("home"))
        self.stack.setCurrentWidget(page)
        return page

    def drop_preview(self) -> None:
        """The store will not show that home page (another mesa, none, or not opened)."""
        page, self._preview = self._preview, None
        if page is None:
            return
        if self.stack.currentWidget() is page:
            self.stack.setCurrentWidget(self.loading)
        self.stack.removeWidget(page)
        page.deleteLater()

    def _on_role(self, found) -> None:
        from mesa_desktop.services.store_role import CONSOLIDATION

        if found.role == CONSOLIDATION:
            self._enter_consolidation_mode()
        else:
            self._on_mesa(found.mesa)
        self.drop_preview()  # not adopted as the home page: not what this store shows

    def _enter_consolidation_mode(self) -> None:
        """The ministry's store: only the national consolidation and the backups apply."""
        self.mesa = None
        self.consolidating = True
        self.setWindowTitle(f"Consolidación nacional — {APP_TITLE}")
        self._show_rows(CONSOLIDATION_PAGES)
        self.navigation.setEnabled(True)
        row = registry.index_of("ministry")
        self.navigation.setCurrentRow(row)
        if self.navigation.currentRow() == row:
            self._on_row_changed(row)

    def _show_rows(self, keys) -> None:
        for row, page in enumerate(registry.PAGES):
            self.navigation.setRowHidden(row, page.key not in keys)

    def _on_mesa(self, mesa) -> None:
        if mesa is None:
            self.loading.label.setText("Este almacén todavía no tiene una mesa.")
            self.loading.action.show()
            self.start_first_run()
            return
        self._set_mesa(mesa)
        self.consolidating = False
        self._show_rows({p.key for p in registry.PAGES} - registry.hidden_for(mesa.kind))
        self.navigation.setEnabled(True)
        wanted = self.settings.value("window/page", "home")
        # A session is run from the attendance screen; never reopen on a missing page.
        try:
            row = registry.index_of(str(wanted))
        except ValueError:
            row = 0
        if self.navigation.isRowHidden(row):
            row = 0
        self.navigation.setCurrentRow(row)
        if self.navigation.currentRow() == row:
            self._on_row_changed(row)

    def _set_mesa(self, mesa) -> None:
        self.mesa = mesa
        self.setWindowTitle(f"{mesa.name} — {APP_TITLE}")

    def start_first_run(self) -> None:
        if self.ctx is None or self.first_run is not None:
            return
        from ui.first_run import FirstRunWizard

        wizard = self.first_run = FirstRunWizard(self.ctx, self)
        wizard.created.connect(self._on_first_run_created)
        wizard.finished.connect(self._on_first_run_closed)
        wizard.open()

    def _on_first_run_created(self, created) -> None:
        """``created`` is the new mesa, or the role of a store made for the consolidation."""
        self.loading.action.hide()
        self.loading.label.setText("Abriendo…")
        if hasattr(created, "role"):
            self._on_role(created)
        else:
            self._on_mesa(created)

    def _on_first_run_closed(self, _result: int) -> None:
        wizard, self.first_run = self.first_run, None
        if wizard is not None:
            wizard.deleteLater()

    # -- pages ------------------------------------------------------------------------
    def page(self, key: str) -> QWidget:
        """The page's widget, built on first use."""
        if key not in self._pages:
            if self.ctx is None:
                raise RuntimeError("No store is attached")
            if key == "home" and self._preview is not None:
                # The summary's page becomes the home page: bound, it reloads from the store.
                preview, self._preview = self._preview, None
                self._pages[key] = preview
                preview.bind(self.ctx)
                return preview
            widget = registry.build(registry.spec(key), self.ctx)
            navigate = getattr(widget, "navigate", None)
            if navigate is not None:
                navigate.connect(self.show_page)
            loaded = getattr(widget, "loaded", None)
            if loaded is not None and not self._ready_sent:
                loaded.connect(self._emit_ready)
            self._pages[key] = widget
            self.stack.addWidget(widget)
        return self._pages[key]

    def current_key(self) -> str | None:
        row = self.navigation.currentRow()
        return registry.PAGES[row].key if 0 <= row < len(registry.PAGES) and self.ctx else None

    def show_page(self, key: str, argument=None) -> QWidget | None:
        if not self._has_pages():
            return None
        row = registry.index_of(key)
        if self.navigation.isRowHidden(row):
            return None
        if self.navigation.currentRow() != row:
            self.navigation.setCurrentRow(row)  # builds and shows it through _on_row_changed
        widget = self.page(key)
        if argument is not None and hasattr(widget, "open_item"):
            widget.open_item(argument)
        return widget

    def _on_row_changed(self, row: int) -> None:
        if not self._has_pages() or not 0 <= row < len(registry.PAGES):
            return
        previous = self.stack.currentWidget()
        if previous is not None and hasattr(previous, "flush"):
            previous.flush()
        widget = self.page(registry.PAGES[row].key)
        self.stack.setCurrentWidget(widget)
        if not hasattr(widget, "loaded"):
            self._emit_ready()
        if hasattr(widget, "activated"):
            widget.activated()

    def _has_pages(self) -> bool:
        return self.ctx is not None and (self.mesa is not None or self.consolidating)

    def _emit_ready(self, *_args) -> None:
        if not self._ready_sent:
            self._ready_sent = True
            self.ready.emit()

    def flush_pages(self) -> None:
        for page in self._pages.values():
            if hasattr(page, "flush"):
                page.flush()

    def refresh(self) -> None:
        if self.ctx is None:
            return
        self.ctx.call(_mesa_ops().mesa_or_none, done=self._mesa_known)
        widget = self.stack.currentWidget()
        if widget is not None and hasattr(widget, "refresh"):
            widget.refresh()
        self.show_status("Actualizado.")

    def _on_changed(self, topic: str) -> None:
        if topic == "mesa" and self.ctx is not None:
            self.ctx.call(_mesa_ops().mesa_or_none, done=self._mesa_known)

    def _mesa_known(self, mesa) -> None:
        if mesa:
            self._set_mesa(mesa)

    # -- commands ---------------------------------------------------------------------
    def new_session(self) -> None:
        page = self.show_page("sessions")
        if page is not None and hasattr(page, "new_session"):
            page.new_session()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()

    def open_room_screen(self) -> None:
        """The room's screen; it follows the attendance screen's session, else today's."""
        if self.ctx is None or self.mesa is None:
            self.show_status("Abra primero el almacén de una mesa.")
            return
        if self.room_screen is None:
            import weakref

            from ui.room_screen import RoomScreen

            this = weakref.ref(self)  # the room must not keep the window alive

            def follow():
                window = this()
                page = window._pages.get("attendance") if window is not None else None
                return page.current_session_id() if page is not None else None

            def forward(event) -> None:
                window = this()
                if window is not None:
                    window.take_key(event)

            self.room_screen = RoomScreen(self.ctx, follow=follow, forward=forward)
        self.room_screen.present(self.screen())

    def take_key(self, event) -> None:
        """A key typed on the room's screen: to this window's focused widget, as if typed here."""
        from PySide6.QtGui import QKeyEvent

        self.activateWindow()
        target = self.focusWidget() or self
        copy = QKeyEvent(event.type(), event.key(), event.modifiers(), event.text(), event.isAutoRepeat())
        QApplication.sendEvent(target, copy)

    def move_room_item(self, step: int) -> None:
        if self.room_screen is not None and self.room_screen.isVisible():
            self.room_screen.move_item(step)

    def choose_store(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        start = str(self.ctx.store.file.parent) if self.ctx and self.ctx.store.file else ""
        path, _ = QFileDialog.getSaveFileName(
            self,
            "Abrir o crear un almacén de la mesa",
            start,
            "Almacén de Mesa Desktop (*.sqlite *.db);;Todos los archivos (*)",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.store_requested.emit(path)

    def backup_now(self) -> None:
        if self.ctx is None or self.ctx.store.file is None:
            self.show_error("Abra primero un almacén.")
            return

        from PySide6.QtWidgets import QFileDialog

        suggested = str(self.ctx.store.file.parent / f"mesa-copia-{clock.today():%Y%m%d}.sqlite")
        path, _ = QFileDialog.getSaveFileName(
            self, "Guardar una copia de seguridad", suggested, "Copia de Mesa Desktop (*.sqlite)"
        )
        if path:
            self.show_status("Guardando la copia de seguridad…")
            self.ctx.work(
                self.ctx.store.backup_to,
                path,
                done=lambda target: self.show_status(f"Copia guardada en {target}.", 8000),
            )

    def show_error(self, message: str) -> None:
        dialogs.show_error(self, message)

    def show_status(self, message: str, msecs: int = 5000) -> None:
        self.statusBar().showMessage(message, msecs)

    def show_shortcuts(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.information(self, "Atajos de teclado", SHORTCUT_HELP)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from mesa_desktop import __version__

        QMessageBox.about(
            self,
            "Acerca de Mesa Desktop",
            f"<b>Mesa Desktop {__version__}</b><br>Mesa técnica territorial de migración y salud: "
            "conformación, sesiones, asistencia y quórum en vivo, actas, compromisos y reporte "
            "al Ministerio de Salud y Protección Social. Funciona sin conexión.",
        )

    def copy_diagnostics(self) -> None:
        from ui.app import diagnostics

        QApplication.clipboard().setText(diagnostics(self.ctx))
        self.show_status("Diagnóstico copiado al portapapeles: péguelo en el correo al soporte.", 8000)

    # -- closing ------------------------------------------------------------------------
    def closeEvent(self, event) -> None:
        self.flush_pages()
        self.save_state()
        super().closeEvent(event)


def _mesa_ops():
    """``mesa_desktop.operations.mesa``, imported once a store is open: the window paints
    before the database layer is loaded (start-up budget, DESIGN §9)."""
    from mesa_desktop.operations import mesa

    return mesa

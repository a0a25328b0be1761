"""Live attendance: the screen the focal point runs while people walk in, often on a projector.

Keyboard first: the search box has the focus; a few letters find the person among everyone
registered (in memory, accent-insensitive, any word of name, dependency or entity), Enter
checks the top result in, ↑/↓ pick another, the box clears and keeps the focus. Letters typed
while the focus is elsewhere on the screen (the table, a button) go to the box too, so a USB
scanner that types a personal code (``XXXX-XXXX``) and Enter checks its person in at once. A
huge banner shows the live quorum, the dependencies still missing and those that left.
Walk-ins (mouse-free too), signatures, check-out, virtual attendees and the import of a Teams /
Meet / Zoom report are one click away.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mesa_desktop.errors import MesaError
from mesa_desktop.operations import attendance as ops
from mesa_desktop.operations import sessions as session_ops
from mesa_desktop.operations.attendance import AttendanceView, Directory
from mesa_desktop.services import attendance as rules
from mesa_desktop.services import document_data, sessions, virtual_import
from mesa_desktop.services.sessions import SessionInfo
from ui.pages import page_kit as kit
from ui.pages.attendance_dialogs import SignatureDialog, VirtualImportDialog, WalkInDialog
from ui.style import restyle
from ui.widgets import dialogs
from ui.widgets import format as fmt
from ui.widgets.banner import QuorumBanner
from ui.widgets.clock_edit import ClockEdit
from ui.widgets.search_box import PeopleIndex, SearchBox, TypeToSearch, scanned_code
from ui.widgets.session_picker import SessionPicker

PERSON_ID = Qt.ItemDataRole.UserRole
RESULTS_SHOWN = 8
CELL_PADDING = 16  # a cell's margins around its text, in pixels
MIN_AFFILIATION_WIDTH = 110  # the dependency column never narrower (elided, full name in its tooltip)
UNDO_SECONDS = 60  # how long the "Deshacer" of the last check-in stays offered


class AttendancePage(kit.Page):
    # "sessions" (and "mesa", "store") reload everything; attendance and members reload a part.
    TOPICS = ("sessions",)

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.session: SessionInfo | None = None
        self.index = PeopleIndex()
        self.known_codes: set[str] = set()
        self.members: list = []
        self.attendees: tuple = ()
        self.present_ids: set[uuid.UUID] = set()
        self.results_people: list = []
        self.last_check_in: tuple[uuid.UUID, str] | None = None  # (person id, name) for undo / sign
        self.dialog = None  # the open dialog, if any (tests reach it here)
        self._build()
        self.picker.session_changed.connect(self._on_session)

    # -- layout ---------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel("Asistencia en vivo")
        title.setObjectName("pageTitle")
        self.picker = SessionPicker(self.ctx, self)
        self.virtual = QCheckBox("Asistencia virtual")
        self.virtual.setToolTip(
            "Marque para registrar a quien se conecta por la reunión virtual "
            "(sesiones virtuales o híbridas; no firma)."
        )
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(QLabel("Sesión:"))
        top.addWidget(self.picker, 1)
        top.addWidget(self.virtual)
        # A paper list transcribed after the fact: arrivals and departures at the time written.
        self.transcribe = QCheckBox("Registrar a la hora:")
        self.transcribe.setToolTip(
            "Para transcribir una lista en papel: las llegadas y salidas se registran "
            "a la hora indicada, en la fecha de la sesión, y el quórum se recalcula."
        )
        self.at_edit = ClockEdit(parent=self)
        self.at_edit.setAccessibleName("Hora de llegada o salida que se registra")
        self.at_edit.setEnabled(False)
        # Shown only while transcribing: the room it leaves lets the session's name show whole.
        self.at_edit.setVisible(False)
        self.transcribe.toggled.connect(self.at_edit.setEnabled)
        self.transcribe.toggled.connect(self.at_edit.setVisible)
        top.addWidget(self.transcribe)
        top.addWidget(self.at_edit)

        self.banner = QuorumBanner(self)
        self.banner.show_no_session()

        # Left: find and check in.
        self.search = SearchBox(self)
        # Short enough to show whole in the narrow left column; the hint below says the rest.
        self.search.setPlaceholderText("Nombre o código…")
        self.search.setAccessibleName("Buscar persona para registrar su llegada")
        self.search_hint = QLabel(
            "Escriba en cualquier momento (o pulse Ctrl+F) unas letras del nombre, la dependencia "
            "o la entidad, o escanee el código de la persona; Enter registra la llegada, Esc borra."
        )
        self.search_hint.setObjectName("hint")
        self.search_hint.setWordWrap(True)
        self.results = QListWidget(self)
        self.results.setObjectName("searchResults")
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard stays in the box
        self.results.setAlternatingRowColors(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.setWordWrap(True)  # the "Nadie coincide…" advice wraps instead of being cut
        self.results.itemClicked.connect(lambda item: self._check_in_row(self.results.row(item)))
        self.confirmation = QLabel("")
        self.confirmation.setObjectName("notice")
        self.confirmation.setProperty("state", "ok")
        self.confirmation.setWordWrap(True)
        self.confirmation.hide()
        self.undo_button = QPushButton("Deshacer (Ctrl+Z)")
        self.undo_button.clicked.connect(self.undo_last)
        self.sign_button = QPushButton("Firmar ahora…")
        self.sign_button.clicked.connect(self.sign_last)
        self.move_today_button = QPushButton("Realizarla hoy")
        self.move_today_button.setToolTip(
            "Cambia la fecha de la sesión a hoy para poder registrar la asistencia."
        )
        self.move_today_button.clicked.connect(self.move_session_to_today)
        self.move_today_button.hide()
        self.undo_button.setEnabled(False)
        self.sign_button.setEnabled(False)
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(lambda: self.undo_button.setEnabled(False))
        confirm_row = QHBoxLayout()
        confirm_row.addWidget(self.undo_button)
        confirm_row.addWidget(self.sign_button)
        confirm_row.addWidget(self.move_today_button)
        confirm_row.addStretch(1)
        self.walk_in_button = QPushButton("Asistente nuevo… (Ctrl+R)")
        self.walk_in_button.setToolTip(
            "Registrar a alguien que no está en la lista, con su autorización de datos."
        )
        self.walk_in_button.setObjectName("primary")
        self.walk_in_button.clicked.connect(lambda: self.open_walk_in())
        self.import_button = QPushButton("Importar informe virtual…")
        self.import_button.setToolTip(
            "Informe de participantes de Teams, Meet o Zoom (CSV): registra como "
            "asistentes virtuales a las personas que coinciden."
        )
        self.import_button.clicked.connect(self.import_report)
        actions = QHBoxLayout()
        actions.addWidget(self.walk_in_button)
        actions.addWidget(self.import_button)
        actions.addStretch(1)
        events_title = QLabel("Quórum durante la sesión")
        events_title.setObjectName("sectionTitle")
        self.events = QListWidget(self)
        self.events.setMaximumHeight(96)
        self.events.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(self.search)
        left_layout.addWidget(self.search_hint)
        left_layout.addWidget(self.results, 1)
        left_layout.addWidget(self.confirmation)
        left_layout.addLayout(confirm_row)
        left_layout.addLayout(actions)
        left_layout.addWidget(events_title)
        left_layout.addWidget(self.events)

        # Right: who is here.
        self.present_title = QLabel("Presentes")
        self.present_title.setObjectName("sectionTitle")
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(["Nombre", "Dependencia", "Calidad", "Llegada", "Firma"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        # Names first: the name column takes what is left; the dependency column gets what its
        # (short) names need, but not the width a name needs (``_fit_columns``).
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        self.table.viewport().installEventFilter(self)
        for column in (2, 3, 4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Fitting a column to its contents measures every row by default: at a big meeting that
        # made each check-in's refresh slower than the check-in. The first rows are enough.
        header.setResizeContentsPrecision(50)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.sign_selected = QPushButton("Firmar…")
        self.sign_selected.clicked.connect(self.sign_selected_person)
        self.check_out_button = QPushButton("Registrar salida (Supr)")
        self.check_out_button.clicked.connect(self.check_out_selected)
        self.sheet_button = QPushButton("Listado de asistencia (PDF)…")
        self.sheet_button.clicked.connect(self.save_attendance_sheet)
        right_buttons = QHBoxLayout()
        right_buttons.addWidget(self.sign_selected)
        right_buttons.addWidget(self.check_out_button)
        right_buttons.addStretch(1)
        right_buttons.addWidget(self.sheet_button)
        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(self.present_title)
        right_layout.addWidget(self.table, 1)
        right_layout.addLayout(right_buttons)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([400, 720])
        self.splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 10)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

        self.search.textChanged.connect(self._filter)
        self.search.moved.connect(self._move)
        self.search.accepted.connect(self._accept_search)
        self.search.undo_requested.connect(self.undo_last)
        QShortcut(
            QKeySequence("Ctrl+Z"),
            self,
            self.undo_last,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        QShortcut(
            QKeySequence("Ctrl+R"),
            self,
            lambda: self.open_walk_in(),
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        QShortcut(
            QKeySequence("Ctrl+F"),
            self,
            self.focus_search,
            context=Qt.ShortcutContext.WidgetWithChildrenShortcut,
        )
        QShortcut(
            QKeySequence(Qt.Key.Key_Delete),
            self.table,
            self.check_out_selected,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        # After a click on a row (to check someone out) the next arrival's letters, or a
        # scanner's code, must still reach the search box.
        self.type_to_search = TypeToSearch(self.search, self)
        self.type_to_search.watch(self)
        self.installEventFilter(self.type_to_search)
        self._update_buttons()

    # -- page protocol ---------------------------------------------------------------------
    def activated(self) -> None:
        self.focus_search()

    def load(self) -> None:
        self.picker.reload()  # re-announces the session, whose snapshot then reloads
        self._load_directory()

    def open_item(self, session_id) -> None:
        self.picker.select(session_id)

    def current_session_id(self) -> uuid.UUID | None:
        """The session this screen has open (the room's screen follows it)."""
        return self.session.id if self.session is not None else None

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # -- loading ---------------------------------------------------------------------------
    def topic_changed(self, topic: str) -> None:
        # A check-in must not reload the directory of everyone: only the session's snapshot.
        if topic == "attendance":
            self.when_shown("snapshot", self._reload_session)
        elif topic == "members":
            self.when_shown("directory", self._load_directory)
        else:
            super().topic_changed(topic)

    def _load_directory(self) -> None:
        self.ctx.call(ops.directory, done=self._directory_loaded)

    def _on_session(self, session) -> None:
        self.session = session
        # Nothing is recorded in a session before its day (the core refuses it): say so at once.
        upcoming = session is not None and sessions.is_upcoming(session)
        self.move_today_button.setVisible(upcoming)
        open_session = session is not None and sessions.takes_attendance(session)
        can_virtual = session is not None and sessions.takes_virtual_attendance(session)
        self.virtual.setEnabled(can_virtual)
        self.virtual.setChecked(can_virtual and session.modality == "virtual")
        self.import_button.setEnabled(can_virtual)
        self.search.setEnabled(open_session)
        self.walk_in_button.setEnabled(open_session)
        self.last_check_in = None
        self.undo_button.setEnabled(False)
        self.sign_button.setEnabled(False)
        if session is None:
            self.banner.show_no_session()
            self._show_attendees(())
            self._notice("")
            self.mark_loaded()
            return
        if upcoming:
            self._notice(
                f"La sesión {session.number} está programada para el {fmt.day(session.date)}: "
                "no se puede registrar asistencia antes de esa fecha. Si se realiza hoy, "
                "pulse «Realizarla hoy».",
                "error",
            )
        elif not open_session:
            state = "cancelada" if session.status == "cancelled" else "cerrada: su acta ya fue aprobada"
            self._notice(
                f"La sesión {session.number} está {state}. Solo se puede consultar la asistencia.", "error"
            )
        else:
            self._notice("")
        self._reload_session()
        self.focus_search()

    def _reload_session(self) -> None:
        if self.session is not None:
            self.ctx.call(ops.attendance_view, self.session.id, done=self._snapshot_loaded)

    def _snapshot_loaded(self, snapshot: AttendanceView) -> None:
        self.banner.show_quorum(snapshot.quorum)
        self._show_attendees(snapshot.attendees)
        self.events.clear()
        for at, kind, present, required, total in snapshot.events:
            label = "Quórum establecido" if kind == "established" else "Quórum perdido"
            item = QListWidgetItem(
                f"{fmt.hour(at)} — {label} ({present} de {total}; se requieren {required})"
            )
            item.setForeground(QColor("#1e7b34" if kind == "established" else "#b3261e"))
            self.events.addItem(item)
        if not snapshot.events:
            self.events.addItem("Aún no hay cambios de quórum en esta sesión.")
        self.mark_loaded()

    def _directory_loaded(self, directory: Directory) -> None:
        self.index = PeopleIndex(list(directory.people))
        self.known_codes = {p.check_in_code for p in directory.people if p.check_in_code}
        self.members = list(directory.members)
        self.banner.short_names = {d.name: d.short_name for d in self.members if d.short_name}
        self._filter(self.search.text())

    def _show_attendees(self, attendees) -> None:
        self.attendees = tuple(attendees)
        self.present_ids = {a.person_id for a in self.attendees if a.present}
        selected = self.selected_attendee()
        # Those still here first (latest arrival on top), then those who left.
        rows = sorted(self.attendees, key=lambda a: (not a.present, -a.check_in_at.timestamp()))
        # Replacing the items of a selected row one by one costs Qt about a millisecond each:
        # empty the table first (selection included, without announcing it), then refill it.
        blocker = QSignalBlocker(self.table)
        self.table.clearSelection()
        self.table.setRowCount(0)
        self.table.setRowCount(len(rows))
        two_lines = self.table.verticalHeader().defaultSectionSize() + self.table.fontMetrics().lineSpacing()
        for r, person in enumerate(rows):
            full = person.dependency_name or person.entity or "—"
            affiliation = self.banner.short_names.get(full, full)
            capacity = fmt.CAPACITY_LABELS.get(person.capacity, person.capacity)
            signature = "Virtual" if person.virtual else ("✓" if person.has_signature else "—")
            hours = fmt.hour(person.check_in_at)
            if person.check_out_at:
                # On a line of its own: on one line it widened the column until names were cut.
                hours += f"\nsalió {fmt.hour(person.check_out_at)}"
                self.table.setRowHeight(r, two_lines)
            cells = [person.full_name, affiliation, capacity, hours, signature]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(PERSON_ID, person.person_id)
                if c < 2:
                    item.setToolTip(full if c == 1 else text)
                if c == 2 and not person.counts_for_quorum:
                    item.setToolTip("No representa a una dependencia de la mesa en esta sesión.")
                if c == 4:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                if not person.present:
                    item.setForeground(QColor("#8a949e"))
                self.table.setItem(r, c, item)
        blocker.unblock()
        self._fit_columns()
        if selected is not None:
            for r, person in enumerate(rows):
                if person.person_id == selected.person_id:
                    self.table.selectRow(r)
        here = len(self.present_ids)
        dependencies = len({a.dependency_id for a in self.attendees if a.present and a.dependency_id})
        self.present_title.setText(
            f"Presentes: {here} {'persona' if here == 1 else 'personas'} · "
            f"{dependencies} {'delegación' if dependencies == 1 else 'delegaciones'}"
        )
        self._update_buttons()
        self._filter(self.search.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.table.viewport() and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    def _fit_columns(self) -> None:
        """Give the dependency column what its texts need as long as the names stay whole."""
        table = self.table
        rows = range(min(table.rowCount(), 50))  # as the header's own fitting: the first rows
        metrics = table.fontMetrics()

        def need(column: int) -> int:
            header = table.horizontalHeaderItem(column)
            items = [header, *(table.item(r, column) for r in rows)]
            return max(metrics.horizontalAdvance(i.text()) for i in items if i is not None) + CELL_PADDING

        fixed = sum(table.columnWidth(c) for c in (2, 3, 4))
        spare = table.viewport().width() - fixed - need(0)
        width = max(MIN_AFFILIATION_WIDTH, min(need(1), spare))
        if table.columnWidth(1) != width:
            table.setColumnWidth(1, width)

    # -- search ------------------------------------------------------------------------------
    def _filter(self, text: str) -> None:
        self.results_people = self.index.search(text, limit=RESULTS_SHOWN, present=self.present_ids)
        self.results.clear()
        dependencies = {d.id: d for d in self.members}
        on = self.session.date if self.session is not None else None
        for person in self.results_people:
            full = person.dependency_name or person.entity or "Sin entidad"
            affiliation = self.banner.short_names.get(full, full)
            # The capacity they will attend in: a delegate of a dependency that is not a member
            # on the session's date comes as a guest.
            counts = on is None or rules.represents_on(dependencies.get(person.dependency_id), on)
            capacity = rules.attending_capacity(person.role, counts)
            role = fmt.CAPACITY_LABELS.get(capacity, capacity)
            mark = "   ✓ ya registrada" if person.id in self.present_ids else ""
            item = QListWidgetItem(f"{person.full_name}{mark}\n{role} · {affiliation}")
            item.setToolTip(f"{person.full_name}\n{role} · {full}")
            item.setData(PERSON_ID, person.id)
            if person.id in self.present_ids:
                item.setForeground(QColor("#5d6873"))
            self.results.addItem(item)
        if self.results_people:
            self.results.setCurrentRow(0)
        elif scanned_code(text) is not None:
            self.results.addItem(
                QListWidgetItem("Código de asistencia: pulse Enter para registrar la llegada.")
            )
        elif text.strip() and len(self.index):
            self.results.addItem(
                QListWidgetItem("Nadie coincide. Pulse Enter para registrar a un asistente nuevo.")
            )

    def _move(self, step: int) -> None:
        if self.results_people:
            row = max(0, min(len(self.results_people) - 1, self.results.currentRow() + step))
            self.results.setCurrentRow(row)

    # -- check-in ------------------------------------------------------------------------------
    def _accept_search(self) -> None:
        """Enter in the search box: a scanned (or typed) personal code checks its person in at
        once; otherwise the highlighted result."""
        code = scanned_code(self.search.text())
        # "rosa-mari" has a code's shape too: a name that matches wins over a code nobody holds.
        if code is not None and self.results_people and code not in self.known_codes:
            code = None
        if code is not None and self.session is not None and self.search.isEnabled():
            self.search.clear()  # the next scan may come right away
            self.check_in_code(code)
            return
        self._check_in_row(self.results.currentRow())

    def check_in_code(self, code: str) -> None:
        if self.session is None:
            return
        self.ctx.call(
            ops.check_in_by_code,
            self.session.id,
            code,
            at=self.chosen_time(),
            done=self._checked_in,
            failed=self._code_refused,
        )

    def _code_refused(self, message: str) -> None:
        # A notice, not a message box: the next person in the queue is scanning already.
        self._notice(message, "error")
        self.ctx.status.emit(message)
        self.focus_search()

    def _check_in_row(self, row: int) -> None:
        if self.session is None or not self.search.isEnabled():
            return
        if not 0 <= row < len(self.results_people):
            if self.search.text().strip():
                self.open_walk_in(self.search.text().strip())
            return
        person = self.results_people[row]
        # Clear at once, not when the store answers: the next arrival may already be typing.
        self.search.clear()
        self.check_in(person.id)

    def chosen_time(self):
        """The time typed for a transcription, or ``None`` for now."""
        return self.at_edit.value() if self.transcribe.isChecked() else None

    def move_session_to_today(self) -> None:
        if self.session is not None:
            self.ctx.call(
                session_ops.move_to_today,
                self.session.id,
                done=lambda moved: self.ctx.status.emit(
                    f"La sesión {moved.number} se realiza hoy, {fmt.day(moved.date)}."
                ),
            )

    def check_in(self, person_id: uuid.UUID) -> None:
        if self.session is None:
            return
        virtual = self.virtual.isChecked() and self.virtual.isEnabled()
        self.ctx.call(
            ops.check_in,
            self.session.id,
            person_id,
            virtual=virtual,
            at=self.chosen_time(),
            done=self._checked_in,
        )

    def _checked_in(self, result) -> None:
        person = result.attendee
        if not self.search.hasFocus():  # never select what the next arrival is already typing
            self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.banner.show_quorum(result.quorum)
        where = person.dependency_name or person.entity or ""
        if result.changed:
            text = f"✓ {person.full_name}{' — ' + where if where else ''} · llegada {fmt.hour(person.check_in_at)}"
            if person.virtual:
                text += " (virtual)"
            self.last_check_in = (person.person_id, person.full_name)
            self.undo_button.setEnabled(True)
            self._undo_timer.start(UNDO_SECONDS * 1000)
            self.sign_button.setEnabled(not person.virtual and not person.has_signature)
        else:
            text = f"{person.full_name} ya estaba registrada en esta sesión."
        if result.quorum_event == "established":
            text += "  ¡Hay quórum!"
        elif result.quorum_event == "lost":
            text += "  Se perdió el quórum."
        self._notice(text, "ok")
        self.ctx.status.emit(text)

    def undo_last(self) -> None:
        if self.last_check_in is None or self.session is None or not self.undo_button.isEnabled():
            return
        person_id, name = self.last_check_in
        self.ctx.call(
            ops.undo_check_in,
            self.session.id,
            person_id,
            done=lambda view: self._undone(view, name),
        )

    def _undone(self, view, name: str) -> None:
        self.last_check_in = None
        self.undo_button.setEnabled(False)
        self.sign_button.setEnabled(False)
        self.banner.show_quorum(view)
        self._notice(f"Se deshizo el registro de {name}.", "")
        self.focus_search()

    def _notice(self, text: str, state: str = "") -> None:
        self.confirmation.setText(text)
        self.confirmation.setProperty("state", state)
        restyle(self.confirmation)
        self.confirmation.setVisible(bool(text))

    # -- walk-in ---------------------------------------------------------------------------------
    def open_walk_in(self, name: str = "") -> None:
        if self.session is None or not self.walk_in_button.isEnabled():
            return
        virtual = self.virtual.isChecked() and self.virtual.isEnabled()
        # Only dependencies and actors that belong to the mesa on the session's date are offered.
        offered = [d for d in self.members if d.is_active_on(self.session.date)]
        dialog = WalkInDialog(offered, name=name, virtual=virtual, parent=self)
        dialog.accepted.connect(lambda: self._register_walk_in(dialog, virtual))
        dialogs.open_tracked(self, dialog, closed=self.focus_search)

    def _register_walk_in(self, dialog: WalkInDialog, virtual: bool) -> None:
        if self.session is None:
            return
        walk_in = dialog.value()
        self.ctx.call(
            ops.register_walk_in,
            self.session.id,
            full_name=walk_in.full_name,
            consent_given=walk_in.consent_given,
            dependency=walk_in.dependency,
            role=walk_in.role,
            position=walk_in.position,
            entity=walk_in.entity,
            email=walk_in.email,
            phone=walk_in.phone,
            signature_png=walk_in.signature_png,
            virtual=virtual,
            done=self._checked_in,
        )

    # -- signatures --------------------------------------------------------------------------------
    def sign_last(self) -> None:
        if self.last_check_in is not None:
            self.open_signature(*self.last_check_in)

    def sign_selected_person(self) -> None:
        person = self.selected_attendee()
        if person is not None and not person.virtual:
            self.open_signature(person.person_id, person.full_name)

    def open_signature(self, person_id: uuid.UUID, name: str) -> None:
        dialog = SignatureDialog(name, self)
        dialog.accepted.connect(lambda: self._save_signature(person_id, dialog.png()))
        dialogs.open_tracked(self, dialog, closed=self.focus_search)

    def _save_signature(self, person_id: uuid.UUID, png: bytes) -> None:
        if not png or self.session is None:
            return
        self.ctx.call(
            ops.set_signature,
            self.session.id,
            person_id,
            png,
            done=lambda _none: self._signed(person_id),
        )

    def _signed(self, person_id: uuid.UUID) -> None:
        if self.last_check_in and self.last_check_in[0] == person_id:
            self.sign_button.setEnabled(False)
        self.ctx.status.emit("Firma guardada.")

    # -- check-out --------------------------------------------------------------------------------
    def selected_attendee(self):
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows:
            return None
        person_id = self.table.item(rows[0].row(), 0).data(PERSON_ID)
        return next((a for a in self.attendees if a.person_id == person_id), None)

    def _update_buttons(self) -> None:
        person = self.selected_attendee()
        open_session = self.session is not None and sessions.is_editable(self.session.status)
        self.check_out_button.setEnabled(open_session and person is not None and person.present)
        self.sign_selected.setEnabled(open_session and person is not None and not person.virtual)
        self.sheet_button.setEnabled(self.session is not None)

    def check_out_selected(self) -> None:
        person = self.selected_attendee()
        if person is None or not person.present or self.session is None:
            return
        self.ctx.call(
            ops.check_out,
            self.session.id,
            person.person_id,
            at=self.chosen_time(),
            done=self._checked_out,
        )

    def _checked_out(self, result) -> None:
        # The name typed before the click on the row is stale now: the next arrival starts afresh.
        self.search.clear()
        self.focus_search()
        text = f"Salida registrada: {result.attendee.full_name} · {fmt.hour(result.attendee.check_out_at)}"
        if result.quorum_event == "lost":
            text += "  Atención: se perdió el quórum."
        self.banner.show_quorum(result.quorum)
        self._notice(text, "error" if result.quorum_event == "lost" else "ok")

    # -- virtual report ------------------------------------------------------------------------------
    def choose_report_file(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self,
            "Informe de asistencia de la reunión virtual",
            str(Path.home()),
            "Informes de asistencia (*.csv *.tsv *.txt);;Todos los archivos (*)",
        )
        return path

    def import_report(self) -> None:
        if self.session is None:
            return
        path = self.choose_report_file()
        if path:
            self.ctx.work(Path(path).read_bytes, done=self._report_read)

    def _report_read(self, data: bytes) -> None:
        try:
            preview = virtual_import.preview(data, self.index.people)
        except MesaError as error:
            dialogs.show_error(self, str(error))
            return
        dialog = VirtualImportDialog(preview, frozenset(self.present_ids), self)
        dialog.accepted.connect(lambda: self._import_confirmed(dialog.person_ids))
        dialogs.open_tracked(self, dialog, closed=self.focus_search)

    def _import_confirmed(self, person_ids) -> None:
        if not person_ids or self.session is None:
            return
        self.ctx.call(
            ops.check_in_all,
            self.session.id,
            person_ids,
            done=lambda count: self._notice(f"Se registraron {count} asistentes virtuales.", "ok"),
        )

    # -- documents --------------------------------------------------------------------------------
    def choose_pdf_target(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, "Guardar el listado de asistencia", str(Path.home() / suggested), "PDF (*.pdf)"
        )
        return path

    def save_attendance_sheet(self) -> None:
        if self.session is None:
            return
        target = self.choose_pdf_target(f"listado-asistencia-{self.session.number}.pdf")
        if not target:
            return
        from mesa_desktop.documents.attendance_sheet import write_attendance_sheet

        def render(sheet):
            self.ctx.work(
                write_attendance_sheet,
                sheet,
                target,
                done=lambda path: self.ctx.status.emit(f"Listado de asistencia guardado en {path}."),
            )

        self.ctx.status.emit("Preparando el listado de asistencia…")
        self.ctx.call(document_data.attendance_sheet_data, self.session.id, done=render)

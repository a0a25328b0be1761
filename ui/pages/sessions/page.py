"""Sessions: the year's list and calendar, new sessions from templates, the agenda, convocation.

Templates (installation, ordinary, extraordinary, closing) carry their mandatory agenda
items; those are marked and cannot be removed. The "Seguimiento de compromisos" item lists
the open commitments by itself. The convocation (letter PDF, .ics invitation, .eml draft)
is written into a folder the focal point chooses, with a warning when the notice is shorter
than the mesa's configured lead time.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QTextCharFormat
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mesa_desktop import clock
from mesa_desktop.operations import sessions as ops
from mesa_desktop.operations.sessions import SessionsView
from mesa_desktop.services import commitments, document_data, sessions
from mesa_desktop.services.conformation import MesaInfo
from mesa_desktop.services.sessions import SessionInfo
from ui.pages import page_kit as kit
from ui.pages.sessions.dialogs import SessionDialog
from ui.pages.sessions.model import FOLLOWUP, MANDATORY_MARK, ROW_ID, STATUS_COLORS, SessionForm, qdate
from ui.widgets import dialogs
from ui.widgets import format as fmt


class SessionsPage(kit.Page):
    TOPICS = ("sessions", "commitments", "actas")

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.items: list = []
        self.open_commitments: list = []
        self.mesa: MesaInfo | None = None
        self.session: SessionInfo | None = None
        self.dialog = None
        self._wanted: uuid.UUID | None = None
        self._build()

    # -- layout -----------------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel("Sesiones")
        title.setObjectName("pageTitle")
        self.new_button = QPushButton("Nueva sesión… (Ctrl+N)")
        self.new_button.setObjectName("primary")
        self.new_button.clicked.connect(self.new_session)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addStretch(1)
        top.addWidget(self.new_button)

        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(False)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)  # Colombian calendars start on Monday
        self.calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        self.calendar.setMaximumHeight(230)
        self.calendar.clicked.connect(self._calendar_clicked)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels(["Número", "Fecha", "Tipo", "Estado"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.doubleClicked.connect(lambda _index: self.edit_session())
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(self.calendar)
        left_layout.addWidget(self.table, 1)

        # Details of the selected session.
        self.heading = QLabel("Seleccione una sesión")
        self.heading.setObjectName("sectionTitle")
        self.details = QLabel("")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.lead_warning = QLabel("")
        self.lead_warning.setObjectName("notice")
        self.lead_warning.setWordWrap(True)
        self.lead_warning.hide()
        self.edit_button = QPushButton("Editar datos…")
        self.edit_button.clicked.connect(self.edit_session)
        self.convene_button = QPushButton("Convocar")
        self.convene_button.clicked.connect(lambda: self.set_status("convened"))
        self.held_button = QPushButton("Marcar realizada")
        self.held_button.clicked.connect(lambda: self.set_status("held"))
        self.cancel_button = QPushButton("Cancelar sesión")
        self.cancel_button.clicked.connect(lambda: self.set_status("cancelled"))
        self.reopen_button = QPushButton("Reprogramar")
        self.reopen_button.clicked.connect(lambda: self.set_status("planned"))
        self.convocation_button = QPushButton("Convocatoria: carta, invitación y correo…")
        self.convocation_button.clicked.connect(self.write_convocation)
        self.attendance_button = QPushButton("Tomar asistencia")
        self.attendance_button.setObjectName("primary")
        self.attendance_button.clicked.connect(lambda: self._go("attendance"))
        self.acta_button = QPushButton("Acta")
        self.acta_button.clicked.connect(lambda: self._go("acta"))
        status_row = QHBoxLayout()
        for button in (
            self.edit_button,
            self.convene_button,
            self.held_button,
            self.cancel_button,
            self.reopen_button,
        ):
            status_row.addWidget(button)
        status_row.addStretch(1)
        go_row = QHBoxLayout()
        for button in (self.convocation_button, self.attendance_button, self.acta_button):
            go_row.addWidget(button)
        go_row.addStretch(1)

        agenda_title = QLabel("Orden del día")
        agenda_title.setObjectName("sectionTitle")
        self.agenda = QListWidget(self)
        self.agenda.setAlternatingRowColors(True)
        self.agenda.setWordWrap(True)
        self.agenda.currentRowChanged.connect(self._agenda_row_changed)
        self.agenda.itemChanged.connect(self._agenda_item_edited)
        self.new_item = QLineEdit()
        self.new_item.setPlaceholderText("Nuevo punto del orden del día")
        self.new_item.returnPressed.connect(self.add_item)
        self.add_button = QPushButton("Agregar")
        self.add_button.clicked.connect(self.add_item)
        self.up_button = QPushButton("Subir")
        self.up_button.clicked.connect(lambda: self.move_item(-1))
        self.down_button = QPushButton("Bajar")
        self.down_button.clicked.connect(lambda: self.move_item(1))
        self.remove_button = QPushButton("Quitar")
        self.remove_button.clicked.connect(self.remove_item)
        agenda_buttons = QGridLayout()
        agenda_buttons.addWidget(self.new_item, 0, 0, 1, 3)
        agenda_buttons.addWidget(self.add_button, 0, 3)
        agenda_buttons.addWidget(self.up_button, 1, 1)
        agenda_buttons.addWidget(self.down_button, 1, 2)
        agenda_buttons.addWidget(self.remove_button, 1, 3)
        hint = QLabel(
            "Los puntos «obligatorio» vienen de la plantilla y no se pueden quitar. "
            "Doble clic en un punto propio para renombrarlo."
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        agenda_buttons.addWidget(hint, 1, 0)
        self.followup_title = QLabel("Compromisos abiertos para el seguimiento")
        self.followup_title.setObjectName("sectionTitle")
        self.followup = QTableWidget(0, 4, self)
        self.followup.setHorizontalHeaderLabels(["Compromiso", "Responsable", "Fecha límite", "Estado"])
        self.followup.verticalHeader().hide()
        self.followup.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.followup.setWordWrap(False)
        followup_header = self.followup.horizontalHeader()
        followup_header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        followup_header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        followup_header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        followup_header.resizeSection(1, 240)

        right = QWidget(self)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(self.heading)
        right_layout.addWidget(self.details)
        right_layout.addWidget(self.lead_warning)
        right_layout.addLayout(status_row)
        right_layout.addLayout(go_row)
        right_layout.addWidget(agenda_title)
        right_layout.addWidget(self.agenda, 3)
        right_layout.addLayout(agenda_buttons)
        right_layout.addWidget(self.followup_title)
        right_layout.addWidget(self.followup, 2)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([420, 700])
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 10)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        self._show_session(None)

    # -- page protocol ------------------------------------------------------------------------------
    def load(self) -> None:
        self.ctx.call(ops.sessions_view, done=self._loaded)

    def _go(self, page: str) -> None:
        """Open the attendance or acta screen on the selected session."""
        if self.session is not None:
            self.navigate.emit(page, self.session.id)

    def open_item(self, session_id) -> None:
        if session_id == "new":
            self.new_session()
            return
        self._wanted = session_id
        self._select(session_id)

    def _loaded(self, view: SessionsView) -> None:
        self.items = sorted(view.sessions, key=lambda s: (s.date, s.number), reverse=True)
        self.open_commitments = list(view.open_commitments)
        self.mesa = view.mesa
        keep = self._wanted or (self.session.id if self.session else None)
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.items))
        for r, item in enumerate(self.items):
            cells = [
                item.number,
                fmt.short_day(item.date),
                fmt.TEMPLATE_LABELS.get(item.template, item.template),
                fmt.STATUS_LABELS.get(item.status, item.status),
            ]
            for c, text in enumerate(cells):
                cell = QTableWidgetItem(text)
                cell.setData(ROW_ID, item.id)
                cell.setToolTip(
                    f"{fmt.session_title(item)} · {fmt.day(item.date)} · "
                    f"{fmt.MODALITY_LABELS.get(item.modality, item.modality)}"
                )
                if c == 3:
                    cell.setBackground(QBrush(QColor(STATUS_COLORS.get(item.status, "#ffffff"))))
                self.table.setItem(r, c, cell)
        self.table.blockSignals(False)
        self._paint_calendar()
        if keep is None and self.items:
            from ui.widgets.session_picker import default_session

            chosen = default_session(self.items)
            keep = chosen.id if chosen else None
        self._wanted = None
        if not self._select(keep):
            self._show_session(None)
        self.mark_loaded()

    def _paint_calendar(self) -> None:
        self.calendar.setDateTextFormat(QDate(), QTextCharFormat())  # clear every mark
        for item in self.items:
            mark = QTextCharFormat()
            mark.setBackground(QBrush(QColor(STATUS_COLORS.get(item.status, "#dbe7f3"))))
            mark.setFontWeight(QFont.Weight.Bold)
            mark.setToolTip(f"{fmt.session_title(item)} · {fmt.STATUS_LABELS.get(item.status, item.status)}")
            self.calendar.setDateTextFormat(qdate(item.date), mark)

    def _select(self, session_id) -> bool:
        for r, item in enumerate(self.items):
            if item.id == session_id:
                self.table.selectRow(r)
                self._show_session(item)
                return True
        return False

    def _calendar_clicked(self, day: QDate) -> None:
        picked = day.toPython()
        for item in self.items:
            if item.date == picked:
                self._select(item.id)
                return

    def _selection_changed(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if rows:
            cell = self.table.item(rows[0].row(), 0)
            session_id = cell.data(ROW_ID) if cell is not None else None
            item = next((s for s in self.items if s.id == session_id), None)
            if item is not None and (self.session is None or item != self.session):
                self._show_session(item)

    # -- details ----------------------------------------------------------------------------------------
    def _show_session(self, session) -> None:
        self.session = session
        editable = session is not None and sessions.is_editable(session.status)
        offered = sessions.offered_moves(session.status if session else None)
        self.convene_button.setEnabled("convened" in offered)
        self.held_button.setEnabled("held" in offered)
        self.cancel_button.setEnabled("cancelled" in offered)
        self.reopen_button.setEnabled("planned" in offered)
        self.edit_button.setEnabled(editable)
        for button in (self.convocation_button, self.attendance_button, self.acta_button):
            button.setEnabled(session is not None and session.status != "cancelled")
        for widget in (self.new_item, self.add_button):
            widget.setEnabled(editable)
        if session is None:
            self.heading.setText("Seleccione una sesión" if self.items else "Aún no hay sesiones")
            self.details.setText("" if self.items else "Cree la primera con «Nueva sesión».")
            self.lead_warning.hide()
            self.agenda.clear()
            self._show_followup(False)
            self._update_agenda_buttons()
            return
        self.calendar.setSelectedDate(qdate(session.date))
        self.heading.setText(
            f"{fmt.session_title(session)} — {fmt.STATUS_LABELS.get(session.status, session.status)}"
        )
        lines = [
            f"<b>Fecha:</b> {fmt.day(session.date)}, {fmt.hour(session.start_time)}"
            + (f" a {fmt.hour(session.end_time)}" if session.end_time else ""),
            f"<b>Plantilla:</b> {fmt.TEMPLATE_LABELS.get(session.template)} · "
            f"<b>Modalidad:</b> {fmt.MODALITY_LABELS.get(session.modality)}",
        ]
        if session.place:
            lines.append(f"<b>Lugar:</b> {session.place}")
        if session.virtual_link:
            lines.append(f"<b>Enlace:</b> {session.virtual_link}")
        lines.append(
            "<b>Convocatoria:</b> "
            + (fmt.day(session.convocation_date) if session.convocation_date else "sin convocar")
        )
        if session.ministry_participated:
            lines.append("Con participación del Ministerio de Salud y Protección Social.")
        self.details.setText("<br>".join(lines))
        warning = None
        if self.mesa is not None and session.status in ("planned", "convened"):
            warning = document_data.lead_time_warning(session, self.mesa.convocation_lead_days)
        self.lead_warning.setText(warning or "")
        self.lead_warning.setVisible(bool(warning))
        self._show_agenda(session)

    def _show_agenda(self, session) -> None:
        current = self.agenda.currentRow()
        editable = sessions.is_editable(session.status)
        self.agenda.blockSignals(True)
        self.agenda.clear()
        has_followup = False
        for item in session.agenda:
            text = f"{item.position}. {item.title}"
            if item.purpose == FOLLOWUP:
                has_followup = True
                count = len(self.open_commitments)
                text += f" — {count} {'compromiso abierto' if count == 1 else 'compromisos abiertos'}"
            row = QListWidgetItem(text + (MANDATORY_MARK if item.mandatory else ""))
            row.setData(ROW_ID, item.id)
            row.setData(ROW_ID + 1, item.title)
            flags = row.flags()
            if editable and not item.mandatory:
                row.setFlags(flags | Qt.ItemFlag.ItemIsEditable)
            if item.mandatory:
                row.setToolTip("Punto obligatorio de la plantilla: no se puede quitar.")
                row.setForeground(QColor("#163f66"))
            self.agenda.addItem(row)
        self.agenda.blockSignals(False)
        if 0 <= current < self.agenda.count():
            self.agenda.setCurrentRow(current)
        self._show_followup(has_followup)
        self._update_agenda_buttons()

    def _show_followup(self, visible: bool) -> None:
        self.followup_title.setVisible(visible)
        self.followup.setVisible(visible)
        if not visible:
            return
        today = clock.today()
        self.followup.setRowCount(len(self.open_commitments))
        for r, c in enumerate(self.open_commitments):
            overdue = c.is_overdue(today)
            status = "Vencido" if overdue else commitments.STATUS_LABELS.get(c.status, c.status)
            for col, text in enumerate([c.text, c.responsible, fmt.short_day(c.due_date), status]):
                cell = QTableWidgetItem(text)
                cell.setToolTip(text)
                if overdue:
                    cell.setForeground(QColor("#b3261e"))
                self.followup.setItem(r, col, cell)
        if not self.open_commitments:
            self.followup_title.setText("Compromisos abiertos para el seguimiento: ninguno")
        else:
            self.followup_title.setText(
                f"Compromisos abiertos para el seguimiento ({len(self.open_commitments)})"
            )

    def _agenda_item(self, row: int | None = None):
        row = self.agenda.currentRow() if row is None else row
        if self.session is None or not 0 <= row < len(self.session.agenda):
            return None
        return self.session.agenda[row]

    def _agenda_row_changed(self, _row: int) -> None:
        self._update_agenda_buttons()

    def _update_agenda_buttons(self) -> None:
        item = self._agenda_item()
        editable = self.session is not None and sessions.is_editable(self.session.status)
        count = len(self.session.agenda) if self.session else 0
        self.up_button.setEnabled(editable and item is not None and item.position > 1)
        self.down_button.setEnabled(editable and item is not None and item.position < count)
        self.remove_button.setEnabled(editable and item is not None and not item.mandatory)
        if item is not None and item.mandatory:
            self.remove_button.setToolTip("Los puntos obligatorios no se pueden quitar.")
        else:
            self.remove_button.setToolTip("")

    # -- agenda editing ----------------------------------------------------------------------------------
    def add_item(self) -> None:
        title = self.new_item.text().strip()
        if self.session is None or not title:
            return
        self.new_item.clear()
        self.ctx.call(ops.add_agenda_item, self.session.id, title)

    def move_item(self, offset: int) -> None:
        item = self._agenda_item()
        if item is None:
            return
        target = self.agenda.currentRow() + offset
        self.ctx.call(
            ops.move_agenda_item,
            item.id,
            offset,
            done=lambda _s: self.agenda.setCurrentRow(max(0, target)),
        )

    def remove_item(self) -> None:
        item = self._agenda_item()
        if item is None or item.mandatory:
            return
        if dialogs.confirm(self, "Quitar punto", f"¿Quitar «{item.title}» del orden del día?", "Quitar"):
            self.ctx.call(ops.remove_agenda_item, item.id)

    def _agenda_item_edited(self, row_item: QListWidgetItem) -> None:
        row = self.agenda.row(row_item)
        item = self._agenda_item(row)
        if item is None:
            return
        text = row_item.text()
        # The list shows "N. Title"; keep only what the person typed after the number.
        prefix = f"{item.position}. "
        title = text[len(prefix) :] if text.startswith(prefix) else text
        title = title.strip()
        if title and title != item.title:
            self.ctx.call(ops.rename_agenda_item, item.id, title)
        else:
            self._show_agenda(self.session)

    # -- session commands -----------------------------------------------------------------------------------
    def new_session(self) -> None:
        lead = sessions.convocation_lead_days(self.mesa.convocation_lead_days if self.mesa else None)
        # An empty place takes the mesa's usual one (sessions.new_session).
        dialog = SessionDialog(lead, mesa_kind=self.mesa.kind if self.mesa else None, parent=self)
        dialog.accepted.connect(lambda: self._create(dialog.value()))
        dialogs.open_tracked(self, dialog)

    def _create(self, form: SessionForm) -> None:
        self.ctx.call(ops.new_session, **form.new_session_args(), done=self._created)

    def _created(self, session) -> None:
        self._wanted = session.id
        warnings = "".join(f" {w}" for w in session.warnings)
        self.ctx.status.emit(
            f"Se creó la {fmt.session_title(session).lower()} del {fmt.day(session.date)}.{warnings}"
        )

    def edit_session(self) -> None:
        if self.session is None or not sessions.is_editable(self.session.status):
            return
        lead = sessions.convocation_lead_days(self.mesa.convocation_lead_days if self.mesa else None)
        dialog = SessionDialog(lead, session=self.session, parent=self)
        session_id = self.session.id
        dialog.accepted.connect(
            lambda: self.ctx.call(ops.update_session, session_id, **dialog.value().update_args())
        )
        dialogs.open_tracked(self, dialog)

    def set_status(self, status: str) -> None:
        if self.session is None:
            return
        if status == "cancelled" and not dialogs.confirm(
            self,
            "Cancelar sesión",
            f"¿Cancelar la {fmt.session_title(self.session).lower()}?",
            "Cancelar la sesión",
            detail="Podrá reprogramarla después.",
        ):
            return
        self.ctx.call(ops.set_status, self.session.id, status, done=self._status_set)

    def _status_set(self, session) -> None:
        # Marking a session held with nobody's attendance recorded is allowed, with a warning.
        if session.warnings:
            self.ctx.status.emit(" ".join(session.warnings))

    # -- convocation ----------------------------------------------------------------------------------------
    def choose_folder(self) -> str:
        return QFileDialog.getExistingDirectory(
            self, "Carpeta donde guardar la convocatoria", str(Path.home())
        )

    def write_convocation(self) -> None:
        if self.session is None:
            return
        self.ctx.call(document_data.convocation_data, self.session.id, done=self._convocation_ready)

    def _convocation_ready(self, data) -> None:
        from mesa_desktop.documents.convocation import convocation_warning, write_convocation

        warning = convocation_warning(data)
        if warning and not dialogs.confirm(
            self, "Convocatoria con poca anticipación", warning, "Generar de todos modos"
        ):
            return
        folder = self.choose_folder()
        if not folder:
            return
        self.ctx.status.emit("Preparando la convocatoria…")
        self.ctx.work(write_convocation, data, folder, done=self._convocation_written)

    def _convocation_written(self, files) -> None:
        self.last_convocation = files
        message = (
            f"Convocatoria lista en {files.pdf.parent}: {files.pdf.name}, {files.ics.name} y {files.eml.name}. "
            "Abra el correo (.eml) y envíelo desde su programa de correo."
        )
        if files.personal_eml:
            message += f" En {files.personal_eml[0].parent.name} hay un correo por persona con su código de registro."
        if files.without_email:
            # A dialog, not only the status bar: these people must be reached another way.
            message += (
                f" Sin correo registrado ({len(files.without_email)}): {', '.join(files.without_email)}; "
                "convóquelos por otro medio."
            )
            dialogs.inform(self, "Personas sin correo", message)
        self.ctx.status.emit(message)

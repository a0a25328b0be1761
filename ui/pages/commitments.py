"""Commitments board: who does what by when, follow-up notes, and what is overdue (2.6 f e)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mesa_desktop import clock
from mesa_desktop.operations import commitments as ops
from mesa_desktop.operations.commitments import Board
from mesa_desktop.services import commitments, conformation
from ui.pages import page_kit as kit

STATUS_LABELS = commitments.STATUS_LABELS  # Pendiente, En curso, Cumplido, Anulado
STATUS_FILTERS = (
    ("all", "Todos los estados"),
    ("open", "Abiertos (pendientes y en curso)"),
    ("pending", "Pendientes"),
    ("in_progress", "En curso"),
    ("done", "Cumplidos"),
    ("cancelled", "Anulados"),
)


def status_text(item: commitments.CommitmentInfo, today: date) -> str:
    days = ops.days_overdue(item, today)
    if days:
        return f"Vencido hace {days} día{'s' if days != 1 else ''}"
    if item.status == "done" and item.done_on:
        return f"Cumplido el {kit.short_day(item.done_on)}"
    return STATUS_LABELS.get(item.status, item.status)


def excel_rows(items) -> list:
    """The documents' commitment rows (built in the core, shared with the CLI)."""
    from mesa_desktop.services.document_data import commitment_rows

    return commitment_rows(items)


def write_excel(items, mesa: conformation.MesaInfo, target: str) -> str:
    """Commitments workbook through ``mesa_desktop.documents.excel``. File pool."""
    from mesa_desktop.documents import excel
    from mesa_desktop.services.document_data import mesa_data

    return str(excel.write_commitments_xlsx(excel_rows(items), target, mesa=mesa_data(mesa)))


def excel_available() -> bool:
    import importlib.util

    return importlib.util.find_spec("mesa_desktop.documents.excel") is not None


# --- dialogs ----------------------------------------------------------------------------------


class StatusDialog(QDialog):
    def __init__(self, item: commitments.CommitmentInfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Cambiar estado del compromiso")
        self.setMinimumWidth(520)
        text = QLabel(item.text, self)
        text.setWordWrap(True)
        self.status = QComboBox(self)
        for key, label in STATUS_LABELS.items():
            self.status.addItem(label, key)
        self.status.setCurrentIndex(self.status.findData(item.status))
        self.done_on = kit.date_edit(item.done_on or clock.today(), self)
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText("Nota de seguimiento (opcional): qué se hizo, qué falta…")
        self.note.setFixedHeight(90)
        form = QFormLayout()
        form.addRow("Estado:", self.status)
        form.addRow("Cumplido el:", self.done_on)
        form.addRow("Nota:", self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(kit.button_box(self))
        self.status.currentIndexChanged.connect(self._sync)
        self._sync()

    def _sync(self) -> None:
        self.done_on.setEnabled(self.status.currentData() == "done")

    def values(self) -> dict:
        status = self.status.currentData()
        return {
            "status": status,
            "on": kit.from_qdate(self.done_on.date()) if status == "done" else None,
            "note": self.note.toPlainText().strip() or None,
        }


class NoteDialog(QDialog):
    def __init__(self, item: commitments.CommitmentInfo, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Nota de seguimiento")
        self.setMinimumWidth(520)
        label = QLabel(item.text, self)
        label.setWordWrap(True)
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText("Qué se informó sobre este compromiso y cuándo…")
        self.error = QLabel("", self)
        self.error.setStyleSheet("color: #b3261e;")
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(kit.button_box(self, "Añadir nota"))

    def accept(self) -> None:
        if not self.note.toPlainText().strip():
            self.error.setText("Escriba la nota.")
            return
        super().accept()

    def text(self) -> str:
        return self.note.toPlainText().strip()


class CommitmentDialog(QDialog):
    """A new commitment, or the text, responsible and due date of an existing one."""

    def __init__(
        self, board: Board, parent: QWidget | None = None, item: commitments.CommitmentInfo | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle("Editar compromiso" if item else "Nuevo compromiso")
        self.setMinimumWidth(600)
        self.text = QPlainTextEdit(item.text if item else "", self)
        self.text.setFixedHeight(80)
        self.dependency = QComboBox(self)
        self.dependency.addItem("— Sin dependencia —", None)
        for dep_id, name in board.dependencies:
            self.dependency.addItem(name, str(dep_id))  # Qt compares strings, not UUID objects
        if item and item.responsible_dependency_id:
            index = self.dependency.findData(str(item.responsible_dependency_id))
            if index < 0:
                self.dependency.addItem(
                    item.responsible_dependency or "", str(item.responsible_dependency_id)
                )
                index = self.dependency.count() - 1
            self.dependency.setCurrentIndex(index)
        self.person = QLineEdit((item.responsible_person or "") if item else "", self)
        self.person.setPlaceholderText("Opcional: persona responsable")
        self.due = kit.date_edit(item.due_date if item and item.due_date else clock.today(), self)
        form = QFormLayout()
        form.addRow("Compromiso:", self.text)
        form.addRow("Dependencia responsable:", self.dependency)
        form.addRow("Persona responsable:", self.person)
        form.addRow("Fecha límite:", self.due)
        self.session = None
        if item is None:
            self.session = QComboBox(self)
            self.session.addItem("— Fuera de sesión —", None)
            for session in board.sessions:
                self.session.addItem(
                    f"Sesión {session.number} · {kit.short_day(session.date)}", str(session.id)
                )
            form.addRow("Acordado en:", self.session)
        self.error = QLabel("", self)
        self.error.setStyleSheet("color: #b3261e;")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(kit.button_box(self))

    def accept(self) -> None:
        if not self.text.toPlainText().strip():
            self.error.setText("Describa el compromiso.")
            return
        super().accept()

    def values(self) -> dict:
        values = {
            "text": self.text.toPlainText().strip(),
            "responsible_dependency": self.dependency.currentData(),
            "responsible_person": self.person.text().strip() or None,
            "due_date": kit.from_qdate(self.due.date()),
        }
        if self.session is not None:
            values["session"] = self.session.currentData()
        return values


# --- the page ---------------------------------------------------------------------------------


class CommitmentsPage(kit.Page):
    """Filterable board; overdue in red; status, notes, edit; Excel export."""

    TOPICS = ("commitments", "members", "sessions", "actas")
    HEADERS = ("Compromiso", "Responsable", "Fecha límite", "Estado", "Sesión", "Último seguimiento")

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.board: Board | None = None
        self.shown: list[commitments.CommitmentInfo] = []
        layout, self.subtitle = kit.page_layout(self, "Compromisos")

        cards = QHBoxLayout()
        self.open_card = kit.StatCard("abiertos", self)
        self.overdue_card = kit.StatCard("vencidos", self)
        self.done_card = kit.StatCard("cumplidos", self)
        for card in (self.open_card, self.overdue_card, self.done_card):
            card.setFixedSize(210, 88)
            cards.addWidget(card)
        cards.addStretch(1)
        layout.addLayout(cards)

        filters = QHBoxLayout()
        self.dependency_filter = QComboBox(self)
        self.dependency_filter.setMinimumWidth(300)
        self.status_filter = QComboBox(self)
        for key, label in STATUS_FILTERS:
            self.status_filter.addItem(label, key)
        self.overdue_only = QCheckBox("Solo vencidos", self)
        filters.addWidget(QLabel("Dependencia:", self))
        filters.addWidget(self.dependency_filter)
        filters.addWidget(QLabel("Estado:", self))
        filters.addWidget(self.status_filter)
        filters.addWidget(self.overdue_only)
        filters.addStretch(1)
        self.count_label = QLabel("", self)
        self.count_label.setObjectName("hint")
        filters.addWidget(self.count_label)
        layout.addLayout(filters)

        actions = QHBoxLayout()
        self.new_button = QPushButton("Nuevo compromiso…", self)
        self.status_button = QPushButton("Cambiar estado…", self)
        self.status_button.setObjectName("primary")
        self.note_button = QPushButton("Nota de seguimiento…", self)
        self.edit_button = QPushButton("Editar…", self)
        self.excel_button = QPushButton("Exportar a Excel…", self)
        for button in (self.new_button, self.status_button, self.note_button, self.edit_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.excel_button)
        layout.addLayout(actions)
        self.excel_button.setVisible(excel_available())

        self.table = kit.make_table(self.HEADERS, self, stretch=0, widths={1: 210, 5: 210})
        self.details = QTextBrowser(self)
        self.details.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.details)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

        self.dependency_filter.currentIndexChanged.connect(lambda _i: self._fill())
        self.status_filter.currentIndexChanged.connect(lambda _i: self._fill())
        self.overdue_only.toggled.connect(lambda _on: self._fill())
        self.table.itemSelectionChanged.connect(self._show_details)
        self.table.doubleClicked.connect(lambda _i: self.change_status())
        self.new_button.clicked.connect(self.new_commitment)
        self.status_button.clicked.connect(self.change_status)
        self.note_button.clicked.connect(self.add_note)
        self.edit_button.clicked.connect(self.edit)
        self.excel_button.clicked.connect(self.export_excel)
        self._show_details()

    # -- loading ----------------------------------------------------------------------------
    def load(self) -> None:
        self.ctx.call(ops.board, done=self._loaded)

    def _loaded(self, board: Board) -> None:
        self.board = board
        current = self.dependency_filter.currentData()
        self.dependency_filter.blockSignals(True)
        self.dependency_filter.clear()
        self.dependency_filter.addItem("Todas las dependencias", None)
        for dep_id, name in board.dependencies:
            self.dependency_filter.addItem(name, str(dep_id))
        index = self.dependency_filter.findData(current)
        self.dependency_filter.setCurrentIndex(max(index, 0))
        self.dependency_filter.blockSignals(False)
        today = clock.today()
        items = board.items
        open_items = [i for i in items if i.status in commitments.OPEN_STATUSES]
        overdue = [i for i in items if i.is_overdue(today)]
        done = [i for i in items if i.status == "done"]
        self.open_card.show_value(str(len(open_items)), "pendientes o en curso")
        self.overdue_card.show_value(
            str(len(overdue)), "ya pasó su fecha límite", "missing" if overdue else "ok"
        )
        self.done_card.show_value(str(len(done)), f"de {len(items)} compromisos", "ok")
        self.subtitle.setText(
            "Seguimiento de los compromisos acordados en las sesiones (numeral 2.6 f). "
            "Los vencidos aparecen en rojo."
        )
        self._fill()
        self.mark_loaded()

    def _fill(self) -> None:
        if self.board is None:
            return
        selected = kit.selected_key(self.table)
        today = clock.today()
        dep = self.dependency_filter.currentData()
        status = self.status_filter.currentData()
        self.shown = [
            i for i in self.board.items if ops.matches(i, dep, status, self.overdue_only.isChecked(), today)
        ]
        self.table.setRowCount(len(self.shown))
        for row, item in enumerate(self.shown):
            overdue = item.is_overdue(today)
            tone = (
                "missing"
                if overdue
                else (
                    "ok"
                    if item.status == "done"
                    else "not_applicable"
                    if item.status == "cancelled"
                    else None
                )
            )
            last = item.notes[-1][1] if item.notes else ""
            kit.fill_row(
                self.table,
                row,
                (
                    item.text,
                    item.responsible,
                    kit.short_day(item.due_date),
                    status_text(item, today),
                    item.session_number or "—",
                    last,
                ),
                key=item.id,
                tone="missing" if overdue else None,
                tooltips=(item.text, "", "", "", "", last),
            )
            if tone:
                kit.tone_cell(self.table.item(row, 3), tone)
        self.table.resizeRowsToContents()
        self.count_label.setText(f"{len(self.shown)} de {len(self.board.items)} compromisos")
        if selected is None or not kit.select_key(self.table, selected):
            if self.shown:
                self.table.selectRow(0)
        self._show_details()

    def current(self) -> commitments.CommitmentInfo | None:
        key = kit.selected_key(self.table)
        return next((i for i in self.shown if i.id == key), None)

    def _show_details(self) -> None:
        item = self.current()
        for button in (self.status_button, self.note_button, self.edit_button):
            button.setEnabled(item is not None)
        self.excel_button.setEnabled(bool(self.shown))
        if item is None:
            self.details.setHtml(
                "<p style='color:#5d6873'>Seleccione un compromiso para ver su seguimiento.</p>"
            )
            return
        from html import escape

        today = clock.today()
        lines = [
            f"<p><b>{escape(item.text)}</b></p>",
            f"<p>Responsable: {escape(item.responsible)} · Fecha límite: "
            f"{escape(kit.long_day(item.due_date))} · Estado: {escape(status_text(item, today))}"
            + (f" · Acordado en la sesión {escape(item.session_number)}" if item.session_number else "")
            + "</p>",
        ]
        if item.notes:
            lines.append("<p><b>Seguimiento</b></p><ul>")
            for at, text in reversed(item.notes):
                lines.append(f"<li>{escape(kit.short_day(at.date()))}: {escape(text)}</li>")
            lines.append("</ul>")
        else:
            lines.append("<p style='color:#5d6873'>Sin notas de seguimiento.</p>")
        self.details.setHtml("".join(lines))

    # -- actions ------------------------------------------------------------------------------
    def new_commitment(self) -> None:
        if self.board is None:
            return
        dialog = CommitmentDialog(self.board, self)
        if not kit.run_dialog(dialog):
            return
        values = dialog.values()
        text = values.pop("text")
        self.ctx.call(
            ops.add_commitment,
            text,
            done=lambda c: self.status("Se registró el compromiso."),
            **values,
        )

    def change_status(self) -> None:
        item = self.current()
        if item is None:
            return
        dialog = StatusDialog(item, self)
        if not kit.run_dialog(dialog):
            return
        values = dialog.values()
        self.ctx.call(
            ops.set_status,
            item.id,
            values["status"],
            on=values["on"],
            note=values["note"],
            done=lambda c: self.status(f"Compromiso: {STATUS_LABELS[c.status].lower()}."),
        )

    def add_note(self) -> None:
        item = self.current()
        if item is None:
            return
        dialog = NoteDialog(item, self)
        if not kit.run_dialog(dialog):
            return
        self.ctx.call(
            ops.add_note,
            item.id,
            dialog.text(),
            done=lambda c: self.status("Se añadió la nota de seguimiento."),
        )

    def edit(self) -> None:
        item = self.current()
        if item is None or self.board is None:
            return
        dialog = CommitmentDialog(self.board, self, item)
        if not kit.run_dialog(dialog):
            return
        values = dialog.values()
        self.ctx.call(
            ops.update_commitment,
            item.id,
            text=values["text"],
            due_date=values["due_date"],
            responsible_person=values["responsible_person"] or "",
            responsible_dependency=values["responsible_dependency"],
            done=lambda c: self.status("Se guardó el compromiso."),
        )

    def export_excel(self) -> None:
        if self.board is None or not self.shown:
            return
        target = kit.save_file(
            self,
            "Exportar compromisos a Excel",
            f"compromisos-{clock.today().isoformat()}.xlsx",
            "Libro de Excel (*.xlsx)",
        )
        if not target:
            return
        if not target.lower().endswith(".xlsx"):
            target += ".xlsx"
        items, mesa = tuple(self.shown), self.board.mesa
        self.status("Exportando compromisos…")
        self.ctx.work(
            write_excel,
            items,
            mesa,
            target,
            done=lambda path: self.status(f"Compromisos exportados a {path}."),
        )

"""The record of the session on the acta screen: when it really started and ended, who
presided, its objective, and the excuses of the dependencies that did not come.

Each change is one service call; the acta prints exactly what is stored here.
"""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mesa_desktop.clock import local_time
from mesa_desktop.operations import actas as acta_ops
from mesa_desktop.operations import sessions as session_ops
from mesa_desktop.operations.actas import ActaView
from ui.widgets import format as fmt
from ui.widgets.autosave import AutosaveText
from ui.widgets.clock_edit import ClockEdit

PRESIDER = Qt.ItemDataRole.UserRole
INVITED = Qt.ItemDataRole.UserRole + 1  # an absence row of an invited actor (it can be removed)


class SessionRecord(QScrollArea):
    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.view: ActaView | None = None
        self.presiders: list = []  # what sessions.set_presiders takes: a person's id or (name, cargo, entity)
        self.setWidgetResizable(True)
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addWidget(self._build_times())
        layout.addWidget(self._build_presiders())
        objective_title = QLabel(
            "<b>Objetivo de la sesión</b> (en una extraordinaria, el motivo de la convocatoria)"
        )
        self.objective = AutosaveText()
        self.objective.setPlaceholderText("Para qué se reúne la mesa en esta sesión")
        self.objective.setMaximumHeight(70)
        self.objective.save_requested.connect(self._save_objective)
        layout.addWidget(objective_title)
        layout.addWidget(self.objective)
        layout.addWidget(self._build_absences(), 1)
        self.setWidget(box)

    # -- layout ------------------------------------------------------------------------------
    def _build_times(self) -> QGroupBox:
        group = QGroupBox("Horas reales de la sesión")
        self.opened_label = QLabel("")
        self.opened_edit = ClockEdit(follow_now=True)
        self.opened_edit.setAccessibleName("Hora real de inicio")
        self.open_button = QPushButton("Abrir la sesión")
        self.open_button.setObjectName("primary")
        self.open_button.clicked.connect(self.open_session)
        self.closed_label = QLabel("")
        self.closed_edit = ClockEdit(follow_now=True)
        self.closed_edit.setAccessibleName("Hora real de cierre")
        self.close_button = QPushButton("Cerrar la sesión")
        self.close_button.clicked.connect(self.close_session)
        form = QFormLayout(group)
        for label, edit, button, state in (
            ("Inicio:", self.opened_edit, self.open_button, self.opened_label),
            ("Cierre:", self.closed_edit, self.close_button, self.closed_label),
        ):
            row = QHBoxLayout()
            row.addWidget(edit)
            row.addWidget(button)
            row.addWidget(state, 1)
            form.addRow(label, row)
        hint = QLabel("El acta imprime estas horas; las planeadas quedan en la convocatoria.")
        hint.setObjectName("hint")
        form.addRow(hint)
        return group

    def _build_presiders(self) -> QGroupBox:
        group = QGroupBox("Presidieron la sesión (una línea de firma por cada una)")
        self.presider_list = QListWidget()
        self.presider_list.setMaximumHeight(78)
        self.presider_choice = QComboBox()
        self.presider_choice.setMinimumContentsLength(28)
        self.add_present_button = QPushButton("Agregar")
        self.add_present_button.clicked.connect(self.add_present_presider)
        self.typed_name = QLineEdit()
        self.typed_name.setPlaceholderText("Nombre")
        self.typed_position = QLineEdit()
        self.typed_position.setPlaceholderText("Cargo")
        self.typed_entity = QLineEdit()
        self.typed_entity.setPlaceholderText("Entidad")
        self.add_typed_button = QPushButton("Agregar")
        self.add_typed_button.clicked.connect(self.add_typed_presider)
        self.remove_button = QPushButton("Quitar")
        self.remove_button.clicked.connect(self.remove_presider)
        present = QHBoxLayout()
        present.addWidget(self.presider_choice, 1)
        present.addWidget(self.add_present_button)
        typed = QHBoxLayout()
        for widget in (self.typed_name, self.typed_position, self.typed_entity):
            typed.addWidget(widget, 1)
        typed.addWidget(self.add_typed_button)
        listed = QHBoxLayout()
        listed.addWidget(self.presider_list, 1)
        listed.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)
        form = QFormLayout(group)
        form.addRow(listed)
        form.addRow("De los presentes:", present)
        form.addRow("O escriba:", typed)
        return group

    def _build_absences(self) -> QGroupBox:
        group = QGroupBox("Ausentes y su excusa (opcional; el acta la imprime)")
        self.absences = QTableWidget(0, 2)
        self.absences.setHorizontalHeaderLabels(["Dependencia o actor invitado", "Excusa"])
        self.absences.setMinimumHeight(150)  # a few rows in view; the page scrolls for the rest
        self.absences.verticalHeader().hide()
        self.absences.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.absences.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.absences.itemChanged.connect(self._excuse_edited)
        self.absences.itemSelectionChanged.connect(self._absence_selected)
        # An invited actor convened who did not come is listed too (the departmental secretary
        # invited to the first session, guideline 2.7).
        self.invited_choice = QComboBox()
        self.add_invited_button = QPushButton("Registrar su ausencia")
        self.add_invited_button.clicked.connect(self.add_invited_absence)
        self.remove_invited_button = QPushButton("Quitar de los ausentes")
        self.remove_invited_button.clicked.connect(self.remove_invited_absence)
        invited = QHBoxLayout()
        invited.addWidget(QLabel("Actor invitado convocado que no asistió:"))
        invited.addWidget(self.invited_choice, 1)
        invited.addWidget(self.add_invited_button)
        invited.addWidget(self.remove_invited_button)
        layout = QVBoxLayout(group)
        layout.addWidget(self.absences)
        layout.addLayout(invited)
        return group

    # -- showing -------------------------------------------------------------------------------
    def show_view(self, view: ActaView, editable: bool) -> None:
        self.view = view
        session = view.session
        self.opened_label.setText(
            f"Se abrió a las {fmt.hour(session.opened_at)}"
            if session.opened_at
            else "La sesión aún no se ha abierto."
        )
        self.open_button.setText("Corregir la hora de inicio" if session.opened_at else "Abrir la sesión")
        opened = local_time(session.opened_at)
        if opened is not None:
            self.opened_edit.set_value(opened)
        self.closed_label.setText(
            f"Se cerró a las {fmt.hour(session.closed_at)}" if session.closed_at else ""
        )
        self.close_button.setText("Corregir la hora de cierre" if session.closed_at else "Cerrar la sesión")
        closed = local_time(session.closed_at)
        if closed is not None:
            self.closed_edit.set_value(closed)
        self.presiders = [p.person_id or (p.full_name, p.position, p.entity) for p in session.presiders]
        self.presider_list.clear()
        for presider in session.presiders:
            details = ", ".join(x for x in (presider.position, presider.entity) if x)
            self.presider_list.addItem(f"{presider.full_name}{' — ' + details if details else ''}")
        self.presider_choice.clear()
        for person in view.attendees:
            if not person.left:
                where = person.dependency or person.entity or ""
                self.presider_choice.addItem(f"{person.name}{' — ' + where if where else ''}", person.name)
        self.objective.set_saved_text(session.objective or "")
        with QSignalBlocker(self.absences):
            rows = [(a, False) for a in view.absences] + [(a, True) for a in view.absent_invited]
            self.absences.setRowCount(len(rows))
            for row, (absence, invited) in enumerate(rows):
                name = QTableWidgetItem(absence.dependency)
                name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
                name.setData(INVITED, invited)
                if invited:
                    name.setToolTip("Actor invitado convocado que no asistió")
                self.absences.setItem(row, 0, name)
                self.absences.setItem(row, 1, QTableWidgetItem(absence.excuse or ""))
        self.invited_choice.clear()
        self.invited_choice.addItems(list(view.invited_not_present))
        self.set_editable(editable)

    def set_editable(self, editable: bool) -> None:
        for widget in (
            self.opened_edit,
            self.open_button,
            self.closed_edit,
            self.close_button,
            self.presider_choice,
            self.add_present_button,
            self.typed_name,
            self.typed_position,
            self.typed_entity,
            self.add_typed_button,
            self.remove_button,
        ):
            widget.setEnabled(editable)
        self.close_button.setEnabled(
            editable and self.view is not None and self.view.session.opened_at is not None
        )
        self.add_present_button.setEnabled(editable and self.presider_choice.count() > 0)
        self.remove_button.setEnabled(editable and len(self.presiders) > 1)
        self.objective.setReadOnly(not editable)
        self.absences.setEnabled(editable)
        self.invited_choice.setEnabled(editable and self.invited_choice.count() > 0)
        self.add_invited_button.setEnabled(editable and self.invited_choice.count() > 0)
        self._absence_selected()

    # -- actions ---------------------------------------------------------------------------------
    def open_session(self) -> None:
        if self.view is not None:
            self.ctx.call(
                session_ops.open_session,
                self.view.session.id,
                at=self.opened_edit.chosen(),
            )

    def close_session(self) -> None:
        if self.view is not None:
            self.ctx.call(
                session_ops.close_session,
                self.view.session.id,
                at=self.closed_edit.chosen(),
            )

    def add_present_presider(self) -> None:
        name = self.presider_choice.currentData()
        if name:
            self._save_presiders([*self.presiders, name])

    def add_typed_presider(self) -> None:
        name = self.typed_name.text().strip()
        if not name:
            self.ctx.error.emit("Escriba el nombre de quien presidió.")
            return
        self._save_presiders(
            [
                *self.presiders,
                (name, self.typed_position.text().strip() or None, self.typed_entity.text().strip() or None),
            ]
        )
        for widget in (self.typed_name, self.typed_position, self.typed_entity):
            widget.clear()

    def remove_presider(self) -> None:
        row = self.presider_list.currentRow()
        if 0 <= row < len(self.presiders):
            self._save_presiders(self.presiders[:row] + self.presiders[row + 1 :])

    def _save_presiders(self, presiders: list) -> None:
        if self.view is not None:
            self.ctx.call(session_ops.set_presiders, self.view.session.id, presiders)

    def _save_objective(self, text: str) -> None:
        if self.view is not None:
            # No topic: the text on screen is the truth; a broadcast would rebuild the editors.
            self.ctx.call(acta_ops.write_objective, self.view.session.id, text)

    def _selected_invited(self) -> str | None:
        name = self.absences.item(self.absences.currentRow(), 0)
        return name.text() if name is not None and name.data(INVITED) else None

    def _absence_selected(self) -> None:
        editable = self.view is not None and self.absences.isEnabled()
        self.remove_invited_button.setEnabled(editable and self._selected_invited() is not None)

    def add_invited_absence(self) -> None:
        name = self.invited_choice.currentText()
        if self.view is not None and name:
            self.ctx.call(acta_ops.record_invited_absence, self.view.session.id, name)

    def remove_invited_absence(self) -> None:
        name = self._selected_invited()
        if self.view is not None and name:
            self.ctx.call(acta_ops.remove_invited_absence, self.view.session.id, name)

    def _excuse_edited(self, item: QTableWidgetItem) -> None:
        if self.view is None or item.column() != 1:
            return
        name = self.absences.item(item.row(), 0)
        if name is not None:
            self.ctx.call(acta_ops.set_absence_excuse, self.view.session.id, name.text(), item.text())

    def flush(self) -> None:
        self.objective.flush()

"""Enlaces permanentes of the national mesa (guideline 1.4): a matrix of member dependencies ×
work groups of the Plan, each cell the professional the dependency designated or «Sin
designar»; below it, the selected cell's designation and the work groups themselves."""

from __future__ import annotations

import textwrap
import uuid

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
)

from mesa_desktop import clock
from mesa_desktop.operations import liaisons as ops
from mesa_desktop.operations.liaisons import LiaisonInfo, LiaisonMatrix
from ui.pages import page_kit as kit

PRESET_BUTTON = "Cargar grupos de trabajo de ejemplo (ejes del plan de acción)"
UNDESIGNATED = "Sin designar"
CELL = Qt.ItemDataRole.UserRole  # each cell keeps its (dependency id, work group id)


def cell_text(cell: LiaisonInfo) -> str:
    if cell.person_name is None:
        return f"✖ {UNDESIGNATED}"
    when = f" · {kit.short_day(cell.designated_on)}" if cell.designated_on else ""
    return f"{cell.person_name}{when}"


class LiaisonsPage(kit.Page):
    TOPICS = ("members",)

    def __init__(self, ctx, parent=None):
        super().__init__(ctx, parent)
        self.view: LiaisonMatrix | None = None
        layout, self.subtitle = kit.page_layout(
            self,
            "Enlaces permanentes",
            "Numeral 1.4: cada dependencia designa un profesional de su equipo técnico para cada "
            "grupo de trabajo del Plan de atención, como enlace permanente.",
        )
        self.summary = kit.notice("", parent=self)
        layout.addWidget(self.summary)

        self.table = QTableWidget(0, 1, self)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName("Enlaces por dependencia y grupo de trabajo")
        self.table.currentCellChanged.connect(lambda *_args: self._show_selected())
        # Enter or a double click on a cell goes to the person chooser.
        self.table.cellActivated.connect(lambda *_args: self.person.setFocus())
        layout.addWidget(self.table, 1)

        layout.addWidget(kit.section_title("Designación de la celda seleccionada", self))
        self.selected = QLabel("Seleccione una celda de la tabla.", self)
        self.selected.setWordWrap(True)
        layout.addWidget(self.selected)
        row = QHBoxLayout()
        self.person = QComboBox(self)
        self.person.setMinimumWidth(320)
        self.person.setAccessibleName("Profesional designado")
        self.on = kit.date_edit(clock.today(), self)
        self.save_button = QPushButton("Guardar designación", self)
        self.remove_button = QPushButton("Quitar designación", self)
        person_label = QLabel("&Profesional:", self)
        person_label.setBuddy(self.person)
        on_label = QLabel("&Designado el:", self)
        on_label.setBuddy(self.on)
        for widget in (person_label, self.person, on_label, self.on, self.save_button, self.remove_button):
            row.addWidget(widget)
        row.addStretch(1)
        layout.addLayout(row)
        self.save_button.clicked.connect(self.save)
        self.remove_button.clicked.connect(self.remove)

        layout.addWidget(kit.section_title("Grupos de trabajo del Plan", self))
        groups = QHBoxLayout()
        self.group = QComboBox(self)
        self.group.setMinimumWidth(300)
        self.group.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.group.setAccessibleName("Grupo de trabajo")
        self.group_name = QLineEdit(self)
        self.group_name.setPlaceholderText("Nombre del grupo")
        self.group_name.setMinimumWidth(180)
        self.add_group_button = QPushButton("Agregar", self)
        self.rename_group_button = QPushButton("Renombrar", self)
        self.remove_group_button = QPushButton("Quitar grupo", self)
        self.preset_button = QPushButton(PRESET_BUTTON, self)
        self.preset_button.setToolTip(
            "Agrega los que la mesa no tenga. La guía no enumera los grupos de trabajo del Plan: "
            "son solo un ejemplo; renómbrelos o quítelos para que sean los de la mesa."
        )
        for widget in (
            self.group,
            self.group_name,
            self.add_group_button,
            self.rename_group_button,
            self.remove_group_button,
        ):
            groups.addWidget(widget)
        groups.addStretch(1)
        layout.addLayout(groups)
        preset_row = QHBoxLayout()  # its own line: the honest label is long
        preset_row.addWidget(self.preset_button)
        preset_row.addStretch(1)
        layout.addLayout(preset_row)
        self.group.currentIndexChanged.connect(self._group_chosen)
        self.group_name.textChanged.connect(lambda _t: self._update_buttons())
        self.add_group_button.clicked.connect(self.add_group)
        self.rename_group_button.clicked.connect(self.rename_group)
        self.remove_group_button.clicked.connect(self.remove_group)
        self.preset_button.clicked.connect(self.load_preset)
        self.result = kit.notice("", parent=self)
        self.result.hide()
        layout.addWidget(self.result)
        self._update_buttons()

    # -- loading -----------------------------------------------------------------------------
    def load(self) -> None:
        self.ctx.call(ops.liaison_matrix, done=self._loaded, failed=self._failed)

    def _failed(self, message: str) -> None:
        kit.show_notice(self.result, message, "error")
        self.ctx.error.emit(message)

    def _loaded(self, view: LiaisonMatrix) -> None:
        current = self.current_cell()
        self.view = view
        self._fill_table()
        self._fill_groups()
        missing, total = len(view.missing), len(view.cells)
        if not view.work_groups:
            text, state = (
                "La mesa no tiene grupos de trabajo; agregue abajo los del Plan de atención o cargue "
                "los de ejemplo y ajústelos.",
                "",
            )
        elif missing:
            text, state = f"Faltan {kit.plural(missing, 'designación', 'designaciones')} de {total}.", ""
        else:
            text, state = f"Todas las dependencias designaron sus {total} enlaces.", "ok"
        self.summary.setText(text)
        kit.set_notice_state(self.summary, state)
        if current is not None:
            self.select_cell(*current)
        self._show_selected()
        self.mark_loaded()

    def _fill_table(self) -> None:
        assert self.view is not None
        view = self.view
        table = self.table
        table.clear()
        table.setColumnCount(1 + len(view.work_groups))
        table.setRowCount(len(view.dependencies))
        # Group names are long: wrapped headers keep every column on screen at 1366 px.
        headers = ["Dependencia", *(textwrap.fill(g.name, 26) for g in view.work_groups)]
        table.setHorizontalHeaderLabels(headers)
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(0, 360)
        for column in range(1, table.columnCount()):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        for row, (dependency_id, name) in enumerate(view.dependencies):
            label = QTableWidgetItem(name)
            label.setFlags(Qt.ItemFlag.ItemIsEnabled)
            table.setItem(row, 0, label)
            for column, group in enumerate(view.work_groups, start=1):
                cell = view.cell(dependency_id, group.id)
                item = QTableWidgetItem(cell_text(cell))
                item.setData(CELL, (dependency_id, group.id))
                item.setToolTip(f"{name} — {group.name}")
                table.setItem(row, column, item)
                if cell.person_id is None:
                    kit.tone_cell(item, "missing", bold=False)
        table.resizeRowsToContents()

    def _fill_groups(self) -> None:
        assert self.view is not None
        chosen = self.group.currentData()
        self.group.blockSignals(True)
        self.group.clear()
        for group in self.view.work_groups:
            self.group.addItem(group.name, group.id)
        index = self.group.findData(chosen)
        self.group.setCurrentIndex(index if index >= 0 else 0)
        self.group.blockSignals(False)
        self._update_buttons()

    # -- the selected cell -------------------------------------------------------------------
    def current_cell(self) -> tuple[uuid.UUID, uuid.UUID] | None:
        item = self.table.currentItem()
        value = item.data(CELL) if item is not None else None
        return value if value else None

    def select_cell(self, dependency_id: uuid.UUID, work_group_id: uuid.UUID) -> bool:
        for row in range(self.table.rowCount()):
            for column in range(1, self.table.columnCount()):
                item = self.table.item(row, column)
                if item is not None and item.data(CELL) == (dependency_id, work_group_id):
                    self.table.setCurrentCell(row, column)
                    return True
        return False

    def _show_selected(self) -> None:
        key = self.current_cell()
        self.person.clear()
        if key is None or self.view is None:
            self.selected.setText("Seleccione una celda de la tabla (flechas del teclado o clic).")
        else:
            cell = self.view.cell(*key)
            state = (
                f"designado(a): {cell.person_name}"
                + (f", el {kit.long_day(cell.designated_on)}" if cell.designated_on else "")
                if cell.person_name
                else UNDESIGNATED.lower()
            )
            self.selected.setText(f"{cell.dependency_name} — {cell.work_group_name}: {state}.")
            for person_id, name in self.view.candidates.get(cell.dependency_id, []):
                self.person.addItem(name, person_id)
            if not self.person.count():
                self.person.addItem("(sin personas registradas)", None)
            index = self.person.findData(cell.person_id)
            self.person.setCurrentIndex(max(index, 0))
            if cell.designated_on:
                self.on.setDate(kit.to_qdate(cell.designated_on))
            else:
                self.on.setDate(kit.to_qdate(clock.today()))
        self._update_buttons()

    def _update_buttons(self) -> None:
        key = self.current_cell()
        cell = self.view.cell(*key) if key is not None and self.view is not None else None
        self.person.setEnabled(cell is not None)
        self.on.setEnabled(cell is not None)
        self.save_button.setEnabled(cell is not None and self.person.currentData() is not None)
        self.remove_button.setEnabled(cell is not None and cell.person_id is not None)
        has_group = self.group.currentData() is not None
        name = self.group_name.text().strip()
        self.add_group_button.setEnabled(bool(name))
        self.rename_group_button.setEnabled(has_group and bool(name))
        self.remove_group_button.setEnabled(has_group)

    # -- actions -----------------------------------------------------------------------------
    def _done(self, text: str):
        def done(_value) -> None:
            kit.show_notice(self.result, text, "ok")

        return done

    def save(self) -> None:
        key = self.current_cell()
        person_id = self.person.currentData()
        if key is None or person_id is None:
            return
        self.ctx.call(
            ops.designate,
            *key,
            person_id,
            kit.from_qdate(self.on.date()),
            done=self._done(f"Designación guardada: {self.person.currentText()}."),
            failed=self._failed,
        )

    def remove(self) -> None:
        key = self.current_cell()
        if key is None or self.view is None:
            return
        cell = self.view.cell(*key)
        if not kit.confirm(
            self,
            "Quitar designación",
            f"¿Quitar a {cell.person_name} como enlace de «{cell.dependency_name}» para "
            f"«{cell.work_group_name}»?",
            "Quitar",
        ):
            return
        self.ctx.call(
            ops.remove_designation, *key, done=self._done("Designación quitada."), failed=self._failed
        )

    def _group_chosen(self, _index: int) -> None:
        self.group_name.setText(self.group.currentText())
        self._update_buttons()

    def add_group(self) -> None:
        name = self.group_name.text().strip()
        if name:
            self.ctx.call(
                ops.add_work_group, name, done=self._done(f"Grupo agregado: {name}."), failed=self._failed
            )

    def rename_group(self) -> None:
        group_id, name = self.group.currentData(), self.group_name.text().strip()
        if group_id is not None and name:
            self.ctx.call(
                ops.rename_work_group,
                group_id,
                name,
                done=self._done("Grupo renombrado."),
                failed=self._failed,
            )

    def remove_group(self) -> None:
        group_id = self.group.currentData()
        if group_id is None:
            return
        name = self.group.currentText()
        if not kit.confirm(
            self,
            "Quitar grupo de trabajo",
            f"¿Quitar el grupo «{name}»? Se quitan también sus designaciones.",
            "Quitar grupo",
        ):
            return
        self.ctx.call(
            ops.remove_work_group, group_id, done=self._done(f"Grupo quitado: {name}."), failed=self._failed
        )

    def load_preset(self) -> None:
        self.ctx.call(
            ops.load_preset_work_groups,
            done=self._done(
                "Grupos de trabajo de ejemplo cargados; renómbrelos o quítelos para que sean los del Plan de la mesa."
            ),
            failed=self._failed,
        )

"""Plan de acción: axes → actions → tasks, progress at a cut-off date, qualitative reports.

The progress shown is the one reported on or before the cut-off date (as the CNIM report
reads it); a new figure or report is recorded *at* the chosen cut-off date. A qualitative
report being typed is saved when the person moves to another item, changes the cut-off
date or leaves the page, so nothing typed is lost.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mesa_desktop import clock
from mesa_desktop.operations import plan as ops
from mesa_desktop.operations.plan import PlanView, default_cut
from mesa_desktop.services import action_plan, conformation
from ui.pages import page_kit as kit

KEY = Qt.ItemDataRole.UserRole


# --- documents (the store → document builders live in the core, shared with the CLI) ----------


def report_data(status: action_plan.PlanStatus, mesa: conformation.MesaInfo):
    """The ``documents.data.ActionPlanReport`` of a plan status (pure; any thread)."""
    from mesa_desktop.services.document_data import plan_report_data

    return plan_report_data(status, mesa)


def write_progress_pdf(status: action_plan.PlanStatus, mesa: conformation.MesaInfo, target: str) -> str:
    """'Informe de avance' PDF through ``mesa_desktop.documents.progress_report``. File pool."""
    from mesa_desktop.documents import progress_report

    return str(progress_report.write_progress_report(report_data(status, mesa), target))


def write_plan_excel(status: action_plan.PlanStatus, mesa: conformation.MesaInfo, target: str) -> str:
    from mesa_desktop.documents import excel

    return str(excel.write_action_plan_xlsx(report_data(status, mesa), target))


def _available(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


# --- dialogs ---------------------------------------------------------------------------------


class ItemDialog(QDialog):
    """Name of a new axis, action (with its responsible dependency) or task (with dates)."""

    def __init__(
        self,
        kind: str,
        parent: QWidget | None = None,
        *,
        dependencies: tuple[tuple[str, str], ...] = (),
        year: int | None = None,
    ):
        super().__init__(parent)
        titles = {"axis": "Nuevo eje estratégico", "action": "Nueva acción", "task": "Nueva tarea"}
        self.kind = kind
        self.setWindowTitle(titles[kind])
        self.setMinimumWidth(560)
        self.name = QLineEdit(self)
        form = QFormLayout()
        form.addRow("Nombre:", self.name)
        self.dependency = self.responsible = self.start = self.end = None
        if kind == "action":
            self.dependency = QComboBox(self)
            self.dependency.addItem("— Sin dependencia responsable —", None)
            for dep_id, name in dependencies:
                self.dependency.addItem(name, dep_id)
            form.addRow("Responsable:", self.dependency)
        if kind == "task":
            self.responsible = QLineEdit(self)
            self.responsible.setPlaceholderText("Opcional")
            year = year or clock.today().year
            self.start = kit.date_edit(date(year, 1, 1), self)
            self.end = kit.date_edit(date(year, 12, 15), self)
            form.addRow("Responsable:", self.responsible)
            form.addRow("Inicio:", self.start)
            form.addRow("Fin:", self.end)
        self.error = QLabel("", self)
        self.error.setStyleSheet("color: #b3261e;")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(kit.button_box(self, "Añadir"))

    def accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText("Escriba el nombre.")
            return
        if self.start is not None and self.end is not None and self.end.date() < self.start.date():
            self.error.setText("La fecha de fin es anterior a la de inicio.")
            return
        super().accept()

    def values(self) -> dict:
        values: dict[str, Any] = {"name": self.name.text().strip()}
        if self.dependency is not None:
            values["responsible_dependency"] = self.dependency.currentData()
        if self.responsible is not None and self.start is not None and self.end is not None:
            values.update(
                responsible=self.responsible.text().strip() or None,
                start_date=kit.from_qdate(self.start.date()),
                end_date=kit.from_qdate(self.end.date()),
            )
        return values


# --- the page ----------------------------------------------------------------------------------


class ActionPlanPage(kit.Page):
    """Tree of the plan with progress at a cut-off date, task and report editors, PDF."""

    TOPICS = ("plan", "members")

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.view: PlanView | None = None
        self._year: int | None = None
        self._cut: date | None = None
        self._pending_report: tuple[uuid.UUID, date] | None = None  # an action report being typed
        layout, self.subtitle = kit.page_layout(self, "Plan de acción")

        controls = QHBoxLayout()
        self.year = QComboBox(self)
        self.cut = kit.date_edit(clock.today(), self)
        self.cut.setMinimumWidth(220)
        controls.addWidget(QLabel("Año:", self))
        controls.addWidget(self.year)
        controls.addSpacing(12)
        controls.addWidget(QLabel("Fecha de corte:", self))
        controls.addWidget(self.cut)
        controls.addStretch(1)
        self.pdf_button = QPushButton("Informe de avance (PDF)…", self)
        self.pdf_button.setObjectName("primary")
        self.excel_button = QPushButton("Exportar a Excel…", self)
        controls.addWidget(self.pdf_button)
        controls.addWidget(self.excel_button)
        layout.addLayout(controls)
        self.pdf_button.setVisible(_available("mesa_desktop.documents.progress_report"))
        self.excel_button.setVisible(_available("mesa_desktop.documents.excel"))

        summary = QHBoxLayout()
        self.overall_card = kit.StatCard("avance general del plan", self)
        self.overall_card.setFixedWidth(230)
        self.overall = self.overall_card.value
        self.overall_bar = QProgressBar(self.overall_card)
        self.overall_bar.setRange(0, 100)
        self.overall_bar.setTextVisible(False)
        self.overall_bar.setFixedHeight(10)
        card_layout = self.overall_card.layout()
        if isinstance(card_layout, QVBoxLayout):
            card_layout.insertWidget(1, self.overall_bar)
        summary.addWidget(self.overall_card)
        self.objective = kit.notice("", parent=self)
        summary.addWidget(self.objective, 1)
        layout.addLayout(summary)
        self.create_button = QPushButton("Crear el plan de acción", self)
        self.create_button.setObjectName("primary")
        create_row = QHBoxLayout()
        create_row.addWidget(self.create_button)
        create_row.addStretch(1)
        layout.addLayout(create_row)

        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels(["Eje · acción · tarea", "Responsable", "Avance"])
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        self.tree.setColumnWidth(1, 160)
        self.tree.setColumnWidth(2, 130)
        tree_panel = QWidget(self)
        tree_layout = QVBoxLayout(tree_panel)
        tree_layout.setContentsMargins(0, 0, 0, 0)
        tree_layout.addWidget(self.tree, 1)
        add_row = QHBoxLayout()
        self.add_axis_button = QPushButton("Añadir eje…", tree_panel)
        self.add_action_button = QPushButton("Añadir acción…", tree_panel)
        self.add_task_button = QPushButton("Añadir tarea…", tree_panel)
        for button in (self.add_axis_button, self.add_action_button, self.add_task_button):
            add_row.addWidget(button)
        add_row.addStretch(1)
        tree_layout.addLayout(add_row)

        self.editor = QStackedWidget(self)
        self.empty_panel = QLabel("Seleccione un eje, una acción o una tarea.", self)
        self.empty_panel.setObjectName("hint")
        self.empty_panel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.editor.addWidget(self.empty_panel)
        self._build_task_panel()
        self._build_action_panel()

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(tree_panel)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([720, 380])
        layout.addWidget(splitter, 1)

        self.year.currentIndexChanged.connect(self._year_changed)
        self.cut.dateChanged.connect(self._cut_changed)
        self.tree.currentItemChanged.connect(self._selection_changed)
        self.create_button.clicked.connect(self.create_plan)
        self.add_axis_button.clicked.connect(lambda: self.add_item("axis"))
        self.add_action_button.clicked.connect(lambda: self.add_item("action"))
        self.add_task_button.clicked.connect(lambda: self.add_item("task"))
        self.pdf_button.clicked.connect(self.export_pdf)
        self.excel_button.clicked.connect(self.export_excel)

    def _build_task_panel(self) -> None:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        self.task_title = kit.section_title("", panel)
        self.task_title.setWordWrap(True)
        self.task_info = QLabel("", panel)
        self.task_info.setObjectName("hint")
        self.task_info.setWordWrap(True)
        self.task_percent = QSpinBox(panel)
        self.task_percent.setRange(0, 100)
        self.task_percent.setSuffix(" %")
        self.task_percent.setSingleStep(5)
        self.task_note = QLineEdit(panel)
        self.task_note.setPlaceholderText("Observación del avance (opcional)")
        self.task_cut_label = QLabel("", panel)
        form = QFormLayout()
        form.addRow("Avance:", self.task_percent)
        form.addRow("Observación:", self.task_note)
        self.save_task_button = QPushButton("Guardar avance", panel)
        self.save_task_button.setObjectName("primary")
        layout.addWidget(self.task_title)
        layout.addWidget(self.task_info)
        layout.addWidget(self.task_cut_label)
        layout.addLayout(form)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_task_button)
        layout.addLayout(row)
        layout.addStretch(1)
        self.task_panel = panel
        self.editor.addWidget(panel)
        self.save_task_button.clicked.connect(self.save_task_progress)

    def _build_action_panel(self) -> None:
        panel = QWidget(self)
        layout = QVBoxLayout(panel)
        self.action_title = kit.section_title("", panel)
        self.action_title.setWordWrap(True)
        self.action_info = QLabel("", panel)
        self.action_info.setObjectName("hint")
        self.action_info.setWordWrap(True)
        self.report_label = QLabel("", panel)
        self.report_label.setWordWrap(True)
        self.report = QPlainTextEdit(panel)
        self.report.setPlaceholderText("Qué se hizo en el periodo, logros, dificultades y próximos pasos…")
        self.indicators = QLabel("", panel)
        self.indicators.setWordWrap(True)
        self.save_report_button = QPushButton("Guardar reporte", panel)
        self.save_report_button.setObjectName("primary")
        layout.addWidget(self.action_title)
        layout.addWidget(self.action_info)
        layout.addWidget(self.report_label)
        layout.addWidget(self.report, 1)
        layout.addWidget(self.indicators)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_report_button)
        layout.addLayout(row)
        self.action_panel = panel
        self.editor.addWidget(panel)
        self.report.textChanged.connect(self._report_edited)
        self.save_report_button.clicked.connect(self.save_report)

    # -- loading ------------------------------------------------------------------------------
    def load(self) -> None:
        self.flush()
        cut = kit.from_qdate(self.cut.date())
        self.ctx.call(ops.plan_view, self._year, cut, done=self._loaded)

    def _loaded(self, view: PlanView) -> None:
        self.view = view
        self._year, self._cut = view.year, view.cut
        self.year.blockSignals(True)
        self.year.clear()
        # Next year is always offered: its plan is prepared before the closing session.
        years = sorted(set(view.years) | {view.year, clock.today().year, clock.today().year + 1})
        for year in years:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(self.year.findData(view.year))
        self.year.blockSignals(False)
        status = view.status
        has_plan = status is not None
        self.create_button.setVisible(not has_plan)
        self.create_button.setText(f"Crear el plan de acción {view.year}")
        for widget in (
            self.tree,
            self.add_axis_button,
            self.add_action_button,
            self.add_task_button,
            self.pdf_button,
            self.excel_button,
        ):
            widget.setEnabled(has_plan)
        if status is None:
            self.overall_card.show_value("—", "")
            self.overall_bar.setValue(0)
            self.objective.setText(
                f"No hay plan de acción para {view.year}. La primera sesión ordinaria del "
                "año lo define y aprueba (numerales 1.5 y 2.7)."
            )
            kit.set_notice_state(self.objective, "")
            self.subtitle.setText("")
            self.tree.clear()
            self.editor.setCurrentWidget(self.empty_panel)
            self.mark_loaded()
            return
        self.overall_card.show_value(
            f"{status.percent} %",
            f"con corte al {kit.short_day(status.cut_date)}",
            "ok" if status.percent >= 75 else "pending" if status.percent >= 40 else "missing",
        )
        self.overall_bar.setValue(status.percent)
        approved = (
            f"Aprobado en la sesión {status.approved_in_session} ({kit.long_day(status.approved_on)})."
            if status.approved_in_session
            else "Aún no se ha registrado su aprobación en una sesión."
        )
        self.objective.setText(f"Objetivo: {status.objective or '—'}  ·  {approved}")
        kit.set_notice_state(self.objective, "ok" if status.approved_in_session else "")
        n_actions = sum(len(a.actions) for a in status.axes)
        n_tasks = sum(len(x.tasks) for a in status.axes for x in a.actions)
        self.subtitle.setText(
            f"{len(status.axes)} ejes estratégicos, {n_actions} acciones y {n_tasks} tareas. "
            f"Avance con corte al {kit.long_day(status.cut_date)}."
        )
        self._fill_tree(status)
        self.mark_loaded()

    def _fill_tree(self, status: action_plan.PlanStatus) -> None:
        current = self.tree.currentItem()
        selected = current.data(0, KEY) if current else None
        self.tree.blockSignals(True)
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        restore = None
        for a_index, axis in enumerate(status.axes, start=1):
            axis_item = QTreeWidgetItem([f"Eje {a_index}. {axis.name}", "", ""])
            axis_item.setData(0, KEY, ("axis", axis.id))
            axis_item.setToolTip(0, axis.name)
            for column in range(2):
                axis_item.setFont(column, bold)
            self.tree.addTopLevelItem(axis_item)
            self._bar(axis_item, axis.percent)
            for action in axis.actions:
                action_item = QTreeWidgetItem([action.name, action.responsible or "—", ""])
                action_item.setData(0, KEY, ("action", action.id))
                action_item.setToolTip(0, action.name)
                axis_item.addChild(action_item)
                self._bar(action_item, action.percent)
                for task in action.tasks:
                    task_item = QTreeWidgetItem([task.name, task.responsible or "", ""])
                    task_item.setData(0, KEY, ("task", task.id))
                    task_item.setToolTip(0, task.name)
                    action_item.addChild(task_item)
                    self._bar(task_item, task.percent)
                    if selected == ("task", task.id):
                        restore = task_item
                if selected == ("action", action.id):
                    restore = action_item
            if selected == ("axis", axis.id):
                restore = axis_item
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if restore is None and self.tree.topLevelItemCount():
            # Open on the first action: its report is what a focal point comes to update.
            first = self.tree.topLevelItem(0)
            if first is not None:
                restore = first.child(0) if first.childCount() else first
        if restore is not None:
            self.tree.setCurrentItem(restore)
        else:
            self._selection_changed(None, None)

    def _bar(self, item: QTreeWidgetItem, percent: int) -> None:
        """'85 %' and a thin bar: the number stays readable whatever the bar's length."""
        cell = QWidget(self.tree)
        row = QHBoxLayout(cell)
        row.setContentsMargins(2, 1, 6, 1)
        label = QLabel(f"{percent} %", cell)
        label.setFixedWidth(44)
        label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bar = QProgressBar(cell)
        bar.setRange(0, 100)
        bar.setValue(percent)
        bar.setTextVisible(False)
        bar.setFixedHeight(8)
        row.addWidget(label)
        row.addWidget(bar, 1)
        self.tree.setItemWidget(item, 2, cell)
        item.setData(2, KEY, percent)
        item.setToolTip(1, item.text(1))

    # -- selection and editors -------------------------------------------------------------------
    def _find(self, kind: str, item_id):
        if self.view is None or self.view.status is None:
            return None
        for axis in self.view.status.axes:
            if kind == "axis" and axis.id == item_id:
                return axis
            for action in axis.actions:
                if kind == "action" and action.id == item_id:
                    return action
                for task in action.tasks:
                    if kind == "task" and task.id == item_id:
                        return task
        return None

    def selected(self) -> tuple[str, Any] | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        kind, item_id = item.data(0, KEY)
        found = self._find(kind, item_id)
        return (kind, found) if found is not None else None

    def _selection_changed(self, _current, _previous) -> None:
        self.flush()
        chosen = self.selected()
        kind: str | None = chosen[0] if chosen else None
        found: Any = chosen[1] if chosen else None
        self.add_action_button.setEnabled(
            self.view is not None and self.view.status is not None and kind is not None
        )
        self.add_task_button.setEnabled(kind in ("action", "task"))
        cut = kit.long_day(self._cut) if self._cut else ""
        if kind == "task":
            task = found
            self.task_title.setText(task.name)
            self.task_info.setText(
                f"Responsable: {task.responsible or '—'} · Del {kit.short_day(task.start_date)} "
                f"al {kit.short_day(task.end_date)}"
            )
            self.task_cut_label.setText(f"Avance con corte al {cut}:")
            self.task_percent.setValue(task.percent)
            self.task_note.setText(task.note or "")
            self.editor.setCurrentWidget(self.task_panel)
        elif kind == "action":
            action = found
            self.action_title.setText(action.name)
            self.action_info.setText(
                f"Responsable: {action.responsible or '—'} · Avance {action.percent} % "
                f"(promedio de {len(action.tasks)} tareas)"
            )
            if action.report_cut is not None and action.report_cut == self._cut:
                self.report_label.setText(f"Reporte cualitativo con corte al {cut}:")
            elif action.report_cut is not None:
                self.report_label.setText(
                    f"Último reporte: corte al {kit.long_day(action.report_cut)}. Lo que cambie se "
                    f"guardará como reporte con corte al {cut}:"
                )
            else:
                self.report_label.setText(
                    f"Sin reporte todavía. Lo que escriba se guardará con corte al {cut}:"
                )
            self.report.blockSignals(True)
            self.report.setPlainText(action.qualitative or "")
            self.report.blockSignals(False)
            self._pending_report = None
            lines = [
                f"• {i.name}: {_number(i.value)} {i.unit or ''}"
                + (f" (meta {_number(i.target)})" if i.target is not None else "")
                for i in action.indicators
            ]
            self.indicators.setText("Indicadores:\n" + "\n".join(lines) if lines else "")
            self.editor.setCurrentWidget(self.action_panel)
        else:
            self.editor.setCurrentWidget(self.empty_panel)
            if kind == "axis":
                axis = found
                self.empty_panel.setText(
                    f"{axis.name}\n\nAvance del eje: {axis.percent} % ({len(axis.actions)} acciones)"
                )
            else:
                self.empty_panel.setText("Seleccione un eje, una acción o una tarea.")

    def _report_edited(self) -> None:
        chosen = self.selected()
        if chosen and chosen[0] == "action" and self._cut is not None:
            self._pending_report = (chosen[1].id, self._cut)

    def flush(self) -> None:
        """Save a qualitative report still being typed (autosave)."""
        if self._pending_report is None:
            return
        action_id, cut = self._pending_report
        self._pending_report = None
        # No broadcast from here: flush runs inside selection changes, and rebuilding the tree
        # under Qt's feet is asking for trouble. The page reloads itself once the event loop is
        # free; no other screen shows the qualitative text.
        self.ctx.call(
            ops.report_action,
            action_id,
            cut,
            self.report.toPlainText().strip(),
            done=lambda _r: QTimer.singleShot(0, self._reload_if_shown),
        )

    def _reload_if_shown(self) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def hideEvent(self, event) -> None:
        self.flush()
        super().hideEvent(event)

    # -- actions ---------------------------------------------------------------------------------
    def _year_changed(self) -> None:
        year = self.year.currentData()
        if year is None or year == self._year:
            return
        self.flush()
        self._year = year
        self.cut.blockSignals(True)
        self.cut.setDate(kit.to_qdate(default_cut(year)))
        self.cut.blockSignals(False)
        self.refresh()

    def _cut_changed(self) -> None:
        self.flush()
        self.refresh()

    def save_task_progress(self) -> None:
        chosen = self.selected()
        if not chosen or chosen[0] != "task" or self._cut is None:
            return
        task = chosen[1]
        self.ctx.call(
            ops.report_task_progress,
            task.id,
            self._cut,
            self.task_percent.value(),
            self.task_note.text().strip() or None,
            done=lambda _r: self.status(f"Avance guardado con corte al {kit.long_day(self._cut)}."),
        )

    def save_report(self) -> None:
        chosen = self.selected()
        if chosen and chosen[0] == "action" and self._cut is not None:
            self._pending_report = (chosen[1].id, self._cut)
            self.flush()
            self.status(f"Reporte guardado con corte al {kit.long_day(self._cut)}.")

    def create_plan(self) -> None:
        if self.view is None:
            return
        year = self.view.year
        self.ctx.call(
            ops.create_plan,
            year,
            done=lambda _id: self.status(f"Se creó el plan de acción {year}. Añada sus ejes."),
        )

    def add_item(self, kind: str) -> None:
        if self.view is None or self.view.status is None:
            return
        chosen = self.selected()
        parent_id = None
        if kind == "action":
            parent_id = self._axis_of(chosen)
        elif kind == "task":
            parent_id = self._action_of(chosen)
        if kind != "axis" and parent_id is None:
            return
        dialog = ItemDialog(kind, self, dependencies=self.view.dependencies, year=self.view.year)
        if not kit.run_dialog(dialog):
            return
        values = dialog.values()
        name = values.pop("name")
        if kind == "axis":
            self.ctx.call(ops.add_axis, self.view.status.id, name)
        elif kind == "action":
            self.ctx.call(
                ops.add_action,
                parent_id,
                name,
                values.get("responsible_dependency"),
            )
        else:
            self.ctx.call(ops.add_task, parent_id, name, **values)

    def _axis_of(self, chosen) -> uuid.UUID | None:
        if not chosen:
            return None
        item = self.tree.currentItem()
        while item is not None and item.parent() is not None:
            item = item.parent()
        return item.data(0, KEY)[1] if item is not None else None

    def _action_of(self, chosen) -> uuid.UUID | None:
        if not chosen:
            return None
        item = self.tree.currentItem()
        if chosen[0] == "task" and item is not None:
            item = item.parent()
        return item.data(0, KEY)[1] if item is not None and chosen[0] in ("task", "action") else None

    def _export(self, writer, title: str, suggested: str, filters: str, suffix: str) -> None:
        if self.view is None or self.view.status is None:
            return
        self.flush()
        target = kit.save_file(self, title, suggested, filters)
        if not target:
            return
        if not target.lower().endswith(suffix):
            target += suffix
        status, mesa = self.view.status, self.view.mesa
        self.status("Generando el documento…")
        self.ctx.work(
            writer, status, mesa, target, done=lambda path: self.status(f"Documento guardado: {path}")
        )

    def export_pdf(self) -> None:
        cut = self._cut or clock.today()
        self._export(
            write_progress_pdf,
            "Guardar el informe de avance",
            f"informe-de-avance-{cut.isoformat()}.pdf",
            "Documento PDF (*.pdf)",
            ".pdf",
        )

    def export_excel(self) -> None:
        cut = self._cut or clock.today()
        self._export(
            write_plan_excel,
            "Exportar el plan de acción a Excel",
            f"plan-de-accion-{cut.isoformat()}.xlsx",
            "Libro de Excel (*.xlsx)",
            ".xlsx",
        )


def _number(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}".replace(",", ".") if float(value).is_integer() else f"{value:,.2f}"

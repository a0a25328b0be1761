"""Case referrals: sensitive health data of migrants (Ley 1581), kept to the minimum.

A case is a code, not a person: the name is recorded only when the focal point ticks that
the person authorised it. Only totals ever leave the laptop, and the page says so. Each case
has its route, responsible, next follow-up (overdue ones in red with a warning sign, not by
colour alone) and a dated history of status changes and notes (guideline 2.7).
"""

from __future__ import annotations

import uuid
from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStyle,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mesa_desktop import clock
from mesa_desktop.operations import cases as ops
from mesa_desktop.operations.cases import CaseDetail, CasesView, totals_by_need
from mesa_desktop.services import cases
from mesa_desktop.vocabulary import CLOSED_CASE_STATUSES, CaseStatus, labels
from ui.pages import page_kit as kit

POPULATIONS = {
    "migrante": "Migrante",
    "refugiado": "Refugiado(a)",
    "transito": "En tránsito",
    "pendular": "Pendular",
    "retornado": "Retornado(a)",
    "acogida": "Comunidad de acogida",
}
AGE_GROUPS = ("0-5", "6-17", "18-59", "60+")
STATUS_LABELS = labels(CaseStatus)
OVERDUE_MARK = "⚠"
FOLLOW_UP_DAYS = 15  # the date proposed for the next follow-up when the last one has passed
NAME_WARNING = (
    "Registre el nombre solo si la persona autorizó por escrito el tratamiento de sus datos "
    "sensibles. El nombre nunca sale en el paquete para el Ministerio."
)


class CasesPage(kit.Page):
    """Notice, minimal form, list with the next follow-up, the selected case's history and
    actions, and the aggregates that are shared."""

    TOPICS = ("cases",)
    # Who refers, the route and the name (if any) are in the detail panel: the list stays readable.
    HEADERS = ("Código", "Fecha", "Necesidad", "Estado", "Próx. seguimiento")
    STATUS_COLUMN = 3
    FOLLOW_UP_COLUMN = 4

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.view: CasesView | None = None
        self.detail_view: CaseDetail | None = None
        self.shown: list[cases.CaseInfo] = []
        self._select_next: uuid.UUID | None = None  # a case just added: select it once the list reloads
        layout, self.subtitle = kit.page_layout(self, "Casos remitidos")
        self.notice = kit.notice(cases.SENSITIVE_NOTICE, "error", self)
        font = QFont(self.notice.font())
        font.setBold(True)
        self.notice.setFont(font)
        layout.addWidget(self.notice)

        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs, 1)

        # -- register and list ---------------------------------------------------------------
        cases_tab = QWidget(self)
        column = QVBoxLayout(cases_tab)
        form_box = QGroupBox("Registrar un caso", cases_tab)
        form = QGridLayout(form_box)
        form.setHorizontalSpacing(8)
        form.setVerticalSpacing(4)
        self.referred_on = kit.date_edit(clock.today(), form_box)
        self.actor = self._actor_combo("Actor o dependencia que remite", form_box)
        self.need = QComboBox(form_box)
        for key, label in cases.NEEDS.items():
            self.need.addItem(label, key)
        self.route = QLineEdit(form_box)
        self.route.setPlaceholderText("A quién se remite (IPS, EPS, programa)")
        self.responsible = self._actor_combo("Persona o dependencia de la mesa", form_box)
        self.follow_up = kit.OptionalDate("Próximo seguimiento:", None, form_box)
        self.population = QComboBox(form_box)
        self.population.addItem("— Sin dato —", None)
        for key, label in POPULATIONS.items():
            self.population.addItem(label, key)
        self.age_group = QComboBox(form_box)
        self.age_group.addItem("— Sin dato —", None)
        for group in AGE_GROUPS:
            self.age_group.addItem(f"{group} años", group)
        self.with_name = QCheckBox("Registrar nombre (requiere autorización)", form_box)
        self.person_name = QLineEdit(form_box)
        self.person_name.setPlaceholderText("Nombre de la persona")
        self.person_name.setEnabled(False)
        self.person_name.setVisible(False)
        self.name_warning = QLabel(NAME_WARNING, form_box)
        self.name_warning.setWordWrap(True)
        self.name_warning.setObjectName("hint")
        self.name_warning.setVisible(False)
        self.form_error = QLabel("", form_box)
        self.form_error.setStyleSheet("color: #b3261e;")
        self.form_error.setWordWrap(True)
        self.add_button = QPushButton("Registrar caso", form_box)
        self.add_button.setObjectName("primary")
        form.addWidget(QLabel("Fecha:", form_box), 0, 0)
        form.addWidget(self.referred_on, 0, 1)
        form.addWidget(QLabel("Remite:", form_box), 0, 2)
        form.addWidget(self.actor, 0, 3)
        form.addWidget(QLabel("Necesidad:", form_box), 0, 4)
        form.addWidget(self.need, 0, 5)
        form.addWidget(QLabel("Remitido a:", form_box), 1, 0)
        form.addWidget(self.route, 1, 1)
        form.addWidget(QLabel("Responsable:", form_box), 1, 2)
        form.addWidget(self.responsible, 1, 3)
        form.addWidget(self.follow_up, 1, 4, 1, 2)
        form.addWidget(QLabel("Población:", form_box), 2, 0)
        form.addWidget(self.population, 2, 1)
        form.addWidget(QLabel("Edad:", form_box), 2, 2)
        ages = QHBoxLayout()
        ages.addWidget(self.age_group)
        ages.addStretch(1)
        form.addLayout(ages, 2, 3)
        form.addWidget(self.with_name, 2, 4, 1, 2)
        form.addWidget(self.name_warning, 3, 0, 1, 4)
        form.addWidget(self.person_name, 3, 4, 1, 2)
        form.addWidget(self.form_error, 4, 0, 1, 4)
        form.addWidget(self.add_button, 4, 5)
        form.setColumnStretch(1, 1)
        form.setColumnStretch(3, 1)
        column.addWidget(form_box)

        split = QSplitter(Qt.Orientation.Horizontal, cases_tab)
        list_panel = QWidget(split)
        list_layout = QVBoxLayout(list_panel)
        list_layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        self.open_only = QCheckBox("Solo casos abiertos", list_panel)
        self.overdue_only = QCheckBox("Solo seguimientos vencidos", list_panel)
        self.count_label = QLabel("", list_panel)
        self.count_label.setObjectName("hint")
        filters.addWidget(self.open_only)
        filters.addWidget(self.overdue_only)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        list_layout.addLayout(filters)
        # Status and follow-up wrap ("Cerrado sin / resolver") so the need keeps its width.
        self.table = kit.make_table(self.HEADERS, list_panel, stretch=2, widths={3: 110, 4: 150})
        list_layout.addWidget(self.table, 1)
        split.addWidget(list_panel)

        detail_panel = QWidget(split)
        detail_layout = QVBoxLayout(detail_panel)
        detail_layout.setContentsMargins(6, 0, 0, 0)
        self.detail = QLabel("", detail_panel)
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        detail_layout.addWidget(self.detail)
        self.history = kit.make_table(("Fecha", "Movimiento", "Nota"), detail_panel, stretch=2)
        detail_layout.addWidget(self.history, 1)
        actions = QGridLayout()
        actions.setVerticalSpacing(4)
        self.new_status = QComboBox(detail_panel)
        for key, label in STATUS_LABELS.items():
            self.new_status.addItem(label, key)
        self.event_on = kit.date_edit(clock.today(), detail_panel)
        for day in (self.referred_on, self.event_on):
            day.setMaximumDate(kit.to_qdate(clock.today()))  # a case's dates are facts, none yet to come
        self.event_note = QLineEdit(detail_panel)
        self.event_note.setPlaceholderText("Nota de seguimiento o motivo del cambio")
        self.next_follow_up = kit.OptionalDate("Próximo seguimiento:", None, detail_panel)
        self.status_button = QPushButton("Cambiar estado", detail_panel)
        self.status_button.setObjectName("primary")
        self.note_button = QPushButton("Agregar nota", detail_panel)
        self.action_error = QLabel("", detail_panel)
        self.action_error.setStyleSheet("color: #b3261e;")
        self.action_error.setWordWrap(True)
        actions.addWidget(QLabel("Estado:", detail_panel), 0, 0)
        actions.addWidget(self.new_status, 0, 1)
        actions.addWidget(QLabel("Fecha:", detail_panel), 1, 0)
        actions.addWidget(self.event_on, 1, 1)
        actions.addWidget(self.event_note, 2, 0, 1, 2)
        actions.addWidget(self.next_follow_up, 3, 0, 1, 2)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.note_button)
        buttons.addWidget(self.status_button)
        actions.addLayout(buttons, 4, 0, 1, 2)
        actions.addWidget(self.action_error, 5, 0, 1, 2)
        actions.setColumnStretch(1, 1)
        detail_layout.addLayout(actions)
        split.addWidget(detail_panel)
        split.setStretchFactor(0, 4)
        split.setStretchFactor(1, 3)
        # At 1366×768 the list's five columns fit beside a panel of this width.
        detail_panel.setMaximumWidth(420)
        list_panel.setMinimumWidth(600)
        split.setChildrenCollapsible(False)
        column.addWidget(split, 1)
        self.tabs.addTab(cases_tab, "Casos")

        # -- aggregates ------------------------------------------------------------------------
        totals_tab = QWidget(self)
        totals_layout = QVBoxLayout(totals_tab)
        top = QHBoxLayout()
        self.year = QComboBox(totals_tab)
        top.addWidget(QLabel("Año:", totals_tab))
        top.addWidget(self.year)
        top.addStretch(1)
        totals_layout.addLayout(top)
        totals_layout.addWidget(
            kit.notice(
                "Esto es lo único de los casos que viaja en el paquete para el Ministerio: cuántos casos "
                "hubo por año, necesidad y estado. Ni códigos, ni nombres, ni actores, ni notas.",
                "ok",
                totals_tab,
            )
        )
        self.totals = kit.make_table(("Necesidad", *STATUS_LABELS.values(), "Total"), totals_tab, stretch=0)
        totals_layout.addWidget(self.totals, 1)
        self.tabs.addTab(totals_tab, "Totales (lo que se comparte)")

        self.with_name.toggled.connect(self._name_toggled)
        self.add_button.clicked.connect(self.add_case)
        self.open_only.toggled.connect(lambda _on: self._fill())
        self.overdue_only.toggled.connect(lambda _on: self._fill())
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.status_button.clicked.connect(self.change_status)
        self.note_button.clicked.connect(self.add_note)
        self.year.currentIndexChanged.connect(lambda _i: self._fill_totals())
        self._update_buttons()

    @staticmethod
    def _actor_combo(placeholder: str, parent: QWidget) -> QComboBox:
        combo = QComboBox(parent)
        combo.setEditable(True)  # free text when the actor is not one of the mesa's
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        line = combo.lineEdit()
        if line is not None:
            line.setPlaceholderText(placeholder)
        combo.setMinimumWidth(200)
        return combo

    # -- loading ---------------------------------------------------------------------------------
    def load(self) -> None:
        self.ctx.call(ops.cases_view, done=self._loaded)

    def _loaded(self, view: CasesView) -> None:
        self.view = view
        for combo in (self.actor, self.responsible):
            typed = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItems(list(view.actors))
            combo.setCurrentText(typed)
            combo.blockSignals(False)
        years = sorted({row["year"] for row in view.aggregates} | {clock.today().year}, reverse=True)
        current = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for year in years:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(self.year.findData(current), 0))
        self.year.blockSignals(False)
        open_cases = sum(1 for c in view.items if not c.closed)
        late = len(view.overdue)
        self.subtitle.setText(
            f"{len(view.items)} casos registrados, {open_cases} sin cerrar"
            + (
                f", {OVERDUE_MARK} {kit.plural(late, 'seguimiento vencido', 'seguimientos vencidos')}"
                if late
                else ""
            )
            + ". Casos que los actores remiten por necesidades en salud de personas migrantes (numeral 2.7)."
        )
        self._fill()
        self._fill_totals()
        self.mark_loaded()

    def _follow_up_text(self, case: cases.CaseInfo, today) -> str:
        if case.closed or case.next_follow_up is None:
            return "—"
        if case.overdue(today):
            return f"{kit.short_day(case.next_follow_up)} (vencido)"  # the cell also has a warning icon
        return kit.short_day(case.next_follow_up)

    def _fill(self) -> None:
        if self.view is None:
            return
        today = self.view.today
        selected = self._select_next or kit.selected_key(self.table)
        self._select_next = None
        shown = [
            c
            for c in reversed(self.view.items)
            if (not self.open_only.isChecked() or not c.closed)
            and (not self.overdue_only.isChecked() or c.overdue(today))
        ]
        self.shown = shown
        warning = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.table.blockSignals(True)
        self.table.setRowCount(len(shown))
        for row, case in enumerate(shown):
            kit.fill_row(
                self.table,
                row,
                (
                    case.code,
                    kit.short_day(case.referred_on),
                    cases.NEEDS.get(case.need, case.need),
                    STATUS_LABELS.get(case.status, case.status),
                    self._follow_up_text(case, today),
                ),
                key=case.id,
                tone="not_applicable" if case.closed else None,
                tooltips=(f"Remite: {case.referring_actor}",),
            )
            if not case.closed:
                kit.tone_cell(self.table.item(row, self.STATUS_COLUMN), "pending")
            if case.overdue(today):
                item = self.table.item(row, self.FOLLOW_UP_COLUMN)
                kit.tone_cell(item, "missing")
                if item is not None:
                    item.setIcon(warning)
                    item.setToolTip("El seguimiento de este caso está vencido")
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()
        self.count_label.setText(f"{len(shown)} de {len(self.view.items)} casos")
        if selected is None or not kit.select_key(self.table, selected):
            if shown:
                self.table.selectRow(0)
        self._selection_changed()

    def _fill_totals(self) -> None:
        if self.view is None:
            return
        year = self.year.currentData() or clock.today().year
        rows = totals_by_need(self.view.aggregates, year)
        keys = (*STATUS_LABELS, "total")
        sums = dict.fromkeys(keys, 0)
        self.totals.setRowCount(len(rows) + 1)
        for index, (need, counts) in enumerate(rows):
            kit.fill_row(self.totals, index, (cases.NEEDS[need], *(str(counts[k]) for k in keys)))
            for key in keys:
                sums[key] += counts[key]
        kit.fill_row(self.totals, len(rows), ("Total", *(str(sums[k]) for k in keys)), bold=True)

    # -- selection --------------------------------------------------------------------------------
    def current(self) -> cases.CaseInfo | None:
        key = kit.selected_key(self.table)
        return next((c for c in self.shown if c.id == key), None)

    def _selection_changed(self) -> None:
        self._update_buttons()
        case = self.current()
        if case is None:
            self.detail_view = None
            self.history.setRowCount(0)
            return
        self.ctx.call(ops.case_detail, case.id, done=self._detail_loaded)

    def _detail_loaded(self, detail: CaseDetail) -> None:
        case = self.current()
        if case is None or case.id != detail.case.id:
            return  # the selection moved on while it loaded
        self.detail_view = detail
        self.history.setRowCount(len(detail.history))
        for row, event in enumerate(detail.history):
            kit.fill_row(
                self.history,
                row,
                (
                    kit.short_day(event.on),
                    f"→ {STATUS_LABELS.get(event.status, event.status)}" if event.status else "Nota",
                    event.note or "",
                ),
            )
        self.history.resizeRowsToContents()
        self.history.scrollToBottom()

    def _update_buttons(self) -> None:
        case = self.current()
        for widget in (self.status_button, self.note_button, self.new_status, self.event_note):
            widget.setEnabled(case is not None)
        self.action_error.setText("")
        if case is None:
            self.detail.setText("")
            return
        # Offer the next step, not the current one.
        following = {"received": "referred", "referred": "in_progress", "in_progress": "resolved"}
        self.new_status.setCurrentIndex(
            max(self.new_status.findData(following.get(case.status, "in_progress")), 0)
        )
        # A follow-up date that has passed is not offered again: acting on the case asks for a new one.
        follow_up = None if case.closed else case.next_follow_up
        today = self.view.today if self.view is not None else clock.today()
        if follow_up is not None and follow_up < today:
            self.next_follow_up.set_value(None)
            self.next_follow_up.edit.setDate(kit.to_qdate(today + timedelta(days=FOLLOW_UP_DAYS)))
        else:
            self.next_follow_up.set_value(follow_up)
        lines = [
            f"{case.code} · {cases.NEEDS.get(case.need, case.need)} · {STATUS_LABELS.get(case.status, case.status)}"
        ]
        lines.append(f"Remite: {case.referring_actor} · Remitido a: {case.route or '—'}")
        lines.append(f"Responsable: {case.responsible or '—'}")
        if case.person_name:
            lines.append(f"Nombre (autorizado; nunca sale en el paquete): {case.person_name}")
        if case.closed_on:
            lines.append(f"Cerrado el {kit.short_day(case.closed_on)}")
        elif self.view is not None and case.overdue(self.view.today):
            lines.append(f"{OVERDUE_MARK} Seguimiento vencido desde el {kit.short_day(case.next_follow_up)}")
        self.detail.setText("\n".join(lines))

    # -- actions ------------------------------------------------------------------------------------
    def _name_toggled(self, on: bool) -> None:
        self.person_name.setEnabled(on)
        self.person_name.setVisible(on)  # hidden until asked for: the form stays short
        self.name_warning.setVisible(on)
        if not on:
            self.person_name.clear()

    def add_case(self) -> None:
        actor = self.actor.currentText().strip()
        name = self.person_name.text().strip() if self.with_name.isChecked() else ""
        if not actor:
            self.form_error.setText("Indique quién remite el caso.")
            return
        if self.with_name.isChecked() and not name:
            self.form_error.setText("Escriba el nombre o desmarque «Registrar nombre».")
            return
        self.form_error.setText("")
        self.ctx.call(
            ops.add_case,
            referred_on=kit.from_qdate(self.referred_on.date()),
            referring_actor=actor,
            need=self.need.currentData(),
            route=self.route.text().strip() or None,
            responsible=self.responsible.currentText().strip() or None,
            next_follow_up=self.follow_up.value(),
            population=self.population.currentData(),
            age_group=self.age_group.currentData(),
            person_name=name or None,
            done=self._added,
            failed=self.form_error.setText,
        )

    def _added(self, case: cases.CaseInfo) -> None:
        # The next case is usually another one: keep date and actor, clear what identifies.
        self.with_name.setChecked(False)
        self.person_name.clear()
        self.route.clear()
        self.follow_up.set_value(None)
        self.status(f"Caso {case.code} registrado.")
        self._select_next = case.id

    def change_status(self) -> None:
        case = self.current()
        if case is None:
            return
        status = self.new_status.currentData()
        note = self.event_note.text().strip()
        if case.status in CLOSED_CASE_STATUSES and not note:
            self.action_error.setText(
                f"El caso está «{STATUS_LABELS[case.status]}»: escriba el motivo para cambiar su estado."
            )
            return
        on = kit.from_qdate(self.event_on.date())
        if (
            status not in CLOSED_CASE_STATUSES
            and self.view is not None
            and case.overdue(self.view.today)
            and self.next_follow_up.value() is None
        ):
            self.action_error.setText(
                f"El seguimiento previsto para el {kit.short_day(case.next_follow_up)} ya venció: marque "
                "«Próximo seguimiento» y elija la nueva fecha, para que el caso no siga vencido."
            )
            return
        self.ctx.call(
            ops.set_status,
            case.id,
            status,
            on,
            note or None,
            self.next_follow_up.value(),
            done=self._acted,
            failed=self.action_error.setText,
        )

    def add_note(self) -> None:
        case = self.current()
        if case is None:
            return
        note = self.event_note.text().strip()
        if not note:
            self.action_error.setText("Escriba la nota de seguimiento.")
            return
        self.ctx.call(
            ops.add_note,
            case.id,
            note,
            kit.from_qdate(self.event_on.date()),
            self.next_follow_up.value(),
            done=self._acted,
            failed=self.action_error.setText,
        )

    def _acted(self, case: cases.CaseInfo) -> None:
        self.event_note.clear()
        self.status(f"Caso {case.code}: {STATUS_LABELS[case.status].lower()}.")

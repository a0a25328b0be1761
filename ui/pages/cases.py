"""Case referrals: sensitive health data of migrants (Ley 1581), kept to the minimum.

A case is a code, not a person: the name is recorded only when the focal point ticks that
the person authorised it. Only totals ever leave the laptop, and the page says so.
"""

from __future__ import annotations

import uuid

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
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mesa_desktop import clock
from mesa_desktop.operations import cases as ops
from mesa_desktop.operations.cases import CasesView, totals_by_need
from mesa_desktop.services import cases
from mesa_desktop.vocabulary import CaseStatus, labels
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
NAME_WARNING = (
    "Registre el nombre solo si la persona autorizó por escrito el tratamiento de sus datos "
    "sensibles. El nombre nunca sale en el paquete para el Ministerio."
)


class CasesPage(kit.Page):
    """Notice, minimal form, list with close/reopen, and the aggregates that are shared."""

    TOPICS = ("cases",)
    HEADERS = ("Código", "Fecha", "Actor que remite", "Necesidad", "Población", "Edad", "Estado", "Nombre")

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.view: CasesView | None = None
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
        self.referred_on = kit.date_edit(clock.today(), form_box)
        self.actor = QComboBox(form_box)
        self.actor.setEditable(True)
        line = self.actor.lineEdit()
        if line is not None:
            line.setPlaceholderText("Organización o entidad que remite")
        self.actor.setMinimumWidth(240)
        self.need = QComboBox(form_box)
        for key, label in cases.NEEDS.items():
            self.need.addItem(label, key)
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
        form.addWidget(QLabel("Población:", form_box), 1, 0)
        form.addWidget(self.population, 1, 1)
        form.addWidget(QLabel("Edad:", form_box), 1, 2)
        form.addWidget(self.age_group, 1, 3, Qt.AlignmentFlag.AlignLeft)
        # The name on a row of its own: beside the age group it was cut at 1366×768
        # ("Registrar nombre (requiere autoi…").
        form.addWidget(self.with_name, 2, 0, 1, 3)
        form.addWidget(self.person_name, 2, 3, 1, 3)
        form.addWidget(self.name_warning, 3, 0, 1, 5)
        form.addWidget(self.form_error, 4, 0, 1, 5)
        form.addWidget(self.add_button, 3, 5, 2, 1, Qt.AlignmentFlag.AlignBottom)
        form.setColumnStretch(3, 1)
        column.addWidget(form_box)

        list_panel = QWidget(cases_tab)
        list_layout = QVBoxLayout(list_panel)
        list_layout.setContentsMargins(0, 0, 0, 0)
        filters = QHBoxLayout()
        self.open_only = QCheckBox("Solo casos abiertos", list_panel)
        self.count_label = QLabel("", list_panel)
        self.count_label.setObjectName("hint")
        filters.addWidget(self.open_only)
        filters.addStretch(1)
        filters.addWidget(self.count_label)
        list_layout.addLayout(filters)
        self.table = kit.make_table(self.HEADERS, list_panel, stretch=2, widths={3: 190, 4: 165})
        list_layout.addWidget(self.table, 1)
        buttons = QHBoxLayout()
        self.progress_button = QPushButton("Marcar en gestión", list_panel)
        self.close_button = QPushButton("Cerrar caso", list_panel)
        self.close_button.setObjectName("primary")
        self.detail = QLabel("", list_panel)
        self.detail.setObjectName("hint")
        self.detail.setWordWrap(True)
        buttons.addWidget(self.detail, 1)
        buttons.addWidget(self.progress_button)
        buttons.addWidget(self.close_button)
        list_layout.addLayout(buttons)
        column.addWidget(list_panel, 1)
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
                "hubo por año, necesidad y estado. Ni códigos, ni nombres, ni actores.",
                "ok",
                totals_tab,
            )
        )
        self.totals = kit.make_table(
            ("Necesidad", "Abiertos", "En gestión", "Cerrados", "Total"), totals_tab, stretch=0
        )
        totals_layout.addWidget(self.totals, 1)
        self.tabs.addTab(totals_tab, "Totales (lo que se comparte)")

        self.with_name.toggled.connect(self._name_toggled)
        self.add_button.clicked.connect(self.add_case)
        self.open_only.toggled.connect(lambda _on: self._fill())
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.close_button.clicked.connect(self.toggle_closed)
        self.progress_button.clicked.connect(lambda: self._set_status("in_progress"))
        self.year.currentIndexChanged.connect(lambda _i: self._fill_totals())
        self._update_buttons()

    # -- loading ---------------------------------------------------------------------------------
    def load(self) -> None:
        self.ctx.call(ops.cases_view, done=self._loaded)

    def _loaded(self, view: CasesView) -> None:
        self.view = view
        actors = sorted({c.referring_actor for c in view.items})
        typed = self.actor.currentText()
        self.actor.blockSignals(True)
        self.actor.clear()
        self.actor.addItems(actors)
        self.actor.setCurrentText(typed)
        self.actor.blockSignals(False)
        years = sorted({row["year"] for row in view.aggregates} | {clock.today().year}, reverse=True)
        current = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        for year in years:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(max(self.year.findData(current), 0))
        self.year.blockSignals(False)
        open_cases = sum(1 for c in view.items if c.status != "closed")
        self.subtitle.setText(
            f"{len(view.items)} casos registrados, {open_cases} sin cerrar. "
            "Casos que los actores remiten por necesidades en salud de personas migrantes "
            "(numeral 2.7)."
        )
        self._fill()
        self._fill_totals()
        self.mark_loaded()

    def _fill(self) -> None:
        if self.view is None:
            return
        selected = self._select_next or kit.selected_key(self.table)
        self._select_next = None
        shown = [
            c for c in reversed(self.view.items) if not self.open_only.isChecked() or c.status != "closed"
        ]
        self.shown = shown
        self.table.setRowCount(len(shown))
        for row, case in enumerate(shown):
            kit.fill_row(
                self.table,
                row,
                (
                    case.code,
                    kit.short_day(case.referred_on),
                    case.referring_actor,
                    cases.NEEDS.get(case.need, case.need),
                    POPULATIONS.get(case.population or "", case.population or "—"),
                    case.age_group or "—",
                    STATUS_LABELS.get(case.status, case.status),
                    "Registrado" if case.person_name else "—",
                ),
                key=case.id,
                tone="not_applicable" if case.status == "closed" else None,
                tooltips=(
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "Nombre registrado con autorización; nunca sale en el paquete"
                    if case.person_name
                    else "Solo código",
                ),
            )
            if case.status != "closed":
                kit.tone_cell(self.table.item(row, 6), "pending")
        self.table.resizeRowsToContents()
        self.count_label.setText(f"{len(shown)} de {len(self.view.items)} casos")
        if selected is None or not kit.select_key(self.table, selected):
            if shown:
                self.table.selectRow(0)
        self._update_buttons()

    def _fill_totals(self) -> None:
        if self.view is None:
            return
        year = self.year.currentData() or clock.today().year
        rows = totals_by_need(self.view.aggregates, year)
        sums = dict.fromkeys((*STATUS_LABELS, "total"), 0)
        self.totals.setRowCount(len(rows) + 1)
        for index, (need, counts) in enumerate(rows):
            kit.fill_row(
                self.totals,
                index,
                (
                    cases.NEEDS[need],
                    str(counts["open"]),
                    str(counts["in_progress"]),
                    str(counts["closed"]),
                    str(counts["total"]),
                ),
            )
            for key in sums:
                sums[key] += counts[key]
        kit.fill_row(
            self.totals,
            len(rows),
            ("Total", str(sums["open"]), str(sums["in_progress"]), str(sums["closed"]), str(sums["total"])),
            bold=True,
        )

    # -- selection --------------------------------------------------------------------------------
    def current(self) -> cases.CaseInfo | None:
        key = kit.selected_key(self.table)
        return next((c for c in self.shown if c.id == key), None)

    def _update_buttons(self) -> None:
        case = self.current()
        self.close_button.setEnabled(case is not None)
        self.close_button.setText("Reabrir caso" if case and case.status == "closed" else "Cerrar caso")
        self.progress_button.setEnabled(case is not None and case.status == "open")
        if case is None:
            self.detail.setText("")
            return
        parts = [f"{case.code}"]
        if case.person_name:
            parts.append(f"Nombre (autorizado): {case.person_name}")
        if case.closed_on:
            parts.append(f"Cerrado el {kit.short_day(case.closed_on)}")
        self.detail.setText(" · ".join(parts))

    # -- actions ------------------------------------------------------------------------------------
    def _name_toggled(self, on: bool) -> None:
        self.person_name.setEnabled(on)
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
            population=self.population.currentData(),
            age_group=self.age_group.currentData(),
            person_name=name or None,
            done=self._added,
        )

    def _added(self, case: cases.CaseInfo) -> None:
        # The next case is usually another one: keep date and actor, clear what identifies.
        self.with_name.setChecked(False)
        self.person_name.clear()
        self.status(f"Caso {case.code} registrado.")
        self._select_next = case.id

    def toggle_closed(self) -> None:
        case = self.current()
        if case is None:
            return
        self._set_status("open" if case.status == "closed" else "closed")

    def _set_status(self, status: str) -> None:
        case = self.current()
        if case is None:
            return
        self.ctx.call(
            ops.set_status,
            case.id,
            status,
            done=lambda c: self.status(f"Caso {c.code}: {STATUS_LABELS[c.status].lower()}."),
        )

"""Compliance dashboard: every rule of the guideline for a year, with status, due date and numeral."""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from mesa_desktop.operations import compliance as compliance_ops
from mesa_desktop.rules import compliance as rules
from ui.pages import page_kit as kit

STATUS_ORDER = (rules.MISSING, rules.LATE, rules.PENDING, rules.OK, rules.NOT_APPLICABLE)
RULE_LABELS = {
    rules.RULE_ACTO_ADMINISTRATIVO: "Acto administrativo",
    rules.RULE_FOCAL_POINT_REPORTED: "Reporte del punto focal al Ministerio",
    rules.RULE_DELEGATION_NOTIFIED: "Delegaciones notificadas",
    rules.RULE_INSTALLATION: "Sesión de instalación",
    rules.RULE_SECRETARY_CONVENED: "Secretario(a) de Salud en la primera sesión",
    rules.RULE_SESSIONS_PER_QUARTER: "Sesiones ordinarias por trimestre",
    rules.RULE_ACTION_PLAN: "Plan de acción",
    rules.RULE_CLOSING: "Sesión de evaluación y cierre",
    rules.RULE_MINISTRY_MEETINGS: "Reuniones con el Ministerio",
    rules.RULE_PERIODIC_REPORT: "Informe periódico",
    rules.RULE_CONVOCATION_LEAD: "Anticipación de la convocatoria",
    rules.RULE_ACTA_SENT: "Envío de actas",
    rules.RULE_COMMITMENT: "Compromisos",
    rules.RULE_PERMANENT_LIAISON: "Enlaces permanentes (mesa nacional)",
}
# Where a focal point fixes what a finding reports (page keys of the shell's registry).
RULE_PAGES = {
    rules.RULE_ACTO_ADMINISTRATIVO: ("settings", "Ir a Configuración"),
    rules.RULE_FOCAL_POINT_REPORTED: ("settings", "Ir a Configuración"),
    rules.RULE_DELEGATION_NOTIFIED: ("conformation", "Ir a Conformación"),
    rules.RULE_INSTALLATION: ("sessions", "Ir a Sesiones"),
    rules.RULE_SECRETARY_CONVENED: ("conformation", "Ir a Conformación"),
    rules.RULE_SESSIONS_PER_QUARTER: ("sessions", "Ir a Sesiones"),
    rules.RULE_ACTION_PLAN: ("action_plan", "Ir al Plan de acción"),
    rules.RULE_CLOSING: ("sessions", "Ir a Sesiones"),
    rules.RULE_MINISTRY_MEETINGS: ("sessions", "Ir a Sesiones"),
    rules.RULE_PERIODIC_REPORT: ("periodic_report", "Ir a Informe periódico"),
    rules.RULE_CONVOCATION_LEAD: ("sessions", "Ir a Sesiones"),
    rules.RULE_ACTA_SENT: ("acta", "Ir a Acta"),
    rules.RULE_COMMITMENT: ("commitments", "Ir a Compromisos"),
    rules.RULE_PERMANENT_LIAISON: ("liaisons", "Ir a Enlaces permanentes"),
}
ATTENTION = (rules.MISSING, rules.PENDING)
CARD_CAPTIONS = {
    rules.MISSING: "incumplidos",
    rules.LATE: "cumplidos con retraso",
    rules.PENDING: "pendientes (aún en plazo)",
    rules.OK: "cumplidos",
    rules.NOT_APPLICABLE: "no aplican",
}


def section_label(section: str) -> str:
    """'2.5' → 'Numeral 2.5'; '1.5, 2.7' → 'Numerales 1.5, 2.7'."""
    return ("Numerales " if "," in section else "Numeral ") + section


def status_label(status: str) -> str:
    return f"{kit.STATUS_ICONS[status]} {rules.STATUS_LABELS[status]}"


class CompliancePage(kit.Page):
    """One row per finding, coloured by status, with counts and a year selector."""

    TOPICS = ("members", "sessions", "attendance", "actas", "commitments", "plan")
    HEADERS = ("Estado", "Requisito", "Fecha límite", "Lineamiento", "Detalle")

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.view: compliance_ops.ComplianceView | None = None
        self.shown: list[rules.Finding] = []
        self._year: int | None = None
        layout, self.subtitle = kit.page_layout(
            self,
            "Cumplimiento de los lineamientos",
            "Cada requisito del lineamiento de migración y salud, con su estado a hoy.",
        )

        cards = QHBoxLayout()
        self.cards: dict[str, kit.StatCard] = {}
        for status in STATUS_ORDER:
            card = kit.StatCard(CARD_CAPTIONS[status], self)
            card.setFixedSize(170, 78)
            self.cards[status] = card
            cards.addWidget(card)
        cards.addStretch(1)
        layout.addLayout(cards)

        filters = QHBoxLayout()
        self.year = QComboBox(self)
        self.rule_filter = QComboBox(self)
        self.rule_filter.addItem("Todos los requisitos", None)
        for rule in rules.RULES:
            self.rule_filter.addItem(RULE_LABELS[rule], rule)
        self.attention_only = QCheckBox("Solo incumplidos y pendientes", self)
        self.go_button = QPushButton("Ir a…", self)
        filters.addWidget(QLabel("Año:", self))
        filters.addWidget(self.year)
        filters.addSpacing(12)
        filters.addWidget(QLabel("Requisito:", self))
        filters.addWidget(self.rule_filter)
        filters.addWidget(self.attention_only)
        filters.addStretch(1)
        filters.addWidget(self.go_button)
        layout.addLayout(filters)

        self.table = kit.make_table(self.HEADERS, self, stretch=4, widths={0: 165, 1: 280})
        layout.addWidget(self.table, 1)

        self.year.currentIndexChanged.connect(self._year_changed)
        self.rule_filter.currentIndexChanged.connect(lambda _i: self._fill())
        self.attention_only.toggled.connect(lambda _on: self._fill())
        self.table.itemSelectionChanged.connect(self._update_go)
        self.table.doubleClicked.connect(lambda _i: self.go())
        self.go_button.clicked.connect(self.go)
        self._update_go()

    def load(self) -> None:
        self.ctx.call(compliance_ops.compliance_view, self._year, done=self._loaded)

    def _loaded(self, view: compliance_ops.ComplianceView) -> None:
        self.view = view
        self._year = view.year
        self.year.blockSignals(True)
        self.year.clear()
        for year in view.years:
            self.year.addItem(str(year), year)
        self.year.setCurrentIndex(self.year.findData(view.year))
        self.year.blockSignals(False)
        counts = Counter(f.status for f in view.findings)
        for status, card in self.cards.items():
            tone = status if counts.get(status) and status != rules.NOT_APPLICABLE else "neutral"
            card.show_value(str(counts.get(status, 0)), "", tone)
        problems = counts.get(rules.MISSING, 0)
        self.subtitle.setText(
            f"{len(view.findings)} requisitos revisados para {view.year}: "
            f"{counts.get(rules.OK, 0)} cumplidos, {problems} incumplidos"
            + (". Empiece por los incumplidos (en rojo)." if problems else ".")
        )
        self._fill()
        self.mark_loaded()

    def _fill(self) -> None:
        if self.view is None:
            return
        rule = self.rule_filter.currentData()
        attention = self.attention_only.isChecked()
        # What needs doing comes first; within a status, the guideline's order.
        self.shown = sorted(
            (
                f
                for f in self.view.findings
                if (rule is None or f.rule == rule) and (not attention or f.status in ATTENTION)
            ),
            key=lambda f: STATUS_ORDER.index(f.status),
        )
        self.table.setRowCount(len(self.shown))
        for row, finding in enumerate(self.shown):
            kit.fill_row(
                self.table,
                row,
                (
                    status_label(finding.status),
                    finding.title,
                    kit.short_day(finding.due),
                    section_label(finding.section),
                    finding.detail,
                ),
                key=finding.code,
                tone=finding.status if finding.status != rules.OK else None,
                tooltips=(RULE_LABELS.get(finding.rule, ""), finding.title, "", "", finding.detail),
            )
            kit.tone_cell(self.table.item(row, 0), finding.status)
        self.table.resizeRowsToContents()
        if self.shown:
            self.table.selectRow(0)
        self._update_go()

    def current(self) -> rules.Finding | None:
        code = kit.selected_key(self.table)
        return next((f for f in self.shown if f.code == code), None)

    def _target(self) -> tuple[str, str] | None:
        """The page where the selected finding is acted on; none for a rule that does not apply."""
        finding = self.current()
        if finding is None or finding.status == rules.NOT_APPLICABLE:
            return None
        return RULE_PAGES.get(finding.rule)

    def _update_go(self) -> None:
        target = self._target()
        self.go_button.setEnabled(target is not None)
        self.go_button.setText(target[1] + "…" if target else "Ir a…")

    def go(self) -> None:
        target = self._target()
        if target is not None:
            self.navigate.emit(target[0], None)

    def _year_changed(self) -> None:
        year = self.year.currentData()
        if year is not None and year != self._year:
            self._year = year
            self.refresh()

"""Inicio: the mesa at a glance — next session, last quorum, overdue commitments,
compliance and plan progress — and the few things that need doing now."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QProgressBar, QPushButton, QWidget

from mesa_desktop import formatting
from mesa_desktop.operations import dashboard as dashboard_ops
from mesa_desktop.rules import compliance as rules
from mesa_desktop.services import sessions
from ui.pages import page_kit as kit
from ui.pages.compliance import RULE_PAGES
from ui.widgets.format import MODALITY_LABELS, STATUS_LABELS, session_title


class _Card(kit.StatCard):
    """A stat card with a link to the page where the figure is worked on."""

    def __init__(self, caption: str, link: str, page: str, owner: kit.Page):
        super().__init__(caption, owner)
        self.link = QPushButton(link, self)
        self.link.setFlat(True)
        self.link.setStyleSheet(
            "QPushButton { color: #1d5c96; text-align: left; padding: 2px 0; border: none; }"
            "QPushButton:hover { text-decoration: underline; }"
        )
        self.box.addWidget(self.link)
        self.link.clicked.connect(lambda: owner.navigate.emit(page, None))


class DashboardPage(kit.Page):
    """The "Inicio" overview."""

    TOPICS = ("members", "sessions", "attendance", "actas", "commitments", "plan", "cases")

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.overview: dashboard_ops.Overview | None = None
        self.standing: dashboard_ops.Standing | None = None
        self.attention_items: list[rules.Finding] = []
        layout, self.subtitle = kit.page_layout(self, "Inicio")
        grid = QGridLayout()
        grid.setSpacing(12)
        self.next_card = _Card("próxima sesión", "Ir a Sesiones", "sessions", self)
        self.quorum_card = _Card("quórum de la última sesión", "Ver asistencia", "attendance", self)
        self.overdue_card = _Card("compromisos vencidos", "Ir a Compromisos", "commitments", self)
        self.compliance_card = _Card(
            "requisitos del lineamiento cumplidos", "Ir a Cumplimiento", "compliance", self
        )
        self.plan_card = _Card("avance del plan de acción", "Ir al Plan de acción", "action_plan", self)
        self.plan_bar = QProgressBar(self.plan_card)
        self.plan_bar.setRange(0, 100)
        self.plan_bar.setTextVisible(False)
        self.plan_bar.setFixedHeight(10)
        self.plan_card.box.insertWidget(1, self.plan_bar)
        self.members_card = _Card("dependencias en la mesa", "Ir a Conformación", "conformation", self)
        cards = (
            self.next_card,
            self.quorum_card,
            self.overdue_card,
            self.compliance_card,
            self.plan_card,
            self.members_card,
        )
        for index, card in enumerate(cards):
            card.setMinimumHeight(140)
            grid.addWidget(card, index // 3, index % 3)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        layout.addLayout(grid)

        layout.addWidget(kit.section_title("Lo que requiere atención", self))
        self.attention = kit.make_table(
            ("Requisito", "Fecha límite", "Qué hacer"), self, stretch=2, widths={0: 330}
        )
        layout.addWidget(self.attention, 1)
        self.attention.doubleClicked.connect(lambda _i: self.open_attention())

    def load(self) -> None:
        self.ctx.call(dashboard_ops.dashboard_view, done=self._loaded)

    def _loaded(self, overview: dashboard_ops.Overview) -> None:
        self.overview = overview
        mesa = overview.mesa
        self.subtitle.setText(f"{mesa.name}. Secretaría técnica: {mesa.focal_point_name or 'sin registrar'}.")
        self._next_session(overview.next_session, overview.days_to_next)
        self._quorum(overview.last_quorum)
        overdue = len(overview.overdue)
        self.overdue_card.show_value(
            str(overdue),
            "de " + kit.plural(overview.open_commitments, "compromiso abierto", "compromisos abiertos")
            if overview.open_commitments
            else "No hay compromisos abiertos.",
            "missing" if overdue else "ok",
        )
        self.overdue_card.detail.setText(
            self.overdue_card.detail.text()
            + (
                f"\n⚠ {kit.plural(len(overview.overdue_cases), 'caso remitido con seguimiento vencido', 'casos remitidos con seguimiento vencido')}"
                if overview.overdue_cases
                else ""
            )
        )
        missing = overview.delegations_missing
        self.members_card.show_value(
            str(overview.members),
            f"{missing} sin delegación notificada" if missing else "Todas notificaron su delegación.",
            "pending" if missing else "ok",
        )
        self.mark_loaded()
        self.ctx.call(dashboard_ops.standing_view, done=self._standing_loaded)

    def _standing_loaded(self, standing: dashboard_ops.Standing) -> None:
        self.standing = standing
        summary = rules.summary(standing.findings)
        applicable = summary.total - summary.not_applicable
        self.compliance_card.show_value(
            f"{summary.ok + summary.late} de {applicable}",
            " · ".join(
                (
                    kit.plural(summary.missing, "incumplido", "incumplidos"),
                    f"{summary.late} con retraso",
                    kit.plural(summary.pending, "pendiente", "pendientes"),
                )
            ),
            "pending" if summary.missing else "ok",
        )
        if standing.plan_percent is None:
            self.plan_card.show_value("—", f"No hay plan de acción para {standing.plan_cut.year}.")
            self.plan_bar.setValue(0)
        else:
            self.plan_card.show_value(
                f"{standing.plan_percent} %",
                f"con corte a hoy, {kit.long_day(standing.plan_cut)}",
                "ok" if standing.plan_percent >= 75 else "pending",
            )
            self.plan_bar.setValue(standing.plan_percent)
        self._fill_attention(standing.attention)

    def _next_session(self, session: sessions.SessionInfo | None, days: int | None) -> None:
        if session is None:
            self.next_card.show_value(
                "Ninguna",
                "No hay sesiones programadas. Programe la próxima en «Sesiones» "
                "y convóquela con dos semanas de anticipación.",
                "pending",
            )
            return
        when = "hoy" if days == 0 else "mañana" if days == 1 else f"en {days} días"
        place = session.place or MODALITY_LABELS.get(session.modality, session.modality)
        time = f", {formatting.clock(session.start_time)}" if session.start_time else ""
        self.next_card.show_value(
            f"{kit.short_day(session.date)}",
            f"{session_title(session)} ({when}{time}) · {place} · {STATUS_LABELS.get(session.status, '')}",
            "ok" if session.status == "convened" else "pending",
        )

    def _quorum(self, last: dashboard_ops.LastQuorum | None) -> None:
        if last is None:
            self.quorum_card.show_value("—", "Aún no se ha realizado ninguna sesión.")
            return
        title = f"{session_title(last.session)}, {kit.long_day(last.session.date)}"
        if not last.quorum_required:
            self.quorum_card.show_value(
                f"{last.attended} de {last.total}", f"{title}. Extraordinaria: no requiere quórum."
            )
        elif last.reached:
            self.quorum_card.show_value(f"{last.attended} de {last.total}", f"Hubo quórum. {title}.", "ok")
        else:
            self.quorum_card.show_value(
                f"{last.attended} de {last.total}",
                f"No hubo quórum (se requerían {last.required}). {title}.",
                "missing",
            )

    def _fill_attention(self, items: tuple[rules.Finding, ...]) -> None:
        self.attention_items = list(items)
        self.attention.setRowCount(max(len(items), 1))
        if not items:
            kit.fill_row(
                self.attention, 0, ("Todo al día: no hay requisitos incumplidos.", "", ""), tone="ok"
            )
            return
        for row, finding in enumerate(items):
            kit.fill_row(
                self.attention,
                row,
                (finding.title, kit.short_day(finding.due), finding.detail),
                key=finding.code,
                tone=finding.status if finding.status == rules.MISSING else "pending",
            )
        self.attention.resizeRowsToContents()

    def open_attention(self) -> None:
        code = kit.selected_key(self.attention)
        finding = next((f for f in self.attention_items if f.code == code), None)
        if finding is not None and finding.rule in RULE_PAGES:
            self.navigate.emit(RULE_PAGES[finding.rule][0], None)

"""Inicio: the mesa at a glance — next session, last quorum, overdue commitments,
compliance and plan progress — and the few things that need doing now.

The page can show the overview before the store is open, from the summary the last run kept
(``mesa_desktop.summary``; ``DashboardPage(None)`` then ``show_overview``): this module is
imported before the database layer, so the core's services and rules are imported where used.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QProgressBar, QPushButton, QWidget

from mesa_desktop import formatting
from ui.pages import page_kit as kit
from ui.widgets.format import MODALITY_LABELS, STATUS_LABELS, session_title

if TYPE_CHECKING:
    from mesa_desktop.operations import dashboard as dashboard_ops
    from mesa_desktop.rules import compliance as rules
    from mesa_desktop.services import sessions

log = logging.getLogger(__name__)

# The overview's cards, as kept in the summary: key → (value, detail, tone).
OVERVIEW_CARDS = ("next", "quorum", "overdue", "members")


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
    painted = Signal()  # once, after the page's first paint (the app opens the store then)

    def __init__(self, ctx, parent: QWidget | None = None):
        """``ctx`` None: a preview, shown from the summary until ``bind`` gives it the store."""
        super().__init__(ctx, parent)
        if ctx is None:
            self._stale = False  # nothing to load until bound
        self.was_painted = False
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

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if not self.was_painted:
            self.was_painted = True
            self.painted.emit()

    def bind(self, ctx) -> None:
        """The store is open: the preview becomes the page and reloads from the store."""
        self.ctx = ctx
        ctx.changed.connect(self._on_changed)
        self.refresh()

    def load(self) -> None:
        if self.ctx is None:
            return
        from mesa_desktop.operations import dashboard as dashboard_ops

        self.ctx.call(dashboard_ops.dashboard_view, done=self._loaded)

    def _loaded(self, overview: dashboard_ops.Overview) -> None:
        from mesa_desktop.operations import dashboard as dashboard_ops

        self.overview = overview
        content = overview_content(overview)
        self.show_overview(content)
        self._keep_summary(overview, content)
        self.ctx.call(dashboard_ops.standing_view, done=self._standing_loaded)

    def show_overview(self, content: dict[str, Any]) -> None:
        """Fill the overview's cards from ``overview_content`` (now, or as the summary kept it)."""
        self.subtitle.setText(content["subtitle"])
        for key in OVERVIEW_CARDS:
            value, detail, tone = content["cards"][key]
            getattr(self, f"{key}_card").show_value(value, detail, tone)
        self.mark_loaded()

    def _keep_summary(self, overview: dashboard_ops.Overview, content: dict[str, Any]) -> None:
        """What the page now shows becomes the next start's summary (when it is the store's
        own: the fingerprint is there only if no write came while it was read)."""
        file = self.ctx.store.file
        if overview.fingerprint is None or file is None or overview.today is None:
            return
        from mesa_desktop import summary

        # A summary not written is only a slower next start: logged, no error dialog.
        self.ctx.work(
            summary.write,
            file,
            overview.fingerprint,
            {overview.today: content},
            failed=lambda message: log.warning("Home page summary not written: %s", message),
        )

    def _standing_loaded(self, standing: dashboard_ops.Standing) -> None:
        from mesa_desktop.rules import compliance as rules

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

    def _fill_attention(self, items: tuple[rules.Finding, ...]) -> None:
        from mesa_desktop.rules import compliance as rules

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
        from ui.pages.compliance import RULE_PAGES

        code = kit.selected_key(self.attention)
        finding = next((f for f in self.attention_items if f.code == code), None)
        if finding is not None and finding.rule in RULE_PAGES:
            self.navigate.emit(RULE_PAGES[finding.rule][0], None)


Card = tuple[str, str, str]  # value, detail, tone


def _members(members: int, missing: int, *, national: bool) -> Card:
    if national:  # its dependencies are permanent (1.4); notifying delegates is the territories' 2.5
        return str(members), "Dependencias permanentes de la mesa (numeral 1.4).", "ok"
    if missing:
        return str(members), f"{missing} sin delegación notificada", "pending"
    return str(members), "Todas notificaron su delegación.", "ok"


def overview_content(overview: dashboard_ops.Overview) -> dict[str, Any]:
    """The overview's texts, plain data: what the cards show and what the summary keeps."""
    mesa = overview.mesa
    overdue = len(overview.overdue)
    missing = overview.delegations_missing
    cards: dict[str, Card] = {
        "next": _next_session(overview.next_session, overview.days_to_next),
        "quorum": _quorum(overview.last_quorum),
        "overdue": (
            str(overdue),
            (
                "de " + kit.plural(overview.open_commitments, "compromiso abierto", "compromisos abiertos")
                if overview.open_commitments
                else "No hay compromisos abiertos."
            )
            + (
                f"\n⚠ {kit.plural(len(overview.overdue_cases), 'caso remitido con seguimiento vencido', 'casos remitidos con seguimiento vencido')}"
                if overview.overdue_cases
                else ""
            ),
            "missing" if overdue else "ok",
        ),
        "members": _members(overview.members, missing, national=mesa.kind == "national"),
    }
    return {
        "mesa": mesa.name,
        "subtitle": f"{mesa.name}. Secretaría técnica: {mesa.focal_point_name or 'sin registrar'}.",
        "cards": cards,
    }


def _next_session(session: sessions.SessionInfo | None, days: int | None) -> Card:
    if session is None:
        return (
            "Ninguna",
            "No hay sesiones programadas. Programe la próxima en «Sesiones» "
            "y convóquela con dos semanas de anticipación.",
            "pending",
        )
    when = "hoy" if days == 0 else "mañana" if days == 1 else f"en {days} días"
    place = session.place or MODALITY_LABELS.get(session.modality, session.modality)
    time = f", {formatting.clock(session.start_time)}" if session.start_time else ""
    return (
        f"{kit.short_day(session.date)}",
        f"{session_title(session)} ({when}{time}) · {place} · {STATUS_LABELS.get(session.status, '')}",
        "ok" if session.status == "convened" else "pending",
    )


def _quorum(last: dashboard_ops.LastQuorum | None) -> Card:
    if last is None:
        return ("—", "Aún no se ha realizado ninguna sesión.", "neutral")
    title = f"{session_title(last.session)}, {kit.long_day(last.session.date)}"
    if not last.quorum_required:
        return (
            f"{last.attended} de {last.total}",
            f"{title}. Extraordinaria: no requiere quórum.",
            "neutral",
        )
    if last.reached:
        return (f"{last.attended} de {last.total}", f"Hubo quórum. {title}.", "ok")
    return (
        f"{last.attended} de {last.total}",
        f"No hubo quórum (se requerían {last.required}). {title}.",
        "missing",
    )

"""Inicio: the mesa at a glance — next session, last quorum, overdue commitments,
compliance and plan progress — and the few things that need doing now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import QGridLayout, QProgressBar, QPushButton, QWidget

from mesa_desktop import clock
from mesa_desktop.errors import NotFound
from mesa_desktop.rules import compliance as rules
from mesa_desktop.services import action_plan, attendance, commitments, compliance, conformation, sessions
from mesa_desktop.vocabulary import SessionStatus
from ui.pages import page_kit as kit
from ui.pages.compliance import RULE_PAGES
from ui.widgets.format import MODALITY_LABELS, STATUS_LABELS, session_title

UPCOMING = (SessionStatus.PLANNED, SessionStatus.CONVENED)
HELD = (SessionStatus.HELD, SessionStatus.ACTA_APPROVED)


@dataclass(frozen=True)
class LastQuorum:
    session: sessions.SessionInfo
    attended: int  # member dependencies represented at some moment of the session
    required: int
    total: int
    quorum_required: bool
    reached: bool


@dataclass(frozen=True)
class Overview:
    mesa: conformation.MesaInfo
    next_session: sessions.SessionInfo | None
    last_quorum: LastQuorum | None
    open_commitments: int
    overdue: tuple[commitments.CommitmentInfo, ...]
    members: int
    delegations_missing: int


@dataclass(frozen=True)
class Standing:
    """Compliance and plan progress: loaded right after the overview, so the mesa shows first."""

    findings: tuple[rules.Finding, ...]
    plan_percent: int | None
    plan_cut: date


def _last_quorum(store, held: list[sessions.SessionInfo]) -> LastQuorum | None:
    if not held:
        return None
    last = held[-1]
    view = attendance.get_quorum(store, last.id)
    attended = len(
        {
            a.dependency_id
            for a in attendance.list_attendance(store, last.id)
            if a.counts_for_quorum and a.dependency_id
        }
    )
    events = attendance.quorum_events(store, last.id)
    status = view.status
    reached = any(kind == "established" for _at, kind, *_rest in events) or attended >= status.required
    return LastQuorum(
        last,
        attended,
        status.required,
        status.total,
        status.quorum_required,
        reached or not status.quorum_required,
    )


def load_overview(store, today: date | None = None) -> Overview:
    """The mesa, its sessions, commitments and members: one trip to the database thread."""
    today = today or clock.today()
    mesa = conformation.get_mesa(store)
    all_sessions = sessions.list_sessions(store)
    upcoming = [s for s in all_sessions if s.date >= today and s.status in UPCOMING]
    held = [s for s in all_sessions if s.status in HELD and s.date <= today]
    items = commitments.list_commitments(store, today=today)
    members = [d for d in conformation.list_members(store) if not d.invited and d.active]
    return Overview(
        mesa=mesa,
        next_session=upcoming[0] if upcoming else None,
        last_quorum=_last_quorum(store, held),
        open_commitments=sum(1 for c in items if c.status in commitments.OPEN_STATUSES),
        overdue=tuple(c for c in items if c.is_overdue(today)),
        members=len(members),
        delegations_missing=sum(1 for d in members if d.delegation_notified_on is None),
    )


def load_standing(store, today: date | None = None) -> Standing:
    """Compliance findings and plan progress; the first call also loads the holiday calendar."""
    today = today or clock.today()
    try:
        plan_percent = action_plan.plan_status(store, today.year, today).percent
    except NotFound:
        plan_percent = None
    findings = tuple(compliance.check(store, year=today.year, today=today))
    return Standing(findings, plan_percent, today)


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
        self.layout().addWidget(self.link)
        self.link.clicked.connect(lambda: owner.navigate.emit(page, None))


class DashboardPage(kit.Page):
    """The "Inicio" overview."""

    TOPICS = ("members", "sessions", "attendance", "actas", "commitments", "plan")

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.overview: Overview | None = None
        self.standing: Standing | None = None
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
        self.plan_card.layout().insertWidget(1, self.plan_bar)
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
        self.ctx.call(load_overview, done=self._loaded)

    def _loaded(self, overview: Overview) -> None:
        self.overview = overview
        mesa = overview.mesa
        self.subtitle.setText(f"{mesa.name}. Secretaría técnica: {mesa.focal_point_name or 'sin registrar'}.")
        self._next_session(overview.next_session)
        self._quorum(overview.last_quorum)
        overdue = len(overview.overdue)
        self.overdue_card.show_value(
            str(overdue),
            "de " + kit.plural(overview.open_commitments, "compromiso abierto", "compromisos abiertos")
            if overview.open_commitments
            else "No hay compromisos abiertos.",
            "missing" if overdue else "ok",
        )
        missing = overview.delegations_missing
        self.members_card.show_value(
            str(overview.members),
            f"{missing} sin delegación notificada" if missing else "Todas notificaron su delegación.",
            "pending" if missing else "ok",
        )
        self.mark_loaded()
        self.ctx.call(load_standing, done=self._standing_loaded)

    def _standing_loaded(self, standing: Standing) -> None:
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
        self._fill_attention(standing.findings)

    def _next_session(self, session: sessions.SessionInfo | None) -> None:
        if session is None:
            self.next_card.show_value(
                "Ninguna",
                "No hay sesiones programadas. Programe la próxima en «Sesiones» "
                "y convóquela con dos semanas de anticipación.",
                "pending",
            )
            return
        days = (session.date - clock.today()).days
        when = "hoy" if days == 0 else "mañana" if days == 1 else f"en {days} días"
        place = session.place or MODALITY_LABELS.get(session.modality, session.modality)
        time = f", {session.start_time:%H:%M}" if session.start_time else ""
        self.next_card.show_value(
            f"{kit.short_day(session.date)}",
            f"{session_title(session)} ({when}{time}) · {place} · {STATUS_LABELS.get(session.status, '')}",
            "ok" if session.status == "convened" else "pending",
        )

    def _quorum(self, last: LastQuorum | None) -> None:
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

    def _fill_attention(self, findings) -> None:
        # Missing first, then what is still pending and due within 30 days.
        soon = clock.today().toordinal() + 30
        items = [f for f in findings if f.status == rules.MISSING]
        items += [f for f in findings if f.status == rules.PENDING and f.due and f.due.toordinal() <= soon]
        self.attention_items = items
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

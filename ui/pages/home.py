"""Inicio: the mesa at a glance and the three things a focal point does most."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from mesa_desktop.services import actas, commitments, conformation, sessions
from ui.widgets import format as fmt
from ui.widgets.session_picker import default_session
from ui.widgets.when_shown import WhenShown


@dataclass(frozen=True)
class Overview:
    mesa: object
    next_session: object | None
    ordinary_held: int  # ordinary sessions held this year (the guideline asks for 4)
    extraordinary_held: int
    open_commitments: int
    overdue_commitments: int
    dependencies: int
    without_delegate: tuple[str, ...]
    drafts: tuple[str, ...]  # numbers of held sessions whose acta is not approved yet


def read_overview(store) -> Overview:
    today = date.today()
    mesa = conformation.get_mesa(store)
    all_sessions = sessions.list_sessions(store)
    this_year = [s for s in all_sessions if s.year == today.year and s.status != "cancelled"]
    open_items = commitments.list_commitments(store, open_only=True)
    members = [d for d in conformation.list_members(store) if not d.invited and d.active]
    drafts = []
    for session in all_sessions:
        if session.status == "held":
            acta = actas.current_acta(store, session.id)
            if acta is None or not acta.locked:
                drafts.append(session.number)
    return Overview(
        mesa=mesa,
        next_session=default_session(all_sessions, today),
        ordinary_held=sum(s.kind == "ordinary" and s.status in ("held", "acta_approved") for s in this_year),
        extraordinary_held=sum(s.kind == "extraordinary" and s.status in ("held", "acta_approved")
                               for s in this_year),
        open_commitments=len(open_items),
        overdue_commitments=sum(c.is_overdue(today) for c in open_items),
        dependencies=len(members),
        without_delegate=tuple(d.name for d in members
                               if not any(p.role in ("head", "delegate", "alternate") for p in d.people)),
        drafts=tuple(drafts),
    )


class Card(QFrame):
    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("Card { background: #ffffff; border: 1px solid #c9d1da; border-radius: 6px; }")
        self.title = QLabel(title)
        self.title.setObjectName("sectionTitle")
        self.value = QLabel("—")
        font = self.value.font()
        font.setPointSize(20)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel("")
        self.detail.setObjectName("hint")
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.detail, 1, Qt.AlignmentFlag.AlignTop)

    def set_values(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)


class HomePage(QWidget):
    navigate = Signal(str, object)
    loaded = Signal()

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.overview: Overview | None = None
        self._loaded_once = False
        self.title = QLabel("Inicio")
        self.title.setObjectName("pageTitle")
        self.title.setWordWrap(True)
        self.subtitle = QLabel("")
        self.subtitle.setObjectName("hint")
        self.subtitle.setWordWrap(True)
        self.next_card = Card("Próxima sesión")
        self.sessions_card = Card("Sesiones ordinarias del año")
        self.commitments_card = Card("Compromisos abiertos")
        self.members_card = Card("Dependencias integrantes")
        self.actas_card = Card("Actas por aprobar")
        grid = QGridLayout()
        grid.setSpacing(12)
        grid.addWidget(self.next_card, 0, 0, 1, 2)
        grid.addWidget(self.sessions_card, 0, 2)
        grid.addWidget(self.commitments_card, 1, 0)
        grid.addWidget(self.members_card, 1, 1)
        grid.addWidget(self.actas_card, 1, 2)
        for column in range(3):
            grid.setColumnStretch(column, 1)
        self.attendance_button = QPushButton("Asistencia en vivo")
        self.attendance_button.setObjectName("primary")
        self.attendance_button.setProperty("class", "big")
        self.new_session_button = QPushButton("Nueva sesión…")
        self.acta_button = QPushButton("Redactar el acta")
        self.attendance_button.clicked.connect(lambda: self._go("attendance"))
        self.acta_button.clicked.connect(lambda: self._go("acta"))
        self.new_session_button.clicked.connect(lambda: self.navigate.emit("sessions", "new"))
        actions = QHBoxLayout()
        for button in (self.attendance_button, self.new_session_button, self.acta_button):
            button.setMinimumHeight(40)
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.title)
        layout.addWidget(self.subtitle)
        layout.addSpacing(8)
        layout.addLayout(actions)
        layout.addSpacing(8)
        layout.addLayout(grid)
        layout.addStretch(1)
        self.when_shown = WhenShown(self)
        ctx.changed.connect(self._on_changed)
        self.refresh()

    def refresh(self) -> None:
        self.ctx.call(read_overview, done=self._show)

    def _on_changed(self, _topic: str) -> None:
        self.when_shown.run("refresh", self.refresh)

    def _go(self, key: str) -> None:
        session = self.overview.next_session if self.overview else None
        self.navigate.emit(key, session.id if session else None)

    def _show(self, overview: Overview) -> None:
        self.overview = overview
        mesa = overview.mesa
        self.title.setText(mesa.name)
        focal = f" · Punto focal: {mesa.focal_point_name}" if mesa.focal_point_name else ""
        acto = mesa.acto_number or "sin acto administrativo registrado"
        self.subtitle.setText(f"{mesa.entity_name} · {mesa.territory_name}{focal} · {acto}")
        session = overview.next_session
        if session is None:
            self.next_card.set_values("Sin sesiones", "Cree la primera sesión del año con «Nueva sesión».")
        else:
            when = "hoy" if session.date == date.today() else fmt.day(session.date)
            place = session.place or fmt.MODALITY_LABELS.get(session.modality, "")
            self.next_card.set_values(
                f"{fmt.session_title(session)} · {when}",
                f"{fmt.hour(session.start_time)} · {place} · {fmt.STATUS_LABELS.get(session.status, session.status)}")
        extra = overview.extraordinary_held
        self.sessions_card.set_values(
            f"{overview.ordinary_held} de 4",
            "sesiones ordinarias realizadas este año (el lineamiento pide una por trimestre)"
            + (f"; además, {extra} extraordinaria{'s' if extra != 1 else ''}." if extra else "."))
        overdue = overview.overdue_commitments
        self.commitments_card.set_values(
            str(overview.open_commitments),
            f"{overdue} {'vencido' if overdue == 1 else 'vencidos'}" if overdue else "ninguno vencido")
        missing = overview.without_delegate
        self.members_card.set_values(
            str(overview.dependencies),
            ("Sin delegado registrado: " + ", ".join(missing)) if missing else "Todas con delegado registrado.")
        self.actas_card.set_values(
            str(len(overview.drafts)),
            ("Borradores: " + ", ".join(overview.drafts)) if overview.drafts else "Todas las actas están aprobadas.")
        if not self._loaded_once:
            self._loaded_once = True
            self.loaded.emit()

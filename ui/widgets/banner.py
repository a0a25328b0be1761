"""A big coloured banner: the live quorum at the top of the attendance screen, acta locks."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget

from ui.style import restyle


class Banner(QFrame):
    """Headline plus a detail line; ``state`` (ok / almost / short / neutral / locked) sets the colour."""

    def __init__(self, parent: QWidget | None = None, *, headline_pt: int = 26, detail_pt: int = 12):
        super().__init__(parent)
        self.setObjectName("banner")
        self.setProperty("state", "neutral")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 10, 18, 10)
        layout.setSpacing(2)
        self.headline = QLabel(self)
        self.headline.setObjectName("bannerHeadline")
        font = QFont(self.font())
        font.setPointSize(headline_pt)
        font.setBold(True)
        self.headline.setFont(font)
        self.headline.setWordWrap(True)
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail = QLabel(self)
        detail_font = QFont(self.font())
        detail_font.setPointSize(detail_pt)
        self.detail.setFont(detail_font)
        self.detail.setWordWrap(True)
        layout.addWidget(self.headline)
        layout.addWidget(self.detail)

    def show_message(self, headline: str, detail: str = "", state: str = "neutral") -> None:
        self.headline.setText(headline)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        if self.property("state") != state:
            self.setProperty("state", state)
            restyle(self)

    @property
    def state(self) -> str:
        return self.property("state")


def quorum_message(view, short_names: dict[str, str] | None = None) -> tuple[str, str, str]:
    """(headline, detail, state) of a ``QuorumView`` for the banner.

    ``short_names`` maps a dependency's name to its short form ("Salud Mental"), so the list
    of those still missing fits a projector line.
    """
    status = view.status
    short_names = short_names or {}
    missing = [short_names.get(name) or name for name in view.missing_dependencies]
    # A delegation that came and left is not "still to arrive": named apart.
    not_arrived = [short_names.get(name) or name for name in view.not_arrived]
    left = [short_names.get(name) or name for name in view.left_dependencies]
    gone = f"Se retiraron: {' · '.join(left)}" if left else ""
    if not status.conformed:
        return status.summary, "Registre las dependencias de la mesa en Conformación.", "neutral"
    if not status.quorum_required:
        detail = (
            f"Sin representación: {' · '.join(missing)}" if missing else "Todas las delegaciones presentes."
        )
        return status.summary, detail, "neutral"
    if status.met:
        parts = [f"Aún sin llegar: {' · '.join(not_arrived)}"] if not_arrived else []
        detail = "   ".join([*parts, gone] if gone else parts) or "Todas las delegaciones presentes."
        return status.summary, detail, "ok"
    state = "almost" if status.shortfall == 1 else "short"
    rule = status.rule_label
    parts = [f"Faltan por llegar: {' · '.join(not_arrived)}"] if not_arrived else []
    if gone:
        parts.append(gone)
    parts.append(f"(quórum: {rule}, {status.required} de {status.total})")
    return status.summary, "   ".join(parts), state


class QuorumBanner(Banner):
    """The live quorum: "7 de 12 delegaciones — hay quórum" in green, "faltan 2" in red."""

    short_names: dict[str, str] = {}

    def show_quorum(self, view) -> None:
        self.show_message(*quorum_message(view, self.short_names))

    def show_no_session(self) -> None:
        self.show_message(
            "Sin sesión seleccionada", "Cree una sesión en «Sesiones» para tomar asistencia.", "neutral"
        )

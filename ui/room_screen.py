"""The room's screen ("Pantalla de sala"): a second window for the projector or the TV.

Dark and high-contrast, read from the back of the room: the mesa, the session, the quorum in
very large type, the agenda item under discussion, Colombia's clock, and which member
dependencies are represented. It shows no person's name or contact: only what
``operations.room.room_view`` reads, which carries none.

It follows the session the main window says (``follow``: the attendance screen's, else
today's), reloads on the same topic broadcast the pages use, and sizes every font from the
window's height so the same layout fills a laptop, a projector or a 4K TV.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QGuiApplication, QKeyEvent, QScreen
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from mesa_desktop import clock, formatting
from mesa_desktop.operations import room as room_ops
from mesa_desktop.operations.room import RoomQuorum, RoomView
from ui.style import restyle

TOPICS = frozenset({"attendance", "sessions", "mesa", "members", "store"})
NAME_TOPICS = frozenset({"mesa", "members", "store"})  # those that may rename a dependency
HINT = (
    "F11: pantalla completa  ·  Av Pág / Re Pág (o → / ←): punto del orden del día  ·  "
    "Esc: salir de pantalla completa"
)
NAMES_PER_COLUMN = 6  # more names than this flow into a second column

BACKGROUND = "#0b0f14"
PANEL = "#161c24"
TEXT = "#f2f5f8"
DIM = "#a9b4c0"
PRESENT = "#6fdc8c"
MISSING = "#ffb4a8"

STYLE_SHEET = f"""
QWidget#roomScreen {{ background: {BACKGROUND}; }}
QWidget#roomScreen QLabel {{ color: {TEXT}; background: transparent; }}
QLabel#roomDim, QLabel#roomHint {{ color: {DIM}; }}
QFrame#roomQuorum {{ border-radius: 18px; background: #3b4756; }}
QFrame#roomQuorum[state="ok"] {{ background: #17692c; }}
QFrame#roomQuorum[state="almost"] {{ background: #8f5200; }}
QFrame#roomQuorum[state="short"] {{ background: #a1221b; }}
QFrame#roomQuorum[state="neutral"] {{ background: #24507d; }}
QFrame#roomQuorum QLabel {{ color: #ffffff; }}
QFrame#roomPanel {{ border-radius: 12px; background: {PANEL}; }}
QLabel#roomPresentTitle {{ color: {PRESENT}; }}
QLabel#roomMissingTitle {{ color: {MISSING}; }}
"""


def _label(parent: QWidget, name: str = "", *, bold: bool = False, wrap: bool = False) -> QLabel:
    label = QLabel(parent)
    if name:
        label.setObjectName(name)
    font = QFont(label.font())
    font.setBold(bold)
    label.setFont(font)
    label.setWordWrap(wrap)
    label.setTextFormat(Qt.TextFormat.PlainText)  # names typed by users are never markup
    return label


def _set_px(label: QLabel, px: float) -> None:
    font = QFont(label.font())
    font.setPixelSize(max(8, round(px)))
    label.setFont(font)


def quorum_texts(quorum: RoomQuorum | None) -> tuple[str, str, str, str]:
    """(figure, caption, verdict, state) for the banner: "5 / 7", …, "Sin quórum: faltan 2"."""
    if quorum is None:
        return "", "", "Hoy no hay sesión", "neutral"
    if not quorum.conformed:
        return "", "", "La mesa aún no tiene dependencias", "neutral"
    if not quorum.quorum_required:
        noun = "dependencia presente" if quorum.present == 1 else "dependencias presentes"
        return (
            f"{quorum.present} de {quorum.total}",
            noun,
            "Sesión extraordinaria: no requiere quórum",
            "neutral",
        )
    caption = f"presentes / requeridas · {quorum.total} en total"
    figure = f"{quorum.present} / {quorum.required}"
    if quorum.met:
        return figure, caption, "Hay quórum", "ok"
    verb = "falta" if quorum.shortfall == 1 else "faltan"
    state = "almost" if quorum.shortfall == 1 else "short"
    return figure, caption, f"Sin quórum: {verb} {quorum.shortfall}", state


def session_lines(view: RoomView) -> tuple[str, str]:
    """The session's title with its date, and its time, modality and place."""
    session = view.session
    if session is None:
        return "Sin sesión programada para hoy", formatting.weekday_date(clock.today()).capitalize()
    title = f"Sesión {session.kind_label} {session.number}  ·  {formatting.weekday_date(session.date)}"
    details = []
    if session.start_time is not None:
        details.append(formatting.time_range(session.start_time, session.end_time))
    details.append(session.modality_label)
    if session.place:
        details.append(session.place)
    return title, "  ·  ".join(details)


class NameColumns(QWidget):
    """Dependency names, one per line, in one column or two, whichever lets the type be larger
    (up to ``max_px``): short names go in two columns, long ones in one."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.columns = [_label(self), _label(self)]
        for column in self.columns:
            column.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            # The panel's share of the window sets the size, never the text's.
            column.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
            self.row.addWidget(column, 1)
        self.names: tuple[str, ...] = ()
        self.empty = ""
        self.split = 0  # how many names the first column takes
        self.max_px = 24.0
        self.resized: Callable[[], None] = self.fit  # the room sets both lists' size together

    def set_names(self, names: tuple[str, ...], empty: str) -> None:
        self.names, self.empty = names, empty
        self.split = len(names) if len(names) <= NAMES_PER_COLUMN else (len(names) + 1) // 2
        self.set_px(self.columns[0].font().pixelSize())

    def texts(self) -> list[list[str]]:
        if not self.names:
            return [[self.empty], []]
        return [list(self.names[: self.split]), list(self.names[self.split :])]

    def _column_width(self, two: bool) -> float:
        return (self.width() - (self.row.spacing() if two else 0)) / (2 if two else 1)

    def _px_for(self, columns: list[list[str]]) -> tuple[bool, int]:
        """The type size for this arrangement, and whether every line fits the height."""
        lines = max(1, *(len(texts) for texts in columns))
        px = min(self.max_px, self.height() / (lines * 1.3))
        every = [text for texts in columns for text in texts]
        width = self._column_width(bool(columns[1]))
        probe = QFont(self.columns[0].font())
        probe.setPixelSize(100)
        widest = max(QFontMetrics(probe).horizontalAdvance(text) for text in every)
        px = max(8, int(min(px, width * 100 / max(1, widest) * 0.95)))
        # Small type is hinted wider than its size says: check it, a pixel at a time.
        while px > 8:
            probe.setPixelSize(px)
            if max(QFontMetrics(probe).horizontalAdvance(text) for text in every) <= width:
                break
            px -= 1
        probe.setPixelSize(px)
        return QFontMetrics(probe).lineSpacing() * lines <= self.height(), px

    def best_px(self) -> float:
        """The largest type at which every name fits the panel; chooses one or two columns."""
        if len(self.names) < 2:
            self.split = len(self.names)
            return self._px_for(self.texts())[1]
        half = (len(self.names) + 1) // 2
        one = self._px_for([list(self.names), []])
        two = self._px_for([list(self.names[:half]), list(self.names[half:])])
        # One column unless two make the type clearly larger (a single list reads better);
        # in a tiny window, two columns of elided names rather than names below the panel.
        two_wins = two[1] > one[1] * 1.15 if one[0] == two[0] else two[0]
        self.split = half if two_wins else len(self.names)
        return (two if two_wins else one)[1]

    def set_px(self, px: float) -> None:
        texts = self.texts()
        # An empty second column would still take half the width.
        self.columns[1].setVisible(bool(texts[1]))
        width = int(self._column_width(bool(texts[1])))  # the layout may not have run yet
        for column, lines in zip(self.columns, texts, strict=True):
            _set_px(column, px)
            # Only in a tiny window does a name not fit even the smallest type: elide it.
            metrics = QFontMetrics(column.font())
            column.setText(
                "\n".join(
                    metrics.elidedText(text, Qt.TextElideMode.ElideRight, width)
                    if width > 0 and metrics.horizontalAdvance(text) > width
                    else text
                    for text in lines
                )
            )

    def fit(self) -> None:
        self.set_px(self.best_px())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resized()


class RoomScreen(QWidget):
    """The window. ``follow()`` answers which session to show (``None``: today's)."""

    def __init__(
        self,
        ctx,
        follow: Callable[[], uuid.UUID | None] | None = None,
        forward: Callable[[QKeyEvent], None] | None = None,
    ):
        super().__init__(None, Qt.WindowType.Window)
        self.ctx = ctx
        self.follow = follow or (lambda: None)
        # Typing (a badge scanner, a name) while this window has the focus goes to the main
        # window, where the attendance screen takes it: nothing typed here is lost.
        self.forward = forward
        self.view: RoomView | None = None
        self.followed: uuid.UUID | None = None  # what ``follow`` answered at the last load
        self.agenda_positions: dict[uuid.UUID, int] = {}  # per session, in memory
        self.short_names: dict[str, str] | None = None  # None: to be read
        self._stale = True
        self.setObjectName("roomScreen")
        self.setWindowTitle("Pantalla de sala — Mesa Desktop")
        self.setStyleSheet(STYLE_SHEET)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        # Closing the main window ends the app even while the projector still shows this.
        self.setAttribute(Qt.WidgetAttribute.WA_QuitOnClose, False)
        self.setMinimumSize(640, 360)
        self.resize(1280, 720)
        self._build()
        ctx.changed.connect(self._on_changed)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self._tick()

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        self.mesa_label = _label(self, bold=True, wrap=True)
        self.clock_label = _label(self, bold=True)
        self.clock_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        self.session_label = _label(self, wrap=True)
        self.details_label = _label(self, "roomDim", wrap=True)
        heading = QVBoxLayout()
        heading.setSpacing(4)
        heading.addWidget(self.mesa_label)
        heading.addWidget(self.session_label)
        heading.addWidget(self.details_label)
        top = QHBoxLayout()
        top.addLayout(heading, 1)
        top.addWidget(self.clock_label, 0, Qt.AlignmentFlag.AlignTop)

        self.banner = QFrame(self)
        self.banner.setObjectName("roomQuorum")
        self.banner.setProperty("state", "neutral")
        self.figure_label = _label(self.banner, bold=True)
        self.figure_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption_label = _label(self.banner)
        self.caption_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict_label = _label(self.banner, bold=True, wrap=True)
        self.verdict_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        figure = QVBoxLayout()
        figure.setSpacing(0)
        figure.addWidget(self.figure_label)
        figure.addWidget(self.caption_label)
        self.banner_layout = QHBoxLayout(self.banner)
        self.banner_layout.addLayout(figure)
        self.banner_layout.addWidget(self.verdict_label, 1)

        self.agenda_caption = _label(self, "roomDim")
        self.agenda_label = _label(self, bold=True, wrap=True)

        self.present_title = _label(self, "roomPresentTitle", bold=True)
        self.present_names = NameColumns(self)
        self.missing_title = _label(self, "roomMissingTitle", bold=True)
        self.missing_names = NameColumns(self)
        self.present_names.resized = self.missing_names.resized = self._fit_names
        panels = QHBoxLayout()
        panels.setSpacing(20)
        self.panels: list[QFrame] = []
        self.panel_layouts: list[QVBoxLayout] = []
        for title, names in (
            (self.present_title, self.present_names),
            (self.missing_title, self.missing_names),
        ):
            panel = QFrame(self)
            panel.setObjectName("roomPanel")
            inner = QVBoxLayout(panel)
            inner.addWidget(title)
            inner.addWidget(names, 1)
            title.setParent(panel)
            names.setParent(panel)
            panels.addWidget(panel, 1)
            self.panels.append(panel)
            self.panel_layouts.append(inner)

        self.hint_label = _label(self, "roomHint")
        self.hint_label.setText(HINT)
        self.hint_label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.root = QVBoxLayout(self)
        self.root.addLayout(top)
        self.root.addWidget(self.banner)
        self.root.addWidget(self.agenda_caption)
        self.root.addWidget(self.agenda_label)
        self.root.addLayout(panels, 1)
        self.root.addWidget(self.hint_label)
        self._size_fonts()

    def _size_fonts(self) -> None:
        # The height sets the scale; a narrow window scales down as if it were 16:9.
        unit = min(self.height(), self.width() * 9 / 16)
        margin = round(unit * 0.035)
        self.root.setContentsMargins(margin, round(margin * 0.7), margin, round(margin * 0.5))
        self.root.setSpacing(round(unit * 0.018))
        self.banner_layout.setContentsMargins(margin, round(unit * 0.012), margin, round(unit * 0.015))
        self.banner_layout.setSpacing(round(unit * 0.05))
        for inner in self.panel_layouts:
            inside = round(margin * 0.6)
            inner.setContentsMargins(inside, round(inside * 0.6), inside, inside)
        _set_px(self.mesa_label, unit * 0.042)
        _set_px(self.clock_label, unit * 0.075)
        _set_px(self.session_label, unit * 0.032)
        _set_px(self.details_label, unit * 0.026)
        _set_px(self.figure_label, unit * 0.125)
        _set_px(self.caption_label, unit * 0.024)
        _set_px(self.verdict_label, unit * 0.075)
        _set_px(self.agenda_caption, unit * 0.026)
        _set_px(self.agenda_label, unit * 0.045)
        _set_px(self.present_title, unit * 0.04)
        _set_px(self.missing_title, unit * 0.04)
        _set_px(self.hint_label, unit * 0.018)
        for names in (self.present_names, self.missing_names):
            names.max_px = unit * 0.05
        self._fit_names()

    def _fit_names(self) -> None:
        # One size for both lists, so neither looks more important than the other.
        px = min(self.present_names.best_px(), self.missing_names.best_px())
        self.present_names.set_px(px)
        self.missing_names.set_px(px)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._size_fonts()

    # -- loading -----------------------------------------------------------------------------
    def reload(self) -> None:
        if not self.isVisible():
            self._stale = True  # a hidden screen reloads when it is shown again
            return
        self._stale = False
        if self.short_names is None:
            self.ctx.call(room_ops.short_names, done=self._names_loaded)
        self.followed = self.follow()
        self.ctx.call(room_ops.room_view, self.followed, done=self._loaded)

    def _on_changed(self, topic: str) -> None:
        if topic in NAME_TOPICS:
            self.short_names = None
        if topic in TOPICS:
            self.reload()

    def _names_loaded(self, names: dict[str, str]) -> None:
        self.short_names = names
        if self.view is not None:
            self._loaded(self.view)

    def _short(self, names: tuple[str, ...]) -> tuple[str, ...]:
        return tuple((self.short_names or {}).get(name) or name for name in names)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()

    def _loaded(self, view: RoomView) -> None:
        self.view = view
        self.mesa_label.setText(view.mesa_name)
        title, details = session_lines(view)
        self.session_label.setText(title)
        self.details_label.setText(details)
        figure, caption, verdict, state = quorum_texts(view.quorum)
        self.figure_label.setText(figure)
        self.figure_label.setVisible(bool(figure))
        self.caption_label.setText(caption)
        self.caption_label.setVisible(bool(caption))
        self.verdict_label.setText(verdict)
        if self.banner.property("state") != state:
            self.banner.setProperty("state", state)
            restyle(self.banner)
        quorum = view.quorum
        for panel in self.panels:
            panel.setVisible(quorum is not None and quorum.conformed)
        if quorum is not None:
            present, missing = (
                self._short(quorum.present_dependencies),
                self._short(quorum.missing_dependencies),
            )
            self.present_title.setText(f"Presentes ({len(present)})")
            self.present_names.set_names(present, "Aún no llega ninguna dependencia.")
            self.missing_title.setText(f"Sin representación ({len(missing)})")
            self.missing_names.set_names(missing, "Todas las dependencias están representadas.")
        self._show_agenda()
        self._size_fonts()

    # -- agenda ------------------------------------------------------------------------------
    def agenda_position(self) -> int:
        """The index of the item under discussion in the shown session (0 without one)."""
        session = self.view.session if self.view else None
        if session is None or not session.agenda:
            return 0
        return max(0, min(len(session.agenda) - 1, self.agenda_positions.get(session.id, 0)))

    def move_item(self, step: int) -> None:
        """Show the next (``step`` > 0) or previous agenda item."""
        session = self.view.session if self.view else None
        if session is None or not session.agenda:
            return
        self.agenda_positions[session.id] = max(
            0, min(len(session.agenda) - 1, self.agenda_position() + step)
        )
        self._show_agenda()

    def _show_agenda(self) -> None:
        session = self.view.session if self.view else None
        shown = session is not None and bool(session.agenda)
        self.agenda_caption.setVisible(shown)
        self.agenda_label.setVisible(shown)
        if session is None or not session.agenda:
            return
        index = self.agenda_position()
        self.agenda_caption.setText(f"Orden del día · punto {index + 1} de {len(session.agenda)}")
        self.agenda_label.setText(f"{index + 1}. {session.agenda[index]}")

    # -- clock -------------------------------------------------------------------------------
    def _tick(self) -> None:
        text = formatting.clock(clock.local(clock.utcnow()).time())
        if self.clock_label.text() != text:
            self.clock_label.setText(text)
        # The attendance screen may have switched to another session: follow it.
        if self.isVisible() and self.follow() != self.followed:
            self.reload()

    # -- window ------------------------------------------------------------------------------
    def present(self, main_screen: QScreen | None = None) -> None:
        """Show it; full screen on a screen other than ``main_screen`` when there is one."""
        other = next((s for s in QGuiApplication.screens() if s is not main_screen), None)
        if main_screen is not None and other is not None:
            # The focal point keeps working on the laptop: the keyboard stays there.
            self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, True)
            self.setScreen(other)
            self.move(other.geometry().topLeft())
            self.showFullScreen()
            self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating, False)
        else:
            # One screen: a window to drag to the projector's side of the desktop, then F11.
            self.show()
            self.raise_()
            self.activateWindow()
        self._update_hint()

    def toggle_full_screen(self) -> None:
        if self.isFullScreen():
            self.showNormal()
        else:
            self.showFullScreen()
        self._update_hint()

    def _update_hint(self) -> None:
        # The keys are told to the focal point, not to the room: gone in full screen.
        self.hint_label.setVisible(not self.isFullScreen())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key == Qt.Key.Key_F11:
            self.toggle_full_screen()
        elif key == Qt.Key.Key_Escape and self.isFullScreen():
            self.toggle_full_screen()
        elif key in (Qt.Key.Key_PageDown, Qt.Key.Key_Right):
            self.move_item(1)
        elif key in (Qt.Key.Key_PageUp, Qt.Key.Key_Left):
            self.move_item(-1)
        elif self.forward is not None and event.text():
            self.forward(event)
        else:
            super().keyPressEvent(event)

"""What the management pages share: the page base, tables, date fields, status colours.

Every dialog, confirmation and file chooser of these pages goes through the functions
here (``run_dialog``, ``confirm``, ``open_file``, ``save_file``), so tests replace them and
drive a page without a modal loop.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date

from PySide6.QtCore import QDate, QLocale, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from mesa_desktop import clock, formatting
from ui import style
from ui.widgets import format as fmt

SPANISH = QLocale(QLocale.Language.Spanish, QLocale.Country.Colombia)
ROW_ID = Qt.ItemDataRole.UserRole

# Status → (text colour, row tint). Tints are light so black text stays readable on a projector.
TONES = {
    "ok": (style.OK, "#e6f4e9"),
    "pending": (style.WARN, "#fff4d6"),
    "late": ("#8a4b00", "#fde9cf"),
    "missing": (style.BAD, "#fde7e5"),
    "not_applicable": (style.NEUTRAL, "#eef0f2"),
    "neutral": (style.NEUTRAL, None),
}
STATUS_ICONS = {"ok": "✔", "pending": "●", "late": "◐", "missing": "✖", "not_applicable": "–"}
MONTHS_SHORT = formatting.MONTHS_SHORT


def plural(n: int, singular: str, many: str) -> str:
    """'1 compromiso abierto' / '6 compromisos abiertos'."""
    return f"{n} {singular if n == 1 else many}"


# --- dates ----------------------------------------------------------------------------------


def long_day(value: date | None) -> str:
    """'21 de mayo de 2026', or an em dash (the same words as the documents)."""
    return fmt.day(value)


def short_day(value: date | None) -> str:
    """'21 may 2026' for table cells: readable and narrow."""
    return formatting.short_day(value)


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def date_edit(value: date | None = None, parent: QWidget | None = None) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setLocale(SPANISH)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("d 'de' MMMM 'de' yyyy")
    edit.setDate(to_qdate(value or clock.today()))
    edit.setMinimumWidth(190)
    return edit


class OptionalDate(QWidget):
    """A date that may be unknown: a check box ("Ya se notificó") enabling a date field."""

    changed = Signal()

    def __init__(self, label: str, value: date | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.check = QCheckBox(label, self)
        self.edit = date_edit(value, self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.check)
        layout.addWidget(self.edit)
        layout.addStretch(1)
        self.check.toggled.connect(self.edit.setEnabled)
        self.check.toggled.connect(lambda _on: self.changed.emit())
        self.edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.set_value(value)

    def value(self) -> date | None:
        return from_qdate(self.edit.date()) if self.check.isChecked() else None

    def set_value(self, value: date | None) -> None:
        self.check.setChecked(value is not None)
        self.edit.setEnabled(value is not None)
        if value is not None:
            self.edit.setDate(to_qdate(value))


# --- the page base ---------------------------------------------------------------------------


class Page(QWidget):
    """THE page protocol: every screen of the main window is one of these.

    * ``__init__(ctx, parent=None)`` builds the widgets only; nothing is read until shown.
    * ``load()`` (the one method a page must define) asks for its read-model, one function of
      ``mesa_desktop.operations`` under one read: ``self.ctx.call(operations.x.x_view, ...,
      done=self._loaded)``; ``_loaded`` fills the widgets and calls ``mark_loaded()`` (which
      emits ``loaded`` once, for the shell and the tests).
    * A write is one operation per user action: ``self.ctx.call(operations.x.action, ...,
      done=..., failed=...)``. The operation returns ``Changed`` and the context announces its
      topics; the page never says what changed.
    * ``TOPICS`` are the topics the page shows. On a change to one of them (or to "mesa" or
      "store") a visible page reloads at once; a hidden one only remembers it is stale and
      reloads when next shown, so a change on one screen does not make every other screen
      query the store. ``refresh()`` (F5) reloads now.
    * Optional: ``flush()`` saves pending edits (before the window closes, the store changes
      or the shell leaves the page); ``open_item(value)`` shows one item when the shell
      navigates here with an argument (e.g. a session id); ``navigate.emit(key, value)`` asks
      the shell for another page.
    * A page that reloads only a part for some topics (a live session's snapshot, a directory,
      one sub-tab) overrides ``topic_changed(topic)`` and calls ``when_shown(key, action)``:
      the action runs now if the page is visible, else once when it is shown again (one
      pending action per key; the last one asked wins).
    """

    TOPICS: tuple[str, ...] = ()
    loaded = Signal()
    navigate = Signal(str, object)

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self._stale = True
        self._first_load = True
        self._pending: dict[str, Callable[[], None]] = {}
        if ctx is not None:  # None: the home page's preview before the store opens (dashboard)
            ctx.changed.connect(self._on_changed)

    def _on_changed(self, topic: str) -> None:
        self.topic_changed(topic)

    def topic_changed(self, topic: str) -> None:
        """A topic was changed: by default the whole page reloads for its ``TOPICS``."""
        if topic in self.TOPICS or topic in ("mesa", "store"):
            if self.isVisible():
                self.refresh()
            else:
                self._stale = True

    def when_shown(self, key: str, action: Callable[[], None]) -> None:
        """Run ``action`` now if the page is on view, or once when it is shown again."""
        if self.isVisible():
            action()
        else:
            self._pending[key] = action

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._stale:
            self.refresh()
        pending, self._pending = self._pending, {}
        for action in pending.values():
            action()

    def refresh(self) -> None:
        self._stale = False
        self.load()

    def load(self) -> None:  # pragma: no cover - every page defines it
        raise NotImplementedError

    def mark_loaded(self) -> None:
        if self._first_load:
            self._first_load = False
            self.loaded.emit()

    def status(self, text: str) -> None:
        self.ctx.status.emit(text)


class Working:
    """One piece of work at a time on a page: a window-modal "working…" dialog, and the
    page's result notice (what the exchange and consolidation pages share).

    ``changed`` runs when the page becomes busy or idle again (the page enables its buttons).
    """

    def __init__(self, page: Page, title: str, notice: QLabel, changed: Callable[[], None]):
        self.page = page
        self.title = title
        self.notice = notice
        self.changed = changed
        self.dialog: QProgressDialog | None = None

    @property
    def busy(self) -> bool:
        return self.dialog is not None

    def start(self, text: str) -> None:
        # No cancel button: a few seconds at most; stopping halfway gains nothing.
        self.dialog = busy_dialog(self.page, self.title, text)
        self.changed()
        self.page.status(text)

    def finish(self) -> None:
        dialog, self.dialog = self.dialog, None
        dismiss(dialog)
        self.changed()

    def show_result(self, text: str, state: str) -> None:
        show_notice(self.notice, text, state)

    def failed(self, message: str) -> None:
        """The work stopped: the message in the notice and in the shell's error dialog."""
        self.finish()
        self.show_result(message, "error")
        self.page.ctx.error.emit(message)


def page_layout(page: QWidget, title: str, subtitle: str = "") -> tuple[QVBoxLayout, QLabel]:
    """The page's outer layout with its title; returns (layout, subtitle label)."""
    layout = QVBoxLayout(page)
    layout.setContentsMargins(20, 14, 20, 12)
    layout.setSpacing(8)
    heading = QLabel(title, page)
    heading.setObjectName("pageTitle")
    sub = QLabel(subtitle, page)
    sub.setObjectName("hint")
    sub.setWordWrap(True)
    layout.addWidget(heading)
    layout.addWidget(sub)
    return layout, sub


def section_title(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    label.setObjectName("sectionTitle")
    return label


def notice(text: str, state: str = "", parent: QWidget | None = None) -> QLabel:
    """A tinted message box (yellow by default; ``state`` "ok" or "error")."""
    label = QLabel(text, parent)
    label.setObjectName("notice")
    label.setWordWrap(True)
    if state:
        label.setProperty("state", state)
    return label


def set_notice_state(label: QLabel, state: str) -> None:
    if label.property("state") != state:
        label.setProperty("state", state)
        style.restyle(label)


def show_notice(label: QLabel, text: str, state: str) -> None:
    """Put ``text`` in a notice, tinted for ``state``, and show it."""
    label.setText(text)
    set_notice_state(label, state)
    label.show()


class StatCard(QFrame):
    """A big number with a caption: "3 · compromisos vencidos"."""

    def __init__(self, caption: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("statCard")
        self.setStyleSheet(
            f"QFrame#statCard {{ background: #ffffff; border: 1px solid {style.BORDER}; border-radius: 6px; }}"
            "QFrame#statCard QLabel { border: none; background: transparent; }"
        )
        self.value = QLabel("—", self)
        font = QFont(self.font())
        font.setPointSize(20)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption, self)
        self.caption.setWordWrap(True)
        self.detail = QLabel("", self)
        self.detail.setObjectName("hint")
        self.detail.setWordWrap(True)
        layout = self.box = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.setSpacing(2)
        layout.addWidget(self.value)
        layout.addWidget(self.caption)
        layout.addWidget(self.detail)
        layout.addStretch(1)

    def show_value(self, value: str, detail: str = "", tone: str = "neutral") -> None:
        self.value.setText(value)
        self.value.setStyleSheet(f"color: {TONES.get(tone, TONES['neutral'])[0]};")
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))


# --- tables ------------------------------------------------------------------------------------


def make_table(
    headers: Sequence[str],
    parent: QWidget | None = None,
    *,
    stretch: int | None = None,
    widths: dict[int, int] | None = None,
) -> QTableWidget:
    """A read-only, row-selecting table whose ``stretch`` column takes the spare width.

    Columns in ``widths`` get that starting width (the person can drag it) and wrap their
    text; the others fit their contents. Rows grow to show wrapped text.
    """
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setAlternatingRowColors(True)
    table.setWordWrap(True)
    table.verticalHeader().setVisible(False)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setHighlightSections(False)
    if stretch is not None:
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    for column, width in (widths or {}).items():
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(column, width)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    # Wrapped cells need their row heights again whenever a column changes width; once the
    # layout has settled (one timer for all the columns that moved), not once per column.
    settle = QTimer(table)
    settle.setSingleShot(True)
    settle.setInterval(0)
    settle.timeout.connect(table.resizeRowsToContents)
    header.sectionResized.connect(lambda *_args: settle.start())
    return table


def fill_row(
    table: QTableWidget,
    row: int,
    values: Iterable[str],
    *,
    key=None,
    tone: str | None = None,
    bold: bool = False,
    tooltips: Sequence[str] | None = None,
) -> None:
    """Write one row; ``key`` goes in the first cell's UserRole, ``tone`` tints the row."""
    fg, bg = TONES.get(tone, (None, None)) if tone else (None, None)
    for column, text in enumerate(values):
        item = QTableWidgetItem(text)
        if column == 0 and key is not None:
            item.setData(ROW_ID, key)
        if fg and tone not in ("neutral",):
            item.setForeground(QBrush(QColor(fg)))
        if bg:
            item.setBackground(QBrush(QColor(bg)))
        if bold:
            font = item.font()
            font.setBold(True)
            item.setFont(font)
        if tooltips and column < len(tooltips) and tooltips[column]:
            item.setToolTip(tooltips[column])
        table.setItem(row, column, item)


def tone_cell(item: QTableWidgetItem | None, tone: str, *, bold: bool = True) -> None:
    """Colour one cell (a status) in its tone's text and tint colours."""
    if item is None:
        return
    fg, bg = TONES.get(tone, TONES["neutral"])
    item.setForeground(QBrush(QColor(fg)))
    if bg:
        item.setBackground(QBrush(QColor(bg)))
    if bold:
        font = QFont(item.font())
        font.setBold(True)
        item.setFont(font)


def selected_key(table: QTableWidget):
    rows = table.selectionModel().selectedRows() if table.selectionModel() else []
    if not rows:
        return None
    item = table.item(rows[0].row(), 0)
    return item.data(ROW_ID) if item else None


def select_key(table: QTableWidget, key) -> bool:
    for row in range(table.rowCount()):
        item = table.item(row, 0)
        if item is not None and item.data(ROW_ID) == key:
            table.selectRow(row)
            return True
    return False


def keys_in(table: QTableWidget) -> list:
    return [item.data(ROW_ID) for r in range(table.rowCount()) if (item := table.item(r, 0))]


# --- dialogs: the seams tests replace ---------------------------------------------------------


def button_box(dialog: QDialog, ok_text: str = "Guardar", cancel_text: str = "Cancelar") -> QDialogButtonBox:
    """OK / Cancel with Spanish words even when Qt's translations are missing."""
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.button(QDialogButtonBox.StandardButton.Cancel).setText(cancel_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def run_dialog(dialog: QDialog) -> bool:
    """Show a modal dialog; True when the person accepted it."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def confirm(parent: QWidget | None, title: str, text: str, yes: str, *, detail: str = "") -> bool:
    from ui.widgets.dialogs import confirm as ask

    return ask(parent, title, text, yes, detail=detail)


def busy_dialog(parent: QWidget, title: str, text: str) -> QProgressDialog:
    """A window-modal "working…" dialog with no cancel button, shown once the work takes 300 ms."""
    dialog = QProgressDialog(text, "", 0, 0, parent)
    dialog.setWindowTitle(title)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(300)
    return dialog


def dismiss(dialog: QDialog | None) -> None:
    """Close a progress or message dialog, if there is one, and delete it."""
    if dialog is not None:
        dialog.close()
        dialog.deleteLater()


def open_file(parent: QWidget | None, title: str, filters: str, folder: str = "") -> str | None:
    path, _ = QFileDialog.getOpenFileName(parent, title, folder, filters)
    return path or None


def save_file(parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, filters)
    return path or None

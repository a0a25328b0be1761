"""Informe periódico (guideline 2.6 e): the reports of the mesa, one draft edited section by
section, issued (frozen, numbered, its PDF hashed) and marked sent to the ministry.

The period's data (sessions, commitments due in it, articulations, cases) come from the store
through ``operations.periodic_reports``; the texts are the focal point's, pre-filled with a
short factual draft when a report is created.
"""

from __future__ import annotations

import uuid
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mesa_desktop import clock
from mesa_desktop.documents.data import PeriodicReportData
from mesa_desktop.operations import periodic_reports as ops
from mesa_desktop.operations.periodic_reports import PeriodicView
from mesa_desktop.services.periodic_reports import FREQUENCY_LABELS, TEXT_FIELDS, ReportInfo
from mesa_desktop.vocabulary import CommitmentState
from ui.pages import page_kit as kit

SECTIONS = {
    "progress": "Avances",
    "challenges": "Desafíos",
    "opportunities": "Oportunidades",
    "articulations": "Articulaciones requeridas",
    "psychosocial": "Estrategia psicosocial",
}
HINTS = {
    "progress": "Principales avances en el cumplimiento de las metas del Plan de atención.",
    "challenges": "Desafíos y dificultades del periodo.",
    "opportunities": "Oportunidades para avanzar en la implementación.",
    "articulations": "Articulaciones requeridas con otros actores (cooperación, EAPB, IPS, Migración…).",
    "psychosocial": "Avance de la Estrategia de Acompañamiento Psicosocial en el territorio.",
}
TONES = {"draft": "pending", "issued": "late", "sent": "ok"}
SHORT_STATUS = {"draft": "Borrador", "issued": "Emitido", "sent": "Enviado"}


FREQUENCY_WARNING = (
    "Cumplimiento aplica la periodicidad a todo el año, también a los periodos que ya pasaron: "
    "los periodos vencidos que no tengan un informe de la nueva periodicidad aparecerán como "
    "incumplidos. Si puede, cambie la periodicidad al comenzar el año, después de enviar el "
    "último informe del año anterior."
)


class PeriodicReportPage(kit.Page):
    """The list of reports on the left; the selected one, its period's data and texts, on the right."""

    TOPICS = ("periodic_reports", "sessions", "commitments", "cases", "plan", "mesa")
    HEADERS = ("Periodo", "Número", "Estado")

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.view: PeriodicView | None = None
        self._select_next: uuid.UUID | None = None
        self._dirty = False
        self._shown: ReportInfo | None = None  # the report the editors hold
        layout, self.subtitle = kit.page_layout(self, "Informe periódico")

        top = QHBoxLayout()
        top.addWidget(QLabel("Periodicidad de la mesa:", self))
        self.frequency = QComboBox(self)
        for key, label in FREQUENCY_LABELS.items():
            self.frequency.addItem(label, key)
        self.frequency.setToolTip(FREQUENCY_WARNING)
        top.addWidget(self.frequency)
        top.addSpacing(24)
        top.addWidget(QLabel("Nuevo informe del", self))
        self.new_start = kit.date_edit(clock.today(), self)
        top.addWidget(self.new_start)
        top.addWidget(QLabel("al", self))
        self.new_end = kit.date_edit(clock.today(), self)
        top.addWidget(self.new_end)
        self.new_button = QPushButton("Crear borrador", self)
        self.new_button.setObjectName("primary")
        top.addWidget(self.new_button)
        top.addStretch(1)
        layout.addLayout(top)

        splitter = QSplitter(self)
        layout.addWidget(splitter, 1)
        self.table = kit.make_table(self.HEADERS, splitter, stretch=0)
        self.table.setMaximumWidth(460)
        self.table.setMinimumWidth(400)
        splitter.addWidget(self.table)

        editor = QWidget(splitter)
        column = QVBoxLayout(editor)
        column.setContentsMargins(8, 0, 0, 0)
        self.state_notice = kit.notice("", "", editor)
        column.addWidget(self.state_notice)
        period_box = QGroupBox("Periodo y datos del informe", editor)
        grid = QGridLayout(period_box)
        self.start = kit.date_edit(clock.today(), period_box)
        self.end = kit.date_edit(clock.today(), period_box)
        grid.addWidget(QLabel("Del", period_box), 0, 0)
        grid.addWidget(self.start, 0, 1)
        grid.addWidget(QLabel("al", period_box), 0, 2)
        grid.addWidget(self.end, 0, 3)
        grid.setColumnStretch(4, 1)
        self.sent_label = QLabel("Enviado el", period_box)
        self.sent_on = kit.date_edit(clock.today(), period_box)
        self.sent_button = QPushButton("Marcar enviado al Ministerio", period_box)
        sent_row = QHBoxLayout()
        sent_row.addWidget(self.sent_label)
        sent_row.addWidget(self.sent_on)
        sent_row.addWidget(self.sent_button)
        sent_row.addStretch(1)
        grid.addLayout(sent_row, 1, 0, 1, 5)
        self.facts = QLabel("", period_box)
        self.facts.setWordWrap(True)
        self.facts.setObjectName("hint")
        grid.addWidget(self.facts, 2, 0, 1, 5)
        column.addWidget(period_box)

        self.tabs = QTabWidget(editor)
        self.editors: dict[str, QPlainTextEdit] = {}
        for name in TEXT_FIELDS:
            box = QPlainTextEdit(self.tabs)
            box.setPlaceholderText(HINTS[name])
            box.textChanged.connect(self._edited)
            self.editors[name] = box
            self.tabs.addTab(box, SECTIONS[name])
        column.addWidget(self.tabs, 1)

        buttons = QHBoxLayout()
        self.refill_button = QPushButton("Rellenar vacías", editor)
        self.refill_button.setToolTip(
            "Reemplaza las secciones vacías por un borrador tomado de los datos del periodo."
        )
        self.save_button = QPushButton("Guardar borrador", editor)
        self.delete_button = QPushButton("Eliminar", editor)
        self.pdf_button = QPushButton("Guardar PDF…", editor)
        self.issue_button = QPushButton("Emitir…", editor)
        self.issue_button.setObjectName("primary")
        widgets: tuple[QWidget, ...] = (self.refill_button, self.save_button, self.delete_button)
        for widget in widgets:
            buttons.addWidget(widget)
        buttons.addStretch(1)
        widgets = (self.pdf_button, self.issue_button)
        for widget in widgets:
            buttons.addWidget(widget)
        column.addLayout(buttons)
        splitter.addWidget(editor)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([400, 700])

        self.frequency.activated.connect(self._frequency_chosen)
        self.new_button.clicked.connect(self.new_report)
        self.table.itemSelectionChanged.connect(self._selected)
        self.start.dateChanged.connect(lambda _d: self._edited())
        self.end.dateChanged.connect(lambda _d: self._edited())
        self.refill_button.clicked.connect(self.refill)
        self.save_button.clicked.connect(self.save)
        self.delete_button.clicked.connect(self.delete)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.issue_button.clicked.connect(self.issue)
        self.sent_button.clicked.connect(self.mark_sent)
        self._show(None)

    # -- loading ---------------------------------------------------------------------------------
    def load(self) -> None:
        self.ctx.call(ops.periodic_view, done=self._loaded)

    def _loaded(self, view: PeriodicView) -> None:
        self.view = view
        self.frequency.setCurrentIndex(max(self.frequency.findData(view.frequency), 0))
        self.new_start.setDate(kit.to_qdate(view.suggested_start))
        self.new_end.setDate(kit.to_qdate(view.suggested_end))
        issued = [r for r in view.reports if not r.editable]
        self.subtitle.setText(
            f"{kit.plural(len(view.reports), 'informe', 'informes')}, {len(issued)} emitidos. La secretaría "
            "técnica informa los avances, desafíos, oportunidades y articulaciones requeridas para el Plan "
            f"de atención y la Estrategia de Acompañamiento Psicosocial (numeral 2.6 e). Periodicidad: "
            f"{FREQUENCY_LABELS[view.frequency].lower()}."
        )
        selected = self._select_next or kit.selected_key(self.table)
        self._select_next = None
        self.table.blockSignals(True)
        self.table.setRowCount(len(view.reports))
        for row, report in enumerate(view.reports):
            kit.fill_row(
                self.table,
                row,
                (
                    f"{kit.short_day(report.period_start)} – {kit.short_day(report.period_end)}",
                    report.number or "—",
                    SHORT_STATUS[report.status],
                ),
                key=report.id,
                tooltips=(
                    "",
                    "",
                    f"Enviado al Ministerio el {kit.long_day(report.sent_on)}"
                    if report.sent_on
                    else report.status_label,
                ),
            )
            kit.tone_cell(self.table.item(row, 2), TONES[report.status])
        self.table.blockSignals(False)
        if selected is None or not kit.select_key(self.table, selected):
            if view.reports:
                self.table.selectRow(0)
        self._selected()
        self.mark_loaded()

    # -- selection ---------------------------------------------------------------------------------
    def current(self) -> ReportInfo | None:
        if self.view is None:
            return None
        key = kit.selected_key(self.table)
        return next((r for r in self.view.reports if r.id == key), None)

    def _selected(self) -> None:
        self.flush()  # edits of the report shown before belong to it
        self._show(self.current())

    def _show(self, report: ReportInfo | None) -> None:
        self._shown = report
        editable = report is not None and report.editable
        for name, box in self.editors.items():
            box.blockSignals(True)
            box.setPlainText(getattr(report, name) if report else "")
            box.setReadOnly(not editable)
            box.blockSignals(False)
        for day in (self.start, self.end):
            day.blockSignals(True)
        if report is not None:
            self.start.setDate(kit.to_qdate(report.period_start))
            self.end.setDate(kit.to_qdate(report.period_end))
        for day in (self.start, self.end):
            day.setEnabled(editable)
            day.blockSignals(False)
        self._dirty = False
        for button in (self.refill_button, self.save_button, self.delete_button, self.issue_button):
            button.setEnabled(editable)
        self.pdf_button.setEnabled(report is not None)
        self.pdf_button.setText("Vista previa PDF…" if editable else "Guardar PDF…")
        for widget in (self.sent_label, self.sent_on, self.sent_button):
            widget.setVisible(report is not None and report.status == "issued")
        self.sent_button.setEnabled(report is not None and report.status == "issued")
        self.sent_on.setEnabled(report is not None and report.status == "issued")
        if report is not None and report.issued_on is not None:
            self.sent_on.setMinimumDate(kit.to_qdate(report.issued_on))
            # Sent on a day that has come: not before the issue, not after today.
            self.sent_on.setMaximumDate(kit.to_qdate(max(report.issued_on, clock.today())))
            self.sent_on.setDate(kit.to_qdate(report.sent_on or max(report.issued_on, clock.today())))
        if report is None:
            kit.show_notice(
                self.state_notice,
                "Aún no hay informes. Elija el periodo arriba y pulse «Crear borrador»: las secciones se "
                "rellenan con un borrador tomado de los datos del periodo.",
                "",
            )
            self.facts.setText("")
            return
        if report.status == "draft":
            kit.show_notice(
                self.state_notice,
                "Borrador: edite las secciones y guárdelo. Al emitirlo recibe número, se congela y se "
                "conserva su PDF con su huella SHA-256.",
                "pending",
            )
        else:
            sent = f" Enviado al Ministerio el {kit.long_day(report.sent_on)}." if report.sent_on else ""
            kit.show_notice(
                self.state_notice,
                f"Informe {report.number} emitido el {kit.long_day(report.issued_on)}: no se puede modificar."
                f"{sent} Huella SHA-256 del PDF: {report.pdf_sha256}",
                "ok" if report.sent_on else "late",
            )
        self._load_facts(report.period_start, report.period_end)

    def _load_facts(self, start: date, end: date) -> None:
        if end < start:
            self.facts.setText("La fecha final del periodo es anterior a la inicial.")
            return
        self.ctx.call(ops.preview, start, end, done=self._show_facts)

    def _show_facts(self, data: PeriodicReportData) -> None:
        held = [s for s in data.sessions if not s.cancelled]
        states = [c.status for c in data.commitments]
        cases = sum(c.total for c in data.cases)
        progress = data.effective_progress
        self.facts.setText(
            f"{kit.plural(len(held), 'sesión realizada', 'sesiones realizadas')} "
            f"({sum(1 for s in held if s.quorum and s.quorum.met)} con quórum) · "
            f"{kit.plural(len(states), 'compromiso vence', 'compromisos vencen')} en el periodo: "
            f"{kit.plural(states.count(CommitmentState.DONE), 'cumplido', 'cumplidos')}, "
            f"{kit.plural(states.count(CommitmentState.OVERDUE), 'vencido', 'vencidos')} · "
            f"plan de acción: {'sin plan' if progress is None else f'{progress:.0f} %'} al cierre · "
            f"{kit.plural(len(data.articulations), 'actor invitado asistió', 'actores invitados asistieron')} · "
            f"{kit.plural(cases, 'caso remitido', 'casos remitidos')}."
        )

    # -- actions ------------------------------------------------------------------------------------
    def _edited(self) -> None:
        report = self._shown
        if report is not None and report.editable:
            self._dirty = True

    def _texts(self) -> dict[str, str]:
        return {name: box.toPlainText() for name, box in self.editors.items()}

    def _period(self) -> tuple[date, date]:
        return kit.from_qdate(self.start.date()), kit.from_qdate(self.end.date())

    def flush(self) -> None:
        """Save the draft's pending edits (the window closes or the store changes)."""
        if self._dirty:
            self.save()

    def _frequency_chosen(self, _index: int) -> None:
        value = self.frequency.currentData()
        if self.view is not None and value != self.view.frequency:
            # The store keeps one frequency, not since when: compliance applies it to the whole year.
            if not kit.confirm(
                self,
                "Cambiar la periodicidad",
                f"¿Cambiar la periodicidad del informe a {FREQUENCY_LABELS[value].lower()}?",
                "Cambiar",
                detail=FREQUENCY_WARNING,
            ):
                self.frequency.setCurrentIndex(max(self.frequency.findData(self.view.frequency), 0))
                return
            self.ctx.call(
                ops.set_frequency,
                value,
                done=lambda v: self.status(f"Periodicidad del informe: {FREQUENCY_LABELS[v].lower()}."),
            )

    def new_report(self) -> None:
        self.flush()
        start, end = kit.from_qdate(self.new_start.date()), kit.from_qdate(self.new_end.date())
        self.ctx.call(ops.new_draft, start, end, done=self._created)

    def _created(self, report: ReportInfo) -> None:
        self._select_next = report.id
        self.status("Borrador del informe periódico creado con los datos del periodo.")

    def refill(self) -> None:
        start, end = self._period()
        self.ctx.call(ops.drafts, start, end, done=self._refilled)

    def _refilled(self, drafts: dict[str, str]) -> None:
        for name, text in drafts.items():
            box = self.editors[name]
            if text and not box.toPlainText().strip():
                box.setPlainText(text)

    def save(self) -> None:
        report = self._shown
        if report is None or not report.editable:
            return
        start, end = self._period()
        self._dirty = False
        self._select_next = self._select_next or kit.selected_key(self.table)
        self.ctx.call(
            ops.save_draft,
            report.id,
            start,
            end,
            self._texts(),
            done=lambda _r: self.status("Borrador guardado."),
        )

    def delete(self) -> None:
        report = self.current()
        if report is None or not report.editable:
            return
        if not kit.confirm(self, "Eliminar borrador", "¿Eliminar este borrador del informe?", "Eliminar"):
            return
        self._dirty = False
        self.ctx.call(ops.delete_draft, report.id, done=lambda _v: self.status("Borrador eliminado."))

    def issue(self) -> None:
        report = self.current()
        if report is None or not report.editable:
            return
        if not kit.confirm(
            self,
            "Emitir informe periódico",
            "Al emitirlo, el informe recibe número, su contenido y su PDF quedan congelados y ya no se "
            "puede modificar.",
            "Emitir",
        ):
            return
        start, end = self._period()
        self._dirty = False
        self._select_next = report.id
        # Save what is on screen first; the same database thread then issues it.
        self.ctx.call(ops.save_draft, report.id, start, end, self._texts())
        self.ctx.call(ops.issue, report.id, done=lambda r: self.status(f"Informe {r.number} emitido."))

    def mark_sent(self) -> None:
        report = self.current()
        if report is None or report.status != "issued":
            return
        self._select_next = report.id
        self.ctx.call(
            ops.mark_sent,
            report.id,
            kit.from_qdate(self.sent_on.date()),
            done=lambda r: self.status(f"Informe {r.number} marcado como enviado al Ministerio."),
        )

    def save_pdf(self) -> None:
        report = self.current()
        if report is None:
            return
        self.flush()
        name = report.number or f"borrador-{report.period_start.isoformat()}"
        target = kit.save_file(
            self, "Guardar informe periódico", f"informe-periodico-{name}.pdf", "PDF (*.pdf)"
        )
        if target:
            self.ctx.call(
                ops.save_pdf, report.id, target, done=lambda path: self.status(f"PDF guardado en {path}.")
            )

"""The acta of a session: pre-filled from the session, written during or after it, approved, locked.

Attendance, absent dependencies and the quorum at the opening come from the live
attendance. The development of each agenda item is typed here and saves itself (a short
debounce and on focus-out). Decisions record the quorum at that moment; commitments say who,
what and by when. Approval (normally in the next session) freezes the content with its
SHA-256: every editor turns read-only and only a correction (a new version) can follow.
"""

from __future__ import annotations

import tempfile
import uuid
from datetime import timedelta
from html import escape
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from mesa_desktop import clock
from mesa_desktop.operations import actas as ops
from mesa_desktop.operations import commitments as commitment_ops
from mesa_desktop.operations import sessions as session_ops
from mesa_desktop.operations.actas import ActaView
from mesa_desktop.services import acta_signing, actas, commitments, document_data, sessions
from ui.pages import page_kit as kit
from ui.pages.acta.dialogs import ApproveDialog, CorrectionDialog, SignDialog
from ui.pages.acta.preview import quorum_text, summary_html
from ui.pages.acta.session import SessionRecord
from ui.widgets import dialogs, files
from ui.widgets import format as fmt
from ui.widgets.autosave import AutosaveLine, AutosaveText
from ui.widgets.banner import Banner
from ui.widgets.clock_edit import ClockEdit
from ui.widgets.session_picker import SessionPicker


class ActaPage(kit.Page):
    # "sessions" (and "mesa", "store") reload the session list too; the rest only the acta.
    TOPICS = ("sessions",)
    ACTA_TOPICS = ("actas", "attendance", "commitments", "members")

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.view: ActaView | None = None
        self.dialog = None
        self.editors: dict[uuid.UUID, AutosaveText] = {}
        self.last_pdf: Path | None = None
        self._agenda_key: tuple | None = None
        self._build()
        self.picker.session_changed.connect(self._on_session)

    # -- layout ---------------------------------------------------------------------------------
    def _build(self) -> None:
        title = QLabel("Acta")
        title.setObjectName("pageTitle")
        self.picker = SessionPicker(self.ctx, self)
        top = QHBoxLayout()
        top.addWidget(title)
        top.addSpacing(12)
        top.addWidget(QLabel("Sesión:"))
        top.addWidget(self.picker, 1)
        self.banner = Banner(self, headline_pt=14, detail_pt=10)
        self.banner.show_message("Sin sesión seleccionada", "", "neutral")
        # Guideline: an acta is approved at the next session ("lectura y aprobación del acta anterior").
        self.previous_notice = QLabel("")
        self.previous_notice.setObjectName("notice")
        self.previous_notice.setWordWrap(True)
        self.approve_previous_button = QPushButton("Aprobar el acta anterior en esta sesión…")
        self.approve_previous_button.clicked.connect(self.approve_previous)
        previous_row = QHBoxLayout()
        previous_row.addWidget(self.previous_notice, 1)
        previous_row.addWidget(self.approve_previous_button)
        self.previous_box = QWidget(self)
        self.previous_box.setLayout(previous_row)
        previous_row.setContentsMargins(0, 0, 0, 0)
        self.previous_box.hide()

        self.tabs = QTabWidget(self)
        self.summary = QTextBrowser(self)
        self.summary.setOpenExternalLinks(False)
        self.tabs.addTab(self.summary, "Asistencia y quórum")
        self.record = SessionRecord(self.ctx, self)
        self.tabs.addTab(self.record, "Sesión")
        self.tabs.addTab(self._build_development(), "Desarrollo")
        self.tabs.addTab(self._build_decisions(), "Decisiones")
        self.tabs.addTab(self._build_commitments(), "Compromisos")

        self.preview_button = QPushButton("Vista previa (PDF)")
        self.preview_button.clicked.connect(self.preview_pdf)
        self.save_button = QPushButton("Guardar PDF…")
        self.save_button.clicked.connect(self.save_pdf)
        self.approve_button = QPushButton("Aprobar acta…")
        self.approve_button.setObjectName("primary")
        self.approve_button.clicked.connect(self.open_approve)
        self.correct_button = QPushButton("Crear corrección…")
        self.correct_button.clicked.connect(self.open_correction)
        self.sign_button = QPushButton("Firmar PDF…")
        self.sign_button.setToolTip("Guardar el acta aprobada con firma digital (PAdES).")
        self.sign_button.clicked.connect(self.open_sign)
        self.saved_label = QLabel("")
        self.saved_label.setObjectName("hint")
        bottom = QHBoxLayout()
        bottom.addWidget(self.saved_label, 1)
        for button in (
            self.preview_button,
            self.save_button,
            self.sign_button,
            self.correct_button,
            self.approve_button,
        ):
            bottom.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 10)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.previous_box)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self._set_enabled(False)

    def _build_development(self) -> QWidget:
        self.development_box = QWidget()
        self.development_layout = QVBoxLayout(self.development_box)
        self.development_layout.setContentsMargins(4, 4, 4, 4)
        self.opening_notes = AutosaveText()
        self.opening_notes.setPlaceholderText("Notas de apertura (opcional)")
        self.opening_notes.setMaximumHeight(70)
        self.opening_notes.save_requested.connect(lambda text: self._save_draft(opening_notes=text))
        self.closing_notes = AutosaveText()
        self.closing_notes.setPlaceholderText("Notas de cierre (opcional)")
        self.closing_notes.setMaximumHeight(70)
        self.closing_notes.save_requested.connect(lambda text: self._save_draft(closing_notes=text))
        self.next_note = AutosaveLine()
        self.next_note.setPlaceholderText("Próxima sesión: fecha prevista, lugar u otras indicaciones")
        self.next_note.save_requested.connect(lambda text: self._save_draft(next_session_note=text))
        self.items_box = QWidget()
        self.items_layout = QVBoxLayout(self.items_box)
        self.items_layout.setContentsMargins(0, 0, 0, 0)
        self.development_layout.addWidget(QLabel("<b>Apertura</b>"))
        self.development_layout.addWidget(self.opening_notes)
        self.development_layout.addWidget(self.items_box)
        self.development_layout.addWidget(QLabel("<b>Cierre</b>"))
        self.development_layout.addWidget(self.closing_notes)
        self.development_layout.addWidget(self.next_note)
        self.development_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.development_box)
        return scroll

    def _build_decisions(self) -> QWidget:
        box = QWidget()
        self.decisions = kit.make_table(
            ["Decisión", "Punto", "Hora", "Quórum en ese momento", "Votación"], stretch=0
        )
        self.decision_text = QLineEdit()
        self.decision_text.setPlaceholderText("Texto de la decisión, p. ej. «Se aprueba el plan de acción»")
        self.decision_item = QComboBox()
        self.votes_for, self.votes_against, self.abstentions = (_votes() for _ in range(3))
        self.decision_at = ClockEdit(follow_now=True)
        self.decision_at.setAccessibleName("Hora en que se tomó la decisión")
        self.decision_at.timeChanged.connect(lambda _t: self._show_quorum_at())
        self.decision_quorum = QLabel("")
        self.decision_quorum.setObjectName("hint")
        self.without_quorum = QCheckBox(
            "Registrarla aunque no haya quórum (el acta dirá «sin quórum: no es válida»)"
        )
        self.decision_button = QPushButton("Registrar decisión")
        self.decision_button.setObjectName("primary")
        self.decision_button.clicked.connect(self.add_decision)
        self.decision_text.returnPressed.connect(self.add_decision)
        votes = QHBoxLayout()
        for label, spin in (
            ("A favor", self.votes_for),
            ("En contra", self.votes_against),
            ("Abstenciones", self.abstentions),
        ):
            votes.addWidget(QLabel(label))
            votes.addWidget(spin)
        votes.addStretch(1)
        votes.addWidget(self.decision_button)
        form = QFormLayout()
        form.addRow("Decisión:", self.decision_text)
        form.addRow("Punto del orden del día:", self.decision_item)
        when = QHBoxLayout()
        when.addWidget(self.decision_at)
        when.addWidget(self.decision_quorum, 1)
        form.addRow("Hora de la decisión:", when)
        form.addRow("Votación (opcional):", votes)
        form.addRow("", self.without_quorum)
        hint = QLabel(
            "Se guarda el quórum de la hora indicada, como lo exige el acta. Votan las delegaciones "
            "integrantes presentes, una vez cada una; los invitados tienen voz, no voto."
        )
        hint.setWordWrap(True)
        hint.setObjectName("hint")
        layout = QVBoxLayout(box)
        layout.addWidget(self.decisions, 1)
        layout.addLayout(form)
        layout.addWidget(hint)
        return box

    def _build_commitments(self) -> QWidget:
        box = QWidget()
        self.commitments = kit.make_table(["Compromiso", "Responsable", "Fecha límite", "Estado"], stretch=0)
        self.commitment_text = QLineEdit()
        self.commitment_text.setPlaceholderText("Qué se hará")
        self.responsible = QComboBox()
        self.responsible_person = QLineEdit()
        self.responsible_person.setPlaceholderText("Persona responsable (opcional)")
        # Colombia's date, not the computer's: they differ in the evening.
        self.due = QDateEdit(kit.to_qdate(clock.today() + timedelta(days=30)))
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("dd/MM/yyyy")
        self.commitment_button = QPushButton("Agregar compromiso")
        self.commitment_button.setObjectName("primary")
        self.commitment_button.clicked.connect(self.add_commitment)
        self.commitment_text.returnPressed.connect(self.add_commitment)
        who = QHBoxLayout()
        who.addWidget(self.responsible, 2)
        who.addWidget(self.responsible_person, 1)
        when = QHBoxLayout()
        when.addWidget(self.due)
        when.addStretch(1)
        when.addWidget(self.commitment_button)
        form = QFormLayout()
        form.addRow("Compromiso:", self.commitment_text)
        form.addRow("Responsable:", who)
        form.addRow("Fecha límite:", when)
        layout = QVBoxLayout(box)
        layout.addWidget(self.commitments, 1)
        layout.addLayout(form)
        return box

    # -- page protocol ----------------------------------------------------------------------------
    def load(self) -> None:
        self.picker.reload()  # re-announces the session, whose acta then reloads

    def open_item(self, session_id) -> None:
        self.picker.select(session_id)

    def _text_editors(self) -> list[AutosaveText | AutosaveLine]:
        return [*self.editors.values(), self.opening_notes, self.closing_notes, self.next_note]

    def flush(self) -> None:
        """Save whatever is typed (leaving the page, closing the window)."""
        for editor in self._text_editors():
            editor.flush()
        self.record.flush()

    def topic_changed(self, topic: str) -> None:
        if topic in self.ACTA_TOPICS:
            if self.view is not None:
                self.when_shown("acta", self._reload)
        else:
            super().topic_changed(topic)

    def _reload(self) -> None:
        # The session on screen already has its acta: read it again, write nothing.
        if self.view is not None:
            self.ctx.call(ops.acta_view, self.view.session.id, done=self._show)

    def _on_session(self, session) -> None:
        self.flush()
        if session is None:
            self.view = None
            self.banner.show_message("Sin sesión seleccionada", "Cree una sesión en «Sesiones».", "neutral")
            self._set_enabled(False)
            self.mark_loaded()
            return
        if session.status == "cancelled":
            self.view = None
            self.banner.show_message(f"La sesión {session.number} fue cancelada", "No tiene acta.", "neutral")
            self._set_enabled(False)
            self.mark_loaded()
            return
        self._load(session.id)

    def _load(self, session_id: uuid.UUID) -> None:
        # Opening an acta writes its first draft; then one read of all the screen shows.
        self.ctx.call(
            ops.ensure_draft,
            session_id,
            done=lambda _acta: self.ctx.call(ops.acta_view, session_id, done=self._show),
        )

    # -- showing -------------------------------------------------------------------------------------
    def _show(self, view: ActaView) -> None:
        self.view = view
        acta = view.acta
        locked = acta.locked
        version = f" (versión {acta.version})" if acta.version > 1 else ""
        if locked:
            self.banner.show_message(
                f"Acta {acta.number}{version} aprobada y bloqueada",
                f"Aprobada en la sesión {acta.approved_in_session}. SHA-256 {acta.content_sha256}",
                "locked",
            )
        else:
            detail = "Lo que escribe se guarda solo. Apruébela en la sesión siguiente para bloquearla."
            if acta.supersedes_id:
                detail = "Corrección de un acta aprobada. " + detail
            self.banner.show_message(f"Borrador del acta {acta.number}{version}", detail, "neutral")
        self._show_previous(view)
        self.record.show_view(view, editable=not locked and sessions.is_editable(view.session.status))
        self.summary.setHtml(summary_html(view))
        self._show_development(view)
        self._show_decisions(view)
        self._show_quorum_at()
        self._show_commitments(view)
        self._set_enabled(True)
        self.mark_loaded()

    def _set_enabled(self, has_acta: bool) -> None:
        view = self.view
        locked = bool(view and view.acta.locked)
        editable = has_acta and not locked
        # Agenda items belong to the session: once its acta was approved they stay as approved.
        session_open = editable and view is not None and sessions.is_editable(view.session.status)
        for editor in self.editors.values():
            editor.setReadOnly(not session_open)
        for note in (self.opening_notes, self.closing_notes):
            note.setReadOnly(not editable)
        self.next_note.setReadOnly(not editable)
        for widget in (
            self.decision_text,
            self.decision_item,
            self.votes_for,
            self.votes_against,
            self.abstentions,
            self.decision_at,
            self.without_quorum,
            self.decision_button,
            self.commitment_text,
            self.responsible,
            self.responsible_person,
            self.due,
            self.commitment_button,
        ):
            widget.setEnabled(editable)
        self.approve_button.setEnabled(editable)
        self.correct_button.setEnabled(has_acta and locked)
        self.sign_button.setEnabled(has_acta and locked)
        self.preview_button.setEnabled(has_acta)
        self.save_button.setEnabled(has_acta)

    def _show_previous(self, view: ActaView) -> None:
        if view.pending is None or view.session.status == "cancelled":
            self.previous_box.hide()
            return
        before = view.pending.session
        self.previous_notice.setText(
            f"El acta {before.number} de la sesión anterior ({fmt.day(before.date)}) sigue en borrador. "
            "Si la mesa la aprobó en esta sesión, regístrelo aquí."
        )
        self.previous_box.show()

    def _show_development(self, view: ActaView) -> None:
        acta = view.acta
        key = (view.session.id, acta.id, tuple((i.id, i.title) for i in view.session.agenda))
        if key != self._agenda_key:
            self._agenda_key = key
            while self.items_layout.count():
                taken = self.items_layout.takeAt(0)
                widget = taken.widget() if taken is not None else None
                if widget is not None:
                    widget.deleteLater()
            self.editors.clear()
            for item in view.session.agenda:
                label = QLabel(f"<b>{item.position}. {escape(item.title)}</b>")
                label.setWordWrap(True)
                editor = AutosaveText(item.development or "")
                editor.setPlaceholderText("Lo tratado en este punto…")
                editor.setMinimumHeight(84)
                editor.setMaximumHeight(120)  # several items in view; each scrolls if long
                editor.save_requested.connect(
                    lambda text, item_id=item.id: self._save_development(item_id, text)
                )
                self.items_layout.addWidget(label)
                self.items_layout.addWidget(editor)
                self.editors[item.id] = editor
            self.opening_notes.set_saved_text(acta.opening_notes or "")
            self.closing_notes.set_saved_text(acta.closing_notes or "")
            self.next_note.set_saved_text(acta.next_session_note or "")
        self.decision_item.clear()
        self.decision_item.addItem("— Sin punto específico —", None)
        for item in view.session.agenda:
            self.decision_item.addItem(f"{item.position}. {item.title}", str(item.id))

    def _show_decisions(self, view: ActaView) -> None:
        positions = {i.id: i.position for i in view.session.agenda}
        required_by_session = view.quorum_required
        self.decisions.setRowCount(len(view.decisions))
        for r, d in enumerate(view.decisions):
            votes = "—"
            if d.votes_for is not None:
                votes = f"{d.votes_for} a favor, {d.votes_against or 0} en contra, {d.abstentions or 0} abst."
            quorum = quorum_text(
                d.quorum_present, d.quorum_required, d.quorum_total, d.quorum_met, required_by_session
            )
            if d.without_quorum:
                quorum += " · no es válida"
            cells = [
                d.text,
                str(positions[d.agenda_item_id]) if d.agenda_item_id in positions else "—",
                fmt.hour(d.at),
                quorum,
                votes,
            ]
            kit.fill_row(self.decisions, r, cells, tooltips=cells)

    def _show_commitments(self, view: ActaView) -> None:
        self.commitments.setRowCount(len(view.commitments))
        for r, c in enumerate(view.commitments):
            cells = [
                c.text,
                c.responsible,
                fmt.short_day(c.due_date),
                commitments.STATUS_LABELS.get(c.status, c.status),
            ]
            kit.fill_row(self.commitments, r, cells, tooltips=cells)
        current = self.responsible.currentData()
        self.responsible.clear()
        self.responsible.addItem("— Sin dependencia —", None)
        for dependency in view.members:
            if dependency.active:
                label = f"{dependency.name} (invitado)" if dependency.invited else dependency.name
                self.responsible.addItem(label, str(dependency.id))
        index = self.responsible.findData(current)
        self.responsible.setCurrentIndex(max(0, index))
        self.due.setMinimumDate(QDate(view.session.date.year, view.session.date.month, view.session.date.day))

    # -- saving -----------------------------------------------------------------------------------------
    def _save_development(self, item_id: uuid.UUID, text: str) -> None:
        # No topic: the text on screen is already the truth; a broadcast would rebuild the editors.
        self.ctx.call(session_ops.write_agenda_development, item_id, text, done=self._saved)

    def _save_draft(self, **texts) -> None:
        if self.view is None or self.view.acta.locked:
            return
        self.ctx.call(ops.write_draft, self.view.acta.id, **texts, done=self._saved)

    def _saved(self, _result) -> None:

        self.saved_label.setText(
            f"Guardado automáticamente a las {fmt.hour(clock.local(clock.utcnow()).time())}"
        )

    def add_decision(self) -> None:
        if self.view is None:
            return
        text = self.decision_text.text().strip()
        if not text:
            self.ctx.error.emit("Escriba la decisión antes de registrarla.")
            self.decision_text.setFocus()
            return
        votes = {}
        if self.votes_for.value() or self.votes_against.value() or self.abstentions.value():
            votes = dict(
                votes_for=self.votes_for.value(),
                votes_against=self.votes_against.value(),
                abstentions=self.abstentions.value(),
            )
        self.ctx.call(
            ops.record_decision,
            self.view.session.id,
            text,
            agenda_item_id=_uuid(self.decision_item.currentData()),
            **votes,
            at=self.decision_at.chosen(),
            without_quorum=self.without_quorum.isChecked(),
            done=self._decision_recorded,
        )

    def _show_quorum_at(self) -> None:
        if self.view is None or self.view.acta.locked:
            self.decision_quorum.setText("")
            return
        required_by_session = self.view.quorum_required
        self.ctx.call(
            actas.quorum_at,
            self.view.session.id,
            self.decision_at.chosen(),
            done=lambda q: self.decision_quorum.setText(
                "Quórum a esa hora: "
                + quorum_text(q.present, q.required, q.total, q.met, required_by_session)
            ),
            failed=self.decision_quorum.setText,
        )

    def _decision_recorded(self, decision) -> None:
        self.decision_text.clear()
        for spin in (self.votes_for, self.votes_against, self.abstentions):
            spin.setValue(0)
        self.without_quorum.setChecked(False)
        self.decision_at.set_now()
        self.ctx.status.emit(
            f"Decisión registrada con quórum {decision.quorum_present} de {decision.quorum_total}."
        )

    def add_commitment(self) -> None:
        if self.view is None:
            return
        text = self.commitment_text.text().strip()
        if not text:
            # Said, not ignored: a click with nothing written looked like a lost commitment.
            self.ctx.error.emit("Escriba qué se hará antes de agregar el compromiso.")
            self.commitment_text.setFocus()
            return
        self.ctx.call(
            commitment_ops.add_commitment,
            text,
            responsible_dependency=_uuid(self.responsible.currentData()),
            responsible_person=self.responsible_person.text().strip() or None,
            due_date=self.due.date().toPython(),
            session=self.view.session.id,
            done=lambda _c: self._commitment_added(),
        )

    def _commitment_added(self) -> None:
        self.commitment_text.clear()
        self.responsible_person.clear()

    # -- approval and correction -------------------------------------------------------------------------
    def open_approve(self) -> None:
        if self.view is None or self.view.acta.locked:
            return
        self.flush()
        view = self.view
        # The next session is the usual place to approve; the same session is allowed too.
        ordered = sorted(view.later_sessions, key=lambda s: (s.date, s.number))
        following = [s for s in ordered if s.id != view.session.id]
        dialog = ApproveDialog(
            view.session, view.acta.number, ordered, following[0] if following else view.session, self
        )
        dialog.accepted.connect(
            lambda: self.ctx.call(
                ops.approve,
                view.acta.id,
                dialog.approving_session(),
                **dialog.approval(),
                done=self._approved,
            )
        )
        dialogs.open_tracked(self, dialog)

    def approve_previous(self) -> None:
        view = self.view
        if view is None or view.pending is None:
            return
        before, previous_acta = view.pending.session, view.pending.acta
        self.flush()
        dialog = ApproveDialog(before, previous_acta.number, [view.session], view.session, self)
        dialog.accepted.connect(
            lambda: self.ctx.call(
                ops.approve,
                previous_acta.id,
                view.session.id,
                **dialog.approval(),
                done=self._approved,
            )
        )
        dialogs.open_tracked(self, dialog)

    def _approved(self, acta) -> None:
        self.ctx.status.emit(f"Acta {acta.number} aprobada y bloqueada.")

    def open_correction(self) -> None:
        if self.view is None or not self.view.acta.locked:
            return
        dialog = CorrectionDialog(self.view.acta.number, self)
        acta_id = self.view.acta.id
        dialog.accepted.connect(lambda: self.ctx.call(ops.correct, acta_id, dialog.reason.toPlainText()))
        dialogs.open_tracked(self, dialog)

    def open_sign(self) -> None:
        if self.view is None or not self.view.acta.locked:
            return
        dialog = SignDialog(self.view.acta.number, self)
        session_id, number = self.view.session.id, self.view.acta.number
        dialog.accepted.connect(lambda: self._sign(session_id, number, dialog.credential()))
        dialogs.open_tracked(self, dialog)

    def _sign(self, session_id: uuid.UUID, number: str, credential: dict) -> None:
        target = self.choose_pdf_target(f"acta-{number}-firmada.pdf")
        if not target:
            return
        self.ctx.status.emit("Firmando el acta…")
        self.ctx.call(acta_signing.sign_acta, session_id, target, **credential, done=self._signed)

    def _signed(self, signed) -> None:
        self.last_pdf = Path(signed.path)
        kind = "certificado propio de la instalación" if signed.self_signed else "certificado digital"
        self.ctx.status.emit(
            f"Acta {signed.number} firmada por {signed.signer} ({kind}); guardada en {signed.path}."
        )

    # -- PDF ---------------------------------------------------------------------------------------------------
    def preview_pdf(self) -> None:
        if self.view is None:
            return
        self.flush()
        # A folder of this user's own, fresh each time: another user of the same computer, or an
        # earlier preview still open in a viewer, never blocks this one.
        target = Path(tempfile.mkdtemp(prefix="mesa-vista-previa-")) / f"acta-{self.view.acta.number}.pdf"
        self._render(target, self.open_pdf)

    def save_pdf(self) -> None:
        if self.view is None:
            return
        self.flush()
        target = self.choose_pdf_target(f"acta-{self.view.acta.number}.pdf")
        if target:
            self._render(Path(target), lambda path: self.ctx.status.emit(f"Acta guardada en {path}."))

    def choose_pdf_target(self, suggested: str) -> str:
        path, _ = QFileDialog.getSaveFileName(
            self, "Guardar el acta en PDF", str(Path.home() / suggested), "PDF (*.pdf)"
        )
        return path

    def _render(self, target: Path, then) -> None:
        from mesa_desktop.documents.acta import write_acta

        if self.view is None:
            return

        def rendered(path) -> None:
            self.last_pdf = Path(path)
            then(path)

        self.ctx.status.emit("Preparando el PDF del acta…")
        self.ctx.call(
            document_data.acta_data,
            self.view.session.id,
            done=lambda data: self.ctx.work(write_acta, data, target, done=rendered),
        )

    def open_pdf(self, path) -> None:
        note = files.open_file(path, self)  # no PDF viewer: the folder, or where the file is
        if note:
            self.ctx.status.emit(note)


def _uuid(value: str | None) -> uuid.UUID | None:
    """Combo boxes keep ids as text (Qt compares strings, not UUID objects)."""
    return uuid.UUID(value) if value else None


def _votes() -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, 200)
    spin.setMaximumWidth(70)
    return spin

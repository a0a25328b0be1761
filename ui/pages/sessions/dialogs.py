"""The new / edit session dialog: a template, the date and times, modality and place, convocation."""

from __future__ import annotations

from datetime import time, timedelta

from PySide6.QtCore import QTime, QTimer
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from mesa_desktop import clock
from mesa_desktop.documents.convocation import lead_time_warning
from mesa_desktop.services import sessions
from ui.pages.page_kit import from_qdate
from ui.pages.sessions.model import SessionForm, qdate
from ui.widgets import format as fmt
from ui.widgets.clock_edit import SPANISH_COLOMBIA


class SessionDialog(QDialog):
    """New session from a template, or the details of an existing one."""

    def __init__(
        self,
        lead_days: int,
        *,
        session=None,
        default_place: str = "",
        mesa_kind: str | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.lead_days = lead_days
        self.mesa_kind = mesa_kind  # the national mesa has its own installation agenda
        editing = session is not None
        self.setWindowTitle(
            f"Datos de la {fmt.session_title(session).lower()}" if editing else "Nueva sesión"
        )
        self.setMinimumWidth(640)
        self.template = QComboBox()
        for key, label in fmt.TEMPLATE_LABELS.items():
            self.template.addItem(label, key)
        self.template.setCurrentIndex(self.template.findData("ordinary"))
        self.template.setEnabled(not editing)
        self.day = QDateEdit(qdate(clock.today() + timedelta(days=lead_days)))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.start = QTimeEdit(QTime(9, 0))
        self.start.setLocale(SPANISH_COLOMBIA)
        self.start.setDisplayFormat("h:mm ap")  # "9:00 a. m.", as every screen writes a time
        self.end = QTimeEdit(QTime(12, 0))
        self.end.setLocale(SPANISH_COLOMBIA)
        self.end.setDisplayFormat("h:mm ap")  # "9:00 a. m.", as every screen writes a time
        self.modality = QComboBox()
        for key, label in fmt.MODALITY_LABELS.items():
            self.modality.addItem(label, key)
        self.place = QLineEdit(default_place)
        self.place.setPlaceholderText("Lugar de la reunión")
        self.link = QLineEdit()
        self.link.setPlaceholderText("Enlace de Teams, Meet o Zoom")
        self.convened = QCheckBox("Ya se convocó el")
        self.convocation = QDateEdit(qdate(clock.today()))
        self.convocation.setCalendarPopup(True)
        self.convocation.setDisplayFormat("dd/MM/yyyy")
        self.convocation.setEnabled(False)
        self.convened.toggled.connect(self.convocation.setEnabled)
        self.ministry = QCheckBox("Se espera al Ministerio de Salud y Protección Social")
        self.ministry.setToolTip(
            "Para el cumplimiento (lineamiento 2.7) cuenta la asistencia registrada de una persona "
            "del Ministerio, presencial o virtual, no esta casilla."
        )
        self.objective = QLineEdit()
        self.objective.setPlaceholderText("Objetivo de la sesión (opcional)")
        self.agenda = QLabel()
        self.agenda.setObjectName("hint")
        self.agenda.setWordWrap(True)
        self.warning = QLabel()
        self.warning.setObjectName("notice")
        self.warning.setWordWrap(True)
        when = QHBoxLayout()
        when.addWidget(self.day)
        when.addWidget(QLabel("de"))
        when.addWidget(self.start)
        when.addWidget(QLabel("a"))
        when.addWidget(self.end)
        when.addStretch(1)
        convocation = QHBoxLayout()
        convocation.addWidget(self.convened)
        convocation.addWidget(self.convocation)
        convocation.addStretch(1)
        form = QFormLayout()
        form.addRow("Plantilla:", self.template)
        form.addRow("Fecha y hora:", when)
        form.addRow("Modalidad:", self.modality)
        form.addRow("Lugar:", self.place)
        form.addRow("Enlace virtual:", self.link)
        form.addRow("Convocatoria:", convocation)
        form.addRow("", self.ministry)
        # The national mesa is the ministry's own: nobody "is expected from" it.
        form.setRowVisible(self.ministry, self.mesa_kind != "national")
        form.addRow("Objetivo:", self.objective)
        form.addRow("Orden del día:", self.agenda)
        self.form = form
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            "Guardar cambios" if editing else "Crear la sesión"
        )
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Cancelar")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.warning)
        layout.addWidget(buttons)
        for signal in (
            self.template.currentIndexChanged,
            self.day.dateChanged,
            self.convened.toggled,
            self.convocation.dateChanged,
            self.modality.currentIndexChanged,
        ):
            signal.connect(self._update)
        if editing:
            self._fill(session)
            self.form.setRowVisible(self.agenda, False)
        self._update()

    def _fill(self, session) -> None:
        self.day.setDate(qdate(session.date))
        if session.start_time:
            self.start.setTime(QTime(session.start_time.hour, session.start_time.minute))
        if session.end_time:
            self.end.setTime(QTime(session.end_time.hour, session.end_time.minute))
        self.modality.setCurrentIndex(self.modality.findData(session.modality))
        self.place.setText(session.place or "")
        self.link.setText(session.virtual_link or "")
        self.convened.setChecked(session.convocation_date is not None)
        if session.convocation_date:
            self.convocation.setDate(qdate(session.convocation_date))
        self.ministry.setChecked(session.ministry_participated)
        self.objective.setText(session.objective or "")
        self.template.setCurrentIndex(self.template.findData(session.template))

    def _update(self, *_args) -> None:
        template = self.template.currentData()
        items = sessions.agenda_template(template, self.mesa_kind)
        self.agenda.setText(
            "<br>".join(
                f"{n}. {title}{' <i>(obligatorio)</i>' if mandatory else ''}"
                for n, (title, _purpose, mandatory) in enumerate(items, 1)
            )
        )
        modality = self.modality.currentData()
        self.form.setRowVisible(self.place, modality != "virtual")
        self.form.setRowVisible(self.link, modality != "in_person")
        when = from_qdate(self.convocation.date()) if self.convened.isChecked() else clock.today()
        text = lead_time_warning(when, from_qdate(self.day.date()), self.lead_days)
        if template == "installation" and self.mesa_kind != "national" and not self.ministry.isChecked():
            text = ((text + " ") if text else "") + (
                "La sesión de instalación la copreside el Ministerio (lineamiento 2.7)."
            )
        for warning in sessions.date_warnings(from_qdate(self.day.date())):
            text = ((text + " ") if text else "") + warning
        self.warning.setText(text or "")
        self.warning.setVisible(bool(text))
        if self.isVisible():
            QTimer.singleShot(0, self._fit_agenda)

    def _fit_agenda(self) -> None:
        # Another template's longer agenda must not be cut off: the dialog grows to show it
        # (once the layout has taken the new text in).
        needed = self.sizeHint().height()
        if needed > self.height():
            self.resize(self.width(), needed)

    def value(self) -> SessionForm:
        modality = self.modality.currentData()
        return SessionForm(
            template=self.template.currentData(),
            on=from_qdate(self.day.date()),
            start_time=_minutes(self.start.time()),
            end_time=_minutes(self.end.time()),
            modality=modality,
            place=(self.place.text().strip() or None) if modality != "virtual" else None,
            virtual_link=(self.link.text().strip() or None) if modality != "in_person" else None,
            convocation_date=from_qdate(self.convocation.date()) if self.convened.isChecked() else None,
            ministry_participated=self.ministry.isChecked(),
            objective=self.objective.text().strip() or None,
        )


def _minutes(value: QTime) -> time:
    """The time typed, to the minute."""
    return time(value.hour(), value.minute())

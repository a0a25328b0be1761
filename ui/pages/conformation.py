"""Conformation: member dependencies with their people and delegation deadline, invited actors.

Guideline 2.5: each dependency notifies its delegation (head, delegate, alternates) within
10 business days of the guideline being communicated; the page shows that deadline and
each dependency's status. Dependencies are deactivated, never deleted (past actas and
quorum counts must stay true), and a deactivation can be undone.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from mesa_desktop import clock
from mesa_desktop.email_address import is_valid_email
from mesa_desktop.labels import CONSENT_NOTICE
from mesa_desktop.operations import members as members_ops
from mesa_desktop.operations import mesa as mesa_ops
from mesa_desktop.services import conformation, document_data, member_import
from ui.pages import page_kit as kit
from ui.widgets.files import documents_folder

MEMBER_ROLES = (("head", "Jefe(a) de dependencia"), ("delegate", "Delegado(a)"), ("alternate", "Suplente"))
ROLE_NAMES = {
    "head": "Jefe(a)",
    "delegate": "Delegado(a)",
    "alternate": "Suplente",
    "invited": "Invitado(a)",
    "guest": "Asistente",
}
DELEGATION_LABELS = {
    "ok": "A tiempo",
    "late": "Tarde",
    "pending": "Pendiente",
    "missing": "Vencida",
    "not_applicable": "Sin plazo",
    "inactive": "Inactiva",
}


@dataclass(frozen=True)
class DelegationStatus:
    deadline: date | None
    code: str  # ok / late / pending / missing / not_applicable
    label: str
    hint: str


def delegation_status(
    notified_on: date | None, guideline_on: date | None, today: date | None = None
) -> DelegationStatus:
    """Guideline 2.5 (``operations.members.delegation_deadline``) in the page's words."""
    found = members_ops.delegation_deadline(notified_on, guideline_on, today)
    deadline, code = found.deadline, found.code
    if deadline is None:
        hint = "Registre en Configuración la fecha en que se comunicó el lineamiento para calcular el plazo."
        return DelegationStatus(None, code, "Notificada" if notified_on else DELEGATION_LABELS[code], hint)
    if notified_on is not None:
        hint = f"Notificada el {kit.long_day(notified_on)}; plazo: {kit.long_day(deadline)}."
    elif code == "pending":
        hint = f"Debe notificar su delegación a más tardar el {kit.long_day(deadline)}."
    else:
        hint = (
            f"El plazo venció el {kit.long_day(deadline)} y no hay notificación "
            "registrada: solicítela al jefe de la dependencia."
        )
    return DelegationStatus(deadline, code, DELEGATION_LABELS[code], hint)


def _names(dep: conformation.DependencyInfo, role: str) -> str:
    return ", ".join(p.full_name for p in dep.people if p.role == role) or "—"


# --- dialogs ----------------------------------------------------------------------------------


class DependencyDialog(QDialog):
    """New or edited dependency (or invited actor) and, for members, its delegation date."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        invited: bool = False,
        dependency: conformation.DependencyInfo | None = None,
    ):
        super().__init__(parent)
        self.invited = invited
        what = "actor invitado" if invited else "dependencia"
        self.setWindowTitle(
            f"Editar {what}" if dependency else f"Nuevo {what}" if invited else "Nueva dependencia"
        )
        self.setMinimumWidth(520)
        self.name = QLineEdit(dependency.name if dependency else "", self)
        self.name.setPlaceholderText(
            "Organización (p. ej. Migración Colombia)"
            if invited
            else "Nombre oficial (p. ej. Subsecretaría de Salud Pública)"
        )
        self.short_name = QLineEdit((dependency.short_name or "") if dependency else "", self)
        self.short_name.setPlaceholderText("Opcional, para listas cortas")
        form = QFormLayout()
        form.addRow("Nombre:", self.name)
        form.addRow("Nombre corto:", self.short_name)
        self.notified = None
        self.member_since = None
        if dependency is None:
            # From this day it counts for the quorum; earlier sessions never list it as absent.
            self.member_since = kit.date_edit(clock.today(), self)
            form.addRow("Integra la mesa desde:" if not invited else "Participa desde:", self.member_since)
        if not invited and dependency is None:
            self.notified = kit.OptionalDate("Ya notificó su delegación el", None, self)
            form.addRow("Delegación:", self.notified)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        if invited:
            layout.addWidget(
                kit.notice(
                    "Los actores invitados asisten y firman, pero nunca cuentan "
                    "para el quórum (numeral 2.5).",
                    parent=self,
                )
            )
        self.error = QLabel("", self)
        self.error.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.error)
        layout.addWidget(kit.button_box(self))

    def accept(self) -> None:
        if not self.name.text().strip():
            self.error.setText("Escriba el nombre.")
            return
        super().accept()

    def values(self) -> dict:
        values: dict[str, object] = {
            "name": self.name.text().strip(),
            "short_name": self.short_name.text().strip() or None,
        }
        if self.notified is not None:
            values["delegation_notified_on"] = self.notified.value()
        if self.member_since is not None:
            values["active_from"] = kit.from_qdate(self.member_since.date())
        return values


class DelegationDateDialog(QDialog):
    def __init__(
        self, dependency: conformation.DependencyInfo, deadline: date | None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle("Notificación de la delegación")
        layout = QVBoxLayout(self)
        text = f"¿Cuándo notificó «{dependency.name}» su delegación a la secretaría técnica?"
        label = QLabel(text, self)
        label.setWordWrap(True)
        layout.addWidget(label)
        if deadline:
            layout.addWidget(
                kit.notice(
                    f"Plazo (numeral 2.5): {kit.long_day(deadline)}, "
                    "10 días hábiles después de comunicado el lineamiento.",
                    parent=self,
                )
            )
        self.date = kit.OptionalDate(
            "Notificada el", dependency.delegation_notified_on or clock.today(), self
        )
        self.date.set_value(dependency.delegation_notified_on or clock.today())
        layout.addWidget(self.date)
        layout.addWidget(kit.button_box(self))

    def value(self) -> date | None:
        return self.date.value()


class PersonDialog(QDialog):
    """A person of a dependency or invited actor, with the Ley 1581 consent."""

    def __init__(
        self,
        dependencies: list[conformation.DependencyInfo],
        parent: QWidget | None = None,
        *,
        person: conformation.PersonInfo | None = None,
        dependency_id: uuid.UUID | None = None,
        entity_name: str = "la secretaría técnica",
    ):
        super().__init__(parent)
        self.person = person
        self.setWindowTitle("Editar persona" if person else "Nueva persona")
        self.setMinimumWidth(580)
        self._deps = [d for d in dependencies if d.active or (person and d.id == person.dependency_id)]
        self.name = QLineEdit(person.full_name if person else "", self)
        self.dependency = QComboBox(self)
        for dep in self._deps:
            label = f"{dep.name} (actor invitado)" if dep.invited else dep.name
            self.dependency.addItem(label, str(dep.id))  # Qt compares strings, not UUID objects
        wanted = person.dependency_id if person else dependency_id
        if wanted is not None:
            index = self.dependency.findData(str(wanted))
            if index >= 0:
                self.dependency.setCurrentIndex(index)
        # The service keeps a person in their dependency; a move is a new registration.
        self.dependency.setEnabled(person is None)
        self.role = QComboBox(self)
        self.position = QLineEdit((person.position or "") if person else "", self)
        self.entity = QLineEdit((person.entity or "") if person else "", self)
        self.entity.setPlaceholderText("Por defecto, la dependencia o el actor")
        self.email = QLineEdit((person.email or "") if person else "", self)
        self.phone = QLineEdit((person.phone or "") if person else "", self)
        self.consent = QCheckBox("La persona autoriza el tratamiento de sus datos personales", self)
        self.consent.setChecked(bool(person and person.consent_given))
        form = QFormLayout()
        form.addRow("Nombre completo:", self.name)
        form.addRow("Dependencia o actor:", self.dependency)
        form.addRow("Rol:", self.role)
        form.addRow("Cargo:", self.position)
        form.addRow("Entidad:", self.entity)
        form.addRow("Correo:", self.email)
        form.addRow("Teléfono:", self.phone)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(
            kit.notice(
                CONSENT_NOTICE.replace(
                    "la secretaría técnica de la mesa", f"la secretaría técnica de la mesa ({entity_name})"
                ),
                parent=self,
            )
        )
        layout.addWidget(self.consent)
        self.error = QLabel("", self)
        self.error.setStyleSheet("color: #b3261e;")
        layout.addWidget(self.error)
        layout.addWidget(kit.button_box(self))
        self.dependency.currentIndexChanged.connect(self._fill_roles)
        self._fill_roles()
        if person is not None:
            index = self.role.findData(person.role)
            if index >= 0:
                self.role.setCurrentIndex(index)

    def _selected_dependency(self) -> conformation.DependencyInfo | None:
        dep_id = self.dependency.currentData()
        return next((d for d in self._deps if str(d.id) == dep_id), None)

    def _fill_roles(self) -> None:
        dep = self._selected_dependency()
        current = self.role.currentData()
        self.role.clear()
        if dep is not None and dep.invited:
            self.role.addItem("Actor invitado (no cuenta para el quórum)", "invited")
        else:
            for key, label in MEMBER_ROLES:
                self.role.addItem(label, key)
        index = self.role.findData(current or "delegate")
        if index < 0:
            index = max(self.role.findData("delegate"), 0)
        self.role.setCurrentIndex(index)

    def accept(self) -> None:
        problems = []
        if not self.name.text().strip():
            problems.append("Escriba el nombre completo.")
        if self.dependency.currentData() is None:
            problems.append("Elija la dependencia o el actor invitado.")
        email = self.email.text().strip()
        if email and not is_valid_email(email):
            problems.append("El correo no es válido.")
        if problems:
            self.error.setText(" ".join(problems))
            return
        super().accept()

    def values(self) -> dict:
        return {
            "full_name": self.name.text().strip(),
            "dependency": uuid.UUID(self.dependency.currentData()) if self.dependency.currentData() else None,
            "role": self.role.currentData(),
            "position": self.position.text().strip() or None,
            "entity": self.entity.text().strip() or None,
            "email": self.email.text().strip() or None,
            "phone": self.phone.text().strip() or None,
            "consent_given": self.consent.isChecked(),
        }


class ImportPreviewDialog(QDialog):
    """Every row of the file, its errors in red, and "Importar N filas válidas"."""

    # Cargo and phone go in the name's tooltip: the errors need the width at 1366×768.
    HEADERS = ("Fila", "Dependencia o actor", "Nombre", "Rol", "Correo", "Autoriza", "Errores")

    def __init__(self, preview: member_import.ImportPreview, parent: QWidget | None = None):
        super().__init__(parent)
        self.preview = preview
        self.setWindowTitle(f"Importar integrantes — {preview.source}")
        self.resize(1100, 580)
        valid, invalid = len(preview.valid_rows), len(preview.invalid_rows)
        layout = QVBoxLayout(self)
        summary = f"{len(preview.rows)} filas leídas: {valid} válidas" + (
            f", {invalid} con errores (no se importarán; corríjalas en el archivo y vuelva a importarlo)."
            if invalid
            else "."
        )
        self.summary = kit.notice(summary, "error" if invalid else "ok", self)
        layout.addWidget(self.summary)
        new_deps = sorted({r.dependency for r in preview.valid_rows if r.new_dependency})
        if new_deps:
            layout.addWidget(kit.notice("Se crearán: " + " · ".join(new_deps), parent=self))
        for note in preview.notes:
            layout.addWidget(kit.notice(note, parent=self))
        self.table = kit.make_table(self.HEADERS, self, stretch=1, widths={2: 180, 4: 170, 6: 330})
        self.table.setRowCount(len(preview.rows))
        for row, item in enumerate(preview.rows):
            details = " · ".join(p for p in (item.position, item.phone, item.entity) if p)
            kit.fill_row(
                self.table,
                row,
                (
                    str(item.line),
                    item.dependency or "—",
                    item.full_name or "—",
                    item.role_label,
                    item.email or "",
                    "Sí" if item.consent else "No",
                    " ".join(item.errors) if item.errors else "Lista para importar",
                ),
                key=item.line,
                tone="missing" if item.errors else None,
                tooltips=("", "", details),
            )
        self.table.resizeRowsToContents()
        layout.addWidget(self.table, 1)
        box = kit.button_box(
            self, f"Importar {valid} filas válidas" if valid != 1 else "Importar 1 fila válida"
        )
        self.import_button = box.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setEnabled(valid > 0)
        layout.addWidget(box)


# --- the page -----------------------------------------------------------------------------------


class ConformationPage(kit.Page):
    """Dependencies, their people and delegation deadline; invited actors; import."""

    TOPICS = ("members",)
    # The deadline is the same for every dependency, so it is said once above the table.
    DEP_HEADERS = ("Dependencia", "Jefe(a)", "Delegado(a)", "Suplente(s)", "Notificó", "Estado")
    INVITED_HEADERS = ("Actor invitado", "Personas registradas", "Cargos")
    PEOPLE_HEADERS = ("Nombre", "Rol", "Cargo", "Correo", "Teléfono", "Autoriza datos")

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.mesa: conformation.MesaInfo | None = None
        self.members: list[conformation.DependencyInfo] = []
        self._select_next: uuid.UUID | None = None  # just added: select it once the list reloads
        self.last_badges: Path | None = None
        layout, self.subtitle = kit.page_layout(self, "Conformación de la mesa")

        toolbar = QHBoxLayout()
        self.new_dependency_button = QPushButton("Nueva dependencia…", self)
        self.new_invited_button = QPushButton("Nuevo actor invitado…", self)
        self.new_person_button = QPushButton("Nueva persona…", self)
        self.import_button = QPushButton("Importar desde Excel o CSV…", self)
        self.import_button.setObjectName("primary")
        self.badges_button = QPushButton("Imprimir credenciales (PDF)", self)
        self.badges_button.setToolTip(
            "Una credencial por persona con su código QR: al llegar, se lee con el lector y queda "
            "registrada la asistencia."
        )
        self.show_inactive = QCheckBox("Mostrar inactivas", self)
        for widget in (
            self.new_dependency_button,
            self.new_invited_button,
            self.new_person_button,
            self.import_button,
        ):
            toolbar.addWidget(widget)
        toolbar.addStretch(1)
        toolbar.addWidget(self.badges_button)
        toolbar.addWidget(self.show_inactive)
        layout.addLayout(toolbar)

        self.deadline_notice = kit.notice("", parent=self)
        layout.addWidget(self.deadline_notice)
        self.badges_notice = kit.notice("", parent=self)
        self.badges_notice.hide()
        layout.addWidget(self.badges_notice)
        self.badges_work = kit.Working(self, "Credenciales", self.badges_notice, self._update_buttons)

        self.tabs = QTabWidget(self)
        self.dependencies = kit.make_table(self.DEP_HEADERS, self, stretch=0, widths={1: 190, 2: 190, 3: 190})
        self.invited = kit.make_table(self.INVITED_HEADERS, self, stretch=1)
        self.tabs.addTab(self.dependencies, "Dependencias miembro")
        self.tabs.addTab(self.invited, "Actores invitados")

        people_panel = QWidget(self)
        people_layout = QVBoxLayout(people_panel)
        people_layout.setContentsMargins(0, 4, 0, 0)
        self.people_title = kit.section_title("Personas", people_panel)
        people_layout.addWidget(self.people_title)
        self.people = kit.make_table(self.PEOPLE_HEADERS, people_panel, stretch=0)
        people_layout.addWidget(self.people, 1)
        actions = QHBoxLayout()
        self.edit_dependency_button = QPushButton("Editar dependencia…", people_panel)
        self.delegation_button = QPushButton("Fecha de notificación…", people_panel)
        self.deactivate_button = QPushButton("Desactivar", people_panel)
        self.add_person_button = QPushButton("Añadir persona aquí…", people_panel)
        self.edit_person_button = QPushButton("Editar persona…", people_panel)
        for widget in (self.edit_dependency_button, self.delegation_button, self.deactivate_button):
            actions.addWidget(widget)
        actions.addStretch(1)
        actions.addWidget(self.add_person_button)
        actions.addWidget(self.edit_person_button)
        people_layout.addLayout(actions)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.tabs)
        splitter.addWidget(people_panel)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([350, 220])
        layout.addWidget(splitter, 1)

        self.new_dependency_button.clicked.connect(lambda: self.new_dependency(invited=False))
        self.new_invited_button.clicked.connect(lambda: self.new_dependency(invited=True))
        self.new_person_button.clicked.connect(lambda: self.new_person(None))
        self.import_button.clicked.connect(self.import_members)
        self.badges_button.clicked.connect(self.print_badges)
        self.show_inactive.toggled.connect(lambda _on: self._fill())
        self.tabs.currentChanged.connect(lambda _i: self._show_people())
        self.dependencies.itemSelectionChanged.connect(self._show_people)
        self.invited.itemSelectionChanged.connect(self._show_people)
        self.dependencies.doubleClicked.connect(lambda _i: self.edit_dependency())
        self.people.doubleClicked.connect(lambda _i: self.edit_person())
        self.edit_dependency_button.clicked.connect(self.edit_dependency)
        self.delegation_button.clicked.connect(self.set_delegation_date)
        self.deactivate_button.clicked.connect(self.toggle_active)
        self.add_person_button.clicked.connect(lambda: self.new_person(self.current_dependency_id()))
        self.edit_person_button.clicked.connect(self.edit_person)
        self.people.itemSelectionChanged.connect(self._update_buttons)
        self._update_buttons()

    # -- loading -----------------------------------------------------------------------------
    def load(self) -> None:
        self.ctx.call(members_ops.conformation_view, done=self._loaded, failed=self._failed)

    def _failed(self, message: str) -> None:
        self.deadline_notice.setText(message)
        kit.set_notice_state(self.deadline_notice, "error")

    def _loaded(self, view: members_ops.ConformationView) -> None:
        self.mesa, self.members = view.mesa, view.members
        self._fill()
        self.mark_loaded()

    def _visible(self, invited: bool) -> list[conformation.DependencyInfo]:
        show_all = self.show_inactive.isChecked()
        return [d for d in self.members if d.invited == invited and (show_all or d.active)]

    def _fill(self) -> None:
        if self.mesa is None:
            return
        selected = self.current_dependency_id()
        today = clock.today()
        guideline = self.mesa.guideline_communicated_on
        members = self._visible(False)
        counts: dict[str, int] = {}
        self.dependencies.setRowCount(len(members))
        for row, dep in enumerate(members):
            status = delegation_status(dep.delegation_notified_on, guideline, today)
            tone, label = status.code, status.label
            if not dep.active:
                tone, label = (
                    "not_applicable",
                    f"Inactiva desde {kit.short_day(members_ops.inactive_since(dep))}",
                )
            else:
                counts[status.code] = counts.get(status.code, 0) + 1
            alternates = _names(dep, "alternate")
            kit.fill_row(
                self.dependencies,
                row,
                (
                    dep.name,
                    _names(dep, "head"),
                    _names(dep, "delegate"),
                    alternates,
                    kit.short_day(dep.delegation_notified_on),
                    label,
                ),
                key=dep.id,
                tone=tone if tone in ("late", "missing") or not dep.active else None,
                tooltips=(dep.short_name or "", "", "", "", "", status.hint),
            )
            self._tone_cell(self.dependencies, row, 5, tone)
        invited = self._visible(True)
        self.invited.setRowCount(len(invited))
        for row, dep in enumerate(invited):
            positions = sorted({p.position for p in dep.people if p.position})
            kit.fill_row(
                self.invited,
                row,
                (
                    dep.name if dep.active else f"{dep.name} (inactivo)",
                    ", ".join(p.full_name for p in dep.people) or "—",
                    "; ".join(positions) or "—",
                ),
                key=dep.id,
                tone=None if dep.active else "not_applicable",
            )
        self.dependencies.resizeRowsToContents()
        self.invited.resizeRowsToContents()
        active_members = [d for d in self.members if not d.invited and d.active]
        active_invited = [d for d in self.members if d.invited and d.active]
        self.tabs.setTabText(0, f"Dependencias miembro ({len(active_members)})")
        self.tabs.setTabText(1, f"Actores invitados ({len(active_invited)})")
        people = sum(len(d.people) for d in self.members if d.active)
        self.subtitle.setText(
            f"{self.mesa.name}. {len(active_members)} dependencias cuentan para el quórum; "
            f"{len(active_invited)} actores invitados asisten sin contar. {people} personas registradas."
        )
        self._fill_deadline(guideline, counts)
        if self._select_next is not None:
            selected, self._select_next = self._select_next, None
        table = self.dependencies if self.tabs.currentIndex() == 0 else self.invited
        if selected is None or not kit.select_key(table, selected):
            if table.rowCount():
                table.selectRow(0)
        self._show_people()

    @staticmethod
    def _tone_cell(table: QTableWidget, row: int, column: int, tone: str) -> None:
        kit.tone_cell(table.item(row, column), tone)

    def _fill_deadline(self, guideline: date | None, counts: dict[str, int]) -> None:
        if guideline is None:
            self.deadline_notice.setText(
                "Falta la fecha en que se comunicó el lineamiento: regístrela en Configuración para "
                "calcular el plazo de 10 días hábiles de las delegaciones (numeral 2.5)."
            )
            kit.set_notice_state(self.deadline_notice, "")
            return
        deadline = mesa_ops.delegation_notice_due(guideline)
        parts = [
            f"{counts[c]} {DELEGATION_LABELS[c].lower()}"
            for c in ("ok", "late", "pending", "missing")
            if counts.get(c)
        ]
        self.deadline_notice.setText(
            f"Plazo para notificar las delegaciones (numeral 2.5): {kit.long_day(deadline)}, 10 días "
            f"hábiles después de comunicado el lineamiento ({kit.long_day(guideline)}). "
            + (" · ".join(parts).capitalize() + "." if parts else "")
        )
        kit.set_notice_state(
            self.deadline_notice,
            "error" if counts.get("missing") else "" if counts.get("late") or counts.get("pending") else "ok",
        )

    # -- selection ---------------------------------------------------------------------------------
    def current_dependency_id(self) -> uuid.UUID | None:
        table = self.dependencies if self.tabs.currentIndex() == 0 else self.invited
        return kit.selected_key(table)

    def current_dependency(self) -> conformation.DependencyInfo | None:
        dep_id = self.current_dependency_id()
        return next((d for d in self.members if d.id == dep_id), None)

    def current_person(self) -> conformation.PersonInfo | None:
        dep = self.current_dependency()
        person_id = kit.selected_key(self.people)
        if dep is None or person_id is None:
            return None
        return next((p for p in dep.people if p.id == person_id), None)

    def _show_people(self) -> None:
        dep = self.current_dependency()
        people = dep.people if dep else ()
        self.people_title.setText(f"Personas de «{dep.name}»" if dep else "Personas")
        self.people.setRowCount(len(people))
        for row, person in enumerate(people):
            kit.fill_row(
                self.people,
                row,
                (
                    person.full_name,
                    ROLE_NAMES.get(person.role, person.role),
                    person.position or "—",
                    person.email or "—",
                    person.phone or "—",
                    "Sí" if person.consent_given else "No",
                ),
                key=person.id,
            )
            if not person.consent_given:
                self._tone_cell(self.people, row, 5, "pending")
        if people:
            self.people.selectRow(0)
        self._update_buttons()

    def _update_buttons(self) -> None:
        dep = self.current_dependency()
        self.edit_dependency_button.setEnabled(dep is not None)
        self.edit_dependency_button.setText("Editar actor…" if dep and dep.invited else "Editar dependencia…")
        allowed = members_ops.dependency_actions(dep)
        self.delegation_button.setEnabled(allowed.record_delegation)
        self.deactivate_button.setEnabled(dep is not None)
        self.deactivate_button.setText("Reactivar" if dep is not None and not dep.active else "Desactivar")
        self.add_person_button.setEnabled(allowed.add_person)
        self.edit_person_button.setEnabled(self.current_person() is not None)
        self.badges_button.setEnabled(not self.badges_work.busy)

    # -- actions -------------------------------------------------------------------------------------
    def print_badges(self) -> None:
        suggested = str(Path(documents_folder()) / f"credenciales-{clock.today().isoformat()}.pdf")
        target = kit.save_file(self, "Guardar las credenciales", suggested, "Documento PDF (*.pdf)")
        if not target:
            return
        if not target.lower().endswith(".pdf"):
            target += ".pdf"
        self.badges_work.start("Preparando las credenciales…")
        self.ctx.call(
            document_data.badge_data,
            done=lambda sheet: self._write_badges(sheet, target),
            failed=self.badges_work.failed,
        )

    def _write_badges(self, sheet, target: str) -> None:
        from mesa_desktop.documents.badges import write_badges

        def written(path: Path) -> None:
            self.badges_work.finish()
            self.last_badges = path
            self.badges_work.show_result(
                f"Credenciales de {len(sheet.badges)} personas guardadas en {path}. Imprímalas, "
                "recórtelas y entréguelas: al llegar, cada persona muestra su código QR.",
                "ok",
            )
            self.status(f"Credenciales guardadas en {path}.")

        self.ctx.work(write_badges, sheet, target, done=written, failed=self.badges_work.failed)

    def new_dependency(self, invited: bool) -> None:
        dialog = DependencyDialog(self, invited=invited)
        if not kit.run_dialog(dialog):
            return
        values = dialog.values()
        self.ctx.call(
            members_ops.add_dependency,
            values["name"],
            short_name=values["short_name"],
            invited=invited,
            delegation_notified_on=values.get("delegation_notified_on"),
            active_from=values.get("active_from"),
            reuse_existing=False,  # re-adding is refused with a message, not "Se registró"
            done=lambda dep: self._after_add(dep),
        )

    def _after_add(self, dep: conformation.DependencyInfo) -> None:
        # ``done`` runs before the reload the "members" broadcast causes.
        self._select_next = dep.id
        self.tabs.setCurrentIndex(1 if dep.invited else 0)
        self.status(f"Se registró «{dep.name}».")

    def edit_dependency(self) -> None:
        dep = self.current_dependency()
        if dep is None:
            return
        dialog = DependencyDialog(self, invited=dep.invited, dependency=dep)
        if not kit.run_dialog(dialog):
            return
        values = dialog.values()
        self.ctx.call(
            members_ops.update_dependency,
            dep.id,
            name=values["name"],
            short_name=values["short_name"] or "",
            done=lambda d: self.status(f"Se guardó «{d.name}»."),
        )

    def set_delegation_date(self) -> None:
        dep = self.current_dependency()
        if dep is None or dep.invited or self.mesa is None:
            return
        status = delegation_status(dep.delegation_notified_on, self.mesa.guideline_communicated_on)
        dialog = DelegationDateDialog(dep, status.deadline, self)
        if not kit.run_dialog(dialog):
            return
        self.ctx.call(
            members_ops.set_delegation_notified,
            dep.id,
            dialog.value(),
            done=lambda d: self.status(f"Se registró la notificación de «{d.name}»."),
        )

    def toggle_active(self) -> None:
        dep = self.current_dependency()
        if dep is None:
            return
        if not dep.active:
            self.ctx.call(
                members_ops.reactivate_dependency,
                dep.id,
                done=lambda d: self.status(f"«{d.name}» vuelve a estar activa."),
            )
            return
        counts = "" if dep.invited else " y dejará de contar para el quórum de las próximas sesiones"
        if not kit.confirm(
            self,
            "Desactivar",
            f"«{dep.name}» quedará inactiva desde hoy{counts}.",
            "Desactivar",
            detail="No se borra nada: sus asistencias, actas y compromisos se conservan, y puede "
            "reactivarla cuando quiera (marque «Mostrar inactivas»).",
        ):
            return
        self.ctx.call(
            members_ops.deactivate_dependency,
            dep.id,
            done=lambda d: self.status(
                f"«{d.name}» quedó inactiva. Puede reactivarla desde «Mostrar inactivas»."
            ),
        )

    def new_person(self, dependency_id: uuid.UUID | None) -> None:
        if not any(d.active for d in self.members):
            self.ctx.error.emit("Primero registre al menos una dependencia o actor invitado.")
            return
        dialog = PersonDialog(
            self.members,
            self,
            dependency_id=dependency_id,
            entity_name=self.mesa.entity_name if self.mesa else "la secretaría técnica",
        )
        if not kit.run_dialog(dialog):
            return
        values = dialog.values()
        name = values.pop("full_name")
        self.ctx.call(
            members_ops.add_person,
            name,
            done=lambda p: self.status(f"Se registró a {p.full_name}."),
            **values,
        )

    def edit_person(self) -> None:
        person = self.current_person()
        if person is None:
            return
        dialog = PersonDialog(
            self.members,
            self,
            person=person,
            entity_name=self.mesa.entity_name if self.mesa else "la secretaría técnica",
        )
        if not kit.run_dialog(dialog):
            return
        values = dialog.values()
        values.pop("dependency")
        if values["entity"] is None:
            values.pop("entity")
        self.ctx.call(
            members_ops.update_person,
            person.id,
            done=lambda p: self.status(f"Se guardaron los datos de {p.full_name}."),
            **values,
        )

    def import_members(self) -> None:
        path = kit.open_file(
            self,
            "Importar integrantes desde Excel o CSV",
            "Listas de integrantes (*.xlsx *.csv);;Todos los archivos (*)",
        )
        if not path:
            return
        self.ctx.call(members_ops.preview_import, path, done=self._show_preview)

    def _show_preview(self, preview: member_import.ImportPreview) -> None:
        dialog = ImportPreviewDialog(preview, self)
        if not kit.run_dialog(dialog) or not preview.valid_rows:
            return
        self.ctx.call(members_ops.apply_import, preview, done=self._imported)

    def _imported(self, result: member_import.ImportResult) -> None:
        parts = [f"{result.people_added} personas importadas"]
        if result.dependencies_added:
            parts.append(f"{result.dependencies_added} dependencias nuevas")
        if result.invited_added:
            parts.append(f"{result.invited_added} actores invitados nuevos")
        if result.skipped:
            parts.append(f"{result.skipped} filas con errores sin importar")
        self.status(", ".join(parts) + ".")

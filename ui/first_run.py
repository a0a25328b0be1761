"""First run: a short wizard that creates the store's mesa, or loads the demo mesa.

Steps: kind of mesa (territorial / national preset) → department and municipality from
DIVIPOLA with accent-insensitive type-ahead → acto administrativo (optional, its absence is a
compliance gap) → focal point and quorum rule. The mesa is created in one
transaction by ``operations.mesa.set_up`` (the matching preset, then the wizard's answers).
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from mesa_desktop import clock, territories
from mesa_desktop.email_address import is_valid_email
from mesa_desktop.operations import mesa as mesa_ops
from mesa_desktop.rules import quorum
from mesa_desktop.services.lookup import fold
from ui.pages import page_kit as kit

FOLDED_ROLE = Qt.ItemDataRole.UserRole + 1
CODE_ROLE = Qt.ItemDataRole.UserRole + 2
WHOLE_DEPARTMENT = "— Mesa departamental (todo el departamento) —"


class FoldingCompleter(QCompleter):
    """Type-ahead that ignores accents and case: "cucu" finds "San José de Cúcuta"."""

    def __init__(self, model, parent=None):
        super().__init__(model, parent)
        self.setCompletionRole(FOLDED_ROLE)
        self.setFilterMode(Qt.MatchFlag.MatchContains)
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setMaxVisibleItems(12)

    def splitPath(self, path: str) -> list[str]:
        return [fold(path)]

    def pathFromIndex(self, index) -> str:
        return index.data(Qt.ItemDataRole.DisplayRole)


def territory_model(items: list[tuple[str, str]], parent=None) -> QStandardItemModel:
    """(code, display) rows, each with its folded text for the completer."""
    model = QStandardItemModel(parent)
    for code, display in items:
        item = QStandardItem(display)
        item.setData(fold(display), FOLDED_ROLE)
        item.setData(code, CODE_ROLE)
        model.appendRow(item)
    return model


class TerritoryCombo(QComboBox):
    """An editable combo over territories with accent-insensitive type-ahead."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.setMaxVisibleItems(15)
        self.setMinimumWidth(360)

    def set_items(self, items: list[tuple[str, str]]) -> None:
        model = territory_model(items, self)
        self.setModel(model)
        completer = FoldingCompleter(model, self)
        completer.activated[str].connect(self._select_text)  # type: ignore[index]  # the str overload
        self.setCompleter(completer)
        self.setCurrentIndex(-1)
        self.setEditText("")

    def _select_text(self, text: str) -> None:
        index = self.findText(text)
        if index >= 0:
            self.setCurrentIndex(index)

    def code(self) -> str | None:
        """The code of the typed or chosen territory (a unique partial match counts)."""
        text = fold(self.currentText())
        if not text:
            return None
        model = cast(QStandardItemModel, self.model())
        rows = [model.item(r) for r in range(self.count())]
        exact = [item for item in rows if item.data(FOLDED_ROLE) == text]
        if exact:
            return exact[0].data(CODE_ROLE)
        partial = [item for item in rows if text in item.data(FOLDED_ROLE)]
        return partial[0].data(CODE_ROLE) if len(partial) == 1 else None


class KindPage(QWizardPage):
    demo_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle("Bienvenido(a) a Mesa Desktop")
        self.setSubTitle(
            "Configure la mesa que usted coordina como secretaría técnica. "
            "Le tomará menos de dos minutos y podrá cambiarlo después."
        )
        self.territorial = QRadioButton(
            "Mesa técnica territorial de migración y salud (departamental, distrital o municipal)"
        )
        self.national = QRadioButton(
            "Mesa nacional del Ministerio de Salud y Protección Social (12 dependencias permanentes)"
        )
        self.consolidation = QRadioButton(
            "Consolidación nacional del Ministerio (recibir e integrar los paquetes de los puntos focales)"
        )
        self.territorial.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.territorial)
        group.addButton(self.national)
        group.addButton(self.consolidation)

        note = QLabel(
            "Las dependencias sugeridas por el lineamiento se crean automáticamente "
            "(numeral 2.5); podrá ajustarlas en «Conformación»."
        )
        note.setObjectName("hint")
        note.setWordWrap(True)
        self.demo_button = QPushButton("Abrir la mesa de demostración")
        self.demo_button.setObjectName("big")
        self.demo_button.setToolTip(
            "Una mesa de ejemplo (Cúcuta) con un año de sesiones, actas y "
            "compromisos, para explorar la aplicación sin riesgo."
        )
        self.demo_button.clicked.connect(self.demo_requested)
        self.demo_status = QLabel("")
        self.demo_status.setObjectName("hint")
        layout = QVBoxLayout(self)
        layout.addWidget(self.territorial)
        layout.addWidget(self.national)
        layout.addWidget(self.consolidation)
        layout.addWidget(note)
        layout.addSpacing(18)
        layout.addWidget(QLabel("¿Solo quiere conocer la aplicación?"))
        layout.addWidget(self.demo_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.demo_status)
        layout.addStretch(1)

    def nextId(self) -> int:
        if self.consolidation.isChecked():
            return FirstRunWizard.CONSOLIDATION
        return FirstRunWizard.ACTO if self.national.isChecked() else FirstRunWizard.TERRITORY


class TerritoryPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle("Territorio de la mesa")
        self.setSubTitle("Escriba unas letras del departamento y del municipio (sin importar tildes).")
        self.department = TerritoryCombo(self)
        self.department.set_items(
            [(t.code, t.name) for t in sorted(territories.departments(), key=lambda t: fold(t.name))]
        )
        self.municipality = TerritoryCombo(self)
        self.department.currentIndexChanged.connect(self._department_changed)
        self.department.editTextChanged.connect(self._department_typed)
        self.error = QLabel("")
        self.error.setObjectName("notice")
        self.error.setProperty("state", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout(self)
        form.addRow("Departamento:", self.department)
        form.addRow("Municipio o distrito:", self.municipality)
        hint = QLabel("Deje el municipio vacío si la mesa es del departamento.")
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        form.addRow("", hint)
        self.preview = QLabel("")
        self.preview.setObjectName("sectionTitle")
        self.preview.setWordWrap(True)
        form.addRow("", self.preview)
        form.addRow(self.error)
        self._department_code: str | None = None
        self.municipality.editTextChanged.connect(self._show_preview)
        self.department.editTextChanged.connect(self._show_preview)
        # A refusal stays only while it is true: a valid choice afterwards clears it.
        self.municipality.editTextChanged.connect(self._clear_solved_error)
        self.department.editTextChanged.connect(self._clear_solved_error)
        self.municipality.currentIndexChanged.connect(self._clear_solved_error)
        self.department.currentIndexChanged.connect(self._clear_solved_error)

    def _show_preview(self, _text: str = "") -> None:
        department = self.department.code()
        town = self.municipality.code() if department else None
        if department is None:
            self.preview.setText("")
        elif town and town != department:
            self.preview.setText(f"Territorio: {territories.get(town).full_name} (DIVIPOLA {town})")
        else:
            self.preview.setText(
                f"Territorio: departamento de {territories.get(department).name} (DIVIPOLA {department})"
            )

    def _department_typed(self, _text: str) -> None:
        code = self.department.code()
        if code and code != self._department_code:
            self._load_municipalities(code)

    def _department_changed(self, index: int) -> None:
        if index >= 0:
            self._load_municipalities(self.department.itemData(index, CODE_ROLE))

    def _load_municipalities(self, code: str) -> None:
        self._department_code = code
        towns = sorted(territories.municipalities_of(code), key=lambda t: fold(t.name))
        self.municipality.set_items([(code, WHOLE_DEPARTMENT)] + [(t.code, t.name) for t in towns])
        self.municipality.lineEdit().setPlaceholderText("Vacío: mesa departamental")

    def territory_code(self) -> str | None:
        department = self.department.code()
        if department is None:
            return None
        if department != self._department_code:
            self._load_municipalities(department)
        town = self.municipality.code()
        return town or department

    def problem(self) -> str | None:
        """Why the choice cannot be used yet, or ``None`` when it can."""
        if self.department.code() is None:
            return "Elija un departamento de la lista (escriba unas letras y seleccione)."
        if self.municipality.currentText().strip() and self.municipality.code() is None:
            return (
                "Ese municipio no está en la lista del departamento elegido. "
                "Escriba unas letras y elija uno de la lista."
            )
        return None

    def validatePage(self) -> bool:
        return _shown(self.error, self.problem())

    def _clear_solved_error(self, _value: object = None) -> None:
        if not self.error.isHidden() and self.problem() is None:
            self.error.hide()

    def nextId(self) -> int:
        return FirstRunWizard.ACTO


class ActoPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle("Acto administrativo de la mesa (opcional)")
        self.setSubTitle("El decreto o la resolución que formaliza la mesa (lineamiento 2.6 y 2.7).")
        self.number = QLineEdit()
        self.number.setPlaceholderText("p. ej. Decreto 0142 de 2026")
        self.has_date = QCheckBox("Indicar fecha")
        self.date = QDateEdit(kit.to_qdate(clock.today()))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("dd/MM/yyyy")
        self.date.setEnabled(False)
        self.has_date.toggled.connect(self.date.setEnabled)
        self.authority = QLineEdit()
        self.authority.setPlaceholderText("p. ej. Alcaldía de San José de Cúcuta")
        self.warning = QLabel(
            "Sin acto administrativo, el tablero de cumplimiento mostrará la mesa sin formalizar "
            "(una brecha frente al lineamiento). Puede registrarlo después en «Configuración»."
        )
        self.warning.setObjectName("notice")
        self.warning.setWordWrap(True)
        self.number.textChanged.connect(lambda text: self.warning.setVisible(not text.strip()))
        form = QFormLayout(self)
        form.addRow("Número:", self.number)
        form.addRow("Fecha:", _row(self.has_date, self.date))
        form.addRow("Expedido por:", self.authority)
        form.addRow(self.warning)

    def nextId(self) -> int:
        return FirstRunWizard.FOCAL


class FocalPage(QWizardPage):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle("Punto focal y regla de quórum")
        self.setSubTitle(
            "Usted ejerce la secretaría técnica: convoca, verifica la asistencia y redacta las actas."
        )
        self.name = QLineEdit()
        self.name.setPlaceholderText("Nombre completo")
        self.email = QLineEdit()
        self.email.setPlaceholderText("correo institucional")
        self.half_plus_one = QRadioButton("La mitad más una de las delegaciones (lineamiento 1.5 b)")
        self.absolute = QRadioButton("Mayoría absoluta (si así lo dice el acto administrativo)")
        self.half_plus_one.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.half_plus_one)
        group.addButton(self.absolute)
        example = QLabel(
            "Con 12 dependencias: mitad más una = 7; mayoría absoluta = 7. "
            "Con 11: 7 y 6. Las sesiones extraordinarias no requieren quórum."
        )
        example.setObjectName("hint")
        example.setWordWrap(True)
        self.error = QLabel("")
        self.error.setObjectName("notice")
        self.error.setProperty("state", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        form = QFormLayout(self)
        form.addRow("Punto focal:", self.name)
        form.addRow("Correo:", self.email)
        form.addRow("Quórum:", self.half_plus_one)
        form.addRow("", self.absolute)
        form.addRow("", example)
        form.addRow(self.error)
        self.name.textChanged.connect(self._clear_solved_error)
        self.email.textChanged.connect(self._clear_solved_error)

    def problem(self) -> str | None:
        """Why the focal point cannot be saved yet, or ``None`` when it can."""
        if not self.name.text().strip():
            # The convocations, actas and the ministry's bundle are signed with this name.
            return "Escriba el nombre del punto focal: firma las convocatorias y las actas."
        email = self.email.text().strip()
        if email and not is_valid_email(email):
            return f"El correo «{email}» no es válido. Corríjalo o déjelo vacío."
        return None

    def validatePage(self) -> bool:
        if _shown(self.error, self.problem()):
            return True
        (self.email if self.name.text().strip() else self.name).setFocus()
        return False

    def _clear_solved_error(self, _value: object = None) -> None:
        if not self.error.isHidden() and self.problem() is None:
            self.error.hide()

    def nextId(self) -> int:
        return -1  # the last step of a mesa (the consolidation page is not after it)

    def rule(self) -> str:
        return quorum.RULE_MAYORIA_ABSOLUTA if self.absolute.isChecked() else quorum.RULE_MITAD_MAS_UNO


def _shown(label: QLabel, problem: str | None) -> bool:
    """Show ``problem`` in ``label`` (or hide it when there is none); True when there is none."""
    if problem is None:
        label.hide()
        return True
    label.setText(problem)
    label.show()
    return False


def _row(*widgets) -> QWidget:
    from PySide6.QtWidgets import QHBoxLayout

    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        layout.addWidget(widget)
    layout.addStretch(1)
    return box


class ConsolidationPage(QWizardPage):
    """The ministry's store: nothing to configure, only what it is for."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setTitle("Consolidación nacional del Ministerio")
        self.setSubTitle("Este almacén recibirá los paquetes que envían los puntos focales por correo.")
        text = QLabel(
            "Aquí se importan los archivos .mesa de los territorios con la llave secreta del "
            "Ministerio: se descifran, se verifica su firma y se integran en la vista nacional. "
            "Cada paquete aceptado produce un acuse de recibo para devolver al punto focal. "
            "Este almacén no lleva una mesa propia: para la mesa nacional del Ministerio use otro "
            "almacén."
        )
        text.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addStretch(1)

    def nextId(self) -> int:
        return -1


class FirstRunWizard(QWizard):
    """Creates the mesa; ``created(MesaInfo)`` fires once it exists in the store."""

    KIND, TERRITORY, ACTO, FOCAL, CONSOLIDATION = range(5)
    created = Signal(object)

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle("Configurar la mesa")
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage)
        self.setMinimumSize(720, 480)
        self.kind_page = KindPage()
        self.territory_page = TerritoryPage()
        self.acto_page = ActoPage()
        self.focal_page = FocalPage()
        self.setPage(self.KIND, self.kind_page)
        self.setPage(self.TERRITORY, self.territory_page)
        self.setPage(self.ACTO, self.acto_page)
        self.setPage(self.FOCAL, self.focal_page)
        self.setPage(self.CONSOLIDATION, ConsolidationPage())
        self.setButtonText(QWizard.WizardButton.FinishButton, "Crear la mesa")
        self.setButtonText(QWizard.WizardButton.NextButton, "Siguiente >")
        self.setButtonText(QWizard.WizardButton.BackButton, "< Atrás")
        self.setButtonText(QWizard.WizardButton.CancelButton, "Cancelar")
        self.kind_page.demo_requested.connect(self.open_demo)
        self._busy = False

    def choices(self) -> mesa_ops.MesaChoices:
        national = self.kind_page.national.isChecked()
        acto = self.acto_page
        focal = self.focal_page
        return mesa_ops.MesaChoices(
            territory_code=territories.NATIONAL_CODE
            if national
            else cast(str, self.territory_page.territory_code()),
            kind="national" if national else None,
            preset="nacional" if national else "territorial",
            quorum_rule=focal.rule(),
            focal_point_name=focal.name.text().strip() or None,
            focal_point_email=focal.email.text().strip() or None,
            acto_number=acto.number.text().strip() or None,
            acto_date=acto.date.date().toPython() if acto.has_date.isChecked() else None,
            acto_authority=acto.authority.text().strip() or None,
        )

    def accept(self) -> None:
        """Finish: create the mesa on the DB thread; close only once it exists."""
        if self._busy:
            return
        # QWizard validates the last page in done(), which runs only after the mesa exists.
        if not self.validateCurrentPage():
            return
        self._set_busy(True)
        if self.kind_page.consolidation.isChecked():
            self.ctx.call(mesa_ops.make_consolidation_store, done=self._created, failed=self._failed)
            return
        self.ctx.call(mesa_ops.set_up, self.choices(), done=self._created, failed=self._failed)

    def open_demo(self) -> None:
        if self._busy:
            return
        self._set_busy(True)
        self.kind_page.demo_status.setText("Cargando la mesa de demostración (unos segundos)…")
        self.ctx.call(mesa_ops.load_demo, done=self._created, failed=self._failed)

    def _created(self, mesa) -> None:
        self._set_busy(False)
        self.created.emit(mesa)
        super().accept()

    def _failed(self, message: str) -> None:
        self._set_busy(False)
        self.kind_page.demo_status.setText("")
        self.ctx.error.emit(message)

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for which in (
            QWizard.WizardButton.FinishButton,
            QWizard.WizardButton.NextButton,
            QWizard.WizardButton.BackButton,
        ):
            button = self.button(which)
            if button is not None:
                button.setEnabled(not busy)
        self.kind_page.demo_button.setEnabled(not busy)

"""Backups and restore: copies through SQLite's backup API, validated restores, a health check.

Restoring runs on the database thread (no other query can run while the file is replaced),
and the store keeps a copy of the data it replaces, so a restore can itself be undone.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from mesa_desktop import clock, formatting
from mesa_desktop.operations import backup as backup_ops
from mesa_desktop.operations.backup import ENCRYPTED_SUFFIX, is_encrypted
from ui.pages import page_kit as kit
from ui.widgets import files


def ask_passphrase(parent: QWidget, name: str) -> str | None:
    """The passphrase of an encrypted copy, or None if the user cancels."""
    text, ok = QInputDialog.getText(
        parent, "Copia cifrada", f"Contraseña de «{name}»:", QLineEdit.EchoMode.Password
    )
    return text if ok and text else None


def ask_new_passphrase(parent: QWidget, purpose: str) -> str | None:
    """A new passphrase typed twice; None if cancelled. A mismatch is said and asked again."""
    while True:
        first, ok = QInputDialog.getText(
            parent, "Contraseña de las copias", f"{purpose}\nContraseña:", QLineEdit.EchoMode.Password
        )
        if not ok:
            return None
        second, ok = QInputDialog.getText(
            parent, "Contraseña de las copias", "Repita la contraseña:", QLineEdit.EchoMode.Password
        )
        if not ok:
            return None
        if first and first == second:
            return first
        kit.confirm(
            parent,
            "Contraseña de las copias",
            "Las dos contraseñas no coinciden o están vacías.",
            "Intentar de nuevo",
        )


def suggested_copy_name() -> str:
    return str(
        Path(files.documents_folder()) / f"copia-mesa-{clock.local(clock.utcnow()):%Y-%m-%d-%H%M}.sqlite"
    )


def when(moment: datetime) -> str:
    """A file's time (the laptop's clock, naive) on Colombia's clock: '21 may 2026, 9:03 a. m.'."""
    return formatting.moment(moment.astimezone())


class BackupPage(kit.Page):
    """Create a copy now, list the automatic ones, restore, check the database."""

    TOPICS = ("store", "members")
    HEADERS = ("Copia", "Tipo", "Fecha", "Tamaño")

    def __init__(self, ctx, parent: QWidget | None = None):
        super().__init__(ctx, parent)
        self.copies: list[backup_ops.BackupFile] = []
        self._busy: QProgressDialog | None = None
        layout, self.subtitle = kit.page_layout(self, "Copias de seguridad")
        store = ctx.store
        self.available = store.file is not None
        folder = store.backups_dir
        self.subtitle.setText(
            f"Almacén: {store.file}. La aplicación guarda sola una copia cada día (conserva las 7 más "
            f"recientes) y otra antes de cada actualización, importación o restauración, en {folder}."
            if self.available
            else "Este almacén no es un archivo SQLite: sus copias las hace el administrador de la base de datos."
        )

        actions = QHBoxLayout()
        self.backup_button = QPushButton("Crear copia ahora…", self)
        self.backup_button.setObjectName("primary")
        self.restore_button = QPushButton("Restaurar desde un archivo…", self)
        self.check_button = QPushButton("Verificar base de datos", self)
        for button in (self.backup_button, self.restore_button, self.check_button):
            actions.addWidget(button)
            button.setEnabled(self.available)
        actions.addStretch(1)
        layout.addLayout(actions)

        # Copies hold personal data and signatures: they can leave the laptop encrypted.
        secret = QHBoxLayout()
        self.encrypt_check = QCheckBox("Cifrar la copia con contraseña", self)
        self.passphrase_edit = QLineEdit(self)
        self.passphrase_edit.setPlaceholderText("Contraseña")
        self.confirm_edit = QLineEdit(self)
        self.confirm_edit.setPlaceholderText("Repita la contraseña")
        for edit in (self.passphrase_edit, self.confirm_edit):
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setEnabled(False)
        self.daily_check = QCheckBox("Cifrar la copia diaria", self)
        self.daily_check.setToolTip(
            "La copia automática se cifra sin pedir nada; al restaurarla se pide "
            "la contraseña elegida al activar esta opción."
        )
        self.daily_check.setChecked(self.available and store.daily_encryption_on())
        self.daily_check.setEnabled(self.available)
        self.encrypt_check.setEnabled(self.available)
        for widget in (self.encrypt_check, self.passphrase_edit, self.confirm_edit):
            secret.addWidget(widget)
        secret.addStretch(1)
        secret.addWidget(self.daily_check)
        layout.addLayout(secret)

        self.result = kit.notice(
            "Guarde también una copia fuera del computador (memoria USB o correo "
            "institucional) después de cada sesión.",
            parent=self,
        )
        layout.addWidget(self.result)

        layout.addWidget(kit.section_title("Copias guardadas en el computador", self))
        self.table = kit.make_table(self.HEADERS, self, stretch=0)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.restore_selected_button = QPushButton("Restaurar esta copia…", self)
        self.open_folder_button = QPushButton("Abrir la carpeta de copias", self)
        row.addWidget(self.restore_selected_button)
        row.addStretch(1)
        row.addWidget(self.open_folder_button)
        layout.addLayout(row)

        self.backup_button.clicked.connect(self.backup_now)
        self.encrypt_check.toggled.connect(self._encrypt_toggled)
        self.daily_check.clicked.connect(self.set_daily_encryption)
        self.restore_button.clicked.connect(self.restore_from_file)
        self.restore_selected_button.clicked.connect(self.restore_selected)
        self.check_button.clicked.connect(self.check_database)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.table.doubleClicked.connect(lambda _i: self.restore_selected())
        self._update_buttons()

    # -- loading --------------------------------------------------------------------------------
    def load(self) -> None:
        self.ctx.work(backup_ops.backups, self.ctx.store, done=self._loaded)

    def _loaded(self, copies: list[backup_ops.BackupFile]) -> None:
        self.copies = copies
        self.table.setRowCount(len(copies))
        for row, copy in enumerate(copies):
            kit.fill_row(
                self.table,
                row,
                (copy.path.name, copy.kind, when(copy.modified), copy.size_text),
                key=str(copy.path),
            )
        self.table.resizeRowsToContents()
        if copies:
            self.table.selectRow(0)
        self._update_buttons()
        self.mark_loaded()

    def _update_buttons(self) -> None:
        self.restore_selected_button.setEnabled(self.available and kit.selected_key(self.table) is not None)
        self.open_folder_button.setEnabled(self.available)

    # -- progress ----------------------------------------------------------------------------------
    def _start(self, text: str) -> None:
        # No cancel button: SQLite's backup cannot be stopped halfway safely.
        self._busy = kit.busy_dialog(self, "Copias de seguridad", text)
        self.status(text)

    def _finish(self, text: str, state: str) -> None:
        dialog, self._busy = self._busy, None
        kit.dismiss(dialog)
        self.result.setText(text)
        kit.set_notice_state(self.result, state)

    def _failed(self, message: str) -> None:
        self._finish(message, "error")
        self.ctx.error.emit(message)

    # -- actions ------------------------------------------------------------------------------------
    def _encrypt_toggled(self, on: bool) -> None:
        for edit in (self.passphrase_edit, self.confirm_edit):
            edit.setEnabled(on)
            if not on:
                edit.clear()

    def backup_now(self) -> None:
        passphrase = None
        if self.encrypt_check.isChecked():
            passphrase = self.passphrase_edit.text()
            if not passphrase or passphrase != self.confirm_edit.text():
                self._finish("Escriba la contraseña dos veces, igual, para cifrar la copia.", "error")
                return
        suggested = suggested_copy_name()
        if passphrase:
            suggested = suggested.removesuffix(".sqlite") + ENCRYPTED_SUFFIX
        filters = (
            "Copia cifrada de Mesa Desktop (*.sqlite.age)"
            if passphrase
            else "Copia de Mesa Desktop (*.sqlite)"
        )
        target = kit.save_file(self, "Guardar una copia de seguridad", suggested, filters)
        if not target:
            return
        if passphrase and not target.lower().endswith(ENCRYPTED_SUFFIX):
            target = target.removesuffix(".sqlite") + ENCRYPTED_SUFFIX
        elif not passphrase and not target.lower().endswith((".sqlite", ".db")):
            target += ".sqlite"
        self._start("Guardando la copia de seguridad…")
        self.ctx.work(
            backup_ops.copy_to, self.ctx.store, target, passphrase, done=self._backed_up, failed=self._failed
        )

    def set_daily_encryption(self, on: bool) -> None:
        passphrase = None
        if on:
            passphrase = ask_new_passphrase(
                self, "La copia diaria se cifrará; esta contraseña se pedirá para restaurarla."
            )
            if passphrase is None:
                self.daily_check.setChecked(False)
                return
        self.ctx.work(
            backup_ops.set_daily_encryption,
            self.ctx.store,
            passphrase,
            done=self._daily_set,
            failed=self._daily_failed,
        )

    def _daily_set(self, on: bool) -> None:
        self.daily_check.setChecked(on)
        self._finish(
            "La copia diaria se guardará cifrada; al restaurarla se pedirá la contraseña."
            if on
            else "La copia diaria ya no se cifra; las copias cifradas anteriores se pueden restaurar.",
            "ok",
        )

    def _daily_failed(self, message: str) -> None:
        self.daily_check.setChecked(self.ctx.store.daily_encryption_on())
        self._failed(message)

    def _backed_up(self, target) -> None:
        self._finish(f"Copia guardada en {target}. Guárdela también fuera de este computador.", "ok")
        self.status(f"Copia guardada en {target}.")
        self.refresh()

    def restore_from_file(self) -> None:
        folder = str(self.ctx.store.backups_dir or "")
        path = kit.open_file(
            self,
            "Restaurar una copia de seguridad",
            "Copias de Mesa Desktop (*.sqlite *.db *.sqlite.age);;Todos los archivos (*)",
            folder,
        )
        if path:
            self._restore(path)

    def restore_selected(self) -> None:
        path = kit.selected_key(self.table)
        if path:
            self._restore(path)

    def _restore(self, path: str) -> None:
        name = Path(path).name
        if not kit.confirm(
            self,
            "Restaurar copia de seguridad",
            f"Los datos actuales de la mesa se reemplazarán por los de «{name}».",
            "Restaurar",
            detail=(
                "Antes de restaurar, la aplicación guarda una copia de los datos actuales en la carpeta "
                "de copias («Antes de una restauración»), así que puede volver atrás. La copia se "
                "verifica primero: si está dañada o no es de Mesa Desktop, no se toca nada."
            ),
        ):
            return
        passphrase = None
        if is_encrypted(Path(path)):
            passphrase = ask_passphrase(self, name)
            if passphrase is None:
                return
        self._start(f"Restaurando «{name}»…")
        self.ctx.call(backup_ops.restore, path, passphrase, done=self._restored, failed=self._failed)

    def _restored(self, kept: Path) -> None:
        self._finish(
            f"Se restauró la copia. Los datos que había antes quedaron guardados en {kept.name} "
            "(vea la lista de copias).",
            "ok",
        )
        self.status("Copia restaurada.")

    def check_database(self) -> None:
        self._start("Verificando la base de datos…")
        self.ctx.call(backup_ops.quick_check, done=self._checked, failed=self._failed)

    def _checked(self, result: str) -> None:
        if result == "ok":
            self._finish(
                "La base de datos está en buen estado (verificación de integridad de SQLite: ok).", "ok"
            )
        else:
            self._finish(
                f"La verificación encontró problemas: {result}. Restaure la copia más reciente "
                "y avise al soporte.",
                "error",
            )

    def open_folder(self) -> None:
        folder = self.ctx.store.backups_dir
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            files.open_folder(folder)
